from fractions import Fraction

import pytest
from hypothesis import given

from gdmath import GDMathError, ParameterError, Polynomial, difference_quotient, parse, secant_slope, tangent_line

from .strategies import polynomials, small_fractions

X = Polynomial.variable("x", ("x", "y"))
H = Polynomial.variable("y", ("x", "y"))


def test_secant_slope_of_x_squared_is_2a_plus_h():
    for h in ("2", "1", "0.5", "0.1", "0.01"):
        assert secant_slope(parse("x^2"), 1, h) == 2 + Fraction(h)


def test_tangent_line():
    assert tangent_line(parse("x^2"), 3) == (6, -9)


def test_difference_quotient_of_x_squared_and_a_cubic():
    difference, quotient = difference_quotient(parse("x**2"))
    assert difference == 2 * X * H + H**2
    assert quotient == 2 * X + H
    assert difference_quotient(parse("x**3 - 2*x"))[1] == 3 * X**2 + 3 * X * H + H**2 - 2


@given(polynomials(dimension=1), small_fractions, small_fractions)
def test_quotient_at_h_is_the_secant_and_at_zero_the_derivative(f, a, h):
    _, quotient = difference_quotient(f)
    assert quotient(a, 0) == f.derivative()(a)
    if h:
        assert quotient(a, h) == secant_slope(f, a, h)


def test_refusals():
    with pytest.raises(ParameterError, match="h must not be 0"):
        secant_slope(parse("x^2"), 1, 0)
    with pytest.raises(GDMathError, match="not a function of x alone"):
        difference_quotient(parse("x*y"))
