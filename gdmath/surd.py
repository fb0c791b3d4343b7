"""Exact real numbers of the form a + b·√d, enough for 2×2 eigenvalues and their thresholds."""

from __future__ import annotations

import math
from fractions import Fraction

from .exact import as_fraction, decimal_text

__all__ = ["Surd", "RootSum", "quotient_by_root", "root_below"]


def _rational_sqrt(value: Fraction) -> Fraction | None:
    """The exact square root of ``value`` when it is rational, else None."""
    if value < 0:
        return None
    top, bottom = math.isqrt(value.numerator), math.isqrt(value.denominator)
    if top * top == value.numerator and bottom * bottom == value.denominator:
        return Fraction(top, bottom)
    return None


def _simplify_root(value: Fraction) -> tuple[Fraction, Fraction]:
    """(s, m) with √value = s·√m and m a square-free integer (square factors found by trial division)."""
    integer = value.numerator * value.denominator  # √(p/q) = √(p·q)/q
    outside, factor = 1, 2
    while factor * factor <= integer and factor < 100_000:
        while integer % (factor * factor) == 0:
            integer //= factor * factor
            outside *= factor
        factor += 1 if factor == 2 else 2
    return Fraction(outside, value.denominator), Fraction(integer)


def root_below(value: Fraction, digits: int) -> Fraction:
    """√value (value ≥ 0) rounded down to ``digits`` decimals, exactly as a Fraction.

    >>> root_below(Fraction(2), 5)
    Fraction(141421, 100000)
    """
    scale = 10 ** digits
    return Fraction(math.isqrt(math.floor(value * scale * scale)), scale)


class Surd:
    """The number ``a + b·√d`` with rational a, b and d ≥ 0, compared and combined exactly.

    >>> phi = (1 + Surd.sqrt(5)) / 2
    >>> phi
    Surd('1/2 + 1/2·√5')
    >>> phi * phi == phi + 1
    True
    >>> phi > Fraction(161, 100), phi < Fraction(162, 100)
    (True, True)
    """

    __slots__ = ("a", "b", "d")

    def __init__(self, a=0, b=0, d=0):
        a, b, d = as_fraction(a), as_fraction(b), as_fraction(d)
        if d < 0:
            raise ValueError("Surd needs d ≥ 0")
        root = _rational_sqrt(d)
        if root is not None:  # √d is rational: fold it in
            a, b, d = a + b * root, Fraction(0), Fraction(0)
        elif b:
            outside, d = _simplify_root(d)  # √72 = 6·√2, √(1/2) = ½·√2: one form per number
            b *= outside
        if b == 0:
            d = Fraction(0)
        self.a, self.b, self.d = a, b, d

    @classmethod
    def sqrt(cls, value) -> "Surd":
        """The exact square root of a rational number ≥ 0."""
        return cls(0, 1, value)

    @property
    def is_rational(self) -> bool:
        """True when the number is rational; then :meth:`as_fraction` gives it."""
        return self.b == 0

    def as_fraction(self) -> Fraction:
        """The value as a Fraction; only for rational surds."""
        if not self.is_rational:
            raise ValueError(f"{self} is irrational")
        return self.a

    # -- arithmetic -------------------------------------------------------------
    def _lift(self, other) -> "Surd":
        if isinstance(other, Surd):
            if other.d and self.d and other.d != self.d:
                raise ValueError(f"cannot combine √{self.d} and √{other.d}")
            return other
        return Surd(as_fraction(other))

    def __add__(self, other):
        other = self._lift(other)
        return Surd(self.a + other.a, self.b + other.b, self.d or other.d)

    __radd__ = __add__

    def __neg__(self):
        return Surd(-self.a, -self.b, self.d)

    def __sub__(self, other):
        return self + (-self._lift(other))

    def __rsub__(self, other):
        return self._lift(other) - self

    def __mul__(self, other):
        other = self._lift(other)
        d = self.d or other.d
        return Surd(self.a * other.a + self.b * other.b * d, self.a * other.b + self.b * other.a, d)

    __rmul__ = __mul__

    def __truediv__(self, other):
        other = self._lift(other)
        norm = other.a * other.a - other.b * other.b * other.d  # (a + b√d)(a - b√d)
        if norm == 0:
            raise ZeroDivisionError("division by zero")
        return self * Surd(other.a / norm, -other.b / norm, other.d)

    def __rtruediv__(self, other):
        return self._lift(other) / self

    def __pow__(self, exponent):
        if not isinstance(exponent, int) or isinstance(exponent, bool) or exponent < 0:
            return NotImplemented
        result, base = Surd(1), self
        while exponent:
            if exponent & 1:
                result = result * base
            base, exponent = base * base, exponent >> 1
        return result

    def __abs__(self):
        return -self if self.sign() < 0 else self

    # -- order ------------------------------------------------------------------
    def sign(self) -> int:
        """-1, 0 or 1, decided exactly."""
        a_sign = (self.a > 0) - (self.a < 0)
        b_sign = (self.b > 0) - (self.b < 0)
        if b_sign == 0 or a_sign == b_sign:
            return a_sign or b_sign
        if a_sign == 0:
            return b_sign
        # Opposite signs: the larger magnitude wins; a² vs b²d.
        a_square, b_square = self.a * self.a, self.b * self.b * self.d
        return a_sign if a_square > b_square else b_sign if b_square > a_square else 0

    def _compare(self, other) -> int:
        return (self - self._lift(other)).sign()

    def __eq__(self, other):
        try:
            return self._compare(other) == 0
        except (ValueError, TypeError):
            return NotImplemented

    def __lt__(self, other):
        return self._compare(other) < 0

    def __le__(self, other):
        return self._compare(other) <= 0

    def __gt__(self, other):
        return self._compare(other) > 0

    def __ge__(self, other):
        return self._compare(other) >= 0

    def __hash__(self):
        return hash(self.a) if self.is_rational else hash((self.a, self.b, self.d))

    def approximation(self, digits: int = 40) -> Fraction:
        """A Fraction within a relative 10⁻ᵈⁱᵍⁱᵗˢ of the value, however nearly a and b·√d cancel.

        a + b·√d with a and b of opposite signs is computed as (a² − b²d)/(a − b·√d): the
        numerator is exact and the denominator adds two terms of one sign, so no digit is lost.
        Summing the floats instead loses them all after a few dozen steps of an iteration whose
        a and b grow (a run at an irrational learning rate).

        >>> near = Surd(10**20, -1, 10**40 - 1)            # 10²⁰ − √(10⁴⁰ − 1) ≈ 1/(2·10²⁰)
        >>> float(near), 1e20 - math.sqrt(1e40 - 1)       # the floats' sum has no digit left
        (5e-21, 0.0)
        """
        if self.is_rational:
            return self.a
        root = root_below(self.d, digits)
        if self.a == 0 or (self.a > 0) == (self.b > 0):
            return self.a + self.b * root
        return (self.a * self.a - self.b * self.b * self.d) / (self.a - self.b * root)

    def __float__(self):
        return float(self.approximation(24))

    # -- text -------------------------------------------------------------------
    def __str__(self):
        """Exact text such as ``3/2 - 1/2·√5``, or ``2`` when rational."""
        if self.is_rational:
            return str(self.a)
        root = f"√{self.d}"
        magnitude = abs(self.b)
        b_text = root if magnitude == 1 else f"{magnitude}·{root}"
        if self.a == 0:
            return ("-" if self.b < 0 else "") + b_text
        return f"{self.a} {'-' if self.b < 0 else '+'} {b_text}"

    def __repr__(self):
        return f"Surd({str(self)!r})"

    def decimal_text(self, significant: int = 6) -> str:
        """Decimal text; exact for rational values, correctly rounded bounds aside otherwise."""
        if self.is_rational:
            return decimal_text(self.a, significant)
        return decimal_text(self.approximation(significant + 30), significant)


class RootSum:
    """An exact sum c₁·√m₁ + c₂·√m₂ + … of square roots, for numbers no single :class:`Surd` holds.

    Only written and read as a decimal: the momentum rate (√L − √μ)/(√L + √μ) of a bowl whose
    curvatures are irrational is one, such as (5√2 − √14)/6 for x² + 3xy + 4y².

    >>> quotient_by_root(Surd(10, -2, 7), 72)
    RootSum('5/6·√2 - 1/6·√14')
    >>> round(float(quotient_by_root(Surd(10, -2, 7), 72)), 6)
    0.554902
    """

    __slots__ = ("terms",)

    def __init__(self, terms: dict[int, Fraction]):
        #: radicand (square-free integer, 1 for the rational part) → coefficient
        self.terms = {m: c for m, c in sorted(terms.items()) if c}

    def approximation(self, digits: int = 40) -> Fraction:
        """A Fraction within 10⁻ᵈⁱᵍⁱᵗˢ·Σ|cᵢ| of the value (each root to ``digits`` decimals)."""
        return sum((c * root_below(Fraction(m), digits) for m, c in self.terms.items()), Fraction(0))

    def __float__(self):
        return float(self.approximation(24))

    def __str__(self):
        if not self.terms:
            return "0"
        words = []
        for m, c in self.terms.items():
            magnitude = abs(c)
            text = str(magnitude) if m == 1 else (f"√{m}" if magnitude == 1 else f"{magnitude}·√{m}")
            words.append(("-" if c < 0 else "") + text if not words else ("- " if c < 0 else "+ ") + text)
        return " ".join(words)

    def __repr__(self):
        return f"RootSum({str(self)!r})"

    def decimal_text(self, significant: int = 6) -> str:
        return decimal_text(self.approximation(significant + 30), significant)


def quotient_by_root(numerator: Surd, radicand) -> "Surd | RootSum":
    """``numerator / √radicand`` exactly: a :class:`Surd` when it is one, else a :class:`RootSum`.

    >>> quotient_by_root(Surd(22, -4, 10), 324)
    Surd('11/9 - 2/9·√10')
    >>> quotient_by_root(Surd(6), 72)
    Surd('1/2·√2')
    """
    radicand = as_fraction(radicand)
    if radicand <= 0:
        raise ZeroDivisionError("division by the root of a number ≤ 0")
    # a/√q + b√d/√q = (a/q)·√q + (b/q)·√(dq)
    terms: dict[int, Fraction] = {}
    for coefficient, inside in ((numerator.a, radicand), (numerator.b, numerator.d * radicand)):
        if not coefficient:
            continue
        outside, square_free = _simplify_root(inside)
        m = int(square_free)
        terms[m] = terms.get(m, Fraction(0)) + coefficient * outside / radicand
    terms = {m: c for m, c in terms.items() if c}
    irrational = [m for m in terms if m != 1]
    if len(irrational) <= 1:
        return Surd(terms.get(1, 0), terms[irrational[0]] if irrational else 0, irrational[0] if irrational else 0)
    return RootSum(terms)
