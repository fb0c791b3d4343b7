"""Hypothesis strategies shared by the gdmath tests."""

import math
from fractions import Fraction

from hypothesis import assume
from hypothesis import strategies as st

from gdmath import Polynomial

from . import oracles

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


# -- runs that reach every regime on purpose -------------------------------------------------------
# A regime test is parametrised by a band of BANDS and draws a bowl (its shape and a start) and w:
# α = BANDS[band](w)/λ, λ the bowl's reference curvature. Each band gets its own examples, so every
# regime is reached every run, not when Hypothesis happens to pick t = 1 or t = 2.
# Strategies are built once, here, and draw fractions with fractions_between: drawing costs more than
# the runs it makes.


def fractions_between(low, high, max_denominator):
    """Fractions n/d in [low, high] with d ≤ max_denominator: st.fractions' values, at a third of its cost."""
    low, high = Fraction(low), Fraction(high)
    denominators = [d for d in range(1, max_denominator + 1) if math.ceil(low * d) <= math.floor(high * d)]
    return st.sampled_from(denominators).flatmap(
        lambda d: st.integers(math.ceil(low * d), math.floor(high * d)).map(lambda n: Fraction(n, d)))


#: t = BANDS[band](w), for w in (0, 1), puts α = t/λ in a band the thresholds 1/λ and 2/λ cut out,
#: exactly on one, or a hair (at most 10⁻⁶·t) to one side. Along λ's direction t < 1 creeps, t = 1 lands
#: in one step, 1 < t < 2 oscillates, t = 2 cycles, t > 2 diverges.
BANDS = {
    "below 1/λ": lambda w: w,
    "just below 1/λ": lambda w: 1 - w / 10**6,
    "at 1/λ": lambda w: Fraction(1),
    "just above 1/λ": lambda w: 1 + w / 10**6,
    "between": lambda w: 1 + w,
    "just below 2/λ": lambda w: 2 - w / 10**6,
    "at 2/λ": lambda w: Fraction(2),
    "just above 2/λ": lambda w: 2 + w / 10**6,
    "above 2/λ": lambda w: 2 + w,
}
#: w for :data:`BANDS`.
within = fractions_between(Fraction(1, 100), Fraction(99, 100), 100)
#: Any t, for strategies that are not parametrised by band.
multiples = st.builds(lambda band, w: BANDS[band](w), st.sampled_from(list(BANDS)), within)

#: Curvatures (Hessian eigenvalues) of the bowls below.
curvatures = fractions_between(Fraction(1, 8), 8, 8)
#: Coordinates, minimisers and constants: small_fractions, drawn faster.
coordinates = fractions_between(-8, 8, 12)
#: Offsets from the minimum: zero (a stationary start) about one time in eight, not as often as Hypothesis likes 0.
_offsets = st.builds(lambda pick, offset: Fraction(0) if pick == 7 else offset,
                     st.integers(0, 7), coordinates.filter(bool))
_nonzero = coordinates.filter(bool)

#: Rational rotations (c, s), c² + s² = 1, from Pythagorean triples: eigenvectors with rational entries.
ROTATIONS = [(Fraction(1), Fraction(0)), (Fraction(0), Fraction(1)), (Fraction(3, 5), Fraction(4, 5)),
             (Fraction(4, 5), Fraction(-3, 5)), (Fraction(5, 13), Fraction(12, 13)),
             (Fraction(-8, 17), Fraction(15, 17)), (Fraction(7, 25), Fraction(24, 25))]
_rotations = st.sampled_from(ROTATIONS)
_stiffer_by = st.one_of(st.just(Fraction(0)), curvatures, curvatures)  # a third of the bowls are round
_present = st.sampled_from(["both", "both", "both", "flat", "stiff", "both", "none"])
_reference = st.sampled_from(["stiff", "stiff", "flat"])
_tilts = st.builds(lambda side, size: side * size, st.sampled_from([-1, 1]),
                   fractions_between(Fraction(1, 10), Fraction(9, 10), 10))
#: How deep a continued-fraction convergent to take: the deeper, the nearer.
depths = st.integers(1, 39)


def _bowl(hessian, minimizer, constant) -> Polynomial:
    """½(θ − θ*)ᵀH(θ − θ*) + constant, as a polynomial."""
    if len(minimizer) == 1:
        (h,), = hessian
        (m,) = minimizer
        return Polynomial({(2,): h / 2, (1,): -h * m, (0,): h * m * m / 2 + constant}, ("x",))
    (p, q), (_, r) = hessian
    m1, m2 = minimizer
    return Polynomial({(2, 0): p / 2, (1, 1): q, (0, 2): r / 2,
                       (1, 0): -(p * m1 + q * m2), (0, 1): -(q * m1 + r * m2),
                       (0, 0): (p * m1 * m1 + 2 * q * m1 * m2 + r * m2 * m2) / 2 + constant}, ("x", "y"))


@st.composite
def parabolas(draw):
    """(f, start, L): a parabola with curvature L and a start, on its minimum one time in eight."""
    curvature = draw(curvatures)
    minimum = draw(coordinates)
    return _bowl(((curvature,),), (minimum,), draw(coordinates)), (minimum + draw(_offsets),), curvature


@st.composite
def rotated_bowls(draw):
    """(f, start, (μ, L), λ) with H = R·diag(μ, L)·Rᵀ, R a rational rotation: rational eigenvalues, so
    α = t/λ lands exactly on 1/λ and 2/λ. λ is L two times in three, else μ. The start is θ* plus chosen
    amounts along the flat and the stiff eigenvector, so a direction can be absent (and then its
    thresholds do not count)."""
    c, s = draw(_rotations)
    flat = draw(curvatures)
    stiff = flat + draw(_stiffer_by)
    hessian = ((flat * c * c + stiff * s * s, (flat - stiff) * c * s),
               ((flat - stiff) * c * s, flat * s * s + stiff * c * c))
    minimizer = (draw(coordinates), draw(coordinates))
    f = _bowl(hessian, minimizer, draw(coordinates))
    present = draw(_present)
    along_flat = draw(_nonzero) if present in ("both", "flat") else 0
    along_stiff = draw(_nonzero) if present in ("both", "stiff") else 0
    start = (minimizer[0] + along_flat * c - along_stiff * s, minimizer[1] + along_flat * s + along_stiff * c)
    return f, start, (flat, stiff), stiff if draw(_reference) == "stiff" else flat


@st.composite
def tilted_bowls(draw):
    """(f, start, (p + r, det, D)): a bowl H = [[p, q], [q, r]] whose eigenvalues (p + r ± √D)/2 are
    irrational, so 1/L and 2/L are surds; see :func:`near_threshold` for learning rates."""
    p, r = draw(curvatures), draw(curvatures)
    q = min(p, r) * draw(_tilts)  # q² < p·r: a bowl
    D = (p - r) ** 2 + 4 * q * q
    n, m = D.numerator, D.denominator
    assume(math.isqrt(n * m) ** 2 != n * m)  # √D irrational
    minimizer = (draw(coordinates), draw(coordinates))
    f = _bowl(((p, q), (q, r)), minimizer, draw(coordinates))
    start = (minimizer[0] + draw(_offsets), minimizer[1] + draw(_offsets))
    return f, start, (p + r, p * r - q * q, D)


def near_threshold(band: str, w: Fraction, depth: int, trace, determinant, D) -> Fraction:
    """A rational α for ``band`` on a bowl with L = (trace + √D)/2.

    On a threshold t/L (t = 1, 2), which is irrational, α is its continued-fraction convergent number
    ``depth``: convergents fall on alternate sides, the deeper ones within 10⁻²⁰ of t/L, where floats
    cannot tell the sides apart. Elsewhere α is t/L as a float, well inside its band.
    """
    t = BANDS[band](w)
    # t/L = 2t/(trace + √D) = t(trace − √D)/(2·det)
    if band in ("at 1/λ", "at 2/λ"):
        near = oracles.convergents((t * trace / (2 * determinant), -t / (2 * determinant)), D, depth + 1)
        return near[-1]
    return Fraction(float(t * trace / (2 * determinant)) - float(t / (2 * determinant)) * math.sqrt(D))


# -- runs whose exact numbers outgrow EXACT_BITS ------------------------------------------------------
_kinds = st.sampled_from(["quartic", "quartic", "plane quartic", "parabola", "runaway"])
_starts = st.fractions(min_value=-2, max_value=2, max_denominator=9)
_rates = st.fractions(min_value=Fraction(1, 100), max_value=Fraction(1, 20), max_denominator=100)
_leading = st.fractions(min_value=Fraction(1, 4), max_value=2, max_denominator=4)
_past_the_edge = st.fractions(min_value=Fraction(1, 9), max_value=Fraction(1, 2), max_denominator=9)
_sides = st.sampled_from([-1, 1])


@st.composite
def growing_runs(draw):
    """(f, start, α, steps) whose exact numbers pass EXACT_BITS within the steps taken, most of the time:
    quartics (each step about triples the bits), parabolas with a learning rate of about 1000 bits,
    and x⁴ from far out, which is rounded and then leaves the range of floats."""
    kind = draw(_kinds)
    if kind == "quartic":
        f = Polynomial({(4,): draw(_leading), (3,): draw(small_fractions) / 4, (2,): draw(small_fractions) / 4,
                        (1,): draw(small_fractions)}, ("x",))
        return f, (draw(_starts),), draw(_rates), draw(st.integers(8, 14))
    if kind == "plane quartic":
        f = Polynomial({(4, 0): 1, (0, 4): 1, (1, 1): draw(small_fractions) / 4, (1, 0): draw(small_fractions),
                        (0, 1): draw(small_fractions)}, ("x", "y"))
        return f, (draw(_starts), draw(_starts)), draw(_rates), draw(st.integers(7, 10))
    if kind == "runaway":  # x⁴ from just past ±1/√(2α), where x − 4αx³ = −x: rounded, then past the floats
        alpha = draw(_rates)
        edge = Fraction(round(9 / math.sqrt(2 * alpha)), 9)
        return Polynomial({(4,): 1}, ("x",)), (draw(_sides) * (edge + draw(_past_the_edge)),), alpha, 30
    curvature = draw(curvatures)
    f = _bowl(((curvature,),), (draw(small_fractions),), 0)
    alpha = draw(multiples) / curvature + Fraction(1, 3 * 2 ** draw(st.integers(900, 1100)))
    return f, (draw(small_fractions),), alpha, draw(st.integers(6, 12))
