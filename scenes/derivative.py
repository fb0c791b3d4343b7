"""The slope of x²: secants shrink to the tangent, and the sliding tangent draws f′(x) = 2x."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from fractions import Fraction

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, UL, Axes, Create, DashedLine, DecimalNumber, Dot, FadeIn, FadeOut,
                   Flash, Indicate, Line, MathTex, SurroundingRectangle, TracedPath, Transform, ValueTracker,
                   VGroup, Write, config, linear, smooth)

from manim.mobject.geometry.arc import TipableVMobject

from gdmath import Polynomial, as_fraction, decimal_text, difference_quotient, parse, secant_slope, tangent_line
from scenes.kit.narration import NarratedScene
from scenes.kit.plotting import float_function
from scenes.kit.variants import FieldError, SceneParameters, apply_variant, check_field, check_function
from scenes.kit.style import (AXIS_COLOR, DERIVATIVE_COLOR, DESCENT_COLOR, FRAME_MARGIN, FUNCTION_COLOR,
                              LABEL_FONT_SIZE, MATH_BOTTOM, SECANT_COLOR, TEXT_COLOR, plain_formula)



@dataclass(frozen=True)
class DerivativeParameters(SceneParameters):
    """What a teacher may vary; the defaults follow the lecture note (f(x) = x², a = 1)."""

    function: str = "x**2"
    #: a: where the secant starts and the tangent first touches.
    point: str = "1"
    #: The values h passes through, largest first; each stop shows h and the exact secant slope.
    steps: tuple[str, ...] = ("2", "1", "0.5", "0.1", "0.01")
    #: The tangent slides from a = slide[0] to a = slide[1], drawing f′ between them.
    slide: tuple[str, str] = ("-2", "2")
    #: Where f′ = 0, the bottom gradient descent heads to (checked against gdmath).
    bottom: str = "0"
    #: The window onto f (x from, x to; y from, y to) and the y window of f′.
    x_range: tuple[float, float] = (-2.6, 3.7)
    y_range: tuple[float, float] = (-1.0, 10.0)
    slope_range: tuple[float, float] = (-4.6, 4.6)
    language: str = "ko"

    def check(self) -> None:
        super().check()
        f = check_function("function", self.function, 1)
        check_field("point", as_fraction, self.point, "point")
        if not 1 <= len(self.steps) <= 8:
            raise FieldError("steps", f"must list 1 to 8 values of h, not {len(self.steps)}")
        if any(check_field("steps", as_fraction, h, "h") <= 0 for h in self.steps):
            raise FieldError("steps", "every h must be greater than 0: the secant runs from a to the right")
        for end in self.slide:
            check_field("slide", as_fraction, end, "slide")
        bottom = check_field("bottom", as_fraction, self.bottom, "bottom")
        if f.derivative()(bottom) != 0:
            raise FieldError("bottom", f"f′({self.bottom}) = {f.derivative()(bottom)}, not 0: "
                                       f"bottom must be where the slope vanishes")
        for key in ("x_range", "y_range", "slope_range"):
            low, high = getattr(self, key)
            if not low < high:
                raise FieldError(key, f"must run from low to high, not {low} to {high}")
        # Every point the scene marks on the x-axis must be in the window, or it is drawn off screen.
        low, high = (Fraction(repr(float(end))) for end in self.x_range)
        a = as_fraction(self.point, "point")
        marks = [("point", "a", a), ("bottom", "bottom", bottom),
                 *(("slide", "slide end", as_fraction(end)) for end in self.slide),
                 *(("steps", f"a + h for h = {h}", a + as_fraction(h)) for h in self.steps)]
        for key, name, value in marks:
            if not low <= value <= high:
                raise FieldError(key, f"{name} = {decimal_text(value, 4)} is outside the window x_range "
                                      f"({self.x_range[0]} to {self.x_range[1]})")


def latex_in(polynomial: Polynomial, symbol: str = "x") -> str:
    """LaTeX of a polynomial in (x, y = h) written with ``symbol`` for x and h for y."""
    return polynomial.to_latex().replace("y", "h").replace("x", symbol)


def shifted_latex(f: Polynomial, symbol: str) -> str:
    """f(s + h) − f(s) written out unexpanded, e.g. (a+h)^{2} - a^{2}."""
    plain = f.to_latex()
    minus = plain if len(f.terms) == 1 else rf"\left({plain}\right)"
    return plain.replace("x", f"({symbol}+h)") + " - " + minus.replace("x", symbol)


class DerivativeOfXSquared(NarratedScene):
    """Secant slopes (f(a+h) − f(a))/h shrink to f′(a); the tangent slides and traces f′."""

    script_name = "derivative"
    parameters = DerivativeParameters()

    def setup(self):
        super().setup()
        p = self.parameters
        self.f = parse(p.function)
        self.f_prime = self.f.derivative()
        self.a = as_fraction(p.point, "point")
        self.steps = [as_fraction(step, "h") for step in p.steps]
        self.slide = tuple(as_fraction(end, "slide") for end in p.slide)
        self.bottom = as_fraction(p.bottom, "bottom")
        self.f_float = float_function(self.f)
        self.f_prime_float = float_function(self.f_prime)

    def construct(self):
        self.show_function()
        self.show_secant()
        self.show_secant_slope()
        self.shrink_h()
        self.become_tangent()
        self.derive_in_general()
        self.slide_tangent()
        self.show_rate_of_change()
        self.show_bottom()

    def record_extra(self) -> dict:
        return {"parameters": asdict(self.parameters)}

    # -- beats ------------------------------------------------------------------------------
    def show_function(self):
        self.say("intro", function=plain_formula(self.f))
        self.axes = self.get_function_axes()
        self.graph = self.axes.plot(self.f_float, x_range=self.visible_x_range(self.f_float),
                                    color=FUNCTION_COLOR, stroke_width=4)
        self.graph_label = MathTex(rf"f(x) = {self.f.to_latex()}", color=FUNCTION_COLOR, font_size=40)
        corner = self.axes.c2p(self.parameters.x_range[0], self.parameters.y_range[1])
        self.graph_label.next_to(corner, DOWN + RIGHT, buff=0.3)
        self.play(Create(self.axes), run_time=1.5)
        self.play(Create(self.graph), run_time=2)
        self.play(Write(self.graph_label), run_time=1)
        self.wait(1.5)

    def show_secant(self):
        self.say("secant", a=self.shown("a", self.a))
        self.h = ValueTracker(float(self.steps[0]))
        self.a_tracker = ValueTracker(float(self.a))
        self.near_dot = Dot(color=TEXT_COLOR, radius=0.07).add_updater(
            lambda dot: dot.move_to(self.on_graph(self.a_tracker.get_value())))
        self.far_dot = Dot(color=TEXT_COLOR, radius=0.07).add_updater(
            lambda dot: dot.move_to(self.on_graph(self.a_tracker.get_value() + self.h.get_value())))
        self.line = self.get_secant_line()
        self.run, self.rise = self.get_run_and_rise()
        self.run_label = MathTex(r"\Delta x = h", font_size=LABEL_FONT_SIZE + 4).next_to(self.run, DOWN, buff=0.12)
        self.rise_label = MathTex(r"\Delta y", font_size=LABEL_FONT_SIZE + 4).next_to(self.rise, RIGHT, buff=0.12)
        self.near_mark = self.get_x_mark(float(self.a), "a")
        self.far_mark = self.get_x_mark(float(self.a + self.steps[0]), "a+h")
        self.play(FadeIn(self.near_dot, scale=0.5), FadeIn(self.far_dot, scale=0.5),
                  FadeIn(self.near_mark), FadeIn(self.far_mark))
        self.play(Create(self.line), run_time=1.5)
        self.bring_to_front(self.near_dot, self.far_dot)
        self.wait(1)

    def show_secant_slope(self):
        self.say("slope")
        self.play(Create(self.run), Create(self.rise))
        self.play(FadeIn(self.run_label), FadeIn(self.rise_label))
        _, quotient = difference_quotient(self.f)
        self.slope_formula = MathTex(
            r"\frac{\Delta y}{\Delta x}", "=", rf"\frac{{{shifted_latex(self.f, 'a')}}}{{h}}", "=",
            latex_in(quotient, "a"), font_size=40)
        self.slope_formula[0].set_color(SECANT_COLOR)
        self.slope_formula.move_to(self.panel_point("top"))
        self.play(Write(self.slope_formula), run_time=2)
        self.wait(1.5)

    def shrink_h(self):
        self.say("shrink")
        self.play(FadeOut(self.run_label), FadeOut(self.rise_label), FadeOut(self.far_mark))
        self.table = self.get_table_header()
        self.play(FadeIn(self.table))
        for index, step in enumerate(self.steps):
            if index:
                self.play(self.h.animate.set_value(float(step)), run_time=1.3, rate_func=smooth)
            row = self.get_table_row(self.shown(f"h[{index}]", step),
                                     self.shown(f"secant_slope[{index}]", secant_slope(self.f, self.a, step)),
                                     index)
            self.play(FadeIn(row, shift=0.2 * RIGHT), run_time=0.6)
            self.adopt(self.table, row)
            self.wait(0.5)
        self.wait(0.5)

    def become_tangent(self):
        slope, _ = tangent_line(self.f, self.a)
        self.say("tangent", limit=self.shown("tangent_slope.caption", slope))
        self.play(self.h.animate.set_value(0), FadeOut(self.far_dot), FadeOut(self.run), FadeOut(self.rise),
                  self.line.animate.set_color(DERIVATIVE_COLOR), run_time=1.5)
        row = self.get_table_row(r"\to 0", self.shown("tangent_slope.table", slope), len(self.steps),
                                 color=DERIVATIVE_COLOR)
        self.play(FadeIn(row, shift=0.2 * RIGHT), run_time=0.8)
        self.adopt(self.table, row)
        self.play(Indicate(row[1], color=DERIVATIVE_COLOR))
        self.wait(1.5)

    def derive_in_general(self):
        self.say("general", function=plain_formula(self.f), derivative=plain_formula(self.f_prime))
        difference, quotient = difference_quotient(self.f)
        function = self.f.to_latex() if len(self.f.terms) == 1 else rf"\left({self.f.to_latex()}\right)"
        lines = VGroup(
            MathTex(rf"\frac{{{shifted_latex(self.f, 'x')}}}{{h}}", "=",
                    rf"\frac{{{latex_in(difference)}}}{{h}}"),
            MathTex("=", latex_in(quotient), r"\xrightarrow{\,h \to 0\,}", self.f_prime.to_latex()),
            MathTex(r"\frac{d}{dx}", function, "=", self.f_prime.to_latex()),
        )
        for line in lines:
            line.scale(40 / 48)
        lines[1][-1].set_color(DERIVATIVE_COLOR)
        lines[2][-1].set_color(DERIVATIVE_COLOR)
        lines.arrange(DOWN, buff=0.45, aligned_edge=LEFT)
        lines[1].shift((lines[0][1].get_x() - lines[1][0].get_x()) * RIGHT)
        lines[2].shift(0.3 * DOWN).set_x(lines[:2].get_x())
        lines.move_to(self.panel_point())
        self.result = lines[2]
        self.result_box = SurroundingRectangle(self.result, color=DERIVATIVE_COLOR, buff=0.15)
        self.play(FadeOut(self.table), FadeOut(self.slope_formula))
        self.play(Write(lines[0]), run_time=2)
        self.play(Write(lines[1]), run_time=2)
        self.play(FadeIn(self.result, shift=0.2 * DOWN), Create(self.result_box), run_time=1.2)
        self.wait(2)
        self.derivation = lines[:2]

    def slide_tangent(self):
        self.say("slide", derivative=plain_formula(self.f_prime))
        heading = VGroup(self.result, self.result_box)
        target = heading.copy().scale(0.9).move_to(self.panel_point("top"))
        target.set_y(config.frame_height / 2 - FRAME_MARGIN - target.height / 2)
        self.play(FadeOut(self.derivation), FadeOut(self.near_mark), Transform(heading, target), run_time=1.2)
        self.slope_axes = self.get_slope_axes()
        self.play(Create(self.slope_axes), run_time=1.2)
        self.slope_dot = Dot(color=DERIVATIVE_COLOR, radius=0.08).add_updater(
            lambda dot: dot.move_to(self.slope_axes.c2p(self.a_tracker.get_value(),
                                                         self.f_prime_float(self.a_tracker.get_value()))))
        self.readout = self.get_slope_readout()
        self.record_stop("start")
        self.play(FadeIn(self.slope_dot, scale=0.5), FadeIn(self.readout))
        self.trace = TracedPath(self.slope_dot.get_center, stroke_color=DERIVATIVE_COLOR, stroke_width=4)
        self.add(self.trace, self.slope_dot)
        self.play(self.a_tracker.animate.set_value(float(self.slide[0])), run_time=2, rate_func=smooth)
        self.record_stop("left")
        self.wait(0.3)
        self.play(self.a_tracker.animate.set_value(float(self.slide[1])), run_time=5, rate_func=linear)
        self.record_stop("right")
        self.wait(0.5)
        # The trace is only as smooth as the frame rate; the exact graph replaces it.
        self.slope_graph = self.slope_axes.plot(
            self.f_prime_float, x_range=[float(self.slide[0]), float(self.slide[1])],
            color=DERIVATIVE_COLOR, stroke_width=4)
        self.slope_label = MathTex(rf"f'(x) = {self.f_prime.to_latex()}", color=DERIVATIVE_COLOR, font_size=36)
        # The lower right corner stays clear of a rising f′ such as 2x.
        self.slope_label.next_to(self.slope_axes.c2p(self.slope_axes.x_range[1], self.parameters.slope_range[0]),
                                 UP + LEFT, buff=0.2)
        self.add(self.slope_graph)
        self.remove(self.trace)
        self.bring_to_front(self.slope_dot)
        self.play(Write(self.slope_label))
        self.wait(1)

    def show_rate_of_change(self):
        self.say("rate")
        self.play(Indicate(self.readout[1]), run_time=1.2)
        # Back to where the story began: from steep towards gentle, the readout shows f′ falling.
        self.play(self.a_tracker.animate.set_value(float(self.a)), run_time=2.5, rate_func=smooth)
        self.record_stop("rate")
        self.wait(1.5)

    def show_bottom(self):
        self.say("bottom", bottom=self.shown("bottom", self.bottom), zero=self.shown("bottom_slope",
                                                                                    self.f_prime(self.bottom)))
        self.play(self.a_tracker.animate.set_value(float(self.bottom)), run_time=2.5, rate_func=smooth)
        self.record_stop("bottom")
        self.play(Flash(self.near_dot, color=DESCENT_COLOR), Flash(self.slope_dot, color=DESCENT_COLOR), run_time=1.2)
        self.play(*(Create(arrow) for arrow in self.get_downhill_arrows()), run_time=1.5)
        self.wait(3)

    # -- builders ---------------------------------------------------------------------------
    def get_function_axes(self) -> Axes:
        p = self.parameters
        axes = Axes(x_range=[*p.x_range, 1], y_range=[*p.y_range, 1], x_length=6.0, y_length=6.3,
                    axis_config={"color": AXIS_COLOR, "include_ticks": False, "tip_length": 0.2})
        labels = axes.get_axis_labels(MathTex("x", font_size=32), MathTex("y", font_size=32))
        axes.add(labels)
        axes.to_corner(UL, buff=FRAME_MARGIN).shift(0.1 * RIGHT)
        return axes

    def get_slope_axes(self) -> Axes:
        p = self.parameters
        x_unit = self.axes.x_axis.get_unit_size()
        y_unit = self.axes.y_axis.get_unit_size()
        low, high = float(self.slide[0]) - 0.6, float(self.slide[1]) + 0.6
        # Same scale as the graph of f where it fits, so slopes compare by eye; else squeezed to fit
        # between the caption band and the boxed result above.
        room = self.result_box.get_bottom()[1] - 0.55 - (MATH_BOTTOM + 0.1)
        axes = Axes(x_range=[low, high, 1], y_range=[*p.slope_range, 1], x_length=(high - low) * x_unit,
                    y_length=min((p.slope_range[1] - p.slope_range[0]) * y_unit, room),
                    axis_config={"color": AXIS_COLOR, "include_ticks": False, "tip_length": 0.2})
        axes.add(axes.get_axis_labels(MathTex("x", font_size=32), MathTex("y", font_size=32)))
        axes.move_to(self.panel_point("bottom")).set_y(MATH_BOTTOM + axes.height / 2 + 0.1)
        return axes

    def get_x_mark(self, t: float, tex: str) -> VGroup:
        """A dashed drop from the graph at t to the x-axis, named below the axis."""
        drop = DashedLine(self.on_graph(t), self.axes.c2p(t, 0), color=AXIS_COLOR, stroke_width=2,
                          dash_length=0.08)
        name = MathTex(tex, font_size=LABEL_FONT_SIZE + 4).next_to(self.axes.c2p(t, 0), DOWN, buff=0.12)
        return VGroup(drop, name)

    def get_secant_line(self) -> Line:
        line = Line(color=SECANT_COLOR, stroke_width=4)

        def update(line):
            a, h = self.a_tracker.get_value(), self.h.get_value()
            if h > 1e-9:
                slope = (self.f_float(a + h) - self.f_float(a)) / h
            else:
                slope = self.f_prime_float(a)
            line.put_start_and_end_on(*self.line_ends(a, a + h, slope))

        return line.add_updater(update, call_updater=True)

    def get_run_and_rise(self) -> tuple[Line, Line]:
        run = Line(color=TEXT_COLOR, stroke_width=2.5)
        rise = Line(color=TEXT_COLOR, stroke_width=2.5)

        def corner():
            a, h = self.a_tracker.get_value(), self.h.get_value()
            return self.axes.c2p(a + h, self.f_float(a))

        run.add_updater(lambda m: m.put_start_and_end_on(self.on_graph(self.a_tracker.get_value()), corner()),
                        call_updater=True)
        rise.add_updater(lambda m: m.put_start_and_end_on(
            corner(), self.on_graph(self.a_tracker.get_value() + self.h.get_value())), call_updater=True)
        return run, rise

    def get_table_header(self) -> VGroup:
        header = VGroup(MathTex("h", font_size=36),
                        MathTex(r"\frac{\Delta y}{\Delta x}", font_size=36, color=SECANT_COLOR))
        for column, cell in zip(self.table_columns(), header):
            cell.move_to([column, self.table_top(), 0])
        rule = Line(LEFT, RIGHT, color=AXIS_COLOR, stroke_width=2).set_width(3.6)
        rule.move_to([sum(self.table_columns()) / 2, self.table_top() - 0.5, 0])
        return VGroup(header, rule)

    def get_table_row(self, h_text: str, slope_text: str, index: int, color=TEXT_COLOR) -> VGroup:
        row = VGroup(MathTex(h_text, font_size=34, color=color), MathTex(slope_text, font_size=34, color=color))
        for column, cell in zip(self.table_columns(), row):
            cell.move_to([column, self.table_top() - 0.95 - 0.5 * index, 0])
        return row

    def get_slope_readout(self) -> VGroup:
        """a and f′(a) while the tangent slides: f′ from gdmath at a rounded to the digits shown."""
        a_value = DecimalNumber(float(self.a), num_decimal_places=2, font_size=34, include_sign=False)
        slope_value = DecimalNumber(float(self.f_prime(self.a)), num_decimal_places=2, font_size=34,
                                    color=DERIVATIVE_COLOR)
        a_row = VGroup(MathTex("a =", font_size=34), a_value).arrange(RIGHT, buff=0.15)
        slope_row = VGroup(MathTex("f'(a) =", font_size=34, color=DERIVATIVE_COLOR), slope_value)
        slope_row.arrange(RIGHT, buff=0.15)
        a_value.add_updater(lambda m: m.set_value(float(self.displayed_a())))
        slope_value.add_updater(lambda m: m.set_value(float(self.f_prime(self.displayed_a()))))
        readout = VGroup(a_row, slope_row).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        corner = self.slope_axes.c2p(self.slope_axes.x_range[0], self.parameters.slope_range[1])
        readout.next_to(corner, DOWN + RIGHT, buff=0.2)
        return readout

    def get_downhill_arrows(self) -> list:
        """Two arrows riding just above the curve towards the bottom: where descent will go."""
        arrows = []
        bottom = float(self.bottom)
        low, high = self.visible_x_range(self.f_float)
        for start, end in ((max(bottom - 2.0, low), bottom - 0.6), (min(bottom + 2.0, high), bottom + 0.6)):
            arrow = TipableVMobject(color=DESCENT_COLOR, stroke_width=5)
            arrow.set_points_smoothly([self.on_graph(t) + 0.25 * UP for t in np.linspace(start, end, 12)])
            arrow.add_tip(tip_length=0.22)
            arrows.append(arrow)
        return arrows

    # -- geometry ---------------------------------------------------------------------------
    def on_graph(self, t: float) -> np.ndarray:
        return self.axes.c2p(t, self.f_float(t))

    def displayed_a(self) -> Fraction:
        """The tracker's a rounded to the two decimals shown, exact, so f′ is gdmath's value there."""
        return Fraction(round(self.a_tracker.get_value() * 100), 100)

    def adopt(self, group: VGroup, part):
        """Move a mobject already on screen into a group on screen, so fading the group takes it too."""
        self.remove(part)
        group.add(part)

    def record_stop(self, name: str):
        self.shown(f"slide_a.{name}", self.displayed_a())
        self.shown(f"slide_slope.{name}", self.f_prime(self.displayed_a()))

    def visible_x_range(self, function) -> list[float]:
        """The x interval where the graph is below the window's top (it may leave only at the ends)."""
        low, high = self.parameters.x_range
        top = self.parameters.y_range[1]
        xs = np.linspace(low, high, 601)
        inside = [t for t in xs if function(t) <= top]
        return [inside[0], inside[-1]]

    def line_ends(self, left: float, right: float, slope: float, reach: float = 1.4):
        """Ends of the line through the graph at left and right, reaching ``reach`` beyond each
        point on screen, then cut to the window so a steep secant never leaves the axes."""
        x_unit, y_unit = self.axes.x_axis.get_unit_size(), self.axes.y_axis.get_unit_size()
        step = reach / np.hypot(x_unit, slope * y_unit)
        start, end = left - step, right + step
        y0 = self.f_float(left)
        (x_low, x_high), (y_low, y_high) = self.parameters.x_range, self.parameters.y_range
        start, end = max(start, x_low), min(end, x_high)
        if abs(slope) > 1e-12:
            bounds = sorted(((y_low - y0) / slope + left, (y_high - y0) / slope + left))
            start, end = max(start, bounds[0]), min(end, bounds[1])
        return self.axes.c2p(start, y0 + slope * (start - left)), self.axes.c2p(end, y0 + slope * (end - left))

    def panel_point(self, where: str = "centre") -> np.ndarray:
        """Points of the right-hand panel (beside the graph of f): centre, top or bottom."""
        left = self.axes.get_right()[0] + 0.3
        right = 7.1 - FRAME_MARGIN
        centre = np.array([(left + right) / 2, 0.4, 0])
        return centre + {"top": 3.1 * UP, "bottom": 1.5 * DOWN, "centre": 0 * UP}[where]

    def table_columns(self) -> tuple[float, float]:
        x_centre = self.panel_point()[0]
        return x_centre - 1.1, x_centre + 1.1

    def table_top(self) -> float:
        return 2.3


DerivativeOfXSquared = apply_variant(DerivativeOfXSquared)
