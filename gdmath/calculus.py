"""Secants and tangents of a function of one variable: the derivative as a limit, exactly."""

from __future__ import annotations

from fractions import Fraction

from .errors import GDMathError, ParameterError
from .exact import as_fraction
from .polynomial import Polynomial

__all__ = ["secant_slope", "tangent_line", "difference_quotient"]


def _one_variable(objective: Polynomial) -> Polynomial:
    if objective.dimension != 1:
        raise GDMathError(f"{objective} is not a function of x alone")
    return objective


def secant_slope(objective: Polynomial, at, h) -> Fraction:
    """The slope (f(a+h) − f(a))/h of the secant through a and a+h.

    For x² it is 2a + h, which becomes the derivative 2a as h shrinks to 0.

    >>> from gdmath.polynomial import x
    >>> secant_slope(x**2, 1, "0.5"), secant_slope(x**2, 1, "0.01")
    (Fraction(5, 2), Fraction(201, 100))
    """
    f = _one_variable(objective)
    a, step = as_fraction(at, "point"), as_fraction(h, "h")
    if step == 0:
        raise ParameterError("h must not be 0: the secant needs two different points")
    return (f(a + step) - f(a)) / step


def tangent_line(objective: Polynomial, at) -> tuple[Fraction, Fraction]:
    """Slope and intercept (m, c) of the tangent y = m·x + c at ``at``.

    >>> from gdmath.polynomial import x
    >>> tangent_line(x**2, 3)
    (Fraction(6, 1), Fraction(-9, 1))
    """
    f = _one_variable(objective)
    a = as_fraction(at, "point")
    slope = f.derivative()(a)
    return slope, f(a) - slope * a


def difference_quotient(objective: Polynomial) -> tuple[Polynomial, Polynomial]:
    """f(x+h) − f(x) and (f(x+h) − f(x))/h, expanded exactly, with h written as the variable y.

    Setting h = 0 in the quotient gives the derivative: that is the whole limit for a polynomial.

    >>> from gdmath.polynomial import x
    >>> difference, quotient = difference_quotient(x**2)
    >>> difference.to_latex().replace("y", "h"), quotient.to_latex().replace("y", "h")
    ('2xh + h^{2}', '2x + h')
    """
    f = _one_variable(objective)
    plane = ("x", "y")
    shifted = Polynomial.variable("x", plane) + Polynomial.variable("y", plane)
    total = Polynomial.constant(0, plane)
    for (power,), coefficient in f.terms.items():
        total = total + coefficient * shifted ** power
    difference = total - f.with_variables(plane)
    # Every term of f(x+h) − f(x) holds h (it vanishes at h = 0), so dividing by h lowers h's power.
    quotient = Polynomial({(x_power, h_power - 1): c for (x_power, h_power), c in difference.terms.items()}, plane)
    return difference, quotient
