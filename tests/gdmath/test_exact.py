from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdmath import ParameterError, as_fraction, as_point, decimal_text, exact_text


@pytest.mark.parametrize("value, expected", [
    (0.1, Fraction(1, 10)), (0.3, Fraction(3, 10)), ("0.75", Fraction(3, 4)), ("-1/3", Fraction(-1, 3)),
    (Decimal("1.05"), Fraction(21, 20)), (7, Fraction(7)), (" 2.5e-1 ", Fraction(1, 4)),
])
def test_reads_numbers_as_written(value, expected):
    assert as_fraction(value) == expected


@pytest.mark.parametrize("value", ["", "1/0", "1e5000", "0x10", "1,5", [1], "inf", "-nan"])
def test_refuses_non_numbers(value):
    with pytest.raises(ParameterError):
        as_fraction(value)


@given(st.floats(allow_nan=False, allow_infinity=False, width=64))
def test_float_reads_as_its_shortest_decimal(value):
    assert as_fraction(value) == Fraction(repr(value))
    assert float(as_fraction(value)) == value


def test_points():
    assert as_point("4,4", 2) == (4, 4)
    assert as_point([Fraction(1, 2), "0.5"], 2) == (Fraction(1, 2), Fraction(1, 2))
    with pytest.raises(ParameterError, match="empty coordinate"):
        as_point("4,", 2)


@pytest.mark.parametrize("value, text", [
    (Fraction(16, 5), "3.2"), (Fraction(-3), "-3"), (Fraction(2, 3), "0.666667"),
    (Fraction(1048576, 1953125), "0.536871"), (Fraction(10) ** 500, "1e+500"), (Fraction(1, 10**9), "1e-9"),
])
def test_decimal_text(value, text):
    assert decimal_text(value) == text


def test_exact_text():
    assert exact_text(Fraction(-16, 5)) == "-16/5"
