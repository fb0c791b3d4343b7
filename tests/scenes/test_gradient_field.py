"""The gradient-field scene, rendered for real: arrows to scale, ∇f ⟂ level curves, every number gdmath's."""

import importlib
import math
import tomllib
from collections import Counter
from dataclasses import replace
from fractions import Fraction
from unittest import mock

import numpy as np
import pytest

from gdmath import parse
from scenes.gradient_field import GradientFieldParameters, largest_arrow_scale, view_in_plane_units
from scenes.kit.narration import Script
from scenes.kit.style import MATH_BOTTOM
from scenes.kit.variants import FieldError

from .screen import assert_numbers_on_screen
from .conftest import (dry_run, assert_legible, assert_no_english_on_screen, ROOT, assert_subtitles_match_beats,
                       assert_video_matches_record, frame_at, reads_as, srt_cues)

# The tests of this module share its renders: one worker runs them all (pytest -n).
pytestmark = pytest.mark.xdist_group("gradient_field")

SCENE = "scenes/gradient_field.py"
BEATS = ["function", "levels", "partials", "gradient", "field", "scale", "perpendicular", "steepest",
         "descent", "summary"]


@pytest.fixture(scope="module")
def rendered(render):
    return render(SCENE)


@pytest.fixture(scope="module")
def rendered_en(render):
    return render(SCENE, env={"LECTURE_LANGUAGE": "en"})


def expected_numbers() -> dict[str, Fraction]:
    """What the scene must show for the lecture note, by hand: ∇(x² + y²) = (2x, 2y) at P₁, P₂, P₃."""
    points = [(Fraction(6, 5), Fraction(8, 5)), (Fraction(-12, 5), Fraction(9, 5)), (Fraction(-8, 5), Fraction(-6, 5))]
    expected = {"level 1": Fraction(1), "level 2": Fraction(4), "level 3": Fraction(9), "arrow scale": Fraction(1, 10),
                "reference |grad f|": Fraction(5), "minimum x": Fraction(0), "minimum y": Fraction(0)}
    for index, point in enumerate(points, start=1):
        for axis, coordinate in zip("xy", point):
            expected[f"P{index} {axis}"] = coordinate
            expected[f"P{index} grad {axis}"] = 2 * coordinate
            expected[f"P{index} -grad {axis}"] = -2 * coordinate
    return expected


#: The table as a student reads it in the lecture note.
LECTURE_TEXTS = {"P1 x": "1.2", "P1 y": "1.6", "P1 grad x": "2.4", "P1 grad y": "3.2", "P2 grad x": "-4.8",
                 "P2 -grad x": "4.8", "P3 -grad y": "2.4", "arrow scale": "0.1", "level 3": "9"}


def test_defaults_are_the_lecture_notes():
    plan = GradientFieldParameters().resolve()
    f = plan.f
    assert f == parse("x**2 + y**2")
    # The note's partials ∂f/∂x = 2x, ∂f/∂y = 2y, and the gradient (2x, 2y).
    assert plan.partials == (parse("2*x"), parse("2*y"))
    assert [d.to_latex() for d in plan.partials] == ["2x", "2y"]
    # The chosen points lie on the drawn level circles, so their tangents are tangents of curves on screen.
    assert plan.levels == (1, 4, 9)
    assert plan.points == ((Fraction(6, 5), Fraction(8, 5)), (Fraction(-12, 5), Fraction(9, 5)),
                           (Fraction(-8, 5), Fraction(-6, 5)))
    for point, gradient in zip(plan.points, plan.gradients):
        assert f(point) in plan.levels
        assert gradient == (2 * point[0], 2 * point[1])
    # A grid of 9 × 9 arrows from −3 to 3; the one at the bottom of the bowl has no length.
    assert len(plan.grid) == 81 and len(plan.field) == 80
    assert ((0, 0), (0, 0)) in plan.grid and all(any(gradient) for _, gradient in plan.field)
    assert (plan.arrow_scale, plan.reference_gradient, plan.tangent_half_length) == (Fraction(1, 10), 5,
                                                                                      Fraction(9, 10))
    # −∇f of a round bowl leads straight to its bottom, the origin.
    assert plan.centre == (0, 0) and plan.guide_ends == ((0, 0),) * 3


def test_each_value_is_parsed_once_when_the_plan_is_made():
    # Each text written once, so that a count by text tells which value was parsed twice (tests/scenes/
    # test_plan.py counts parses of every scene by kind, and over a whole render).
    parser, exact = importlib.import_module("gdmath.parse"), importlib.import_module("gdmath.exact")
    p = replace(GradientFieldParameters(), function="x^4 + y^4", stationary=("0", "0.0"), arrow_scale="0.001")
    texts = ["3.5", "3", "0.75", "0.001", "5", "0.9", "1", "4", "9", "1.2", "1.6", "-2.4", "1.8", "-1.6", "-1.2",
             "0", "0.0"]
    with (mock.patch.object(parser._Parser, "parse", autospec=True, side_effect=parser._Parser.parse) as functions,
          mock.patch.object(exact, "_fraction_from_text", wraps=exact._fraction_from_text) as numbers):
        plan = p.make_plan()
    assert plan.landscape.kind == "minimum" and plan.stationary == (0, 0)
    assert functions.call_count == 1
    assert Counter(call.args[0] for call in numbers.call_args_list) == Counter(texts)


def test_video_has_the_recorded_length_and_a_picture_at_the_end(rendered):
    assert_video_matches_record(rendered)
    assert 50 <= rendered.record["duration"] <= 80


def test_subtitles_follow_the_narration(rendered):
    assert_subtitles_match_beats(rendered)
    assert [b["beat"] for b in rendered.record["beats"]] == BEATS
    assert rendered.record["language"] == "ko"
    texts = [text for _, _, text in srt_cues(rendered.subtitles)]
    assert any("편미분" in text for text in texts)
    assert any("그레디언트" in text for text in texts)


def test_every_number_shown_is_the_lecture_notes(rendered):
    expected = expected_numbers()
    shown = rendered.numbers()
    assert {label for label, _, _ in shown} == set(expected)
    for label, value, text in shown:
        assert value == expected[label], label
        assert reads_as(text, value), (label, text, value)
    texts = {label: text for label, _, text in shown}
    assert {label: texts[label] for label in LECTURE_TEXTS} == LECTURE_TEXTS


def test_every_number_drawn_was_recorded_and_every_number_recorded_was_drawn(rendered, rendered_en):
    for record in (rendered.record, rendered_en.record):
        assert_numbers_on_screen(record)
    assert {(f["label"], f["text"]) for f in rendered.record["formulas"]} == {
        ("f", "x^{2} + y^{2}"), ("f", "x² + y²"), ("∂f/∂x", "2x"), ("∂f/∂y", "2y")}
    # The −∇f column is drawn in the descent beat, and recorded then, not when the table was built.
    descent = next(b for b in rendered.record["beats"] if b["beat"] == "descent")
    times = [n["time"] for n in rendered.record["numbers"] if "-grad" in n["label"]]
    assert all(descent["start"] <= t <= descent["end"] for t in times)


def test_the_plane_is_square_and_stays_out_of_the_caption_band(rendered):
    record = rendered.record
    assert record["unit_x"] == pytest.approx(record["unit_y"], rel=1e-12)
    left, bottom, right, top = record["drawing_box"]
    width, height = record["frame"]
    assert bottom >= MATH_BOTTOM
    assert -width / 2 + 0.25 <= left and right <= width / 2 - 0.25
    assert top <= height / 2 - 0.2


def test_field_arrows_are_exactly_proportional_to_the_gradient(rendered):
    p = GradientFieldParameters()
    f = parse(p.function)
    record = rendered.record
    scale = Fraction(record["arrow_scale"])
    assert scale == Fraction(1, 10)
    step, extent = Fraction(3, 4), Fraction(3)
    count = int(extent / step)
    grid = {(i * step, j * step) for i in range(-count, count + 1) for j in range(-count, count + 1)}
    expected_points = {point for point in grid if any(f.gradient_at(point))}
    drawn_points = {tuple(Fraction(c) for c in arrow["point"]) for arrow in record["field"]}
    assert drawn_points == expected_points
    lengths = []
    for arrow in record["field"]:
        point = tuple(Fraction(c) for c in arrow["point"])
        gradient = f.gradient_at(point)
        assert tuple(Fraction(c) for c in arrow["vector"]) == gradient
        magnitude = math.hypot(*map(float, gradient))
        # Measured on the mobject, tail to tip point, in plane units: s·∇f exactly, so s·|∇f| long.
        assert arrow["drawn"] == pytest.approx([float(scale * g) for g in gradient], abs=1e-9)
        assert arrow["drawn_length"] == pytest.approx(float(scale) * magnitude, rel=1e-9)
        lengths.append(arrow["drawn_length"] / magnitude)
    assert max(lengths) / min(lengths) == pytest.approx(1, abs=1e-9)
    # Tips are one size on every arrow long enough to carry one, whatever its length.
    unit = record["unit_x"]
    fixed = p.field_tip_length / unit
    long_enough = [a for a in record["field"] if a["drawn_length"] * p.tip_to_length_ratio >= fixed]
    assert len(long_enough) >= 0.9 * len(record["field"])
    for arrow in long_enough:
        assert arrow["tip_length"] == pytest.approx(fixed, rel=1e-6)
    # The longest arrow is about one grid cell: long enough to read, short enough not to pile up.
    longest = max(a["drawn_length"] for a in record["field"])
    assert 0.8 * float(step) <= longest <= 1.5 * float(step)


def test_reference_arrow_matches_the_legend(rendered):
    reference = rendered.record["reference"]
    scale = Fraction(rendered.record["arrow_scale"])
    value = Fraction(5)
    assert reference["drawn_length"] == pytest.approx(float(scale * value), rel=1e-9)


def test_highlighted_arrows_use_the_same_scale_and_meet_the_tangent_at_right_angles(rendered):
    f = parse("x^2 + y^2")
    record = rendered.record
    scale = float(Fraction(record["arrow_scale"]))
    points = [(Fraction(6, 5), Fraction(8, 5)), (Fraction(-12, 5), Fraction(9, 5)), (Fraction(-8, 5), Fraction(-6, 5))]
    for kind, sign in (("ascent", 1), ("descent", -1)):
        arrows = [h for h in record["highlights"] if h["kind"] == kind]
        assert [tuple(Fraction(c) for c in h["point"]) for h in arrows] == points
        for arrow, point in zip(arrows, points):
            gradient = f.gradient_at(point)
            assert tuple(Fraction(c) for c in arrow["vector"]) == tuple(sign * g for g in gradient)
            assert arrow["drawn"] == pytest.approx([sign * scale * float(g) for g in gradient], abs=1e-9)
    for tangent, point in zip(record["tangents"], points):
        gradient = np.array([float(g) for g in f.gradient_at(point)])
        direction = np.array(tangent["direction"])
        assert abs(direction @ gradient) <= 1e-9 * np.linalg.norm(direction) * np.linalg.norm(gradient)
        assert np.linalg.norm(direction) > 1
    # −∇f points at the minimum: along the segment from the point to the origin.
    for arrow in (h for h in record["highlights"] if h["kind"] == "descent"):
        point = np.array([float(Fraction(c)) for c in arrow["point"]])
        drawn = np.array(arrow["drawn"])
        assert abs(drawn[0] * point[1] - drawn[1] * point[0]) < 1e-9 and drawn @ -point > 0


def test_the_arrows_are_in_the_video_where_the_record_says(rendered):
    record = rendered.record
    frame = frame_at(rendered.video).astype(int)
    height, width, _ = frame.shape
    frame_width, frame_height = record["frame"]

    def pixel(x, y):
        return frame[round((frame_height / 2 - y) / frame_height * height),
                     round((x + frame_width / 2) / frame_width * width)]

    for arrow in record["highlights"]:
        start, end = np.array(arrow["screen_start"]), np.array(arrow["screen_end"])
        # Just behind the tip point, inside the filled tip.
        r, g, b = pixel(*(end + 0.06 * (start - end) / np.linalg.norm(start - end)))
        if arrow["kind"] == "ascent":
            assert r > 150 and r > g + 40 and r > b + 40, (arrow["point"], (r, g, b))
        else:
            assert r > 150 and g > 150 and b < 140, (arrow["point"], (r, g, b))


def test_english_subtitles_are_the_english_script(rendered_en):
    assert_subtitles_match_beats(rendered_en)
    assert rendered_en.record["language"] == "en"
    script = tomllib.loads((ROOT / "scenes/script/gradient_field.toml").read_text(encoding="utf-8"))
    values = {"function": "x² + y²", "c1": "1", "c2": "4", "c3": "9", "fx": "2x", "fy": "2y", "scale": "0.1",
              "mx": "0", "my": "0"}
    expected = [script[beat]["en"].format(**values) for beat in BEATS]
    assert [text for _, _, text in srt_cues(rendered_en.subtitles)] == expected
    assert not any(ord(c) >= 0xAC00 and ord(c) <= 0xD7A3 for text in expected for c in text)


def test_the_korean_video_writes_no_english_words(rendered):
    assert_no_english_on_screen(rendered)


def test_the_record_names_the_case_and_keeps_the_title(rendered, rendered_en):
    assert rendered.record["landscape"] == {"kind": "round-minimum", "levels": "levels", "field": "field",
                                            "descent": "descent", "marked": ["0", "0"], "line": None}
    assert rendered.record["title"] == "x² + y²의 그레디언트 벡터장"
    assert rendered_en.record["title"] == "The gradient field of x² + y²"


# -- what the narration says is true of the function (issue 15) ---------------------------------
# function, changes → kind, levels beat, field beat, descent beat, marked point
CASES = [
    ("x^2 + y^2", {}, "round-minimum", "levels", "field", "descent", (0, 0)),
    ("(x - 1)^2 + (y - 1)^2", {}, "round-minimum", "levels", "field_round", "descent", (1, 1)),
    ("x^2 + 2y^2", {}, "bowl", "levels_ellipses", "field_linear", "descent_bowl", (0, 0)),
    ("x^2 + x*y + y^2", {}, "bowl", "levels_ellipses", "field_linear", "descent_bowl", (0, 0)),
    ("x^2 - y^2", {}, "saddle", "levels_hyperbolas", "field_linear", "descent_saddle", (0, 0)),
    # f = 0 of x² − y² is two crossing lines, not a hyperbola: no shape is named
    ("x^2 - y^2", {"levels": ("0", "1", "4")}, "saddle", "levels_curves", "field_linear", "descent_saddle", (0, 0)),
    ("x*y", {}, "saddle", "levels_hyperbolas", "field_linear", "descent_saddle", (0, 0)),
    ("-x^2 - y^2", {"levels": ("-1", "-4", "-9")}, "round-maximum", "levels", "field", "descent_peak", (0, 0)),
    ("-x^2 - 2y^2", {"levels": ("-1", "-4", "-9")}, "peak", "levels_ellipses", "field_linear", "descent_peak", (0, 0)),
    ("(x - y)^2", {}, "valley", "levels_parallel", "field_line", "descent_valley", (0, 0)),
    ("-(x - y)^2", {"levels": ("-1", "-4", "-9")}, "ridge", "levels_parallel", "field_line", "descent_ridge", (0, 0)),
    ("x^2 + y", {}, "slope", "levels_parabolas", "field_steepness", "descent_none", None),
    ("x + y", {"levels": ("-2", "1", "4")}, "plane", "levels_lines", "field_constant", "descent_none", None),
    ("x^4 + y^4", {}, "unknown", "levels_curves", "field_steepness", "descent_plain", None),
    ("x^4 + y^4", {"stationary": ("0", "0")}, "minimum", "levels_curves", "field_steepness", "descent_minimum_near",
     (0, 0)),
    ("x^3 - 3x + y^2", {"stationary": ("-1", "0"), "levels": ("1", "2", "3")}, "saddle-near", "levels_curves",
     "field_steepness", "descent_saddle_near", (-1, 0)),
    ("-x^4 - y^4", {"stationary": ("0", "0"), "levels": ("-1", "-4", "-9")}, "maximum", "levels_curves",
     "field_steepness", "descent_peak_near", (0, 0)),
    ("(y - x^2)(y - 2x^2)", {"stationary": ("0", "0")}, "degenerate", "levels_curves", "field_steepness",
     "descent_degenerate", (0, 0)),
]


@pytest.mark.parametrize("function, changes, kind, levels, field, descent, marked", CASES,
                         ids=[f"{f} {c}" if c else f for f, c, *_ in CASES])
def test_the_beats_follow_the_function(function, changes, kind, levels, field, descent, marked):
    # Short arrows: steeper functions than x² + y² need them to stay in view (tested below).
    ground = replace(GradientFieldParameters(), function=function, arrow_scale="0.001", **changes).resolve().landscape
    assert (ground.kind, ground.levels_beat, ground.field_beat, ground.descent_beat) == (kind, levels, field, descent)
    assert ground.marked == (tuple(Fraction(c) for c in marked) if marked is not None else None)
    # Guides run to where −∇f leads only where it leads somewhere: a minimum, or a line of minima.
    assert ground.guides == (kind in ("round-minimum", "bowl", "valley"))


@pytest.mark.parametrize("changes, key, words", [
    ({"levels": ("-1", "4", "9")}, "levels", "does not show on the plane"),
    ({"levels": ("100", "4", "9")}, "levels", "does not show on the plane"),
    ({"levels": ("0", "4", "9")}, "levels", "single point"),
    ({"function": "(x - 5)^2 + y^2"}, "plane_range", "outside the plane"),
    ({"function": "x^4 + y^4", "stationary": ("1", "1")}, "stationary", "not a stationary point"),
    ({"function": "x^4 + y^4", "stationary": ("0",)}, "stationary", "must be a point"),
    ({"function": "(x - 9)^4 + y^4", "stationary": ("9", "0"), "levels": ("1000", "2000", "3000"), "arrow_scale": "1e-6"},
     "stationary",
     "outside the plane"),
    # 0.1·∇f(0, −3) = (0, −1.2) would run from the plane's edge into the captions.
    ({"function": "x^2 + 2y^2", "arrow_scale": "0.1"}, "arrow_scale", "at most 0.055 keeps every arrow in view"),
])
def test_what_cannot_be_shown_is_refused_naming_its_key(changes, key, words):
    with pytest.raises(FieldError) as caught:
        replace(GradientFieldParameters(), **{"arrow_scale": "0.001", **changes}).resolve()
    assert caught.value.key == key and words in str(caught.value)


def test_every_arrow_stays_in_view_at_the_largest_scale_allowed():
    plan = replace(GradientFieldParameters(), function="x^2 + 2y^2", arrow_scale="0.055").resolve()
    largest, worst = largest_arrow_scale(plan.grid + tuple(zip(plan.points, plan.gradients)), plan.view)
    # The arrows on the bottom row, ∇f = (2x, −12), reach the caption band first.
    assert Fraction(55, 1000) <= largest < Fraction(56, 1000) and worst[1] == -3
    GradientFieldParameters().resolve()  # the lecture's 0.1 on x² + y² fits


def test_the_view_is_the_frame_left_of_the_panel_above_the_captions():
    # A plane 6.2 wide reaching 3.5 each way: 31/35 frame units per plane unit, centred on (−3.55, 0.35).
    left, right, bottom, top = view_in_plane_units(Fraction(7, 2), 6.2, (-3.55, 0.35), 0.35)
    unit = Fraction(31, 35)
    assert right == (Fraction(35, 100) + Fraction(355, 100)) / unit
    assert top == (4 - Fraction(35, 100)) / unit and bottom == (-3 + Fraction(1, 10) - Fraction(35, 100)) / unit
    assert left < -3.5 < 3.5 < right


def test_every_case_has_its_sentences_in_both_languages():
    script = Script.load("gradient_field")
    values = {"c1": "1", "c2": "4", "c3": "9", "cx": "1", "cy": "2", "mx": "1", "my": "2", "point": "(1, 2)"}
    for _, _, _, levels, field, descent, _ in CASES:
        for beat in (levels, field, descent):
            for language in ("ko", "en"):
                assert "{" not in script.line(beat, language, **values)
    # Only a minimum is called a minimum; the lecture's sentences are unchanged.
    assert script.line("descent", "en", **values) == "The opposite, −∇f, is the steepest way down, toward the minimum at (1, 2)."
    assert script.line("levels", "en", **values).endswith("here circles: f = 1, 4, 9.")
    for beat in ("descent_saddle", "descent_peak", "descent_none", "descent_plain", "descent_ridge"):
        assert "toward the minimum" not in script.line(beat, "en", **values)
    # The particle after the point follows how it is read: (1, 2)는, (0, 0)은.
    assert "(1, 2)는 최솟값이 아닌 안장점" in script.line("descent_saddle", "ko", **values)
    assert "(0, 0)은 최솟값이 아닌 안장점" in script.line("descent_saddle", "ko", **{**values, "point": "(0, 0)"})
    assert script.line("screen_title", "en") == "The gradient field"
    assert script.line("page_title", "ko", function="x² − y²") == "x² − y²의 그레디언트 벡터장"


def dry_record(tmp_path, changes: dict, language: str | None = None) -> dict:
    """The record of the scene run with ``manim --dry_run`` as a variant with ``changes``."""
    return dry_run(SCENE, tmp_path, changes, language)


@pytest.mark.render
def test_a_saddle_is_not_called_a_minimum(tmp_path):
    record = dry_record(tmp_path, {"function": "x^2 - y^2"})
    said = {beat["beat"]: beat["text"] for beat in record["beats"]}
    assert "쌍곡선" in said["levels_hyperbolas"] and "원입니다" not in said["levels_hyperbolas"]
    assert "안장점" in said["descent_saddle"] and "최솟값 (0, 0) 쪽" not in said["descent_saddle"]
    texts = {entry["text"] for entry in record["texts"]}
    assert "안장점" in texts and "최솟값" not in texts
    labels = {number["label"] for number in record["numbers"]}
    assert {"saddle x", "saddle y"} <= labels and not any(label.startswith("minimum") for label in labels)
    assert record["landscape"]["kind"] == "saddle"


@pytest.mark.render
def test_an_elliptic_bowl_is_not_called_round(tmp_path):
    record = dry_record(tmp_path, {"function": "x^2 + 2y^2", "arrow_scale": "0.05"}, language="en")
    said = {beat["beat"]: beat["text"] for beat in record["beats"]}
    assert said["levels_ellipses"] == "Points where f has the same value form level curves, here ellipses: f = 1, 4, 9."
    # A no-break space inside "(0, 0)": a caption broken in two keeps the point whole.
    assert said["field_linear"] == ("Draw ∇f as an arrow at each point: along every line out of (0,\u00a00), they grow "
                                    "in step with the distance.")
    assert said["descent_bowl"].endswith("It leads to the minimum at (0,\u00a00), though not always straight at it.")
    assert record["title"] == "The gradient field of x² + 2y²"


def test_no_text_overlaps_another_or_leaves_the_frame_rendered(rendered):
    assert_legible(rendered.record)


def test_no_text_overlaps_another_or_leaves_the_frame_rendered_en(rendered_en):
    assert_legible(rendered_en.record)
