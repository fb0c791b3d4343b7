"""The slope of x²: secants shrink to the tangent, and the sliding tangent draws f′(x) = 2x.

The closing beat stops where f′ = 0 and says what kind of point it is (a bottom only if gdmath
finds a minimum there): see :func:`bottom_story`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from fractions import Fraction
from math import isfinite

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, UL, Axes, Create, DashedLine, DecimalNumber, Dot, FadeIn, FadeOut,
                   Flash, Indicate, Line, MathTex, SurroundingRectangle, TracedPath, Transform, ValueTracker,
                   VGroup, Write, config, linear, smooth)

from manim.mobject.geometry.arc import TipableVMobject

from gdmath import (Polynomial, Stationary, StationaryPoint, as_fraction, classify_stationary, count_real_roots,
                    decimal_text, difference_quotient, parse, secant_slope, tangent_line)
from scenes.kit import layout
from scenes.kit.narration import NarratedScene
from scenes.kit.plotting import float_function
from scenes.kit.variants import FieldError, SceneParameters, apply_variant, check_field, check_function
from scenes.kit.style import (AXIS_COLOR, DERIVATIVE_COLOR, DESCENT_COLOR, FRAME_MARGIN, FUNCTION_COLOR,
                              LABEL_FONT_SIZE, MATH_BOTTOM, SECANT_COLOR, TEXT_COLOR, plain_formula)

#: Decimals of the sliding tangent's readout (a and f′(a)): the tracker's a is rounded to them.
READOUT_DECIMALS = 2


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
    #: A point where f′ = 0, where the scene ends. The name is the lecture's (for x² it is the
    #: bottom); gdmath decides what kind of point it is, and the last beat says so.
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
        if not self.y_range[0] <= float(f(bottom)) <= self.y_range[1]:
            raise FieldError("bottom", f"f({self.bottom}) = {decimal_text(f(bottom), 4)} is outside the window "
                                       f"y_range ({self.y_range[0]} to {self.y_range[1]})")
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
        # The slope graph traced while the tangent slides must stay in its window, or it runs over the labels.
        slide = sorted(as_fraction(end) for end in self.slide)
        low_slope, high_slope = (Fraction(repr(float(end))) for end in self.slope_range)
        for t in (slide[0] + (slide[1] - slide[0]) * Fraction(i, 400) for i in range(401)):
            if not low_slope <= f.derivative()(t) <= high_slope:
                raise FieldError("slope_range", f"f′({decimal_text(t, 4)}) = {decimal_text(f.derivative()(t), 4)} is "
                                                f"outside the window slope_range ({self.slope_range[0]} to "
                                                f"{self.slope_range[1]}) while the tangent slides: widen slope_range "
                                                f"or shorten slide")
        # So must the ends of every secant drawn, or the rise Δy runs off the plot.
        bottom_y, top_y = (Fraction(repr(float(end))) for end in self.y_range)
        ends = [("point", "f(a)", f(a), "")] + [("steps", "f(a + h)", f(a + as_fraction(h)), f" for h = {h}")
                                                for h in self.steps]
        for key, name, value, where in ends:
            if not bottom_y <= value <= top_y:
                raise FieldError(key, f"{name} = {decimal_text(value, 4)}{where} is outside the window y_range "
                                      f"({self.y_range[0]} to {self.y_range[1]}): widen y_range or choose "
                                      f"smaller values")


def latex_in(polynomial: Polynomial, symbol: str = "x") -> str:
    """LaTeX of a polynomial in (x, y = h) written with ``symbol`` for x and h for y."""
    return polynomial.to_latex().replace("y", "h").replace("x", symbol)


def bracketed_latex(f: Polynomial) -> str:
    r"""LaTeX of f to follow a minus sign or d/dx: bracketed unless it is one term without a sign.

    >>> from gdmath import parse
    >>> bracketed_latex(parse("x^2")), bracketed_latex(parse("-x^2")), bracketed_latex(parse("x^2 + 1"))
    ('x^{2}', '\\left(-x^{2}\\right)', '\\left(x^{2} + 1\\right)')
    """
    plain = f.to_latex()
    return plain if len(f.terms) == 1 and not plain.startswith("-") else rf"\left({plain}\right)"


def shifted_latex(f: Polynomial, symbol: str) -> str:
    r"""f(s + h) − f(s) written out unexpanded, e.g. (a+h)^{2} - a^{2}, or -(a+h)^{2} - \left(-a^{2}\right)."""
    plain = f.to_latex()
    minus = bracketed_latex(f)
    return plain.replace("x", f"({symbol}+h)") + " - " + minus.replace("x", symbol)


@dataclass(frozen=True)
class BottomStory:
    """What the closing beat says about the point x = bottom, and which downhill arrows it draws.

    ``arrows`` holds (side, towards): side −1 is left of the point, 1 right; ``towards`` is True when
    the arrow points at the point (only ever for a minimum), False when it points away from it.
    """

    beat: str
    stationary: StationaryPoint
    arrows: tuple[tuple[int, bool], ...]


def bottom_story(f: Polynomial, bottom: Fraction) -> BottomStory:
    """The closing beat for the stationary point ``bottom`` of ``f``, from gdmath's classification.

    A minimum that is f's only stationary point is the lecture's bottom, where descent heads from
    anywhere; a minimum among other stationary points is where descent started nearby heads; at a
    maximum descent moves away on both sides; at an inflection f is lower on one side only, and
    descent there moves away; on a constant f nothing moves.

    >>> from gdmath import parse
    >>> [bottom_story(parse(text), Fraction(0)).beat for text in ("x^2", "x^3", "-x^2", "-x^3", "3")]
    ['bottom', 'bottom_inflection_left', 'bottom_maximum', 'bottom_inflection_right', 'bottom_flat']
    >>> [bottom_story(parse(text), Fraction(1)).beat for text in ("x^4 - 2x^2", "x^3 - 3x")]
    ['bottom_lowest', 'bottom_local']
    >>> bottom_story(parse("x^3"), Fraction(0)).arrows
    ((-1, False),)
    """
    point = classify_stationary(f, bottom)
    both_towards, both_away = ((-1, True), (1, True)), ((-1, False), (1, False))
    if point.kind is Stationary.FLAT:
        return BottomStory("bottom_flat", point, ())
    if point.kind is Stationary.MAXIMUM:
        return BottomStory("bottom_maximum", point, both_away)
    if point.kind is Stationary.INFLECTION:
        # f(p + t) − f(p) starts with c·tⁿ, n odd: for c > 0 f is lower on the left, where f′ > 0 pushes descent left.
        lower = -1 if _nth_derivative(f, point.order)(bottom) > 0 else 1
        return BottomStory(f"bottom_inflection_{'left' if lower < 0 else 'right'}", point, ((lower, False),))
    if count_real_roots(f.derivative()) == 1:
        return BottomStory("bottom", point, both_towards)
    return BottomStory("bottom_lowest" if point.is_global else "bottom_local", point, both_towards)


def _nth_derivative(f: Polynomial, order: int) -> Polynomial:
    for _ in range(order):
        f = f.derivative()
    return f


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
        self.story = bottom_story(self.f, self.bottom)
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
        stationary = self.story.stationary
        return {"parameters": asdict(self.parameters),
                "title": self.script.line("page_title", self.language, function=plain_formula(self.f)),
                "stationary": {"kind": stationary.kind.value, "strict": stationary.strict,
                               "is_global": stationary.is_global, "order": stationary.order,
                               "beat": self.story.beat,
                               "arrows": [{"side": side, "towards": towards} for side, towards in self.story.arrows]}}

    # -- beats ------------------------------------------------------------------------------
    def show_function(self):
        self.say("intro", function=self.shown_polynomial("f", self.f, latex=False))
        self.axes = self.get_function_axes()
        self.graph = self.axes.plot(self.f_float, x_range=self.visible_x_range(self.f_float),
                                    color=FUNCTION_COLOR, stroke_width=4)
        self.graph_label = MathTex(rf"f(x) = {self.shown_polynomial('f', self.f)}", color=FUNCTION_COLOR, font_size=40)
        # The upper left corner, unless the graph or the x-axis runs through it (as for −x²): then the
        # first place along the top or bottom edge that they leave clear.
        (x_low, x_high), (y_low, y_high) = self.parameters.x_range, self.parameters.y_range
        corners = [(x_low, y_high, DOWN + RIGHT), (x_low, y_low, UP + RIGHT), (x_high, y_high, DOWN + LEFT),
                   (x_high, y_low, UP + LEFT)]
        corners += [(x, y, direction) for y, direction in ((y_high, DOWN + RIGHT), (y_low, UP + RIGHT))
                    for x in np.linspace(x_low, x_high, 13)[1:-1]]
        self.place_clear(self.graph_label, [(self.axes.c2p(x, y), direction) for x, y, direction in corners],
                         self.graph_obstacles(), buff=0.3, soft=self.axis_points(),
                         within=(*self.axes.c2p(x_low, y_low)[:2], *self.axes.c2p(x_high, y_high)[:2]))
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
        if layout.overlap(self.near_mark[1], self.far_mark[1]):  # h too small to tell the marks apart: a, then a+h
            self.far_mark[1].next_to(self.near_mark[1], RIGHT, buff=0.15)
        # Δy beside the rise, clear of Δx = h and the marks (they meet when h is small).
        layout.place_clear(self.rise_label, self.plot_box(), [self.run_label, self.near_mark[1], self.far_mark[1]])
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
        slope = self.shown_formula("Δy/Δx at a", latex_in(quotient, "a"))
        self.slope_formula = MathTex(
            r"\frac{\Delta y}{\Delta x}", "=",
            rf"\frac{{{self.shown_formula('f(a+h) - f(a)', shifted_latex(self.f, 'a'))}}}{{h}}", "=",
            slope, font_size=40)
        if self.slope_formula.width > self.panel_width():
            # Too long for one line (x⁴ − 2x²): the expanded slope alone, which the table goes on to use.
            self.slope_formula = MathTex(r"\frac{\Delta y}{\Delta x}", "=", slope, font_size=40)
        self.slope_formula[0].set_color(SECANT_COLOR)
        self.fit_panel(self.slope_formula)
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
        self.say("general", function=self.shown_polynomial("f", self.f, latex=False),
                 derivative=self.shown_polynomial("f'", self.f_prime, latex=False))
        difference, quotient = difference_quotient(self.f)
        function = self.shown_formula("f", bracketed_latex(self.f), self.f)
        shifted = rf"\frac{{{self.shown_formula('f(x+h) - f(x)', shifted_latex(self.f, 'x'))}}}{{h}}"
        expanded = rf"\frac{{{self.shown_formula('f(x+h) - f(x) expanded', latex_in(difference))}}}{{h}}"
        derivative = self.shown_polynomial("f'", self.f_prime)
        limit = (self.shown_formula("Δy/Δx", latex_in(quotient)), r"\xrightarrow{\,h \to 0\,}", derivative)
        lines = VGroup(MathTex(shifted, "=", expanded), MathTex("=", *limit),
                       MathTex(r"\frac{d}{dx}", function, "=", derivative))
        for line in lines:
            line.scale(40 / 48)
        if max(lines[0].width, lines[1].width) > self.panel_width():
            # Too long for two lines (x⁴ − 2x²): each step on a row of its own, in the same two groups.
            rows = [MathTex(shifted), MathTex("=", expanded), MathTex("=", limit[0]), MathTex(*limit[1:])]
            for row in rows:
                row.scale(40 / 48)
            rows[-1][-1].set_color(DERIVATIVE_COLOR)
            steps = VGroup(*rows).arrange(DOWN, buff=0.3, aligned_edge=LEFT)
            lines = VGroup(VGroup(*rows[:2]), VGroup(*rows[2:]), lines[2])
            lines[2].next_to(steps, DOWN, buff=0.6).set_x(steps.get_x())
        else:
            lines[1][-1].set_color(DERIVATIVE_COLOR)
            lines.arrange(DOWN, buff=0.45, aligned_edge=LEFT)
            lines[1].shift((lines[0][1].get_x() - lines[1][0].get_x()) * RIGHT)
            lines[2].shift(0.3 * DOWN).set_x(lines[:2].get_x())
        lines[2][-1].set_color(DERIVATIVE_COLOR)
        self.fit_panel(lines)
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
        self.say("slide", derivative=self.shown_polynomial("f'", self.f_prime, latex=False))
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
        self.slope_label = MathTex("f'(x) = " + self.shown_polynomial("f'", self.f_prime), color=DERIVATIVE_COLOR, font_size=36)
        # The lower right corner stays clear of a rising f′ such as 2x; a falling one takes another corner.
        self.place_clear(self.slope_label, self.slope_corners(lower_first=True),
                         self.slope_obstacles() + self.box_points(self.readout), buff=0.2, soft=self.slope_axis_points())
        # Never over another text (the readout, the axes' names): nudged clear within the panel.
        layout.place_clear(self.slope_label, self.slope_panel_box(), self.texts_on_screen())
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
        self.say(self.story.beat, bottom=self.shown("bottom", self.bottom),
                 zero=self.shown("bottom_slope", self.f_prime(self.bottom)))
        self.play(self.a_tracker.animate.set_value(float(self.bottom)), run_time=2.5, rate_func=smooth)
        self.record_stop("bottom")
        self.play(Flash(self.near_dot, color=DESCENT_COLOR), Flash(self.slope_dot, color=DESCENT_COLOR), run_time=1.2)
        arrows = self.get_downhill_arrows()
        if arrows:
            self.play(*(Create(arrow) for arrow in arrows), run_time=1.5)
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
        a_value = DecimalNumber(float(self.a), num_decimal_places=READOUT_DECIMALS, font_size=34, include_sign=False)
        slope_value = DecimalNumber(float(self.f_prime(self.a)), num_decimal_places=READOUT_DECIMALS, font_size=34,
                                    color=DERIVATIVE_COLOR)
        a_row = VGroup(MathTex("a =", font_size=34), a_value).arrange(RIGHT, buff=0.15)
        slope_row = VGroup(MathTex("f'(a) =", font_size=34, color=DERIVATIVE_COLOR), slope_value)
        slope_row.arrange(RIGHT, buff=0.15)
        a_value.add_updater(lambda m: m.set_value(float(self.displayed_a())))
        slope_value.add_updater(lambda m: m.set_value(float(self.f_prime(self.displayed_a()))))
        readout = VGroup(a_row, slope_row).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        self.place_clear(readout, self.slope_corners(lower_first=False), self.slope_obstacles(), buff=0.2,
                         soft=self.slope_axis_points())
        # Room for the widest values the readout will show, clear of the texts already there.
        widest = max((self.f_prime(t) for t in self.slide), key=abs)
        slope_value.set_value(float(widest))
        layout.place_clear(readout, self.slope_panel_box(), self.texts_on_screen())
        slope_value.set_value(float(self.f_prime(self.a)))
        return readout

    def slope_panel_box(self) -> tuple[float, float, float, float]:
        """(left, bottom, right, top) of the panel under the derivative's result, where the slope graph is."""
        return (self.axes.get_right()[0] + 0.1, MATH_BOTTOM, 7.1 - FRAME_MARGIN, self.result_box.get_bottom()[1] - 0.1)

    # -- placing labels clear of the curves ---------------------------------------------------
    def slope_corners(self, lower_first: bool) -> list:
        """Corners of the slope axes with the direction pointing inside: upper left first, or lower right first."""
        (low, high), (bottom, top) = self.slope_axes.x_range[:2], self.parameters.slope_range
        upper = [(self.slope_axes.c2p(low, top), DOWN + RIGHT), (self.slope_axes.c2p(high, top), DOWN + LEFT)]
        lower = [(self.slope_axes.c2p(high, bottom), UP + LEFT), (self.slope_axes.c2p(low, bottom), UP + RIGHT)]
        # Last, the right edge of the frame, beyond the axes' own end: room when the axes are squeezed.
        edge = 7.1 - FRAME_MARGIN
        beyond = [(np.array([edge, self.slope_axes.c2p(0, top)[1], 0]), DOWN + LEFT),
                  (np.array([edge, self.slope_axes.c2p(0, bottom)[1], 0]), UP + LEFT)]
        return lower + upper + beyond if lower_first else upper + lower + beyond

    def graph_obstacles(self) -> list[np.ndarray]:
        """Points of the graph of f and of the x-axis, on screen."""
        low, high = self.visible_x_range(self.f_float)
        points = [self.on_graph(t) for t in np.linspace(low, high, 241)]
        (x_low, x_high), (y_low, y_high) = self.parameters.x_range, self.parameters.y_range
        if y_low <= 0 <= y_high:
            points += [self.axes.c2p(t, 0) for t in np.linspace(x_low, x_high, 121)]
        return points

    def axis_points(self) -> list[np.ndarray]:
        """Points of the y-axis of f, its arrow and its name: better avoided, but a label may sit on them."""
        (x_low, x_high), (y_low, y_high) = self.parameters.x_range, self.parameters.y_range
        if not x_low <= 0 <= x_high:
            return []
        return [self.axes.c2p(0, t) for t in np.linspace(y_low, y_high, 121)]

    def slope_axis_points(self) -> list[np.ndarray]:
        """Points of the slope axes' two axis lines."""
        (low, high), (bottom, top) = self.slope_axes.x_range[:2], self.parameters.slope_range
        points = []
        # Each line with its arrow's tip and a little room on either side, and the names x and y.
        if bottom <= 0 <= top:
            points += [self.slope_axes.c2p(t, 0) + s * 0.2 * UP for t in np.linspace(low, high, 121) for s in (-1, 0, 1)]
        if low <= 0 <= high:
            points += [self.slope_axes.c2p(0, t) + s * 0.2 * RIGHT for t in np.linspace(bottom, top, 121)
                       for s in (-1, 0, 1)]
        for name in self.slope_axes[-1]:
            (left, lower), (right, upper) = name.get_corner(DOWN + LEFT)[:2], name.get_corner(UP + RIGHT)[:2]
            points += [np.array([x, y, 0.0]) for x in np.linspace(left, right, 3) for y in np.linspace(lower, upper, 3)]
        return points

    def slope_obstacles(self) -> list[np.ndarray]:
        """Points of f′'s graph where the tangent slides, on the slope axes, inside their height."""
        bottom, top = self.parameters.slope_range
        points = []
        for t in np.linspace(float(self.slide[0]), float(self.slide[1]), 241):
            value = self.f_prime_float(t)
            if bottom <= value <= top:
                points.append(self.slope_axes.c2p(t, value))
        return points

    @staticmethod
    def box_points(mobject) -> list[np.ndarray]:
        return [mobject.get_corner(corner) for corner in (UP + LEFT, UP + RIGHT, DOWN + LEFT, DOWN + RIGHT)] + \
            [mobject.get_center()]

    @staticmethod
    def place_clear(mobject, corners: list, obstacles: list[np.ndarray], buff: float, margin: float = 0.05,
                    soft: list[np.ndarray] = (), within: tuple[float, float, float, float] | None = None):
        """Put ``mobject`` next to the first corner where no obstacle point falls inside it.

        Among the corners clear of ``obstacles`` the first clear of ``soft`` points too wins; when no corner
        is clear, the one with the fewest obstacle points inside. Either way, a label over anything gets a
        dark backing so it stays legible. With ``within`` (left, bottom, right, top), a place that sticks
        out of that box counts as blocked.
        """
        def inside(points) -> int:
            left, bottom = mobject.get_corner(DOWN + LEFT)[:2] - margin
            right, top = mobject.get_corner(UP + RIGHT)[:2] + margin
            return sum(1 for p in points if left <= p[0] <= right and bottom <= p[1] <= top)

        def sticks_out() -> bool:
            if within is None:
                return False
            (left, bottom), (right, top) = mobject.get_corner(DOWN + LEFT)[:2], mobject.get_corner(UP + RIGHT)[:2]
            return left < within[0] - 1e-6 or bottom < within[1] - 1e-6 or right > within[2] + 1e-6 or top > within[3] + 1e-6

        scores = []
        for index, (corner, direction) in enumerate(corners):
            mobject.next_to(corner, direction, buff=buff)
            scores.append((sticks_out(), inside(obstacles), inside(soft), index))
        _, hits, soft_hits, best = min(scores)
        corner, direction = corners[best]
        mobject.next_to(corner, direction, buff=buff)
        if hits or soft_hits:
            mobject.add_background_rectangle(opacity=0.75, buff=0.05)
        return mobject

    def panel_width(self) -> float:
        return 7.1 - FRAME_MARGIN - (self.axes.get_right()[0] + 0.3)

    def fit_panel(self, mobject):
        """Shrink ``mobject`` to the panel's width (and height) if it is larger (a long formula such as x³'s)."""
        if mobject.width > self.panel_width():
            mobject.scale_to_fit_width(self.panel_width())
        height = 2 * (config.frame_height / 2 - FRAME_MARGIN - self.panel_point()[1])
        if mobject.height > height:
            mobject.scale_to_fit_height(height)
        return mobject

    def get_downhill_arrows(self) -> list:
        """Arrows riding just above the curve, downhill: where descent goes beside the point.

        Each stays between the point and the next stationary point on its side, so it never rides
        over another hump or well; towards the point only at a minimum (see :func:`bottom_story`).
        """
        arrows = []
        bottom = float(self.bottom)
        low, high = self.visible_x_range(self.f_float)
        others = self.other_stationary_points()
        for side, towards in self.story.arrows:
            edge = low if side < 0 else high
            neighbours = [abs(t - bottom) for t in others if (t - bottom) * side > 0]
            reach = min([2.0, abs(edge - bottom)] + [0.85 * d for d in neighbours])
            if reach < 0.3:
                continue  # no room beside the point for an arrow to read
            far, near = bottom + side * reach, bottom + side * 0.3 * reach
            start, end = (far, near) if towards else (near, far)
            arrow = TipableVMobject(color=DESCENT_COLOR, stroke_width=5)
            arrow.set_points_smoothly([self.on_graph(t) + 0.25 * UP for t in np.linspace(start, end, 12)])
            arrow.add_tip(tip_length=0.22)
            arrows.append(arrow)
        return arrows

    def other_stationary_points(self) -> list[float]:
        """Where else f′ = 0 (floats, to place arrows): the real roots of f′ other than the bottom."""
        degree = self.f_prime.degree
        if not self.f_prime.terms or degree == 0:
            return []
        coefficients = [float(self.f_prime.terms.get((k,), 0)) for k in range(degree, -1, -1)]
        roots = [z.real for z in np.roots(coefficients) if abs(z.imag) < 1e-9 and isfinite(z.real)]
        return [t for t in roots if abs(t - float(self.bottom)) > 1e-6]

    # -- geometry ---------------------------------------------------------------------------
    def plot_box(self) -> tuple[float, float, float, float]:
        """(left, bottom, right, top) of the window onto f, in frame units."""
        (x_low, x_high), (y_low, y_high) = self.axes.x_range[:2], self.axes.y_range[:2]
        (left, bottom, _), (right, top, _) = self.axes.c2p(x_low, y_low), self.axes.c2p(x_high, y_high)
        return left, bottom, right, top

    def on_graph(self, t: float) -> np.ndarray:
        return self.axes.c2p(t, self.f_float(t))

    def displayed_a(self) -> Fraction:
        """The tracker's a rounded to the decimals shown, exact, so f′ is gdmath's value there."""
        scale = 10 ** READOUT_DECIMALS
        return Fraction(round(self.a_tracker.get_value() * scale), scale)

    def adopt(self, group: VGroup, part):
        """Move a mobject already on screen into a group on screen, so fading the group takes it too."""
        self.remove(part)
        group.add(part)

    def record_stop(self, name: str):
        # As the readout's DecimalNumbers draw them.
        self.shown(f"slide_a.{name}", self.displayed_a(), decimals=READOUT_DECIMALS)
        self.shown(f"slide_slope.{name}", self.f_prime(self.displayed_a()), decimals=READOUT_DECIMALS)

    def visible_x_range(self, function) -> list[float]:
        """The x interval where the graph is inside the window's height (it may leave only at the ends)."""
        low, high = self.parameters.x_range
        floor, top = self.parameters.y_range
        xs = np.linspace(low, high, 601)
        inside = [t for t in xs if floor <= function(t) <= top]
        inside = sorted(inside + [float(self.bottom)])  # inside the window, checked: at least one point
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
