"""The learning rate: runs side by side, the exact thresholds 1/L and 2/L, and a narrow bowl."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP,
                   Create, DashedLine, Dot, FadeIn, FadeOut, Indicate, LaggedStart, Line, MarkupText,
                   MathTex, Rectangle, Text, Transform, VGroup, VMobject, Write, config)

from gdmath import (Polynomial, QuadraticModel, Regime, Run, Surd, as_learning_rate, as_point, descend,
                    exact_text, parse, quadratic_model)
from scenes.kit.narration import NarratedScene
from scenes.kit.plotting import float_function, level_ellipse
from scenes.kit.style import (AXIS_COLOR, DESCENT_COLOR, FONT, FRAME_MARGIN, FUNCTION_COLOR, L_COLOR, LEVEL_COLOR,
                              MU_COLOR, MUTED_COLOR, REGIME_COLORS, TEXT_COLOR, number_text)
from scenes.kit.variants import (FieldError, SceneParameters, apply_variant, check_field, check_function,
                                 check_run_drawable)

__all__ = ["LearningRateParameters", "LearningRateRegimes", "iterate_tables", "runs_beats", "regime_word_key",
           "bowl_beats"]

#: Panels that fit side by side, and steps a small panel can show without its points piling up.
MAX_RUNS = 6
MAX_PANEL_STEPS = 8
MAX_BOWL_STEPS = 30
#: Rates beyond this multiple of 2/L only fly apart faster, and would squash the α line.
MAX_RATE_OVER_LIMIT = 2
#: A bowl run is drawn while it stays within this many times its starting distance (in level terms).
BOWL_VIEW_GROWTH = 3


FRAME_RIGHT = config.frame_width / 2 - FRAME_MARGIN
#: Heights of the α lines: under the small panels, and under the bowl.
LINE_Y = -0.95
BOWL_LINE_Y = -1.3
FRAME_TOP = config.frame_height / 2 - FRAME_MARGIN


def positive_curvature_model(polynomial: Polynomial, key: str) -> QuadraticModel:
    """The quadratic model of a bowl-shaped ``polynomial``, or a FieldError naming ``key``."""
    if not polynomial.is_quadratic:
        raise FieldError(key, f"{polynomial} has degree {polynomial.degree}: the thresholds need a quadratic")
    model = quadratic_model(polynomial)
    if not model.is_positive_definite:
        raise FieldError(key, f"{polynomial} is not bowl-shaped (curvatures {', '.join(map(str, model.eigenvalues))});"
                              " every curvature must be greater than 0")
    return model


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

    def check(self) -> None:
        super().check()
        flat = check_function("function", self.function, 1)
        model = positive_curvature_model(flat, "function")
        start = check_field("start", as_point, self.start, 1)
        if start == model.minimizer():
            raise FieldError("start", f"{self.start} is the minimum itself: no run would move")
        if not 1 <= len(self.learning_rates) <= MAX_RUNS:
            raise FieldError("learning_rates", f"must list 1 to {MAX_RUNS} rates (what fits side by side), "
                                               f"not {len(self.learning_rates)}")
        rates = [check_field("learning_rates", as_learning_rate, rate) for rate in self.learning_rates]
        if len(set(rates)) != len(rates):
            raise FieldError("learning_rates", "lists the same rate twice")
        self._check_rates("learning_rates", rates, model)
        bowl = check_function("bowl", self.bowl, 2)
        bowl_model = positive_curvature_model(bowl, "bowl")
        bowl_start = check_field("bowl_start", as_point, self.bowl_start, 2)
        if bowl_start == bowl_model.minimizer():
            raise FieldError("bowl_start", f"({self.bowl_start}) is the minimum itself: the run would not move")
        self._check_rates("bowl_learning_rate", [check_field("bowl_learning_rate", as_learning_rate,
                                                             self.bowl_learning_rate)], bowl_model)
        for key, limit in (("steps", MAX_PANEL_STEPS), ("bowl_steps", MAX_BOWL_STEPS)):
            steps = getattr(self, key)
            if isinstance(steps, bool) or not isinstance(steps, int) or not 1 <= steps <= limit:
                raise FieldError(key, f"must be a whole number from 1 to {limit} (what fits on screen), not {steps!r}")
        # Panels widen with their runs, and draw f across the view: every number must stay drawable.
        for key, run in iterate_tables(self).items():
            check_run_drawable("bowl_start" if key == "bowl" else "start", run)

    @staticmethod
    def _check_rates(key: str, rates: list[Fraction], model: QuadraticModel) -> None:
        cap = MAX_RATE_OVER_LIMIT * model.stability_limit
        for rate in rates:
            if rate > cap:
                raise FieldError(key, f"{exact_text(rate)} is more than {MAX_RATE_OVER_LIMIT} × 2/L = "
                                      f"{cap.decimal_text(4)}; larger rates only fly apart faster")


def iterate_tables(parameters: LearningRateParameters) -> dict[str, Run]:
    """The runs this scene shows, by part: published beside the video as CSV and JSON."""
    tables = {f"run-{i + 1}": descend(parameters.function, parameters.start, rate, parameters.steps)
              for i, rate in enumerate(parameters.learning_rates)}
    tables["bowl"] = descend(parameters.bowl, parameters.bowl_start, parameters.bowl_learning_rate,
                             parameters.bowl_steps)
    return tables


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


@dataclass(frozen=True)
class Box:
    """A rectangle on screen: centre and size, in frame units."""

    x: float
    y: float
    width: float
    height: float


class ParabolaView:
    """How one 1D run is drawn in a box: x fits the run so far, y fits the parabola over it.

    A run flying apart widens its view step by step; the tick at x₀ then slides in, which shows it.
    """

    def __init__(self, run: Run, model: QuadraticModel):
        self.run = run
        self.f = float_function(run.objective)
        self.centre = float(model.minimizer()[0])
        self.bottom = self.f(self.centre)
        offsets = [abs(float(p[0]) - self.centre) for p in run.points]
        #: reaches[k]: half the width of the view after k steps.
        self.reaches = [max(offsets[:k + 1]) * 1.12 for k in range(len(offsets))]

    def mapping(self, box: Box, view: int):
        reach = self.reaches[view]
        top = self.f(self.centre + reach)

        def to_screen(x: float, y: float) -> np.ndarray:
            u = (x - self.centre) / (2 * reach)
            v = (y - self.bottom) / (top - self.bottom)
            return np.array([box.x + u * box.width, box.y + (v - 0.5) * box.height, 0.0])
        return to_screen

    def point(self, box: Box, k: int, view: int) -> np.ndarray:
        x = float(self.run.points[k][0])
        return self.mapping(box, view)(x, self.f(x))

    def draw(self, box: Box, k: int, start_label: bool = True) -> VGroup:
        """The panel after k steps: parabola, floor, the tick at x₀, the path so far and the current point.

        The parts keep the same structure for every box and step, so a Transform can move or widen a panel.
        """
        to_screen = self.mapping(box, k)
        reach = self.reaches[k]
        xs = np.linspace(self.centre - reach, self.centre + reach, 61)
        curve = VMobject(stroke_color=FUNCTION_COLOR, stroke_width=3).set_points_smoothly(
            [to_screen(x, self.f(x)) for x in xs])
        floor = Line(to_screen(self.centre - reach, self.bottom), to_screen(self.centre + reach, self.bottom),
                     color=AXIS_COLOR, stroke_width=1.5)
        minimum = Line(to_screen(self.centre, self.bottom) + 0.08 * DOWN, to_screen(self.centre, self.bottom) + 0.08 * UP,
                       color=AXIS_COLOR, stroke_width=2)
        start = to_screen(float(self.run.points[0][0]), self.bottom)
        tick = Line(start + 0.08 * DOWN, start + 0.08 * UP, color=DESCENT_COLOR, stroke_width=2)
        tick_label = MathTex("x_0", font_size=24, color=DESCENT_COLOR).next_to(tick, DOWN, buff=0.06)
        tick_label.set_opacity(1 if start_label else 0)
        points = [self.point(box, j, k) for j in range(k + 1)]
        segments = VGroup(*(self.segment(a, b) for a, b in zip(points, points[1:])))
        ghosts = VGroup(*(self.ghost(p) for p in points[:-1]))
        dot = Dot(points[-1], radius=0.07, color=DESCENT_COLOR).set_z_index(3)
        return VGroup(curve, floor, minimum, tick, tick_label, segments, ghosts, dot)

    @staticmethod
    def segment(a, b) -> Line:
        return Line(a, b, color=DESCENT_COLOR, stroke_width=2.5, stroke_opacity=0.75)

    @staticmethod
    def ghost(p) -> Dot:
        return Dot(p, radius=0.04, color=DESCENT_COLOR, fill_opacity=0.5).set_z_index(2)


class LearningRateRegimes(NarratedScene):
    """Why the path depends on α: five runs at once, the exact thresholds, and a bowl that zig-zags."""

    parameters = LearningRateParameters()
    script_name = "learning_rate"

    def setup(self):
        super().setup()
        p = self.parameters
        self.flat = parse(p.function)
        self.flat_model = quadratic_model(self.flat)
        self.runs: list[Run] = [descend(self.flat, p.start, rate, p.steps) for rate in p.learning_rates]
        self.bowl = parse(p.bowl)
        self.bowl_model = quadratic_model(self.bowl)
        self.bowl_run: Run = descend(self.bowl, p.bowl_start, p.bowl_learning_rate, p.bowl_steps)
        self.runs_said = runs_beats(self.runs)
        self.bowl_said = bowl_beats(self.bowl_model, self.bowl_run)
        self.surds_shown: list[dict] = []

    def construct(self):
        self.introduce()
        self.start_runs()
        self.play_runs()
        self.name_regimes()
        self.show_factor()
        self.draw_rate_line()
        self.explain_overshoot()
        self.mark_runs_on_line()
        self.show_bowl()
        self.walk_bowl()
        self.show_curvatures()
        self.show_bowl_factors()
        self.show_bowl_limit()
        self.show_pace()
        self.sum_up()

    # -- numbers -------------------------------------------------------------------------------
    def exact(self, label: str, value) -> str:
        """Record and return the text of a number shown: a Fraction, or a Surd from gdmath.

        An irrational surd is shown as a decimal; its exact text goes to the record's ``surds``.
        """
        if isinstance(value, Surd):
            if value.is_rational:
                return self.shown(label, value.as_fraction())
            text = number_text(value)
            self.surds_shown.append({"label": label, "exact": str(value), "text": text, "time": self.time})
            return text
        return self.shown(label, Fraction(value))

    def record_extra(self) -> dict:
        return {
            "surds": self.surds_shown,
            "regimes": [{"alpha": exact_text(run.learning_rate), "regime": run.regime.value} for run in self.runs],
            "bowl_regime": self.bowl_run.regime.value,
        }

    # -- part 1: the runs side by side -----------------------------------------------------------
    def introduce(self):
        self.mark_part("runs")
        self.say("intro")
        title = self.words("screen_title", font_size=40)
        rule = MathTex(r"\theta", r"\leftarrow", r"\theta", "-", r"\alpha", r"\nabla f(\theta)", font_size=56)
        rule[4].set_color(DESCENT_COLOR)
        rule.next_to(title, DOWN, buff=0.9)
        alpha_word = self.words("screen_alpha", font_size=28, color=DESCENT_COLOR)
        alpha_word.next_to(rule[4], DOWN, buff=0.7)
        VGroup(title, rule, alpha_word).move_to([0, 0.55, 0])
        pointer = Line(alpha_word.get_top() + 0.08 * UP, rule[4].get_bottom() + 0.08 * DOWN, color=DESCENT_COLOR,
                       stroke_width=2)
        self.play(FadeIn(title), Write(rule), run_time=1.4)
        self.play(Create(pointer), FadeIn(alpha_word), run_time=0.7)
        self.wait(2.4)
        self.play(FadeOut(VGroup(title, rule, alpha_word, pointer)), run_time=0.6)

    def columns(self) -> list[float]:
        n = len(self.runs)
        pitch = (2 * FRAME_RIGHT) / n
        return [-FRAME_RIGHT + pitch * (i + 0.5) for i in range(n)]

    def panel_width(self) -> float:
        return min(2.4, 2 * FRAME_RIGHT / len(self.runs) - 0.35)

    def start_runs(self):
        first = self.runs[0].iterates[0]
        alpha = self.exact("alpha (caption)", self.runs[0].learning_rate)
        self.say(self.runs_said["runs"], function=self.shown_polynomial("f", self.flat, latex=False),
                 x0=self.exact("x_0", first.point[0]), count=self.shown("runs", len(self.runs)), alpha=alpha)
        width = self.panel_width()
        self.views = [ParabolaView(run, self.flat_model) for run in self.runs]
        self.big_boxes = [Box(x, 1.15, width, 3.8) for x in self.columns()]
        self.plots = [view.draw(box, 0) for view, box in zip(self.views, self.big_boxes)]
        self.alpha_labels = VGroup()
        self.readouts = []
        for i, (run, box) in enumerate(zip(self.runs, self.big_boxes)):
            label = MathTex(r"\alpha", "= " + self.exact(f"alpha[{i}]", run.learning_rate), font_size=34)
            label[0].set_color(DESCENT_COLOR)
            label.move_to([box.x, 3.55, 0])
            self.alpha_labels.add(label)
            self.readouts.append(self.get_readout(i, 0))
        self.play(LaggedStart(*(FadeIn(VGroup(plot[:5], label)) for plot, label in zip(self.plots, self.alpha_labels)),
                              lag_ratio=0.15), run_time=1.6)
        self.play(*(FadeIn(VGroup(plot[5:], readout)) for plot, readout in zip(self.plots, self.readouts)),
                  run_time=0.6)
        self.wait(1.6)

    def get_readout(self, i: int, k: int) -> MarkupText:
        value = self.exact(f"x_{k}[{i}]", self.runs[i].points[k][0])
        readout = MarkupText(f"x<sub>{k}</sub> = {value}", font=FONT, font_size=24, color=DESCENT_COLOR)
        readout.move_to([self.big_boxes[i].x, -1.38, 0])
        if readout.width > self.panel_width() + 0.2:
            readout.scale_to_fit_width(self.panel_width() + 0.2)
        return readout

    def play_runs(self):
        self.say(self.runs_said["steps"])
        for k in range(self.parameters.steps):
            animations = []
            for view, box, plot in zip(self.views, self.big_boxes, self.plots):
                if view.reaches[k + 1] > view.reaches[k]:
                    # Flying apart: the view widens while the point moves.
                    animations.append(Transform(plot, view.draw(box, k + 1)))
                    continue
                segment = view.segment(view.point(box, k, k), view.point(box, k + 1, k))
                ghost = view.ghost(view.point(box, k, k))
                plot[5].add(segment)
                plot[6].add(ghost)
                self.add(ghost)
                animations += [Create(segment), plot[7].animate.move_to(view.point(box, k + 1, k))]
            self.play(*animations, run_time=0.8 if k < 2 else 0.6)
            for i in range(len(self.runs)):
                readout = self.get_readout(i, k + 1)
                self.remove(self.readouts[i])
                self.add(readout)
                self.readouts[i] = readout
            self.wait(0.15)
        self.wait(0.8)

    def regime_word(self, run: Run, width: float) -> VMobject:
        """The regime's name in the panel's colour: one line, or two when one would not fit the panel."""
        options = {"font_size": 24, "color": REGIME_COLORS[run.regime]}
        key = regime_word_key(run, self.flat_model)
        word = self.words(key, **options)
        if word.width > width:
            text = self.script.line(key, self.language)
            spaces = [i for i, c in enumerate(text) if c == " "]
            if spaces:
                cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
                word = VGroup(*(Text(half, font=FONT, **options) for half in (text[:cut], text[cut + 1:])))
                word.arrange(DOWN, buff=0.1)
            if word.width > width:
                word.scale_to_fit_width(width)
        return word

    def name_regimes(self):
        self.say(self.runs_said["regimes"])
        self.regime_words = VGroup()
        for run, box in zip(self.runs, self.big_boxes):
            word = self.regime_word(run, self.panel_width() + 0.25)
            word.move_to([box.x, 0, 0]).align_to(np.array([0, -1.68, 0]), UP)
            self.regime_words.add(word)
        self.play(LaggedStart(*(FadeIn(word, shift=0.15 * UP) for word in self.regime_words), lag_ratio=0.2),
                  run_time=1.4)
        self.wait(2.8)

    # -- part 2: the factor and the α line -------------------------------------------------------
    def show_factor(self):
        self.mark_part("line")
        curvature = self.flat_model.eigenvalues[0]
        self.say("factor", curvature=self.exact("lambda", curvature))
        width = self.panel_width()
        small_boxes = [Box(x, 2.52, width, 1.3) for x in self.columns()]
        moves = []
        for i, (view, box, plot) in enumerate(zip(self.views, small_boxes, self.plots)):
            moves.append(Transform(plot, view.draw(box, self.parameters.steps, start_label=False)))
            moves.append(self.regime_words[i].animate.move_to([box.x, 0, 0]).align_to(
                np.array([0, box.y - box.height / 2 - 0.15, 0]), UP))
        self.play(*moves, *(FadeOut(r) for r in self.readouts), run_time=1.2)
        formula = MathTex(r"x_{k+1} - x^{*}", "=", r"(1 - \alpha\lambda)", r"\,(x_k - x^{*})", font_size=40)
        formula[2].set_color(DESCENT_COLOR)
        curvature_tex = MathTex(r"\lambda = f'' = " + self.exact("lambda", curvature), font_size=36, color=FUNCTION_COLOR)
        self.formula = VGroup(formula, curvature_tex).arrange(RIGHT, buff=0.8).move_to([0, -0.55, 0])
        self.play(Write(self.formula), run_time=1.2)
        self.wait(1.2)
        self.factor_labels = VGroup()
        for i, (run, box) in enumerate(zip(self.runs, small_boxes)):
            factor = self.flat_model.factors(run.learning_rate)[0]
            label = MathTex(r"|1 - \alpha\lambda| = " + self.exact(f"factor[{i}]", factor), font_size=28)
            if label.width > width + 0.25:
                label.scale_to_fit_width(width + 0.25)
            label.move_to([box.x, 0.62, 0])
            self.factor_labels.add(label)
        self.play(LaggedStart(*(FadeIn(label) for label in self.factor_labels), lag_ratio=0.15), run_time=1.2)
        self.wait(1.6)

    def thresholds(self, model: QuadraticModel, prefix: str) -> list[tuple[str, Surd, str]]:
        """(TeX, exact value, text shown) of 1/L, 2/(μ+L) and 2/L; equal ones share a label (in 1D 1/L = 2/(μ+L))."""
        named = [(r"1/L", "1/L", model.fastest_monotone), (r"2/(\mu+L)", "2/(mu+L)", model.best_step),
                 (r"2/L", "2/L", model.stability_limit)]
        merged: list[tuple[list[str], Surd, str]] = []
        for tex, label, value in named:
            text = self.exact(prefix + label, value)
            if merged and merged[-1][1] == value:
                merged[-1][0].append(tex)
            else:
                merged.append(([tex], value, text))
        return [(" = ".join(texs), value, text) for texs, value, text in merged]

    def get_rate_line(self, model: QuadraticModel, rates: list[Fraction], y: float, prefix: str):
        """The α axis from 0 at height ``y``; below it, bands coloured by regime and the exact thresholds."""
        limit = model.stability_limit
        top = max([float(limit)] + [float(r) for r in rates]) * 1.2
        left, right = -FRAME_RIGHT + 0.45, FRAME_RIGHT - 0.55

        def to_x(alpha) -> float:
            return left + (float(alpha) / top) * (right - left)

        # The band hangs below the axis, so the runs' dots on the axis never cover the region names.
        band_height = 0.46
        band_y = y - band_height / 2
        axis = Line([left, y, 0], [right, y, 0], color=AXIS_COLOR, stroke_width=2)
        alpha_name = MathTex(r"\alpha", font_size=36, color=DESCENT_COLOR).next_to(axis, RIGHT, buff=0.12)
        zero = MathTex(self.exact(prefix + "0", Fraction(0)), font_size=28)
        zero.next_to([left, y - band_height, 0], DOWN, buff=0.12)
        edges = [0.0, float(model.fastest_monotone), float(limit), top]
        regions = [Regime.MONOTONE, Regime.OSCILLATING, Regime.DIVERGING]
        bands, names = VGroup(), VGroup()
        for regime, a, b in zip(regions, edges, edges[1:]):
            band = Rectangle(width=to_x(b) - to_x(a), height=band_height, stroke_width=0,
                             fill_color=REGIME_COLORS[regime], fill_opacity=0.28)
            band.move_to([(to_x(a) + to_x(b)) / 2, band_y, 0])
            bands.add(band)
            name = self.words(f"screen_region_{regime.value}", font_size=22, color=REGIME_COLORS[regime])
            if name.width > band.width - 0.15:
                name.scale_to_fit_width(max(band.width - 0.15, 0.1))
            names.add(name.move_to(band))
        ticks, labels = VGroup(), []
        for tex, value, text in self.thresholds(model, prefix):
            x = to_x(value)
            ticks.add(Line([x, y + 0.12, 0], [x, y - band_height - 0.04, 0], color=TEXT_COLOR, stroke_width=2.5))
            labels.append((x, MathTex(tex + " = " + text, font_size=28)))
        stacked = self.stack_below(labels, y - band_height - 0.1)
        return {"to_x": to_x, "axis": VGroup(axis, alpha_name, zero), "bands": bands, "names": names,
                "ticks": ticks, "labels": stacked}

    @staticmethod
    def stack_below(items: list[tuple[float, MathTex]], top: float) -> VGroup:
        """Labels under their x, in the highest row where they overlap nothing, each with a leader line.

        A label pushed to a lower row has its leader pass through the rows above; a label there
        in the way slides left (still over its own x) to let it through.
        """
        gap, row_height = 0.25, 0.48
        placed: list[tuple[float, MathTex, int]] = []
        for x, label in sorted(items, key=lambda item: item[0]):
            label.move_to([x, 0, 0])
            label.shift((max(0.0, -FRAME_RIGHT - label.get_left()[0]) - max(0.0, label.get_right()[0] - FRAME_RIGHT)) * RIGHT)
            row = 0
            while any(r == row and label.get_left()[0] < other.get_right()[0] + gap for _, other, r in placed):
                row += 1
            label.set_y(top - 0.2 - row * row_height)
            for other_x, other, other_row in placed:
                if other_row < row and other.get_left()[0] - 0.1 < x < other.get_right()[0] + 0.1:
                    slide = other.get_right()[0] + 0.12 - x
                    if other.get_left()[0] - slide < other_x - 0.1 and other.get_left()[0] - slide > -FRAME_RIGHT:
                        other.shift(slide * LEFT)
            placed.append((x, label, row))
        group = VGroup()
        for x, label, _ in placed:
            leader = Line([x, top + 0.06, 0], [x, label.get_top()[1] + 0.04, 0], color=MUTED_COLOR, stroke_width=1.5)
            group.add(VGroup(leader, label))
        return group

    def draw_rate_line(self):
        limit = self.flat_model.stability_limit
        self.line = line = self.get_rate_line(self.flat_model, [r.learning_rate for r in self.runs], LINE_Y, "")
        self.say("limit", limit=self.exact("2/L (caption)", limit))
        self.play(FadeOut(self.formula), Create(line["axis"]), run_time=1.0)
        limit_index = len(line["ticks"]) - 1
        self.play(FadeIn(line["bands"][2]), FadeIn(line["names"][2]), Create(line["ticks"][limit_index]),
                  FadeIn(line["labels"][limit_index]), run_time=1.0)
        self.wait(2.6)

    def explain_overshoot(self):
        line = self.line
        self.say("overshoot", best=self.exact("1/L (caption)", self.flat_model.fastest_monotone),
                 limit=self.exact("2/L (caption)", self.flat_model.stability_limit))
        rest = range(len(line["ticks"]) - 1)
        self.play(FadeIn(line["bands"][:2]), FadeIn(line["names"][:2]),
                  *(Create(line["ticks"][j]) for j in rest), *(FadeIn(line["labels"][j]) for j in rest), run_time=1.2)
        self.wait(3.0)

    def mark_runs_on_line(self):
        factors = [self.exact(f"factor[{i}] (caption)", self.flat_model.factors(run.learning_rate)[0])
                   for i, run in enumerate(self.runs)]
        self.say(self.runs_said["marks"], factors=", ".join(factors))
        to_x, y = self.line["to_x"], LINE_Y
        dots, leaders = VGroup(), VGroup()
        for run, label in zip(self.runs, self.factor_labels):
            point = np.array([to_x(run.learning_rate), y, 0.0])
            dots.add(Dot(point, radius=0.085, color=REGIME_COLORS[run.regime]).set_z_index(4))
            leaders.add(DashedLine(label.get_bottom() + 0.06 * DOWN, point + 0.1 * UP, color=REGIME_COLORS[run.regime],
                                   stroke_width=1.8, dash_length=0.08))
        self.play(LaggedStart(*(Create(leader) for leader in leaders), lag_ratio=0.15),
                  FadeIn(dots), run_time=1.4)
        self.wait(3.4)
        everything = VGroup(*self.plots, self.alpha_labels, self.regime_words, self.factor_labels, dots, leaders,
                            *(line_part for key, line_part in self.line.items() if isinstance(line_part, VMobject)))
        self.play(FadeOut(everything), run_time=0.8)

    # -- part 3: the bowl ----------------------------------------------------------------------
    def bowl_geometry(self):
        """Float eigen-decomposition for drawing; which iterates stay in view; the screen mapping."""
        model, run = self.bowl_model, self.bowl_run
        hessian = np.array([[float(v) for v in row] for row in model.hessian])
        self.eigenvalues, self.eigenvectors = np.linalg.eigh(hessian)
        self.bowl_centre = np.array([float(c) for c in model.minimizer()])
        lowest = float(self.bowl(model.minimizer()))
        excess = [float(v) - lowest for v in run.values]
        limit = excess[0] * BOWL_VIEW_GROWTH ** 2
        self.bowl_visible = next((k for k, e in enumerate(excess) if e > limit), len(excess))
        self.view_excess = max(excess[:self.bowl_visible])
        inverse = np.linalg.inv(hessian)
        half = np.sqrt(2 * self.view_excess * np.diag(inverse)) * 1.12
        box = Box(-3.0, 1.55, 7.6, 4.3)
        self.bowl_scale = scale = min(box.width / (2 * half[0]), box.height / (2 * half[1]))
        origin = np.array([box.x, box.y])

        def to_screen(point) -> np.ndarray:
            xy = origin + scale * (np.asarray(point, dtype=float) - self.bowl_centre)
            return np.array([xy[0], xy[1], 0.0])

        self.to_bowl = to_screen

    def level_curve(self, excess: float) -> VMobject:
        """The level curve f = f* + excess of the bowl."""
        ellipse = level_ellipse(self.bowl, float(self.bowl(self.bowl_model.minimizer())) + excess)
        points = [self.to_bowl(ellipse(t)) for t in np.linspace(0, 2 * math.pi, 65)]
        return VMobject(stroke_color=LEVEL_COLOR, stroke_width=1.6, stroke_opacity=0.75).set_points_smoothly(points)

    def info_line(self, tex: str | list[str], index: int, **options) -> MathTex:
        """One line of the bowl's facts in the column right of the plot."""
        parts = [tex] if isinstance(tex, str) else tex
        line = MathTex(*parts, font_size=options.pop("font_size", 32), **options)
        line.move_to([1.95, 3.6 - 0.64 * index, 0], aligned_edge=LEFT)
        if line.get_right()[0] > FRAME_RIGHT:
            line.scale_to_fit_width(FRAME_RIGHT - 1.95).move_to([1.95, 3.6 - 0.64 * index, 0], aligned_edge=LEFT)
        return line

    def show_bowl(self):
        self.mark_part("bowl")
        run, first = self.bowl_run, self.bowl_run.iterates[0]
        x0, y0 = (self.exact(f"bowl {name}_0", c) for name, c in zip("xy", first.point))
        alpha = self.exact("bowl alpha", run.learning_rate)
        self.say("bowl", bowl=self.shown_polynomial("f (bowl)", self.bowl, latex=False), x0=x0, y0=y0, alpha=alpha)
        self.bowl_geometry()
        levels = VGroup(*(self.level_curve(self.view_excess * (j / 6) ** 2) for j in range(1, 7)))
        centre = self.to_bowl(self.bowl_centre)
        minimum = Dot(centre, radius=0.05, color=TEXT_COLOR)
        label = self.info_line("f(x, y) = " + self.shown_polynomial("f (bowl)", self.bowl), 0, color=FUNCTION_COLOR)
        alpha_line = self.info_line([r"\alpha", "= " + alpha], 1)
        alpha_line[0].set_color(DESCENT_COLOR)
        self.bowl_dot = Dot(self.to_bowl(first.point), radius=0.08, color=DESCENT_COLOR).set_z_index(5)
        start_label = MathTex(f"({x0},\\ {y0})", font_size=28, color=DESCENT_COLOR)
        start_label.next_to(self.bowl_dot, UP + RIGHT, buff=0.08)
        self.keep_in_frame(start_label)
        self.play(LaggedStart(*(Create(level) for level in levels), lag_ratio=0.1), FadeIn(minimum),
                  FadeIn(label), run_time=1.6)
        self.play(FadeIn(self.bowl_dot, scale=0.5), FadeIn(start_label), FadeIn(alpha_line), run_time=0.7)
        self.wait(1.6)
        self.bowl_parts = VGroup(levels, minimum, label, alpha_line, start_label)

    @staticmethod
    def keep_in_frame(mobject):
        if mobject.get_right()[0] > FRAME_RIGHT:
            mobject.shift((FRAME_RIGHT - mobject.get_right()[0]) * RIGHT)
        if mobject.get_left()[0] < -FRAME_RIGHT:
            mobject.shift((-FRAME_RIGHT - mobject.get_left()[0]) * RIGHT)
        if mobject.get_top()[1] > FRAME_TOP:
            mobject.shift((FRAME_TOP - mobject.get_top()[1]) * UP)

    def walk_bowl(self):
        run = self.bowl_run
        self.say(self.bowl_said["path"], steps=self.shown("bowl steps", self.parameters.bowl_steps))
        points = [self.to_bowl(p) for p in run.points[:self.bowl_visible]]
        self.bowl_path = VGroup()
        for k, (a, b) in enumerate(zip(points, points[1:])):
            segment = Line(a, b, color=DESCENT_COLOR, stroke_width=3)
            ghost = Dot(a, radius=0.045, color=DESCENT_COLOR, fill_opacity=0.6).set_z_index(4)
            self.bowl_path.add(segment, ghost)
            self.add(ghost)
            self.play(Create(segment), self.bowl_dot.animate.move_to(b), run_time=0.7 if k < 3 else 0.4)
        self.wait(1.0)

    def show_curvatures(self):
        model = self.bowl_model
        mu, big = model.eigenvalues
        texts = {"mu": self.exact("bowl mu", mu), "L": self.exact("bowl L", big),
                 "kappa": self.exact("bowl kappa", model.condition_number)}
        self.say(self.bowl_said["curvatures"], **texts)
        axes = VGroup()
        for index, (name, color) in enumerate(((r"\mu", MU_COLOR), ("L", L_COLOR))):
            direction = self.eigenvectors[:, index]
            if direction[0] < -1e-9 or (abs(direction[0]) < 1e-9 and direction[1] < 0):
                direction = -direction  # label the end on the right (or the top)
            reach = math.sqrt(2 * self.view_excess / self.eigenvalues[index]) * 1.08
            a, b = (self.to_bowl(self.bowl_centre + s * reach * direction) for s in (-1, 1))
            axis = DashedLine(a, b, color=color, stroke_width=2.5, dash_length=0.12)
            tag = MathTex(name, font_size=34, color=color)
            tag.move_to(b + 0.28 * np.array([*direction, 0.0]) / max(np.linalg.norm(direction), 1e-9))
            self.keep_in_frame(tag)  # a tall bowl's L axis ends at the top of the frame
            axes.add(VGroup(axis, tag))
        values = self.info_line([r"\mu", "= " + texts["mu"] + r",\quad", "L", "= " + texts["L"]], 2)
        values[0].set_color(MU_COLOR)
        values[2].set_color(L_COLOR)
        kappa = self.info_line(rf"\kappa = L/\mu = {texts['kappa']}", 3)
        self.play(LaggedStart(*(Create(axis) for axis in axes), lag_ratio=0.3), FadeIn(values), run_time=1.4)
        self.wait(1.2)
        self.play(FadeIn(kappa), run_time=0.6)
        self.wait(1.8)
        self.bowl_parts.add(axes, values, kappa)

    def show_bowl_factors(self):
        alpha = self.bowl_run.learning_rate
        slow, fast = self.bowl_model.factors(alpha)
        texts = {"slow": self.exact("bowl |1-alpha mu|", slow), "fast": self.exact("bowl |1-alpha L|", fast)}
        self.say(self.bowl_said["bowl_factors"], **texts)
        slow_line = self.info_line(r"|1 - \alpha\mu| = " + texts["slow"], 4, color=MU_COLOR)
        fast_line = self.info_line(r"|1 - \alpha L| = " + texts["fast"], 5, color=L_COLOR)
        self.play(FadeIn(slow_line), run_time=0.6)
        self.play(FadeIn(fast_line), run_time=0.6)
        self.wait(2.6)
        self.slow_line = slow_line
        self.bowl_parts.add(slow_line, fast_line)

    def show_bowl_limit(self):
        model, run = self.bowl_model, self.bowl_run
        self.say(self.bowl_said["cap"], limit=self.exact("bowl 2/L", model.stability_limit))
        y = BOWL_LINE_Y
        line = self.get_rate_line(model, [run.learning_rate], y, "bowl ")
        point = np.array([line["to_x"](run.learning_rate), y, 0.0])
        dot = Dot(point, radius=0.085, color=REGIME_COLORS[run.regime]).set_z_index(4)
        tag = MathTex(r"\alpha", font_size=30, color=DESCENT_COLOR).next_to(dot, UP, buff=0.25)
        self.play(Create(line["axis"]), FadeIn(line["bands"]), FadeIn(line["names"]), run_time=1.0)
        self.play(Create(line["ticks"]), FadeIn(line["labels"]), FadeIn(dot), FadeIn(tag), run_time=1.0)
        self.wait(2.8)
        self.bowl_parts.add(*(part for part in line.values() if isinstance(part, VMobject)), dot, tag)

    def show_pace(self):
        model = self.bowl_model
        mu, big = model.eigenvalues
        rate = (big - mu) / (big + mu)
        texts = {"best": self.exact("bowl 2/(mu+L) (caption)", model.best_step), "rate": self.exact("bowl (L-mu)/(L+mu)", rate)}
        self.say(self.bowl_said["pace"], **texts)
        line = self.info_line(r"\max_\lambda |1 - \alpha\lambda| \ge \frac{\kappa - 1}{\kappa + 1} = " + texts["rate"], 6,
                              font_size=30)
        self.play(FadeIn(line), Indicate(self.slow_line, color=MU_COLOR, scale_factor=1.08), run_time=1.2)
        self.wait(3.4)
        self.bowl_parts.add(line)

    # -- part 4 --------------------------------------------------------------------------------
    def sum_up(self):
        self.mark_part("summary")
        self.say("summary")
        self.play(FadeOut(VGroup(self.bowl_parts, self.bowl_path, self.bowl_dot)), run_time=0.8)
        rows = VGroup()
        for tex, key, color in ((r"\alpha \le 1/L", "screen_summary_monotone", REGIME_COLORS[Regime.MONOTONE]),
                                (r"1/L < \alpha < 2/L", "screen_summary_oscillating", REGIME_COLORS[Regime.OSCILLATING]),
                                (r"\alpha \ge 2/L", "screen_summary_diverging", REGIME_COLORS[Regime.DIVERGING]),
                                (r"\kappa = L/\mu", "screen_summary_condition", TEXT_COLOR)):
            swatch = Rectangle(width=0.3, height=0.3, stroke_width=0, fill_color=color, fill_opacity=0.8)
            formula = MathTex(tex, font_size=40)
            words = self.words(key, font_size=28)
            rows.add(VGroup(swatch, formula, words))
        formula_width = max(row[1].width for row in rows)
        for index, (swatch, formula, words) in enumerate(rows):
            y = 2.4 - 1.15 * index
            swatch.move_to([-5.8, y, 0])
            formula.move_to([-5.35, y, 0], aligned_edge=LEFT)
            words.move_to([-5.35 + formula_width + 0.6, y, 0], aligned_edge=LEFT)
            if words.get_right()[0] > FRAME_RIGHT:
                words.scale_to_fit_width(FRAME_RIGHT - words.get_left()[0])
        self.play(LaggedStart(*(FadeIn(row, shift=0.2 * RIGHT) for row in rows), lag_ratio=0.35), run_time=2.2)
        self.wait(4.5)


LearningRateRegimes = apply_variant(LearningRateRegimes)
