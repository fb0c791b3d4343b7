"""The slope of x²: secants shrink to the tangent, and the sliding tangent draws f′(x) = 2x.

The closing beat stops where f′ = 0 and says what kind of point it is (a bottom only if gdmath
finds a minimum there): see :func:`bottom_story`.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import isfinite

import numpy as np
from manim import DOWN, RIGHT, Create, FadeIn, FadeOut, Flash, Indicate, MathTex, Transform, VGroup, Write, linear, smooth

from gdmath import (Polynomial, Stationary, StationaryPoint, as_fraction, classify_stationary, count_real_roots,
                    decimal_text, difference_quotient, secant_slope, tangent_line)
from scenes.kit.narration import NarratedScene
from scenes.kit.parts.derivative import (READOUT_DECIMALS, Derivation, DownhillArrows, FunctionPanel, Secant,
                                         SecantSlopeFormula, SecantTable, SidePanel, SlopePanel, SlopeReadout)
from scenes.kit.plotting import float_function
from scenes.kit.style import DERIVATIVE_COLOR, DESCENT_COLOR, HEADING_SIZE, plain_formula
from scenes.kit.variants import FieldError, Plan, SceneParameters, apply_variant, check_field, check_function


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

    def make_plan(self) -> "DerivativePlan":
        self.check_language()
        f = check_function("function", self.function, 1)
        f_prime = f.derivative()
        a = check_field("point", as_fraction, self.point, "point")
        if not 1 <= len(self.steps) <= 8:
            raise FieldError("steps", f"must list 1 to 8 values of h, not {len(self.steps)}")
        steps = []
        for text in self.steps:
            steps.append(check_field("steps", as_fraction, text, "h"))
            if steps[-1] <= 0:
                raise FieldError("steps", "every h must be greater than 0: the secant runs from a to the right")
        slide = tuple(check_field("slide", as_fraction, end, "slide") for end in self.slide)
        bottom = check_field("bottom", as_fraction, self.bottom, "bottom")
        if f_prime(bottom) != 0:
            raise FieldError("bottom", f"f′({self.bottom}) = {f_prime(bottom)}, not 0: "
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
        marks = [("point", "a", a), ("bottom", "bottom", bottom), *(("slide", "slide end", end) for end in slide),
                 *(("steps", f"a + h for h = {text}", a + h) for text, h in zip(self.steps, steps))]
        for key, name, value in marks:
            if not low <= value <= high:
                raise FieldError(key, f"{name} = {decimal_text(value, 4)} is outside the window x_range "
                                      f"({self.x_range[0]} to {self.x_range[1]})")
        # The slope graph traced while the tangent slides must stay in its window, or it runs over the labels.
        left, right = sorted(slide)
        low_slope, high_slope = (Fraction(repr(float(end))) for end in self.slope_range)
        for t in (left + (right - left) * Fraction(i, 400) for i in range(401)):
            if not low_slope <= f_prime(t) <= high_slope:
                raise FieldError("slope_range", f"f′({decimal_text(t, 4)}) = {decimal_text(f_prime(t), 4)} is "
                                                f"outside the window slope_range ({self.slope_range[0]} to "
                                                f"{self.slope_range[1]}) while the tangent slides: widen slope_range "
                                                f"or shorten slide")
        # So must the ends of every secant drawn, or the rise Δy runs off the plot.
        bottom_y, top_y = (Fraction(repr(float(end))) for end in self.y_range)
        ends = [("point", "f(a)", f(a), "")] + [("steps", "f(a + h)", f(a + h), f" for h = {text}")
                                                for text, h in zip(self.steps, steps)]
        for key, name, value, where in ends:
            if not bottom_y <= value <= top_y:
                raise FieldError(key, f"{name} = {decimal_text(value, 4)}{where} is outside the window y_range "
                                      f"({self.y_range[0]} to {self.y_range[1]}): widen y_range or choose "
                                      f"smaller values")
        difference, quotient = difference_quotient(f)
        return DerivativePlan(
            self, f=f, f_prime=f_prime, a=a, steps=tuple(steps),
            secant_slopes=tuple(secant_slope(f, a, h) for h in steps), tangent_slope=tangent_line(f, a)[0],
            difference=difference, quotient=quotient, slide=slide,
            widest_slope=max((f_prime(end) for end in slide), key=abs), bottom=bottom, story=bottom_story(f, bottom),
            other_stationary=other_stationary_points(f_prime, bottom),
            x_range=tuple(self.x_range), y_range=tuple(self.y_range), slope_range=tuple(self.slope_range),
            graph_range=visible_x_range(f, self.x_range, self.y_range, bottom))


@dataclass(frozen=True)
class DerivativePlan(Plan):
    """The derivative scene's values, exact: the function, the secants' stops, the slide and the point f′ = 0.

    The windows and ``graph_range`` are floats, where the scene only places things on screen.
    """

    f: Polynomial
    f_prime: Polynomial
    #: Where the secant starts, the h it passes through, and (f(a + h) − f(a))/h for each, exact.
    a: Fraction
    steps: tuple[Fraction, ...]
    secant_slopes: tuple[Fraction, ...]
    #: f′(a): the slope the secants approach.
    tangent_slope: Fraction
    #: f(x + h) − f(x) and its quotient by h, expanded, with h written as y (gdmath's difference_quotient).
    difference: Polynomial
    quotient: Polynomial
    slide: tuple[Fraction, Fraction]
    #: f′ at the slide's end where it is largest in size: the readout keeps room for it.
    widest_slope: Fraction
    bottom: Fraction
    story: "BottomStory"
    #: The other real roots of f′, as floats: the downhill arrows stop short of them.
    other_stationary: tuple[float, ...]
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    slope_range: tuple[float, float]
    #: The x interval where the graph of f is inside the window's height.
    graph_range: tuple[float, float]


def visible_x_range(f: Polynomial, x_range, y_range, bottom: Fraction) -> tuple[float, float]:
    """The x interval where the graph of f is inside the window's height (it may leave only at the ends).

    >>> from gdmath import parse
    >>> visible_x_range(parse("x^2"), (-3.0, 3.0), (-1.0, 4.0), Fraction(0))
    (-2.0, 2.0)
    """
    function = float_function(f)
    (low, high), (floor, top) = x_range, y_range
    inside = [t for t in np.linspace(low, high, 601) if floor <= function(t) <= top]
    inside = sorted(inside + [float(bottom)])  # inside the window, checked: at least one point
    return float(inside[0]), float(inside[-1])


def other_stationary_points(f_prime: Polynomial, bottom: Fraction) -> tuple[float, ...]:
    """Where else f′ = 0 (floats, to place arrows): the real roots of f′ other than ``bottom``.

    >>> from gdmath import parse
    >>> [round(t, 9) for t in other_stationary_points(parse("4x^3 - 4x"), Fraction(1))]
    [-1.0, 0.0]
    """
    degree = f_prime.degree
    if not f_prime.terms or degree == 0:
        return ()
    coefficients = [float(f_prime.terms.get((k,), 0)) for k in range(degree, -1, -1)]
    roots = [z.real for z in np.roots(coefficients) if abs(z.imag) < 1e-9 and isfinite(z.real)]
    return tuple(float(t) for t in roots if abs(t - float(bottom)) > 1e-6)


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

    def construct(self):
        panel = self.show_function()
        side = SidePanel.beside(panel)
        secant = self.show_secant(panel)
        formula = self.show_secant_slope(secant, side)
        table = self.shrink_h(secant, side)
        self.become_tangent(secant, table)
        derivation = self.derive_in_general(side, table, formula)
        readout, slope_dot = self.slide_tangent(panel, side, secant, derivation)
        self.show_rate_of_change(secant, readout)
        self.show_bottom(panel, secant, readout, slope_dot)

    def record_extra(self) -> dict:
        story = self.plan.story
        stationary = story.stationary
        return {"title": self.script.line("page_title", self.language, function=plain_formula(self.plan.f)),
                "stationary": {"kind": stationary.kind.value, "strict": stationary.strict,
                               "is_global": stationary.is_global, "order": stationary.order, "beat": story.beat,
                               "arrows": [{"side": side, "towards": towards} for side, towards in story.arrows]}}

    # -- beats ------------------------------------------------------------------------------
    def show_function(self) -> FunctionPanel:
        plan = self.plan
        self.say("intro", function=self.shown_polynomial("f", plan.f, latex=False))
        panel = FunctionPanel(plan.f, self.shown_polynomial("f", plan.f), x_range=plan.x_range,
                              y_range=plan.y_range, graph_range=plan.graph_range)
        self.play(Create(panel.axes), run_time=1.5)
        self.play(Create(panel.graph), run_time=2)
        self.play(Write(panel.label), run_time=1)
        self.wait(1.5)
        return panel

    def show_secant(self, panel: FunctionPanel) -> Secant:
        self.say("secant", a=self.shown("a", self.plan.a))
        secant = Secant(panel, self.plan.f_prime, self.plan.a, self.plan.steps[0])
        self.play(FadeIn(secant.near_dot, scale=0.5), FadeIn(secant.far_dot, scale=0.5),
                  FadeIn(secant.near_mark), FadeIn(secant.far_mark))
        self.play(Create(secant.line), run_time=1.5)
        self.bring_to_front(secant.near_dot, secant.far_dot)
        self.wait(1)
        return secant

    def show_secant_slope(self, secant: Secant, side: SidePanel) -> SecantSlopeFormula:
        self.say("slope")
        self.play(Create(secant.run), Create(secant.rise))
        self.play(FadeIn(secant.run_label), FadeIn(secant.rise_label))
        slope = self.shown_formula("Δy/Δx at a", latex_in(self.plan.quotient, "a"))
        formula = SecantSlopeFormula(self.shown_formula("f(a+h) - f(a)", shifted_latex(self.plan.f, "a")), slope, side)
        self.play(Write(formula), run_time=2)
        self.wait(1.5)
        return formula

    def shrink_h(self, secant: Secant, side: SidePanel) -> SecantTable:
        self.say("shrink")
        self.play(FadeOut(secant.run_label), FadeOut(secant.rise_label), FadeOut(secant.far_mark))
        table = SecantTable(side.point()[0])
        self.play(FadeIn(table))
        for index, (h, slope) in enumerate(zip(self.plan.steps, self.plan.secant_slopes)):
            if index:
                self.play(secant.h.animate.set_value(float(h)), run_time=1.3, rate_func=smooth)
            row = table.row(self.shown(f"h[{index}]", h), self.shown(f"secant_slope[{index}]", slope), index)
            self.play(FadeIn(row, shift=0.2 * RIGHT), run_time=0.6)
            self.adopt(table, row)
            self.wait(0.5)
        self.wait(0.5)
        return table

    def become_tangent(self, secant: Secant, table: SecantTable):
        slope = self.plan.tangent_slope
        self.say("tangent", limit=self.shown("tangent_slope.caption", slope))
        self.play(secant.h.animate.set_value(0), FadeOut(secant.far_dot), FadeOut(secant.run), FadeOut(secant.rise),
                  secant.line.animate.set_color(DERIVATIVE_COLOR), run_time=1.5)
        row = table.row(r"\to 0", self.shown("tangent_slope.table", slope), len(self.plan.steps),
                        color=DERIVATIVE_COLOR)
        self.play(FadeIn(row, shift=0.2 * RIGHT), run_time=0.8)
        self.adopt(table, row)
        self.play(Indicate(row[1], color=DERIVATIVE_COLOR))
        self.wait(1.5)

    def derive_in_general(self, side: SidePanel, table: SecantTable, formula: SecantSlopeFormula) -> Derivation:
        plan = self.plan
        self.say("general", function=self.shown_polynomial("f", plan.f, latex=False),
                 derivative=self.shown_polynomial("f'", plan.f_prime, latex=False))
        function = self.shown_formula("f", bracketed_latex(plan.f), plan.f)
        shifted = self.shown_formula("f(x+h) - f(x)", shifted_latex(plan.f, "x"))
        expanded = self.shown_formula("f(x+h) - f(x) expanded", latex_in(plan.difference))
        derivative = self.shown_polynomial("f'", plan.f_prime)
        derivation = Derivation(shifted, expanded, self.shown_formula("Δy/Δx", latex_in(plan.quotient)), function,
                                derivative, side)
        self.play(FadeOut(table), FadeOut(formula))
        self.play(Write(derivation.working[0]), run_time=2)
        self.play(Write(derivation.working[1]), run_time=2)
        self.play(FadeIn(derivation.result, shift=0.2 * DOWN), Create(derivation.box), run_time=1.2)
        self.wait(2)
        return derivation

    def slide_tangent(self, panel: FunctionPanel, side: SidePanel, secant: Secant, derivation: Derivation):
        plan = self.plan
        self.say("slide", derivative=self.shown_polynomial("f'", plan.f_prime, latex=False))
        self.play(FadeOut(derivation.working), FadeOut(secant.near_mark),
                  Transform(derivation.heading, derivation.raised_heading(side)), run_time=1.2)
        slopes = SlopePanel(plan.f_prime, plan.slide, plan.slope_range, function_panel=panel,
                            ceiling=derivation.box.get_bottom()[1], centre_x=side.point("bottom")[0])
        self.play(Create(slopes.axes), run_time=1.2)
        slope_dot = slopes.dot(secant.a)
        readout = SlopeReadout(plan.f_prime, secant.a, plan.a).place_in(slopes, plan.widest_slope,
                                                                       self.texts_on_screen())
        self.record_stop(readout, "start")
        self.play(FadeIn(slope_dot, scale=0.5), FadeIn(readout))
        trace = slopes.trace(secant.a)
        self.add(trace, slope_dot)
        self.play(secant.a.animate.set_value(float(plan.slide[0])), run_time=2, rate_func=smooth)
        self.record_stop(readout, "left")
        self.wait(0.3)
        self.play(secant.a.animate.set_value(float(plan.slide[1])), run_time=5, rate_func=linear)
        self.record_stop(readout, "right")
        self.wait(0.5)
        label = MathTex("f'(x) = " + self.shown_polynomial("f'", plan.f_prime), color=DERIVATIVE_COLOR,
                        font_size=HEADING_SIZE)
        # The lower right corner stays clear of a rising f′ such as 2x; a falling one takes another corner.
        slopes.place(label, lower_first=True, also=[readout], avoid=self.texts_on_screen())
        # The exact graph over the whole slide takes the trace's place.
        self.add(slopes.graph)
        self.remove(trace)
        self.bring_to_front(slope_dot)
        self.play(Write(label))
        self.wait(1)
        return readout, slope_dot

    def show_rate_of_change(self, secant: Secant, readout: SlopeReadout):
        self.say("rate")
        self.play(Indicate(readout[1]), run_time=1.2)
        # Back to where the story began: from steep towards gentle, the readout shows f′ falling.
        self.play(secant.a.animate.set_value(float(self.plan.a)), run_time=2.5, rate_func=smooth)
        self.record_stop(readout, "rate")
        self.wait(1.5)

    def show_bottom(self, panel: FunctionPanel, secant: Secant, readout: SlopeReadout, slope_dot):
        plan = self.plan
        self.say(plan.story.beat, bottom=self.shown("bottom", plan.bottom),
                 zero=self.shown("bottom_slope", plan.f_prime(plan.bottom)))
        self.play(secant.a.animate.set_value(float(plan.bottom)), run_time=2.5, rate_func=smooth)
        self.record_stop(readout, "bottom")
        self.play(Flash(secant.near_dot, color=DESCENT_COLOR), Flash(slope_dot, color=DESCENT_COLOR), run_time=1.2)
        arrows = DownhillArrows(panel, float(plan.bottom), plan.story.arrows, plan.other_stationary)
        if arrows.submobjects:
            self.play(*(Create(arrow) for arrow in arrows), run_time=1.5)
        self.wait(3)

    # -- helpers ----------------------------------------------------------------------------
    def adopt(self, group: VGroup, part):
        """Move a mobject already on screen into a group on screen, so fading the group takes it too."""
        self.remove(part)
        group.add(part)

    def record_stop(self, readout: SlopeReadout, name: str):
        # As the readout's DecimalNumbers draw them.
        a = readout.displayed_a()
        self.shown(f"slide_a.{name}", a, decimals=READOUT_DECIMALS)
        self.shown(f"slide_slope.{name}", self.plan.f_prime(a), decimals=READOUT_DECIMALS)


DerivativeOfXSquared = apply_variant(DerivativeOfXSquared)
