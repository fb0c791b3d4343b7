"""``python -m gdmath`` as a user runs it: a real subprocess, real stdout and stderr."""

import csv
import doctest
import io
import json
import re
import subprocess
import sys
from fractions import Fraction

import pytest

import gdmath.__main__ as cli
from gdmath import descend


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


# -- long exact values in the table (issue 8) ---------------------------------

#: Widest table line a teacher should have to read; written out, not taken from the code under test.
WIDTH = 160

#: Runs whose exact numbers grow to hundreds or thousands of digits.
LONG_RUNS = [
    ("x^4", "1", "0.1", "5"),
    ("x^4", "1", "0.1", "1000"),
    ("x^3", "1", "0.1", "1000"),
    ("x^4 - 2x^2", "2", "0.05", "1000"),
    ("x^4 + y^4", "1,1", "0.1", "1000"),
    ("x^4 + y^4", "3,-2", "0.1", "20"),
    ("x^2", "5", "1.05", "1000"),
]

#: ``python -m gdmath iterates "x**2" --start 5 --lr 0.1 --steps 10`` as it always printed.
SEED_TABLE = """\
f(x) = x**2
start 5, learning rate 1/10 (= 0.1), 10 steps, regime: monotone, all numbers exact

 k                x       ≈ x                         f(x)    ≈ f(x)            f'(x)  ≈ f'(x)
 0                5         5                           25        25               10       10
 1                4         4                           16        16                8        8
 2             16/5       3.2                       256/25     10.24             32/5      6.4
 3            64/25      2.56                     4096/625    6.5536           128/25     5.12
 4          256/125     2.048                  65536/15625    4.1943          512/125    4.096
 5         1024/625    1.6384               1048576/390625   2.68435         2048/625   3.2768
 6        4096/3125   1.31072             16777216/9765625   1.71799        8192/3125  2.62144
 7      16384/15625   1.04858          268435456/244140625   1.09951      32768/15625  2.09715
 8      65536/78125  0.838861        4294967296/6103515625  0.703687     131072/78125  1.67772
 9    262144/390625  0.671089     68719476736/152587890625   0.45036    524288/390625  1.34218
10  1048576/1953125  0.536871  1099511627776/3814697265625   0.28823  2097152/1953125  1.07374
"""

_ELIDED = re.compile(r"(\d*)…\((\d+)\)…(\d*)")


def iterates(function, start, learning_rate, steps, *options):
    result = gdmath("iterates", function, "--start", start, "--lr", learning_rate, "--steps", steps, *options)
    assert result.returncode == 0, result.stderr
    return result.stdout


def table_rows(output):
    """The lines of the table proper: from its header ``k ...`` to the last iterate."""
    lines = output.splitlines()
    header = next(i for i, line in enumerate(lines) if line.split()[:1] == ["k"])
    return [line for line in lines[header:] if not line.startswith("note:")]


def shows_digits(shown, digits):
    """True when ``shown`` is ``digits`` itself, or them elided as ``head…(n)…tail`` honestly, or ``…``."""
    elided = _ELIDED.fullmatch(shown)
    if elided is None:
        return shown in (digits, "…")
    head, count, tail = elided.groups()
    return (digits.startswith(head) and digits.endswith(tail)
            and len(head) + int(count) + len(tail) == len(digits) and int(count) > 0)


def shows_exactly(shown, number):
    """True when the table cell ``shown`` is the exact ``number``, whole or with honest elisions."""
    if shown == "…":
        return True
    sign = "-" if number < 0 else ""
    if not shown.startswith(sign) or (not sign and shown.startswith("-")):
        return False
    parts = shown[len(sign):].split("/")
    digits = [str(abs(number.numerator))] + ([str(number.denominator)] if number.denominator != 1 else [])
    return len(parts) == len(digits) and all(shows_digits(p, d) for p, d in zip(parts, digits))


@pytest.mark.parametrize("function, start, learning_rate, steps", LONG_RUNS)
def test_table_of_long_numbers_fits_and_says_so(function, start, learning_rate, steps):
    output = iterates(function, start, learning_rate, steps)
    lines = output.splitlines()
    assert max(len(line) for line in lines) <= WIDTH, max(lines, key=len)
    assert lines[-1].startswith("note:") and "shortened" in lines[-1]
    assert "--format csv" in lines[-1] and "--format json" in lines[-1]
    run = descend(function, start, learning_rate, int(steps))
    assert [row.split()[0] for row in table_rows(output)[1:]] == [str(it.k) for it in run.iterates]


def test_shortened_values_in_one_variable_are_the_exact_ones():
    output = iterates("x^4", "1", "0.1", "1000")
    run = descend("x^4", "1", "0.1", 1000)
    rows = table_rows(output)[1:]
    assert any("…(" in row for row in rows[:8])
    for row, it in zip(rows, run.iterates, strict=True):
        k, x, x_decimal, value, value_decimal, slope, slope_decimal = row.split()
        assert shows_exactly(x, it.point[0]) and shows_exactly(value, it.value), row
        assert shows_exactly(slope, it.gradient[0]), row
        assert abs(float(x_decimal) - float(it.point[0])) <= 1e-5 * abs(float(it.point[0])), row


def test_short_values_stay_whole_next_to_long_ones():
    rows = table_rows(iterates("x^4", "1", "0.1", "5"))
    assert rows[2].split() == ["1", "3/5", "0.6", "81/625", "0.1296", "108/125", "0.864"]
    assert rows[6].split()[0] == "5" and rows[6].split()[2] == "0.390856"
    assert "…(" in rows[6].split()[1]


def test_seed_table_is_unchanged():
    output = iterates("x**2", "5", "0.1", "10")
    assert output == SEED_TABLE
    assert "…" not in output and "shortened" not in output


def test_two_variable_quadratic_that_fits_is_not_shortened():
    output = iterates("x^2 + y^2", "4,4", "0.1", "10")
    assert "…" not in output and "shortened" not in output
    final = descend("x^2 + y^2", "4,4", "0.1", 10).final
    assert f"({final.point[0]}, {final.point[1]})" in output and f"  {final.value}  " in output


@pytest.mark.parametrize("function, start, learning_rate, steps", [
    ("x^4", "1", "0.1", "8"), ("x^4 + y^4", "1,1", "0.1", "8"), ("x^3", "2", "0.05", "12")])
def test_csv_and_json_keep_every_digit(function, start, learning_rate, steps):
    run = descend(function, start, learning_rate, int(steps))
    variables = run.objective.variables
    assert max(len(str(it.value.numerator)) for it in run.iterates) > 200
    csv_text = iterates(function, start, learning_rate, steps, "--format", "csv")
    json_text = iterates(function, start, learning_rate, steps, "--format", "json")
    assert "…" not in csv_text and "…" not in json_text
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    data = json.loads(json_text)["iterates"]
    assert len(rows) == len(data) == len(run.iterates)
    for row, item, it in zip(rows, data, run.iterates):
        assert [Fraction(row[name]) for name in variables] == list(it.point)
        assert Fraction(row["value"]) == it.value
        assert [Fraction(row[f"gradient_{name}"]) for name in variables] == list(it.gradient)
        assert [Fraction(c) for c in item["point"]] == list(it.point)
        assert Fraction(item["value"]) == it.value
        assert [Fraction(g) for g in item["gradient"]] == list(it.gradient)


def test_doctests_of_the_cli():
    """pytest's doctest collection skips ``__main__.py``, so its examples are run here."""
    result = doctest.testmod(cli)
    assert result.failed == 0


def test_the_command_line_writes_with_the_export_module():
    """One writer of tables: the command line prints what gdmath.export makes for course pages."""
    from gdmath import export

    run = descend("x^2 + y^2", "4,4", "0.1", 3)
    assert gdmath("iterates", "x^2 + y^2", "--start", "4,4", "--lr", "0.1", "--steps", "3",
                  "--format", "csv").stdout.rstrip("\n") == export.run_to_csv(run)
    assert cli.run_to_csv is export.run_to_csv
