"""The screen reader finds what a scene drew but did not record, and what it recorded but did not draw."""

from __future__ import annotations

import copy
import json
import os
import subprocess

import pytest

from .conftest import MANIM, ROOT
from .screen import (assert_numbers_on_screen, caption_problems, formula_problems, numbers_in, tick_problems,
                     unaccounted_numbers, unseen_numbers)


def unit(text: str, kind: str = "text", **extra) -> dict:
    return {"text": text, "kind": kind, "box": [0, 0, 1, 1], **extra}


def number(label: str, text: str, time: float, exact: str | None = None) -> dict:
    return {"label": label, "exact": exact or text, "text": text, "time": time}


def record(**changes) -> dict:
    """A small scene: a caption filled with x₀ = 5, a table cell 4, a formula 10y², a tick label."""
    base = {
        "scene": "Test",
        "script": "test",
        "duration": 10.0,
        "beats": [{"beat": "start", "text": "We start at x = 5.", "start": 0.0, "end": 4.0, "values": {"x0": "5"}},
                  {"beat": "step", "text": "One step.", "start": 4.0, "end": 10.0, "values": {}}],
        "numbers": [number("x_0", "5", 0.0), number("x_1", "4", 4.0)],
        "formulas": [{"label": "f", "text": "x^{2} + 10y^{2}", "time": 0.0, "polynomial": "x**2 + 10*y**2"}],
        "ticks": [{"axis": "x", "exact": "2", "text": "2"}],
        "screens": [
            {"time": 0.0, "texts": [unit("We start at x = 5.", "caption"), unit("f(x) = x^{2} + 10y^{2}", "tex"),
                                    unit("2", "tick", axis="x", value="2"), unit(r"x_{0} = 5", "tex")]},
            {"time": 4.5, "texts": [unit("One step.", "caption"), unit("4"), unit("2", "tick", axis="x", value="2")]},
        ],
    }
    base.update(changes)
    return base


def test_a_scene_that_draws_what_it_records_passes():
    assert_numbers_on_screen(record())


def test_a_digit_drawn_but_not_recorded_is_found():
    wrong = record()
    wrong["screens"][1]["texts"][1] = unit("4.1")  # the table says 4.1, the record 4
    assert unaccounted_numbers(wrong) == ["'4.1': 4.1 (first on screen at t = 4.5)"]
    assert unseen_numbers(wrong) == ["x_1 = 4 (recorded at t = 4.0, beat over at 10.0)"]
    with pytest.raises(AssertionError):
        assert_numbers_on_screen(wrong)


def test_a_readout_drawing_more_decimals_than_recorded_is_found():
    wrong = record()
    wrong["screens"][1]["texts"][1] = unit("4.00", "number")
    assert unaccounted_numbers(wrong) and unseen_numbers(wrong)


def test_a_number_recorded_long_before_it_is_drawn_does_not_account_for_it():
    # The same text recorded two beats earlier is another number: it must be recorded when drawn.
    late = record()
    late["beats"].append({"beat": "end", "text": "End.", "start": 10.0, "end": 20.0, "values": {}})
    late["beats"].append({"beat": "later", "text": "Later.", "start": 20.0, "end": 30.0, "values": {}})
    late["screens"].append({"time": 25.0, "texts": [unit("5")]})
    assert unaccounted_numbers(late) == ["'5': 5 (first on screen at t = 25.0)"]


def test_a_caption_value_not_recorded_is_found():
    wrong = record()
    wrong["beats"][1]["values"] = {"n": "10"}
    assert unaccounted_numbers(wrong) == ["caption [step] 'One step.': 10"]


def test_a_caption_that_is_not_its_beats_sentence_is_found():
    wrong = record()
    wrong["screens"][1]["texts"][0] = unit("We start at x = 6.", "caption")
    assert caption_problems(wrong) == ["'We start at x = 6.' at t = 4.5"]


def test_a_tick_label_must_say_its_value_and_be_recorded():
    wrong = record()
    wrong["screens"][1]["texts"][2] = unit("2.5", "tick", axis="x", value="2")
    assert tick_problems(wrong) == ["tick label '2.5' (value 2) was not recorded",
                                    "tick label '2.5' does not say its value 2"]


def test_a_formula_must_write_its_polynomial():
    wrong = record()
    wrong["formulas"][0]["text"] = "x^{2} + 01y^{2}"
    assert formula_problems(wrong) and not formula_problems(record())
    wrong = copy.deepcopy(record())
    wrong["formulas"][0]["polynomial"] = "x**2 + 100*y**2"
    assert formula_problems(wrong) == ["formula f drawn as 'x^{2} + 10y^{2}' is x**2 + 10*y**2, not x**2 + 100*y**2"]


def test_a_recorded_number_never_drawn_is_found():
    wrong = record()
    wrong["numbers"].append(number("x_2", "3.2", 4.0))
    assert unseen_numbers(wrong) == ["x_2 = 3.2 (recorded at t = 4.0, beat over at 10.0)"]


@pytest.mark.parametrize("text, latex, numbers", [
    (r"P_{1}\,(1.2, -1.6)", True, ["1.2", "-1.6"]),        # an index is not a number
    (r"x^{2} + 10y^{2}", True, ["10"]),                     # nor an exponent
    ("x0 = 5", False, ["5"]),                               # x₀ written plainly
    ("x² − 3 = −2.5", False, ["3", "-2.5"]),                # a minus between terms is no sign
    ("1.000e+9, 0.4295", False, ["1.000e+9", "0.4295"]),
    ("10번 뒤", False, ["10"]),
])
def test_numbers_are_read_as_a_student_reads_them(text, latex, numbers):
    assert numbers_in(text, latex) == numbers


MUTANT = '''
from fractions import Fraction

from scenes.gradient_field import GradientFieldOfABowl
from scenes.kit.style import number_text


class DrawsAnotherNumber(GradientFieldOfABowl):
    """Records ∇f at P2 as gdmath computes it, but draws x one tenth off: a wrong digit on screen."""

    def shown(self, label, value, *args, **kwargs):
        text = super().shown(label, value, *args, **kwargs)
        return number_text(Fraction(value) + Fraction(1, 10)) if label == "P2 grad x" else text
'''


@pytest.mark.render
def test_a_real_scene_drawing_a_wrong_digit_fails(tmp_path):
    # The gradient field, changed only in one number it draws: the record alone would look right.
    (tmp_path / "mutant.py").write_text(MUTANT, encoding="utf-8")
    command = [str(MANIM), "render", "-ql", "--fps", "3", "--dry_run", "--disable_caching", "--progress_bar", "none",
               "--media_dir", str(tmp_path / "media"), str(tmp_path / "mutant.py")]
    env = {**os.environ, "LECTURE_RECORD_PATH": str(tmp_path / "record.json")}
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    record = json.loads((tmp_path / "record.json").read_text(encoding="utf-8"))
    numbers = {n["label"]: n["text"] for n in record["numbers"]}
    assert numbers["P2 grad x"] == "-4.8"  # what the record says
    problems = unaccounted_numbers(record)
    assert problems and all("-4.7" in p for p in problems), problems
    assert any("P2 grad x = -4.8" in p for p in unseen_numbers(record))
