"""``python -m gdmath`` as a user runs it: a real subprocess, real stdout and stderr."""

import csv
import io
import json
import subprocess
import sys
from fractions import Fraction

import pytest


def gdmath(*arguments):
    return subprocess.run([sys.executable, "-m", "gdmath", *arguments], capture_output=True, text=True)


def test_json_of_the_seed_run():
    result = gdmath("iterates", "x**2", "--start", "5", "--lr", "0.1", "--steps", "10", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["function"] == "x**2" and data["variables"] == ["x"]
    assert data["learning_rate"] == "1/10" and data["steps"] == 10
    assert data["regime"] == "monotone" and data["exact"] is True
    assert [it["k"] for it in data["iterates"]] == list(range(11))
    assert data["iterates"][2] == {"k": 2, "point": ["16/5"], "value": "256/25", "gradient": ["32/5"]}
    assert data["iterates"][10]["point"] == ["1048576/1953125"]


def test_json_in_two_variables():
    result = gdmath("iterates", "x^2 + y^2", "--start", "4,4", "--lr", "0.1", "--steps", "3", "--format", "json")
    data = json.loads(result.stdout)
    assert data["variables"] == ["x", "y"]
    assert data["iterates"][1]["point"] == ["16/5", "16/5"]
    assert data["iterates"][1]["gradient"] == ["32/5", "32/5"]
    assert data["analysis"]["stability_limit"] == "1"


@pytest.mark.parametrize("learning_rate, regime", [
    ("0.1", "monotone"), ("0.5", "one-step"), ("0.75", "oscillating"), ("1", "cycle"), ("1.05", "diverging")])
def test_json_regimes(learning_rate, regime):
    result = gdmath("iterates", "x^2", "--start", "5", "--lr", learning_rate, "--steps", "4", "--format", "json")
    assert json.loads(result.stdout)["regime"] == regime


def test_non_quadratic_has_null_regime():
    data = json.loads(gdmath("iterates", "x^4", "--start", "1", "--lr", "0.1", "--steps", "2", "--format", "json").stdout)
    assert data["regime"] is None and data["exact"] is True


def test_table_shows_exact_and_decimal():
    result = gdmath("iterates", "x**2", "--start", "5", "--lr", "0.1", "--steps", "10")
    assert result.returncode == 0
    last = result.stdout.strip().splitlines()[-1].split()
    assert last[:3] == ["10", "1048576/1953125", "0.536871"]
    assert "regime: monotone" in result.stdout


def test_csv_reads_back_exactly():
    result = gdmath("iterates", "x^2+y^2", "--start", "4,4", "--lr", "0.1", "--steps", "10", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 11
    for k, row in enumerate(rows):
        assert Fraction(row["x"]) == Fraction(row["y"]) == 4 * Fraction(4, 5) ** k
        assert abs(float(row["x_decimal"]) - float(Fraction(row["x"]))) < 1e-15


def test_negative_start_needs_no_equals_sign():
    result = gdmath("iterates", "x^2+y^2", "--start", "-4,4", "--lr", "0.1", "--steps", "1", "--format", "json")
    assert json.loads(result.stdout)["iterates"][1]["point"] == ["-16/5", "16/5"]


def test_analyze():
    result = gdmath("analyze", "x^2 + 10y^2", "--lr", "0.05", "--start", "4,1")
    assert result.returncode == 0
    assert "2/L" in result.stdout and "1/10" in result.stdout and "regime: monotone" in result.stdout


@pytest.mark.parametrize("arguments, words", [
    (("iterates", "x**y", "--start", "1", "--lr", "0.1"), "exponent"),
    (("iterates", "sin(x)", "--start", "1", "--lr", "0.1"), "function calls"),
    (("iterates", "x^2", "--start", "1", "--lr", "0"), "greater than 0"),
    (("iterates", "x^2", "--start", "1", "--lr", "-0.5"), "greater than 0"),
    (("iterates", "x^2", "--start", "1", "--lr", "nan"), "finite"),
    (("iterates", "x^2", "--start", "1", "--lr", "inf"), "finite"),
    (("iterates", "x^2", "--start", "4,4", "--lr", "0.1"), "start has 2"),
    (("iterates", "x^2", "--start", "1", "--lr", "0.1", "--steps", "5000"), "at most"),
    (("iterates", "x^2", "--start", "1", "--lr", "0.1", "--format", "xml"), "invalid choice"),
    (("iterates", "x^2"), "required"),
    (("nonsense",), "invalid choice"),
])
def test_bad_input_is_one_line_without_traceback(arguments, words):
    result = gdmath(*arguments)
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert words in lines[0] and "Traceback" not in result.stderr
