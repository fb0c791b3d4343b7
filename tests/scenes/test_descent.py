"""The descent scene, rendered for real: its video, its subtitles, and every number it showed."""

from fractions import Fraction

import pytest

from gdmath import descend
from scenes.descent import DescentParameters

from .conftest import (assert_no_english_on_screen, assert_subtitles_match_beats, assert_video_matches_record, frame_at,
                       assert_legible, reads_as, srt_cues)

# The tests of this module share its renders: one worker runs them all (pytest -n).
pytestmark = pytest.mark.xdist_group("descent")

SCENE = "scenes/descent.py"


@pytest.fixture(scope="module")
def rendered(render):
    return render(SCENE)


def expected_numbers() -> dict[str, Fraction]:
    """What the scene must show, computed here from gdmath and the lecture note's parameters."""
    p = DescentParameters()
    flat = descend(p.function, p.start, p.learning_rate, p.steps)
    bowl = descend(p.surface_function, p.surface_start, p.learning_rate, p.surface_steps)
    expected = {"alpha": flat.learning_rate}
    for it in flat.iterates:
        expected[f"x_{it.k}"] = it.point[0]
        expected[f"f'(x_{it.k})"] = it.gradient[0]
        expected[f"f(x_{it.k})"] = it.value
        expected[f"step_{it.k}"] = -flat.learning_rate * it.gradient[0]
    for it in bowl.iterates:
        expected[f"x_{it.k} (3D)"], expected[f"y_{it.k} (3D)"] = it.point
        expected[f"f_{it.k} (3D)"] = it.value
    expected["1/L"], expected["2/L"] = Fraction(1, 2), Fraction(1)  # f'' = 2 for x²
    first = bowl.iterates[0]
    expected["x_0 (3D)"], expected["y_0 (3D)"], expected["f(x_0, y_0)"] = (*first.point, first.value)
    return expected


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


def test_every_number_shown_is_gdmaths(rendered):
    expected = expected_numbers()
    shown = rendered.numbers()
    assert shown, "the scene recorded no numbers"
    for label, value, text in shown:
        assert label in expected, f"unexpected number {label!r}"
        assert value == expected[label], label
        assert reads_as(text, value), (label, text, value)


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


def test_middle_of_the_3d_part_is_drawn(rendered, tmp_path):
    start = next(p["start"] for p in rendered.record["parts"] if p["name"] == "3d")
    frame = frame_at(rendered.video, (start + rendered.record["duration"]) / 2, png=tmp_path / "mid3d.png")
    assert frame.std() > 10


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
