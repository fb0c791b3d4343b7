"""Momentum: the heavy ball's two arrows, the race against the zig-zag, the error on a log scale, the (α, β) plane."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

from manim import Create, FadeIn, FadeOut, GrowArrow, Indicate, LaggedStart, VGroup, Write

from gdmath import (Polynomial, QuadraticModel, Regime, RootSum, Roots, Run, Surd, as_learning_rate, as_momentum,
                    as_point, descend, exact_text, squared_errors, steps_to_shrink)
from scenes.kit.narration import NarratedScene
from scenes.kit.parts.learning_rate import BowlPath, BowlPlot, BowlStart, BowlView, Box
from scenes.kit.parts.momentum import (ErrorPlot, FactColumn, HeavyBallRule, PhaseDiagram, RuleTitle, RunLegend,
                                       StepArrows)
from scenes.kit.style import DESCENT_COLOR, MOMENTUM_COLOR, TEXT_COLOR, TITLE_SIZE
from scenes.kit.variants import (FieldError, Plan, SceneParameters, apply_variant, check_field, check_function,
                                 check_run_drawable, check_steps, positive_curvature_model)

__all__ = ["MomentumParameters", "MomentumPlan", "HeavyBallMomentum", "said_beats", "view_excess", "BEST"]

#: The word that asks for gdmath's best value: 2/(μ + L) for plain descent, (α*, β*) for the heavy ball.
BEST = "best"
MAX_STEPS = 80
MAX_PATH_STEPS = 30
MAX_SPIRAL_STEPS = 60
#: The error plot's threshold: how many times smaller the error must get.
SHRINK_BY = 1000
#: Where the race and the spiral are drawn: the frame under the legend and the rule.
_RACE_BOX = Box(0.0, 0.35, 12.6, 4.3)
#: A path is drawn while f − f* stays within this many times its start's (in distance, its square root).
VIEW_GROWTH = 9


@dataclass(frozen=True)
class MomentumPlan(Plan):
    """The lecture's values resolved: the bowl, the three runs, their rates and counts, and what to say of them."""

    bowl: Polynomial
    model: QuadraticModel
    start: tuple[Fraction, Fraction]
    #: Plain descent's α; the heavy ball's α and β (Surds at the best pair), and the spiralling β.
    plain_rate: Fraction | Surd
    rate: Fraction | Surd
    momentum: Fraction | Surd
    best_pair: bool
    spiral_momentum: Fraction
    steps: int
    path_steps: int
    spiral_steps: int
    plain_run: Run
    heavy_run: Run
    spiral_run: Run
    #: The worst factor per step of each run over the bowl's directions, exact.
    plain_factor: Surd
    heavy_factor: Surd
    spiral_factor: Surd
    #: The first k where each run's error is 1000 times smaller (None: not within its steps).
    plain_count: int | None
    heavy_count: int | None
    spiral_count: int | None
    #: Each run's ‖θ_k − θ*‖ / ‖θ_0 − θ*‖, for drawing only.
    plain_ratios: tuple[float, ...]
    heavy_ratios: tuple[float, ...]
    said: Mapping[str, str]
    #: The level f − f* that the race's view and the spiral's view hold, and how many iterates each draws.
    race_excess: Fraction
    race_drawn: int
    spiral_excess: Fraction
    spiral_drawn: int

    @property
    def best_rate(self) -> Surd | RootSum:
        """(√κ − 1)/(√κ + 1): the best pair's factor per step."""
        return self.model.momentum_best_rate

    def step_arrows(self, k: int = 1) -> tuple[tuple, tuple]:
        """The heavy ball's step from θ_k, exactly: the gradient step −α∇f(θ_k) and the velocity β(θ_k − θ_{k−1})."""
        points = self.heavy_run.points
        # ∇f(θ) = H(θ − θ*) for a quadratic: exact for the Surds of an irrational α too.
        offset = [a - b for a, b in zip(points[k], self.model.minimizer())]
        gradient = [sum(h * e for h, e in zip(row, offset)) for row in self.model.hessian]
        return (tuple(-self.rate * g for g in gradient),
                tuple(self.momentum * (a - b) for a, b in zip(points[k], points[k - 1])))

    def regimes(self) -> dict:
        directions = self.model.heavy_ball(self.rate, self.momentum)
        spiral = self.model.heavy_ball(self.rate, self.spiral_momentum)
        return {"plain_regime": self.plain_run.regime.value if self.plain_run.regime else None,
                "heavy_roots": [d.roots.value for d in directions], "spiral_roots": [d.roots.value for d in spiral],
                "counts": {"plain": self.plain_count, "heavy": self.heavy_count, "spiral": self.spiral_count}}

    def tables(self) -> dict[str, Run]:
        """The runs this scene shows: published beside the video as CSV and JSON."""
        return {"plain": self.plain_run, "momentum": self.heavy_run, "spiral": self.spiral_run}


@dataclass(frozen=True)
class MomentumParameters(SceneParameters):
    """Everything a teacher may vary; the defaults are the learning-rate lecture's narrow bowl x² + 10y²."""

    bowl: str = "x**2 + 10*y**2"                # a bowl-shaped quadratic in x, y
    start: str = "4,1"
    plain_learning_rate: str = BEST             # plain descent's α; "best" is 2/(μ + L)
    learning_rate: str = BEST                   # the heavy ball's α and β; "best" (both) is the optimal pair
    momentum: str = BEST
    spiral_momentum: str = "0.9"                # a β near 1, at the heavy ball's α: the ball spirals
    steps: int = 40                             # on the error plot
    path_steps: int = 12                        # drawn on the bowl
    spiral_steps: int = 40
    language: str = "ko"

    def make_plan(self) -> MomentumPlan:
        self.check_language()
        bowl = check_function("bowl", self.bowl, 2)
        model = positive_curvature_model(bowl, "bowl")
        mu, big = model.eigenvalues
        if mu == big:
            raise FieldError("bowl", f"{bowl} is round (μ = L = {big}): one step of 2/(μ+L) lands on the minimum, "
                                     "and momentum has nothing to fix")
        start = check_field("start", as_point, self.start, 2)
        if start == model.minimizer():
            raise FieldError("start", f"({self.start}) is the minimum itself: no run would move")
        check_steps(self, {"steps": MAX_STEPS, "path_steps": MAX_PATH_STEPS, "spiral_steps": MAX_SPIRAL_STEPS})
        if self.plain_learning_rate.strip() == BEST:
            best = model.best_step  # 2/(μ + L) = 2/trace: rational for a rational bowl
            plain_rate = best.as_fraction() if best.is_rational else best
        else:
            plain_rate = check_field("plain_learning_rate", as_learning_rate, self.plain_learning_rate)
        if plain_rate >= model.stability_limit:
            raise FieldError("plain_learning_rate", f"{exact_text(plain_rate)} does not converge: plain descent "
                                                    f"needs α < 2/L = {model.stability_limit.decimal_text(4)}")
        best = [text.strip() == BEST for text in (self.learning_rate, self.momentum)]
        if best[0] != best[1]:
            key = "momentum" if best[0] else "learning_rate"
            raise FieldError(key, f"must be {BEST!r} too: the best β goes with the best α, and the other way round")
        if best[0]:
            rate, momentum = model.momentum_best_step, model.momentum_best_beta
        else:
            rate = check_field("learning_rate", as_learning_rate, self.learning_rate)
            momentum = check_field("momentum", as_momentum, self.momentum)
        try:
            directions = model.heavy_ball(rate, momentum)
        except ValueError as error:  # α* in one root, the curvatures in another: no single Surd holds both
            raise FieldError("learning_rate", f"the best pair on {bowl} mixes two roots ({error}); "
                                              "give learning_rate and momentum as numbers") from None
        if any(d.regime in (Regime.CYCLE, Regime.DIVERGING) for d in directions):
            raise FieldError("learning_rate", f"α = {exact_text(rate)} with β = {exact_text(momentum)} does not "
                                              f"converge: the heavy ball needs αL < 2(1 + β)")
        spiral_momentum = check_field("spiral_momentum", as_momentum, self.spiral_momentum)
        spiral = model.heavy_ball(rate, spiral_momentum)
        if any(d.roots is not Roots.COMPLEX for d in spiral):
            need = max((1 - float(rate * d.curvature) ** 0.5) ** 2 for d in spiral)
            raise FieldError("spiral_momentum", f"β = {exact_text(spiral_momentum)} does not spiral at this α: "
                                                f"every direction needs β > (1 − √(αλ))², here β > {need:.4g}")
        if any(d.regime in (Regime.CYCLE, Regime.DIVERGING) for d in spiral):
            raise FieldError("spiral_momentum", f"β = {exact_text(spiral_momentum)} does not converge at this α")
        plain_run = descend(bowl, start, plain_rate, self.steps)
        heavy_run = descend(bowl, start, rate, self.steps, momentum=momentum)
        spiral_run = descend(bowl, start, rate, self.spiral_steps, momentum=spiral_momentum)
        for key, run in (("start", plain_run), ("start", heavy_run), ("spiral_momentum", spiral_run)):
            check_run_drawable(key, run)
        factors = [max(abs(f) for f in model.factors(plain_rate)), max(d.factor for d in directions),
                   max(d.factor for d in spiral)]
        if any(isinstance(f, float) for f in factors):
            raise FieldError("learning_rate", "its factor per step is not a single square root; "
                                              "give α and β as numbers, or both as 'best'")
        plain_errors, heavy_errors = squared_errors(plain_run), squared_errors(heavy_run)
        race_excess, race_drawn = view_excess(model, [plain_run, heavy_run], self.path_steps)
        spiral_excess, spiral_drawn = view_excess(model, [spiral_run], self.spiral_steps)
        plan = dict(
            bowl=bowl, model=model, start=start, plain_rate=plain_rate, rate=rate, momentum=momentum,
            best_pair=best[0], spiral_momentum=spiral_momentum, steps=self.steps, path_steps=self.path_steps,
            spiral_steps=self.spiral_steps, plain_run=plain_run, heavy_run=heavy_run, spiral_run=spiral_run,
            plain_factor=factors[0], heavy_factor=factors[1], spiral_factor=factors[2],
            plain_count=steps_to_shrink(plain_run, SHRINK_BY), heavy_count=steps_to_shrink(heavy_run, SHRINK_BY),
            spiral_count=steps_to_shrink(spiral_run, SHRINK_BY),
            plain_ratios=ratios(plain_errors), heavy_ratios=ratios(heavy_errors),
            race_excess=race_excess, race_drawn=race_drawn, spiral_excess=spiral_excess, spiral_drawn=spiral_drawn)
        said = said_beats(model, plan, plain_errors, heavy_errors, directions)
        return MomentumPlan(self, said=MappingProxyType(said), **plan)


def ratios(squared: tuple) -> tuple[float, ...]:
    """‖θ_k − θ*‖ / ‖θ_0 − θ*‖ from the exact squared errors, as floats to draw."""
    first = squared[0]
    return tuple(float(e / first) ** 0.5 for e in squared)


def view_excess(model: QuadraticModel, runs: list[Run], steps: int) -> tuple[Fraction, int]:
    """The level f − f* a view must hold to show the runs' first ``steps`` steps, and how many iterates it draws.

    Iterates are drawn while f − f* stays within VIEW_GROWTH times the start's.

    >>> from gdmath import parse, quadratic_model
    >>> bowl = parse("x^2 + 10y^2")
    >>> view_excess(quadratic_model(bowl), [descend(bowl, (4, 1), "1/11", 40)], 12)
    (Fraction(26, 1), 13)
    """
    lowest = runs[0].objective(model.minimizer())
    limit = (runs[0].values[0] - lowest) * VIEW_GROWTH
    drawn, excess = steps + 1, Fraction(0)
    for run in runs:
        values = [Fraction(float(v - lowest)) if isinstance(v, Surd) else v - lowest for v in run.values[:steps + 1]]
        visible = next((k for k, e in enumerate(values) if e > limit), len(values))
        drawn = min(drawn, visible)
        excess = max(excess, max(values[:visible]))
    return excess, drawn


def _constant_ratio(squared: tuple) -> bool:
    """Whether every step multiplies the squared error by one factor: a straight line on a log scale."""
    nonzero = [e for e in squared if e != 0]
    return len(nonzero) < 3 or all(b * b == a * c for a, b, c in zip(nonzero, nonzero[1:], nonzero[2:]))


def said_beats(model: QuadraticModel, plan: dict, plain_errors: tuple, heavy_errors: tuple, directions) -> dict:
    """The beats chosen so that what they say holds for these runs.

    >>> MomentumParameters().resolve().said["heavy_line"], MomentumParameters().resolve().said["thousand"]
    ('heavy_line_double', 'thousand')
    """
    k = plan["path_steps"]
    said = {"plain": "plain_best" if plan["plain_rate"] == model.best_step else "plain",
            "heavy": "heavy_best" if plan["best_pair"] else "heavy",
            "race": "race_heavy_ahead" if heavy_errors[k] < plain_errors[k] else "race_plain_ahead",
            "plain_line": "plain_line_straight" if _constant_ratio(plain_errors) else "plain_line_bends"}
    if _constant_ratio(heavy_errors):
        said["heavy_line"] = "heavy_line_straight"
    elif any(d.roots is Roots.DOUBLE for d in directions):
        said["heavy_line"] = "heavy_line_double"
    else:
        said["heavy_line"] = "heavy_line_bends"
    plain, heavy = plan["plain_count"], plan["heavy_count"]
    if plain is not None and heavy is not None:
        said["thousand"] = "thousand" if heavy < plain else "thousand_plain_first"
    elif heavy is not None:
        said["thousand"] = "thousand_heavy_only"
    elif plain is not None:
        said["thousand"] = "thousand_plain_only"
    else:
        said["thousand"] = "thousand_neither"
    said["spiral_rate"] = "spiral_rate" if plan["spiral_count"] is None else "spiral_rate_arrives"
    return said


class HeavyBallMomentum(NarratedScene):
    """Why the heavy ball beats the zig-zag: two arrows, a race on x² + 10y², rates on a log scale, the (α, β) plane."""

    parameters = MomentumParameters()
    script_name = "momentum"

    def construct(self):
        rule = self.introduce()
        view, plot, dot = self.show_bowl(rule)
        self.show_two_arrows(view, dot)
        self.compare_race(VGroup(plot, self.race(view, dot)))
        error = self.show_errors()
        self.show_rates(error)
        self.count_steps(error)
        self.spiral()
        self.phase_plane()

    def record_extra(self) -> dict:
        return self.plan.regimes()

    # -- part 1: the rule and its two arrows -------------------------------------------------------
    def introduce(self) -> HeavyBallRule:
        self.mark_part("arrows")
        self.say("intro")
        title, rule = RuleTitle.parts(self.words("screen_title", font_size=TITLE_SIZE), HeavyBallRule())
        self.play(FadeIn(title), Write(rule), run_time=1.6)
        self.hold(1.2)
        self.say("beta_zero")
        self.play(Indicate(rule.velocity, color=MOMENTUM_COLOR), run_time=1.2)
        self.hold(1.0)
        self.play(FadeOut(title), RuleTitle.to_corner(rule), run_time=0.8)
        return rule

    def show_bowl(self, rule: HeavyBallRule):
        plan = self.plan
        x0, y0 = (self.shown(f"{name}_0", c) for name, c in zip("xy", plan.start))
        alpha, beta = self.shown("alpha", plan.rate), self.shown("beta", plan.momentum)
        self.say("bowl", bowl=self.shown_polynomial("f", plan.bowl, latex=False), x0=x0, y0=y0, alpha=alpha,
                 beta=beta)
        view = BowlView(plan.model, plan.race_excess, box=_RACE_BOX)
        plot = BowlPlot(view)
        start = BowlStart(view, plan.start, x0, y0, color=MOMENTUM_COLOR)
        self.legend = RunLegend([(MOMENTUM_COLOR, self.words("screen_momentum"), rf"\alpha = {alpha},\ \beta = {beta}")])
        self.rule = rule
        self.play(*plot.show(), FadeIn(self.legend), run_time=1.4)
        self.play(FadeIn(start.dot, scale=0.5), FadeIn(start.label), run_time=0.6)
        self.hold(0.8)
        self.start_label = start.label
        return view, plot, start.dot

    def show_two_arrows(self, view: BowlView, dot):
        plan = self.plan
        self.say("first_step")
        first = BowlPath(view, plan.heavy_run.points[:2], color=MOMENTUM_COLOR)
        self.play(Create(first[0]), dot.animate.move_to(first.corners[1]), run_time=1.0)
        self.add(first[1])
        self.hold(0.6)
        self.say("two_arrows")
        gradient_step, velocity = plan.step_arrows(1)
        arrows = StepArrows(view, plan.heavy_run.points[1], gradient_step, velocity)
        # the start's label gives way to the arrows' labels, which may land on it
        self.play(GrowArrow(arrows.gradient[0]), FadeIn(arrows.gradient[1]), Indicate(self.rule.gradient_step),
                  FadeOut(self.start_label), run_time=1.2)
        self.play(GrowArrow(arrows.carried[0]), FadeIn(arrows.carried[1]), Indicate(self.rule.velocity),
                  run_time=1.2)
        self.play(Create(arrows.total), FadeIn(arrows.end), run_time=0.8)
        self.hold(1.2)
        self.play(FadeOut(arrows), FadeOut(first), FadeOut(self.rule),
                  dot.animate.move_to(view.to_screen(plan.start)), run_time=0.8)

    # -- part 2: the race on the bowl ------------------------------------------------------------
    def race(self, view: BowlView, dot) -> VGroup:
        plan = self.plan
        drawn = plan.race_drawn
        plain_alpha = self.shown("plain alpha", plan.plain_rate)
        self.say(plan.said["plain"], alpha=plain_alpha, steps=self.shown("path steps", drawn - 1))
        row = RunLegend([(DESCENT_COLOR, self.words("screen_plain"), rf"\alpha = {plain_alpha}"),
                         (MOMENTUM_COLOR, self.words("screen_momentum"), self.legend[0][2].tex_string)])
        self.play(FadeOut(self.legend), FadeIn(row), run_time=0.5)
        self.legend = row
        plain = BowlPath(view, plan.plain_run.points[:drawn])
        plain_dot = dot.copy().set_color(DESCENT_COLOR)
        self.add(plain_dot)
        self.walk(plain, plain_dot, 0.55, 0.3)
        self.hold(0.6)
        self.say(plan.said["heavy"])
        heavy = BowlPath(view, plan.heavy_run.points[:drawn], color=MOMENTUM_COLOR)
        self.walk(heavy, dot.set_z_index(6), 0.55, 0.3)
        self.hold(0.8)
        return VGroup(plain, heavy, plain_dot, dot)

    def walk(self, path: BowlPath, dot, slow: float, fast: float, slow_steps: int = 3):
        """Draw ``path`` step by step, ``dot`` moving along: the first steps ``slow`` seconds each, then ``fast``."""
        for k, (segment, ghost, end) in enumerate(path.steps()):
            self.add(ghost)
            self.play(Create(segment), dot.animate.move_to(end), run_time=slow if k < slow_steps else fast)

    def compare_race(self, shown: VGroup):
        plan = self.plan
        k = plan.race_drawn - 1
        plain_left = self.shown_root("plain ratio at path end", _squared_ratio(plan.plain_run, k))
        heavy_left = self.shown_root("momentum ratio at path end", _squared_ratio(plan.heavy_run, k))
        self.say(plan.said["race"], steps=self.shown("path steps", k), plain=plain_left, heavy=heavy_left)
        facts = FactColumn.race(k, plain_left, heavy_left)
        self.play(FadeIn(facts), run_time=0.6)
        self.hold(1.6)
        self.play(FadeOut(VGroup(shown, facts, self.legend)), run_time=0.8)

    # -- part 3: the error on a log scale ------------------------------------------------------------
    def show_errors(self) -> ErrorPlot:
        self.mark_part("errors")
        plan = self.plan
        self.say("errors", steps=self.shown("steps", plan.steps))
        error = ErrorPlot([plan.plain_ratios, plan.heavy_ratios])
        self.record_ticks(error.axes)
        self.play(Create(error.axes), FadeIn(error[1:]), run_time=1.2)
        self.error_curves = [error.curve(0, DESCENT_COLOR), error.curve(1, MOMENTUM_COLOR)]
        self.play(*(Create(curve[0]) for curve in self.error_curves),
                  *(FadeIn(curve[1], lag_ratio=0.1) for curve in self.error_curves), run_time=2.4)
        self.hold(0.6)
        return error

    def show_rates(self, error: ErrorPlot):
        self.slopes = VGroup()
        for index, (name, factor, beat, color, wait) in enumerate((
                ("plain rate", self.plan.plain_factor, "plain_line", DESCENT_COLOR, 1.0),
                ("momentum rate", self.plan.heavy_factor, "heavy_line", MOMENTUM_COLOR, 1.4))):
            rate = self.shown(name, factor)
            self.say(self.plan.said[beat], rate=rate)
            slope = error.slope(index, float(factor), color, rf"{rate}^k")
            self.play(Create(slope[0]), FadeIn(slope[1]), run_time=1.0)
            self.hold(wait)
            self.slopes.add(slope)

    def count_steps(self, error: ErrorPlot):
        plan = self.plan
        by = self.shown("shrink by", Fraction(SHRINK_BY))
        counts = {name: self.shown(f"{name} steps to shrink", count)
                  for name, count in (("plain", plan.plain_count), ("heavy", plan.heavy_count)) if count is not None}
        self.say(plan.said["thousand"], by=by, steps=self.shown("steps", plan.steps), **counts)
        line = error.threshold(1 / SHRINK_BY, rf"1/{by}")
        self.play(Create(line[0]), FadeIn(line[1]), run_time=0.8)
        runs = (("plain", plan.plain_count, DESCENT_COLOR), ("heavy", plan.heavy_count, MOMENTUM_COLOR))
        marks = VGroup(*(error.marker(i, count, rf"k = {counts[name]}", color, above=i == 0)
                         for i, (name, count, color) in enumerate(runs) if count is not None))
        if len(marks):  # neither run may get there within the steps drawn
            self.play(LaggedStart(*(FadeIn(mark) for mark in marks), lag_ratio=0.4), run_time=1.0)
        self.hold(1.6)
        self.play(FadeOut(VGroup(error, line, marks, self.slopes, *self.error_curves)), run_time=0.8)

    # -- part 4: too much momentum, and the (α, β) plane ---------------------------------------------
    def spiral(self):
        self.mark_part("spiral")
        plan = self.plan
        beta, alpha = self.shown("spiral beta", plan.spiral_momentum), self.shown("alpha", plan.rate)
        self.say("spiral", beta=beta, alpha=alpha)
        view = BowlView(plan.model, plan.spiral_excess, box=_RACE_BOX)
        plot = BowlPlot(view)
        legend = RunLegend([(MOMENTUM_COLOR, self.words("screen_momentum"), rf"\alpha = {alpha},\ \beta = {beta}")])
        start = BowlStart(view, plan.start, self.shown("x_0", plan.start[0]), self.shown("y_0", plan.start[1]),
                          color=MOMENTUM_COLOR)
        self.play(*plot.show(), FadeIn(legend), FadeIn(start.dot), FadeIn(start.label), run_time=1.2)
        path = BowlPath(view, plan.spiral_run.points[:plan.spiral_drawn], color=MOMENTUM_COLOR, stroke_width=2.5)
        self.walk(path, start.dot, 0.4, 0.16, slow_steps=4)
        self.hold(0.6)
        counts = {} if plan.spiral_count is None else {"count": self.shown("spiral steps to shrink", plan.spiral_count)}
        self.say(plan.said["spiral_rate"], rate=self.shown("spiral rate", plan.spiral_factor),
                 steps=self.shown("spiral steps", plan.spiral_drawn - 1), by=self.shown("shrink by", SHRINK_BY),
                 **counts)
        self.hold(2.0)
        self.play(FadeOut(VGroup(plot, legend, start, path)), run_time=0.8)

    def phase_plane(self):
        self.mark_part("plane")
        plan = self.plan
        mu, big = plan.model.eigenvalues
        self.say("region")
        diagram = PhaseDiagram(float(mu), float(big), self.words)
        self.record_ticks(diagram.axes)
        self.play(Create(diagram.axes), FadeIn(diagram[1:3]), run_time=1.2)
        self.play(FadeIn(diagram.region), Create(diagram.edge), FadeIn(diagram.names[2:]), run_time=1.2)
        self.hold(1.0)
        self.say("critical")
        self.play(Create(diagram.curves), FadeIn(diagram.names[:2]), run_time=1.6)
        self.hold(1.2)
        best_alpha = self.shown("alpha*", plan.model.momentum_best_step)
        best_beta = self.shown("beta*", plan.model.momentum_best_beta)
        best_rate = self.shown("best rate", plan.best_rate)
        plain_rate = self.shown("plain best rate", plan.model.best_rate)
        self.say("best", rate=best_rate, plain=plain_rate)
        best = diagram.dot(float(plan.model.momentum_best_step), float(plan.model.momentum_best_beta), TEXT_COLOR)
        runs = diagram.runs(plan.plain_rate, plan.rate, (plan.momentum, plan.spiral_momentum))
        facts = FactColumn.best(best_alpha, best_beta, best_rate, plain_rate)
        self.play(FadeIn(runs), FadeIn(best, scale=0.5), run_time=0.8)
        self.play(LaggedStart(*(FadeIn(row) for row in facts), lag_ratio=0.3), run_time=1.4)
        self.hold(2.0)
        self.mark_part("summary")
        self.say("summary")
        self.play(Indicate(facts[2]), run_time=1.2)
        self.hold(3.0)


def _squared_ratio(run: Run, k: int):
    """(‖θ_k − θ*‖ / ‖θ_0 − θ*‖)², exact."""
    squared = squared_errors(run)
    return squared[k] / squared[0]


HeavyBallMomentum = apply_variant(HeavyBallMomentum)
