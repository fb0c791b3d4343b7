import math
from fractions import Fraction

from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from gdmath import Surd

from . import oracles

fractions = st.fractions(min_value=-20, max_value=20, max_denominator=30)


#: d ≥ 0: small integers, perfect squares (√d rational, folded in), fractions, and large ones.
radicands = st.one_of(st.integers(0, 50), st.integers(0, 40).map(lambda n: n * n),
                      st.fractions(min_value=0, max_value=50, max_denominator=12), st.integers(51, 10**6))


def closeness(r, s, d) -> str:
    """How near r + s·√d is to 0, for event(): the old float test skipped everything within 1e-9."""
    if oracles.sign(r, s, d) == 0:
        return "equal"
    for gap, label in ((Fraction(1, 10**15), "within 1e-15 (floats cannot tell)"), (Fraction(1, 10**9), "within 1e-9")):
        if oracles.sign(r - gap, s, d) < 0 < oracles.sign(r + gap, s, d):
            return label
    return "further apart"


def comparisons(left, right):
    return (left < right, left <= right, left == right, left != right, left >= right, left > right)


def expected(sign):
    return (sign < 0, sign <= 0, sign == 0, sign != 0, sign >= 0, sign > 0)


@settings(max_examples=100, deadline=None)
@given(fractions, fractions, radicands, st.data())
@example(Fraction(0), Fraction(1), 2, None)              # √2 against its convergents, the deepest ~10⁻²³ away
@example(Fraction(1), Fraction(1), 4, None)              # 1 + √4 = 3 exactly
@example(Fraction(5, 2), Fraction(0), 7, None)           # b = 0: exactly 5/2
@example(Fraction(-1, 2), Fraction(1, 2), 5, None)       # 1/φ
def test_order_against_a_rational_is_exact_even_where_floats_cannot_tell(a, b, d, data):
    """a + b√d against c, judged by :func:`oracles.sign` (integers, bracketing √d). c is any fraction, one
    of the number's continued-fraction convergents (alternately below and above it, the deeper ones
    closer than floats can resolve), or the number itself when it is rational."""
    surd = Surd(a, b, d)
    near = oracles.convergents((a, b), d, 30)
    if data is None:  # an @example: every convergent, and the number's floor
        candidates = near + [Fraction(oracles.floor((a, b), d))]
    else:
        kind = data.draw(st.sampled_from(["any", "convergent", "convergent", "nudged"]))
        if kind == "any":
            candidates = [data.draw(fractions)]
        else:  # the deepest convergent is the simplest draw, so Hypothesis shrinks towards it
            candidates = [near[len(near) - 1 - data.draw(st.integers(0, len(near) - 1))]]
            if kind == "nudged":  # a step of 1/q² or less away, to either side
                q = candidates[0].denominator
                candidates = [candidates[0] + Fraction(data.draw(st.sampled_from([-1, 1])), q * q * data.draw(
                    st.integers(1, 1000)))]
    top, bottom = Fraction(d).numerator, Fraction(d).denominator
    root = math.isqrt(top * bottom)
    if b == 0 or root * root == top * bottom:  # rational: √d = √(top·bottom)/bottom
        candidates.append(a + b * Fraction(root, bottom))  # the number itself
    for c in candidates:
        sign = oracles.sign(a - c, b, d)
        event(closeness(a - c, b, d))
        assert comparisons(surd, c) == expected(sign), (surd, c)
        assert comparisons(c, surd) == expected(-sign), (c, surd)
        assert surd.sign() == oracles.sign(a, b, d)


@settings(max_examples=80, deadline=None)
@given(fractions, fractions, st.integers(2, 200), fractions, st.data())
@example(Fraction(1), Fraction(1), 8, Fraction(0), None)   # 1 + √8 = 1 + 2√2: one number, two forms
def test_order_between_surds_is_exact(a, b, d, g, data):
    """a + b√d against a' + b'√d where a' − a ≈ g√d: e is a convergent of −g√d, so the two differ
    by less than 1/q², or not at all (g = 0, or the same number written with √(k²d))."""
    left = Surd(a, b, d)
    if data is None:
        right, sign = Surd(a, b / 2, 4 * d), 0
    else:
        near = oracles.convergents((Fraction(0), -g), d, 30)
        e = near[len(near) - 1 - data.draw(st.integers(0, len(near) - 1))] if g else Fraction(0)
        right = Surd(a + e, b + g, d)
        sign = oracles.sign(-e, -g, d)  # left − right = −e − g√d
        k = data.draw(st.integers(1, 5))
        also = Surd(a, b / k, d * k * k)  # the same number as left
        assert comparisons(left, also) == expected(0)
        event(closeness(-e, -g, d))
    assert comparisons(left, right) == expected(sign), (left, right)
    assert comparisons(right, left) == expected(-sign)


def test_the_oracle_agrees_with_eighty_digit_decimals_where_they_can_tell():
    import decimal
    import random

    context = decimal.Context(prec=80)
    chance = random.Random(14)
    for _ in range(2000):
        r, s = (Fraction(chance.randint(-10**6, 10**6), chance.randint(1, 10**3)) for _ in range(2))
        D = Fraction(chance.randint(0, 10**4), chance.randint(1, 30))
        value = context.add(context.divide(r.numerator, r.denominator),
                            context.multiply(context.divide(s.numerator, s.denominator),
                                             context.sqrt(context.divide(D.numerator, D.denominator))))
        if abs(value) > decimal.Decimal("1e-60"):
            assert oracles.sign(r, s, D) == (1 if value > 0 else -1)
    assert [oracles.sign(3, -1, 9), oracles.sign(-2, 1, 4), oracles.sign(0, 0, 0), oracles.sign(0, 5, 0)] == [0] * 4
    assert oracles.convergents((Fraction(0), Fraction(1)), 2, 6) == [1, Fraction(3, 2), Fraction(7, 5),
                                                                    Fraction(17, 12), Fraction(41, 29),
                                                                    Fraction(99, 70)]


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


def eighty_digits(a: Fraction, b: Fraction, d: Fraction):
    import decimal

    context = decimal.Context(prec=80)
    return context.add(context.divide(a.numerator, a.denominator),
                       context.multiply(context.divide(b.numerator, b.denominator),
                                        context.sqrt(context.divide(d.numerator, d.denominator))))


@settings(max_examples=200, deadline=None)
@given(st.integers(-10**30, 10**30), st.integers(1, 10**6), st.integers(2, 10**4), st.integers(-3, 3))
@example(10**20, 1, 10**40 - 1, 0)
def test_float_and_decimals_keep_their_digits_where_a_and_b_root_d_nearly_cancel(n, q, d, nudge):
    # a ≈ −b·√d to many digits: a is √d's own convergent (n/q·√d rounded), nudged.
    b = Fraction(n, q)
    a = -Fraction(math.isqrt(int(d * b * b * 10**20)), 10**10) * (1 if b > 0 else -1) + Fraction(nudge, 10**9)
    surd = Surd(a, b, d)
    reference = eighty_digits(surd.a, surd.b, surd.d)
    if surd.is_rational or reference == 0:
        return
    assert math.isclose(float(surd), float(reference), rel_tol=1e-15), (surd, float(surd), reference)
    assert surd.decimal_text(6) == f"{reference:.6g}".replace("e-0", "e-") or \
        math.isclose(float(surd.decimal_text(6)), float(f"{reference:.6g}"), rel_tol=1e-6)


def test_a_heavy_ball_run_at_the_irrational_pair_keeps_every_digit():
    # Sixty steps at α* (a surd) and β = 9/10 grow a and b of each coordinate far past 2⁵³ while
    # a + b·√10 stays near 1: summed as floats they read −64, 16384, 0 ... (as the scene once drew).
    from gdmath import descend, parse, quadratic_model

    bowl = parse("x^2 + 10y^2")
    run = descend(bowl, (4, 1), quadratic_model(bowl).momentum_best_step, 60, momentum="0.9")
    for point in run.points:
        for c in point:
            reference = eighty_digits(c.a, c.b, c.d) if isinstance(c, Surd) else c
            assert math.isclose(float(c), float(reference), rel_tol=1e-12, abs_tol=1e-300), (c, reference)
            assert abs(float(c)) < 5
