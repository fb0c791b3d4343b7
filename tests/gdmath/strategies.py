"""Hypothesis strategies shared by the gdmath tests."""

from fractions import Fraction

from hypothesis import strategies as st

from gdmath import Polynomial

small_fractions = st.fractions(min_value=-8, max_value=8, max_denominator=12)
positive_rates = st.fractions(min_value=Fraction(1, 20), max_value=3, max_denominator=20)


@st.composite
def polynomials(draw, max_degree=3, dimension=None):
    """Any polynomial in x or in x, y with small rational coefficients."""
    dimension = dimension or draw(st.sampled_from([1, 2]))
    variables = ("x", "y")[:dimension]
    exponents = st.tuples(*[st.integers(0, max_degree)] * dimension).filter(lambda e: sum(e) <= max_degree)
    terms = draw(st.dictionaries(exponents, small_fractions, max_size=6))
    return Polynomial(terms, variables)


@st.composite
def quadratics(draw, dimension=None, bowl=False):
    """Quadratics; with ``bowl=True`` only positive-definite ones (a unique minimum)."""
    dimension = dimension or draw(st.sampled_from([1, 2]))
    if dimension == 1:
        a = draw(st.fractions(min_value=Fraction(1, 8), max_value=8, max_denominator=8)) if bowl \
            else draw(small_fractions)
        terms = {(2,): a, (1,): draw(small_fractions), (0,): draw(small_fractions)}
        return Polynomial(terms, ("x",))
    a = draw(st.fractions(min_value=Fraction(1, 8), max_value=8, max_denominator=8)) if bowl else draw(small_fractions)
    c = draw(st.fractions(min_value=Fraction(1, 8), max_value=8, max_denominator=8)) if bowl else draw(small_fractions)
    b = draw(small_fractions)
    if bowl and b * b >= 4 * a * c:  # keep 4ac - b² > 0
        b = Fraction(0)
    terms = {(2, 0): a, (1, 1): b, (0, 2): c, (1, 0): draw(small_fractions), (0, 1): draw(small_fractions),
             (0, 0): draw(small_fractions)}
    return Polynomial(terms, ("x", "y"))


def points(dimension):
    return st.tuples(*[small_fractions] * dimension)
