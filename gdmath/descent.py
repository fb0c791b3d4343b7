"""Gradient descent θ_{k+1} = θ_k − α∇f(θ_k) + β(θ_k − θ_{k−1}), iterated exactly, and its closed form on quadratics.

β = 0 (the default) is plain gradient descent; β > 0 is Polyak's heavy ball, with θ_{−1} = θ_0 so
that its first step is a plain gradient step.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from fractions import Fraction

from .analysis import Regime, classify, quadratic_model
from .errors import GDMathError, ParameterError
from .exact import _exact, as_fraction, as_momentum, as_point
from .parse import parse
from .polynomial import Polynomial

__all__ = ["Iterate", "Run", "Trend", "descend", "closed_form", "as_learning_rate", "as_steps", "MAX_STEPS", "EXACT_BITS",
           "steps_to_shrink", "squared_errors"]

#: Most steps one run may take.
MAX_STEPS = 1000
#: Past this many bits in a coordinate, iterates are rounded to floats (and the run says so).
EXACT_BITS = 8192

Point = tuple[Fraction, ...]


#: Settling means |∇f| fell to at most this fraction of its size at the start.
SETTLED_GRADIENT = Fraction(1, 10)
#: A trend must hold over each of the run's last this many steps (or all of them, if fewer).
TREND_STEPS = 3


class Trend(str, enum.Enum):
    """What the iterates of any run do within the steps taken, read from the run itself.

    A quadratic's :class:`Regime` says what the run does forever; a trend says only what the
    steps shown do, so it is what can be said of a run on any polynomial. "Still" and "keeps"
    are judged over the last :data:`TREND_STEPS` steps.
    """

    STATIONARY = "stationary"  #: the gradient at the start is zero: the point never moves
    SETTLING = "settling"      #: |∇f| fell to a tenth of its start or less and is still falling: nearing a stationary point
    DOWNHILL = "downhill"      #: the loss keeps falling while the steps do not shrink: no bottom in sight
    BLOWING_UP = "blowing-up"  #: the loss and the steps both keep growing
    UNSETTLED = "unsettled"    #: none of these within the steps taken

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Iterate:
    """One point of a run: θ_k, f(θ_k) and ∇f(θ_k), all exact Fractions."""

    k: int
    point: Point
    value: Fraction
    gradient: Point


@dataclass(frozen=True)
class Run:
    """A whole run of gradient descent.

    ``approximated_from`` is the first k whose point was rounded to the nearest float because
    exact numbers grew past :data:`EXACT_BITS`; None when every number is exact.
    ``stopped_at`` is set when the iterates outgrew even floats and the run ended early.
    ``momentum`` is β (0: plain descent). With an irrational α or β (a :class:`~gdmath.surd.Surd`,
    such as the heavy ball's best pair) every number is a Surd in the same root, still exact;
    ``regime`` is then None when deciding it would take two different roots.
    """

    objective: Polynomial
    learning_rate: Fraction
    steps: int
    iterates: tuple[Iterate, ...]
    regime: Regime | None
    approximated_from: int | None = None
    stopped_at: int | None = None
    momentum: Fraction = Fraction(0)

    @property
    def exact(self) -> bool:
        """True when no number in the run was approximated."""
        return self.approximated_from is None

    @property
    def points(self) -> tuple[Point, ...]:
        return tuple(iterate.point for iterate in self.iterates)

    @property
    def values(self) -> tuple[Fraction, ...]:
        return tuple(iterate.value for iterate in self.iterates)

    @property
    def final(self) -> Iterate:
        return self.iterates[-1]

    @property
    def trend(self) -> Trend:
        """What the steps taken do (see :class:`Trend`), decided exactly over the last steps.

        >>> [descend(f, 2, "0.1", 10).trend.value for f in ("x^4 - 2x^2", "x^3", "-x^2", "3")]
        ['settling', 'settling', 'downhill', 'stationary']
        >>> descend("x^3", -1, "0.1", 10).trend.value, descend("x^2", 5, "1", 4).trend.value
        ('downhill', 'unsettled')
        >>> descend("x^2", 5, "1.05", 10).trend.value
        'blowing-up'
        """
        norms = [sum(g * g for g in iterate.gradient) for iterate in self.iterates]
        if norms[0] == 0:
            return Trend.STATIONARY
        last = range(max(0, len(self.iterates) - 1 - TREND_STEPS), len(self.iterates) - 1)
        steps = [sum((b - a) ** 2 for a, b in zip(self.points[k], self.points[k + 1]))
                 for k in range(len(self.iterates) - 1)]
        values = self.values
        if norms[-1] <= SETTLED_GRADIENT ** 2 * norms[0] and all(norms[k + 1] <= norms[k] for k in last):
            return Trend.SETTLING
        if all(values[k + 1] < values[k] for k in last) and all(steps[k] <= steps[k + 1] for k in list(last)[:-1]):
            return Trend.DOWNHILL
        if all(values[k + 1] > values[k] for k in last) and all(steps[k] < steps[k + 1] for k in list(last)[:-1]):
            return Trend.BLOWING_UP
        return Trend.UNSETTLED

    @property
    def notes(self) -> tuple[str, ...]:
        """Plain sentences about anything a reader must know (approximation, early stop)."""
        notes = []
        if self.approximated_from is not None:
            notes.append(f"from step {self.approximated_from} the exact numbers grew past "
                         f"{EXACT_BITS} bits, so points are rounded to the nearest float")
        if self.stopped_at is not None:
            notes.append(f"stopped after step {self.stopped_at}: the next iterate is beyond the range of floats (about 1e308)")
        return tuple(notes)


def as_steps(steps) -> int:
    """A step count: a whole number from 0 to :data:`MAX_STEPS`.

    >>> as_steps(10), as_steps("3")
    (10, 3)
    """
    if isinstance(steps, bool) or not isinstance(steps, int):
        try:
            value = as_fraction(steps, "steps")
        except ParameterError:
            raise ParameterError(f"steps must be a whole number, not {steps!r}") from None
        if value.denominator != 1:
            raise ParameterError(f"steps must be a whole number, not {steps!r}")
        steps = int(value)
    if steps < 0:
        raise ParameterError(f"steps must be 0 or more, not {steps}")
    if steps > MAX_STEPS:
        raise ParameterError(f"steps must be at most {MAX_STEPS}, not {steps}")
    return steps


def as_learning_rate(value) -> Fraction:
    """A learning rate: exact, finite and greater than 0.

    >>> as_learning_rate("0.1")
    Fraction(1, 10)
    """
    alpha = _exact(value, "learning rate")
    if alpha <= 0:
        raise ParameterError(f"learning rate must be greater than 0, not {alpha}")
    return alpha


def _objective(objective) -> Polynomial:
    if isinstance(objective, Polynomial):
        return objective
    if isinstance(objective, str):
        return parse(objective)
    raise GDMathError(f"function must be a Polynomial or text, not {type(objective).__name__}")


def _bits(number) -> int:
    if isinstance(number, Fraction):
        return max(number.numerator.bit_length(), number.denominator.bit_length())
    return max(_bits(number.a), _bits(number.b))  # a Surd a + b·√d


def _too_big(iterate: Iterate) -> bool:
    return any(_bits(c) > EXACT_BITS for c in (*iterate.point, iterate.value, *iterate.gradient))


def _rounded(numbers: Point) -> Point:
    """The nearest floats, kept as Fractions; OverflowError past the range of floats."""
    return tuple(Fraction(float(c)) for c in numbers)


def descend(objective, start, learning_rate, steps=10, momentum=0) -> Run:
    """Run gradient descent for ``steps`` steps and return every iterate, exactly.

    ``objective`` is a :class:`~gdmath.polynomial.Polynomial` or its text; ``start`` a number
    (one variable), a pair, or text such as ``"4,4"``; ``learning_rate`` and ``momentum`` an int,
    Fraction, decimal text or float meaning the decimal written (or a Surd, see :class:`Run`).
    With ``momentum`` β > 0 it is the heavy ball θ_{k+1} = θ_k − α∇f(θ_k) + β(θ_k − θ_{k−1}).

    >>> run = descend("x**2", start=5, learning_rate=0.1, steps=10)
    >>> run.final.point
    (Fraction(1048576, 1953125),)
    >>> [str(it.point[0]) for it in run.iterates[:3]], run.regime.value
    (['5', '4', '16/5'], 'monotone')
    >>> descend("x**2 + y**2", "4,4", "0.1", 1).final.point
    (Fraction(16, 5), Fraction(16, 5))
    >>> [str(p[0]) for p in descend("x^2", 5, "0.1", 3, momentum="0.5").points]
    ['5', '4', '27/10', '151/100']
    """
    objective = _objective(objective)
    alpha = as_learning_rate(learning_rate)
    beta = as_momentum(momentum)
    steps = as_steps(steps)
    point = as_point(start, objective.dimension)
    gradient_polynomials = objective.gradient()

    def iterate_at(k: int, point: Point, rounded: bool) -> Iterate:
        if rounded:
            point = _rounded(point)
        gradient = tuple(g._evaluate(point) for g in gradient_polynomials)
        iterate = Iterate(k, point, objective._evaluate(point), gradient)
        if rounded:
            iterate = Iterate(k, point, *_rounded((iterate.value,)), _rounded(gradient))
        return iterate

    iterates: list[Iterate] = []
    approximated_from = stopped_at = None
    for k in range(steps + 1):
        if k:
            previous = iterates[-1]
            point = tuple(c - alpha * g for c, g in zip(previous.point, previous.gradient))
            if beta and k > 1:  # θ_{−1} = θ_0: the first step carries no velocity
                point = tuple(p + beta * (c - b) for p, c, b in zip(point, previous.point, iterates[-2].point))
        try:
            if approximated_from is not None:
                iterate = iterate_at(k, point, rounded=True)
            else:
                iterate = iterate_at(k, point, rounded=False)
                if _too_big(iterate):
                    iterate = iterate_at(k, point, rounded=True)
                    approximated_from = k
        except OverflowError:
            if k == 0:
                raise ParameterError("start is too large: f or its gradient there exceeds the range of floats") from None
            stopped_at = k - 1
            break
        iterates.append(iterate)
    try:
        regime = classify(objective, alpha, iterates[0].point, beta)
    except ValueError:  # α, β in one root and the curvatures in another: not decided here
        regime = None
    return Run(objective, alpha, steps, tuple(iterates), regime, approximated_from, stopped_at, beta)


def closed_form(objective, start, learning_rate, k: int, momentum=0) -> Point:
    """θ_k without iterating, for a quadratic: θ* + (I − αH)^k (θ_0 − θ*).

    Where H is singular (no unique minimum) it uses θ_0 − α Σ_{j<k} (I − αH)^j ∇f(θ_0).
    With momentum β > 0 it is the k-th power of the heavy ball's affine map on (θ_k, θ_{k−1}, 1),
    applied to (θ_1, θ_0, 1), θ_1 being a plain step.

    >>> closed_form("x**2", 5, "0.1", 10)
    (Fraction(1048576, 1953125),)
    >>> closed_form("x**2 + y**2", (4, 4), "0.1", 2)
    (Fraction(64, 25), Fraction(64, 25))
    >>> closed_form("x**2", 5, "0.1", 3, momentum="0.5")
    (Fraction(151, 100),)
    """
    objective = _objective(objective)
    model = quadratic_model(objective)
    alpha = as_learning_rate(learning_rate)
    beta = as_momentum(momentum)
    k = as_steps(k)
    start = as_point(start, objective.dimension)
    n = objective.dimension
    if beta:
        return _heavy_ball_closed_form(model, start, alpha, beta, k)
    step_matrix = tuple(tuple((1 if i == j else 0) - alpha * model.hessian[i][j] for j in range(n))
                        for i in range(n))
    minimizer = model.minimizer()
    if minimizer is not None:
        offset = tuple(s - m for s, m in zip(start, minimizer))
        moved = _apply(_power(step_matrix, k), offset)
        return tuple(m + o for m, o in zip(minimizer, moved))
    gradient = objective.gradient_at(start)
    total = (Fraction(0),) * n
    term = gradient
    for _ in range(k):
        total = tuple(t + g for t, g in zip(total, term))
        term = _apply(step_matrix, term)
    return tuple(s - alpha * t for s, t in zip(start, total))


def _heavy_ball_closed_form(model, start: Point, alpha, beta, k: int) -> Point:
    # θ₊ = ((1 + β)I − αH)θ − βθ₋ − αb, as one (2n + 1)-square matrix on (θ, θ₋, 1).
    n, H, b = model.dimension, model.hessian, model.linear
    size = 2 * n + 1
    rows = [[Fraction(0)] * size for _ in range(size)]
    for i in range(n):
        for j in range(n):
            rows[i][j] = (1 + beta if i == j else 0) - alpha * H[i][j]
        rows[i][n + i] = -beta
        rows[i][2 * n] = -alpha * b[i]
        rows[n + i][i] = Fraction(1)
    rows[2 * n][2 * n] = Fraction(1)
    if k == 0:
        return start
    gradient = model.objective.gradient_at(start)
    first = tuple(s - alpha * g for s, g in zip(start, gradient))
    state = _apply(_power(tuple(map(tuple, rows)), k - 1), (*first, *start, Fraction(1)))
    return tuple(state[:n])


def _multiply(a, b):
    n = len(a)
    return tuple(tuple(sum((a[i][m] * b[m][j] for m in range(n)), Fraction(0)) for j in range(n))
                 for i in range(n))


def _power(matrix, exponent: int):
    n = len(matrix)
    result = tuple(tuple(Fraction(1 if i == j else 0) for j in range(n)) for i in range(n))
    while exponent:
        if exponent & 1:
            result = _multiply(result, matrix)
        matrix = _multiply(matrix, matrix)
        exponent >>= 1
    return result


def _apply(matrix, vector):
    return tuple(sum((row[j] * vector[j] for j in range(len(vector))), Fraction(0)) for row in matrix)


def squared_errors(run: Run) -> tuple:
    """‖θ_k − θ*‖² for each iterate of a run on a bowl-shaped quadratic, exact (Fractions or Surds).

    >>> [str(e) for e in squared_errors(descend("x^2 + 10y^2", (1, 1), "1/11", 2))]
    ['2', '162/121', '13122/14641']
    """
    model = quadratic_model(run.objective)
    minimizer = model.minimizer()
    if minimizer is None:
        raise GDMathError(f"{run.objective} has no unique minimum to measure the error from")
    return tuple(sum((c - m) ** 2 for c, m in zip(point, minimizer)) for point in run.points)


def steps_to_shrink(run: Run, by=1000) -> int | None:
    """The first k with ‖θ_k − θ*‖ ≤ ‖θ_0 − θ*‖/``by``, decided exactly; None if the run is too short.

    On x² + 10y² from (1, 1), the best plain step 1/11 shrinks the error by exactly 9/11 per step:
    (9/11)^k ≤ 1/1000 first at k = 35.

    >>> steps_to_shrink(descend("x^2 + 10y^2", (1, 1), "1/11", 40))
    35
    """
    by = as_fraction(by, "shrink factor")
    if by < 1:
        raise ParameterError(f"the shrink factor must be at least 1, not {by}")
    errors = squared_errors(run)
    return next((k for k, error in enumerate(errors) if error * by * by <= errors[0]), None)
