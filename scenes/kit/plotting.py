"""Floats for placing things on screen: the numbers shown stay exact, positions need not."""

from __future__ import annotations

import math

from gdmath import Polynomial

__all__ = ["float_function", "level_ellipse"]


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


def level_ellipse(polynomial: Polynomial, level: float):
    """t ↦ (x, y) on the level curve f = level of a bowl-shaped quadratic, or None for other functions.

    With f − f* = ½ dᵀHd, the curve reaches √(2·(level − f*)/λᵢ) along eigenvector i of H.
    Exact in shape (floats only for drawing) and far cheaper than an implicit-curve search.

    >>> from gdmath import parse
    >>> point = level_ellipse(parse("x^2 + y^2"), 4.0)
    >>> [round(float(c), 9) for c in point(0.0)], [round(float(c), 9) for c in point(math.pi / 2)]
    ([2.0, 0.0], [0.0, 2.0])
    """
    import numpy as np

    from gdmath import quadratic_model

    if polynomial.dimension != 2 or not polynomial.is_quadratic:
        return None
    model = quadratic_model(polynomial)
    if not model.is_positive_definite:
        return None
    centre = np.array([float(c) for c in model.minimizer()])
    excess = level - float(polynomial(model.minimizer()))
    if excess <= 0:
        return None
    eigenvalues, eigenvectors = np.linalg.eigh(np.array([[float(v) for v in row] for row in model.hessian]))
    radii = np.sqrt(2 * excess / eigenvalues)
    return lambda t: centre + eigenvectors @ (radii * np.array([math.cos(t), math.sin(t)]))
