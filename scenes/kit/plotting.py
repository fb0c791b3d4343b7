"""Floats for placing things on screen: the numbers shown stay exact, positions need not."""

from __future__ import annotations

import math

from gdmath import Polynomial

__all__ = ["float_function", "principal_axes", "bowl_ellipse", "level_ellipse"]


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


def principal_axes(model):
    """The curvatures and their directions of a quadratic model, as floats for drawing.

    Returns ``(eigenvalues, eigenvectors)`` of the Hessian, ascending, eigenvectors as columns
    (numpy's ``eigh``). The exact curvatures are gdmath's (``model.eigenvalues``); these only place
    things on screen.

    >>> from gdmath import parse, quadratic_model
    >>> values, vectors = principal_axes(quadratic_model(parse("x^2 + 10 y^2")))
    >>> [round(float(v), 9) for v in values], [round(abs(float(c)), 9) for c in vectors[:, 0]]
    ([2.0, 20.0], [1.0, 0.0])
    """
    import numpy as np

    return np.linalg.eigh(np.array([[float(v) for v in row] for row in model.hessian]))


def bowl_ellipse(model, excess: float):
    """(t, r=1) ↦ (x, y): r times the way out to the level curve f = f* + ``excess`` of a bowl.

    With f − f* = ½ dᵀHd, the curve reaches √(2·excess/λᵢ) along eigenvector i of H, so
    ``r`` = 1 traces the level curve and r in [0, 1] fills the region inside it.
    """
    import numpy as np

    eigenvalues, eigenvectors = principal_axes(model)
    centre = np.array([float(c) for c in model.minimizer()])
    radii = np.sqrt(2 * excess / eigenvalues)
    return lambda t, r=1.0: centre + eigenvectors @ (r * radii * np.array([math.cos(t), math.sin(t)]))


def level_ellipse(polynomial: Polynomial, level: float):
    """t ↦ (x, y) on the level curve f = level of a bowl-shaped quadratic, or None for other functions.

    Exact in shape (floats only for drawing) and far cheaper than an implicit-curve search.

    >>> from gdmath import parse
    >>> point = level_ellipse(parse("x^2 + y^2"), 4.0)
    >>> [round(float(c), 9) for c in point(0.0)], [round(float(c), 9) for c in point(math.pi / 2)]
    ([2.0, 0.0], [0.0, 2.0])
    """
    from gdmath import quadratic_model

    if polynomial.dimension != 2 or not polynomial.is_quadratic:
        return None
    model = quadratic_model(polynomial)
    if not model.is_positive_definite:
        return None
    excess = level - float(polynomial(model.minimizer()))
    if excess <= 0:
        return None
    return bowl_ellipse(model, excess)
