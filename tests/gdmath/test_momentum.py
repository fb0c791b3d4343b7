"""The heavy ball θ₊ = θ − α∇f(θ) + β(θ − θ₋): exact iterates, closed forms and its analysis."""

import json
import math
import subprocess
import sys
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gdmath import (GDMathError, ParameterError, Regime, RootSum, Roots, Surd, closed_form, descend,
                    heavy_ball_direction, parse, quadratic_model, squared_errors, steps_to_shrink)

from .strategies import coordinates, curvatures, fractions_between, polynomials, quadratics, rotated_bowls

rates = fractions_between(Fraction(1, 50), 3, 50)
momenta = fractions_between(0, Fraction(49, 50), 50)


# -- the lecture's numbers -----------------------------------------------------------------
def test_best_pair_on_the_learning_rate_bowl_is_the_issue_s():
    model = quadratic_model(parse("x^2 + 10y^2"))
    assert model.momentum_best_step == Surd(Fraction(22, 81), Fraction(-4, 81), 10)
    assert model.momentum_best_beta == Surd(Fraction(161, 81), Fraction(-44, 81), 10)
    assert model.momentum_best_rate == Surd(Fraction(11, 9), Fraction(-2, 9), 10)
    assert model.best_rate == Fraction(9, 11)
    assert abs(float(model.momentum_best_rate) - 0.519494) < 1e-6


def test_best_pair_of_a_tilted_bowl_is_exact_where_it_can_be():
    model = quadratic_model(parse("x^2 + 3x y + 4y^2"))    # μ, L = 5 ∓ 3√2, Lμ = 7
    assert model.momentum_best_step == 4 / (10 + 2 * Surd.sqrt(7))
    rate = model.momentum_best_rate
    assert isinstance(rate, RootSum) and str(rate) == "5/6·√2 - 1/6·√14"
    mu, L = (float(e) for e in model.eigenvalues)
    assert math.isclose(float(rate), (math.sqrt(L) - math.sqrt(mu)) / (math.sqrt(L) + math.sqrt(mu)), rel_tol=1e-12)


def test_heavy_ball_at_the_best_pair_is_exact_in_one_root():
    model = quadratic_model(parse("x^2 + 10y^2"))
    run = descend(model.objective, (1, 1), model.momentum_best_step, 8, momentum=model.momentum_best_beta)
    assert all(isinstance(c, Surd) and c.d in (0, 10) for p in run.points[1:] for c in p)
    assert run.final.point == closed_form(model.objective, (1, 1), model.momentum_best_step, 8,
                                          momentum=model.momentum_best_beta)
    assert run.regime is Regime.OSCILLATING  # the stiff direction is critically damped below zero


def test_steps_to_shrink_the_error_a_thousandfold():
    model = quadratic_model(parse("x^2 + 10y^2"))
    plain = descend(model.objective, (1, 1), model.best_step, 40)
    heavy = descend(model.objective, (1, 1), model.momentum_best_step, 40, momentum=model.momentum_best_beta)
    errors = squared_errors(plain)
    assert all(errors[k + 1] == Fraction(81, 121) * errors[k] for k in range(40))  # exactly (9/11)² per step
    assert steps_to_shrink(plain) == 35 == next(k for k in range(99) if Fraction(9, 11) ** k <= Fraction(1, 1000))
    shrink = steps_to_shrink(heavy)
    assert shrink == 15
    heavy_errors = squared_errors(heavy)
    assert heavy_errors[shrink] * 10**6 <= heavy_errors[0] < heavy_errors[shrink - 1] * 10**6
    assert steps_to_shrink(descend("x^2", 5, "0.1", 5)) is None
    with pytest.raises(GDMathError, match="no unique minimum"):
        squared_errors(descend("x", 5, "0.1", 5))


# -- β = 0 is plain descent; the iterates are exact ------------------------------------------
@settings(max_examples=60, deadline=None)
@given(polynomials(max_degree=3), st.data(), rates, st.integers(0, 6))
def test_zero_momentum_is_plain_descent(f, data, alpha, steps):
    start = data.draw(st.tuples(*[coordinates] * f.dimension))
    assert descend(f, start, alpha, steps, momentum=0) == descend(f, start, alpha, steps)


@settings(max_examples=60, deadline=None)
@given(quadratics(), st.data(), rates, momenta, st.integers(0, 12))
def test_iterates_match_the_closed_form_and_stay_fractions(f, data, alpha, beta, steps):
    start = data.draw(st.tuples(*[coordinates] * f.dimension))
    run = descend(f, start, alpha, steps, momentum=beta)
    assume(run.exact and run.stopped_at is None)
    assert run.final.point == closed_form(f, start, alpha, steps, momentum=beta)
    assert all(type(c) is Fraction for it in run.iterates for c in (*it.point, it.value, *it.gradient))
    assert run.momentum == beta and type(run.momentum) is Fraction


def test_first_step_is_a_plain_step_and_then_the_velocity_adds():
    run = descend("x^2", 5, "0.1", 3, momentum="0.5")
    assert [p[0] for p in run.points] == [5, 4, Fraction(27, 10), Fraction(151, 100)]
    # x₂ = x₁ − α·2x₁ + β(x₁ − x₀) = 4 − 0.8 − 0.5
    assert run.points[2][0] == 4 - Fraction(8, 10) + Fraction(1, 2) * (4 - 5)


@pytest.mark.parametrize("momentum, message", [(1, "less than 1"), ("-0.1", "at least 0"), ("1.5", "less than 1"),
                                               ("nan", "finite"), ("heavy", "must be a number")])
def test_refuses_bad_momentum(momentum, message):
    with pytest.raises(ParameterError, match=message):
        descend("x^2", 5, "0.1", 3, momentum=momentum)


# -- one direction: regime, roots and factor against numbers and iteration --------------------
def _scalar_run(step, beta, count):
    """e_k of the heavy ball along a curvature λ with αλ = ``step``, from e₋₁ = e₀ = 1, exactly."""
    errors = [Fraction(1), (1 - step)]
    for _ in range(count - 1):
        errors.append((1 + beta - step) * errors[-1] - beta * errors[-2])
    return errors


@settings(max_examples=150, deadline=None)
@given(curvatures, rates, momenta)
def test_factor_is_the_larger_root_modulus(curvature, alpha, beta):
    direction = heavy_ball_direction(curvature, alpha, beta)
    middle = float(1 + beta - alpha * curvature)
    assert math.isclose(float(direction.factor), max(abs(np.roots([1, -middle, float(beta)]))),
                        rel_tol=1e-6, abs_tol=1e-6)
    converges = 0 < alpha * curvature < 2 * (1 + beta)
    assert (direction.regime not in (Regime.DIVERGING, Regime.CYCLE)) == converges
    assert converges == (float(direction.factor) < 1 - 1e-12) or abs(float(direction.factor) - 1) < 1e-6


@settings(max_examples=150, deadline=None)
@given(curvatures, rates, momenta)
def test_regime_is_what_the_error_does(curvature, alpha, beta):
    step = alpha * curvature
    direction = heavy_ball_direction(curvature, alpha, beta)
    factor = float(direction.factor)
    discriminant = float((1 + beta - step) ** 2 - 4 * beta)
    assume(abs(factor - 1) > 0.05 and abs(discriminant) > 0.02 and factor > 0.05)
    errors = _scalar_run(step, beta, 300)
    late = [e for e in errors[200:] if e]  # a rational angle θ can hit 0 exactly: count the sign changes
    flips = sum((a > 0) != (b > 0) for a, b in zip(late, late[1:]))
    if direction.regime is Regime.DIVERGING:
        assert abs(errors[-1]) > 10**3
    else:
        assert abs(errors[-1]) < Fraction(1, 10**3)
    if direction.roots is Roots.COMPLEX:  # e_k ∝ ρ^k cos(kθ + φ): about 100θ/π flips in 100 steps
        angle = math.acos(float(1 + beta - step) / (2 * math.sqrt(beta)))
        assume(math.pi / 25 < angle < math.pi * 24 / 25)
        assert 0 < flips < 100
    elif direction.regime is Regime.MONOTONE:
        assert flips == 0
    elif direction.regime is Regime.OSCILLATING:
        assert flips == len(late) - 1 == 100


@settings(max_examples=100, deadline=None)
@given(curvatures, momenta)
def test_critical_damping_is_a_double_root(curvature, beta):
    # β = (1 − √(αλ))² ⇔ αλ = (1 − √β)²: choose β a square so that α is rational
    root = Fraction(math.isqrt(int(beta * 10**6)), 1000)
    beta = root * root
    alpha = (1 - root) ** 2 / curvature
    direction = heavy_ball_direction(curvature, alpha, beta)
    assert direction.roots is Roots.DOUBLE and direction.factor == root
    assert direction.regime is (Regime.ONE_STEP if root == 0 else Regime.MONOTONE)


@settings(max_examples=80, deadline=None)
@given(rotated_bowls(), rates, momenta)
def test_run_regime_is_the_worst_present_direction(bowl, alpha, beta):
    f, start, (flat, stiff), _ = bowl
    model = quadratic_model(f)
    regime = model.heavy_ball_regime(alpha, beta, start)
    present = model._eigenvalues_present(f.gradient_at(start))
    directions = {heavy_ball_direction(e, alpha, beta).regime for e in present}
    assert (regime is Regime.STATIONARY) == (not present)
    order = [Regime.DIVERGING, Regime.CYCLE, Regime.OSCILLATING, Regime.MONOTONE, Regime.ONE_STEP]
    if present:
        assert regime == min(directions, key=order.index)
    assert descend(f, start, alpha, 2, momentum=beta).regime is regime


@settings(max_examples=60, deadline=None)
@given(rotated_bowls())
def test_best_pair_damps_both_ends_critically(bowl):
    f, _, (flat, stiff), _ = bowl
    model = quadratic_model(f)
    alpha, beta, rate = model.momentum_best_step, model.momentum_best_beta, model.momentum_best_rate
    expected = (math.sqrt(stiff) - math.sqrt(flat)) / (math.sqrt(stiff) + math.sqrt(flat))
    assert math.isclose(float(rate), expected, rel_tol=1e-9, abs_tol=1e-12)
    for curvature in (flat, stiff):
        middle = float(1 + beta - alpha * curvature)
        assert np.allclose(abs(np.roots([1, -middle, float(beta)])), float(rate), atol=1e-6)
    assert float(rate) <= float(model.best_rate) + 1e-12


# -- the command line -------------------------------------------------------------------
def gdmath(*arguments):
    return subprocess.run([sys.executable, "-m", "gdmath", *arguments], capture_output=True, text=True)


def test_iterates_json_carries_momentum_beside_the_learning_rate():
    result = gdmath("iterates", "x^2", "--start", "5", "--lr", "0.1", "--momentum", "0.5", "--steps", "3",
                    "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["learning_rate"] == "1/10" and data["momentum"] == "1/2"
    assert [it["point"] for it in data["iterates"]] == [["5"], ["4"], ["27/10"], ["151/100"]]
    assert data["analysis"]["momentum_regime"] == data["regime"] == "oscillating"
    plain = json.loads(gdmath("iterates", "x^2", "--start", "5", "--lr", "0.1", "--format", "json").stdout)
    assert plain["momentum"] == "0"


def test_iterates_table_and_csv_with_momentum():
    table = gdmath("iterates", "x^2 + 10y^2", "--start", "1,1", "--lr", "1/11", "--momentum", "0.25").stdout
    assert "momentum 1/4 (= 0.25)" in table
    csv = gdmath("iterates", "x^2", "--start", "5", "--lr", "0.1", "--momentum", "0.5", "--steps", "2",
                 "--format", "csv").stdout
    assert csv.splitlines()[-1].startswith("2,27/10,2.7,")


def test_analyze_reports_the_best_pair_and_the_run():
    result = gdmath("analyze", "x^2 + 10y^2", "--lr", "1/11", "--start", "1,1", "--momentum", "0.5",
                    "--format", "json")
    data = json.loads(result.stdout)
    assert data["momentum_best_step"] == "22/81 - 4/81·√10"
    assert data["momentum_best_beta"] == "161/81 - 44/81·√10"
    assert data["momentum_best_rate"] == "11/9 - 2/9·√10" and data["momentum_best_rate_decimal"] == "0.519494"
    assert data["best_rate"] == "9/11"
    assert data["momentum_regime"] == "oscillating"
    assert [d["roots"] for d in data["momentum_directions"]] == ["complex", "complex"]
    assert [d["factor"] for d in data["momentum_directions"]] == ["1/2·√2", "1/2·√2"]
    table = gdmath("analyze", "x^2 + 3x y + 4y^2", "--lr", "0.1", "--start", "1,1").stdout
    assert "5/6·√2 - 1/6·√14 ≈ 0.554902" in table


def test_analyze_with_momentum_names_plain_descents_verdict_apart_from_the_runs():
    """At α* plain descent alone diverges on x² + 10y², while the heavy ball converges."""
    arguments = ("analyze", "x^2 + 10y^2", "--lr", "0.1154", "--start", "4,1", "--momentum", "0.27")
    data = json.loads(gdmath(*arguments, "--format", "json").stdout)
    assert data["regime"] == data["momentum_regime"] == "oscillating"
    assert data["plain_regime"] == "diverging"
    table = gdmath(*arguments).stdout
    assert "plain descent's regime at this α (no momentum): diverging" in table
    assert "heavy ball regime: oscillating" in table and "\nregime:" not in table
    assert "regime: cycle" in gdmath("analyze", "x^2 + 10y^2", "--lr", "0.1", "--start", "4,1").stdout


@pytest.mark.parametrize("arguments, words", [
    (("iterates", "x^2", "--start", "1", "--lr", "0.1", "--momentum", "1"), "less than 1"),
    (("iterates", "x^2", "--start", "1", "--lr", "0.1", "--momentum", "-0.5"), "at least 0"),
    (("analyze", "x^2", "--start", "1", "--lr", "0.1", "--momentum", "fast"), "must be a number"),
])
def test_bad_momentum_is_one_line(arguments, words):
    result = gdmath(*arguments)
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and words in result.stderr
