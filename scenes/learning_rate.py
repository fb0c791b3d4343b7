"""The learning rate: runs side by side, the exact thresholds 1/L and 2/L, and a narrow bowl."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

from manim import Create, Dot, FadeIn, FadeOut, Indicate, LaggedStart, VGroup, Write

from gdmath import Polynomial, QuadraticModel, Regime, Run, Surd, as_learning_rate, as_point, descend, exact_text, \
    quadratic_model
from scenes.kit.narration import NarratedScene
from scenes.kit.parts.learning_rate import (BOWL_LINE_Y, AlphaInTheRule, AlphaTag, BowlFact, BowlPath, BowlPlot,
                                            BowlStart, BowlView, CurvatureArrows, FactorFormula, FactorLabel,
                                            ParabolaPanel, ParabolaView, RateLabel, RateLine, Readout, RegimeWord,
                                            RunColumns, RunMarks, SummaryLegend, thresholds)
from scenes.kit.style import MU_COLOR, REGIME_COLORS
from scenes.kit.variants import (FieldError, Plan, SceneParameters, apply_variant, check_field, check_function,
                                 check_run_drawable, check_steps, positive_curvature_model)

__all__ = ["LearningRateParameters", "LearningRatePlan", "LearningRateRegimes", "runs_beats", "regime_word_key",
           "bowl_beats", "bowl_in_view"]

#: Panels that fit side by side, and steps a small panel can show without its points piling up.
MAX_RUNS = 6
MAX_PANEL_STEPS = 8
MAX_BOWL_STEPS = 30
#: Rates beyond this multiple of 2/L only fly apart faster, and would squash the α line.
MAX_RATE_OVER_LIMIT = 2
#: A bowl run is drawn while it stays within this many times its starting distance (in level terms).
BOWL_VIEW_GROWTH = 3


@dataclass(frozen=True)
class LearningRatePlan(Plan):
    """The lecture's values resolved: the runs side by side on a parabola, the bowl's run, and what to say of them."""

    #: The runs side by side: each rate (exact) and its run on the parabola ``flat`` from ``start``.
    rates: tuple[Fraction, ...]
    runs: tuple[Run, ...]
    flat: Polynomial
    flat_model: QuadraticModel
    start: Fraction
    steps: int
    #: The bowl's one run.
    bowl_run: Run
    bowl: Polynomial
    bowl_model: QuadraticModel
    bowl_start: tuple[Fraction, Fraction]
    bowl_rate: Fraction
    bowl_steps: int
    #: The beats chosen so that what they say holds (see runs_beats, bowl_beats), and each run's screen words.
    runs_said: Mapping[str, str]
    regime_words: tuple[str, ...]
    bowl_said: Mapping[str, str]
    #: How many of the bowl run's iterates are drawn, and the level f − f* its view holds.
    bowl_in_view: int
    bowl_view_excess: Fraction

    @property
    def factors(self) -> tuple[Surd, ...]:
        """|1 − αλ| of each run on the parabola: what each step multiplies the distance to the minimum by."""
        return tuple(self.flat_model.factors(rate)[0] for rate in self.rates)

    @property
    def bowl_pace(self) -> Surd:
        """(L − μ)/(L + μ): the best worst-case factor per step of any fixed α on the bowl."""
        mu, big = self.bowl_model.eigenvalues
        return (big - mu) / (big + mu)

    def regimes(self) -> dict:
        """Each run's α and regime, and the bowl run's regime, for the scene's record."""
        runs = [{"alpha": exact_text(run.learning_rate), "regime": run.regime.value} for run in self.runs]
        return {"regimes": runs, "bowl_regime": self.bowl_run.regime.value}

    def tables(self) -> dict[str, Run]:
        """The runs this scene shows, by part: published beside the video as CSV and JSON."""
        tables = {f"run-{i + 1}": run for i, run in enumerate(self.runs)}
        tables["bowl"] = self.bowl_run
        return tables


@dataclass(frozen=True)
class LearningRateParameters(SceneParameters):
    """Everything a teacher may vary; the defaults are the lecture note's parabola and a narrow bowl."""

    function: str = "x**2"                                  # the runs side by side: a quadratic in x
    start: str = "5"
    learning_rates: tuple[str, ...] = ("0.1", "0.5", "0.75", "1", "1.05")
    steps: int = 6
    bowl: str = "x**2 + 10*y**2"                            # the ill-conditioned bowl: a quadratic in x, y
    bowl_start: str = "4,1"
    bowl_learning_rate: str = "0.09"
    bowl_steps: int = 12
    language: str = "ko"

    def make_plan(self) -> LearningRatePlan:
        self.check_language()
        flat = check_function("function", self.function, 1)
        model = positive_curvature_model(flat, "function")
        (start,) = check_field("start", as_point, self.start, 1)
        if (start,) == model.minimizer():
            raise FieldError("start", f"{self.start} is the minimum itself: no run would move")
        if not 1 <= len(self.learning_rates) <= MAX_RUNS:
            raise FieldError("learning_rates", f"must list 1 to {MAX_RUNS} rates (what fits side by side), "
                                               f"not {len(self.learning_rates)}")
        rates = tuple(check_field("learning_rates", as_learning_rate, rate) for rate in self.learning_rates)
        if len(set(rates)) != len(rates):
            raise FieldError("learning_rates", "lists the same rate twice")
        self._check_rates("learning_rates", rates, model)
        bowl = check_function("bowl", self.bowl, 2)
        bowl_model = positive_curvature_model(bowl, "bowl")
        bowl_start = check_field("bowl_start", as_point, self.bowl_start, 2)
        if bowl_start == bowl_model.minimizer():
            raise FieldError("bowl_start", f"({self.bowl_start}) is the minimum itself: the run would not move")
        bowl_rate = check_field("bowl_learning_rate", as_learning_rate, self.bowl_learning_rate)
        self._check_rates("bowl_learning_rate", [bowl_rate], bowl_model)
        check_steps(self, {"steps": MAX_PANEL_STEPS, "bowl_steps": MAX_BOWL_STEPS})
        runs = tuple(descend(flat, (start,), rate, self.steps) for rate in rates)
        bowl_run = descend(bowl, bowl_start, bowl_rate, self.bowl_steps)
        # Panels widen with their runs, and draw f across the view: every number must stay drawable.
        for run in runs:
            check_run_drawable("start", run)
        check_run_drawable("bowl_start", bowl_run)
        in_view, view_excess = bowl_in_view(bowl_model, bowl_run)
        return LearningRatePlan(
            self, rates=rates, runs=runs, flat=flat, flat_model=model, start=start, steps=self.steps,
            bowl_run=bowl_run, bowl=bowl, bowl_model=bowl_model, bowl_start=bowl_start, bowl_rate=bowl_rate,
            bowl_steps=self.bowl_steps, runs_said=MappingProxyType(runs_beats(runs)),
            regime_words=tuple(regime_word_key(run, model) for run in runs),
            bowl_said=MappingProxyType(bowl_beats(bowl_model, bowl_run)), bowl_in_view=in_view, bowl_view_excess=view_excess)

    @staticmethod
    def _check_rates(key: str, rates, model: QuadraticModel) -> None:
        cap = MAX_RATE_OVER_LIMIT * model.stability_limit
        for rate in rates:
            if rate > cap:
                raise FieldError(key, f"{exact_text(rate)} is more than {MAX_RATE_OVER_LIMIT} × 2/L = "
                                      f"{cap.decimal_text(4)}; larger rates only fly apart faster")


def bowl_in_view(model: QuadraticModel, run: Run) -> tuple[int, Fraction]:
    """How many iterates of ``run`` the bowl's view shows, and the level f − f* that view must hold.

    Iterates are drawn while f − f* stays within BOWL_VIEW_GROWTH² times its start (the distance in
    level terms within BOWL_VIEW_GROWTH times): a run flying apart is shown leaving, not followed.

    >>> from gdmath import descend, parse
    >>> bowl = parse("x^2 + 10y^2")
    >>> bowl_in_view(quadratic_model(bowl), descend(bowl, (4, 1), "0.09", 12))
    (13, Fraction(26, 1))
    >>> bowl_in_view(quadratic_model(bowl), descend(bowl, (4, 1), "0.15", 12))[0]
    3
    """
    lowest = run.objective(model.minimizer())
    excess = [value - lowest for value in run.values]
    limit = excess[0] * BOWL_VIEW_GROWTH ** 2
    visible = next((k for k, e in enumerate(excess) if e > limit), len(excess))
    return visible, max(excess[:visible])


#: How the runs' regimes order from calm to wild as α grows (gdmath decides each exactly).
CALM = (Regime.MONOTONE, Regime.ONE_STEP)


def runs_beats(runs: list[Run]) -> dict[str, str]:
    """The beats that compare the runs side by side, chosen so that what they say holds for these runs.

    "The paths are nothing alike" needs every run in a regime of its own; "the larger α, the wilder"
    fails between two runs that both creep down one side (there a larger α is only faster).

    >>> from gdmath import descend
    >>> runs = [descend("x^2", 5, rate, 6) for rate in ("0.1", "0.5", "0.75", "1", "1.05")]
    >>> runs_beats(runs)
    {'runs': 'runs', 'steps': 'steps', 'regimes': 'regimes', 'marks': 'marks'}
    >>> runs_beats(runs[:1])
    {'runs': 'runs_one', 'steps': 'steps_one', 'regimes': 'regimes_one', 'marks': 'marks_one'}
    >>> runs_beats([descend("x^2", 5, rate, 6) for rate in ("0.1", "0.2", "0.3")])["regimes"]
    'regimes_calm'
    """
    if len(runs) == 1:
        return {"runs": "runs_one", "steps": "steps_one", "regimes": "regimes_one", "marks": "marks_one"}
    regimes = [run.regime for run in runs]
    steps = "steps" if len(set(regimes)) == len(regimes) else "steps_differ"
    if all(regime in CALM for regime in regimes):
        regimes_beat = "regimes_calm"
    elif regimes.count(Regime.MONOTONE) <= 1:
        regimes_beat = "regimes"
    else:
        regimes_beat = "regimes_mixed"
    return {"runs": "runs", "steps": steps, "regimes": regimes_beat, "marks": "marks"}


def regime_word_key(run: Run, model: QuadraticModel) -> str:
    """The screen words under a run: a monotone run "creeps" only while it covers at most half the way per step.

    >>> from gdmath import descend, parse
    >>> model = quadratic_model(parse("x^2"))
    >>> [regime_word_key(descend("x^2", 5, rate, 6), model) for rate in ("0.1", "0.45", "0.75")]
    ['screen_regime_monotone', 'screen_regime_monotone_fast', 'screen_regime_oscillating']
    """
    if run.regime is Regime.MONOTONE and model.factors(run.learning_rate)[0] < Fraction(1, 2):
        return "screen_regime_monotone_fast"
    return f"screen_regime_{run.regime.value}"


def bowl_beats(model: QuadraticModel, run: Run) -> dict[str, str]:
    """The bowl's beats, chosen so that what they say holds for this bowl and this start.

    A round bowl (μ = L) has no steep direction and one factor; a start on an axis of the bowl moves
    along that one line; a gentle direction that overshoots too makes the path jump across the minimum.

    >>> from gdmath import descend, parse
    >>> bowl = quadratic_model(parse("x^2 + 10y^2"))
    >>> bowl_beats(bowl, descend("x^2 + 10y^2", "4,1", "0.09", 12))["path"]
    'path_oscillating'
    >>> bowl_beats(bowl, descend("x^2 + 10y^2", "4,0", "0.1", 12))["path"]       # only x moves: no bouncing
    'path_monotone'
    >>> round_bowl = quadratic_model(parse("x^2 + y^2"))
    >>> sorted(bowl_beats(round_bowl, descend("x^2 + y^2", "4,1", "0.75", 12)).values())
    ['bowl_factors_round', 'cap_round', 'curvatures_round', 'pace_round', 'path_oscillating_line']
    """
    mu, big = model.eigenvalues
    alpha = run.learning_rate
    gradient = run.objective.gradient_at(run.points[0])
    (p, q), (_, r) = model.hessian
    turned = (p * gradient[0] + q * gradient[1], q * gradient[0] + r * gradient[1])
    # The first gradient is an eigenvector of H exactly when H turns it into a multiple of itself:
    # then every step stays on one line through the minimum, and only its eigenvalue matters.
    one_line = turned[0] * gradient[1] - turned[1] * gradient[0] == 0
    if one_line:
        present = (turned[0] * gradient[0] + turned[1] * gradient[1]) / (gradient[0] ** 2 + gradient[1] ** 2)
        steep = mu < big and present == big
    else:
        steep = True
    regime = run.regime
    path = f"path_{regime.value}"
    if regime is Regime.OSCILLATING:
        if one_line:
            path = "path_oscillating_line"
        elif 1 - alpha * mu <= 0:
            path = "path_oscillating_across"
    elif regime in (Regime.CYCLE, Regime.DIVERGING) and not steep:
        path = f"path_{regime.value}_line"
    if mu == big:
        return {"path": path, "curvatures": "curvatures_round", "bowl_factors": "bowl_factors_round",
                "cap": "cap_round", "pace": "pace_round"}
    return {"path": path, "curvatures": "curvatures", "bowl_factors": "bowl_factors", "cap": "cap", "pace": "pace"}


class LearningRateRegimes(NarratedScene):
    """Why the path depends on α: five runs at once, the exact thresholds, and a bowl that zig-zags."""

    parameters = LearningRateParameters()
    script_name = "learning_rate"

    def construct(self):
        self.introduce()
        columns = RunColumns(len(self.plan.runs))
        plots, labels, readouts = self.start_runs(columns)
        readouts = self.play_runs(plots, readouts, columns)
        words = self.name_regimes(columns)
        formula, factors = self.show_factor(plots, words, readouts, columns)
        line = self.draw_rate_line(formula)
        self.explain_overshoot(line)
        self.mark_runs_on_line(line, factors, VGroup(*plots, labels, words, factors))
        view, shown, dot = self.show_bowl()
        path = self.walk_bowl(view, dot)
        self.show_curvatures(view, shown)
        slow_line = self.show_bowl_factors(shown)
        self.show_bowl_limit(shown)
        self.show_pace(slow_line, shown)
        self.sum_up(VGroup(shown, path, dot))

    def record_extra(self) -> dict:
        return self.plan.regimes()

    # -- part 1: the runs side by side -----------------------------------------------------------
    def introduce(self):
        self.mark_part("runs")
        self.say("intro")
        intro = AlphaInTheRule(self.words)
        self.play(FadeIn(intro.title), Write(intro.rule), run_time=1.4)
        self.play(Create(intro.pointer), FadeIn(intro.word), run_time=0.7)
        self.hold(2.4)
        self.play(FadeOut(intro), run_time=0.6)

    def start_runs(self, columns: RunColumns):
        plan = self.plan
        alpha = self.shown("alpha (caption)", plan.rates[0])
        self.say(plan.runs_said["runs"], function=self.shown_polynomial("f", plan.flat, latex=False),
                 x0=self.shown("x_0", plan.start), count=self.shown("runs", len(plan.runs)), alpha=alpha)
        plots = [ParabolaPanel(ParabolaView(run, plan.flat_model), box, 0)
                 for run, box in zip(plan.runs, columns.big_boxes())]
        labels, readouts = VGroup(), []
        for i, (run, x) in enumerate(zip(plan.runs, columns.centres)):
            labels.add(RateLabel(self.shown(f"alpha[{i}]", run.learning_rate), x=x))
            readouts.append(self.readout(columns, i, 0))
        self.play(LaggedStart(*(FadeIn(VGroup(p[:5], label)) for p, label in zip(plots, labels)), lag_ratio=0.15),
                  run_time=1.6)
        self.play(*(FadeIn(VGroup(plot[5:], readout)) for plot, readout in zip(plots, readouts)), run_time=0.6)
        self.wait(1.6)
        return plots, labels, readouts

    def readout(self, columns: RunColumns, i: int, k: int) -> Readout:
        value = self.shown(f"x_{k}[{i}]", self.plan.runs[i].points[k][0])
        return Readout(k, value, x=columns.centres[i], panel_width=columns.width)

    def play_runs(self, plots: list[ParabolaPanel], readouts: list[Readout], columns: RunColumns) -> list[Readout]:
        self.say(self.plan.runs_said["steps"])
        for k in range(self.plan.steps):
            steps = [plot.advance(k) for plot in plots]
            self.add(*(ghost for _, ghosts in steps for ghost in ghosts))
            self.play(*(move for moves, _ in steps for move in moves), run_time=0.8 if k < 2 else 0.6)
            self.remove(*readouts)
            readouts = [self.readout(columns, i, k + 1) for i in range(len(plots))]
            self.add(*readouts)
            self.wait(0.15)
        self.wait(0.8)
        return readouts

    def name_regimes(self, columns: RunColumns) -> VGroup:
        self.say(self.plan.runs_said["regimes"])
        words = VGroup(*(RegimeWord(self.script.line(key, self.language), REGIME_COLORS[run.regime], x=x,
                                    panel_width=columns.width, font=self.font)
                         for run, key, x in zip(self.plan.runs, self.plan.regime_words, columns.centres)))
        self.play(LaggedStart(*(FadeIn(word, shift=word.rise) for word in words), lag_ratio=0.2), run_time=1.4)
        self.wait(2.8)
        return words

    # -- part 2: the factor and the α line -------------------------------------------------------
    def show_factor(self, plots: list[ParabolaPanel], words: VGroup, readouts: list[Readout], columns: RunColumns):
        self.mark_part("line")
        model, boxes = self.plan.flat_model, columns.small_boxes()
        self.say("factor", curvature=self.shown("lambda", model.eigenvalues[0]))
        moves = [(plot.move_into(box, self.plan.steps), word.animate.place_under(box))
                 for plot, word, box in zip(plots, words, boxes)]
        self.play(*(move for pair in moves for move in pair), *(FadeOut(r) for r in readouts), run_time=1.2)
        formula = FactorFormula(self.shown("lambda", model.eigenvalues[0]))
        self.play(Write(formula), run_time=1.2)
        self.wait(1.2)
        texts = [self.shown(f"factor[{i}]", factor) for i, factor in enumerate(self.plan.factors)]
        factors = VGroup(*(FactorLabel(text, x=box.x, panel_width=columns.width) for text, box in zip(texts, boxes)))
        self.play(LaggedStart(*(FadeIn(label) for label in factors), lag_ratio=0.15), run_time=1.2)
        self.wait(1.6)
        return formula, factors

    def rate_line(self, model: QuadraticModel, rates, prefix: str, **layout) -> RateLine:
        """The α line of ``model``, its 0 and thresholds recorded as shown under ``prefix``."""
        zero = self.shown(prefix + "0", Fraction(0))
        texts = {label: self.shown(prefix + label, value) for label, value in thresholds(model)}
        return RateLine(model, rates, zero, texts, self.words, **layout)

    def draw_rate_line(self, formula: FactorFormula) -> RateLine:
        line = self.rate_line(self.plan.flat_model, self.plan.rates, "")
        self.say("limit", limit=self.shown("2/L (caption)", self.plan.flat_model.stability_limit))
        self.play(FadeOut(formula), Create(line.axis), run_time=1.0)
        self.play(*line.show_limit(), run_time=1.0)
        self.wait(2.6)
        return line

    def explain_overshoot(self, line: RateLine):
        self.say("overshoot", best=self.shown("1/L (caption)", self.plan.flat_model.fastest_monotone),
                 limit=self.shown("2/L (caption)", self.plan.flat_model.stability_limit))
        self.play(*line.show_below_limit(), run_time=1.2)
        self.wait(3.0)

    def mark_runs_on_line(self, line: RateLine, factors: VGroup, panels: VGroup):
        texts = [self.shown(f"factor[{i}] (caption)", factor) for i, factor in enumerate(self.plan.factors)]
        self.say(self.plan.runs_said["marks"], factors=", ".join(texts))
        marks = RunMarks(line, self.plan.runs, factors)
        self.play(*marks.show(), run_time=1.4)
        self.hold(3.4)
        self.play(FadeOut(VGroup(panels, marks, line)), run_time=0.8)

    # -- part 3: the bowl ----------------------------------------------------------------------
    def show_bowl(self) -> tuple[BowlView, VGroup, Dot]:
        self.mark_part("bowl")
        plan = self.plan
        x0, y0 = (self.shown(f"bowl {name}_0", c) for name, c in zip("xy", plan.bowl_start))
        alpha = self.shown("bowl alpha", plan.bowl_rate)
        self.say("bowl", bowl=self.shown_polynomial("f (bowl)", plan.bowl, latex=False), x0=x0, y0=y0, alpha=alpha)
        view = BowlView(plan.bowl_model, plan.bowl_view_excess)
        plot, start = BowlPlot(view), BowlStart(view, plan.bowl_start, x0, y0)
        label, alpha_line = BowlFact.function(self.shown_polynomial("f (bowl)", plan.bowl)), BowlFact.rate(alpha)
        self.play(*plot.show(), FadeIn(label), run_time=1.6)
        self.play(FadeIn(start.dot, scale=0.5), FadeIn(start.label), FadeIn(alpha_line), run_time=0.7)
        self.wait(1.6)
        return view, VGroup(plot, label, alpha_line, start.label), start.dot

    def walk_bowl(self, view: BowlView, dot: Dot) -> BowlPath:
        self.say(self.plan.bowl_said["path"], steps=self.shown("bowl steps", self.plan.bowl_steps))
        path = BowlPath(view, self.plan.bowl_run.points[:self.plan.bowl_in_view])
        for k, (segment, ghost, end) in enumerate(path.steps()):
            self.add(ghost)
            self.play(Create(segment), dot.animate.move_to(end), run_time=0.7 if k < 3 else 0.4)
        self.wait(1.0)
        return path

    def show_curvatures(self, view: BowlView, shown: VGroup):
        model = self.plan.bowl_model
        mu, big = (self.shown(f"bowl {name}", value) for name, value in zip(("mu", "L"), model.eigenvalues))
        kappa = self.shown("bowl kappa", model.condition_number)
        self.say(self.plan.bowl_said["curvatures"], mu=mu, L=big, kappa=kappa)
        arrows, values, condition = CurvatureArrows(view), BowlFact.curvatures(mu, big), BowlFact.condition(kappa)
        self.play(LaggedStart(*(Create(arrow) for arrow in arrows), lag_ratio=0.3), FadeIn(values), run_time=1.4)
        self.wait(1.2)
        self.play(FadeIn(condition), run_time=0.6)
        self.wait(1.8)
        shown.add(arrows, values, condition)

    def show_bowl_factors(self, shown: VGroup) -> BowlFact:
        factors = zip(("mu", "L"), self.plan.bowl_model.factors(self.plan.bowl_rate))
        slow, fast = (self.shown(f"bowl |1-alpha {name}|", factor) for name, factor in factors)
        self.say(self.plan.bowl_said["bowl_factors"], slow=slow, fast=fast)
        slow_line, fast_line = BowlFact.factors(slow, fast)
        self.play(FadeIn(slow_line), run_time=0.6)
        self.play(FadeIn(fast_line), run_time=0.6)
        self.wait(2.6)
        shown.add(slow_line, fast_line)
        return slow_line

    def show_bowl_limit(self, shown: VGroup):
        model, run = self.plan.bowl_model, self.plan.bowl_run
        self.say(self.plan.bowl_said["cap"], limit=self.shown("bowl 2/L", model.stability_limit))
        line = self.rate_line(model, [run.learning_rate], "bowl ", y=BOWL_LINE_Y)
        dot = line.get_dot(run.learning_rate, run.regime)
        tag = AlphaTag(dot)
        self.play(Create(line.axis), FadeIn(line.bands), FadeIn(line.names), run_time=1.0)
        self.play(Create(line.ticks), FadeIn(line.labels), FadeIn(dot), FadeIn(tag), run_time=1.0)
        self.wait(2.8)
        shown.add(line, dot, tag)

    def show_pace(self, slow_line: BowlFact, shown: VGroup):
        best = self.shown("bowl 2/(mu+L) (caption)", self.plan.bowl_model.best_step)
        rate = self.shown("bowl (L-mu)/(L+mu)", self.plan.bowl_pace)
        self.say(self.plan.bowl_said["pace"], best=best, rate=rate)
        line = BowlFact.pace(rate)
        self.play(FadeIn(line), Indicate(slow_line, color=MU_COLOR, scale_factor=1.08), run_time=1.2)
        self.wait(3.4)
        shown.add(line)

    # -- part 4 --------------------------------------------------------------------------------
    def sum_up(self, bowl: VGroup):
        self.mark_part("summary")
        self.say("summary")
        self.play(FadeOut(bowl), run_time=0.8)
        self.play(*SummaryLegend(self.words).show(), run_time=2.2)
        self.wait(4.5)


LearningRateRegimes = apply_variant(LearningRateRegimes)
