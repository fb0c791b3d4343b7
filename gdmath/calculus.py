"""Secants and tangents of a function of one variable: the derivative as a limit, exactly."""

from __future__ import annotations

from fractions import Fraction

from .errors import GDMathError, ParameterError
from .exact import as_fraction
from .polynomial import Polynomial

__all__ = ["secant_slope", "tangent_line"]


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
