"""Exact checks written without gdmath, for the tests to judge gdmath by.

A number r + s·√D (r, s, D rational, D ≥ 0) is kept as the pair (r, s) over a fixed D. Its sign is
found by squeezing √D between two fractions with :func:`math.isqrt`, closer and closer until the
number's sign shows: no floats, no :class:`gdmath.Surd`, and not the squaring gdmath's
``Surd.sign`` does. Polynomials are evaluated here from their terms, by hand.
"""

from __future__ import annotations

import math
from fractions import Fraction

from gdmath import Regime

Pair = tuple[Fraction, Fraction]


# -- numbers r + s·√D ------------------------------------------------------------------------
def sign(r, s=0, D=0) -> int:
    """-1, 0 or 1: the sign of r + s·√D, decided with integers.

    √D = √(n·m)/m for D = n/m. At scale N, isqrt(n·m·N²) = t gives t ≤ N·√(n·m) < t + 1; if t² hits
    n·m·N² exactly, √D is the rational t/(mN) and the sign is that of an exact fraction. Otherwise
    √D is irrational, so r + s·√D (s ≠ 0) is not 0 and lies strictly between the two bounds: square
    N (twice the bits) until both have one sign.
    """
    r, s, D = Fraction(r), Fraction(s), Fraction(D)
    if D < 0:
        raise ValueError("D must be ≥ 0")
    if s == 0 or D == 0:
        return (r > 0) - (r < 0)
    n, m = D.numerator, D.denominator
    scale = 2 ** 32
    while True:
        t = math.isqrt(n * m * scale * scale)
        low, high = Fraction(t, m * scale), Fraction(t + 1, m * scale)
        if t * t == n * m * scale * scale:
            value = r + s * low
            return (value > 0) - (value < 0)
        ends = (r + s * low, r + s * high)
        if min(ends) >= 0:
            return 1
        if max(ends) <= 0:
            return -1
        scale *= scale  # twice the bits


def times(u: Pair, v: Pair, D) -> Pair:
    return (u[0] * v[0] + u[1] * v[1] * D, u[0] * v[1] + u[1] * v[0])


def minus(u: Pair, v: Pair) -> Pair:
    return (u[0] - v[0], u[1] - v[1])


def inverse(u: Pair, D) -> Pair:
    norm = u[0] * u[0] - u[1] * u[1] * D
    return (u[0] / norm, -u[1] / norm)


def floor(u: Pair, D) -> int:
    """The largest integer ≤ r + s·√D, found by exact signs (a float only for the first guess)."""
    guess = math.floor(float(u[0]) + float(u[1]) * math.sqrt(D))
    while sign(u[0] - guess, u[1], D) < 0:
        guess -= 1
    while sign(u[0] - guess - 1, u[1], D) >= 0:
        guess += 1
    return guess


def convergents(u: Pair, D, count: int) -> list[Fraction]:
    """The first ``count`` continued-fraction convergents of r + s·√D, exactly.

    They close in on the number from alternate sides, each within 1/q² of it: the near-equal
    cases that exact ordering exists for. A rational number's expansion ends, and so does the list.
    """
    results: list[Fraction] = []
    h0, h1, k0, k1 = 0, 1, 1, 0
    D = Fraction(D)
    root = math.isqrt(D.numerator * D.denominator)
    if root * root == D.numerator * D.denominator:  # √D is rational: so is the number
        u, D = (u[0] + u[1] * Fraction(root, D.denominator), Fraction(0)), Fraction(0)
    x = (Fraction(u[0]), Fraction(u[1]))
    for _ in range(count):
        a = floor(x, D)
        h0, h1, k0, k1 = h1, a * h1 + h0, k1, a * k1 + k0
        results.append(Fraction(h1, k1))
        rest = minus(x, (Fraction(a), Fraction(0)))
        if sign(*rest, D) == 0:
            break
        x = inverse(rest, D)
    return results


# -- floats ------------------------------------------------------------------------------------
def is_float(value: Fraction) -> bool:
    try:
        return Fraction(float(value)) == value
    except OverflowError:
        return False


def is_nearest_float(rounded: Fraction, exact: Fraction) -> bool:
    """True when ``rounded`` is a float and neither float next to it is nearer to ``exact``."""
    if not is_float(rounded):
        return False
    gap = abs(rounded - exact)
    for direction in (-math.inf, math.inf):
        neighbour = math.nextafter(float(rounded), direction)
        if math.isfinite(neighbour) and abs(Fraction(neighbour) - exact) < gap:
            return False
    return True


def bits(value: Fraction) -> int:
    return max(value.numerator.bit_length(), value.denominator.bit_length())


# -- polynomials, by hand ------------------------------------------------------------------------
def value_at(terms: dict, point) -> Fraction:
    return sum((coefficient * math.prod((c ** e for c, e in zip(point, exponents)), start=Fraction(1))
                for exponents, coefficient in terms.items()), Fraction(0))


def gradient_at(terms: dict, point) -> tuple[Fraction, ...]:
    gradient = []
    for i in range(len(point)):
        total = Fraction(0)
        for exponents, coefficient in terms.items():
            if exponents[i]:
                lowered = tuple(e - (j == i) for j, e in enumerate(exponents))
                total += coefficient * exponents[i] * math.prod((c ** e for c, e in zip(point, lowered)),
                                                                start=Fraction(1))
        gradient.append(total)
    return tuple(gradient)


# -- what the iterates of a quadratic show -------------------------------------------------------
def eigen_components(hessian, errors) -> tuple[Fraction, list[list[Pair]]]:
    """(D, sequences): each error θ_k − θ* split along the Hessian's eigen-directions.

    For H = [[p, q], [q, r]] with q ≠ 0 the eigenvectors are v± = (q, (r − p)/2 ± √D/2), D = (p − r)² + 4q²,
    and the component e·v± lies in Q(√D). They are orthogonal, so e = 0 exactly when both are 0, and each
    is a positive multiple of the true coordinate: its sign, and the ratio of one step's to the next, are
    the coordinate's own. With q = 0 the axes are the eigen-directions.
    """
    if len(errors[0]) == 1:
        return Fraction(0), [[(e[0], Fraction(0)) for e in errors]]
    (p, q), (_, r) = hessian
    if q == 0:
        return Fraction(0), [[(e[i], Fraction(0)) for e in errors] for i in (0, 1)]
    D = (p - r) ** 2 + 4 * q * q
    return D, [[(e[0] * q + e[1] * (r - p) / 2, side * e[1] / 2) for e in errors] for side in (-1, 1)]


def regimes_shown(hessian, minimizer, points) -> list[Regime]:
    """Every regime whose behaviour the points show, from the iterates alone (exactly one, for a bowl).

    Along each eigen-direction present at the start, with c_k the component of θ_k − θ*:

    - monotone: no c_k changes sign or grows, each non-zero one shrinks, and θ_1 ≠ θ*;
    - one-step: θ_0 ≠ θ* and θ_k = θ* from k = 1 on;
    - oscillating: every c_k shrinks (or is 0), and along some direction it changes sign every step;
    - cycle: along some direction c_{k+1} = −c_k ≠ 0 (so θ_2 = θ_0 there), and none grows;
    - diverging: along some direction |c_k| grows every step;
    - stationary: θ_k = θ* for every k.
    """
    errors = [tuple(c - m for c, m in zip(point, minimizer)) for point in points]
    D, sequences = eigen_components(hessian, errors)
    present = [seq for seq in sequences if sign(*seq[0], D)]
    steps = range(len(points) - 1)

    def product_sign(seq, k):
        return sign(*times(seq[k], seq[k + 1], D), D)

    def growth_sign(seq, k):  # sign of c_{k+1}² − c_k²
        return sign(*minus(times(seq[k + 1], seq[k + 1], D), times(seq[k], seq[k], D)), D)

    def zero(c):
        return sign(*c, D) == 0

    at_minimum = [all(zero(seq[k]) for seq in sequences) for k in range(len(points))]
    shown = []
    if not present:
        if all(at_minimum):
            shown.append(Regime.STATIONARY)
        return shown
    if all(at_minimum[1:]):
        shown.append(Regime.ONE_STEP)
    if not at_minimum[1] and all(product_sign(seq, k) >= 0 and (zero(seq[k]) or growth_sign(seq, k) < 0)
                                 for seq in present for k in steps):
        shown.append(Regime.MONOTONE)
    if (all(zero(seq[k]) or growth_sign(seq, k) < 0 for seq in present for k in steps)
            and any(all(product_sign(seq, k) < 0 for k in steps) for seq in present)):
        shown.append(Regime.OSCILLATING)
    if (any(all(zero((seq[k + 1][0] + seq[k][0], seq[k + 1][1] + seq[k][1])) for k in steps) for seq in present)
            and all(growth_sign(seq, k) <= 0 for seq in present for k in steps)):
        shown.append(Regime.CYCLE)
    if any(all(growth_sign(seq, k) > 0 for k in steps) for seq in present):
        shown.append(Regime.DIVERGING)
    return shown


def quadratic_parts(terms: dict, dimension: int):
    """(H, b) of a quadratic ½θᵀHθ + bᵀθ + c, read off its terms."""
    if dimension == 1:
        return ((2 * terms.get((2,), Fraction(0)),),), (terms.get((1,), Fraction(0)),)
    get = lambda *e: terms.get(e, Fraction(0))  # noqa: E731
    return ((2 * get(2, 0), get(1, 1)), (get(1, 1), 2 * get(0, 2))), (get(1, 0), get(0, 1))


def minimizer(hessian, linear) -> tuple[Fraction, ...]:
    """θ* with Hθ* = −b, by Cramer's rule."""
    if len(linear) == 1:
        return (-linear[0] / hessian[0][0],)
    (p, q), (_, r) = hessian
    determinant = p * r - q * q
    return ((-linear[0] * r + q * linear[1]) / determinant, (-p * linear[1] + q * linear[0]) / determinant)
