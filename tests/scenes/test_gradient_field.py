"""The gradient-field scene, rendered for real: arrows to scale, ∇f ⟂ level curves, every number gdmath's."""

import math
import tomllib
from fractions import Fraction

import numpy as np
import pytest

from gdmath import as_fraction, decimal_text, parse
from scenes.gradient_field import GradientFieldParameters
from scenes.kit.style import MATH_BOTTOM

from .conftest import assert_no_english_on_screen, ROOT, assert_subtitles_match_beats, assert_video_matches_record, frame_at, srt_cues

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
    """What the scene must show, recomputed here from gdmath and the parameters."""
    p = GradientFieldParameters()
    f = parse(p.function)
    expected = {f"level {i + 1}": as_fraction(c) for i, c in enumerate(p.levels)}
    expected["arrow scale"] = as_fraction(p.arrow_scale)
    expected["reference |grad f|"] = as_fraction(p.reference_gradient)
    expected["minimum x"] = expected["minimum y"] = Fraction(0)
    for index, (a, b) in enumerate(p.points, start=1):
        point = (as_fraction(a), as_fraction(b))
        gradient = f.gradient_at(point)
        for axis, coordinate, component in zip("xy", point, gradient):
            expected[f"P{index} {axis}"] = coordinate
            expected[f"P{index} grad {axis}"] = component
            expected[f"P{index} -grad {axis}"] = -component
    return expected


def test_defaults_are_the_lecture_notes():
    p = GradientFieldParameters()
    f = parse(p.function)
    assert f == parse("x**2 + y**2")
    # The note's partials ∂f/∂x = 2x, ∂f/∂y = 2y, and the gradient (2x, 2y).
    assert f.partial("x") == parse("2*x") and f.partial("y") == parse("2*y")
    assert [f.partial(v).to_latex() for v in "xy"] == ["2x", "2y"]
    # The chosen points lie on the drawn level circles, so their tangents are tangents of curves on screen.
    levels = {as_fraction(c) for c in p.levels}
    for a, b in p.points:
        assert f(as_fraction(a), as_fraction(b)) in levels


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


def test_every_number_shown_is_gdmaths(rendered):
    expected = expected_numbers()
    shown = rendered.numbers()
    assert {label for label, _, _ in shown} == set(expected)
    for label, value, text in shown:
        assert value == expected[label], label
        assert text == decimal_text(value, 4), label
    # The note's gradient at the first point, by hand: ∇f(1.2, 1.6) = (2·1.2, 2·1.6).
    values = {label: value for label, value, _ in shown}
    assert (values["P1 grad x"], values["P1 grad y"]) == (Fraction(12, 5), Fraction(16, 5))


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
    assert scale == as_fraction(p.arrow_scale)
    step, extent = as_fraction(p.grid_step), as_fraction(p.grid_extent)
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
    value = as_fraction(GradientFieldParameters().reference_gradient)
    assert reference["drawn_length"] == pytest.approx(float(scale * value), rel=1e-9)


def test_highlighted_arrows_use_the_same_scale_and_meet_the_tangent_at_right_angles(rendered):
    p = GradientFieldParameters()
    f = parse(p.function)
    record = rendered.record
    scale = float(Fraction(record["arrow_scale"]))
    points = [(as_fraction(a), as_fraction(b)) for a, b in p.points]
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
