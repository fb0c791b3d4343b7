"""Stationary points classified exactly: the table of the lecture's functions, and the laws behind it."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gdmath import (GDMathError, Polynomial, Stationary, classify_stationary, count_real_roots, parse,
                    quadratic_model, quadratic_stationary_set)

from .strategies import polynomials, quadratics, small_fractions

MIN, MAX, INFLECTION, SADDLE, DEGENERATE, FLAT = (Stationary.MINIMUM, Stationary.MAXIMUM, Stationary.INFLECTION,
                                                  Stationary.SADDLE, Stationary.DEGENERATE, Stationary.FLAT)


# function, point, kind, strict, global, order (1D)
TABLE = [
    ("x^2", "0", MIN, True, True, 2),
    ("x^3", "0", INFLECTION, None, None, 3),
    ("-x^2", "0", MAX, True, True, 2),
    ("x^4", "0", MIN, True, True, 4),
    ("x^4 - 2x^2", "1", MIN, True, True, 2),      # one of two equally low wells
    ("x^4 - 2x^2", "-1", MIN, True, True, 2),
    ("x^4 - 2x^2", "0", MAX, True, False, 2),     # the hump between them; f grows without end
    ("x^3 - 3x", "1", MIN, True, False, 2),          # f → −∞ as x → −∞
    ("x^3 - 3x", "-1", MAX, True, False, 2),
    ("-x^5", "0", INFLECTION, None, None, 5),
    ("(x - 1)^2", "1", MIN, True, True, 2),
    ("3", "0", FLAT, False, True, None),
    ("3", "7/2", FLAT, False, True, None),
    ("x^2 + y^2", "0,0", MIN, True, True, None),
    ("x^2 + 2y^2", "0,0", MIN, True, True, None),
    ("x^2 - y^2", "0,0", SADDLE, None, None, None),
    ("-x^2 - y^2", "0,0", MAX, True, True, None),
    ("(x - 1)^2 + (y + 2)^2", "1,-2", MIN, True, True, None),
    ("x*y", "0,0", SADDLE, None, None, None),
    ("(x - y)^2", "3,3", MIN, False, True, None),  # the whole line y = x is lowest
    ("-x^2 + 0*y", "0,5", MAX, False, True, None),
    ("x^4 + y^4", "0,0", MIN, True, True, None),
    ("x^2 * y^2", "0,0", MIN, False, True, None),  # 0 on both axes
    ("x^2 * y^2", "2,0", MIN, False, True, None),
    ("x^2 + y^4", "0,0", MIN, True, True, None),
    ("x^2 + y^3", "0,0", SADDLE, None, None, None),
    ("x^2 - y^4", "0,0", SADDLE, None, None, None),
    ("x^3 - 3x*y^2", "0,0", SADDLE, None, None, None),  # the monkey saddle
    ("x^4 - y^4", "0,0", SADDLE, None, None, None),
    ("(y - x^2)(y - 2x^2)", "0,0", DEGENERATE, None, None, None),  # rises along every line, still a saddle
    ("x^2 - 2x*y^2 + y^4", "0,0", DEGENERATE, None, None, None),  # (x − y²)²: a minimum the tests cannot prove
    ("x^3 - 3x + y^2", "1,0", MIN, True, False, None),
    ("x^4 - 2x^2 + y^2", "1,0", MIN, True, None, None),  # global in truth; no exact test here proves it
    ("3 + 0*x*y", "1,1", FLAT, False, True, None),
]


@pytest.mark.parametrize("function, point, kind, strict, is_global, order", TABLE,
                         ids=[f"{f} at {p}" for f, p, *_ in TABLE])
def test_the_table_of_cases(function, point, kind, strict, is_global, order):
    f = parse(function)
    if "y" in function and f.dimension == 1:
        f = f.with_variables(("x", "y"))
    coordinates = tuple(Fraction(c) for c in point.split(","))
    found = classify_stationary(f, coordinates)
    assert (found.kind, found.strict, found.is_global, found.order) == (kind, strict, is_global, order)
    assert found.value == f(coordinates) and found.point == coordinates


@pytest.mark.parametrize("function, point", [("x^2", "1"), ("x^3", "-1"), ("x^2 + y^2", "1,0"), ("x + 0*y", "0,0")])
def test_a_point_where_the_gradient_is_not_zero_is_refused(function, point):
    f = parse(function)
    if f.dimension == 1 and "," in point:
        f = f.with_variables(("x", "y"))
    with pytest.raises(GDMathError, match="not a stationary point"):
        classify_stationary(f, tuple(Fraction(c) for c in point.split(",")))


def test_the_kinds_are_named_for_json_and_scripts():
    assert [kind.value for kind in Stationary] == ["minimum", "maximum", "inflection", "saddle", "degenerate", "flat"]
    assert str(Stationary.SADDLE) == "saddle"


@pytest.mark.parametrize("function, point, direction, everywhere", [
    ("x^2 + y^2", (0, 0), None, False),
    ("(x - 1)^2 + 2(y + 3)^2 + x*y", None, None, False),
    ("(x - y)^2 + 2", (0, 0), (1, 1), False),
    ("(x - y + 2)^2", (-1, 1), (1, 1), False),
    ("x^2 + y", None, None, False),
    ("x + y", None, None, False),
    ("5 + 0*x*y", (0, 0), None, True),
    ("x^2 - 4x", (2,), None, False),
    ("3x + 1", None, None, False),
])
def test_stationary_set_of_a_quadratic(function, point, direction, everywhere):
    f = parse(function)
    found = quadratic_stationary_set(f)
    if function.startswith("(x - 1)"):
        point = quadratic_model(f).minimizer()
    assert found.point == (tuple(Fraction(c) for c in point) if point is not None else None)
    assert found.direction == (tuple(Fraction(c) for c in direction) if direction else None)
    assert found.everywhere is everywhere


def test_count_real_roots():
    x = Polynomial.variable("x")
    assert count_real_roots(x) == 1
    assert count_real_roots(x**2 + 1) == 0
    assert count_real_roots((x - 1)**3 * (x + 2)**2 * (x**2 + 3)) == 2
    assert count_real_roots(Polynomial.constant(4)) == 0
    with pytest.raises(GDMathError):
        count_real_roots(Polynomial.constant(0))


# -- laws -----------------------------------------------------------------------------------------
@st.composite
def stationary_1d(draw):
    """f = c + a·(x − r)ⁿ + (x − r)ⁿ⁺¹·q(x): stationary at r with first non-zero derivative of order n."""
    n = draw(st.integers(2, 5))
    a = draw(small_fractions.filter(bool))
    r, c = draw(small_fractions), draw(small_fractions)
    q = draw(polynomials(max_degree=3, dimension=1))
    x = Polynomial.variable("x")
    return c + a * (x - r) ** n + (x - r) ** (n + 1) * q, r, n, a


@given(stationary_1d())
def test_order_and_sign_decide_the_kind(case):
    f, r, n, a = case
    found = classify_stationary(f, r)
    assert found.order == n
    expected = INFLECTION if n % 2 else (MIN if a > 0 else MAX)
    assert found.kind is expected
    assert found.strict is (True if n % 2 == 0 else None)


@settings(max_examples=150)
@given(stationary_1d(), st.lists(small_fractions, min_size=1, max_size=20))
def test_a_global_extremum_is_never_beaten_and_a_local_one_is(case, samples):
    f, r, n, a = case
    assume(n % 2 == 0)
    found = classify_stationary(f, r)
    sign = 1 if found.kind is MIN else -1
    if found.is_global:
        assert all(sign * (f(s) - f(r)) >= 0 for s in samples)
        return
    # Not global: somewhere f beats f(r). Look between and beyond the real roots of f − f(r), found with numpy.
    excess = f - f(r)
    coefficients = [float(excess.terms.get((k,), 0)) for k in range(excess.degree, -1, -1)]
    roots = sorted(z.real for z in np.roots(coefficients) if abs(z.imag) < 1e-9)
    assume(all(b - a > 1e-6 for a, b in zip(roots, roots[1:])))
    candidates = [roots[0] - 1, roots[-1] + 1, *((a + b) / 2 for a, b in zip(roots, roots[1:]))]
    assert any(sign * excess(Fraction(t)) < 0 for t in candidates)


@given(quadratics(dimension=2))
def test_a_quadratic_is_classified_by_its_curvatures(f):
    stationary = quadratic_stationary_set(f)
    assume(not stationary.is_empty)
    assert f.gradient_at(stationary.point) == (0, 0)
    if stationary.direction is not None:  # every point of the line is stationary
        assert f.gradient_at(tuple(p + 3 * d for p, d in zip(stationary.point, stationary.direction))) == (0, 0)
    found = classify_stationary(f, stationary.point)
    low, high = quadratic_model(f).eigenvalues
    if low == high == 0:
        expected = (FLAT, False)
    elif low < 0 < high:
        expected = (SADDLE, None)
    elif low >= 0:
        expected = (MIN, low > 0)
    else:
        expected = (MAX, high < 0)
    assert (found.kind, found.strict) == expected
    assert found.is_global is (True if found.kind in (MIN, MAX, FLAT) else None)


@given(quadratics(dimension=2), st.lists(st.tuples(small_fractions, small_fractions), min_size=1, max_size=10))
def test_a_quadratic_minimum_is_lowest_everywhere(f, samples):
    stationary = quadratic_stationary_set(f)
    assume(not stationary.is_empty)
    found = classify_stationary(f, stationary.point)
    assume(found.kind in (MIN, MAX))
    sign = 1 if found.kind is MIN else -1
    assert all(sign * (f(s) - found.value) >= 0 for s in samples)


@given(st.lists(small_fractions, min_size=1, max_size=5, unique=True), st.fractions(min_value=Fraction(1, 8), max_value=4))
def test_count_real_roots_counts_each_distinct_root_once(roots, shift):
    x = Polynomial.variable("x")
    f = x ** 2 + shift  # no real roots
    for index, root in enumerate(roots):
        f = f * (x - root) ** (1 + index % 3)
    assert count_real_roots(f) == len(roots)
