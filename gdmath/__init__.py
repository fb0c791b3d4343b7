"""gdmath: exact gradient descent on polynomials — the numbers every scene shows.

Pure Python: importing it loads neither manim nor numpy.

>>> from gdmath import descend
>>> [str(p[0]) for p in descend("x^2", start=5, learning_rate="0.1", steps=3).points]
['5', '4', '16/5', '64/25']
"""

from .analysis import Direction, QuadraticModel, Regime, Roots, classify, heavy_ball_direction, quadratic_model
from .calculus import difference_quotient, secant_slope, tangent_line
from .descent import (EXACT_BITS, MAX_STEPS, Iterate, Run, as_learning_rate, as_steps, closed_form, descend,
                      squared_errors, steps_to_shrink)
from .errors import GDMathError, ParameterError, ParseError
from .exact import as_fraction, as_momentum, as_point, decimal_text, exact_text
from .parse import parse
from .polynomial import MAX_DEGREE, Polynomial, x, y
from .stationary import (QuadraticStationarySet, Stationary, StationaryPoint, classify_stationary,
                         count_real_roots, quadratic_stationary_set)
from .surd import RootSum, Surd

__all__ = [
    "EXACT_BITS", "MAX_DEGREE", "MAX_STEPS",
    "Direction", "GDMathError", "Iterate", "ParameterError", "ParseError", "Polynomial", "QuadraticModel",
    "QuadraticStationarySet", "Regime", "RootSum", "Roots", "Run", "Stationary", "StationaryPoint", "Surd",
    "as_fraction", "as_learning_rate", "as_momentum", "as_point", "as_steps", "classify", "classify_stationary", "closed_form",
    "count_real_roots", "decimal_text", "descend", "difference_quotient",
    "exact_text", "heavy_ball_direction",
    "parse", "quadratic_model", "quadratic_stationary_set", "secant_slope", "squared_errors", "steps_to_shrink",
    "tangent_line", "x", "y",
]
