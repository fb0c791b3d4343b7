from fractions import Fraction

import pytest

from gdmath import GDMathError, Regime, Surd, classify, parse, quadratic_model


@pytest.mark.parametrize("learning_rate, regime", [
    ("0.1", Regime.MONOTONE), ("0.5", Regime.ONE_STEP), ("0.75", Regime.OSCILLATING),
    ("1", Regime.CYCLE), ("1.05", Regime.DIVERGING),
])
def test_regimes_of_x_squared(learning_rate, regime):
    assert classify(parse("x^2"), learning_rate, 5) is regime


def test_thresholds_of_x_squared():
    model = quadratic_model(parse("x^2"))
    assert model.fastest_monotone == Fraction(1, 2)
    assert model.best_step == Fraction(1, 2)
    assert model.stability_limit == 1


def test_thresholds_of_the_ill_conditioned_bowl():
    model = quadratic_model(parse("x^2 + 10 y^2"))
    assert model.eigenvalues == (2, 20)
    assert (model.fastest_monotone, model.best_step, model.stability_limit) == (
        Fraction(1, 20), Fraction(1, 11), Fraction(1, 10))
    assert model.condition_number == 10
    assert model.factors("0.05") == (Fraction(9, 10), 0)
    assert classify(model.objective, "0.09", (4, 1)) is Regime.OSCILLATING
    assert classify(model.objective, "0.1", (4, 1)) is Regime.CYCLE
    assert classify(model.objective, "0.1", (4, 0)) is Regime.MONOTONE  # no y part: y never moves
    assert classify(model.objective, "0.11", (4, 1)) is Regime.DIVERGING


def test_rotated_ellipse_thresholds_are_exact_surds():
    model = quadratic_model(parse("3*x**2 - x*y + y**2/2 + x"))
    low, high = model.eigenvalues
    assert low == Surd(Fraction(7, 2), Fraction(-1, 2), 29) and high == Surd(Fraction(7, 2), Fraction(1, 2), 29)
    assert low * high == 5 and low + high == 7  # det and trace of [[6, -1], [-1, 1]]
    assert model.best_step == Fraction(2, 7)
    assert model.stability_limit * high == 2
    just_below = Fraction(float(model.stability_limit)) - Fraction(1, 10**12)
    just_above = just_below + Fraction(2, 10**12)
    assert classify(model.objective, just_below, (1, 1)) is not Regime.DIVERGING
    assert classify(model.objective, just_above, (1, 1)) is Regime.DIVERGING


def test_start_at_the_minimum_is_stationary():
    assert classify(parse("(x - 1)^2"), "0.3", 1) is Regime.STATIONARY


def test_non_bowls_have_no_thresholds():
    model = quadratic_model(parse("x^2 - y^2"))
    assert not model.is_positive_definite
    with pytest.raises(GDMathError, match="bowl"):
        model.stability_limit
    assert classify(model.objective, "0.1", (1, 1)) is Regime.DIVERGING


def test_higher_degree_is_not_a_quadratic():
    assert classify(parse("x^3"), "0.1", 1) is None
    with pytest.raises(GDMathError, match="degree 3"):
        quadratic_model(parse("x^3"))
