"""Floats for placing things on screen: the numbers shown stay exact, positions need not."""

from __future__ import annotations

import math

from gdmath import Polynomial

__all__ = ["float_function", "nice_step"]


def float_function(polynomial: Polynomial):
    """A fast float evaluator of ``polynomial``: f(x) or f(x, y).

    >>> from gdmath import parse
    >>> float_function(parse("x^2 + 10 y^2"))(1.0, 0.5)
    3.5
    """
    terms = [(float(c), e) for e, c in polynomial.terms.items()]
    if polynomial.dimension == 1:
        return lambda x: sum(c * x ** e[0] for c, e in terms)
    return lambda x, y: sum(c * x ** e[0] * y ** e[1] for c, e in terms)


def nice_step(span: float, count: int) -> float:
    """A 1-2-5 tick step giving about ``count`` ticks over ``span``.

    >>> nice_step(11, 10), nice_step(27.5, 5), nice_step(40, 4)
    (2, 10, 10)
    """
    raw = max(span, 1e-9) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude
