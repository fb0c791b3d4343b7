"""The descent scene, rendered for real: its video, its subtitles, and every number it showed."""

from fractions import Fraction

import numpy as np
import pytest

from gdmath import descend
from scenes.descent import DescentParameters, DescentPlan
from scenes.kit.style import DESCENT_COLOR
from scenes.kit.variants import FieldError

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


# -- the plan: worked out by hand, no rendering ------------------------------------------------------
def test_the_plan_publishes_the_runs_gdmath_makes():
    plan = DescentParameters().resolve()
    assert isinstance(plan, DescentPlan) and set(plan.tables()) == {"2d", "3d"}
    assert plan.tables()["2d"] == descend("x**2", "5", "0.1", 10)
    assert plan.tables()["3d"] == descend("x**2 + y**2", "4,4", "0.1", 10)


def test_the_lecture_notes_views_hold_the_whole_run():
    plan = DescentParameters().resolve()
    # x from 5 shrinks: the view is the start, and a tenth more; its top is f there, 5.5² = 30.25, and 5 % more.
    assert plan.view_2d.reach == pytest.approx(5.5) and all(plan.view_2d.in_view)
    assert plan.view_2d.y_range == pytest.approx((0.0, 30.25 * 1.05))
    # The bowl's rim is the level curve 15 % above the start's f = 32: a circle of radius √36.8.
    view = plan.view_3d
    rim = [view.domain(1.0, t) for t in np.linspace(0, 2 * np.pi, 9)]
    assert [float(np.hypot(*p)) for p in rim] == pytest.approx([36.8 ** 0.5] * 9)
    assert view.reach == pytest.approx(36.8 ** 0.5 * 1.08) and (view.bottom, view.top) == pytest.approx((0, 36.8))
    assert view.height_at(0.5) == pytest.approx(18.4) and all(view.in_view)


def test_the_plan_tells_the_lecture_notes_story():
    plan = DescentParameters().resolve()
    assert plan.is_lecture_pair and plan.title_key == "screen_title" and plan.slice_beat == "slice"
    assert (plan.story_2d, plan.story_3d, plan.verdict) == ("monotone", "monotone", "monotone")
    # f = x²: L = 2, so 1/L = 1/2 and 2/L = 1.
    assert plan.verdict_numbers == (("alpha", "alpha", Fraction(1, 10)), ("best", "1/L", Fraction(1, 2)),
                                    ("limit", "2/L", Fraction(1)))
    # One step narrated, nine quick ones: "repeat" before the first, "shrink" halfway (1 + 9 // 2).
    assert plan.narrated == 1 and plan.quick_beats == ((1, "repeat"), (5, "shrink"))
    assert plan.beats_before_step(5) == ("shrink",) and plan.beats_before_step(2) == ()
    assert plan.floor_at == 5 and not plan.loss_log_scale


@pytest.mark.parametrize("changes, expected", [
    ({"function": "x^3", "start": "1"}, ("screen_title_general", "slice_other", "settling")),
    ({"surface_function": "x^2 + 10 y^2"}, ("screen_title", "slice", "monotone")),
    ({"surface_function": "x^2 - y^2", "surface_start": "4,1"}, ("screen_title_general", "slice_same", "monotone")),
    ({"function": "2x + 1", "start": "1"}, ("screen_title_general", "slice_other", "unbounded")),
    ({"start": "0", "surface_start": "0,0"}, ("screen_title", "slice", "stationary")),
])
def test_the_title_the_slice_and_the_verdict_follow_the_functions(changes, expected):
    plan = DescentParameters(**changes).resolve()
    assert (plan.title_key, plan.slice_beat, plan.verdict) == expected
    assert bool(plan.verdict_numbers) == (expected[2] in ("monotone", "one-step", "oscillating", "cycle", "diverging"))


def test_a_run_flying_out_of_view_is_narrated_only_while_in_view():
    # α = 2 on x² multiplies x by −3: 5, −15, 45, …; the view reaches 8·5·1.1 = 44, so x_2 = 45 is out.
    plan = DescentParameters(learning_rate="2", steps=5, narrated_steps=4).resolve()
    assert plan.view_2d.reach == pytest.approx(44) and plan.view_2d.in_view == (True, True, False, False, False, False)
    assert plan.narrated == 2 and plan.quick_beats == ((2, "repeat"),)    # diverging: no "shrink"


def test_losses_spanning_decades_go_on_a_log_scale():
    # x² from 1000 with α = 0.3 multiplies x by 0.4: the loss falls from 10⁶ by 0.16 a step, past 1000-fold.
    assert DescentParameters(start="1000", learning_rate="0.3", steps=12).resolve().loss_log_scale
    assert not DescentParameters(learning_rate="0.5").resolve().loss_log_scale    # lands on 0: not one sign


#: One bad value per key, and the words its one-line error says.
BAD_VALUES = {
    "steps": (13, "must be from 1 to 12 (what fits on screen), not 13"),
    "surface_steps": (0, "must be from 1 to 30"),
    "narrated_steps": (11, "must be from 0 to steps (10), not 11"),
    "step_time": (0.1, "must be from 0.2 to 10 seconds"),
    "start": ("2000000", "too far out to draw"),
    "surface_start": ("4", ""),
    "function": ("x*y", "must be a function of x alone"),
    "learning_rate": ("1e300", "leaves the range of floats"),
}


@pytest.mark.parametrize("key", BAD_VALUES)
def test_bad_values_name_their_key(key):
    value, words = BAD_VALUES[key]
    with pytest.raises(FieldError) as error:
        DescentParameters(**{key: value}).resolve()
    assert error.value.key == key and words in str(error.value)


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
