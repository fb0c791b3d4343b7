"""The gradient field of f(x, y) = x² + y²: arrows drawn to scale, ⟂ level curves, −∇f points downhill."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import hypot

import numpy as np
from manim import (DOWN, LEFT, ORIGIN, RIGHT, UP, Arrow, Axes, Create, DashedLine, ParametricFunction,
                   Dot, FadeIn, FadeOut, GrowArrow, Indicate, LaggedStart, MathTex, SurroundingRectangle,
                   VGroup, VMobject, Write, config)

from gdmath import as_fraction, exact_text, parse, quadratic_model
from scenes.kit.axes import nice_step
from scenes.kit.narration import NarratedScene
from scenes.kit.plotting import float_function, level_ellipse
from scenes.kit.variants import FieldError, SceneParameters, apply_variant, check_field, check_function
from scenes.kit.style import (AXIS_COLOR, DESCENT_COLOR, FRAME_MARGIN, FUNCTION_COLOR, GRADIENT_COLOR,
                              LABEL_FONT_SIZE, LEVEL_COLOR, MUTED_COLOR, TEXT_COLOR, plain_formula,
                              tex_color_map)

Point = tuple[Fraction, Fraction]


@dataclass(frozen=True)
class GradientFieldParameters(SceneParameters):
    """What a teacher may vary; the defaults follow the lecture note (section 2)."""

    function: str = "x**2 + y**2"
    #: Level curves f = c drawn from the start (for x² + y², circles of radius 1, 2, 3).
    levels: tuple[str, ...] = ("1", "4", "9")
    #: The axes run from −plane_range to plane_range in x and in y.
    plane_range: str = "3.5"
    #: The field's arrows sit on a grid from −grid_extent to grid_extent in steps of grid_step.
    grid_extent: str = "3"
    grid_step: str = "0.75"
    #: Every arrow's length, in the plane's units, is exactly arrow_scale · |∇f|.
    arrow_scale: str = "0.1"
    #: |∇f| of the reference arrow in the legend.
    reference_gradient: str = "5"
    #: Points where ∇f meets the level curve at a right angle; on the circles above, so that
    #: the tangent belongs to a curve already on screen and |∇f| comes out whole.
    points: tuple[tuple[str, str], ...] = (("1.2", "1.6"), ("-2.4", "1.8"), ("-1.6", "-1.2"))
    #: Half the length of each tangent segment, in plane units.
    tangent_half_length: str = "0.9"
    #: The level labels sit where the curves cross the ray at this angle (degrees).
    level_label_angle: float = 20.0
    # Layout on screen (frame units): a square plane on the left, formulas on the right.
    plane_side: float = 6.2
    plane_center: tuple[float, float] = (-3.55, 0.35)
    panel_left: float = 0.35
    # Tips keep one size on every arrow; only an arrow shorter than tip/ratio gets a smaller tip
    # (its length, tail to point, stays exact either way).
    field_tip_length: float = 0.09
    field_stroke_width: float = 2.5
    highlight_tip_length: float = 0.17
    highlight_stroke_width: float = 5.0
    tip_to_length_ratio: float = 0.6
    field_dim_opacity: float = 0.28
    language: str = "ko"

    def check(self) -> None:
        super().check()
        f = check_function("function", self.function, 2)
        for key in ("plane_range", "grid_extent", "grid_step", "arrow_scale", "reference_gradient",
                    "tangent_half_length"):
            if check_field(key, as_fraction, getattr(self, key), key) <= 0:
                raise FieldError(key, f"must be greater than 0, not {getattr(self, key)}")
        if as_fraction(self.grid_extent) / as_fraction(self.grid_step) > 12:
            raise FieldError("grid_step", "too small for the grid: at most 25 × 25 arrows")
        if len(self.levels) != 3:
            raise FieldError("levels", f"must list 3 levels (the narration names three), not {len(self.levels)}")
        for level in self.levels:
            check_field("levels", as_fraction, level, "level")
        if not 1 <= len(self.points) <= 4:
            raise FieldError("points", f"must list 1 to 4 points, not {len(self.points)}")
        extent = as_fraction(self.plane_range)
        for point in self.points:
            if not any(check_field("points", f.gradient_at, point)):
                raise FieldError("points", f"∇f is 0 at {point}: no direction to show there")
            if any(abs(as_fraction(c)) > extent for c in point):
                raise FieldError("points", f"({', '.join(point)}) lies outside the plane "
                                           f"(plane_range {self.plane_range}): the point would not be on screen")
        if as_fraction(self.grid_extent) > extent:
            raise FieldError("grid_extent", f"{self.grid_extent} is larger than plane_range {self.plane_range}: "
                                            "arrows would sit off the plane")


class GradientFieldOfABowl(NarratedScene):
    script_name = "gradient_field"
    parameters = GradientFieldParameters()

    def setup(self):
        super().setup()
        p = self.parameters
        self.f = parse(p.function)
        self.fx, self.fy = self.f.partial("x"), self.f.partial("y")
        self.scale_factor = as_fraction(p.arrow_scale, "arrow scale")
        self.points: list[Point] = [(as_fraction(a), as_fraction(b)) for a, b in p.points]
        # Filled by the beats; record_extra measures the arrows actually drawn.
        self.field_entries: list[tuple[Point, tuple[Fraction, Fraction], Arrow]] = []
        self.highlight_entries: list[tuple[str, Point, tuple[Fraction, Fraction], Arrow]] = []
        self.tangent_entries: list[tuple[Point, VMobject]] = []

    def construct(self):
        self.show_function()
        self.show_levels()
        self.show_partials()
        self.show_gradient_formula()
        self.show_field()
        self.show_scale()
        self.show_perpendicular()
        self.show_steepest()
        self.show_descent()
        self.show_summary()

    # -- beats ------------------------------------------------------------------------------
    def show_function(self):
        self.say("function", function=plain_formula(self.f))
        self.axes = self.get_axes()
        self.function_tex = MathTex("f(x, y) =", self.f.to_latex(), font_size=44, color=TEXT_COLOR)
        self.function_tex[1].set_color(FUNCTION_COLOR)
        self.function_tex.move_to(self.panel_point(3.25))
        self.play(Create(self.axes), run_time=1.5)
        self.play(Write(self.function_tex), run_time=1.5)
        self.wait(1.5)

    def show_levels(self):
        values = [as_fraction(c, "level") for c in self.parameters.levels]
        texts = [self.shown(f"level {i + 1}", c) for i, c in enumerate(values)]
        self.say("levels", **{f"c{i + 1}": text for i, text in enumerate(texts)})
        self.level_curves = VGroup(*(self.get_level_curve(c) for c in values))
        self.level_labels = VGroup(*(self.get_level_label(c, text) for c, text in zip(values, texts)))
        self.play(LaggedStart(*(Create(curve) for curve in self.level_curves), lag_ratio=0.4), run_time=2.5)
        self.play(LaggedStart(*(FadeIn(label) for label in self.level_labels), lag_ratio=0.3), run_time=1.2)
        self.wait(2)

    def show_partials(self):
        self.say("partials", fx=plain_formula(self.fx), fy=plain_formula(self.fy))
        self.partials_tex = MathTex(r"\frac{\partial f}{\partial x} =", self.fx.to_latex(), r",\qquad",
                                    r"\frac{\partial f}{\partial y} =", self.fy.to_latex(),
                                    font_size=40, color=TEXT_COLOR)
        self.partials_tex.move_to(self.panel_point(2.15))
        self.play(Write(self.partials_tex), run_time=2)
        self.wait(2.5)

    def show_gradient_formula(self):
        self.say("gradient", fx=plain_formula(self.fx), fy=plain_formula(self.fy))
        self.gradient_tex = MathTex(r"\nabla f(x, y) =", r"\big(", self.fx.to_latex(), ",", self.fy.to_latex(),
                                    r"\big)", font_size=44, color=GRADIENT_COLOR)
        self.gradient_tex.move_to(self.panel_point(1.05))
        sources = VGroup(self.partials_tex[1], self.partials_tex[4]).copy()
        self.play(FadeIn(self.gradient_tex[0:2]), FadeIn(self.gradient_tex[3]), FadeIn(self.gradient_tex[5]),
                  sources[0].animate.move_to(self.gradient_tex[2]).set_color(GRADIENT_COLOR),
                  sources[1].animate.move_to(self.gradient_tex[4]).set_color(GRADIENT_COLOR), run_time=1.8)
        # The animation added each copy on its own, so each must go.
        self.remove(*sources)
        self.add(self.gradient_tex)
        self.wait(2.5)

    def show_field(self):
        self.say("field")
        self.field = self.get_field()
        # One LaggedStart, centre outwards, so the growth of |∇f| with distance reads as it appears.
        order = sorted(self.field, key=lambda arrow: np.linalg.norm(arrow.get_start() - self.axes.c2p(0, 0)))
        self.play(LaggedStart(*(GrowArrow(arrow) for arrow in order), lag_ratio=0.04), run_time=4)
        self.bring_to_front(self.level_labels)
        self.wait(2)

    def show_scale(self):
        scale_text = self.shown("arrow scale", self.scale_factor)
        self.say("scale", scale=scale_text)
        self.legend = self.get_legend(scale_text)
        self.play(FadeIn(self.legend, shift=0.2 * UP), run_time=1.2)
        self.wait(3.5)
        # Dim the field once and leave it static: later beats draw on top of it.
        self.play(self.field.animate.set_opacity(self.parameters.field_dim_opacity),
                  self.level_labels.animate.set_opacity(0.8), run_time=1.2)

    def show_perpendicular(self):
        self.say("perpendicular")
        self.table = self.get_table_header()
        self.play(FadeIn(self.table), run_time=0.8)
        self.markers = VGroup()
        self.ascent_arrows = VGroup()
        for index, point in enumerate(self.points):
            gradient = self.f.gradient_at(point)
            dot = Dot(self.plane_point(point), radius=0.06, color=TEXT_COLOR).set_z_index(5)
            label = MathTex(f"P_{index + 1}", font_size=LABEL_FONT_SIZE, color=TEXT_COLOR)
            label.move_to(self.plane_point(point) + self.label_offset(gradient))
            tangent = self.get_tangent(point, gradient)
            arrow = self.get_arrow(point, gradient, GRADIENT_COLOR, highlight=True)
            self.highlight_entries.append(("ascent", point, gradient, arrow))
            mark = self.get_right_angle(point, gradient)
            row = self.get_table_row(index, point, gradient)
            self.markers.add(VGroup(dot, label, tangent, mark))
            self.ascent_arrows.add(arrow)
            self.play(FadeIn(dot, scale=0.5), FadeIn(label), Create(tangent), run_time=0.9)
            self.play(GrowArrow(arrow), Create(mark), FadeIn(row[:2]), run_time=1.1)
            self.wait(0.6)
        self.wait(1.5)

    def show_steepest(self):
        self.say("steepest")
        tangents = VGroup(*(marker[2] for marker in self.markers))
        self.play(LaggedStart(*(Indicate(t, color=TEXT_COLOR, scale_factor=1.05) for t in tangents),
                              lag_ratio=0.2), run_time=1.6)
        self.play(LaggedStart(*(Indicate(a, color=GRADIENT_COLOR) for a in self.ascent_arrows),
                              lag_ratio=0.2), run_time=1.6)
        self.wait(2.5)

    def show_descent(self):
        minimum = quadratic_model(self.f).minimizer()
        minimum_text = [self.shown(f"minimum {name}", value) for name, value in zip("xy", minimum)]
        self.say("descent", mx=minimum_text[0], my=minimum_text[1])
        bottom = Dot(self.plane_point(minimum), radius=0.07, color=DESCENT_COLOR).set_z_index(5)
        bottom_label = self.words("screen_minimum", font_size=22, color=DESCENT_COLOR)
        bottom_label.add_background_rectangle(opacity=0.8, buff=0.05)
        bottom_label.next_to(bottom, DOWN + RIGHT, buff=0.06)
        self.play(FadeIn(bottom, scale=0.5), FadeIn(bottom_label), FadeIn(self.table[2]), run_time=1)
        self.descent_arrows = VGroup()
        guides = VGroup()
        for index, point in enumerate(self.points):
            gradient = self.f.gradient_at(point)
            descent = (-gradient[0], -gradient[1])
            arrow = self.get_arrow(point, descent, DESCENT_COLOR, highlight=True)
            self.highlight_entries.append(("descent", point, descent, arrow))
            guide = DashedLine(self.plane_point(point), self.plane_point(minimum), color=DESCENT_COLOR,
                               stroke_width=2, stroke_opacity=0.55, dash_length=0.08)
            self.descent_arrows.add(arrow)
            guides.add(guide)
            self.play(GrowArrow(arrow), Create(guide), FadeIn(self.table_rows[index][2]), run_time=1.2)
        self.guides = guides
        self.minimum_marker = VGroup(bottom, bottom_label)
        self.wait(2.5)

    def show_summary(self):
        self.say("summary")
        summary = self.summary = self.get_summary()
        self.play(FadeOut(self.partials_tex), FadeOut(self.legend), FadeOut(self.table),
                  FadeOut(self.table_rows), FadeOut(self.guides), run_time=1)
        self.play(self.gradient_tex.animate.move_to(self.panel_point(2.1)), run_time=0.8)
        self.play(FadeIn(summary, shift=0.2 * UP), run_time=1.2)
        self.wait(5)

    # -- builders ---------------------------------------------------------------------------
    def get_axes(self) -> VGroup:
        p = self.parameters
        extent = float(as_fraction(p.plane_range))
        # Equal lengths for equal ranges: one unit is as long on x as on y, so circles stay round
        # and right angles look right.
        step = float(nice_step(2 * extent, 8))  # ticks at 1 for the lecture's ±3.5; fewer on a larger plane
        axes = Axes(x_range=[-extent, extent, step], y_range=[-extent, extent, step], x_length=p.plane_side,
                    y_length=p.plane_side, tips=False,
                    axis_config={"color": AXIS_COLOR, "stroke_width": 2, "include_ticks": True,
                                 "tick_size": 0.05})
        axes.move_to([*p.plane_center, 0])
        labels = VGroup(MathTex("x", font_size=LABEL_FONT_SIZE, color=AXIS_COLOR)
                        .next_to(axes.x_axis.get_end(), UP, buff=0.1),
                        MathTex("y", font_size=LABEL_FONT_SIZE, color=AXIS_COLOR)
                        .next_to(axes.y_axis.get_end(), RIGHT, buff=0.1))
        self.axes_object = axes
        group = VGroup(axes, labels)
        group.c2p = axes.c2p  # type: ignore[attr-defined]
        group.p2c = axes.p2c  # type: ignore[attr-defined]
        return group

    @property
    def unit(self) -> float:
        """Frame units per plane unit (the same on both axes)."""
        return self.axes_object.get_x_unit_size()

    def plane_point(self, point) -> np.ndarray:
        return self.axes_object.c2p(float(point[0]), float(point[1]))

    def panel_point(self, y: float) -> np.ndarray:
        """A point in the right-hand panel, centred horizontally, at height ``y``."""
        right = config.frame_width / 2 - FRAME_MARGIN
        return np.array([(self.parameters.panel_left + right) / 2, y, 0])

    def get_level_curve(self, level: Fraction) -> VMobject:
        ellipse = level_ellipse(self.f, float(level))
        if ellipse is not None:  # a bowl: exact ellipses, ~1000× cheaper than searching the plane
            return ParametricFunction(lambda t: self.axes_object.c2p(*ellipse(t)), t_range=[0, 2 * np.pi],
                                      color=LEVEL_COLOR, stroke_width=2.5)
        evaluate, target = float_function(self.f), float(level)
        curve = self.axes_object.plot_implicit_curve(lambda u, v: evaluate(u, v) - target, min_depth=7,
                                                     max_quads=4000, color=LEVEL_COLOR, stroke_width=2.5)
        return curve

    def get_level_label(self, level: Fraction, text: str) -> VGroup:
        label = MathTex(f"f = {text}", font_size=28, color=LEVEL_COLOR)
        label.add_background_rectangle(opacity=0.85, buff=0.04)
        # Where the level curve meets a ray just above the x-axis, clear of the points and the minimum.
        angle = np.deg2rad(self.parameters.level_label_angle)
        direction = np.array([np.cos(angle), np.sin(angle)])
        evaluate = float_function(self.f)
        low, high = 0.0, float(as_fraction(self.parameters.plane_range)) * 1.5
        for _ in range(60):
            middle = (low + high) / 2
            if evaluate(*(middle * direction)) < float(level):
                low = middle
            else:
                high = middle
        label.move_to(self.axes_object.c2p(*(low * direction)))
        label.set_z_index(6)
        return label

    def grid_points(self) -> list[Point]:
        extent = as_fraction(self.parameters.grid_extent)
        step = as_fraction(self.parameters.grid_step)
        count = int(extent / step)
        values = [k * step for k in range(-count, count + 1)]
        return [(a, b) for a in values for b in values]

    def get_arrow(self, point: Point, vector, color, highlight: bool = False) -> Arrow:
        """An arrow from ``point`` whose length in plane units is exactly arrow_scale · |vector|."""
        p = self.parameters
        s = float(self.scale_factor)
        start = self.plane_point(point)
        end = self.axes_object.c2p(float(point[0]) + s * float(vector[0]), float(point[1]) + s * float(vector[1]))
        # buff=0 so the arrow runs from the point itself; the stroke ratio is lifted so short arrows
        # keep their width, and tips stay fixed unless the arrow is too short to carry one.
        return Arrow(start, end, buff=0, color=color,
                     stroke_width=p.highlight_stroke_width if highlight else p.field_stroke_width,
                     tip_length=p.highlight_tip_length if highlight else p.field_tip_length,
                     max_tip_length_to_length_ratio=p.tip_to_length_ratio,
                     max_stroke_width_to_length_ratio=1e6).set_z_index(4 if highlight else 1)

    def get_field(self) -> VGroup:
        field = VGroup()
        for point in self.grid_points():
            gradient = self.f.gradient_at(point)
            if not any(gradient):
                continue  # a zero vector has no arrow; the bottom of the bowl shows as a gap
            arrow = self.get_arrow(point, gradient, GRADIENT_COLOR)
            self.field_entries.append((point, gradient, arrow))
            field.add(arrow)
        return field

    def get_legend(self, scale_text: str) -> VGroup:
        words = self.words("screen_arrow_length", font_size=26)
        formula = MathTex(rf"= {scale_text} \times |\nabla f|", font_size=36, color=TEXT_COLOR,
                          tex_to_color_map={r"\nabla f": GRADIENT_COLOR})
        line = VGroup(words, formula).arrange(RIGHT, buff=0.15)
        formula.align_to(words, DOWN).shift(0.04 * DOWN)
        reference = as_fraction(self.parameters.reference_gradient)
        reference_text = self.shown("reference |grad f|", reference)
        arrow = self.get_arrow((Fraction(0), Fraction(0)), (reference, Fraction(0)), GRADIENT_COLOR)
        self.reference_arrow = arrow
        arrow_label = MathTex(rf"|\nabla f| = {reference_text}", font_size=30, color=TEXT_COLOR)
        sample = VGroup(arrow, arrow_label)
        arrow_label.next_to(arrow, RIGHT, buff=0.2)
        legend = VGroup(line, sample).arrange(DOWN, buff=0.22)
        legend.move_to(self.panel_point(-0.05))
        frame = SurroundingRectangle(legend, buff=0.15, color=MUTED_COLOR, stroke_width=1.5, corner_radius=0.08)
        return VGroup(frame, legend)

    def get_tangent(self, point: Point, gradient) -> VMobject:
        half = float(as_fraction(self.parameters.tangent_half_length))
        length = hypot(float(gradient[0]), float(gradient[1]))
        # The tangent to the level curve is the gradient turned a quarter turn.
        direction = np.array([-float(gradient[1]), float(gradient[0])]) / length
        x0, y0 = float(point[0]), float(point[1])
        tangent = VMobject(color=LEVEL_COLOR, stroke_width=4).set_z_index(3)
        tangent.set_points_as_corners([self.axes_object.c2p(*(np.array([x0, y0]) - half * direction)),
                                       self.axes_object.c2p(*(np.array([x0, y0]) + half * direction))])
        self.tangent_entries.append((point, tangent))
        return tangent

    def get_right_angle(self, point: Point, gradient, size: float = 0.16) -> VMobject:
        g = np.array([float(gradient[0]), float(gradient[1]), 0.0])
        g /= np.linalg.norm(g)
        t = np.array([-g[1], g[0], 0.0])
        corner = self.plane_point(point)
        mark = VMobject(color=TEXT_COLOR, stroke_width=2.5).set_z_index(5)
        mark.set_points_as_corners([corner + size * t, corner + size * (t + g), corner + size * g])
        return mark

    def label_offset(self, gradient) -> np.ndarray:
        g = np.array([float(gradient[0]), float(gradient[1]), 0.0])
        g /= np.linalg.norm(g)
        t = np.array([-g[1], g[0], 0.0])
        # Outside the curve, between ∇f and the half of the tangent without the right-angle mark:
        # the one quadrant no arrow will enter.
        return 0.34 * (g - t)

    def get_table_header(self) -> VGroup:
        self.columns = [self.panel_point(0)[0] + dx for dx in (-1.9, 0.35, 2.15)]
        top = -0.95
        header = VGroup(self.words("screen_point", font_size=24),
                        MathTex(r"\nabla f", font_size=34, color=GRADIENT_COLOR),
                        MathTex(r"-\nabla f", font_size=34, color=DESCENT_COLOR))
        for cell, x in zip(header, self.columns):
            cell.move_to([x, top, 0])
        header[0].align_to(header[1], DOWN)
        header[2].align_to(header[1], DOWN)
        self.table_rows = VGroup()
        return header

    def get_table_row(self, index: int, point: Point, gradient) -> VGroup:
        top = -0.95
        y = top - 0.55 * (index + 1)
        coordinates = [self.shown(f"P{index + 1} {name}", value) for name, value in zip("xy", point)]
        ascent = [self.shown(f"P{index + 1} grad {name}", value) for name, value in zip("xy", gradient)]
        descent = [self.shown(f"P{index + 1} -grad {name}", -value) for name, value in zip("xy", gradient)]
        cells = VGroup(MathTex(rf"P_{index + 1}\,({coordinates[0]}, {coordinates[1]})", font_size=30,
                               color=TEXT_COLOR),
                       MathTex(rf"({ascent[0]}, {ascent[1]})", font_size=30, color=GRADIENT_COLOR),
                       MathTex(rf"({descent[0]}, {descent[1]})", font_size=30, color=DESCENT_COLOR))
        for cell, x in zip(cells, self.columns):
            cell.move_to([x, y, 0])
        self.table_rows.add(cells)
        return cells

    def get_summary(self) -> VGroup:
        lines = VGroup()
        for symbol, key, color in ((r"\nabla f", "screen_ascent", GRADIENT_COLOR),
                                   (r"-\nabla f", "screen_descent", DESCENT_COLOR)):
            arrow = Arrow(ORIGIN, 0.7 * RIGHT, buff=0, color=color, stroke_width=5, tip_length=0.17,
                          max_tip_length_to_length_ratio=0.5, max_stroke_width_to_length_ratio=1e6)
            tex = MathTex(symbol, font_size=42, color=color)
            words = self.words(key, font_size=30)
            lines.add(VGroup(arrow, tex, words).arrange(RIGHT, buff=0.25))
        lines.arrange(DOWN, aligned_edge=LEFT, buff=0.45)
        lines.move_to(self.panel_point(0.3))
        frame = SurroundingRectangle(lines, buff=0.3, color=TEXT_COLOR, stroke_width=2, corner_radius=0.1)
        # The step the next scene takes, in the notation of the descent scene.
        rule = MathTex(r"\theta \leftarrow \theta - \alpha \nabla f(\theta)", font_size=40, color=TEXT_COLOR,
                       tex_to_color_map=tex_color_map())
        rule.next_to(frame, DOWN, buff=0.45)
        return VGroup(frame, lines, rule)

    # -- record -----------------------------------------------------------------------------
    def measured(self, arrow: Arrow) -> dict:
        """The arrow as drawn, in plane units: its vector (tail to tip point) and its tip's length."""
        start = np.array(self.axes_object.p2c(arrow.get_start()))
        end = np.array(self.axes_object.p2c(arrow.get_end()))
        tip = arrow.get_tip()
        return {"screen_start": [float(v) for v in arrow.get_start()[:2]],
                "screen_end": [float(v) for v in arrow.get_end()[:2]],
                "drawn": [float(v) for v in end - start],
                "drawn_length": float(np.linalg.norm(end - start)),
                "tip_length": float(np.linalg.norm(tip.tip_point - tip.base)) / self.unit}

    def record_extra(self) -> dict:
        def entry(point, vector, arrow):
            return {"point": [exact_text(c) for c in point], "vector": [exact_text(c) for c in vector],
                    **self.measured(arrow)}

        reference = as_fraction(self.parameters.reference_gradient)
        drawing = VGroup(self.axes, self.level_curves, self.level_labels, self.field, self.markers,
                         self.ascent_arrows, self.descent_arrows, self.minimum_marker, self.function_tex,
                         self.gradient_tex, self.summary)
        return {
            "drawing_box": [float(v) for v in (*drawing.get_corner(DOWN + LEFT)[:2],
                                                *drawing.get_corner(UP + RIGHT)[:2])],
            "function": str(self.f),
            "arrow_scale": exact_text(self.scale_factor),
            "unit_x": float(self.axes_object.get_x_unit_size()),
            "unit_y": float(self.axes_object.get_y_unit_size()),
            "frame": [float(config.frame_width), float(config.frame_height)],
            "field": [entry(point, gradient, arrow) for point, gradient, arrow in self.field_entries],
            "reference": entry((0, 0), (reference, 0), self.reference_arrow),
            "highlights": [{"kind": kind, **entry(point, vector, arrow)}
                           for kind, point, vector, arrow in self.highlight_entries],
            "tangents": [{"point": [exact_text(c) for c in point],
                          "direction": [float(v) for v in (np.array(self.axes_object.p2c(t.get_end()))
                                                           - np.array(self.axes_object.p2c(t.get_start())))]}
                         for point, t in self.tangent_entries],
        }


GradientFieldOfABowl = apply_variant(GradientFieldOfABowl)
