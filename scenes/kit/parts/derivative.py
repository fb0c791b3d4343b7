"""The parts of the derivative scene: the graph of f, the secant on it, the formulas, the slope panel.

Each part is built from exact values of the scene's plan (or texts the scene recorded as shown)
and places itself; its layout numbers are keyword defaults here, never literals in the scene.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction

import numpy as np
from manim import (DEFAULT_FONT_SIZE, DOWN, LEFT, RIGHT, UL, UP, Axes, DashedLine, DecimalNumber, Dot, Line,
                   MathTex, Mobject, SurroundingRectangle, ValueTracker, VGroup, VMobject)
from manim.mobject.geometry.arc import TipableVMobject

from gdmath import Polynomial

from .. import layout
from ..plotting import float_function
from ..style import (AXIS_COLOR, DERIVATIVE_COLOR, DESCENT_COLOR, FORMULA_SIZE, FRAME_MARGIN, FRAME_RIGHT,
                     FRAME_TOP, FUNCTION_COLOR, HEADING_SIZE, MATH_BOTTOM, SECANT_COLOR, SUBFORMULA_SIZE,
                     TABLE_SIZE, TEXT_COLOR, TITLE_SIZE)
from .table import ExactTable

__all__ = ["READOUT_DECIMALS", "place_at_corner", "FunctionPanel", "SidePanel", "FollowingDot", "XMark", "Secant",
           "SecantSlopeFormula", "SecantTable", "Derivation", "SlopePanel", "SlopeReadout", "DownhillArrows"]

#: Decimals of the sliding tangent's readout (a and f′(a)): the tracker's a is rounded to them.
READOUT_DECIMALS = 2

Box = tuple[float, float, float, float]


def box_points(mobject: Mobject) -> list[np.ndarray]:
    """The four corners and the centre of ``mobject``'s box: a text as obstacle points."""
    return [mobject.get_corner(corner) for corner in (UP + LEFT, UP + RIGHT, DOWN + LEFT, DOWN + RIGHT)] + \
        [mobject.get_center()]


def place_at_corner(mobject: Mobject, corners: Sequence, obstacles: Sequence[np.ndarray], buff: float,
                    margin: float = 0.05, soft: Sequence[np.ndarray] = (), within: Box | None = None) -> Mobject:
    """Put ``mobject`` next to the first corner where no obstacle point falls inside it.

    ``corners`` are (point, direction) pairs, the direction pointing inside the plot. Among the
    corners clear of ``obstacles`` the first clear of ``soft`` points too wins; when no corner is
    clear, the one with the fewest obstacle points inside. Either way, a label over anything gets a
    dark backing so it stays legible. With ``within`` (left, bottom, right, top), a place that sticks
    out of that box counts as blocked. Unlike :func:`scenes.kit.layout.place_clear`, which nudges a
    label clear of boxes, this chooses among a few places by the curve points each would cover.

    >>> from manim import Square
    >>> square = place_at_corner(Square(1), [((0, 0, 0), RIGHT), ((0, 5, 0), RIGHT)], [np.array([1.0, 0, 0])], 0)
    >>> [round(float(v), 6) for v in square.get_center()[:2]]
    [0.5, 5.0]
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


def _axes(x_range, y_range, x_length: float, y_length: float, name_size: float) -> Axes:
    """Axes without ticks, named x and y: the look of both of the scene's plots."""
    axes = Axes(x_range=[*x_range, 1], y_range=[*y_range, 1], x_length=x_length, y_length=y_length,
                axis_config={"color": AXIS_COLOR, "include_ticks": False, "tip_length": 0.2})
    axes.add(axes.get_axis_labels(MathTex("x", font_size=name_size), MathTex("y", font_size=name_size)))
    return axes


class FunctionPanel(VGroup):
    """The window onto f in the upper left: axes, the graph, and the label f(x) = … where they leave room.

    Parameters
    ----------
    f
        The function, exact (drawn with floats).
    label_tex
        LaTeX of f for the label, as the scene recorded it.
    x_range, y_range
        The window (from, to) on each axis.
    graph_range
        The x interval where the graph is inside the window's height.
    x_length, y_length, name_size, label_size, label_buff
        Size of the axes, of their names x and y, of the label and its distance from the corner.

    Pieces: :attr:`axes`, :attr:`graph`, :attr:`label`. The label takes the upper left corner unless
    the graph or the x-axis runs through it (as for −x²): then the first place along the top or
    bottom edge that they leave clear.
    """

    def __init__(self, f: Polynomial, label_tex: str, *, x_range: tuple[float, float], y_range: tuple[float, float],
                 graph_range: tuple[float, float], x_length: float = 6.0, y_length: float = 6.3,
                 name_size: float = SUBFORMULA_SIZE, label_size: float = TITLE_SIZE, label_buff: float = 0.3):
        super().__init__()
        self.f_float = float_function(f)
        self.x_range, self.y_range, self.graph_range = tuple(x_range), tuple(y_range), tuple(graph_range)
        self.axes = _axes(x_range, y_range, x_length, y_length, name_size)
        self.axes.to_corner(UL, buff=FRAME_MARGIN).shift(0.1 * RIGHT)
        self.graph = self.axes.plot(self.f_float, x_range=list(self.graph_range), color=FUNCTION_COLOR,
                                    stroke_width=4)
        self.label = MathTex(rf"f(x) = {label_tex}", color=FUNCTION_COLOR, font_size=label_size)
        self.add(self.axes, self.graph, self.label)
        (x_low, x_high), (y_low, y_high) = self.x_range, self.y_range
        corners = [(x_low, y_high, DOWN + RIGHT), (x_low, y_low, UP + RIGHT), (x_high, y_high, DOWN + LEFT),
                   (x_high, y_low, UP + LEFT)]
        corners += [(x, y, direction) for y, direction in ((y_high, DOWN + RIGHT), (y_low, UP + RIGHT))
                    for x in np.linspace(x_low, x_high, 13)[1:-1]]
        place_at_corner(self.label, [(self.axes.c2p(x, y), direction) for x, y, direction in corners],
                        self.graph_points(), buff=label_buff, soft=self.axis_points(),
                        within=(*self.axes.c2p(x_low, y_low)[:2], *self.axes.c2p(x_high, y_high)[:2]))

    def on_graph(self, t: float) -> np.ndarray:
        """The point of the graph at x = t, on screen."""
        return self.axes.c2p(t, self.f_float(t))

    def plot_box(self) -> Box:
        """(left, bottom, right, top) of the window onto f, in frame units."""
        (x_low, x_high), (y_low, y_high) = self.x_range, self.y_range
        (left, bottom, _), (right, top, _) = self.axes.c2p(x_low, y_low), self.axes.c2p(x_high, y_high)
        return left, bottom, right, top

    def graph_points(self) -> list[np.ndarray]:
        """Points of the graph of f and of the x-axis, on screen."""
        low, high = self.graph_range
        points = [self.on_graph(t) for t in np.linspace(low, high, 241)]
        (x_low, x_high), (y_low, y_high) = self.x_range, self.y_range
        if y_low <= 0 <= y_high:
            points += [self.axes.c2p(t, 0) for t in np.linspace(x_low, x_high, 121)]
        return points

    def axis_points(self) -> list[np.ndarray]:
        """Points of the y-axis of f, its arrow and its name: better avoided, but a label may sit on them."""
        (x_low, x_high), (y_low, y_high) = self.x_range, self.y_range
        if not x_low <= 0 <= x_high:
            return []
        return [self.axes.c2p(0, t) for t in np.linspace(y_low, y_high, 121)]

    def line_ends(self, left: float, right: float, slope: float, reach: float = 1.4):
        """Ends of the line through the graph at left and right, reaching ``reach`` beyond each
        point on screen, then cut to the window so a steep secant never leaves the axes."""
        x_unit, y_unit = self.axes.x_axis.get_unit_size(), self.axes.y_axis.get_unit_size()
        step = reach / np.hypot(x_unit, slope * y_unit)
        start, end = left - step, right + step
        y0 = self.f_float(left)
        (x_low, x_high), (y_low, y_high) = self.x_range, self.y_range
        start, end = max(start, x_low), min(end, x_high)
        if abs(slope) > 1e-12:
            bounds = sorted(((y_low - y0) / slope + left, (y_high - y0) / slope + left))
            start, end = max(start, bounds[0]), min(end, bounds[1])
        return self.axes.c2p(start, y0 + slope * (start - left)), self.axes.c2p(end, y0 + slope * (end - left))


class SidePanel:
    """The right-hand panel beside the graph of f: its edges and the points its formulas centre on.

    >>> panel = SidePanel(left=1.0, right=5.0)
    >>> panel.width, [float(v) for v in panel.point("top")[:2]]
    (4.0, [3.0, 3.5])
    """

    def __init__(self, left: float, right: float = FRAME_RIGHT, centre_y: float = 0.4, top: float = 3.1,
                 bottom: float = 1.5):
        self.left, self.right = left, right
        self.width = right - left
        self._centre = np.array([(left + right) / 2, centre_y, 0])
        self._offsets = {"top": top * UP, "bottom": bottom * DOWN, "centre": 0 * UP}

    @classmethod
    def beside(cls, panel: FunctionPanel, gap: float = 0.3, **kwargs) -> "SidePanel":
        """The panel from ``gap`` right of the function's axes to the frame's right edge."""
        return cls(panel.axes.get_right()[0] + gap, **kwargs)

    def point(self, where: str = "centre") -> np.ndarray:
        """The panel's centre, or the points above it (``top``) and below it (``bottom``) where formulas sit."""
        return self._centre + self._offsets[where]

    def fit(self, mobject: Mobject) -> Mobject:
        """Shrink ``mobject`` to the panel's width (and height) if it is larger (a long formula such as x³'s)."""
        if mobject.width > self.width:
            mobject.scale_to_fit_width(self.width)
        height = 2 * (FRAME_TOP - self.point()[1])
        if mobject.height > height:
            mobject.scale_to_fit_height(height)
        return mobject


class FollowingDot(Dot):
    """A dot that moves to ``place()`` on every frame (the point on a graph above a tracker's x)."""

    def __init__(self, place: Callable[[], np.ndarray], *, color=TEXT_COLOR, radius: float = 0.07):
        super().__init__(color=color, radius=radius)
        self.add_updater(lambda dot: dot.move_to(place()))


class XMark(VGroup):
    """A dashed drop from the graph of f at x = t to the x-axis, named below the axis (``a``, ``a+h``)."""

    def __init__(self, panel: FunctionPanel, t: float, tex: str, *, font_size: float = TABLE_SIZE,
                 buff: float = 0.12, dash_length: float = 0.08):
        drop = DashedLine(panel.on_graph(t), panel.axes.c2p(t, 0), color=AXIS_COLOR, stroke_width=2,
                          dash_length=dash_length)
        name = MathTex(tex, font_size=font_size).next_to(panel.axes.c2p(t, 0), DOWN, buff=buff)
        super().__init__(drop, name)
        self.drop, self.label = drop, name


class Secant(VGroup):
    """The secant through the graph of f at a and a + h, with its points, run and rise, and their names.

    It follows its ValueTrackers :attr:`a` and :attr:`h`; at h = 0 it is the tangent at a, with
    slope f′(a). Pieces: :attr:`near_dot` and :attr:`far_dot` (on the graph at a and a + h),
    :attr:`line`, :attr:`run` and :attr:`rise` (the legs Δx and Δy), :attr:`run_label`,
    :attr:`rise_label`, and :attr:`near_mark` and :attr:`far_mark` (XMarks at a and a + h, as first drawn).
    """

    def __init__(self, panel: FunctionPanel, f_prime: Polynomial, a: Fraction, h: Fraction, *,
                 stroke_width: float = 4, leg_width: float = 2.5, label_size: float = TABLE_SIZE,
                 label_buff: float = 0.12, mark_gap: float = 0.15):
        super().__init__()
        self.panel, self.f_prime_float = panel, float_function(f_prime)
        self.h, self.a = ValueTracker(float(h)), ValueTracker(float(a))
        self.near_dot = FollowingDot(lambda: panel.on_graph(self.a.get_value()))
        self.far_dot = FollowingDot(lambda: panel.on_graph(self.a.get_value() + self.h.get_value()))
        # Each frame the lines are rebuilt from their ends (set_points_by_ends), not moved from where
        # they were (put_start_and_end_on): their points then depend on a and h only, not on how many
        # frames came before, and manim's cache finds the same hash when a render reuses animations.
        self.line = Line(color=SECANT_COLOR, stroke_width=stroke_width).add_updater(
            lambda line: line.set_points_by_ends(*self._line_ends()), call_updater=True)
        self.run = Line(color=TEXT_COLOR, stroke_width=leg_width).add_updater(
            lambda m: m.set_points_by_ends(panel.on_graph(self.a.get_value()), self._corner()), call_updater=True)
        self.rise = Line(color=TEXT_COLOR, stroke_width=leg_width).add_updater(
            lambda m: m.set_points_by_ends(self._corner(), panel.on_graph(self.a.get_value() + self.h.get_value())),
            call_updater=True)
        self.run_label = MathTex(r"\Delta x = h", font_size=label_size).next_to(self.run, DOWN, buff=label_buff)
        self.rise_label = MathTex(r"\Delta y", font_size=label_size).next_to(self.rise, RIGHT, buff=label_buff)
        self.near_mark = XMark(panel, float(a), "a", font_size=label_size)
        self.far_mark = XMark(panel, float(a + h), "a+h", font_size=label_size)
        if layout.overlap(self.near_mark.label, self.far_mark.label):  # h too small to tell them apart: a, then a+h
            self.far_mark.label.next_to(self.near_mark.label, RIGHT, buff=mark_gap)
        # Δy beside the rise, clear of Δx = h and the marks (they meet when h is small).
        layout.place_clear(self.rise_label, panel.plot_box(), [self.run_label, self.near_mark.label, self.far_mark.label])
        self.add(self.line, self.run, self.rise, self.near_dot, self.far_dot, self.run_label, self.rise_label,
                 self.near_mark, self.far_mark)

    def _line_ends(self):
        a, h = self.a.get_value(), self.h.get_value()
        f = self.panel.f_float
        slope = (f(a + h) - f(a)) / h if h > 1e-9 else self.f_prime_float(a)
        return self.panel.line_ends(a, a + h, slope)

    def _corner(self) -> np.ndarray:
        a, h = self.a.get_value(), self.h.get_value()
        return self.panel.axes.c2p(a + h, self.panel.f_float(a))


class SecantSlopeFormula(MathTex):
    r"""Δy/Δx = (f(a+h) − f(a))/h = the slope expanded, at the top of the side panel.

    ``shifted`` and ``slope`` are the LaTeX the scene recorded. When the whole is wider than the
    panel (x⁴ − 2x²), the expanded slope alone, which the table goes on to use. Piece 0 is Δy/Δx.
    """

    def __init__(self, shifted: str, slope: str, side: SidePanel, *, font_size: float = TITLE_SIZE):
        pieces = (r"\frac{\Delta y}{\Delta x}", "=", rf"\frac{{{shifted}}}{{h}}", "=", slope)
        if MathTex(*pieces, font_size=font_size).width > side.width:
            pieces = (r"\frac{\Delta y}{\Delta x}", "=", slope)
        super().__init__(*pieces, font_size=font_size)
        self[0].set_color(SECANT_COLOR)
        side.fit(self)
        self.move_to(side.point("top"))


class SecantTable(ExactTable):
    """h and the secant's slope Δy/Δx, one row per h as it shrinks, in the side panel (the shared ExactTable).

    >>> table = SecantTable(3.0)
    >>> table.columns, round(float(table.rule[0].width), 6), round(float(table.row_y(2)), 6)
    ([1.9, 4.1], 3.6, 0.35)
    """

    def __init__(self, centre: float, *, top: float = 2.3, spread: float = 1.1, rule_drop: float = 0.5,
                 rule_half: float = 1.8, header_size: float = HEADING_SIZE, cell_size: float = FORMULA_SIZE):
        headers = [MathTex("h", font_size=header_size),
                   MathTex(r"\frac{\Delta y}{\Delta x}", font_size=header_size, color=SECANT_COLOR)]
        super().__init__(headers, [centre - spread, centre + spread], top=top, first_row=0.95, row_height=0.5,
                         rule=(rule_drop, centre - rule_half, centre + rule_half), rule_color=AXIS_COLOR)
        self.cell_size = cell_size

    def row(self, h_text: str, slope_text: str, index: int, color=TEXT_COLOR) -> VGroup:
        """Row ``index``: the texts recorded for h and its slope, placed (the scene animates it in)."""
        return self.place_row([MathTex(h_text, font_size=self.cell_size, color=color),
                               MathTex(slope_text, font_size=self.cell_size, color=color)], index)


class Derivation(VGroup):
    r"""The derivative worked out at any x, in the side panel: the difference quotient, its limit, the result.

    Takes the LaTeX the scene recorded: ``shifted`` ((f(x+h) − f(x))/h unexpanded), ``expanded``,
    ``quotient`` (Δy/Δx expanded), ``function`` (f, bracketed after d/dx) and ``derivative``.
    Pieces: :attr:`working` (the first two steps, faded when the result moves up), :attr:`result`
    (d/dx f = f′) and its :attr:`box`. When the steps are too wide for two lines (x⁴ − 2x²), each
    goes on a row of its own, in the same two groups.
    """

    def __init__(self, shifted: str, expanded: str, quotient: str, function: str, derivative: str, side: SidePanel,
                 *, font_size: float = TITLE_SIZE, line_buff: float = 0.45, row_buff: float = 0.3,
                 result_gap: float = 0.3, result_buff: float = 0.6, box_buff: float = 0.15):
        shifted, expanded = rf"\frac{{{shifted}}}{{h}}", rf"\frac{{{expanded}}}{{h}}"
        limit = (quotient, r"\xrightarrow{\,h \to 0\,}", derivative)
        lines = VGroup(MathTex(shifted, "=", expanded), MathTex("=", *limit),
                       MathTex(r"\frac{d}{dx}", function, "=", derivative))
        for line in lines:
            line.scale(font_size / DEFAULT_FONT_SIZE)
        if max(lines[0].width, lines[1].width) > side.width:
            rows = [MathTex(shifted), MathTex("=", expanded), MathTex("=", limit[0]), MathTex(*limit[1:])]
            for row in rows:
                row.scale(font_size / DEFAULT_FONT_SIZE)
            rows[-1][-1].set_color(DERIVATIVE_COLOR)
            steps = VGroup(*rows).arrange(DOWN, buff=row_buff, aligned_edge=LEFT)
            lines = VGroup(VGroup(*rows[:2]), VGroup(*rows[2:]), lines[2])
            lines[2].next_to(steps, DOWN, buff=result_buff).set_x(steps.get_x())
        else:
            lines[1][-1].set_color(DERIVATIVE_COLOR)
            lines.arrange(DOWN, buff=line_buff, aligned_edge=LEFT)
            lines[1].shift((lines[0][1].get_x() - lines[1][0].get_x()) * RIGHT)
            lines[2].shift(result_gap * DOWN).set_x(lines[:2].get_x())
        lines[2][-1].set_color(DERIVATIVE_COLOR)
        super().__init__(*lines)
        side.fit(self)
        self.move_to(side.point())
        self.working, self.result = self[:2], self[2]
        self.box = SurroundingRectangle(self.result, color=DERIVATIVE_COLOR, buff=box_buff)
        #: The result in its box, which moves up to head the slope panel.
        self.heading = VGroup(self.result, self.box)

    def raised_heading(self, side: SidePanel, scale: float = 0.9) -> VGroup:
        """A copy of :attr:`heading`, smaller, at the top of the frame: where it heads the slope panel."""
        target = self.heading.copy().scale(scale).move_to(side.point("top"))
        return target.set_y(FRAME_TOP - target.height / 2)


class SlopePanel(VGroup):
    """Axes of f′ under the boxed result, where the sliding tangent draws its slope, and the exact graph of f′.

    Parameters
    ----------
    f_prime, slide, slope_range
        f′ (exact), the a the tangent slides between, and the y window of f′.
    function_panel
        The graph of f: where it fits, the slope axes take its scale, so slopes compare by eye.
    ceiling
        The y under which the panel stays (the boxed result's bottom); else its axes are squeezed.
    centre_x
        The x the axes centre on.

    Pieces: :attr:`axes`, :attr:`graph` (the exact f′ over the slide, not yet shown) and
    :attr:`region` (left, bottom, right, top): the room a label of the panel may use.
    """

    def __init__(self, f_prime: Polynomial, slide: tuple[Fraction, Fraction], slope_range: tuple[float, float], *,
                 function_panel: FunctionPanel, ceiling: float, centre_x: float, margin: float = 0.6,
                 gap: float = 0.55, lift: float = 0.1, pad: float = 0.1, right: float = FRAME_RIGHT,
                 name_size: float = SUBFORMULA_SIZE):
        super().__init__()
        self.f_prime_float = float_function(f_prime)
        self.slide, self.slope_range, self.right = (float(slide[0]), float(slide[1])), tuple(slope_range), right
        fx = function_panel.axes
        low, high = self.slide[0] - margin, self.slide[1] + margin
        room = ceiling - gap - (MATH_BOTTOM + lift)
        self.axes = _axes((low, high), slope_range, (high - low) * fx.x_axis.get_unit_size(),
                          min((slope_range[1] - slope_range[0]) * fx.y_axis.get_unit_size(), room), name_size)
        self.axes.move_to([centre_x, 0, 0]).set_y(MATH_BOTTOM + self.axes.height / 2 + lift)
        self.graph = self.axes.plot(self.f_prime_float, x_range=list(self.slide), color=DERIVATIVE_COLOR,
                                    stroke_width=4)
        self.region = (fx.get_right()[0] + pad, MATH_BOTTOM, right, ceiling - pad)
        self.add(self.axes)

    def point_at(self, t: float) -> np.ndarray:
        """(t, f′(t)) on screen."""
        return self.axes.c2p(t, self.f_prime_float(t))

    def dot(self, a: ValueTracker) -> FollowingDot:
        """The dot at (a, f′(a)) as the tracker ``a`` moves."""
        return FollowingDot(lambda: self.point_at(a.get_value()), color=DERIVATIVE_COLOR, radius=0.08)

    def trace(self, a: ValueTracker, *, least: float = 1e-6) -> VMobject:
        """f′ drawn as the tangent slides: its exact graph over every a the tracker has reached since.

        Unlike a ``TracedPath`` it depends on where ``a`` has been, not on which frames were drawn, so
        it is smooth at any frame rate and the same when manim reuses the animations that drew it.
        """
        reached = [a.get_value()] * 2
        trace = VMobject(stroke_color=DERIVATIVE_COLOR, stroke_width=4)

        def follow(mobject: VMobject):
            x = a.get_value()
            reached[:] = min(reached[0], x), max(reached[1], x)
            if reached[1] - reached[0] >= least:
                mobject.set_points(self.axes.plot(self.f_prime_float, x_range=list(reached)).points)

        return trace.add_updater(follow, call_updater=True)

    def corners(self, lower_first: bool) -> list:
        """Corners of the axes with the direction pointing inside: upper left first, or lower right first."""
        (low, high), (bottom, top) = self.axes.x_range[:2], self.slope_range
        upper = [(self.axes.c2p(low, top), DOWN + RIGHT), (self.axes.c2p(high, top), DOWN + LEFT)]
        lower = [(self.axes.c2p(high, bottom), UP + LEFT), (self.axes.c2p(low, bottom), UP + RIGHT)]
        # Last, the right edge of the frame, beyond the axes' own end: room when the axes are squeezed.
        beyond = [(np.array([self.right, self.axes.c2p(0, top)[1], 0]), DOWN + LEFT),
                  (np.array([self.right, self.axes.c2p(0, bottom)[1], 0]), UP + LEFT)]
        return lower + upper + beyond if lower_first else upper + lower + beyond

    def axis_points(self) -> list[np.ndarray]:
        """Points of the two axis lines, each with its arrow's tip and a little room either side, and their names."""
        (low, high), (bottom, top) = self.axes.x_range[:2], self.slope_range
        points = []
        if bottom <= 0 <= top:
            points += [self.axes.c2p(t, 0) + s * 0.2 * UP for t in np.linspace(low, high, 121) for s in (-1, 0, 1)]
        if low <= 0 <= high:
            points += [self.axes.c2p(0, t) + s * 0.2 * RIGHT for t in np.linspace(bottom, top, 121)
                       for s in (-1, 0, 1)]
        for name in self.axes[-1]:
            (left, lower), (right, upper) = name.get_corner(DOWN + LEFT)[:2], name.get_corner(UP + RIGHT)[:2]
            points += [np.array([x, y, 0.0]) for x in np.linspace(left, right, 3) for y in np.linspace(lower, upper, 3)]
        return points

    def graph_points(self) -> list[np.ndarray]:
        """Points of f′'s graph where the tangent slides, inside the axes' height."""
        bottom, top = self.slope_range
        points = []
        for t in np.linspace(self.slide[0], self.slide[1], 241):
            value = self.f_prime_float(t)
            if bottom <= value <= top:
                points.append(self.axes.c2p(t, value))
        return points

    def place(self, mobject: Mobject, *, lower_first: bool, avoid: Sequence[Mobject] = (),
              also: Sequence[Mobject] = (), buff: float = 0.2) -> Mobject:
        """Put ``mobject`` at the first corner clear of f′ (and of ``also``), then nudge it off the texts ``avoid``."""
        obstacles = self.graph_points() + [p for other in also for p in box_points(other)]
        place_at_corner(mobject, self.corners(lower_first), obstacles, buff=buff, soft=self.axis_points())
        return layout.place_clear(mobject, self.region, avoid)


class SlopeReadout(VGroup):
    """a = … and f′(a) = … while the tangent slides: f′ is gdmath's, at a rounded to the decimals shown.

    The values follow the tracker ``a``; :meth:`displayed_a` is the a they show, exact, so the scene
    records what the readout draws. Row 1 is the f′(a) row.
    """

    def __init__(self, f_prime: Polynomial, a: ValueTracker, start: Fraction, *, decimals: int = READOUT_DECIMALS,
                 font_size: float = FORMULA_SIZE, buff: float = 0.15, row_buff: float = 0.2):
        self.f_prime, self.tracker, self.decimals, self.start = f_prime, a, decimals, start
        self.a_value = DecimalNumber(float(start), num_decimal_places=decimals, font_size=font_size,
                                     include_sign=False)
        self.slope_value = DecimalNumber(float(f_prime(start)), num_decimal_places=decimals, font_size=font_size,
                                         color=DERIVATIVE_COLOR)
        a_row = VGroup(MathTex("a =", font_size=font_size), self.a_value).arrange(RIGHT, buff=buff)
        slope_row = VGroup(MathTex("f'(a) =", font_size=font_size, color=DERIVATIVE_COLOR), self.slope_value)
        slope_row.arrange(RIGHT, buff=buff)
        self.a_value.add_updater(lambda m: m.set_value(float(self.displayed_a())))
        self.slope_value.add_updater(lambda m: m.set_value(float(self.f_prime(self.displayed_a()))))
        super().__init__(a_row, slope_row)
        self.arrange(DOWN, aligned_edge=LEFT, buff=row_buff)

    def displayed_a(self) -> Fraction:
        """The tracker's a rounded to the decimals shown, exact, so f′ is gdmath's value there."""
        scale = 10 ** self.decimals
        return Fraction(round(self.tracker.get_value() * scale), scale)

    def place_in(self, panel: SlopePanel, widest: Fraction, avoid: Sequence[Mobject]) -> "SlopeReadout":
        """Put the readout in the panel's upper corner clear of f′, with room for the ``widest`` f′ it will show."""
        place_at_corner(self, panel.corners(lower_first=False), panel.graph_points(), buff=0.2,
                        soft=panel.axis_points())
        self.slope_value.set_value(float(widest))
        layout.place_clear(self, panel.region, avoid)
        self.slope_value.set_value(float(self.f_prime(self.start)))
        return self


class DownhillArrows(VGroup):
    """Arrows riding just above the graph of f beside a stationary point, downhill: where descent goes.

    ``arrows`` holds (side, towards): side −1 left of the point, 1 right; towards the point only at a
    minimum. Each stays between the point and the next stationary point on its side (``others``),
    so it never rides over another hump or well; a side without room for one has none.
    """

    def __init__(self, panel: FunctionPanel, point: float, arrows: Sequence[tuple[int, bool]],
                 others: Sequence[float], *, reach: float = 2.0, least: float = 0.3, share: float = 0.85,
                 tail: float = 0.3, lift: float = 0.25, stroke_width: float = 5, tip_length: float = 0.22):
        super().__init__()
        low, high = panel.graph_range
        for side, towards in arrows:
            edge = low if side < 0 else high
            neighbours = [abs(t - point) for t in others if (t - point) * side > 0]
            length = min([reach, abs(edge - point)] + [share * d for d in neighbours])
            if length < least:
                continue  # no room beside the point for an arrow to read
            far, near = point + side * length, point + side * tail * length
            start, end = (far, near) if towards else (near, far)
            arrow = TipableVMobject(color=DESCENT_COLOR, stroke_width=stroke_width)
            arrow.set_points_smoothly([panel.on_graph(t) + lift * UP for t in np.linspace(start, end, 12)])
            arrow.add_tip(tip_length=tip_length)
            self.add(arrow)
