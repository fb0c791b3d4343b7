from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from gdmath import Surd

fractions = st.fractions(min_value=-20, max_value=20, max_denominator=30)


@given(fractions, fractions, st.integers(0, 50), fractions)
def test_order_agrees_with_high_precision_floats(a, b, d, c):
    surd = Surd(a, b, d)
    value = float(surd)
    if abs(value - float(c)) > 1e-9:
        assert (surd > c) == (value > float(c))


@given(fractions, fractions, st.integers(1, 50))
def test_division_inverts_multiplication(a, b, d):
    surd = Surd(a, b, d)
    if surd != 0:
        assert (surd * surd) / surd == surd


def test_rational_roots_fold_in():
    assert Surd.sqrt(Fraction(9, 4)).is_rational and Surd.sqrt(Fraction(9, 4)) == Fraction(3, 2)
    assert str(Surd(1, -1, 2)) == "1 - √2"


def test_one_form_per_number():
    assert str(Surd(5, Fraction(-1, 2), 72)) == "5 - 3·√2"
    assert Surd.sqrt(18) + Surd(0, Fraction(1, 2), 72) == Surd(0, 6, 2)
    assert str(Surd.sqrt(Fraction(1, 2))) == "1/2·√2"
