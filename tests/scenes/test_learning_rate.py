"""The learning-rate scene, rendered for real: video, subtitles, every number and verdict it showed."""

import math
import re
from types import SimpleNamespace
from dataclasses import replace
from fractions import Fraction

import pytest

from gdmath import Surd, as_point, classify, decimal_text, descend, exact_text, parse, quadratic_model
from scenes.kit.narration import Script
from scenes.kit.variants import VARIANTS_FILE, FieldError, changed_parameters, load_variants
from scenes.learning_rate import LearningRateParameters, bowl_beats, regime_word_key, runs_beats

from scenes.kit.style import DESCENT_COLOR

from .screen import assert_numbers_on_screen
from .conftest import (dry_run, assert_legible, assert_no_english_on_screen, assert_subtitles_match_beats,
                       assert_video_matches_record, frame_at, reads_as, share_of_colour, srt_cues)

# The tests of this module share its renders: one worker runs them all (pytest -n).
pytestmark = pytest.mark.xdist_group("learning_rate")

SCENE = "scenes/learning_rate.py"
ROTATED = "learning-rate-rotated"


@pytest.fixture(scope="module")
def rendered(render):
    return render(SCENE)


@pytest.fixture(scope="module")
def rotated(tmp_path_factory):
    # Every animation played (a dry run at 3 fps), so every number it records is also drawn and witnessed.
    record = dry_run(SCENE, tmp_path_factory.mktemp("rotated"), dict(load_variants()[ROTATED].changes))
    return SimpleNamespace(record=record)


def rotated_parameters() -> LearningRateParameters:
    return changed_parameters(LearningRateParameters(), load_variants()[ROTATED].changes)


def hessian_eigenvalues(polynomial) -> tuple[Surd, Surd]:
    """The 2×2 Hessian's eigenvalues from the characteristic polynomial, here rather than from gdmath's model."""
    (p, q), (_, r) = polynomial.hessian_at((0, 0))
    half_trace, root = (p + r) / 2, Surd.sqrt(((p - r) / 2) ** 2 + q * q)
    return half_trace - root, half_trace + root


def expected_numbers(p: LearningRateParameters) -> dict[str, Fraction | Surd]:
    """What the scene must show, computed here from gdmath's parser and descent and the parameters."""
    flat = parse(p.function)
    curvature = flat.derivative().derivative()(0)          # f'' of a quadratic is a constant
    expected: dict = {"x_0": as_point(p.start, 1)[0], "lambda": curvature, "0": Fraction(0),
                      "1/L": 1 / curvature, "2/(mu+L)": 2 / (2 * curvature), "2/L": 2 / curvature}
    slope = flat.derivative()
    expected.update({"runs": len(p.learning_rates), "bowl steps": p.bowl_steps,
                     "alpha (caption)": Fraction(p.learning_rates[0]), "1/L (caption)": 1 / curvature,
                     "2/L (caption)": 2 / curvature})
    for i, rate in enumerate(p.learning_rates):
        alpha = Fraction(rate)
        expected[f"alpha[{i}]"] = alpha
        expected[f"factor[{i}]"] = expected[f"factor[{i}] (caption)"] = abs(1 - alpha * curvature)
        x = as_point(p.start, 1)[0]
        for k in range(p.steps + 1):  # the update rule, iterated here rather than by gdmath's descend
            expected[f"x_{k}[{i}]"] = x
            x -= alpha * slope(x)
    bowl = parse(p.bowl)
    mu, big = hessian_eigenvalues(bowl)
    alpha = Fraction(p.bowl_learning_rate)
    start = as_point(p.bowl_start, 2)
    expected.update({"bowl x_0": start[0], "bowl y_0": start[1], "bowl alpha": alpha, "bowl 0": Fraction(0),
                     "bowl mu": mu, "bowl L": big, "bowl kappa": big / mu,
                     "bowl |1-alpha mu|": abs(1 - alpha * mu), "bowl |1-alpha L|": abs(1 - alpha * big),
                     "bowl 1/L": 1 / big, "bowl 2/(mu+L)": 2 / (mu + big), "bowl 2/L": 2 / big,
                     "bowl 2/(mu+L) (caption)": 2 / (mu + big),
                     "bowl (L-mu)/(L+mu)": (big - mu) / (big + mu)})
    return expected


def recorded(rendered) -> dict[str, tuple[str, str]]:
    """label → (exact text, text shown), from the numbers and the irrational surds the scene recorded."""
    found = {}
    for entry in rendered.record["numbers"] + rendered.record["surds"]:
        previous = found.setdefault(entry["label"], (entry["exact"], entry["text"]))
        assert previous == (entry["exact"], entry["text"]), f"{entry['label']} shown with two values"
    return found


def surd_from_text(text: str) -> float:
    """The value of Surd text such as ``5 - 1/2·√72``, parsed here to compare with our own eigenvalues."""
    match = re.fullmatch(r"(?:(-?[\d/]+) ([+-]) )?(-?)(?:([\d/]+)·)?√([\d/]+)", text)
    assert match, text
    a, sign, minus, b, d = match.groups()
    value = float(Fraction(b or 1)) * math.sqrt(Fraction(d)) * (-1 if minus else 1)
    return float(Fraction(a or 0)) + (-value if sign == "-" else value)


# -- parameters ------------------------------------------------------------------------------
def test_defaults():
    p = LearningRateParameters()
    assert (p.function, p.start, p.learning_rates) == ("x**2", "5", ("0.1", "0.5", "0.75", "1", "1.05"))
    assert (p.bowl, p.bowl_start, p.bowl_learning_rate) == ("x**2 + 10*y**2", "4,1", "0.09")
    plan = p.resolve()
    assert plan.rates == (Fraction(1, 10), Fraction(1, 2), Fraction(3, 4), 1, Fraction(21, 20))
    assert plan.start == 5 and plan.bowl_start == (4, 1) and plan.bowl_rate == Fraction(9, 100)
    # f − f* on the bowl starts at 4² + 10·1² = 26 and only shrinks (factors 0.82 and 0.8): all 13 iterates in view
    assert (plan.bowl_in_view, plan.bowl_view_excess) == (13, 26)


def test_shipped_variants_are_valid_and_the_rotated_one_has_a_cross_term():
    variants = {name: v for name, v in load_variants(VARIANTS_FILE).items() if v.scene == "learning_rate"}
    assert {"learning-rate", "learning-rate-en", ROTATED} <= set(variants)
    for variant in variants.values():
        changed_parameters(LearningRateParameters(), variant.changes, variant.name)
    (_, q), _ = parse(rotated_parameters().bowl).hessian_at((0, 0))
    assert q != 0
    assert not quadratic_model(parse(rotated_parameters().bowl)).eigenvalues[0].is_rational


@pytest.mark.parametrize("changes, key, words", [
    ({"function": "x**3"}, "function", "degree 3"),
    ({"function": "3*x + 1"}, "function", "not bowl-shaped"),
    ({"function": "-x**2"}, "function", "not bowl-shaped"),
    ({"function": "x**2 + y**2"}, "function", "function of x alone"),
    ({"start": "0"}, "start", "the minimum itself"),
    ({"learning_rates": ()}, "learning_rates", "1 to 6"),
    ({"learning_rates": ("0.1",) * 7}, "learning_rates", "1 to 6"),
    ({"learning_rates": ("0.1", "1/10")}, "learning_rates", "same rate twice"),
    ({"learning_rates": ("0.1", "0")}, "learning_rates", "greater than 0"),
    ({"learning_rates": ("2.5",)}, "learning_rates", "2 × 2/L"),
    ({"steps": 0}, "steps", "from 1 to"),
    ({"steps": 9}, "steps", "from 1 to"),
    ({"bowl": "x**2"}, "bowl", "function of x and y"),
    ({"bowl": "x**2 - y**2"}, "bowl", "not bowl-shaped"),
    ({"bowl": "x**2 + 2*x*y + y**2"}, "bowl", "not bowl-shaped"),
    ({"bowl_start": "0,0"}, "bowl_start", "the minimum itself"),
    ({"bowl_learning_rate": "0.25"}, "bowl_learning_rate", "2 × 2/L"),
    ({"bowl_steps": 31}, "bowl_steps", "from 1 to"),
])
def test_bad_parameters_name_their_field(changes, key, words):
    with pytest.raises(FieldError) as caught:
        replace(LearningRateParameters(), **changes).resolve()
    assert caught.value.key == key and words in str(caught.value)


def test_the_plan_tables_hold_every_run():
    tables = LearningRateParameters().resolve().tables()
    assert list(tables) == ["run-1", "run-2", "run-3", "run-4", "run-5", "bowl"]
    assert tables["run-4"].points[1] == (Fraction(-5),) and tables["bowl"].steps == 12


def test_each_value_is_parsed_once_when_resolved(monkeypatch):
    # (tests/scenes/test_plan.py renders every scene and checks that nothing is parsed while drawing)
    import importlib

    parsing, exact = importlib.import_module("gdmath.parse"), importlib.import_module("gdmath.exact")
    calls = {"parse": 0, "fraction": 0}

    def counting(name, original):
        def count(*args, **kwargs):
            calls[name] += 1
            return original(*args, **kwargs)
        return count

    monkeypatch.setattr(parsing._Parser, "parse", counting("parse", parsing._Parser.parse))
    monkeypatch.setattr(exact, "_fraction_from_text", counting("fraction", exact._fraction_from_text))
    # values no other test resolves, so the plan is made here (resolve caches it)
    p = LearningRateParameters(start="4", learning_rates=("0.2", "0.6"), steps=2, bowl_start="3,1", bowl_steps=2)
    plan = p.resolve()
    # the function and the bowl; the start, each rate, both coordinates of the bowl's start, its rate
    assert calls == {"parse": 2, "fraction": 1 + 2 + 2 + 1}
    assert p.resolve() is plan and calls == {"parse": 2, "fraction": 6}


# -- the default render ----------------------------------------------------------------------
def test_video_has_the_recorded_length_and_a_picture_at_the_end(rendered):
    assert_video_matches_record(rendered)
    assert 60 <= rendered.record["duration"] <= 90


def test_subtitles_follow_the_narration(rendered):
    assert_subtitles_match_beats(rendered)
    beats = [b["beat"] for b in rendered.record["beats"]]
    assert beats == ["intro", "runs", "steps", "regimes", "factor", "limit", "overshoot", "marks", "bowl",
                     "path_oscillating", "curvatures", "bowl_factors", "cap", "pace", "summary"]
    assert rendered.record["language"] == "ko"
    texts = [text for _, _, text in srt_cues(rendered.subtitles)]
    assert "α < 2/L = 1일 " in texts[5] and "0.8, 0, 0.5, 1, 1.1" in texts[7]


def test_every_number_shown_is_gdmaths(rendered):
    expected = expected_numbers(LearningRateParameters())
    shown = recorded(rendered)
    assert not rendered.record["surds"], "the default scene has only rational numbers"
    assert set(shown) == set(expected)
    for label, (exact, text) in shown.items():
        value = expected[label]
        value = value.as_fraction() if isinstance(value, Surd) else value
        assert Fraction(exact) == value, label
        assert reads_as(text, value), (label, text, value)


def test_the_lecture_numbers(rendered):
    shown = {label: Fraction(exact) for label, (exact, _) in recorded(rendered).items()}
    assert [shown[f"factor[{i}]"] for i in range(5)] == [Fraction(4, 5), 0, Fraction(1, 2), 1, Fraction(11, 10)]
    assert (shown["1/L"], shown["2/L"]) == (Fraction(1, 2), 1)
    assert (shown["bowl mu"], shown["bowl L"], shown["bowl kappa"]) == (2, 20, 10)
    assert (shown["bowl 2/L"], shown["bowl 2/(mu+L)"]) == (Fraction(1, 10), Fraction(1, 11))
    # As a student reads them: x₆ of each run (5·0.8⁶, 0, 5·0.5⁶, 5, 5·1.1⁶), and the bowl's pace.
    texts = {label: text for label, (_, text) in recorded(rendered).items()}
    assert [texts[f"x_6[{i}]"] for i in range(5)] == ["1.311", "0", "0.07812", "5", "8.858"]
    assert (texts["bowl 2/(mu+L)"], texts["bowl (L-mu)/(L+mu)"], texts["bowl |1-alpha mu|"]) == ("0.09091", "0.8182", "0.82")


def test_regime_labels_are_the_lecture_notes(rendered):
    # On x² each step multiplies x by 1 − 2α: 0.8, 0, −0.5, −1, −1.1 for the five rates, so the runs
    # creep down, land at once, overshoot and settle, swing for ever, and fly apart. On x² + 10y² with
    # α = 0.09 the factors are 1 − 0.18 = 0.82 and 1 − 1.8 = −0.8: the steep direction overshoots.
    verdicts = [(entry["alpha"], entry["regime"]) for entry in rendered.record["regimes"]]
    assert verdicts == [("1/10", "monotone"), ("1/2", "one-step"), ("3/4", "oscillating"), ("1", "cycle"),
                        ("21/20", "diverging")]
    assert rendered.record["bowl_regime"] == "oscillating"


def test_the_zig_zag_is_drawn_on_the_bowl(rendered, tmp_path):
    # Over the path beat the yellow of the descent grows across the bowl's view (upper left): the
    # path is drawn there, from the start dot and its label alone to the whole zig-zag.
    path = next(b for b in rendered.record["beats"] if b["beat"].startswith("path_"))
    before = frame_at(rendered.video, path["start"] + 0.1)
    after = frame_at(rendered.video, path["end"] - 0.1, png=tmp_path / "path.png")
    height, width, _ = after.shape

    def yellow(frame):
        return share_of_colour(frame[int(height * 0.08):int(height * 0.48), :int(width * 0.58)], DESCENT_COLOR, 60)

    assert yellow(after) > 0.003 and yellow(after) > 4 * yellow(before), (yellow(before), yellow(after))


# -- the rotated bowl: irrational thresholds, exact ------------------------------------------
def test_rotated_thresholds_are_gdmaths_exact_surds(rotated):
    p = rotated_parameters()
    assert rotated.record["parameters"]["bowl"] == p.bowl
    model = quadratic_model(parse(p.bowl))
    mu, big = model.eigenvalues
    alpha = Fraction(p.bowl_learning_rate)
    gdmaths = {"bowl mu": mu, "bowl L": big, "bowl kappa": model.condition_number,
               "bowl 1/L": model.fastest_monotone, "bowl 2/L": model.stability_limit,
               "bowl |1-alpha mu|": model.factors(alpha)[0], "bowl |1-alpha L|": model.factors(alpha)[1],
               "bowl (L-mu)/(L+mu)": (big - mu) / (big + mu)}
    surds = {entry["label"]: entry for entry in rotated.record["surds"]}
    assert set(surds) == set(gdmaths)
    ours = expected_numbers(p)
    for label, value in gdmaths.items():
        assert not value.is_rational, label
        assert surds[label]["exact"] == str(value), label
        # the same number as the eigenvalues worked out here, and its text that number rounded
        mine = float(ours[label])
        assert math.isclose(surd_from_text(surds[label]["exact"]), mine, rel_tol=1e-12), label
        assert reads_as(surds[label]["text"], Fraction(mine)), (label, surds[label]["text"], mine)
    # By hand: the Hessian [[2, 3], [3, 8]] has eigenvalues 5 ∓ 3√2, so κ = (5 + 3√2)/(5 − 3√2) ≈ 12.21.
    texts = {label: entry["text"] for label, entry in surds.items()}
    assert (texts["bowl mu"], texts["bowl L"], texts["bowl kappa"]) == ("0.7574", "9.243", "12.20")
    assert Fraction(recorded(rotated)["bowl 2/(mu+L)"][0]) == model.best_step.as_fraction() == Fraction(1, 5)
    assert rotated.record["bowl_regime"] == classify(parse(p.bowl), alpha, as_point(p.bowl_start, 2)).value


# -- English ---------------------------------------------------------------------------------
def test_english_is_one_parameter_away(render):
    english = render(SCENE, env={"LECTURE_LANGUAGE": "en"}, extra=("-n", "0,5"))
    assert english.record["language"] == "en"
    script = Script.load("learning_rate")
    beats = [b for b in english.record["beats"] if b["end"] > b["start"]]
    texts = [text for _, _, text in srt_cues(english.subtitles)]
    assert len(texts) == len(beats) >= 2
    assert texts[0].startswith("The learning rate α sets the size of each step")
    assert texts[1] == "Descend f(x) = x² from x = 5, once per learning rate: only α differs."


def test_the_korean_video_writes_no_english_words(rendered):
    assert_no_english_on_screen(rendered)


# -- what the beats say holds for every accepted set of runs and every bowl (issue 15) -----------
@pytest.mark.parametrize("rates, steps, regimes", [
    (("0.1", "0.5", "0.75", "1", "1.05"), "steps", "regimes"),   # the lecture's: one run per regime
    (("0.3",), "steps_one", "regimes_one"),                      # nothing to compare
    (("0.1", "0.2", "0.3"), "steps_differ", "regimes_calm"),     # all creep: a larger α is only faster
    (("0.1", "0.5"), "steps", "regimes_calm"),
    (("0.1", "0.2", "0.75", "1.05"), "steps_differ", "regimes_mixed"),
    (("0.6", "0.9"), "steps_differ", "regimes"),                 # both oscillate: the larger, the wilder
    (("0.1", "0.75", "0.9"), "steps_differ", "regimes"),
])
def test_the_runs_are_compared_only_in_words_true_of_them(rates, steps, regimes):
    runs = [descend("x^2", 5, rate, 6) for rate in rates]
    said = runs_beats(runs)
    assert (said["steps"], said["regimes"]) == (steps, regimes)
    assert said["runs"] == ("runs_one" if len(rates) == 1 else "runs")
    # "nothing alike" only when no two runs share a regime
    assert (said["steps"] == "steps") == (len({run.regime for run in runs}) == len(runs) > 1)


def test_a_fast_monotone_run_is_not_said_to_creep():
    model = quadratic_model(parse("x^2"))
    keys = [regime_word_key(descend("x^2", 5, rate, 6), model) for rate in ("0.1", "0.2", "0.25", "0.3", "0.45")]
    # |1 − 2α| = 0.8, 0.6, 0.5, 0.4, 0.1: "slowly" while at most half the way is covered per step
    assert keys == ["screen_regime_monotone"] * 3 + ["screen_regime_monotone_fast"] * 2


@pytest.mark.parametrize("bowl, start, rate, path", [
    ("x^2 + 10y^2", "4,1", "0.09", "path_oscillating"),           # the lecture's zig-zag
    ("x^2 + 10y^2", "4,0", "0.09", "path_monotone"),              # on the gentle axis: y never moves
    ("x^2 + 10y^2", "0,1", "0.1", "path_cycle"),                  # on the steep axis, at 2/L
    ("x^2 + 10y^2", "4,1", "0.1", "path_cycle"),
    ("x^2 + 10y^2", "4,1", "0.15", "path_diverging"),
    ("x^2 + 3y^2/2", "4,1", "0.6", "path_oscillating_across"),    # both directions overshoot
    ("x^2 + 3y^2/2", "4,0", "1", "path_cycle_line"),              # the gentle direction cycles
    ("x^2 + 3y^2/2", "4,0", "1.2", "path_diverging_line"),
    ("x^2 + y^2", "4,1", "0.75", "path_oscillating_line"),        # round: every start moves on one line
    ("x^2 + y^2", "4,1", "0.5", "path_one-step"),
])
def test_the_bowl_path_is_described_as_it_runs(bowl, start, rate, path):
    p = replace(LearningRateParameters(), bowl=bowl, bowl_start=start, bowl_learning_rate=rate)
    said = bowl_beats(quadratic_model(parse(bowl)), descend(bowl, start, rate, 12))
    assert p.resolve().bowl_said == said
    assert said["path"] == path
    round_ = bowl == "x^2 + y^2"
    assert said["curvatures"] == ("curvatures_round" if round_ else "curvatures")
    assert said["pace"] == ("pace_round" if round_ else "pace")


def test_every_new_beat_is_in_both_languages():
    script = Script.load("learning_rate")
    values = {"function": "x²", "x0": "5", "count": 3, "alpha": "0.3", "factors": "0.4", "steps": 12, "mu": "2",
              "L": "2", "kappa": "1", "slow": "0.5", "fast": "0.5", "limit": "1", "best": "0.5", "rate": "0"}
    beats = ["runs_one", "steps_one", "steps_differ", "regimes_one", "regimes_calm", "regimes_mixed", "marks_one",
             "path_oscillating_across", "path_oscillating_line", "path_cycle_line", "path_diverging_line",
             "curvatures_round", "bowl_factors_round", "cap_round", "pace_round", "screen_regime_monotone_fast"]
    for beat in beats:
        for language in ("ko", "en"):
            assert "{" not in script.line(beat, language, **values)
    assert script.line("runs_one", "ko", **values) == "f(x) = x², 출발점 x = 5에서 α = 0.3으로 내려가 봅시다."
    assert script.line("pace_round", "ko", **values).startswith("μ = L이면 가장 좋은 α = 2/(μ+L) = 0.5로 ")


@pytest.mark.render
def test_one_rate_and_a_round_bowl_are_narrated_as_they_are(tmp_path):
    record = dry_run(SCENE, tmp_path, {"learning_rates": ["0.45"], "bowl": "x^2 + y^2", "bowl_learning_rate": "0.75"},
                     language="en")
    said = {beat["beat"]: beat["text"] for beat in record["beats"]}
    assert said["runs_one"] == "Descend f(x) = x² from x = 5 with α = 0.45."
    assert "steps" not in said and "nothing alike" not in " ".join(said.values())
    assert said["regimes_one"] == "The run is classified exactly."
    assert said["curvatures_round"] == "The curvature is the same in every direction: μ = L = 2, so κ = 1."
    assert said["path_oscillating_line"].startswith("It overshoots the minimum, bouncing along one straight line")
    assert said["pace_round"] == "With μ = L, the best α = 2/(μ+L) = 0.5 reaches the minimum in one step."
    drawn = " ".join(entry["text"] for entry in record["texts"])  # a long regime word may be drawn on two lines
    assert "one side fast" in drawn and "creeps" not in drawn


def test_no_text_overlaps_another_or_leaves_the_frame_rendered(rendered):
    assert_legible(rendered.record)


def test_every_number_drawn_was_recorded_and_every_number_recorded_was_drawn(rendered):
    assert_numbers_on_screen(rendered.record)
    assert {(f["label"], f["text"]) for f in rendered.record["formulas"]} == {
        ("f", "x²"), ("f (bowl)", "x^{2} + 10y^{2}"), ("f (bowl)", "x² + 10y²")}
