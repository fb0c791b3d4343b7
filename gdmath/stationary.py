"""What kind of point a stationary point is (minimum, maximum, inflection, saddle), decided exactly.

A point where the gradient is zero is where gradient descent stops pushing, but only a minimum
is where it heads. This module says which kind a stationary point of a polynomial is, with
exact rational arithmetic only, and says "degenerate" rather than guess when the exact tests
here cannot settle it.

>>> from gdmath.polynomial import x, y
>>> classify_stationary(x**3, 0).kind
<Stationary.INFLECTION: 'inflection'>
>>> classify_stationary(x**2 - y**2, (0, 0)).kind
<Stationary.SADDLE: 'saddle'>
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from fractions import Fraction

from .errors import GDMathError
from .exact import as_point, exact_text
from .polynomial import Polynomial

__all__ = ["Stationary", "StationaryPoint", "QuadraticStationarySet", "classify_stationary",
           "quadratic_stationary_set", "count_real_roots"]

Coefficients = list[Fraction]  # c[k] is the coefficient of t**k


class Stationary(str, enum.Enum):
    """The kind of a stationary point; the value is the name used in JSON and in scripts."""

    MINIMUM = "minimum"          #: f(p) ≤ f nearby (strict or not: see StationaryPoint.strict)
    MAXIMUM = "maximum"          #: f(p) ≥ f nearby
    INFLECTION = "inflection"    #: 1D: f rises on one side and falls on the other (odd order)
    SADDLE = "saddle"            #: 2D: f both rises and falls arbitrarily close to p
    DEGENERATE = "degenerate"    #: 2D: singular Hessian, and the exact tests here do not settle it
    FLAT = "flat"                #: f is constant: every point is stationary

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class StationaryPoint:
    """A stationary point of ``objective`` and what kind it is.

    ``strict``: for a minimum (maximum), True when every other point near p has a larger
    (smaller) value; False when others nearby tie with it, as on a line of minima. ``is_global``:
    for a minimum (maximum), True when no point anywhere is lower (higher), False when one is,
    None when this module cannot decide it exactly. Both are None for the other kinds, except
    FLAT, where every point ties (strict False, global True). ``order`` (1D only) is the order
    of the first non-zero derivative at p: 2 for x², 3 for x³, 4 for x⁴; None in 2D and for FLAT.
    """

    objective: Polynomial
    point: tuple[Fraction, ...]
    value: Fraction
    kind: Stationary
    strict: bool | None
    is_global: bool | None
    order: int | None = None

    @property
    def is_extremum(self) -> bool:
        """True for a minimum or a maximum."""
        return self.kind in (Stationary.MINIMUM, Stationary.MAXIMUM)


def classify_stationary(objective: Polynomial, point) -> StationaryPoint:
    """The kind of the stationary point ``point`` of ``objective``; raises if ∇f(point) ≠ 0.

    **One variable.** Let n be the order of the first non-zero derivative at p. Even n with
    f⁽ⁿ⁾(p) > 0 is a (strict) minimum, even n with f⁽ⁿ⁾(p) < 0 a maximum, odd n an inflection.
    A minimum is global exactly when f(x) − f(p) has no real root of odd multiplicity (so it never
    changes sign) and a positive leading coefficient; the roots are counted exactly with a
    square-free decomposition and Sturm's theorem.

    >>> from gdmath.polynomial import x
    >>> [classify_stationary(f, 0).kind.value for f in (x**2, -x**2, x**3, x**4, 3 + 0*x)]
    ['minimum', 'maximum', 'inflection', 'minimum', 'flat']
    >>> double_well = x**4 - 2*x**2
    >>> [(p.kind.value, p.is_global) for p in (classify_stationary(double_well, c) for c in (-1, 0, 1))]
    [('minimum', True), ('maximum', False), ('minimum', True)]
    >>> classify_stationary(x**3 - 3*x, 1).is_global     # f → −∞ as x → −∞
    False
    >>> classify_stationary(x**2, 1)
    Traceback (most recent call last):
    ...
    gdmath.errors.GDMathError: f′(1) = 2, not 0: x = 1 is not a stationary point of x**2

    **Two variables.** With H the Hessian at p: det H > 0 is a strict minimum (trace > 0) or maximum,
    det H < 0 a saddle. When det H = 0 the second-order test is silent, and this decides only what
    it can prove exactly:

    - a quadratic equals f(p) + ½ dᵀHd, so a non-zero semidefinite H is a whole line of minima
      (or maxima): a minimum that is global but not strict; H = 0 means f is constant (FLAT);
    - if f(p + d) − f(p) is a sum of terms c·dx^(2i)·dy^(2j) with every c > 0, p is a global minimum
      (strict when both a pure dx and a pure dy power occur), and likewise for maxima; the same holds
      when f − f(0, 0) is such a sum and f(p) = f(0, 0), as for x²y² anywhere on the axes;
    - if, along some line through p (the axes, the diagonals, the eigenvectors of H), f has an
      inflection, or rises along one line and falls along another, p is a SADDLE;
    - otherwise DEGENERATE: f may still have a minimum there (x² − 2xy² + y⁴ does, on a whole parabola),
      but rising along every line is not enough to say so: (y − x²)(y − 2x²) rises along every
      line through 0 and is a saddle.

    >>> from gdmath.polynomial import y
    >>> [classify_stationary(f, (0, 0)).kind.value for f in (x**2 + y**2, x**2 - y**2, -x**2 - y**2)]
    ['minimum', 'saddle', 'maximum']
    >>> line = classify_stationary((x - y)**2, (1, 1))          # a line of minima, y = x
    >>> line.kind.value, line.strict, line.is_global
    ('minimum', False, True)
    >>> [classify_stationary(f, (0, 0)).kind.value for f in (x**4 + y**4, x**2 * y**2, x**2 + y**3)]
    ['minimum', 'minimum', 'saddle']
    >>> classify_stationary((y - x**2) * (y - 2*x**2), (0, 0)).kind.value
    'degenerate'
    """
    coordinates = as_point(point, objective.dimension, "point")
    gradient = objective.gradient_at(coordinates)
    if any(gradient):
        raise GDMathError(_not_stationary(objective, coordinates, gradient))
    value = objective(coordinates)
    if objective.dimension == 1:
        return _classify_1d(objective, coordinates, value)
    return _classify_2d(objective, coordinates, value)


@dataclass(frozen=True)
class QuadraticStationarySet:
    """Where the gradient of a quadratic is zero: nowhere, one point, a line, or everywhere.

    ``point`` is the stationary point nearest the origin (None when there is none); ``direction``
    is the direction of the line of stationary points through it (None for a single point).
    ``everywhere`` is True when f is constant.
    """

    point: tuple[Fraction, ...] | None
    direction: tuple[Fraction, ...] | None
    everywhere: bool = False

    @property
    def is_empty(self) -> bool:
        return self.point is None


def quadratic_stationary_set(objective: Polynomial) -> QuadraticStationarySet:
    """The stationary points of a polynomial of degree at most 2, exactly.

    The gradient of a quadratic is Hθ + b, so they solve Hθ = −b: one point when H is invertible,
    a line when H is singular but not zero and b lies in its range, nothing otherwise (as for
    x² + y, which falls without end), and the whole plane when f is constant.

    >>> from gdmath.polynomial import x, y
    >>> quadratic_stationary_set((x - 1)**2 + 2*(y + 3)**2)
    QuadraticStationarySet(point=(Fraction(1, 1), Fraction(-3, 1)), direction=None, everywhere=False)
    >>> quadratic_stationary_set((x - y)**2 + 2).direction
    (Fraction(1, 1), Fraction(1, 1))
    >>> quadratic_stationary_set(x**2 + y).is_empty
    True
    """
    if not objective.is_quadratic:
        raise GDMathError(f"{objective} has degree {objective.degree}; a quadratic has degree at most 2")
    origin = (Fraction(0),) * objective.dimension
    linear = objective.gradient_at(origin)
    hessian = objective.hessian_at(origin)
    if objective.dimension == 1:
        (h,), (b,) = hessian[0], linear
        if h:
            return QuadraticStationarySet((-b / h,), None)
        return QuadraticStationarySet(origin, None, everywhere=True) if b == 0 else QuadraticStationarySet(None, None)
    (p, q), (_, r) = hessian
    b1, b2 = linear
    determinant = p * r - q * q
    if determinant:
        return QuadraticStationarySet(((-b1 * r + q * b2) / determinant, (-p * b2 + q * b1) / determinant), None)
    if p == q == r == 0:
        return QuadraticStationarySet(origin, None, everywhere=True) if b1 == b2 == 0 \
            else QuadraticStationarySet(None, None)
    # Rank one: H = λ·u·uᵀ with λ = trace. The null direction n solves Hn = 0; the range is n⊥.
    null = (-q, p) if (p, q) != (0, 0) else (-r, q)
    null = tuple(c / next(c for c in null if c) for c in null)  # first non-zero coordinate 1: (1, 1), not (2, 2)
    if b1 * null[0] + b2 * null[1] != 0:
        return QuadraticStationarySet(None, None)  # b has a part along n: f slopes for ever along the line
    trace = p + r
    # On the range, H acts as λ·I, so θ = −b/λ solves Hθ = −b and is the solution nearest the origin.
    return QuadraticStationarySet((-b1 / trace, -b2 / trace), null)


def count_real_roots(polynomial: Polynomial) -> int:
    """The number of distinct real roots of a polynomial in x (Sturm's theorem, exact).

    The zero polynomial has infinitely many; it is refused.

    >>> from gdmath.polynomial import x
    >>> count_real_roots(x**3 - x), count_real_roots(x**2 + 1), count_real_roots((x - 1)**2)
    (3, 0, 1)
    """
    if polynomial.dimension != 1:
        raise GDMathError(f"{polynomial} is not a polynomial in x alone")
    coefficients = _coefficients(polynomial)
    if not coefficients:
        raise GDMathError("the zero polynomial has a root at every x")
    return _sturm_count(_squarefree_part(coefficients))


# -- one variable --------------------------------------------------------------------------------
def _not_stationary(objective: Polynomial, point, gradient) -> str:
    if objective.dimension == 1:
        return (f"f′({exact_text(point[0])}) = {exact_text(gradient[0])}, not 0: "
                f"x = {exact_text(point[0])} is not a stationary point of {objective}")
    shown = ", ".join(exact_text(c) for c in point)
    return (f"∇f({shown}) = ({', '.join(exact_text(g) for g in gradient)}), not 0: "
            f"({shown}) is not a stationary point of {objective}")


def _classify_1d(objective: Polynomial, point, value: Fraction) -> StationaryPoint:
    shifted = _taylor(objective, point[0])  # f(p + t) = Σ shifted[k]·t^k; shifted[1] = 0 here
    rest = shifted[1:]
    if not any(rest):
        return StationaryPoint(objective, point, value, Stationary.FLAT, strict=False, is_global=True)
    order = next(k for k, c in enumerate(shifted) if k and c)
    if order % 2:
        return StationaryPoint(objective, point, value, Stationary.INFLECTION, None, None, order)
    sign = 1 if shifted[order] > 0 else -1
    kind = Stationary.MINIMUM if sign > 0 else Stationary.MAXIMUM
    # f(p + t) − f(p), turned upside down for a maximum, must never go below 0.
    excess = [Fraction(0)] + [sign * c for c in rest]
    return StationaryPoint(objective, point, value, kind, True, _never_negative(excess), order)


def _taylor(objective: Polynomial, at: Fraction) -> Coefficients:
    """Coefficients of f(at + t) in powers of t (exact Taylor coefficients f⁽ᵏ⁾(at)/k!)."""
    result = [Fraction(0)] * (objective.degree + 1)
    for (power,), coefficient in objective.terms.items():
        binomial = 1
        for k in range(power + 1):  # (at + t)^power = Σ C(power, k)·at^(power−k)·t^k
            result[k] += coefficient * binomial * at ** (power - k)
            binomial = binomial * (power - k) // (k + 1)
    return result


def _never_negative(coefficients: Coefficients) -> bool:
    """True when the polynomial Σ c[k]·t^k is ≥ 0 for every real t.

    It never changes sign exactly when it has no real root of odd multiplicity; then its sign is
    its leading coefficient's.
    """
    coefficients = _trim(coefficients)
    if not coefficients:
        return True
    if len(coefficients) == 1:
        return coefficients[0] > 0
    odd_part = [Fraction(1)]
    for multiplicity, factor in _squarefree_factors(coefficients):
        if multiplicity % 2:
            odd_part = _multiply(odd_part, factor)
    return _sturm_count(odd_part) == 0 and coefficients[-1] > 0


# -- exact polynomial arithmetic on coefficient lists ---------------------------------------------
def _coefficients(polynomial: Polynomial) -> Coefficients:
    result = [Fraction(0)] * (polynomial.degree + 1)
    for (power,), coefficient in polynomial.terms.items():
        result[power] = coefficient
    return _trim(result)


def _trim(coefficients: Coefficients) -> Coefficients:
    coefficients = list(coefficients)
    while coefficients and coefficients[-1] == 0:
        coefficients.pop()
    return coefficients


def _derivative(coefficients: Coefficients) -> Coefficients:
    return _trim([k * c for k, c in enumerate(coefficients)][1:])


def _multiply(a: Coefficients, b: Coefficients) -> Coefficients:
    if not a or not b:
        return []
    result = [Fraction(0)] * (len(a) + len(b) - 1)
    for i, p in enumerate(a):
        for j, q in enumerate(b):
            result[i + j] += p * q
    return _trim(result)


def _divide(a: Coefficients, b: Coefficients) -> tuple[Coefficients, Coefficients]:
    """Quotient and remainder of a ÷ b (b not zero)."""
    a = list(a)
    if len(a) < len(b):
        return [], _trim(a)
    quotient = [Fraction(0)] * (len(a) - len(b) + 1)
    for shift in range(len(a) - len(b), -1, -1):
        factor = a[shift + len(b) - 1] / b[-1]
        quotient[shift] = factor
        if factor:
            for k, c in enumerate(b):
                a[shift + k] -= factor * c
    return _trim(quotient), _trim(a[:len(b) - 1])


def _monic(coefficients: Coefficients) -> Coefficients:
    return [c / coefficients[-1] for c in coefficients]


def _gcd(a: Coefficients, b: Coefficients) -> Coefficients:
    a, b = _trim(a), _trim(b)
    while b:
        a, b = b, _divide(a, b)[1]
    return _monic(a) if a else a


def _squarefree_factors(coefficients: Coefficients) -> list[tuple[int, Coefficients]]:
    """Yun's algorithm: (i, aᵢ) with f = c·∏ aᵢ^i, each aᵢ square-free and coprime to the others."""
    derivative = _derivative(coefficients)
    common = _gcd(coefficients, derivative)
    b = _divide(coefficients, common)[0]
    d = _trim([p - q for p, q in _zip_longest(_divide(derivative, common)[0], _derivative(b))])
    factors, multiplicity = [], 1
    while len(b) > 1:
        a = _gcd(b, d)  # gcd(b, 0) is b itself
        factors.append((multiplicity, a))
        b = _divide(b, a)[0]
        c = _divide(d, a)[0]
        d = _trim([p - q for p, q in _zip_longest(c, _derivative(b))])
        multiplicity += 1
    return factors


def _zip_longest(a: Coefficients, b: Coefficients):
    size = max(len(a), len(b))
    return zip(a + [Fraction(0)] * (size - len(a)), b + [Fraction(0)] * (size - len(b)))


def _squarefree_part(coefficients: Coefficients) -> Coefficients:
    """The polynomial with the same roots, each once: f / gcd(f, f′)."""
    if len(coefficients) <= 1:
        return coefficients
    return _divide(coefficients, _gcd(coefficients, _derivative(coefficients)))[0]


def _sturm_count(coefficients: Coefficients) -> int:
    """Distinct real roots of a square-free polynomial: sign changes of its Sturm chain at −∞ minus at +∞."""
    coefficients = _trim(coefficients)
    if len(coefficients) <= 1:
        return 0
    chain = [coefficients, _derivative(coefficients)]
    while len(chain[-1]) > 1:
        remainder = _divide(chain[-2], chain[-1])[1]
        if not remainder:
            break
        chain.append([-c for c in remainder])

    def changes(signs: list[int]) -> int:
        signs = [s for s in signs if s]
        return sum(1 for a, b in zip(signs, signs[1:]) if a != b)

    at_plus = [1 if p[-1] > 0 else -1 for p in chain]
    at_minus = [s * (-1) ** ((len(p) - 1) % 2) for s, p in zip(at_plus, chain)]
    return changes(at_minus) - changes(at_plus)


# -- two variables --------------------------------------------------------------------------------
#: Lines through p along which a 2D point is probed, besides the Hessian's eigen-directions.
_PROBE_DIRECTIONS = ((1, 0), (0, 1), (1, 1), (1, -1), (1, 2), (2, 1), (1, -2), (2, -1))


def _shifted_2d(objective: Polynomial, point) -> dict[tuple[int, int], Fraction]:
    """Terms of f(p + d) − f(p) in powers of d = (dx, dy)."""
    plane = ("x", "y")
    dx, dy = Polynomial.variable("x", plane), Polynomial.variable("y", plane)
    px, py = point
    total = Polynomial.constant(0, plane)
    for (a, b), coefficient in objective.terms.items():
        total = total + coefficient * (dx + px) ** a * (dy + py) ** b
    terms = total.terms
    terms.pop((0, 0), None)
    return terms


def _along(terms: dict[tuple[int, int], Fraction], direction) -> Coefficients:
    """f(p + t·d) − f(p) as coefficients in t."""
    u, v = (Fraction(c) for c in direction)
    result = [Fraction(0)] * (max((a + b for a, b in terms), default=0) + 1)
    for (a, b), coefficient in terms.items():
        result[a + b] += coefficient * u ** a * v ** b
    return _trim(result)


def _classify_2d(objective: Polynomial, point, value: Fraction) -> StationaryPoint:
    def found(kind, strict=None, is_global=None):
        return StationaryPoint(objective, point, value, kind, strict, is_global)

    terms = _shifted_2d(objective, point)
    if not terms:
        return found(Stationary.FLAT, False, True)
    a, b, c = (terms.get(e, Fraction(0)) for e in ((2, 0), (1, 1), (0, 2)))
    determinant = 4 * a * c - b * b  # of H = [[2a, b], [b, 2c]]
    trace = a + c
    if determinant < 0:
        return found(Stationary.SADDLE)
    if objective.is_quadratic:
        # f(p + d) = f(p) + ½ dᵀHd exactly: the sign of H says everything, everywhere.
        kind = Stationary.MINIMUM if trace > 0 else Stationary.MAXIMUM
        return found(kind, determinant > 0, True)
    if determinant > 0:
        kind = Stationary.MINIMUM if trace > 0 else Stationary.MAXIMUM
        return found(kind, True, _global_2d(objective, point, terms, 1 if trace > 0 else -1))
    for sign, kind in ((1, Stationary.MINIMUM), (-1, Stationary.MAXIMUM)):
        if _even_square_sum(terms, sign):
            return found(kind, _only_zero_at_origin(terms), True)
        around_origin = objective.terms
        if value == around_origin.pop((0, 0), Fraction(0)) and _even_square_sum(around_origin, sign):
            # f − f(0) ≥ 0 everywhere and f(p) = f(0): p is as low as f gets (x²y² along the axes).
            return found(kind, not any(point) and _only_zero_at_origin(around_origin), True)
    directions = list(_PROBE_DIRECTIONS)
    if (a, b, c) != (0, 0, 0):
        # Eigen-directions of the singular H = [[2a, b], [b, 2c]]: its null direction and its range.
        null = (-b, 2 * a) if (a, b) != (0, 0) else (1, 0)
        directions += [null, (null[1], -null[0])]
    rises = falls = False
    for direction in directions:
        along = _along(terms, direction)
        if not along:
            continue  # f is constant along this line
        order = next(k for k, coefficient in enumerate(along) if coefficient)
        if order % 2:
            return found(Stationary.SADDLE)
        rises, falls = rises or along[order] > 0, falls or along[order] < 0
        if rises and falls:
            return found(Stationary.SADDLE)
    return found(Stationary.DEGENERATE)


def _even_square_sum(terms: dict[tuple[int, int], Fraction], sign: int) -> bool:
    """True when ``sign``·Σ c·dx^i·dy^j has every c·sign > 0 and every i, j even: then it is ≥ 0 everywhere."""
    return bool(terms) and all(sign * coefficient > 0 and i % 2 == 0 and j % 2 == 0
                               for (i, j), coefficient in terms.items())


def _only_zero_at_origin(terms: dict[tuple[int, int], Fraction]) -> bool:
    """For an even square sum: 0 only at the origin, exactly when a pure dx power and a pure dy power occur.

    Without a pure dx power every term holds dy, so the sum vanishes on the whole line dy = 0.
    """
    return any(j == 0 for i, j in terms) and any(i == 0 for i, j in terms)


def _global_2d(objective: Polynomial, point, terms: dict[tuple[int, int], Fraction], sign: int) -> bool | None:
    """For a strict local minimum (sign 1) or maximum (−1): global? False when some line proves otherwise."""
    around_origin = objective.terms
    constant = around_origin.pop((0, 0), Fraction(0))
    if _even_square_sum(terms, sign) or (objective(point) == constant and _even_square_sum(around_origin, sign)):
        return True
    for direction in _PROBE_DIRECTIONS:
        if not _never_negative([sign * coefficient for coefficient in _along(terms, direction)]):
            return False
    return None
