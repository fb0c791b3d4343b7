"""scenes/derivative.py renders, narrates in step with its video, and shows gdmath's numbers."""

from __future__ import annotations

import json
import tomllib
from dataclasses import asdict
from fractions import Fraction

import pytest

from gdmath import parse, secant_slope
from scenes.derivative import DerivativeParameters
from scenes.kit.style import plain_formula

from .conftest import assert_no_english_on_screen, ROOT, assert_subtitles_match_beats, assert_video_matches_record, srt_cues

SCENE = "scenes/derivative.py"
BEATS = ["intro", "secant", "slope", "shrink", "tangent", "general", "slide", "rate", "bottom"]

# The tests of this module share its renders: one worker runs them all (pytest -n).
pytestmark = [pytest.mark.render, pytest.mark.xdist_group("derivative")]


@pytest.fixture(scope="module")
def korean(render):
    return render(SCENE)


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
    assert 50 <= korean.record["duration"] <= 80


def test_secant_slopes_are_gdmaths(korean):
    parameters = korean.record["parameters"]
    f, a = parse(parameters["function"]), Fraction(parameters["point"])
    numbers = shown(korean)
    assert numbers["a"] == a
    for index, step in enumerate(parameters["steps"]):
        h = Fraction(step)
        assert numbers[f"h[{index}]"] == h
        assert numbers[f"secant_slope[{index}]"] == secant_slope(f, a, h)
        # Independently of gdmath: for x², (f(a+h) − f(a))/h = 2a + h.
        assert numbers[f"secant_slope[{index}]"] == 2 * a + h
    assert numbers["tangent_slope.caption"] == numbers["tangent_slope.table"] == f.derivative()(a) == 2 * a


def test_the_defaults_are_the_lecture_notes(korean):
    numbers = shown(korean)
    assert [numbers[f"secant_slope[{i}]"] for i in range(5)] == [4, 3, Fraction(5, 2), Fraction(21, 10),
                                                                  Fraction(201, 100)]
    assert numbers["tangent_slope.table"] == 2
    # JSON turns the tuples into lists.
    assert korean.record["parameters"] == json.loads(json.dumps(asdict(DerivativeParameters())))


def test_sliding_tangent_shows_f_prime(korean):
    parameters = korean.record["parameters"]
    f_prime = parse(parameters["function"]).derivative()
    numbers = shown(korean)
    stops = {name: numbers[f"slide_a.{name}"] for name in ("start", "left", "right", "rate", "bottom")}
    assert stops["start"] == Fraction(parameters["point"])
    assert (stops["left"], stops["right"]) == tuple(Fraction(end) for end in parameters["slide"])
    assert stops["bottom"] == Fraction(parameters["bottom"])
    for name, a in stops.items():
        assert numbers[f"slide_slope.{name}"] == f_prime(a) == 2 * a
    assert numbers["bottom_slope"] == 0


def test_every_text_shown_is_its_exact_value_rounded(korean):
    for label, value, text in korean.numbers():
        assert abs(Fraction(text) - value) <= abs(value) * Fraction(1, 1000), (label, value, text)


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
