from fractions import Fraction

import pytest
from hypothesis import given

from gdmath import GDMathError, parse, x, y

from .strategies import points, polynomials, small_fractions


def test_calculus_of_the_lecture_functions():
    f = x**2
    assert f.derivative() == 2 * x
    g = x**2 + y**2
    assert g.gradient() == (2 * x, 2 * y)
    assert g.gradient_at((3, -1)) == (6, -2)
    assert g.hessian_at((0, 0)) == ((2, 0), (0, 2))


def test_values_are_exact_fractions():
    value = parse("x^2/3")(Fraction(1, 2))
    assert value == Fraction(1, 12) and type(value) is Fraction


@given(polynomials(), small_fractions, small_fractions)
def test_partials_match_difference_quotient_limit(polynomial, a, b):
    # For polynomials, (f(p + h e) - f(p)) / h is a polynomial in h; at h → 0 it is ∂f.
    f = polynomial.with_variables(("x", "y"))
    h = Fraction(1, 10**30)
    exact = f.gradient_at((a, b))[0]
    quotient = (f(a + h, b) - f(a, b)) / h
    assert abs(quotient - exact) < Fraction(1, 10**20)


@given(polynomials(), points(2))
def test_arithmetic_agrees_with_values(polynomial, point):
    f = polynomial.with_variables(("x", "y"))
    g = f * (x - y) + 3
    assert g(point) == f(point) * (point[0] - point[1]) + 3


def test_latex():
    assert (x**2 + 10 * y**2).to_latex() == "x^{2} + 10y^{2}"
    assert (-x / 2).to_latex() == r"-\frac{1}{2}x"


def test_refuses_bad_operations():
    with pytest.raises(GDMathError):
        x / y
    with pytest.raises(GDMathError):
        x ** -1
    with pytest.raises(GDMathError):
        x ** 40
    with pytest.raises(GDMathError):
        (x**2).derivative() and (x * y).derivative()
