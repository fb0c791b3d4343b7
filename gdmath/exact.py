"""Exact numbers from what people type, and readable text from exact numbers."""

from __future__ import annotations

import decimal
import math
import numbers
import re
from fractions import Fraction

from .errors import ParameterError

__all__ = ["as_fraction", "as_momentum", "as_point", "exact_text", "decimal_text", "MAX_DECIMAL_EXPONENT"]

#: Largest power of ten accepted in text such as ``1e-3``: bigger ones only cost memory.
MAX_DECIMAL_EXPONENT = 1000

_NUMBER_TEXT = re.compile(
    r"""\s*(?P<sign>[-+])?
        (?P<num>\d+(?:\.\d*)?|\.\d+)(?:[eE](?P<exp>[-+]?\d+))?
        (?:\s*/\s*(?P<den>\d+))?\s*""",
    re.VERBOSE,
)


def as_fraction(value, name: str = "number") -> Fraction:
    """Return ``value`` as the exact :class:`~fractions.Fraction` the user meant.

    Floats and decimal text mean the decimal that was written, not the binary
    float nearest to it, so ``0.1`` is one tenth.

    >>> as_fraction(0.1)
    Fraction(1, 10)
    >>> as_fraction("1/10") == as_fraction("0.1") == as_fraction("1e-1")
    True
    >>> as_fraction(3)
    Fraction(3, 1)
    >>> as_fraction(float("nan"), "learning rate")
    Traceback (most recent call last):
    ...
    gdmath.errors.ParameterError: learning rate must be a finite number, not nan
    """
    if isinstance(value, bool):
        raise ParameterError(f"{name} must be a number, not {value!r}")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, numbers.Integral):
        return Fraction(int(value))
    if isinstance(value, numbers.Rational):
        return Fraction(int(value.numerator), int(value.denominator))
    if isinstance(value, decimal.Decimal):
        if not value.is_finite():
            raise ParameterError(f"{name} must be a finite number, not {value}")
        return Fraction(value)
    if isinstance(value, numbers.Real):
        as_float = float(value)
        if not math.isfinite(as_float):
            raise ParameterError(f"{name} must be a finite number, not {as_float}")
        # repr gives the shortest decimal that reads back as this float: what was typed.
        return _fraction_from_text(str(value) if not isinstance(value, float) else repr(as_float), name)
    if isinstance(value, str):
        return _fraction_from_text(value, name)
    raise ParameterError(f"{name} must be a number, not {type(value).__name__} {value!r}")


def _fraction_from_text(text: str, name: str) -> Fraction:
    match = _NUMBER_TEXT.fullmatch(text)
    if not match:
        lowered = text.strip().lower()
        if lowered.lstrip("+-") in {"nan", "inf", "infinity"}:
            raise ParameterError(f"{name} must be a finite number, not {text.strip()}")
        raise ParameterError(f"{name} must be a number such as 0.1 or 1/10, not {text!r}")
    exponent = int(match["exp"] or 0)
    if abs(exponent) > MAX_DECIMAL_EXPONENT:
        raise ParameterError(f"{name} {text.strip()!r} is out of range (exponent above {MAX_DECIMAL_EXPONENT})")
    result = Fraction(match["num"]) * Fraction(10) ** exponent
    if match["den"] is not None:
        denominator = int(match["den"])
        if denominator == 0:
            raise ParameterError(f"{name} {text.strip()!r} divides by zero")
        result /= denominator
    return -result if match["sign"] == "-" else result


def as_point(value, dimension: int, name: str = "start") -> tuple[Fraction, ...]:
    """Return ``value`` as a point with ``dimension`` exact coordinates.

    Accepts a number (one variable), a sequence, or text such as ``"4,4"``.

    >>> as_point("4, 4", 2)
    (Fraction(4, 1), Fraction(4, 1))
    >>> as_point(5, 1)
    (Fraction(5, 1),)
    >>> as_point(5, 2)
    Traceback (most recent call last):
    ...
    gdmath.errors.ParameterError: start has 1 coordinate but the function needs 2 (x, y)
    """
    if isinstance(value, str):
        parts = [part for part in value.replace(";", ",").split(",")]
        if any(not part.strip() for part in parts):
            raise ParameterError(f"{name} {value!r} has an empty coordinate")
        coordinates = parts
    elif isinstance(value, (list, tuple)) or (hasattr(value, "__len__") and hasattr(value, "__getitem__")
                                                and not isinstance(value, (bytes, dict))):
        coordinates = list(value)
    else:
        coordinates = [value]
    if len(coordinates) != dimension:
        needed = "1 (x)" if dimension == 1 else f"{dimension} (x, y)"
        have = f"{len(coordinates)} coordinate" + ("" if len(coordinates) == 1 else "s")
        raise ParameterError(f"{name} has {have} but the function needs {needed}")
    return tuple(as_fraction(c, f"{name} coordinate") for c in coordinates)


def _exact(value, name: str):
    """``value`` as a Fraction, or as the :class:`~gdmath.surd.Surd` it is when irrational."""
    from .surd import Surd
    if isinstance(value, Surd):
        return value.as_fraction() if value.is_rational else value
    return as_fraction(value, name)


def as_momentum(value) -> Fraction:
    """A momentum β: exact, 0 ≤ β < 1 (β = 0 is plain gradient descent).

    >>> as_momentum("0.9"), as_momentum(0)
    (Fraction(9, 10), Fraction(0, 1))
    >>> as_momentum(1)
    Traceback (most recent call last):
    ...
    gdmath.errors.ParameterError: momentum must be at least 0 and less than 1, not 1
    """
    beta = _exact(value, "momentum")
    if not 0 <= beta < 1:
        raise ParameterError(f"momentum must be at least 0 and less than 1, not {beta}")
    return beta


def exact_text(value: Fraction) -> str:
    """Exact text of a rational number: ``"16/5"``, ``"-3"``.

    >>> exact_text(Fraction(16, 5)), exact_text(Fraction(-3))
    ('16/5', '-3')
    """
    if not isinstance(value, (int, Fraction)) and hasattr(value, "decimal_text"):
        return str(value)  # a Surd: a + b·√d
    return str(Fraction(value))


def decimal_text(value: Fraction, significant: int = 6, mark_rounded: bool = False) -> str:
    """Decimal text of ``value``, exact when it terminates within ``significant`` digits.

    Works for numbers far beyond the range of floats. Trailing zeros are dropped, unless
    ``mark_rounded`` is set and the value was rounded: then all ``significant`` digits stay, so
    that a value just short of 1 reads "1.000", never "1", which would claim it is exactly 1.

    >>> decimal_text(Fraction(99999, 100000), 4), decimal_text(Fraction(99999, 100000), 4, mark_rounded=True)
    ('1', '1.000')
    >>> decimal_text(Fraction(5, 2), 4, mark_rounded=True), decimal_text(Fraction(-10**9 - 1), 4, mark_rounded=True)
    ('2.5', '-1.000e+9')

    >>> decimal_text(Fraction(1048576, 1953125))
    '0.536871'
    >>> decimal_text(Fraction(16, 5)), decimal_text(Fraction(-3)), decimal_text(Fraction(1, 3), 3)
    ('3.2', '-3', '0.333')
    >>> decimal_text(Fraction(10) ** 400)
    '1e+400'
    """
    if not isinstance(value, (int, Fraction)) and hasattr(value, "decimal_text"):
        return value.decimal_text(significant)  # a Surd
    value = Fraction(value)
    if value == 0:
        return "0"
    context = decimal.Context(prec=significant, rounding=decimal.ROUND_HALF_EVEN,
                              Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
    quotient = context.divide(decimal.Decimal(value.numerator), decimal.Decimal(value.denominator))
    keep_zeros = mark_rounded and context.flags[decimal.Inexact]
    if -5 <= quotient.adjusted() < significant:
        text = format(quotient, "f")
        if "." in text and not keep_zeros:
            text = text.rstrip("0").rstrip(".")
        return text
    mantissa, _, exponent = format(quotient if keep_zeros else quotient.normalize(context), "e").partition("e")
    return f"{mantissa}e{'+' if not exponent.startswith('-') else ''}{exponent.lstrip('+')}"
