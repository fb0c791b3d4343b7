from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gdmath import (EXACT_BITS, MAX_STEPS, GDMathError, ParameterError, Regime, closed_form, descend, parse,
                    quadratic_model, x, y)

from .strategies import points, positive_rates, quadratics, small_fractions


# -- the lecture note's own numbers ------------------------------------------------------
def test_seed_2d_run_is_five_times_point_eight_to_the_k():
    run = descend("x**2", start=5, learning_rate=0.1, steps=10)
    assert [it.point[0] for it in run.iterates] == [5 * Fraction(4, 5) ** k for k in range(11)]
    assert run.final.point == (Fraction(1048576, 1953125),)
    assert run.final.value == Fraction(1048576, 1953125) ** 2
    assert run.final.gradient == (2 * Fraction(1048576, 1953125),)
    assert run.exact and run.regime is Regime.MONOTONE


def test_seed_3d_run_is_four_four_times_point_eight_to_the_k():
    run = descend(x**2 + y**2, start=(4, 4), learning_rate="0.1", steps=10)
    for k, iterate in enumerate(run.iterates):
        scale = Fraction(4, 5) ** k
        assert iterate.point == (4 * scale, 4 * scale)
        assert iterate.value == 32 * scale**2
        assert iterate.gradient == (8 * scale, 8 * scale)


@pytest.mark.parametrize("learning_rate", [0.1, "0.1", "1/10", Fraction(1, 10), "1e-1"])
def test_learning_rate_means_the_decimal_written(learning_rate):
    assert descend("x^2", 5, learning_rate, 1).learning_rate == Fraction(1, 10)


# -- input checks -------------------------------------------------------------------------
@pytest.mark.parametrize("learning_rate, message", [
    (0, "greater than 0"), (-0.1, "greater than 0"), ("nan", "finite"), (float("inf"), "finite"),
    (float("nan"), "finite"), ("fast", "must be a number"), (True, "must be a number"), (None, "must be a number"),
])
def test_refuses_bad_learning_rates(learning_rate, message):
    with pytest.raises(ParameterError, match=message):
        descend("x^2", 5, learning_rate, 3)


@pytest.mark.parametrize("function, start", [("x^2", (1, 2)), ("x^2 + y^2", 4), ("x^2 + y^2", "4,4,4")])
def test_refuses_start_of_wrong_dimension(function, start):
    with pytest.raises(ParameterError, match="start has"):
        descend(function, start, "0.1", 3)


@pytest.mark.parametrize("steps", [-1, MAX_STEPS + 1, 2.5, "many"])
def test_refuses_bad_step_counts(steps):
    with pytest.raises(ParameterError, match="steps"):
        descend("x^2", 5, "0.1", steps)


def test_errors_are_one_family():
    for bad in (lambda: descend("x^^2", 1, 1, 1), lambda: descend("x^2", 1, 0, 1)):
        with pytest.raises(GDMathError):
            bad()


# -- laws -----------------------------------------------------------------------------------
@given(st.data())
def test_closed_form_matches_iteration(data):
    f = data.draw(quadratics())
    start = data.draw(points(f.dimension))
    alpha = data.draw(positive_rates)
    k = data.draw(st.integers(0, 8))
    run = descend(f, start, alpha, k)
    assert closed_form(f, start, alpha, k) == run.final.point


@given(st.data())
def test_value_decreases_monotonically_below_one_over_L(data):
    f = data.draw(quadratics(bowl=True))
    model = quadratic_model(f)
    share = data.draw(st.fractions(min_value=Fraction(1, 50), max_value=1, max_denominator=50))
    # For a bowl L ≤ trace(H), so any α ≤ 1/trace(H) is at most 1/L.
    alpha = share / sum(model.hessian[i][i] for i in range(f.dimension))
    assert model.fastest_monotone >= alpha
    run = descend(f, data.draw(points(f.dimension)), alpha, 6)
    values = run.values
    assert all(later <= earlier for earlier, later in zip(values, values[1:]))
    assert run.regime in (Regime.MONOTONE, Regime.ONE_STEP, Regime.STATIONARY)


@given(st.data())
def test_types_conserved(data):
    f = data.draw(quadratics())
    start = data.draw(st.tuples(*[st.one_of(st.integers(-5, 5), small_fractions)] * f.dimension))
    run = descend(f, start, data.draw(positive_rates), 4)
    for iterate in run.iterates:
        numbers = (*iterate.point, iterate.value, *iterate.gradient)
        assert all(type(number) is Fraction for number in numbers)


@settings(max_examples=30)
@given(st.data())
def test_regime_matches_the_iterates(data):
    f = data.draw(quadratics(bowl=True, dimension=1))
    start = data.draw(points(1))
    alpha = data.draw(positive_rates)
    run = descend(f, start, alpha, 6)
    minimum = quadratic_model(f).minimizer()[0]
    offsets = [it.point[0] - minimum for it in run.iterates]
    sizes = [abs(o) for o in offsets]
    if run.regime is Regime.MONOTONE:
        assert all(abs(b) < abs(a) and a * b > 0 for a, b in zip(offsets, offsets[1:]))
    elif run.regime is Regime.ONE_STEP:
        assert offsets[1:] == [0] * 6
    elif run.regime is Regime.OSCILLATING:
        assert all(b < a for a, b in zip(sizes, sizes[1:])) and offsets[0] * offsets[1] < 0
    elif run.regime is Regime.CYCLE:
        assert sizes == [sizes[0]] * 7 and offsets[1] == -offsets[0]
    elif run.regime is Regime.DIVERGING:
        assert all(b > a for a, b in zip(sizes, sizes[1:]))
    else:
        assert run.regime is Regime.STATIONARY and set(sizes) == {0}


# -- beyond quadratics ----------------------------------------------------------------------
def test_non_quadratic_runs_stay_exact_while_numbers_are_small():
    run = descend("x^4", 1, "0.1", 3)
    assert run.exact and run.regime is None
    assert run.iterates[1].point == (Fraction(3, 5),)


def test_approximation_is_announced_never_silent():
    run = descend("x^4 - x", "0.5", "0.1", 60)
    assert not run.exact
    assert run.approximated_from is not None and run.approximated_from > 1
    assert any("rounded" in note for note in run.notes)
    for iterate in run.iterates[:run.approximated_from]:
        assert max(iterate.point[0].numerator.bit_length(), iterate.point[0].denominator.bit_length()) <= EXACT_BITS
    # Rounded points are the floats nearest to an exact step from the previous point.
    k = run.approximated_from + 1
    previous = run.iterates[k - 1]
    expected = previous.point[0] - run.learning_rate * previous.gradient[0]
    assert run.iterates[k].point[0] == Fraction(float(expected))


def test_runaway_run_stops_and_says_so():
    run = descend("x^4", 3, "0.1", 30)
    assert run.stopped_at is not None and len(run.iterates) == run.stopped_at + 1
    assert any("beyond the range" in note for note in run.notes)


def test_closed_form_without_unique_minimum():
    f = parse("x + y^2")  # linear in x: no minimum, the x coordinate drifts
    assert closed_form(f, (0, 1), "0.25", 5) == descend(f, (0, 1), "0.25", 5).final.point
    assert descend(f, (0, 1), "0.25", 5).regime is Regime.DIVERGING


# -- trend: what the steps taken do, on any polynomial -------------------------------------------
@pytest.mark.parametrize("function, start, rate, steps, trend", [
    ("x^2", 5, "0.1", 11, "settling"),          # |f'| = 10·0.8^k, and 0.8^11 ≈ 0.086 is below a tenth
    ("x^2", 5, "0.1", 10, "unsettled"),         # 0.8^10 ≈ 0.107: not yet
    ("x^2", 5, "0.5", 3, "settling"),           # lands at once
    ("x^2", 5, "1", 8, "unsettled"),            # a cycle never settles
    ("x^2", 5, "1.05", 10, "blowing-up"),
    ("x^4 - 2x^2", 2, "0.1", 10, "settling"),   # into the well at −1
    ("x^3", 2, "0.1", 10, "settling"),          # towards the inflection point 0: a stationary point, not a minimum
    ("x^3", -1, "0.1", 10, "downhill"),         # off to −∞
    ("3x", 1, "0.1", 10, "downhill"),           # a line: equal steps, the loss falls forever
    ("-x^2", 1, "0.1", 10, "downhill"),
    ("x^2 - y^2", (4, 1), "0.1", 10, "downhill"),
    ("x^2 - y^2", (4, 0), "0.5", 10, "settling"),  # onto the saddle point
    ("x^2 + y^2", (0, 0), "0.1", 10, "stationary"),
])
def test_trend_table(function, start, rate, steps, trend):
    assert descend(function, start, rate, steps).trend.value == trend


@settings(max_examples=150, deadline=None)
@given(quadratics(dimension=1, bowl=True), small_fractions, positive_rates)
def test_trend_of_a_parabola_agrees_with_its_regime(f, start, rate):
    run = descend(f, (start,), rate, 12)
    factor = abs(1 - rate * quadratic_model(f).eigenvalues[0].as_fraction())
    expected = {Regime.STATIONARY: "stationary", Regime.ONE_STEP: "settling", Regime.CYCLE: "unsettled",
                Regime.DIVERGING: "blowing-up"}.get(run.regime)
    if expected is None:  # converging: settled once |f'| has shrunk by factor^12 ≤ 1/10
        expected = "settling" if factor ** 12 <= Fraction(1, 10) else "unsettled"
    assert run.trend.value == expected
