from fractions import Fraction

import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from gdmath import (EXACT_BITS, MAX_STEPS, GDMathError, ParameterError, Regime, classify, closed_form, descend,
                    parse, quadratic_model, x, y)

from . import oracles
from .strategies import (BANDS, depths, growing_runs, near_threshold, parabolas, points, positive_rates, quadratics,
                         rotated_bowls, small_fractions, tilted_bowls, within)


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


# -- regimes, judged by what the iterates do ---------------------------------------------------
def regime_run(f, start, alpha, steps=6):
    """The run, after checking its regime against the iterates alone (see :func:`oracles.regimes_shown`)."""
    run = descend(f, start, alpha, steps)
    hessian, linear = oracles.quadratic_parts(f.terms, f.dimension)
    minimum = oracles.minimizer(hessian, linear)
    event(f"regime: {run.regime}")
    assert oracles.regimes_shown(hessian, minimum, run.points) == [run.regime], run.points
    if run.regime is Regime.ONE_STEP:
        assert run.points[1] == minimum
    return run, minimum


@pytest.mark.parametrize("band", BANDS)
@settings(max_examples=12, deadline=None)
@given(bowl=parabolas(), w=within)
@example(bowl=(x**2, (5,), 2), w=Fraction(1, 2))                           # L = 2: α = 1/2 at 1/L, 1 at 2/L
@example(bowl=(3 * x**2 - x + 1, (Fraction(-7, 3),), 6), w=Fraction(1, 3))  # L = 6
@example(bowl=(3 * x**2 - x + 1, (Fraction(1, 6),), 6), w=Fraction(1, 3))   # on the minimum
def test_regime_of_a_parabola_is_what_its_iterates_do(band, bowl, w):
    f, start, curvature = bowl
    assert oracles.quadratic_parts(f.terms, 1)[0] == ((curvature,),)
    t = BANDS[band](w)
    run, minimum = regime_run(f, start, t / curvature)
    expected = (Regime.STATIONARY if start == minimum else Regime.MONOTONE if t < 1 else Regime.ONE_STEP if t == 1
                else Regime.OSCILLATING if t < 2 else Regime.CYCLE if t == 2 else Regime.DIVERGING)
    assert run.regime is expected
    if run.regime is Regime.CYCLE:
        assert run.points[2] == run.points[0] != run.points[1]


#: ½θᵀHθ with H = R·diag(2, 8)·Rᵀ, R the rotation by (3/5, 4/5): flat eigenvector (3, 4), stiff one (−4, 3).
ROTATED = parse("73/25 x^2 - 72/25 x*y + 52/25 y^2")


@pytest.mark.parametrize("band", BANDS)
@settings(max_examples=12, deadline=None)
@given(bowl=rotated_bowls(), w=within)
@example(bowl=(x**2 + 10 * y**2, (4, 1), (2, 20), 20), w=Fraction(1, 2))  # at 1/L y lands at once, x creeps
@example(bowl=(x**2 + 10 * y**2, (4, 0), (2, 20), 20), w=Fraction(1, 2))  # no y part: L's thresholds do not count
@example(bowl=(x**2 + y**2, (3, -1), (2, 2), 2), w=Fraction(1, 2))        # round: one step at 1/L
@example(bowl=(ROTATED, (-4, 3), (2, 8), 8), w=Fraction(1, 2))            # along the stiff eigenvector
@example(bowl=(ROTATED, (3, 4), (2, 8), 8), w=Fraction(1, 2))             # along the flat one
@example(bowl=(ROTATED, (3, 4), (2, 8), 2), w=Fraction(1, 2))             # along the flat one, α = t/μ
@example(bowl=(ROTATED, (-1, 7), (2, 8), 8), w=Fraction(1, 2))            # both: at 2/L the stiff part cycles
def test_regime_of_a_rotated_bowl_is_what_its_iterates_do(band, bowl, w):
    f, start, (flat, stiff), reference = bowl
    assert quadratic_model(f).eigenvalues == (flat, stiff)
    regime_run(f, start, BANDS[band](w) / reference)


@pytest.mark.parametrize("band", BANDS)
@settings(max_examples=6, deadline=None)
@given(bowl=tilted_bowls(), w=within, depth=depths)
@example(bowl=(parse("3*x**2 - x*y + y**2/2 + x"), (1, 1), (7, 5, 29)), w=Fraction(1, 2), depth=28)
@example(bowl=(parse("3*x**2 - x*y + y**2/2 + x"), (1, 1), (7, 5, 29)), w=Fraction(1, 2), depth=29)
def test_regime_with_irrational_curvatures_is_what_the_iterates_do(band, bowl, w, depth):
    """1/L and 2/L are surds; at a threshold α is a convergent of it, on one side or the other (the
    examples take two neighbouring convergents of 1/L and 2/L, 10⁻²⁵ away or less, on opposite sides)."""
    f, start, (trace, determinant, D) = bowl
    low, high = quadratic_model(f).eigenvalues
    assert not high.is_rational and low + high == trace and low * high == determinant
    alpha = near_threshold(band, w, depth, trace, determinant, D)
    assert alpha > 0
    regime_run(f, start, alpha)


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


def _overflows(f, point) -> bool:
    """True when the nearest floats to ``point``, f there or ∇f there lie beyond the range of floats."""
    try:
        rounded = tuple(Fraction(float(c)) for c in point)
        for number in (oracles.value_at(f.terms, rounded), *oracles.gradient_at(f.terms, rounded)):
            float(number)
    except OverflowError:
        return True
    return False


@settings(max_examples=40, deadline=None)
@given(growing_runs())
@example((parse("x^4 - x"), (Fraction(1, 2),), Fraction(1, 10), 60))
@example((parse("x^4"), (3,), Fraction(1, 10), 30))                          # rounded, then past the floats
@example((parse("x^2"), (1 + Fraction(1, 3 * 2**8200),), Fraction(1, 10), 3))  # the start itself is rounded
@example((parse("x"), (Fraction(1, 2**(EXACT_BITS - 1)),), Fraction(1), 2))   # EXACT_BITS bits exactly: still exact
@example((parse("x"), (Fraction(1, 2**EXACT_BITS),), Fraction(1), 2))         # one bit more: rounded from the start
def test_rounding_is_announced_and_to_the_nearest_float(case):
    """Past EXACT_BITS a run goes on in floats: it says so, and every rounded number is the float
    nearest the exact one, from the step it happens on. Checked against exact iteration done here."""
    f, start, alpha, steps = case
    run = descend(f, start, alpha, steps)
    event("rounded" if not run.exact else "exact")
    event("stopped early" if run.stopped_at is not None else "all steps")

    def numbers(iterate):
        return (*iterate.point, iterate.value, *iterate.gradient)

    # Exact iteration, by hand, up to the first iterate with a number past EXACT_BITS.
    point, first_big = tuple(Fraction(c) for c in start), None
    for k, iterate in enumerate(run.iterates):
        exact = (*point, oracles.value_at(f.terms, point), *oracles.gradient_at(f.terms, point))
        if max(map(oracles.bits, exact)) > EXACT_BITS:
            first_big = k
            break
        assert numbers(iterate) == exact
        point = tuple(c - alpha * g for c, g in zip(point, exact[len(point) + 1:]))
    assert run.approximated_from == first_big
    assert run.exact is (first_big is None)
    if first_big is not None:
        assert any(f"step {first_big}" in note and f"{EXACT_BITS} bits" in note and "rounded" in note
                   for note in run.notes)
        # From there on each point is the float nearest to an exact step from the point before (the exact
        # point, at the step rounding starts), and f and ∇f are the floats nearest their exact values there.
        for k in range(first_big, len(run.iterates)):
            iterate = run.iterates[k]
            if k > first_big:
                previous = run.iterates[k - 1]
                point = tuple(c - alpha * g for c, g in zip(previous.point, previous.gradient))
            assert all(oracles.is_nearest_float(r, c) for r, c in zip(iterate.point, point))
            exact = (oracles.value_at(f.terms, iterate.point), *oracles.gradient_at(f.terms, iterate.point))
            assert all(oracles.is_nearest_float(r, c) for r, c in zip(numbers(iterate)[len(point):], exact))
    else:
        assert not any("rounded" in note for note in run.notes)
    if run.stopped_at is None:
        assert len(run.iterates) == steps + 1 and not any("stopped" in note for note in run.notes)
    else:
        assert len(run.iterates) == run.stopped_at + 1 < steps + 1
        assert any(f"stopped after step {run.stopped_at}" in note for note in run.notes)
        last = run.final
        assert _overflows(f, tuple(c - alpha * g for c, g in zip(last.point, last.gradient)))
    assert run.regime is (classify(f, alpha, start) if f.is_quadratic else None)


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
