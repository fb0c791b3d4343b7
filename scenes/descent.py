"""Gradient descent, on the parabola f(x) = x² and then on the bowl f(x, y) = x² + y²."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
from manim import (DOWN, ORIGIN, RIGHT, UL, UP, Create, Dot, FadeIn, FadeOut, MathTex, MoveAlongPath,
                   ReplacementTransform, ThreeDScene, VGroup, Write, rate_functions)

from gdmath import Polynomial, Regime, Run, as_learning_rate, as_point, as_steps, descend, quadratic_model
from scenes.kit.axes import LOG_SCALE_FROM
from scenes.kit.narration import NarratedScene
from scenes.kit.parts.descent import (LAYOUT, BowlAxes, BowlPath, BowlSurface, GradientFormula, IterateTable,
                                      LevelCurves, LossPanel, ParabolaPlot, Readout3D, SliceCurve, SurfaceFormula,
                                      head_on_images, orbit_view)
from scenes.kit.parts.rule import UpdateRule
from scenes.kit.plotting import bowl_ellipse, float_function
from scenes.kit.style import DESCENT_COLOR, FORMULA_SIZE, GRADIENT_COLOR, MUTED_COLOR, NOTE_SIZE, TITLE_SIZE
from scenes.kit.variants import (FieldError, Plan, SceneParameters, apply_variant, check_drawable, check_field,
                                 check_function, check_run_drawable)

__all__ = ["DescentParameters", "DescentPlan", "FlatView", "BowlView", "GradientDescentIn2DAnd3D", "story",
           "slice_of"]


#: A run flying apart is shown until it is this many times as far out as it started.
VIEW_GROWTH = 8
#: Rows the 2D table has room for, and steps the 3D path shows.
MAX_TABLE_STEPS = 12
MAX_PATH_STEPS = 30
#: Starts farther out than this cannot be drawn: manim's number lines collapse past about 10¹⁵.
MAX_START = 10 ** 6


@dataclass(frozen=True)
class DescentParameters(SceneParameters):
    """Everything a teacher may vary; the defaults are the lecture note's."""

    function: str = "x**2"                  # the 2D part: a function of x
    start: str = "5"
    learning_rate: str = "0.1"              # used in both parts
    steps: int = 10
    surface_function: str = "x**2 + y**2"   # the 3D part: a function of x and y
    surface_start: str = "4,4"
    surface_steps: int = 10
    narrated_steps: int = 1                 # steps shown beat by beat before the rest run faster
    step_time: float = 1.2                  # seconds per later step
    language: str = "ko"

    def make_plan(self) -> "DescentPlan":
        self.check_language()
        flat = check_function("function", self.function, 1)
        bowl = check_function("surface_function", self.surface_function, 2)
        starts = {}
        for key, dimension in (("start", 1), ("surface_start", 2)):
            starts[key] = check_field(key, as_point, getattr(self, key), dimension)
            if any(abs(c) > MAX_START for c in starts[key]):
                raise FieldError(key, f"{getattr(self, key)} is too far out to draw: each coordinate at most "
                                      f"{MAX_START:,} in size")
        learning_rate = check_field("learning_rate", as_learning_rate, self.learning_rate)
        steps = {}
        for key, limit in (("steps", MAX_TABLE_STEPS), ("surface_steps", MAX_PATH_STEPS)):
            steps[key] = check_field(key, as_steps, getattr(self, key))
            if not 1 <= steps[key] <= limit:
                raise FieldError(key, f"must be from 1 to {limit} (what fits on screen), not {steps[key]}")
        if not 0 <= self.narrated_steps <= self.steps:
            raise FieldError("narrated_steps", f"must be from 0 to steps ({self.steps}), not {self.narrated_steps}")
        if not 0.2 <= self.step_time <= 10:
            raise FieldError("step_time", f"must be from 0.2 to 10 seconds, not {self.step_time}")
        advice = "use fewer steps or a smaller learning rate"
        runs = []
        for start_key, function, steps_key in (("start", flat, "steps"), ("surface_start", bowl, "surface_steps")):
            run = descend(function, starts[start_key], learning_rate, steps[steps_key])
            # The view reaches VIEW_GROWTH times past the start: f must still be drawable there.
            first = run.points[0]
            edge = tuple(VIEW_GROWTH * 2 * max(Fraction(1), abs(c)) for c in first)
            check_drawable(start_key, [*first, function(first), function(edge),
                                       function(tuple(-c for c in edge))], "the view around the start")
            if run.stopped_at is not None:
                raise FieldError("learning_rate", f"the run leaves the range of floats after step {run.stopped_at}; "
                                                  + advice)
            check_run_drawable("learning_rate", run, advice)
            runs.append(run)
        return DescentPlan.of(self, *runs)


def story(run: Run) -> str:
    """What a run does, as the script's per-run beats name it.

    On a bowl (a quadratic with one minimum) it is the run's regime, decided exactly for all
    steps to come; on any other function it is the trend of the steps shown (gdmath's ``Trend``:
    stationary, settling, downhill, blowing-up or unsettled), which claims no minimum.
    """
    if run.regime is not None and quadratic_model(run.objective).is_positive_definite:
        return run.regime.value
    return run.trend.value


def slice_of(surface: Polynomial) -> Polynomial:
    """f(x, 0): the curve the plane y = 0 cuts from the surface."""
    return Polynomial({(i,): c for (i, j), c in surface.terms.items() if j == 0}, ("x",))


def _is_bowl(objective: Polynomial) -> bool:
    return objective.is_quadratic and quadratic_model(objective).is_positive_definite


@dataclass(frozen=True)
class FlatView:
    """The 2D plot's window: x from −reach to reach, y over ``y_range``, and which iterates lie inside it.

    It holds the whole run, or, for a run flying apart, its first swings (VIEW_GROWTH times the start).
    """

    reach: float
    y_range: tuple[float, float]
    in_view: tuple[bool, ...]

    @classmethod
    def of(cls, run: Run) -> "FlatView":
        sizes = [abs(float(p[0])) for p in run.points]
        reach = max(1.0, min(max(sizes), VIEW_GROWTH * max(1.0, sizes[0]))) * 1.1
        in_view = tuple(size <= reach for size in sizes)
        f = float_function(run.objective)
        top = max([f(reach), f(-reach)] + [float(v) for v, seen in zip(run.values, in_view) if seen])
        bottom = min([0.0] + [f(x) for x in np.linspace(-reach, reach, 101)])
        return cls(reach, (bottom, top + 0.05 * (top - bottom) or 1.0), in_view)


@dataclass(frozen=True)
class BowlView:
    """The 3D picture's extent: the patch of plane under the surface, the axes' reach, the heights it spans.

    ``domain`` maps (r, t), r in [0, 1], to the patch: for a bowl-shaped quadratic the region inside
    the level curve a little above the start, so the rim is level and the bowl reads as a bowl
    whatever its shape; otherwise a disc around the origin that holds the run. ``bottom`` and
    ``top`` are the surface's lowest point (or 0) and its highest over the patch: a saddle or a
    function below 0 somewhere must not hang out of the axes into the caption band.
    """

    reach: float
    bottom: float
    top: float
    in_view: tuple[bool, ...]
    #: x where the slice y = 0 is under the top of the picture.
    slice_span: tuple[float, float]
    domain: Callable[[float, float], np.ndarray] = field(compare=False)
    function: Callable[[float, float], float] = field(compare=False)

    def height_at(self, fraction: float) -> float:
        """The height this fraction of the way up from the surface's bottom (or 0) to its top."""
        return self.bottom + fraction * (self.top - self.bottom)

    @classmethod
    def of(cls, run: Run) -> "BowlView":
        sizes = [math.hypot(float(a), float(b)) for a, b in run.points]
        radius = min(max(sizes), VIEW_GROWTH * max(1.0, sizes[0]))
        in_view = tuple(size <= radius * 1.0001 for size in sizes)
        if _is_bowl(run.objective):
            model = quadratic_model(run.objective)
            lowest = float(run.objective(model.minimizer()))
            excess = max(float(v) for v, seen in zip(run.values, in_view) if seen) - lowest
            ellipse = bowl_ellipse(model, max(excess, 1e-6) * 1.15)
            domain = lambda r, t: ellipse(t, r)  # noqa: E731
        else:
            domain = lambda r, t: np.array([r * radius * math.cos(t), r * radius * math.sin(t)])  # noqa: E731
        angles = np.linspace(0, 2 * np.pi, 73)
        reach = max(1.0, max(float(np.max(np.abs(domain(1.0, t)))) for t in angles)) * 1.08
        f = float_function(run.objective)
        heights = [f(*domain(r, t)) for r in np.linspace(0, 1, 9) for t in angles]
        top, bottom = max(max(heights), 0.0), min(min(heights), 0.0)
        if top == bottom:  # a flat surface at 0
            top = 1.0
        inside = [x for x in np.linspace(-reach, reach, 401) if f(x, 0) <= top * 1.0001]
        return cls(reach, bottom, top, in_view, (min(inside), max(inside)), domain, f)


@dataclass(frozen=True)
class DescentPlan(Plan):
    """The two runs, what of them is in view, and how the narration tells them."""

    run_2d: Run
    run_3d: Run
    view_2d: FlatView
    view_3d: BowlView
    #: Steps told beat by beat: the narrated steps, up to the first that starts out of view.
    narrated: int
    #: (step, beat) said before quick 2D steps: "repeat" at the first, "shrink" halfway (monotone runs).
    quick_beats: tuple[tuple[int, str], ...]
    #: The 3D step before which the floor beat is said (None: after the last).
    floor_at: int | None
    #: Whether the losses, all of one sign, span more than LOG_SCALE_FROM: the panel is then logarithmic.
    loss_log_scale: bool
    #: Whether the 2D curve is a parabola that is the slice y = 0 of a bowl, as in the lecture note.
    is_lecture_pair: bool
    slice_beat: str
    story_2d: str
    story_3d: str
    #: What the 2D verdict says (its beat is ``verdict_<verdict>``): the run's regime against 1/L and
    #: 2/L, that there is no lowest point (``"unbounded"``), or the trend of the steps shown; and the
    #: numbers it names, as (placeholder, label, exact value).
    verdict: str
    verdict_numbers: tuple[tuple[str, str, Fraction], ...]

    @classmethod
    def of(cls, parameters: DescentParameters, run_2d: Run, run_3d: Run) -> "DescentPlan":
        view_2d = FlatView.of(run_2d)
        told = min(parameters.narrated_steps, parameters.steps)
        narrated = next((k for k in range(told) if not view_2d.in_view[k]), told)
        quick = len(run_2d.iterates) - 1 - narrated
        quick_beats = ((narrated, "repeat"),) if quick else ()
        if quick > 2 and run_2d.regime is Regime.MONOTONE:  # halfway through a monotone run's quick steps
            quick_beats += ((narrated + quick // 2, "shrink"),)
        steps_3d = len(run_3d.iterates) - 1
        floor_at = max(2, steps_3d // 2) if steps_3d > 2 else None
        values = run_2d.values
        sizes = [abs(v) for v in values]
        log_scale = (all(v > 0 for v in values) or all(v < 0 for v in values)) and \
            max(sizes) > LOG_SCALE_FROM * min(sizes)
        flat, surface = run_2d.objective, run_3d.objective
        lecture = flat.degree == 2 and slice_of(surface) == flat and _is_bowl(surface)
        slice_beat = "slice" if lecture else "slice_same" if slice_of(surface) == flat else "slice_other"
        story_2d, numbers = story(run_2d), ()
        if run_2d.regime is not None and story_2d == run_2d.regime.value and story_2d != Regime.STATIONARY.value:
            model = quadratic_model(flat)
            verdict, numbers = story_2d, (("alpha", "alpha", run_2d.learning_rate),
                                          ("best", "1/L", model.fastest_monotone.as_fraction()),
                                          ("limit", "2/L", model.stability_limit.as_fraction()))
        elif flat.is_quadratic and story_2d != Regime.STATIONARY.value:
            verdict = "unbounded"  # a line or a parabola opening downwards: no lowest point to reach, whatever α
        else:
            verdict = story_2d  # any other function: what the steps shown do, and no claim of a minimum
        return cls(parameters, run_2d, run_3d, view_2d, BowlView.of(run_3d), narrated, quick_beats, floor_at,
                   log_scale, lecture, slice_beat, story_2d, story(run_3d), verdict, numbers)

    def beats_before_step(self, k: int) -> tuple[str, ...]:
        """The beats said before quick 2D step k."""
        return tuple(beat for step, beat in self.quick_beats if step == k)

    @property
    def title_key(self) -> str:
        return "screen_title" if self.is_lecture_pair else "screen_title_general"

    def tables(self) -> dict[str, Run]:
        """The runs this scene shows, by part: published beside the video as CSV and JSON."""
        return {"2d": self.run_2d, "3d": self.run_3d}


class GradientDescentIn2DAnd3D(NarratedScene, ThreeDScene):
    """θ ← θ − α∇J(θ) on a parabola, then on the bowl it is a slice of, every number from gdmath."""

    parameters = DescentParameters()
    script_name = "descent"

    def construct(self):
        # The bowl's lighting is baked (BowlSurface): the light does not move, so per-frame shading is waste.
        self.renderer.camera.should_apply_shading = False
        rule = self.introduce_rule()
        plot = self.show_parabola()
        table, loss, dot = self.show_numbers(plot)
        self.take_first_steps(plot, table, loss, dot)
        self.take_remaining_steps(plot, table, loss, dot)
        self.sum_up_2d(plot, table, loss, dot)
        axes = self.slice_the_bowl(plot, rule)
        self.descend_the_bowl(axes, rule)
        self.sum_up_3d()

    def record_extra(self) -> dict:
        return {"title": self.script.line(self.plan.title_key, self.language)}

    # -- 2D ------------------------------------------------------------------------------------
    def introduce_rule(self) -> VGroup:
        self.mark_part("2d")
        self.say("intro")
        title = self.words(self.plan.title_key, font_size=TITLE_SIZE).to_edge(UP, buff=LAYOUT.edge)
        self.play(Write(title), run_time=1.2)
        self.wait(1.0)
        self.say("rule", alpha=self.shown("alpha", self.plan.run_2d.learning_rate))
        rule = UpdateRule("J", theta_color=DESCENT_COLOR, gradient_color=GRADIENT_COLOR).move_to(ORIGIN)
        self.play(FadeOut(title), Write(rule), run_time=1.2)
        self.hold(1.5)  # centre stage until the rule is read; then it docks
        rate = MathTex(r"\alpha = " + self.shown("alpha", self.plan.run_2d.learning_rate), font_size=FORMULA_SIZE)
        self.play(rule.animate.scale(LAYOUT.docked_rule).to_corner(UL, buff=LAYOUT.edge), run_time=0.8)
        self.play(FadeIn(rate.next_to(rule, RIGHT, buff=LAYOUT.rate_gap)), run_time=0.5)
        return VGroup(rule, rate)

    def show_parabola(self) -> ParabolaPlot:
        run = self.plan.run_2d
        self.say("start", function=self.shown_polynomial("f", run.objective, latex=False),
                 x0=self.shown("x_0", run.points[0][0]), f0=self.shown("f(x_0)", run.values[0]))
        plot = ParabolaPlot(run, self.plan.view_2d, self.shown_polynomial("f", run.objective))
        self.record_ticks(plot.axes)
        self.play(Create(plot.axes), run_time=1.0)
        self.play(Create(plot.graph), FadeIn(plot.label), run_time=1.2)
        return plot

    def show_numbers(self, plot: ParabolaPlot) -> tuple[IterateTable, LossPanel, Dot]:
        table = IterateTable(self.plan.run_2d)
        self.play(FadeIn(table), run_time=0.6)
        note = self.words("screen_log_scale", font_size=NOTE_SIZE, color=MUTED_COLOR)
        loss = LossPanel(self.plan.run_2d.values, self.plan.loss_log_scale, note)
        self.record_ticks(loss.axes, "loss ")
        self.play(FadeIn(loss), run_time=0.6)
        dot = plot.dot(0)
        self.play(FadeIn(dot, scale=0.5), run_time=0.6)
        self.fill_row(table, loss, 0)
        self.wait(0.8)
        return table, loss, dot

    def fill_row(self, table: IterateTable, loss: LossPanel, k: int, run_time: float = 0.5):
        row = table.place_iterate(k, [self.shown(*number) for number in table.numbers(k)])
        loss_dot, segment = loss.add_point(k)
        self.play(FadeIn(row, shift=LAYOUT.row_slide * DOWN), FadeIn(loss_dot),
                  *([Create(segment)] if segment else []), run_time=run_time)

    def move_dot(self, plot: ParabolaPlot, dot: Dot, k: int, run_time: float):
        if not plot.moves(k):
            self.wait(run_time)  # the point stays where it is
            return
        self.add(plot.ghost(dot))
        self.play(MoveAlongPath(dot, plot.path(k)), run_time=run_time, rate_func=rate_functions.smooth)
        if not self.plan.view_2d.in_view[k + 1]:
            # The point has flown past the edge: say so once, and leave a marker where it left.
            self.say("offscreen")
            self.play(FadeOut(dot), FadeIn(plot.escape_marker(k + 1, dot)), run_time=0.6)

    def take_first_steps(self, plot: ParabolaPlot, table: IterateTable, loss: LossPanel, dot: Dot):
        run = self.plan.run_2d
        for k in range(self.plan.narrated):
            slope = run.iterates[k].gradient[0]
            tangent, slope_text = plot.tangent(k), self.shown(f"f'(x_{k})", slope)
            self.say("tangent", slope0=slope_text)
            slope_label = plot.slope_label(f"f'(x_{k}) = {slope_text}", tangent)
            self.play(Create(tangent), FadeIn(slope_label), run_time=1.0)
            self.wait(1.2)
            step = -run.learning_rate * slope
            self.say("step", step0=self.shown(f"step_{k}", step), x1=self.shown(f"x_{k + 1}", run.points[k + 1][0]))
            drop, arrow = plot.drop(dot, k), plot.step_arrow(k)
            step_tex = r"-\alpha f'(x_%d) = %s" % (k, self.shown(f"step_{k}", step))
            step_label = plot.step_label(step_tex, k, slope_label)
            self.play(Create(drop), run_time=0.5)
            self.play(Create(arrow), FadeIn(step_label), run_time=0.9)
            self.wait(1.0)
            self.move_dot(plot, dot, k, run_time=1.2)
            self.fill_row(table, loss, k + 1)
            self.hold(0.6)
            self.play(FadeOut(VGroup(tangent, slope_label, arrow, drop, step_label)), run_time=0.5)

    def take_remaining_steps(self, plot: ParabolaPlot, table: IterateTable, loss: LossPanel, dot: Dot):
        t = self.parameters.step_time
        for k in range(self.plan.narrated, len(self.plan.run_2d.iterates) - 1):
            for beat in self.plan.beats_before_step(k):
                self.say(beat)
            seen = self.plan.view_2d.in_view[k]
            if seen:
                tangent, arrow = plot.tangent(k, quick=True), plot.step_arrow(k)
                self.play(Create(tangent), Create(arrow), run_time=0.35 * t)
                self.move_dot(plot, dot, k, run_time=0.4 * t)
                self.play(FadeOut(tangent), FadeOut(arrow), run_time=0.1 * t)
            self.fill_row(table, loss, k + 1, run_time=0.15 * t if seen else 0.3 * t)

    def sum_up_2d(self, plot: ParabolaPlot, table: IterateTable, loss: LossPanel, dot: Dot):
        final = self.plan.run_2d.final
        self.say("result", n=self.shown("steps", final.k), xn=self.shown(f"x_{final.k}", final.point[0]),
                 fn=self.shown(f"f(x_{final.k})", final.value))
        box = table.highlight(table.rows[-1])
        self.play(Create(box), run_time=0.6)
        self.wait(2.0)
        # The verdict: why the run went the way it did, its regime against the thresholds 1/L and 2/L, exactly.
        values = {key: self.shown(label, number) for key, label, number in self.plan.verdict_numbers}
        if self.plan.verdict == "unbounded":
            values["function"] = self.shown_polynomial("f", self.plan.run_2d.objective, latex=False)
        self.say(f"verdict_{self.plan.verdict}", **values)
        self.hold(3.0)
        # All but the parabola leaves (it carries over into 3D); the point unless it flew off and faded already.
        leaving = [table, table.rows, box, loss, loss.dots, loss.segments, plot.label, dot, plot.ghosts]
        self.play(FadeOut(VGroup(*(m for m in leaving if m is not dot or dot in self.mobjects))), run_time=0.8)

    # -- 3D ------------------------------------------------------------------------------------
    def slice_the_bowl(self, plot: ParabolaPlot, rule: VGroup) -> BowlAxes:
        self.mark_part("3d")
        view, f3 = self.plan.view_3d, self.plan.run_3d.objective
        axes = BowlAxes(view.reach, view.bottom, view.top)
        self.pin(rule, shown=True)  # the rule stays on screen while the camera turns
        slice_curve = SliceCurve(axes, view.function, view.slice_span)
        # Seen head-on, the slice y = 0 of the bowl is a parabola in the plane of the screen. First the
        # 2D parabola glides onto exactly that picture; then the 3D objects take its place unseen.
        head_on, flat_slice, flat_axes = head_on_images(self.renderer.camera, axes, view.height_at, slice_curve)
        self.say(self.plan.slice_beat, function3d=self.shown_polynomial("f (3D)", f3, latex=False))
        self.play(ReplacementTransform(plot.graph, flat_slice), ReplacementTransform(plot.axes, flat_axes),
                  run_time=1.6)
        self.set_camera_orientation(**head_on)
        self.remove(flat_slice, flat_axes)
        self.add(axes.x_axis, axes.z_axis, slice_curve)
        self.wait(0.8)
        surface = BowlSurface(axes, view.function, view.domain, view.bottom, view.top)
        label = self.pin(SurfaceFormula(self.shown_polynomial("f (3D)", f3)))
        self.move_camera(**orbit_view(axes, view.height_at),
                         added_anims=[FadeIn(surface), Create(axes.y_axis), FadeIn(label)], run_time=3.0)
        self.wait(0.8)
        return axes

    def descend_the_bowl(self, axes: BowlAxes, rule: VGroup):
        run, view = self.plan.run_3d, self.plan.view_3d
        self.say("bowl")
        partials = [self.shown_polynomial(f"∂f/∂{v} (3D)", g) for v, g in zip("xy", run.objective.gradient())]
        gradient = self.pin(GradientFormula(partials, under=rule))
        self.play(FadeIn(gradient), run_time=0.8)
        self.wait(1.2)
        (x0, y0), f0 = run.points[0], run.values[0]
        self.say("start3d", x0=self.shown("x_0 (3D)", x0), y0=self.shown("y_0 (3D)", y0),
                 f0=self.shown("f(x_0, y_0)", f0))
        self.play(Create(LevelCurves(run, axes, view.in_view, view.bottom)), run_time=1.2)
        path = BowlPath(run, axes, view.bottom)
        readout = self.pin(Readout3D.recorded(self.shown, run.iterates[0]))
        self.play(FadeIn(path.dot), FadeIn(path.floor_dot), Create(path.drop), FadeIn(readout), run_time=0.8)
        self.say("path")
        # The camera holds still while the path grows, so cairo draws the surface once into the
        # background and redraws only what moves; the orbit comes at the end.
        for k in range(len(run.iterates) - 1):
            if k == self.plan.floor_at:
                self.say(f"floor_{self.plan.story_3d}")
            if not view.in_view[k + 1]:  # beyond the bowl drawn, the readout goes on and the picture stops
                readout = self.pin(Readout3D.recorded(self.shown, run.iterates[k + 1]), replacing=readout)
                self.wait(0.5)
                continue
            marker, moves, drop = path.step(k)
            self.add(marker)
            self.play(*moves, run_time=1.1 if k < 3 else 0.7)
            readout = self.pin(Readout3D.recorded(self.shown, run.iterates[k + 1]), replacing=readout)
            self.play(Create(drop), run_time=0.25)
        if self.plan.floor_at is None:  # too few steps to say it on the way
            self.say(f"floor_{self.plan.story_3d}")
            self.wait(2.5)

    def sum_up_3d(self):
        final = self.plan.run_3d.final
        self.say("result3d", n=self.shown("steps (3D)", final.k), xn=self.shown(f"x_{final.k} (3D)", final.point[0]),
                 yn=self.shown(f"y_{final.k} (3D)", final.point[1]), fn=self.shown(f"f_{final.k} (3D)", final.value))
        self.begin_ambient_camera_rotation(rate=0.15)
        self.hold(4.0)  # the camera turns while the voice says the result
        self.stop_ambient_camera_rotation()
        self.wait(0.5)


GradientDescentIn2DAnd3D = apply_variant(GradientDescentIn2DAnd3D)
