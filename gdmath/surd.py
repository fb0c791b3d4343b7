"""Exact real numbers of the form a + b·√d, enough for 2×2 eigenvalues and their thresholds."""

from __future__ import annotations

import math
from fractions import Fraction

from .exact import as_fraction, decimal_text

__all__ = ["Surd"]


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

    def __float__(self):
        return float(self.a) + float(self.b) * math.sqrt(self.d)

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
        return decimal_text(Fraction(float(self)), significant)
