"""scenes/derivative.py renders, narrates in step with its video, and shows gdmath's numbers."""

from __future__ import annotations

import json
import tomllib
from dataclasses import asdict, replace
from fractions import Fraction

import pytest

from gdmath import parse, secant_slope
from scenes.derivative import DerivativeParameters, bottom_story, bracketed_latex, shifted_latex
from scenes.kit.narration import Script
from scenes.kit.style import plain_formula
from scenes.kit.variants import FieldError

from .screen import assert_numbers_on_screen
from .conftest import (dry_run, assert_legible, assert_no_english_on_screen, ROOT, assert_subtitles_match_beats,
                       assert_video_matches_record, srt_cues)

SCENE = "scenes/derivative.py"
BEATS = ["intro", "secant", "slope", "shrink", "tangent", "general", "slide", "rate", "bottom"]

# The tests of this module share its renders: one worker runs them all (pytest -n).
pytestmark = [pytest.mark.render, pytest.mark.xdist_group("derivative")]


@pytest.fixture(scope="module")
def korean(render):
    """The Korean video, spoken by the draft voice: what is drawn is checked with the voice's timing."""
    return render(SCENE, env={"LECTURE_VOICE": "espeak"})


@pytest.fixture(scope="module")
def english(render):
    return render(SCENE, env={"LECTURE_LANGUAGE": "en"})


def shown(rendered) -> dict[str, Fraction]:
    return {label: value for label, value, _ in rendered.numbers()}


def test_video_and_subtitles_follow_the_record(korean):
    assert_video_matches_record(korean)
    assert_subtitles_match_beats(korean)
    assert korean.record["language"] == "ko"
    assert [beat["beat"] for beat in korean.record["beats"]] == BEATS
    assert 50 <= korean.record["duration"] <= 100


def audio_stream(video) -> dict:
    import subprocess

    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "a", "-show_entries",
                          "stream=codec_name,duration", "-of", "json", str(video)], capture_output=True, text=True)
    streams = json.loads(out.stdout)["streams"]
    assert len(streams) == 1, "the video has no sound track"
    return streams[0]


def test_the_voice_is_an_aac_track_as_long_as_the_video_at_the_target_loudness(korean):
    from .conftest import loudness
    from scenes.kit.voice import LOUDNESS

    stream = audio_stream(korean.video)
    assert stream["codec_name"] == "aac"
    assert abs(float(stream["duration"]) - korean.record["duration"]) <= 1 / 15 + 1e-3  # within a frame
    integrated, peak = loudness(korean.video)
    assert abs(integrated - LOUDNESS) <= 1.0
    assert peak <= -1.0


def test_the_voice_starts_with_each_beat_and_is_done_before_the_next(korean):
    """ffmpeg's silencedetect hears speech within 0.3 s of every beat's start, and quiet before the next."""
    import re
    import subprocess

    out = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-i", str(korean.video), "-af",
                          "silencedetect=noise=-45dB:duration=0.3", "-f", "null", "-"], capture_output=True, text=True)
    starts = [float(v) for v in re.findall(r"silence_start: (-?[\d.]+)", out.stderr)]
    ends = [float(v) for v in re.findall(r"silence_end: ([\d.]+)", out.stderr)]
    if len(ends) < len(starts):
        ends.append(korean.record["duration"])
    quiet = list(zip(starts, ends))

    def is_quiet(t: float) -> bool:
        return any(a <= t <= b for a, b in quiet)

    beats = korean.record["beats"]
    for beat, after in zip(beats, beats[1:] + [None]):
        sound = [t / 100 for t in range(int(beat["start"] * 100), int((beat["start"] + 0.3) * 100) + 1)]
        assert not all(is_quiet(t) for t in sound), f"[{beat['beat']}] no speech in its first 0.3 s"
        speech_end = beat["start"] + beat["speech"]["duration"]
        assert speech_end <= beat["end"], f"[{beat['beat']}] the next beat starts while the voice speaks"
        if after is not None:
            assert is_quiet(after["start"] - 0.15), f"[{beat['beat']}] still speaking as [{after['beat']}] starts"


#: Every number the default scene shows, as a student reads it, worked out by hand: secants of x²
#: at a = 1 have slope 2a + h; the readout (two decimals) stops at a = 1, −2, 2, 1 and 0, where
#: f′(a) = 2a.
LECTURE_NUMBERS = {
    "a": (1, "1"), "h[0]": (2, "2"), "h[1]": (1, "1"), "h[2]": (Fraction(1, 2), "0.5"),
    "h[3]": (Fraction(1, 10), "0.1"), "h[4]": (Fraction(1, 100), "0.01"),
    "secant_slope[0]": (4, "4"), "secant_slope[1]": (3, "3"), "secant_slope[2]": (Fraction(5, 2), "2.5"),
    "secant_slope[3]": (Fraction(21, 10), "2.1"), "secant_slope[4]": (Fraction(201, 100), "2.01"),
    "tangent_slope.caption": (2, "2"), "tangent_slope.table": (2, "2"),
    "slide_a.start": (1, "1.00"), "slide_slope.start": (2, "2.00"),
    "slide_a.left": (-2, "-2.00"), "slide_slope.left": (-4, "-4.00"),
    "slide_a.right": (2, "2.00"), "slide_slope.right": (4, "4.00"),
    "slide_a.rate": (1, "1.00"), "slide_slope.rate": (2, "2.00"),
    "slide_a.bottom": (0, "0.00"), "slide_slope.bottom": (0, "0.00"),
    "bottom": (0, "0"), "bottom_slope": (0, "0"),
}


def test_every_number_shown_is_the_lecture_notes(korean):
    shown = {label: (value, text) for label, value, text in korean.numbers()}
    assert shown == {label: (Fraction(value), text) for label, (value, text) in LECTURE_NUMBERS.items()}


def test_the_defaults_are_the_lecture_notes(korean):
    # JSON turns the tuples into lists.
    assert korean.record["parameters"] == json.loads(json.dumps(asdict(DerivativeParameters())))
    p = DerivativeParameters()
    assert (p.function, p.point, p.steps, p.slide, p.bottom) == ("x**2", "1", ("2", "1", "0.5", "0.1", "0.01"),
                                                                 ("-2", "2"), "0")


def test_the_plan_holds_the_lecture_numbers():
    # By hand: for x² at a = 1, (f(1 + h) − f(1))/h = 2 + h, f′ = 2x and f′(1) = 2; the readout keeps room
    # for f′ at the slide's end of largest size, the first of −2 and 2: f′(−2) = −4.
    plan = DerivativeParameters().resolve()
    assert plan.a == 1 and plan.steps == (2, 1, Fraction(1, 2), Fraction(1, 10), Fraction(1, 100))
    assert plan.secant_slopes == tuple(2 + h for h in plan.steps)
    assert (plan.tangent_slope, plan.f_prime, plan.quotient) == (2, parse("2x"), parse("2x + y"))
    assert plan.difference == parse("2x y + y^2")  # f(x + h) − f(x), h written as y
    assert (plan.slide, plan.widest_slope) == ((-2, 2), -4)
    assert (plan.bottom, plan.story.beat, plan.other_stationary) == (0, "bottom", ())
    # x² stays under the window's top 10 up to x = √10 ≈ 3.162, sampled every 0.0105; from the left edge.
    assert plan.graph_range[0] == -2.6 and 3.15 < plan.graph_range[1] < 3.1623


def test_the_plan_of_a_quartic_knows_its_other_stationary_points():
    # x⁴ − 2x² at a = 1: (f(1 + h) − f(1))/h = 4h + 4h² + h³, so 9 for h = 1 and 25/8 for h = 1/2;
    # f′ = 4x³ − 4x vanishes at −1, 0 and 1, and f′(−1.2) = −2.112 is the slide's widest.
    plan = DerivativeParameters(function="x^4 - 2x^2", bottom="1", steps=("1", "0.5"), slide=("-1.2", "1.2")).resolve()
    assert plan.secant_slopes == (9, Fraction(25, 8)) and plan.tangent_slope == 0
    assert sorted(round(t, 9) for t in plan.other_stationary) == [-1, 0]
    assert plan.widest_slope == Fraction(-264, 125) and plan.story.beat == "bottom_lowest"


def test_secant_slopes_are_gdmaths_on_another_function():
    # Beside the lecture's x², by hand: for f = x³ − x at a, (f(a + h) − f(a))/h = 3a² + 3ah + h² − 1.
    f = parse("x^3 - x")
    for a, h in ((Fraction(1), Fraction(1, 2)), (Fraction(-2, 3), Fraction(1, 100))):
        assert secant_slope(f, a, h) == 3 * a * a + 3 * a * h + h * h - 1


def test_every_number_drawn_was_recorded_and_every_number_recorded_was_drawn(korean, english):
    for rendered in (korean, english):
        assert_numbers_on_screen(rendered.record)
    formulas = {(f["label"], f["text"]) for f in korean.record["formulas"]}
    assert formulas == {("f", "x²"), ("f", "x^{2}"), ("f'", "2x"), ("Δy/Δx at a", "2a + h"),
                        ("f(a+h) - f(a)", "(a+h)^{2} - a^{2}"), ("f(x+h) - f(x)", "(x+h)^{2} - x^{2}"),
                        ("f(x+h) - f(x) expanded", "2xh + h^{2}"), ("Δy/Δx", "2x + h")}


def test_the_readout_draws_what_the_record_says(korean):
    # The readout is a DecimalNumber: at each stop its digits are the recorded text, two decimals.
    drawn = {unit["text"] for screen in korean.record["screens"] for unit in screen["texts"] if unit["kind"] == "number"}
    assert {"1.00", "2.00", "-2.00", "-4.00", "4.00", "0.00"} <= drawn


def test_caption_formula_text():
    assert plain_formula(parse("x**3 - 2*x")) == "x³ − 2x"


def test_english_subtitles_are_the_english_script(english):
    assert english.record["language"] == "en"
    assert_subtitles_match_beats(english)
    script = tomllib.loads((ROOT / "scenes/script/derivative.toml").read_text(encoding="utf-8"))
    values = {"function": "x²", "derivative": "2x", "a": "1", "limit": "2", "bottom": "0", "zero": "0"}
    expected = [script[beat]["en"].format(**values) for beat in BEATS]
    assert [text for _, _, text in srt_cues(english.subtitles)] == expected


def test_the_korean_video_writes_no_english_words(korean):
    assert_no_english_on_screen(korean)


def test_the_record_keeps_the_title_with_the_function(korean, english):
    assert korean.record["title"] == "x²의 미분: 할선이 접선이 되기까지"
    assert english.record["title"] == "The derivative of x²: from secant to tangent"
    assert korean.record["stationary"] == {"kind": "minimum", "strict": True, "is_global": True, "order": 2,
                                           "beat": "bottom", "arrows": [{"side": -1, "towards": True},
                                                                        {"side": 1, "towards": True}]}


# -- what the last beat says is true of the function (issue 15) ---------------------------------
# function, bottom → beat, arrows (side, towards the point)
STORIES = [
    ("x^2", "0", "bottom", ((-1, True), (1, True))),
    ("(x - 1)^2", "1", "bottom", ((-1, True), (1, True))),
    ("x^4", "0", "bottom", ((-1, True), (1, True))),
    ("x^3", "0", "bottom_inflection_left", ((-1, False),)),
    ("-x^3", "0", "bottom_inflection_right", ((1, False),)),
    ("x^5 - x^4", "0", "bottom_maximum", ((-1, False), (1, False))),
    ("-x^2", "0", "bottom_maximum", ((-1, False), (1, False))),
    ("x^4 - 2x^2", "1", "bottom_lowest", ((-1, True), (1, True))),
    ("x^4 - 2x^2", "-1", "bottom_lowest", ((-1, True), (1, True))),
    ("x^4 - 2x^2", "0", "bottom_maximum", ((-1, False), (1, False))),
    ("x^3 - 3x", "1", "bottom_local", ((-1, True), (1, True))),
    ("3", "0", "bottom_flat", ()),
]


@pytest.mark.parametrize("function, bottom, beat, arrows", STORIES, ids=[f"{f} at {b}" for f, b, *_ in STORIES])
def test_the_last_beat_is_chosen_by_the_kind_of_point(function, bottom, beat, arrows):
    story = bottom_story(parse(function), Fraction(bottom))
    assert (story.beat, story.arrows) == (beat, arrows)
    # Only a minimum is called a low point, and only there do the arrows point at it.
    is_minimum = story.stationary.kind.value == "minimum"
    assert any(towards for _, towards in story.arrows) == is_minimum
    assert (story.beat in ("bottom", "bottom_lowest", "bottom_local")) == is_minimum


def test_every_kind_of_point_has_its_sentence_in_both_languages():
    script = Script.load("derivative")
    beats = {beat for _, _, beat, _ in STORIES}
    for beat in beats:
        for language in ("ko", "en"):
            sentence = script.line(beat, language, bottom="0", zero="0")
            assert "0" in sentence and "{" not in sentence
    # The lecture's sentence, and only it, calls the point the bottom descent heads for.
    assert script.line("bottom", "en", bottom="0", zero="0") == \
        "At the bottom, x = 0, the slope is 0: this is where gradient descent heads."
    for beat in beats - {"bottom"}:
        assert "At the bottom" not in script.line(beat, "en", bottom="0", zero="0")
        assert "바닥인" not in script.line(beat, "ko", bottom="0", zero="0")
    assert script.line("bottom_flat", "ko", bottom="1", zero="0").startswith("f는 상수라서 x = 1을 비롯한")


def test_the_page_title_names_no_function_but_the_record_does():
    script = Script.load("derivative")
    # The publisher reads screen_title without values: it must hold for every variant.
    assert script.line("screen_title", "en") == "The derivative: from secant to tangent"
    assert script.line("page_title", "en", function="x³") == "The derivative of x³: from secant to tangent"
    assert script.line("page_title", "ko", function="x³") == "x³의 미분: 할선이 접선이 되기까지"


def test_bottom_keeps_its_name_and_is_checked():
    DerivativeParameters(function="x^4 - 2x^2", bottom="1", steps=("1", "0.5"), slide=("-1.2", "1.2")).resolve()
    DerivativeParameters(function="x^3", bottom="0", steps=("1", "0.5"), slope_range=(-1.0, 13.0)).resolve()
    with pytest.raises(FieldError) as caught:
        DerivativeParameters(function="x^3", bottom="1").resolve()
    assert caught.value.key == "bottom" and "not 0" in str(caught.value)
    with pytest.raises(FieldError) as caught:  # the point would be drawn off the window
        DerivativeParameters(function="x^2 + 20", bottom="0").resolve()
    assert caught.value.key == "bottom" and "y_range" in str(caught.value)


def test_every_secant_drawn_ends_inside_the_window():
    # x³ from a = 1 with h = 2 reaches f(3) = 27, far above the default window's 10: Δy would run off.
    with pytest.raises(FieldError) as caught:
        DerivativeParameters(function="x^3", slope_range=(-1.0, 13.0)).resolve()
    assert caught.value.key == "steps" and "f(a + h) = 27 for h = 2" in str(caught.value)
    assert "y_range" in str(caught.value)
    DerivativeParameters(function="x^3", y_range=(-20.0, 30.0), slope_range=(-1.0, 13.0)).resolve()


def test_the_slope_graph_stays_in_its_window():
    # f′ = 3x² reaches 12 at the slide's ends, past the default window of ±4.6.
    with pytest.raises(FieldError) as caught:
        DerivativeParameters(function="x^3", y_range=(-20.0, 30.0)).resolve()
    assert caught.value.key == "slope_range" and "f′(-2) = 12" in str(caught.value)


def test_a_negative_function_is_bracketed_after_a_minus():
    assert bracketed_latex(parse("-x^2")) == r"\left(-x^{2}\right)"
    assert shifted_latex(parse("-x^2"), "a") == r"-(a+h)^{2} - \left(-a^{2}\right)"
    assert shifted_latex(parse("x^2"), "a") == "(a+h)^{2} - a^{2}"  # the lecture's, unchanged


def dry_record(tmp_path, changes: dict, language: str | None = None) -> dict:
    """The record of the scene run with ``manim --dry_run`` as a variant with ``changes``."""
    return dry_run(SCENE, tmp_path, changes, language)


def test_x_cubed_is_not_called_a_bottom(tmp_path):
    record = dry_record(tmp_path, {"function": "x^3", "y_range": [-5.0, 10.0], "steps": ["1", "0.5", "0.1"],
                                   "slope_range": [-1.0, 13.0]},
                        language="en")
    last = record["beats"][-1]
    assert last["beat"] == "bottom_inflection_left"
    assert last["text"] == ("At x = 0 the slope is 0, but this is no bottom: just left of it f is lower, "
                            "and descent there moves away to the left.")
    assert record["stationary"]["arrows"] == [{"side": -1, "towards": False}]
    assert record["title"] == "The derivative of x³: from secant to tangent"


def test_a_peak_is_called_a_peak(tmp_path):
    record = dry_record(tmp_path, {"function": "-x^2", "y_range": [-10.0, 1.0]})
    last = record["beats"][-1]
    assert last["beat"] == "bottom_maximum" and "꼭대기" in last["text"] and "바닥" not in last["text"]
    assert all(not arrow["towards"] for arrow in record["stationary"]["arrows"])


def test_no_text_overlaps_another_or_leaves_the_frame_korean(korean):
    assert_legible(korean.record)


def test_no_text_overlaps_another_or_leaves_the_frame_english(english):
    assert_legible(english.record)
