"""The descent scene, rendered for real: its video, its subtitles, and every number it showed."""

from fractions import Fraction

import numpy as np
import pytest

from scenes.descent import DescentParameters
from scenes.kit.style import DESCENT_COLOR

from .conftest import (assert_no_english_on_screen, assert_subtitles_match_beats, assert_video_matches_record, frame_at,
                       assert_legible, colour_mask, reads_as, srt_cues)
from .screen import assert_numbers_on_screen

# The tests of this module share its renders: one worker runs them all (pytest -n).
pytestmark = pytest.mark.xdist_group("descent")

SCENE = "scenes/descent.py"


@pytest.fixture(scope="module")
def rendered(render):
    return render(SCENE)


def expected_numbers() -> dict[str, Fraction]:
    """What the scene must show for the lecture note, worked out here by hand, not by gdmath.

    On x² from 5 with α = 1/10 each step multiplies x by 1 − 2α = 4/5, so x_k = 5·(4/5)^k,
    f′(x_k) = 2x_k, f(x_k) = x_k² and the step is −α·2x_k; on x² + y² from (4, 4) both
    coordinates are 4·(4/5)^k and f = 2·(4·(4/5)^k)². For x², 1/L = 1/2 and 2/L = 1 (f'' = 2).
    """
    alpha, shrink = Fraction(1, 10), Fraction(4, 5)
    expected = {"alpha": alpha, "1/L": Fraction(1, 2), "2/L": Fraction(1), "steps": 10, "steps (3D)": 10}
    for k in range(11):
        x = 5 * shrink ** k
        expected.update({f"k[{k}]": k, f"x_{k}": x, f"f'(x_{k})": 2 * x, f"f(x_{k})": x * x,
                         f"step_{k}": -alpha * 2 * x})
        c = 4 * shrink ** k
        expected.update({f"k_{k} (3D)": k, f"x_{k} (3D)": c, f"y_{k} (3D)": c, f"f_{k} (3D)": 2 * c * c})
    expected["x_0 (3D)"], expected["y_0 (3D)"], expected["f(x_0, y_0)"] = 4, 4, 32
    return expected


#: What a student reads, written out by hand from the lecture note's table (4 significant digits).
LECTURE_TEXTS = {"alpha": "0.1", "x_1": "4", "x_2": "3.2", "x_3": "2.56", "x_4": "2.048", "x_10": "0.5369",
                 "f'(x_0)": "10", "step_0": "-1", "f(x_0)": "25", "f(x_10)": "0.2882", "x_10 (3D)": "0.4295",
                 "f_10 (3D)": "0.3689", "f_1 (3D)": "20.48", "1/L": "0.5", "2/L": "1", "steps": "10"}


def test_defaults_are_the_lecture_notes():
    p = DescentParameters()
    assert (p.function, p.start, p.learning_rate, p.steps) == ("x**2", "5", "0.1", 10)
    assert (p.surface_function, p.surface_start) == ("x**2 + y**2", "4,4")


def test_video_has_the_recorded_length_and_a_picture_at_the_end(rendered):
    assert_video_matches_record(rendered)
    assert 45 < rendered.record["duration"] < 120


def test_subtitles_follow_the_narration(rendered):
    assert_subtitles_match_beats(rendered)
    assert [b["beat"] for b in rendered.record["beats"]][:3] == ["intro", "rule", "start"]
    assert rendered.record["language"] == "ko"
    assert any("경사 하강법" in text for _, _, text in srt_cues(rendered.subtitles))


def test_every_number_shown_is_the_lecture_notes(rendered):
    expected = expected_numbers()
    shown = rendered.numbers()
    assert shown, "the scene recorded no numbers"
    for label, value, text in shown:
        assert label in expected, f"unexpected number {label!r}"
        assert value == expected[label], label
        assert reads_as(text, value), (label, text, value)
    texts = {label: text for label, _, text in shown}
    assert {label: texts[label] for label in LECTURE_TEXTS} == LECTURE_TEXTS


def test_every_number_drawn_was_recorded_and_every_number_recorded_was_drawn(rendered):
    assert_numbers_on_screen(rendered.record)
    formulas = {f["label"]: f["text"] for f in rendered.record["formulas"]}
    assert formulas == {"f": "x^{2}", "f (3D)": "x^{2} + y^{2}", "∂f/∂x (3D)": "2x", "∂f/∂y (3D)": "2y"}


def test_the_table_and_the_readout_cover_every_step(rendered):
    labels = {label for label, _, _ in rendered.numbers()}
    p = DescentParameters()
    for k in range(p.steps + 1):
        assert {f"x_{k}", f"f'(x_{k})", f"f(x_{k})"} <= labels
    for k in range(p.surface_steps + 1):
        assert {f"x_{k} (3D)", f"y_{k} (3D)", f"f_{k} (3D)"} <= labels


def test_final_numbers_match_the_seed(rendered):
    shown = {label: value for label, value, _ in rendered.numbers()}
    assert shown["x_10"] == Fraction(1048576, 1953125)
    assert shown["x_10 (3D)"] == shown["y_10 (3D)"] == 4 * Fraction(4, 5) ** 10


def axis_maps(screen: dict, left_of: float = 0.0):
    """Frame x of an x value and frame y of a y value, fitted to where the plot's tick labels were drawn."""
    ticks = [unit for unit in screen["texts"] if unit["kind"] == "tick" and unit["box"][2] < left_of]
    maps = []
    for axis, coordinate in (("x", 0), ("y", 1)):
        values = [float(Fraction(t["value"])) for t in ticks if t["axis"] == axis]
        centres = [(t["box"][coordinate] + t["box"][coordinate + 2]) / 2 for t in ticks if t["axis"] == axis]
        assert len(values) >= 2, f"fewer than two {axis} tick labels on screen"
        slope, offset = np.polyfit(values, centres, 1)
        maps.append(lambda value, slope=slope, offset=offset: slope * value + offset)
    return maps


def test_the_point_is_drawn_where_the_exact_iterate_is(rendered, tmp_path):
    # After ten steps the yellow point sits at x_10 = 5·0.8¹⁰ on x², as the tick labels drawn place it.
    record = rendered.record
    result = next(b for b in record["beats"] if b["beat"] == "result")
    screen = next(s for s in record["screens"] if s["time"] >= result["start"])
    x_of, y_of = axis_maps(screen)
    x10 = 5 * Fraction(4, 5) ** 10
    expected = np.array([x_of(float(x10)), y_of(float(x10 ** 2))])
    frame = frame_at(rendered.video, result["start"] + 1.0, png=tmp_path / "result.png")
    height, width, _ = frame.shape
    frame_width, frame_height = record["frame"]
    near = colour_mask(frame, DESCENT_COLOR)
    # Inside the plot only (the table's x column and the rule's θ are yellow too): x from −5 to 5, y up to 30.
    left, right = (int((x_of(x) / frame_width + 0.5) * width) for x in (-5, 5))
    top, bottom = (int((0.5 - y_of(y) / frame_height) * height) for y in (30, -1))
    inside = np.zeros_like(near)
    inside[top:bottom, left:right] = True
    rows, columns = np.nonzero(near & inside)
    assert len(rows) > 20, "no yellow point on the plot"
    centre = np.array([columns.mean() / width * frame_width - frame_width / 2,
                       frame_height / 2 - rows.mean() / height * frame_height])
    # x_9 = 0.671 would be 0.08 frame units to the right: the point is x_10's, to a pixel.
    assert np.abs(centre - expected).max() < 0.03, (centre, expected)


def test_middle_of_the_3d_part_is_drawn(rendered, tmp_path):
    # The bowl is there, in the function's colour over a good part of the picture: a twentieth or more,
    # four times the 2D part's last frame (a parabola and a column of the table).
    start = next(p["start"] for p in rendered.record["parts"] if p["name"] == "3d")
    frame = frame_at(rendered.video, (start + rendered.record["duration"]) / 2, png=tmp_path / "mid3d.png")
    before = frame_at(rendered.video, start - 0.5)

    def blue(frame):  # the surface is the function's blue, see-through over the dark background
        red, green, blue = (frame[..., i].astype(int) for i in range(3))
        return float(((blue - red > 30) & (green - red > 30) & (blue > 70)).mean())

    assert blue(frame) > 0.05 and blue(frame) > 4 * blue(before), (blue(before), blue(frame))


def test_english_is_one_parameter_away(render):
    english = render(SCENE, env={"LECTURE_LANGUAGE": "en"}, extra=("-n", "0,3"))
    assert english.record["language"] == "en"
    texts = [text for _, _, text in srt_cues(english.subtitles)]
    assert texts[0].startswith("Gradient descent")


def test_the_korean_video_writes_no_english_words(rendered):
    assert_no_english_on_screen(rendered)


def test_no_text_overlaps_another_or_leaves_the_frame(rendered):
    assert_legible(rendered.record)


def test_the_lecture_run_is_told_as_monotone(rendered):
    from .test_every_variant import STORIES, assert_tells_the_story

    assert_tells_the_story(rendered.record, *STORIES["descent"])
