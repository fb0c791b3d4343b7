"""The momentum scene: its plan against gdmath's exact heavy ball, its refusals, and a dry run of every beat."""

from dataclasses import replace
from fractions import Fraction
from types import SimpleNamespace

import pytest

from gdmath import Surd, descend, parse, quadratic_model, squared_errors
from scenes.kit.variants import FieldError
from scenes.momentum import MomentumParameters

from scenes.kit.style import DESCENT_COLOR, MOMENTUM_COLOR

from .conftest import (assert_no_english_on_screen, assert_subtitles_match_beats, assert_video_matches_record,
                       dry_run, frame_at, share_of_colour)

pytestmark = pytest.mark.xdist_group("momentum")

SCENE = "scenes/momentum.py"


@pytest.fixture(scope="module")
def rendered(render):
    return render(SCENE)


@pytest.fixture(scope="module")
def dry(tmp_path_factory):
    return SimpleNamespace(record=dry_run(SCENE, tmp_path_factory.mktemp("momentum")))


def test_the_default_plan_is_the_issues_numbers():
    plan = MomentumParameters().resolve()
    assert plan.plain_rate == Fraction(1, 11)
    assert (str(plan.rate), str(plan.momentum)) == ("22/81 - 4/81·√10", "161/81 - 44/81·√10")
    assert (str(plan.plain_factor), str(plan.heavy_factor)) == ("9/11", "11/9 - 2/9·√10")
    assert (plan.plain_count, plan.heavy_count, plan.spiral_count) == (35, 14, None)
    assert plan.spiral_factor == Surd.sqrt(Fraction(9, 10))
    assert dict(plan.said) == {"plain": "plain_best", "heavy": "heavy_best", "race": "race_heavy_ahead", "plain_line": "plain_line_straight",
                               "heavy_line": "heavy_line_double", "thousand": "thousand", "spiral_rate": "spiral_rate"}
    assert list(plan.tables()) == ["plain", "momentum", "spiral"]


def test_the_heavy_ball_is_the_rule_iterated_here():
    # θ₊ = θ − α∇f(θ) + β(θ − θ₋) for f = x² + 10y² (∇f = (2x, 20y)), θ₋₁ = θ₀, iterated here exactly.
    plan = MomentumParameters().resolve()
    alpha, beta = plan.rate, plan.momentum
    previous = here = (Fraction(4), Fraction(1))
    for k in range(plan.steps + 1):
        assert plan.heavy_run.points[k] == here, k
        step = tuple(h - alpha * g + beta * (h - p) for h, g, p in zip(here, (2 * here[0], 20 * here[1]), previous))
        previous, here = here, step
    gradient_step, velocity = plan.step_arrows(1)
    first, second = plan.heavy_run.points[1], plan.heavy_run.points[2]
    assert tuple(f + g + v for f, g, v in zip(first, gradient_step, velocity)) == second


@pytest.mark.parametrize("changes, key, words", [
    ({"bowl": "x^2 + y^2"}, "bowl", "round"),
    ({"bowl": "x^2 - y^2"}, "bowl", "not bowl-shaped"),
    ({"start": "0,0"}, "start", "the minimum itself"),
    ({"plain_learning_rate": "0.1"}, "plain_learning_rate", "2/L"),
    ({"learning_rate": "0.1"}, "learning_rate", "'best' too"),
    ({"momentum": "0.5"}, "momentum", "'best' too"),
    ({"learning_rate": "0.2", "momentum": "0.5"}, "learning_rate", "does not converge"),
    ({"momentum": "1", "learning_rate": "0.1"}, "momentum", "less than 1"),
    ({"spiral_momentum": "0.1"}, "spiral_momentum", "does not spiral"),
    ({"steps": 0}, "steps", "from 1 to"),
    ({"path_steps": 31}, "path_steps", "from 1 to"),
])
def test_bad_parameters_name_their_field(changes, key, words):
    with pytest.raises(FieldError) as caught:
        replace(MomentumParameters(), **changes).resolve()
    assert caught.value.key == key and words in str(caught.value), str(caught.value)


def test_every_number_recorded_is_gdmaths(dry):
    # The dry run has already checked that every number drawn was recorded, and drawn as recorded.
    bowl = parse("x^2 + 10y^2")
    model = quadratic_model(bowl)
    exact = {entry["label"]: entry["exact"] for entry in dry.record["numbers"] + dry.record["surds"]}
    plain = descend(bowl, (4, 1), "1/11", 40)
    squared = squared_errors(plain)
    assert exact["alpha"] == str(model.momentum_best_step) and exact["beta"] == str(model.momentum_best_beta)
    assert exact["plain alpha"] == "1/11" and exact["plain rate"] == "9/11"
    assert exact["momentum rate"] == str(model.momentum_best_rate) == exact["best rate"]
    assert exact["plain steps to shrink"] == "35" and exact["heavy steps to shrink"] == "14"
    assert Fraction(exact["plain ratio at path end"]) ** 2 == squared[12] / squared[0] == Fraction(9, 11) ** 24
    assert exact["spiral rate"] == "3/10·√10" and exact["spiral beta"] == "9/10"
    beats = [beat["beat"] for beat in dry.record["beats"]]
    assert beats[:5] == ["intro", "beta_zero", "bowl", "first_step", "two_arrows"] and beats[-1] == "summary"
    assert dry.record["counts"] == {"plain": 35, "heavy": 14, "spiral": None}


# -- the default render: what is drawn ------------------------------------------------------------
def test_video_has_the_recorded_length_and_subtitles_follow_the_narration(rendered):
    assert_video_matches_record(rendered)
    assert 60 <= rendered.record["duration"] <= 100
    assert_subtitles_match_beats(rendered)


def test_the_korean_video_writes_no_english_words(rendered):
    assert_no_english_on_screen(rendered)


def beat_times(rendered) -> dict[str, tuple[float, float]]:
    return {beat["beat"]: (beat["start"], beat["end"]) for beat in rendered.record["beats"]}


def share_in_bowl(rendered, seconds: float, colour, png=None) -> float:
    """The share of the bowl's view (the middle band, below the legend and above the caption) in ``colour``."""
    frame = frame_at(rendered.video, seconds, png=png)
    height, width, _ = frame.shape
    return share_of_colour(frame[int(height * 0.19):int(height * 0.72), int(width * 0.06):int(width * 0.94)], colour, 60)


def test_the_race_draws_plain_descent_then_the_heavy_ball(rendered, tmp_path):
    # Over plain descent's beat its yellow zig-zag grows on the bowl; over the heavy ball's, the cyan path.
    times = beat_times(rendered)
    (plain_start, plain_end), (heavy_start, heavy_end) = times["plain_best"], times["heavy_best"]
    yellow = [share_in_bowl(rendered, t, DESCENT_COLOR) for t in (plain_start + 0.1, plain_end - 0.1)]
    cyan = [share_in_bowl(rendered, t, MOMENTUM_COLOR, png=tmp_path / f"race{i}.png")
            for i, t in enumerate((heavy_start + 0.1, heavy_end - 0.1))]
    assert yellow[1] > 0.003 and yellow[1] > 4 * yellow[0], yellow
    assert cyan[1] > 0.002 and cyan[1] > 3 * cyan[0], cyan
    assert share_in_bowl(rendered, heavy_end - 0.1, DESCENT_COLOR) > 0.6 * yellow[1]  # both paths on screen


def test_the_error_plot_draws_both_runs(rendered):
    times = beat_times(rendered)
    start, _ = times["errors"]
    _, end = times["heavy_line_double"]
    for colour in (DESCENT_COLOR, MOMENTUM_COLOR):
        before, after = share_in_bowl(rendered, start + 0.1, colour), share_in_bowl(rendered, end - 0.1, colour)
        assert after > 0.002 and after > 5 * before, (colour, before, after)


def test_the_spiral_is_drawn(rendered, tmp_path):
    start, end = beat_times(rendered)["spiral"]
    before = share_in_bowl(rendered, start + 0.2, MOMENTUM_COLOR)
    after = share_in_bowl(rendered, end - 0.1, MOMENTUM_COLOR, png=tmp_path / "spiral.png")
    assert after > 0.003 and after > 4 * before, (before, after)
