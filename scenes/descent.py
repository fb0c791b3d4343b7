"""Gradient descent, on the parabola f(x) = x² and then on the bowl f(x, y) = x² + y²."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from manim import (DEGREES, DOWN, DR, LEFT, BackgroundRectangle, config, ORIGIN, RIGHT, UL, UP, UR, Arrow, Axes, Create, DashedLine,
                   Dot, FadeIn, FadeOut, Line, MathTex, MoveAlongPath, ParametricFunction, Rectangle, ReplacementTransform, Surface, Text,
                   ManimColor, ThreeDAxes, ThreeDScene, VGroup, VMobject, Write, interpolate_color,
                   rate_functions)
from manim.utils.space_ops import get_unit_normal

from gdmath import Polynomial, Regime, Run, as_learning_rate, as_point, as_steps, descend, quadratic_model
from scenes.kit.narration import NarratedScene
from scenes.kit.axes import LOG_SCALE_FROM, nice_step, numbered_axes, scaled_range
from scenes.kit.layout import place_clear
from scenes.kit.plotting import float_function, level_ellipse
from scenes.kit.variants import (FieldError, SceneParameters, apply_variant, check_drawable, check_field,
                                 check_function, check_run_drawable)
from scenes.kit.style import (AXIS_COLOR, DERIVATIVE_COLOR, DESCENT_COLOR, FONT, FUNCTION_COLOR, GRADIENT_COLOR,
                              LEVEL_COLOR, MUTED_COLOR, SHADE_COLOR, SURFACE_HIGHLIGHT, TEXT_COLOR,
                              number_text)

__all__ = ["DescentParameters", "GradientDescentIn2DAnd3D", "iterate_tables", "story"]


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

    def check(self) -> None:
        super().check()
        flat = check_function("function", self.function, 1)
        bowl = check_function("surface_function", self.surface_function, 2)
        for key, dimension in (("start", 1), ("surface_start", 2)):
            if any(abs(c) > MAX_START for c in check_field(key, as_point, getattr(self, key), dimension)):
                raise FieldError(key, f"{getattr(self, key)} is too far out to draw: each coordinate at most "
                                      f"{MAX_START:,} in size")
        check_field("learning_rate", as_learning_rate, self.learning_rate)
        for key, limit in (("steps", MAX_TABLE_STEPS), ("surface_steps", MAX_PATH_STEPS)):
            steps = check_field(key, as_steps, getattr(self, key))
            if not 1 <= steps <= limit:
                raise FieldError(key, f"must be from 1 to {limit} (what fits on screen), not {steps}")
        if not 0 <= self.narrated_steps <= self.steps:
            raise FieldError("narrated_steps", f"must be from 0 to steps ({self.steps}), not {self.narrated_steps}")
        if not 0.2 <= self.step_time <= 10:
            raise FieldError("step_time", f"must be from 0.2 to 10 seconds, not {self.step_time}")
        advice = "use fewer steps or a smaller learning rate"
        for start_key, function, start, steps in (("start", flat, self.start, self.steps),
                                                  ("surface_start", bowl, self.surface_start, self.surface_steps)):
            run = descend(function, start, self.learning_rate, steps)
            # The view reaches VIEW_GROWTH times past the start: f must still be drawable there.
            first = run.points[0]
            edge = tuple(VIEW_GROWTH * 2 * max(Fraction(1), abs(c)) for c in first)
            check_drawable(start_key, [*first, function(first), function(edge),
                                       function(tuple(-c for c in edge))], "the view around the start")
            if run.stopped_at is not None:
                raise FieldError("learning_rate", f"the run leaves the range of floats after step {run.stopped_at}; "
                                                  + advice)
            check_run_drawable("learning_rate", run, advice)


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


def iterate_tables(parameters: DescentParameters) -> dict[str, Run]:
    """The runs this scene shows, by part: published beside the video as CSV and JSON."""
    return {"2d": descend(parameters.function, parameters.start, parameters.learning_rate, parameters.steps),
            "3d": descend(parameters.surface_function, parameters.surface_start, parameters.learning_rate,
                          parameters.surface_steps)}


class GradientDescentIn2DAnd3D(NarratedScene, ThreeDScene):
    """θ ← θ − α∇J(θ) on a parabola, then on the bowl it is a slice of, every number from gdmath."""

    parameters = DescentParameters()
    script_name = "descent"

    def setup(self):
        super().setup()
        runs = iterate_tables(self.parameters)
        self.run_2d: Run = runs["2d"]
        self.run_3d: Run = runs["3d"]
        # Bake the surface's lighting once: the light does not move, so per-frame shading is waste.
        self.renderer.camera.should_apply_shading = False

    def construct(self):
        self.introduce_rule()
        self.show_parabola()
        self.take_first_steps()
        self.take_remaining_steps()
        self.sum_up_2d()
        self.slice_the_bowl()
        self.descend_the_bowl()
        self.sum_up_3d()

    def record_extra(self) -> dict:
        return {"title": self.script.line(getattr(self, "title_key", "screen_title"), self.language)}

    def is_lecture_pair(self) -> bool:
        """Whether the 2D curve is a parabola that is the slice y = 0 of a bowl, as in the lecture note."""
        flat, surface = self.run_2d.objective, self.run_3d.objective
        return (flat.degree == 2 and slice_of(surface) == flat and surface.is_quadratic
                and quadratic_model(surface).is_positive_definite)

    # -- 2D ------------------------------------------------------------------------------------
    def introduce_rule(self):
        self.mark_part("2d")
        self.say("intro")
        self.title_key = "screen_title" if self.is_lecture_pair() else "screen_title_general"
        title = self.words(self.title_key, font_size=40).to_edge(UP, buff=0.3)
        self.play(Write(title), run_time=1.2)
        self.wait(1.0)
        alpha = self.run_2d.learning_rate
        self.say("rule", alpha=self.shown("alpha", alpha))
        rule = MathTex(r"\theta", r"\leftarrow", r"\theta", r"-", r"\alpha", r"\nabla J(\theta)", font_size=44)
        rule[0].set_color(DESCENT_COLOR)
        rule[2].set_color(DESCENT_COLOR)
        rule[5].set_color(GRADIENT_COLOR)
        rule.move_to(ORIGIN)
        self.play(FadeOut(title), Write(rule), run_time=1.2)
        self.wait(1.5)
        alpha_tex = MathTex(r"\alpha = " + self.shown("alpha", alpha), font_size=34)
        self.rule = VGroup(rule, alpha_tex)
        self.play(rule.animate.scale(0.75).to_corner(UL, buff=0.3), run_time=0.8)
        alpha_tex.next_to(rule, RIGHT, buff=0.5)
        self.play(FadeIn(alpha_tex), run_time=0.5)

    def get_axes_2d(self) -> Axes:
        """Axes that fit the run: all of it, or, for a run flying apart, its first swings."""
        sizes = [abs(float(p[0])) for p in self.run_2d.points]
        self.view_reach = reach = max(1.0, min(max(sizes), VIEW_GROWTH * max(1.0, sizes[0]))) * 1.1
        f = float_function(self.run_2d.objective)
        top = max([f(reach), f(-reach)] + [float(v) for k, v in enumerate(self.run_2d.values) if self.in_view(k)])
        bottom = min([0.0] + [f(x) for x in np.linspace(-reach, reach, 101)])
        axes = numbered_axes((-reach, reach), (bottom, top + 0.05 * (top - bottom) or 1.0), x_ticks=10, y_ticks=5,
                             x_length=6.3, y_length=4.9, font_size=20)
        axes.move_to([-3.55, 0.1, 0])
        self.record_ticks(axes)
        return axes

    def in_view(self, k: int) -> bool:
        return abs(float(self.run_2d.points[k][0])) <= self.view_reach

    def show_parabola(self):
        f = self.run_2d.objective
        first = self.run_2d.iterates[0]
        self.say("start", function=self.shown_polynomial("f", f, latex=False), x0=self.shown("x_0", first.point[0]),
                 f0=self.shown("f(x_0)", first.value))
        self.axes = axes = self.get_axes_2d()
        as_float = float_function(f)
        self.graph = axes.plot(as_float, color=FUNCTION_COLOR, stroke_width=4)
        label = MathTex("f(x) = " + self.shown_polynomial("f", f), color=FUNCTION_COLOR, font_size=34)
        label.next_to(axes.get_corner(UL), DR, buff=0.05).shift(0.3 * RIGHT)
        place_clear(label, self.plot_box(), self.axis_labels())
        self.graph_label = label
        self.play(Create(axes), run_time=1.0)
        self.play(Create(self.graph), FadeIn(label), run_time=1.2)
        self.build_table()
        self.build_loss_panel()
        self.dot = Dot(self.point_2d(first.point[0]), color=DESCENT_COLOR, radius=0.09).set_z_index(5)
        self.ghosts = VGroup()
        self.play(FadeIn(self.dot, scale=0.5), run_time=0.6)
        self.fill_row(0)
        self.wait(0.8)

    def point_2d(self, x: Fraction) -> np.ndarray:
        return self.axes.c2p(float(x), float(self.run_2d.objective(x)))

    def build_table(self):
        headers = [MathTex(t, font_size=30) for t in ("k", "x_k", "f'(x_k)", "f(x_k)")]
        headers[2].set_color(DERIVATIVE_COLOR)
        headers[3].set_color(FUNCTION_COLOR)
        self.row_height = min(0.34, 3.7 / (len(self.run_2d.iterates) + 1))
        self.cell_size = 24 if self.row_height >= 0.3 else 20
        self.lay_out_columns(headers)
        self.table_top = 3.55
        for header, x in zip(headers, self.columns):
            header.move_to([x, self.table_top, 0])
        rule_line = Line([0.55, self.table_top - 0.22, 0], [6.85, self.table_top - 0.22, 0],
                         color=MUTED_COLOR, stroke_width=2)
        self.table_header = VGroup(*headers, rule_line)
        self.rows = VGroup()
        self.play(FadeIn(self.table_header), run_time=0.6)

    def lay_out_columns(self, headers, left: float = 0.6, right: float = 6.85, gap: float = 0.3):
        """Column centres from the widest entry of each column, and one scale for all cells if they must shrink.

        Each column gets its widest entry plus an equal share of the room left over, so long values
        in scientific notation never run into the next column and every digit has the same height.
        """
        # The cells are made once, here, measured, and shown row by row as the run goes.
        colors = [TEXT_COLOR, DESCENT_COLOR, DERIVATIVE_COLOR, FUNCTION_COLOR]
        self.cells = [VGroup(*(Text(t, font=FONT, font_size=self.cell_size, color=c)
                               for t, c in zip(self.row_texts(k), colors)))
                      for k in range(len(self.run_2d.iterates))]
        widths = [max([header.width] + [row[j].width for row in self.cells]) for j, header in enumerate(headers)]
        room = right - left - gap * (len(widths) - 1)
        self.cell_scale = min(1.0, room / sum(widths))
        widths = [w * self.cell_scale for w in widths]
        share = (right - left - sum(widths)) / len(widths)
        self.columns, x = [], left
        for width in widths:
            self.columns.append(x + (width + share) / 2)
            x += width + share

    def row_y(self, k: int) -> float:
        return self.table_top - 0.22 - self.row_height * (k + 0.6)

    def row_texts(self, k: int) -> list[str]:
        iterate = self.run_2d.iterates[k]
        return [str(k), number_text(iterate.point[0]), number_text(iterate.gradient[0]), number_text(iterate.value)]

    def fill_row(self, k: int, run_time: float = 0.5):
        iterate = self.run_2d.iterates[k]
        texts = [self.shown(f"k[{k}]", k), self.shown(f"x_{k}", iterate.point[0]),
                 self.shown(f"f'(x_{k})", iterate.gradient[0]), self.shown(f"f(x_{k})", iterate.value)]
        row = self.cells[k]
        assert [cell.original_text for cell in row] == texts, (k, texts)  # the record says what the row shows
        for cell, x in zip(row, self.columns):
            cell.scale(self.cell_scale).move_to([x, self.row_y(k), 0])
        self.rows.add(row)
        self.add_loss_point(k)
        self.play(FadeIn(row, shift=0.1 * DOWN), FadeIn(self.loss_dots[k]),
                  *([Create(self.loss_segments[k - 1])] if k else []), run_time=run_time)

    def loss_on_log_scale(self) -> bool:
        """Whether the losses, all of one sign, span more than LOG_SCALE_FROM: then the panel is logarithmic."""
        values = self.run_2d.values
        if not (all(v > 0 for v in values) or all(v < 0 for v in values)):
            return False
        sizes = [abs(v) for v in values]
        return max(sizes) > LOG_SCALE_FROM * min(sizes)

    def build_loss_panel(self):
        values = [float(v) for v in self.run_2d.values]
        n = len(values) - 1
        x_options = dict(x_ticks=5, y_ticks=3, x_step=max(Fraction(1), nice_step(n, 5)), x_length=5.2,
                         y_length=1.55, font_size=16)
        if self.loss_on_log_scale():
            self.loss_axes = numbered_axes((0, max(n, 1)), (min(values), max(values)), y_log=True, **x_options)
            scale_note = self.words("screen_log_scale", font_size=18, color=MUTED_COLOR)
        else:
            low, high = min(0.0, min(values)), max(0.0, max(values))
            top = high + 0.05 * (high - low) or 1.0
            self.loss_axes = numbered_axes((0, max(n, 1)), (low, top), **x_options)
            scale_note = VGroup()
        # The axis lines, not their labels, sit in the same place whatever the labels' widths.
        x_axis, y_axis = self.loss_axes.x_axis, self.loss_axes.y_axis
        lines_centre = [(x_axis.get_start()[0] + x_axis.get_end()[0]) / 2, (y_axis.get_start()[1] + y_axis.get_end()[1]) / 2, 0]
        self.loss_axes.shift([3.95, -2.05, 0] - np.array(lines_centre))
        self.record_ticks(self.loss_axes, "loss ")
        caption = MathTex(r"f(x_k)", font_size=24, color=FUNCTION_COLOR)
        caption.next_to(y_axis.get_end(), UP, buff=0.08)
        if len(scale_note):
            scale_note.next_to(caption, RIGHT, buff=0.2)
        k_label = MathTex("k", font_size=24).next_to(x_axis.get_end(), RIGHT, buff=0.1)
        self.loss_panel = VGroup(self.loss_axes, caption, k_label, scale_note)
        self.loss_dots, self.loss_segments = VGroup(), VGroup()
        self.play(FadeIn(self.loss_panel), run_time=0.6)

    def add_loss_point(self, k: int):
        point = self.loss_axes.c2p(k, float(self.run_2d.values[k]))
        self.loss_dots.add(Dot(point, radius=0.045, color=DESCENT_COLOR))
        if k:
            self.loss_segments.add(Line(self.loss_dots[k - 1].get_center(), point, color=DESCENT_COLOR,
                                        stroke_width=2))

    def get_tangent(self, k: int, length: float = 2.6) -> Line:
        iterate = self.run_2d.iterates[k]
        x, slope = float(iterate.point[0]), float(iterate.gradient[0])
        here = self.axes.c2p(x, float(iterate.value))
        direction = self.axes.c2p(x + 1, float(iterate.value) + slope) - here
        direction /= np.linalg.norm(direction)
        return Line(here - direction * length / 2, here + direction * length / 2, color=DERIVATIVE_COLOR,
                    stroke_width=4)

    def clamped(self, k: int) -> float:
        """x_k, or the edge of the view in its direction when x_k is beyond it."""
        x = float(self.run_2d.iterates[k].point[0])
        return max(-self.view_reach, min(self.view_reach, x))

    def get_step_arrow(self, k: int) -> Arrow:
        start, end = self.clamped(k), self.clamped(k + 1)
        return Arrow(self.axes.c2p(start, 0), self.axes.c2p(end, 0), buff=0, color=DESCENT_COLOR,
                     stroke_width=5, max_tip_length_to_length_ratio=0.35, tip_length=0.2)

    def moves_on_screen(self, k: int) -> bool:
        """Whether step k moves the point visibly (not at a minimum, not a step too small to see)."""
        return abs(self.clamped(k + 1) - self.clamped(k)) * self.axes.x_axis.get_unit_size() > 1e-3

    def move_dot(self, k: int, run_time: float):
        start, end = self.clamped(k), self.clamped(k + 1)
        if not self.moves_on_screen(k):
            self.wait(run_time)  # the point stays where it is
            return
        f = float_function(self.run_2d.objective)
        path = self.axes.plot(f, x_range=sorted([start, end]) + [abs(end - start) / 30 or 1])
        if end < start:
            path.reverse_points()
        ghost = Dot(self.dot.get_center(), radius=0.05, color=DESCENT_COLOR).set_opacity(0.45)
        self.ghosts.add(ghost)
        self.add(ghost)
        self.play(MoveAlongPath(self.dot, path), run_time=run_time, rate_func=rate_functions.smooth)
        if not self.in_view(k + 1):
            self.leave_view(k + 1)

    def leave_view(self, k: int):
        """The point has flown past the edge: say so once, and leave a marker where it left."""
        self.say("offscreen")
        side = 1 if self.run_2d.iterates[k].point[0] > 0 else -1
        marker = MathTex(r"\rightarrow \infty" if side > 0 else r"-\infty \leftarrow", font_size=30,
                         color=DESCENT_COLOR)
        marker.next_to(self.dot, DOWN, buff=0.15)
        place_clear(marker, self.plot_box(), self.axis_labels() + [self.graph_label, *self.ghosts])
        self.play(FadeOut(self.dot), FadeIn(marker), run_time=0.6)
        self.ghosts.add(marker)

    def take_first_steps(self):
        for k in range(min(self.parameters.narrated_steps, self.parameters.steps)):
            if not self.in_view(k):
                break
            iterate, following = self.run_2d.iterates[k], self.run_2d.iterates[k + 1]
            tangent = self.get_tangent(k)
            slope_text = self.shown(f"f'(x_{k})", iterate.gradient[0])
            self.say("tangent", slope0=slope_text)
            slope_label = MathTex(f"f'(x_{k}) = {slope_text}", font_size=30, color=DERIVATIVE_COLOR)
            slope_label.next_to(tangent.get_end(), RIGHT, buff=0.1)
            place_clear(slope_label, self.plot_box(), self.axis_labels() + [self.graph_label])
            self.play(Create(tangent), FadeIn(slope_label), run_time=1.0)
            self.wait(1.2)
            step = -self.run_2d.learning_rate * iterate.gradient[0]
            self.say("step", step0=self.shown(f"step_{k}", step), x1=self.shown(f"x_{k + 1}", following.point[0]))
            arrow = self.get_step_arrow(k)
            drop = DashedLine(self.dot.get_center(), self.axes.c2p(float(iterate.point[0]), 0), color=MUTED_COLOR)
            step_label = MathTex(r"-\alpha f'(x_%d) = %s" % (k, self.shown(f"step_{k}", step)), font_size=28,
                                 color=DESCENT_COLOR)
            step_label.next_to(arrow, UP, buff=0.15)
            place_clear(step_label, self.plot_box(), self.axis_labels() + [self.graph_label, slope_label])
            self.play(Create(drop), run_time=0.5)
            if not self.moves_on_screen(k):
                arrow = VGroup()  # a step of length zero: nothing to point along
            self.play(Create(arrow), FadeIn(step_label), run_time=0.9)
            self.wait(1.0)
            self.move_dot(k, run_time=1.2)
            self.fill_row(k + 1)
            self.wait(0.6)
            self.play(FadeOut(VGroup(tangent, slope_label, arrow, drop, step_label)), run_time=0.5)

    def plot_box(self) -> tuple[float, float, float, float]:
        """(left, bottom, right, top) of the plot: labels stay in it, never over the table or caption."""
        return (self.axes.get_left()[0], self.axes.get_bottom()[1], self.axes.get_right()[0], self.axes.get_top()[1])

    def axis_labels(self) -> list:
        return [*self.axes.x_axis.labels, *self.axes.y_axis.labels]

    def take_remaining_steps(self):
        first = min(self.parameters.narrated_steps, self.parameters.steps)
        if first and not self.in_view(first - 1):
            first = next(k for k in range(first) if not self.in_view(k))
        remaining = range(first, self.parameters.steps)
        halfway = first + len(remaining) // 2
        for k in remaining:
            if k == first:
                self.say("repeat")
            if k == halfway and len(remaining) > 2 and self.run_2d.regime is Regime.MONOTONE:
                self.say("shrink")
            t = self.parameters.step_time
            if self.in_view(k):
                tangent = self.get_tangent(k, length=2.0)
                arrow = self.get_step_arrow(k) if self.moves_on_screen(k) else VGroup()
                self.play(Create(tangent), Create(arrow), run_time=0.35 * t)
                self.move_dot(k, run_time=0.4 * t)
                self.play(FadeOut(tangent), FadeOut(arrow), run_time=0.1 * t)
            self.fill_row(k + 1, run_time=0.15 * t if self.in_view(k) else 0.3 * t)

    def sum_up_2d(self):
        final = self.run_2d.final
        self.say("result", n=self.shown("steps", self.parameters.steps), xn=self.shown(f"x_{final.k}", final.point[0]),
                 fn=self.shown(f"f(x_{final.k})", final.value))
        last_row = self.rows[-1]
        box = Rectangle(width=6.3, height=self.row_height * 1.05, color=DESCENT_COLOR, stroke_width=2)
        box.move_to([3.7, last_row.get_center()[1], 0])
        self.play(Create(box), run_time=0.6)
        self.wait(2.0)
        self.give_verdict()
        # Everything but the parabola leaves: the parabola carries over into the 3D half.
        leaving = [self.table_header, self.rows, box, self.loss_panel, self.loss_dots, self.loss_segments,
                   self.graph_label, self.dot, self.ghosts]
        if self.dot not in self.mobjects:  # it flew off screen and was faded already
            leaving.remove(self.dot)
        self.play(FadeOut(VGroup(*leaving)), run_time=0.8)

    def give_verdict(self):
        """Why the run went the way it did: its regime against the thresholds 1/L and 2/L, exactly."""
        run = self.run_2d
        kind = story(run)
        if run.regime is not None and kind == run.regime.value and kind != Regime.STATIONARY.value:
            model = quadratic_model(run.objective)
            self.say(f"verdict_{kind}", alpha=self.shown("alpha", run.learning_rate),
                     best=self.shown("1/L", model.fastest_monotone.as_fraction()),
                     limit=self.shown("2/L", model.stability_limit.as_fraction()))
        elif run.objective.is_quadratic and kind != Regime.STATIONARY.value:
            # a line or a parabola opening downwards: no lowest point to reach, whatever α
            self.say("verdict_unbounded", function=self.shown_polynomial("f", run.objective, latex=False))
        else:  # any other function: what the steps shown do, and no claim of a minimum
            self.say(f"verdict_{kind}")
        self.wait(3.0)

    # -- 3D ------------------------------------------------------------------------------------
    def get_axes_3d(self) -> ThreeDAxes:
        reach = max(1.0, max(float(np.max(np.abs(self.domain_point(1.0, t)))) for t in np.linspace(0, 2 * np.pi, 73)))
        self.reach_3d = reach = reach * 1.08
        # From the surface's lowest point (or 0) to its highest, over the whole patch: a saddle or a
        # function below 0 somewhere must not hang out of the axes into the caption band.
        heights = [self._f3(*self.domain_point(r, t)) for r in np.linspace(0, 1, 9) for t in np.linspace(0, 2 * np.pi, 73)]
        self.top_3d = top = max(max(heights), 0.0)
        self.bottom_3d = bottom = min(min(heights), 0.0)
        if top == bottom:  # a flat surface at 0
            self.top_3d = top = 1.0
        span = top - bottom
        z_range, z_scaling = scaled_range(bottom - 0.05 * span if bottom < 0 else 0.0, top + 0.05 * span,
                                          float(nice_step(span, 4)))
        axes = ThreeDAxes(x_range=[-reach, reach, float(nice_step(2 * reach, 8))],
                          y_range=[-reach, reach, float(nice_step(2 * reach, 8))],
                          z_range=z_range, z_axis_config={"scaling": z_scaling},
                          x_length=6.4, y_length=6.4, z_length=4.2, num_axis_pieces=1,
                          axis_config={"color": AXIS_COLOR, "stroke_width": 2}, tips=False)
        return axes

    def height_at(self, fraction: float) -> float:
        """The height this fraction of the way up from the surface's bottom (or 0) to its top."""
        return self.bottom_3d + fraction * (self.top_3d - self.bottom_3d)

    def get_domain(self):
        """The patch of plane the surface covers, as (r, t) ↦ (x, y) with r in [0, 1].

        For a bowl-shaped quadratic it is the region inside the level curve a little above the
        start, so the rim is level and the bowl reads as a bowl whatever its shape; otherwise a
        disc around the origin that holds the run.
        """
        run = self.run_3d
        sizes = [math.hypot(float(a), float(b)) for a, b in run.points]
        radius = min(max(sizes), VIEW_GROWTH * max(1.0, sizes[0]))
        self.in_view_3d = lambda k: sizes[k] <= radius * 1.0001
        if run.objective.is_quadratic and quadratic_model(run.objective).is_positive_definite:
            model = quadratic_model(run.objective)
            centre = np.array([float(c) for c in model.minimizer()])
            lowest = float(run.objective(model.minimizer()))
            excess = max(float(v) for k, v in enumerate(run.values) if self.in_view_3d(k)) - lowest
            eigenvalues, eigenvectors = np.linalg.eigh(np.array([[float(v) for v in row] for row in model.hessian]))
            radii = np.sqrt(2 * max(excess, 1e-6) * 1.15 / eigenvalues)
            return lambda r, t: centre + eigenvectors @ (r * radii * np.array([math.cos(t), math.sin(t)]))
        return lambda r, t: np.array([r * radius * math.cos(t), r * radius * math.sin(t)])

    def domain_point(self, r: float, t: float) -> np.ndarray:
        if not hasattr(self, "_domain"):
            self._domain = self.get_domain()
        return self._domain(r, t)

    def slice_the_bowl(self):
        self.mark_part("3d")
        f3 = self.run_3d.objective
        self._f3 = float_function(f3)
        self.axes3d = axes = self.get_axes_3d()
        # The rule stays on screen while the camera turns: pin it to the frame.
        self.add_fixed_in_frame_mobjects(self.rule)
        reach = self.reach_3d
        inside = [t for t in np.linspace(-reach, reach, 401) if self._f3(t, 0) <= self.top_3d * 1.0001]
        span = [min(inside), max(inside)]
        slice_curve = ParametricFunction(lambda t: axes.c2p(t, 0, self._f3(t, 0)),
                                         t_range=[*span, (span[1] - span[0]) / 200 or 1],
                                         color=FUNCTION_COLOR, stroke_width=5)
        head_on = {"phi": 90 * DEGREES, "theta": -90 * DEGREES, "zoom": 0.95,
                   "frame_center": axes.c2p(0, 0, self.height_at(0.42))}
        # Seen head-on, the slice y = 0 of the bowl is a parabola in the plane of the screen. First the
        # 2D parabola glides onto exactly that picture; then the 3D objects take its place unseen.
        flat_slice = self.flat_image(slice_curve, **head_on)
        flat_axes = VGroup(self.flat_image(axes.x_axis, **head_on), self.flat_image(axes.z_axis, **head_on))
        if self.is_lecture_pair():
            self.say("slice", function3d=self.shown_polynomial("f (3D)", f3, latex=False))
        elif slice_of(f3) == self.run_2d.objective:
            self.say("slice_same", function3d=self.shown_polynomial("f (3D)", f3, latex=False))
        else:
            self.say("slice_other", function3d=self.shown_polynomial("f (3D)", f3, latex=False))
        self.play(ReplacementTransform(self.graph, flat_slice), ReplacementTransform(self.axes, flat_axes),
                  run_time=1.6)
        self.set_camera_orientation(**head_on)
        self.remove(flat_slice, flat_axes)
        self.add(axes.x_axis, axes.z_axis, slice_curve)
        self.wait(0.8)
        self.surface = self.get_surface()
        function_label = MathTex("f(x, y) = " + self.shown_polynomial("f (3D)", f3), font_size=34, color=FUNCTION_COLOR)
        function_label.to_corner(UR, buff=0.3)
        self.add_fixed_in_frame_mobjects(function_label)
        self.remove(function_label)
        self.move_camera(phi=64 * DEGREES, theta=-52 * DEGREES, zoom=0.8,
                         frame_center=axes.c2p(0, 0, self.height_at(0.3)),
                         added_anims=[FadeIn(self.surface), Create(axes.y_axis), FadeIn(function_label)],
                         run_time=3.0)
        self.slice_curve = slice_curve
        self.wait(0.8)

    def flat_image(self, mobject: VMobject, phi: float, theta: float, zoom: float, frame_center) -> VMobject:
        """A 2D copy of ``mobject`` placed where the camera at (phi, theta, zoom) would show it."""
        camera = self.renderer.camera
        saved = (camera.get_phi(), camera.get_theta(), camera.get_zoom(), camera.frame_center.copy())
        camera.set_phi(phi)
        camera.set_theta(theta)
        camera.set_zoom(zoom)
        camera.frame_center = frame_center
        camera.reset_rotation_matrix()
        image = mobject.copy()
        for part in image.family_members_with_points():
            projected = camera.project_points(part.points)
            projected[:, 2] = 0
            part.set_points(projected)
        camera.set_phi(saved[0])
        camera.set_theta(saved[1])
        camera.set_zoom(saved[2])
        camera.frame_center = saved[3]
        camera.reset_rotation_matrix()
        return image

    def get_surface(self) -> Surface:
        axes, f = self.axes3d, self._f3
        surface = Surface(lambda r, t: axes.c2p(*self.domain_point(r, t), f(*self.domain_point(r, t))),
                          u_range=[0, 1], v_range=[0, 2 * math.pi], resolution=(8, 24),
                          fill_opacity=0.55, stroke_width=0.4, stroke_color=FUNCTION_COLOR,
                          should_make_jagged=False)
        low, high = FUNCTION_COLOR, interpolate_color(FUNCTION_COLOR, SURFACE_HIGHLIGHT, 0.55)
        light = np.array([-3.0, -4.0, 8.0])
        for face in surface:
            corners = np.asarray(face.get_anchors())
            z_low, z_high = axes.c2p(0, 0, self.bottom_3d)[2], axes.c2p(0, 0, self.top_3d)[2]
            height = (np.mean(corners[:, 2]) - z_low) / (z_high - z_low)
            color = interpolate_color(low, high, float(np.clip(height, 0, 1)))
            normal = get_unit_normal(corners[1] - corners[0], corners[-2] - corners[0]) if len(corners) > 2 else np.array([0, 0, 1.0])
            brightness = 0.65 + 0.35 * abs(float(np.dot(normal, light / np.linalg.norm(light))))
            face.set_fill(interpolate_color(SHADE_COLOR, color, brightness), opacity=0.55)
        return surface

    def descend_the_bowl(self):
        run, axes = self.run_3d, self.axes3d
        first = run.iterates[0]
        self.say("bowl")
        gradient = MathTex(r"\nabla f = \left(" + ",\\ ".join(self.shown_polynomial(f"∂f/∂{v} (3D)", g)
                                                              for v, g in zip("xy", run.objective.gradient()))
                           + r"\right)", font_size=32, color=GRADIENT_COLOR)
        gradient.next_to(self.rule, DOWN, buff=0.25).align_to(self.rule, LEFT)
        self.add_fixed_in_frame_mobjects(gradient)
        self.remove(gradient)
        self.play(FadeIn(gradient), run_time=0.8)
        self.wait(1.2)
        self.say("start3d", x0=self.shown("x_0 (3D)", first.point[0]), y0=self.shown("y_0 (3D)", first.point[1]),
                 f0=self.shown("f(x_0, y_0)", first.value))
        self.levels = self.get_level_curves()
        self.play(Create(self.levels), run_time=1.2)
        top_points = [axes.c2p(float(a), float(b), float(v)) for (a, b), v in zip(run.points, run.values)]
        # The floor lies under the whole surface: at 0 for a bowl down to 0, lower for one that dips below.
        floor_points = [axes.c2p(float(a), float(b), self.bottom_3d) for a, b in run.points]
        dot = Dot(top_points[0], radius=0.09, color=DESCENT_COLOR).set_z_index(10)
        floor_dot = Dot(floor_points[0], radius=0.06, color=DESCENT_COLOR).set_z_index(10)
        # Solid, faint drop lines: a dashed line is dozens of pieces to draw in every orbiting frame.
        drop = Line(top_points[0], floor_points[0], color=DESCENT_COLOR, stroke_width=2, stroke_opacity=0.6)
        self.readout = self.get_readout(0)
        self.add_fixed_in_frame_mobjects(self.readout)
        self.remove(self.readout)
        self.play(FadeIn(dot), FadeIn(floor_dot), Create(drop), FadeIn(self.readout), run_time=0.8)
        self.say("path")
        # The camera holds still while the path grows, so cairo draws the surface once into the
        # background and redraws only what moves; the orbit comes at the end.
        steps = len(run.iterates) - 1
        floor_at = max(2, steps // 2) if steps > 2 else None
        for k in range(steps):
            if k == floor_at:
                self.say(f"floor_{story(run)}")
            if not self.in_view_3d(k + 1):
                # Beyond the bowl drawn: the readout goes on, the picture stops.
                self.update_readout(k + 1)
                self.wait(0.5)
                continue
            segment = Line(top_points[k], top_points[k + 1], color=DESCENT_COLOR, stroke_width=4)
            floor_segment = Line(floor_points[k], floor_points[k + 1], color=DESCENT_COLOR, stroke_width=3)
            new_drop = Line(top_points[k + 1], floor_points[k + 1], color=DESCENT_COLOR, stroke_width=2,
                            stroke_opacity=0.6)
            marker = Dot(top_points[k], radius=0.05, color=DESCENT_COLOR).set_z_index(9)
            self.add(marker)
            run_time = 1.1 if k < 3 else 0.7
            self.play(Create(segment), Create(floor_segment), dot.animate.move_to(top_points[k + 1]),
                      floor_dot.animate.move_to(floor_points[k + 1]), run_time=run_time)
            self.update_readout(k + 1)
            self.play(Create(new_drop), run_time=0.25)
        if floor_at is None:  # too few steps to say it on the way
            self.say(f"floor_{story(run)}")
            self.wait(2.5)

    def update_readout(self, k: int):
        readout = self.get_readout(k)
        self.remove(self.readout)
        self.remove_fixed_in_frame_mobjects(self.readout)
        self.readout = readout
        self.add_fixed_in_frame_mobjects(readout)

    def get_readout(self, k: int) -> VGroup:
        """k, the point and the loss. Values are Text: a new MathTex per step would cost a LaTeX run each."""
        iterate = self.run_3d.iterates[k]
        a, b = (self.shown(f"{name}_{k} (3D)", c) for name, c in zip("xy", iterate.point))
        value = self.shown(f"f_{k} (3D)", iterate.value)
        if not hasattr(self, "readout_labels"):
            self.readout_labels = [MathTex("k =", font_size=30), MathTex("(x, y) =", font_size=30, color=DESCENT_COLOR),
                                   MathTex("f(x, y) =", font_size=30, color=FUNCTION_COLOR)]
        texts = (self.shown(f"k_{k} (3D)", k), f"({a}, {b})", value)
        colors = (TEXT_COLOR, DESCENT_COLOR, FUNCTION_COLOR)
        rows = VGroup(*(VGroup(label.copy(), Text(text, font=FONT, font_size=24, color=color))
                        .arrange(RIGHT, buff=0.15) for label, text, color in zip(self.readout_labels, texts, colors)))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        rows.to_corner(UR, buff=0.3).shift(0.75 * DOWN)
        # Long numbers reach over the bowl's rim: a backing in the background colour keeps them legible.
        backing = BackgroundRectangle(rows, color=config.background_color, fill_opacity=0.8, buff=0.1)
        return VGroup(backing, rows)

    def get_level_curves(self) -> VGroup:
        """Level curves on the floor through every other iterate (drawn for bowl-shaped quadratics)."""
        run, axes = self.run_3d, self.axes3d
        curves = VGroup()
        for k in range(0, len(run.iterates), 2):
            ellipse = level_ellipse(run.objective, float(run.values[k]))
            if ellipse is not None and self.in_view_3d(k):
                curves.add(ParametricFunction(lambda t, e=ellipse: axes.c2p(*e(t), self.bottom_3d), t_range=[0, 2 * math.pi],
                                              color=LEVEL_COLOR, stroke_width=1.5, stroke_opacity=0.8))
        return curves

    def sum_up_3d(self):
        final = self.run_3d.final
        self.say("result3d", n=self.shown("steps (3D)", self.parameters.surface_steps), xn=self.shown(f"x_{final.k} (3D)", final.point[0]),
                 yn=self.shown(f"y_{final.k} (3D)", final.point[1]),
                 fn=self.shown(f"f_{final.k} (3D)", final.value))
        self.begin_ambient_camera_rotation(rate=0.15)
        self.wait(4.0)
        self.stop_ambient_camera_rotation()
        self.wait(0.5)


GradientDescentIn2DAnd3D = apply_variant(GradientDescentIn2DAnd3D)
