"""What a learning rate does on a quadratic, decided exactly: eigenvalues, thresholds, regime."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from fractions import Fraction

from .errors import GDMathError
from .exact import _exact, as_momentum, as_point
from .polynomial import Polynomial
from .surd import RootSum, Surd, quotient_by_root

__all__ = ["Regime", "Roots", "Direction", "QuadraticModel", "quadratic_model", "classify", "heavy_ball_direction"]

Matrix = tuple[tuple[Fraction, ...], ...]
Vector = tuple[Fraction, ...]


class Regime(str, enum.Enum):
    """How gradient descent behaves on a quadratic, from its start.

    The value is the name used in JSON and on screen.
    """

    MONOTONE = "monotone"        #: creeps to the minimum without crossing it
    ONE_STEP = "one-step"        #: lands on the minimum in one step
    OSCILLATING = "oscillating"  #: crosses the minimum back and forth, converging
    CYCLE = "cycle"              #: bounces between points forever
    DIVERGING = "diverging"      #: moves ever further away
    STATIONARY = "stationary"    #: starts where the gradient is zero, so never moves

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class QuadraticModel:
    r"""A quadratic written as :math:`f(\theta) = \tfrac12 \theta^T H \theta + b^T \theta + c`.

    >>> from gdmath.polynomial import x, y
    >>> model = quadratic_model(x**2 + 10*y**2)
    >>> model.eigenvalues
    (Surd('2'), Surd('20'))
    >>> model.stability_limit, model.best_step, model.fastest_monotone
    (Surd('1/10'), Surd('1/11'), Surd('1/20'))
    >>> model.condition_number
    Surd('10')
    """

    objective: Polynomial
    hessian: Matrix
    linear: Vector
    constant: Fraction

    @property
    def dimension(self) -> int:
        return len(self.linear)

    @property
    def eigenvalues(self) -> tuple[Surd, ...]:
        """Eigenvalues of the Hessian, smallest first, exact."""
        if self.dimension == 1:
            return (Surd(self.hessian[0][0]),)
        (p, q), (_, r) = self.hessian
        trace, spread = p + r, (p - r) ** 2 + 4 * q * q
        root = Surd.sqrt(spread)
        return ((trace - root) / 2, (trace + root) / 2)

    @property
    def smallest_curvature(self) -> Surd:
        """μ, the smallest Hessian eigenvalue."""
        return self.eigenvalues[0]

    @property
    def largest_curvature(self) -> Surd:
        """L, the largest Hessian eigenvalue."""
        return self.eigenvalues[-1]

    @property
    def is_positive_definite(self) -> bool:
        """True when there is exactly one minimum and descent can reach it."""
        return self.smallest_curvature > 0

    def _needs_bowl(self, what: str) -> None:
        if not self.is_positive_definite:
            raise GDMathError(f"{what} needs a bowl-shaped quadratic (all curvatures > 0); "
                              f"{self.objective} has curvatures {', '.join(map(str, self.eigenvalues))}")

    @property
    def stability_limit(self) -> Surd:
        """2/L: descent converges from every start exactly when α < 2/L."""
        self._needs_bowl("the stability limit 2/L")
        return 2 / self.largest_curvature

    @property
    def fastest_monotone(self) -> Surd:
        """1/L: the largest α for which no coordinate overshoots the minimum."""
        self._needs_bowl("1/L")
        return 1 / self.largest_curvature

    @property
    def best_step(self) -> Surd:
        """2/(μ+L): the fixed step with the smallest worst-case factor (L−μ)/(L+μ)."""
        self._needs_bowl("the best step 2/(μ+L)")
        return 2 / (self.smallest_curvature + self.largest_curvature)

    @property
    def condition_number(self) -> Surd:
        """L/μ: how much faster the steepest direction curves than the flattest."""
        self._needs_bowl("the condition number L/μ")
        return self.largest_curvature / self.smallest_curvature

    def factors(self, learning_rate) -> tuple[Surd, ...]:
        """|1 − αλ| for each eigenvalue λ: how much each direction shrinks per step.

        >>> quadratic_model(Polynomial.variable("x") ** 2).factors("0.1")
        (Surd('4/5'),)
        """
        alpha = _exact(learning_rate, "learning rate")
        return tuple(abs(1 - alpha * eigenvalue) for eigenvalue in self.eigenvalues)

    def minimizer(self) -> Vector | None:
        """θ* solving Hθ = −b exactly, or None when H is singular (no unique stationary point).

        >>> from gdmath.polynomial import x, y
        >>> quadratic_model((x - 1)**2 + 2*(y + 3)**2).minimizer()
        (Fraction(1, 1), Fraction(-3, 1))
        """
        if self.dimension == 1:
            h = self.hessian[0][0]
            return (-self.linear[0] / h,) if h else None
        (p, q), (_, r) = self.hessian
        determinant = p * r - q * q
        if determinant == 0:
            return None
        b1, b2 = self.linear
        return ((-b1 * r + q * b2) / determinant, (-p * b2 + q * b1) / determinant)

    def regime(self, learning_rate, start) -> Regime:
        """The regime of descent with ``learning_rate`` from ``start``, decided exactly.

        The gradient obeys g_{k+1} = (I − αH) g_k, so each eigen-direction present in the
        first gradient shrinks, flips or grows by its factor 1 − αλ: the heavy ball with β = 0
        (:func:`heavy_ball_direction`), the worst direction deciding.

        >>> f = quadratic_model(Polynomial.variable("x") ** 2)
        >>> [f.regime(alpha, 5).value for alpha in ("0.1", "0.5", "0.75", "1", "1.05")]
        ['monotone', 'one-step', 'oscillating', 'cycle', 'diverging']
        """
        return self.heavy_ball_regime(learning_rate, 0, start)

    # -- momentum (the heavy ball) ---------------------------------------------------
    def _sum_and_product(self) -> tuple[Fraction, Fraction]:
        """L + μ and Lμ, both rational: the trace and determinant of H (2h and h² in one variable)."""
        if self.dimension == 1:
            h = self.hessian[0][0]
            return 2 * h, h * h
        (p, q), (_, r) = self.hessian
        return p + r, p * r - q * q

    @property
    def best_rate(self) -> Surd:
        """(L − μ)/(L + μ) = (κ − 1)/(κ + 1): plain descent's error factor per step at its best step."""
        self._needs_bowl("the best rate (κ−1)/(κ+1)")
        return (self.largest_curvature - self.smallest_curvature) / (self.largest_curvature + self.smallest_curvature)

    @property
    def momentum_best_step(self) -> Surd:
        """α* = (2/(√L + √μ))² = 4/(L + μ + 2√(Lμ)), the heavy ball's best step."""
        self._needs_bowl("the heavy ball's best step")
        total, product = self._sum_and_product()
        return 4 / (total + 2 * Surd.sqrt(product))

    @property
    def momentum_best_beta(self) -> Surd:
        """β* = ((√L − √μ)/(√L + √μ))², the momentum that goes with α*."""
        self._needs_bowl("the heavy ball's best momentum")
        total, product = self._sum_and_product()
        root = 2 * Surd.sqrt(product)
        return (total - root) / (total + root)

    @property
    def momentum_best_rate(self) -> "Surd | RootSum":
        """(√L − √μ)/(√L + √μ) = (√κ − 1)/(√κ + 1) = √β*, exact: a :class:`Surd` or a :class:`RootSum`.

        It is (L + μ − 2√(Lμ))/(L − μ), and L − μ = √((L + μ)² − 4Lμ).

        >>> from gdmath.polynomial import x, y
        >>> quadratic_model(x**2 + 10*y**2).momentum_best_rate
        Surd('11/9 - 2/9·√10')
        >>> quadratic_model(x**2 + 3*x*y + 4*y**2).momentum_best_rate
        RootSum('5/6·√2 - 1/6·√14')
        """
        self._needs_bowl("the heavy ball's best rate")
        total, product = self._sum_and_product()
        spread = total * total - 4 * product
        if spread == 0:
            return Surd(0)
        return quotient_by_root(total - 2 * Surd.sqrt(product), spread)

    def heavy_ball(self, learning_rate, momentum) -> tuple[Direction, ...]:
        """The heavy ball along each curvature, smallest first (see :func:`heavy_ball_direction`).

        >>> from gdmath.polynomial import x, y
        >>> [d.regime.value for d in quadratic_model(x**2 + 10*y**2).heavy_ball("0.1", "0.9")]
        ['oscillating', 'oscillating']
        """
        return tuple(heavy_ball_direction(e, learning_rate, momentum) for e in self.eigenvalues)

    def heavy_ball_regime(self, learning_rate, momentum, start) -> Regime:
        """The regime of the heavy ball from ``start``: the worst over the directions its error has.

        With β = 0 this is :meth:`regime`.

        >>> from gdmath.polynomial import x, y
        >>> f = quadratic_model(x**2 + 10*y**2)
        >>> [f.heavy_ball_regime("0.1", beta, (1, 1)).value for beta in ("0", "0.5")]  # the cycle damped
        ['cycle', 'oscillating']
        >>> f.heavy_ball_regime("0.1", "0.01", (1, 0)).value, f.heavy_ball_regime("0.19", "0.5", (0, 1)).value
        ('monotone', 'diverging')
        """
        beta = as_momentum(momentum)
        point = as_point(start, self.dimension)
        present = self._eigenvalues_present(self.objective.gradient_at(point))
        if not present:
            return Regime.STATIONARY
        regimes = {heavy_ball_direction(e, learning_rate, beta).regime for e in present}
        return next(regime for regime in _WORST_FIRST if regime in regimes)

    def _eigenvalues_present(self, gradient: Vector) -> tuple[Surd, ...]:
        """The eigenvalues whose eigen-directions the gradient has a component along."""
        if not any(gradient):
            return ()
        if self.dimension == 1:
            return self.eigenvalues
        (p, q), (_, r) = self.hessian
        g1, g2 = gradient
        h1, h2 = p * g1 + q * g2, q * g1 + r * g2
        if h1 * g2 - h2 * g1 == 0:
            # The gradient is itself an eigenvector; its eigenvalue is rational.
            return (Surd((g1 * h1 + g2 * h2) / (g1 * g1 + g2 * g2)),)
        return self.eigenvalues


class Roots(str, enum.Enum):
    """The roots of a direction's heavy-ball polynomial z² − (1 + β − αλ)z + β."""

    REAL = "real"        #: two real roots: no ripples (both > 0) or a flip every step (both < 0)
    DOUBLE = "double"    #: one double root: critical damping, the fastest approach without ripples
    COMPLEX = "complex"  #: a complex pair: the error spirals (ripples), shrinking by √β per step

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Direction:
    """What the heavy ball does along one curvature λ: its regime, roots and factor per step.

    ``factor`` is the larger root modulus, the error's shrink (or growth) per step in the long
    run: a :class:`Surd` when it is one, else a float (a root of an irrational number).
    """

    curvature: Surd
    regime: Regime
    roots: Roots
    factor: "Surd | float"


def heavy_ball_direction(curvature, learning_rate, momentum) -> Direction:
    """The heavy ball x₊ = x − α∇f(x) + β(x − x₋) along a direction of curvature λ, decided exactly.

    The error obeys e₊ = (1 + β − αλ)e − βe₋, whose roots solve z² − (1 + β − αλ)z + β = 0.
    It converges iff 0 < αλ < 2(1 + β); critical damping is β = (1 − √(αλ))².

    >>> d = heavy_ball_direction(2, Fraction(1, 10), Fraction(1, 2))
    >>> d.regime.value, d.roots.value, d.factor
    ('oscillating', 'complex', Surd('1/2·√2'))
    >>> d = heavy_ball_direction(1, Fraction(1, 4), Fraction(1, 4))   # αλ = (1 − √β)²
    >>> d.regime.value, d.roots.value, d.factor
    ('monotone', 'double', Surd('1/2'))
    >>> [heavy_ball_direction(1, a, Fraction(1, 2)).regime.value for a in (Fraction(2), Fraction(3), Fraction(4))]
    ['oscillating', 'cycle', 'diverging']
    >>> heavy_ball_direction(2, Fraction(1, 2), 0).regime.value
    'one-step'
    """
    curvature = curvature if isinstance(curvature, Surd) else Surd(curvature)
    alpha = _exact(learning_rate, "learning rate")
    beta = as_momentum(momentum)
    step = alpha * curvature                      # αλ
    middle = 1 + beta - step                      # the roots' sum; their product is β
    discriminant = middle * middle - 4 * beta
    roots = Roots.COMPLEX if discriminant < 0 else Roots.DOUBLE if discriminant == 0 else Roots.REAL
    if roots is Roots.COMPLEX:
        factor = Surd.sqrt(beta)
    elif discriminant.is_rational:
        factor = (abs(middle) + Surd.sqrt(discriminant.as_fraction())) / 2
    else:  # √(a + b√d): a nested root, only as a decimal
        factor = (abs(float(middle)) + float(discriminant) ** 0.5) / 2
    if step <= 0 or step > 2 * (1 + beta):
        regime = Regime.DIVERGING   # a flat direction drifts; past 2(1 + β) a root is beyond −1
    elif step == 2 * (1 + beta):
        regime = Regime.CYCLE       # a root at −1: it bounces forever
    elif middle == 0:
        regime = Regime.ONE_STEP    # only with β = 0 and αλ = 1
    elif roots is Roots.COMPLEX or middle < 0:
        regime = Regime.OSCILLATING
    else:
        regime = Regime.MONOTONE
    return Direction(curvature, regime, roots, factor)


#: Which regime names a run whose directions differ: the worst one present.
_WORST_FIRST = (Regime.DIVERGING, Regime.CYCLE, Regime.OSCILLATING, Regime.MONOTONE, Regime.ONE_STEP)


def quadratic_model(objective: Polynomial) -> QuadraticModel:
    """The Hessian, linear part and constant of a polynomial of degree at most 2.

    >>> from gdmath.polynomial import x, y
    >>> quadratic_model(3*x**2 - x*y + y**2/2 + x).hessian
    ((Fraction(6, 1), Fraction(-1, 1)), (Fraction(-1, 1), Fraction(1, 1)))
    """
    if not objective.is_quadratic:
        raise GDMathError(f"{objective} has degree {objective.degree}; a quadratic has degree at most 2")
    origin = (Fraction(0),) * objective.dimension
    return QuadraticModel(
        objective=objective,
        hessian=objective.hessian_at(origin),
        linear=objective.gradient_at(origin),
        constant=objective(origin),
    )


def classify(objective: Polynomial, learning_rate, start, momentum=0) -> Regime | None:
    """The regime of a run, or None when ``objective`` is not a quadratic.

    >>> from gdmath.polynomial import x
    >>> classify(x**2, "1.05", 5)
    <Regime.DIVERGING: 'diverging'>
    >>> classify(x**4, "0.1", 1) is None
    True
    """
    if not objective.is_quadratic:
        return None
    return quadratic_model(objective).heavy_ball_regime(learning_rate, momentum, start)
