"""The parts of the gradient-field scene: the square plane, level curves, arrows to scale, the table.

Every arrow here is exactly ``scale · vector`` long in the plane's units, tail on its point; the
numbers the parts write are texts the scene recorded as shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import hypot

import numpy as np
from manim import (DOWN, LEFT, ORIGIN, RIGHT, UP, Arrow, Axes, Create, DashedLine, Dot, FadeIn, MathTex,
                   ParametricFunction, SurroundingRectangle, Text, VGroup, VMobject)

from gdmath import exact_text

from ..axes import nice_step
from ..layout import bounds
from ..plotting import float_function, level_ellipse
from ..style import (AXIS_COLOR, CAPTION_FONT_SIZE, DESCENT_COLOR, DISPLAY_SIZE, EMPHASIS_SIZE, FORMULA_SIZE,
                     FRAME_RIGHT, FUNCTION_COLOR, GRADIENT_COLOR, HEADING_SIZE, LABEL_FONT_SIZE, LEVEL_COLOR,
                     MUTED_COLOR, TABLE_SIZE, TEXT_COLOR, TITLE_SIZE)
from .rule import UpdateRule
from .table import ExactTable

__all__ = ["Panel", "RISE", "PLANE_SIDE", "PLANE_CENTER", "PANEL_LEFT", "Plane", "LevelCurve", "LevelLabel",
           "LevelCurves", "FieldArrow", "ArrowField", "ArrowLegend", "Tangent", "RightAngleMark", "PointMarker",
           "StationaryMarker", "Guide", "GradientTable", "FunctionFormula", "PartialsFormula", "GradientFormula",
           "Summary", "line_across_square", "box_around"]

Point = tuple[Fraction, Fraction]
Box = tuple[float, float, float, float]

#: How far a panel rises as it fades in.
RISE = 0.2 * UP
#: The lecture's layout (frame units): a square plane this wide centred here on the left, the panel from PANEL_LEFT
#: to the right margin. The scene's parameters take these as defaults, so a variant may move them.
PLANE_SIDE = 6.2
PLANE_CENTER = (-3.55, 0.35)
PANEL_LEFT = 0.35


@dataclass(frozen=True)
class Panel:
    """The right-hand panel, from ``left`` to the frame's right margin: where each formula sits (its y)."""

    left: float = PANEL_LEFT
    right: float = FRAME_RIGHT
    function: float = 3.25
    partials: float = 2.15
    gradient: float = 1.05
    legend: float = -0.05
    table_top: float = -0.95
    summary: float = 0.3
    #: Where ∇f moves to when the summary comes in.
    gradient_in_summary: float = 2.1

    @property
    def x(self) -> float:
        return (self.left + self.right) / 2

    def at(self, y: float) -> np.ndarray:
        """The point of the panel at height ``y``, centred across it."""
        return np.array([self.x, y, 0])


class Plane(VGroup):
    """Square axes from −extent to extent on both x and y, with their names: one unit as long on x as on y.

    Equal lengths keep circles round and right angles right. :meth:`c2p` and :meth:`p2c` map
    between plane and frame coordinates; :meth:`point` places an exact point.
    """

    def __init__(self, extent: float, *, side: float = PLANE_SIDE, center: Sequence[float] = PLANE_CENTER,
                 ticks: int = 8, tick_size: float = 0.05, stroke_width: float = 2, color=AXIS_COLOR,
                 label_size: float = LABEL_FONT_SIZE, label_buff: float = 0.1):
        step = float(nice_step(2 * extent, ticks))  # ticks at 1 for the lecture's ±3.5; fewer on a larger plane
        axes = Axes(x_range=[-extent, extent, step], y_range=[-extent, extent, step], x_length=side, y_length=side,
                    tips=False, axis_config={"color": color, "stroke_width": stroke_width, "include_ticks": True,
                                             "tick_size": tick_size})
        axes.move_to([*center, 0])
        labels = VGroup(MathTex("x", font_size=label_size, color=color).next_to(axes.x_axis.get_end(), UP,
                                                                                 buff=label_buff),
                        MathTex("y", font_size=label_size, color=color).next_to(axes.y_axis.get_end(), RIGHT,
                                                                                 buff=label_buff))
        super().__init__(axes, labels)
        self.axes, self.labels, self.extent = axes, labels, extent

    @property
    def unit(self) -> float:
        """Frame units per plane unit (the same on both axes)."""
        return self.axes.get_x_unit_size()

    def c2p(self, x: float, y: float) -> np.ndarray:
        return self.axes.c2p(x, y)

    def p2c(self, point) -> tuple[float, float]:
        return self.axes.p2c(point)

    def point(self, point) -> np.ndarray:
        """Where the exact point ``point`` = (x, y) is on screen."""
        return self.axes.c2p(float(point[0]), float(point[1]))


class LevelCurve(VMobject):
    """The level curve f = ``level`` on ``plane``, cut to the plane.

    A bowl, or a dome seen as the bowl −f, gets its exact ellipse (about 1000× cheaper than
    searching the plane); any other curve is found by manim's implicit-curve search.
    """

    def __init__(self, plane: Plane, f, level: Fraction, *, color=LEVEL_COLOR, stroke_width: float = 2.5,
                 samples: int = 721):
        super().__init__(color=color, stroke_width=stroke_width)
        extent = plane.extent
        ellipse = level_ellipse(f, float(level)) or level_ellipse(-f, -float(level))
        if ellipse is not None:
            if max(np.max(np.abs(ellipse(t))) for t in np.linspace(0, 2 * np.pi, samples)) <= extent:
                curve = ParametricFunction(lambda t: plane.c2p(*ellipse(t)), t_range=[0, 2 * np.pi])
                self.set_points(curve.points)
            else:
                self._trace_inside([ellipse(t) for t in np.linspace(0, 2 * np.pi, samples)], plane)
            return
        evaluate, target = float_function(f), float(level)
        curve = plane.axes.plot_implicit_curve(lambda u, v: evaluate(u, v) - target, min_depth=7, max_quads=4000)
        self.set_points(curve.points)

    def _trace_inside(self, points, plane: Plane) -> None:
        """A closed curve through ``points`` (plane coordinates), keeping only the runs inside the plane."""
        run: list[np.ndarray] = []
        for point in list(points) + [None]:
            if point is not None and max(abs(point[0]), abs(point[1])) <= plane.extent:
                run.append(plane.c2p(*point))
                continue
            if len(run) >= 2:
                self.start_new_path(run[0])
                self.add_points_as_corners(run[1:])
            run = []


def box_around(centre, half: float) -> Box:
    """The square box of half-side ``half`` around the screen point ``centre``."""
    return centre[0] - half, centre[1] - half, centre[0] + half, centre[1] + half


def _near(a: Box, b: Box, gap: float = 0.02) -> bool:
    """Whether boxes ``a`` and ``b`` overlap or come closer than ``gap``."""
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


class LevelLabel(MathTex):
    """``f = text`` on a dark patch, where the level curve meets a ray from ``centre`` (plane coordinates).

    The first ray is at ``angle`` degrees, just above the horizontal; when it misses the curve, or
    puts the label on a box in ``avoid`` (screen boxes: points marked later, labels placed before),
    the label tries the rays 45° on, and failing all keeps the first crossing (else the point of
    the plane where f comes nearest the level).
    """

    def __init__(self, plane: Plane, f, level: Fraction, text: str, *, centre=(0, 0), angle: float = 20.0,
                 avoid: Sequence[Box] = (), font_size: float = CAPTION_FONT_SIZE, color=LEVEL_COLOR,
                 patch_opacity: float = 0.85, patch_buff: float = 0.04, z_index: int = 6):
        super().__init__(f"f = {text}", font_size=font_size, color=color)
        self.add_background_rectangle(opacity=patch_opacity, buff=patch_buff)
        centre = np.array([float(c) for c in centre])
        extent = plane.extent
        evaluate, target = float_function(f), float(level)
        first = None  # the first crossing found, should every ray put the label on another
        for turn in range(8):
            radians = np.deg2rad(angle + 45 * turn)
            direction = np.array([np.cos(radians), np.sin(radians)])
            crossing = _crossing(evaluate, target, centre, direction, extent)
            if crossing is None:
                continue
            self.move_to(plane.c2p(*(centre + crossing * direction)))
            first = self.get_center() if first is None else first
            if not any(_near(bounds(self), other) for other in avoid):
                break
        else:
            self.move_to(first if first is not None else plane.c2p(*_nearest_on_level(evaluate, target, extent)))
        self.set_z_index(z_index)


def _crossing(evaluate, target: float, centre, direction, extent: float, samples: int = 400) -> float | None:
    """How far along the ray from ``centre`` f first reaches ``target`` inside the plane; None if it never does."""
    reach = min((extent - c) / d if d > 0 else (-extent - c) / d for c, d in zip(centre, direction) if abs(d) > 1e-12)
    distances = np.linspace(0, reach, samples)
    signs = np.sign([evaluate(*(centre + r * direction)) - target for r in distances])
    crossing = next((k for k in range(len(distances) - 1) if signs[k] != signs[k + 1] or signs[k] == 0), None)
    if crossing is None:
        return None
    low, high = distances[crossing], distances[crossing + 1]
    below = evaluate(*(centre + low * direction)) < target
    for _ in range(60):
        middle = (low + high) / 2
        if (evaluate(*(centre + middle * direction)) < target) == below:
            low = middle
        else:
            high = middle
    return low


def _nearest_on_level(evaluate, target: float, extent: float) -> np.ndarray:
    """A point of the plane where f is closest to ``target`` (a level no ray from the centre meets)."""
    grid = np.linspace(-extent, extent, 121)
    return min(((u, v) for u in grid for v in grid), key=lambda p: abs(evaluate(*p) - target))


class LevelCurves(VGroup):
    """The level curves f = c for each of ``levels`` (:attr:`curves`) and their labels (:attr:`labels`).

    ``texts`` are the levels as recorded shown. Each label keeps off the labels placed before it and
    off a square ``clearance`` wide either side of each screen point in ``clear_of`` (points marked
    later, with their names and right angles).
    """

    #: The labels' opacity once the field is dimmed beneath them.
    dimmed_label_opacity = 0.8

    def __init__(self, plane: Plane, f, levels: Sequence[Fraction], texts: Sequence[str], *, centre=(0, 0),
                 angle: float = 20.0, clear_of=(), clearance: float = 0.4):
        self.curves = VGroup(*(LevelCurve(plane, f, level) for level in levels))
        self.labels = VGroup()
        avoid = [box_around(point, clearance) for point in clear_of]
        for level, text in zip(levels, texts):
            label = LevelLabel(plane, f, level, text, centre=centre, angle=angle, avoid=avoid)
            avoid.append(bounds(label))
            self.labels.add(label)
        super().__init__(self.curves, self.labels)


class FieldArrow(Arrow):
    """An arrow from the exact point ``point`` whose length in plane units is exactly ``scale · |vector|``.

    ``buff=0`` so it runs from the point itself; the stroke ratio is lifted so short arrows keep
    their width, and the tip keeps ``tip_length`` unless the arrow is shorter than tip/``tip_ratio``
    (its length, tail to tip point, stays exact either way). :attr:`plane_point` and
    :attr:`plane_vector` say what it shows.
    """

    def __init__(self, plane: Plane, point, vector, *, scale: float, color, highlight: bool = False,
                 stroke_width: float = 2.5, tip_length: float = 0.09, tip_ratio: float = 0.6):
        end = plane.c2p(float(point[0]) + scale * float(vector[0]), float(point[1]) + scale * float(vector[1]))
        super().__init__(plane.point(point), end, buff=0, color=color, stroke_width=stroke_width,
                         tip_length=tip_length, max_tip_length_to_length_ratio=tip_ratio,
                         max_stroke_width_to_length_ratio=1e6)
        self.set_z_index(4 if highlight else 1)
        self.plane_point, self.plane_vector = tuple(point), tuple(vector)

    def measured(self, plane: Plane) -> dict:
        """What it shows, exactly, and the arrow as drawn: on screen, and in plane units its vector (tail to
        tip point) and its tip's length."""
        start, end = np.array(plane.p2c(self.get_start())), np.array(plane.p2c(self.get_end()))
        tip = self.get_tip()
        return {"point": [exact_text(c) for c in self.plane_point], "vector": [exact_text(c) for c in self.plane_vector],
                "screen_start": [float(v) for v in self.get_start()[:2]],
                "screen_end": [float(v) for v in self.get_end()[:2]],
                "drawn": [float(v) for v in end - start],
                "drawn_length": float(np.linalg.norm(end - start)),
                "tip_length": float(np.linalg.norm(tip.tip_point - tip.base)) / plane.unit}


class ArrowField(VGroup):
    """One :class:`FieldArrow` of ``vector`` at each ``(point, vector)`` of ``field``, all on one scale.

    A zero vector has no arrow (the bottom of a bowl shows as a gap); leave those out of ``field``.
    ``arrow_options`` go to every arrow.
    """

    def __init__(self, plane: Plane, field, *, scale: float, color=GRADIENT_COLOR, **arrow_options):
        super().__init__(*(FieldArrow(plane, point, vector, scale=scale, color=color, **arrow_options)
                           for point, vector in field))


class ArrowLegend(VGroup):
    """``words = scale × |∇f|`` over a reference arrow and its ``|∇f| = reference``, framed.

    ``words`` are the script's words for the arrow's length; ``arrow`` is the reference arrow (a
    :class:`FieldArrow`), kept as :attr:`arrow`. The contents are centred on ``center``.
    """

    def __init__(self, words: Text, scale_text: str, reference_text: str, arrow: FieldArrow, *, center=ORIGIN,
                 formula_size: float = HEADING_SIZE, label_size: float = TABLE_SIZE, word_buff: float = 0.15,
                 formula_drop: float = 0.04, label_buff: float = 0.2, line_buff: float = 0.22,
                 frame_buff: float = 0.15, frame_color=MUTED_COLOR, frame_width: float = 1.5,
                 corner_radius: float = 0.08):
        formula = MathTex(rf"= {scale_text} \times |\nabla f|", font_size=formula_size, color=TEXT_COLOR,
                          tex_to_color_map={r"\nabla f": GRADIENT_COLOR})
        line = VGroup(words, formula).arrange(RIGHT, buff=word_buff)
        formula.align_to(words, DOWN).shift(formula_drop * DOWN)
        label = MathTex(rf"|\nabla f| = {reference_text}", font_size=label_size, color=TEXT_COLOR)
        sample = VGroup(arrow, label)
        label.next_to(arrow, RIGHT, buff=label_buff)
        contents = VGroup(line, sample).arrange(DOWN, buff=line_buff)
        contents.move_to(center)
        frame = SurroundingRectangle(contents, buff=frame_buff, color=frame_color, stroke_width=frame_width,
                                     corner_radius=corner_radius)
        super().__init__(frame, contents)
        self.arrow = arrow


def _unit(vector) -> np.ndarray:
    g = np.array([float(vector[0]), float(vector[1]), 0.0])
    return g / np.linalg.norm(g)


class Tangent(VMobject):
    """The tangent at ``point`` to the level curve through it: ``gradient`` turned a quarter turn.

    It runs ``half_length`` plane units either side of the point.
    """

    def __init__(self, plane: Plane, point, gradient, *, half_length: float, color=LEVEL_COLOR,
                 stroke_width: float = 4, z_index: int = 3):
        super().__init__(color=color, stroke_width=stroke_width)
        length = hypot(float(gradient[0]), float(gradient[1]))
        direction = np.array([-float(gradient[1]), float(gradient[0])]) / length
        centre = np.array([float(point[0]), float(point[1])])
        self.set_points_as_corners([plane.c2p(*(centre - half_length * direction)),
                                    plane.c2p(*(centre + half_length * direction))])
        self.set_z_index(z_index)
        self.plane_point = tuple(point)

    def measured(self, plane: Plane) -> dict:
        """Its point, exactly, and its direction as drawn, in plane units."""
        start, end = np.array(plane.p2c(self.get_start())), np.array(plane.p2c(self.get_end()))
        return {"point": [exact_text(c) for c in self.plane_point], "direction": [float(v) for v in end - start]}


class RightAngleMark(VMobject):
    """The small square corner at ``point`` between ``gradient`` and the tangent (on screen, ``size`` wide)."""

    def __init__(self, plane: Plane, point, gradient, *, size: float = 0.16, color=TEXT_COLOR,
                 stroke_width: float = 2.5, z_index: int = 5):
        super().__init__(color=color, stroke_width=stroke_width)
        g = _unit(gradient)
        t = np.array([-g[1], g[0], 0.0])
        corner = plane.point(point)
        self.set_points_as_corners([corner + size * t, corner + size * (t + g), corner + size * g])
        self.set_z_index(z_index)


class PointMarker(VGroup):
    """Point P_index on the plane: :attr:`dot`, :attr:`label`, :attr:`tangent` and the right angle :attr:`mark`.

    The label sits outside the curve, between ∇f and the half of the tangent without the right-angle
    mark: the one quadrant no arrow will enter.
    """

    def __init__(self, plane: Plane, point, gradient, index: int, *, tangent_half_length: float,
                 dot_radius: float = 0.06, label_size: float = LABEL_FONT_SIZE, label_distance: float = 0.34):
        self.dot = Dot(plane.point(point), radius=dot_radius, color=TEXT_COLOR).set_z_index(5)
        self.label = MathTex(f"P_{index}", font_size=label_size, color=TEXT_COLOR)
        g = _unit(gradient)
        self.label.move_to(plane.point(point) + label_distance * (g - np.array([-g[1], g[0], 0.0])))
        self.tangent = Tangent(plane, point, gradient, half_length=tangent_half_length)
        self.mark = RightAngleMark(plane, point, gradient)
        super().__init__(self.dot, self.label, self.tangent, self.mark)


def line_across_square(point, direction, extent: float) -> tuple[np.ndarray, np.ndarray]:
    """The ends of the line through ``point`` along ``direction``, cut to the square |x|, |y| ≤ ``extent``.

    >>> [list(map(float, end)) for end in line_across_square((0, 0), (1, 1), 2.0)]
    [[-2.0, -2.0], [2.0, 2.0]]
    """
    origin, step = np.array([float(c) for c in point]), np.array([float(c) for c in direction])
    low, high = -np.inf, np.inf
    for o, d in zip(origin, step):
        if d:
            a, b = sorted(((-extent - o) / d, (extent - o) / d))
            low, high = max(low, a), min(high, b)
    return origin + low * step, origin + high * step


class StationaryMarker(VGroup):
    """The marked stationary point, a :attr:`dot` (or, for a whole ``line`` of them, a dashed :attr:`line`),
    with its name ``words`` as :attr:`label`; empty when ``point`` is None."""

    def __init__(self, plane: Plane, point, words: Text | None = None, *, line=None, color=DESCENT_COLOR,
                 dot_radius: float = 0.07, label_buff: float = 0.06, patch_opacity: float = 0.8,
                 patch_buff: float = 0.05, line_width: float = 3, dash_length: float = 0.12):
        self.dot = self.line = self.label = None
        if point is None:
            super().__init__()
            return
        dot = Dot(plane.point(point), radius=dot_radius, color=color).set_z_index(5)
        self.label = words
        words.add_background_rectangle(opacity=patch_opacity, buff=patch_buff)
        words.next_to(dot, DOWN + RIGHT, buff=label_buff)
        if line is None:
            self.dot = dot
            super().__init__(dot, words)
            return
        ends = line_across_square(point, line, plane.extent)
        self.line = DashedLine(*(plane.c2p(*end) for end in ends), color=color, stroke_width=line_width,
                               dash_length=dash_length).set_z_index(4)
        super().__init__(self.line, words.set_z_index(6))

    def appear(self) -> list:
        """The animations that bring the marker in: the dot grows, a line is drawn, the name fades in."""
        if self.line is not None:
            return [Create(self.line), FadeIn(self.label)]
        return [] if self.dot is None else [FadeIn(self.dot, scale=0.5), FadeIn(self.label)]


class Guide(DashedLine):
    """A faint dashed line from ``point`` to ``end`` (exact plane points): where −∇f leads."""

    def __init__(self, plane: Plane, point, end, *, color=DESCENT_COLOR, stroke_width: float = 2,
                 opacity: float = 0.55, dash_length: float = 0.08):
        super().__init__(plane.point(point), plane.point(end), color=color, stroke_width=stroke_width,
                         stroke_opacity=opacity, dash_length=dash_length)


class GradientTable(ExactTable):
    """The table of points, ∇f and −∇f, under the panel's centre ``x`` from ``top`` down.

    ``point_words`` is the script's header word for the points. Rows come from :meth:`cells`.
    """

    def __init__(self, point_words: Text, *, x: float, top: float, offsets=(-1.9, 0.35, 2.15),
                 rooms=(2.2, 1.7, 1.7), row_height: float = 0.55, header_size: float = FORMULA_SIZE):
        headers = [point_words, MathTex(r"\nabla f", font_size=header_size, color=GRADIENT_COLOR),
                   MathTex(r"-\nabla f", font_size=header_size, color=DESCENT_COLOR)]
        super().__init__(headers, [x + dx for dx in offsets], top=top, first_row=row_height, row_height=row_height,
                         rooms=rooms, baseline=1)

    @staticmethod
    def cells(index: int, coordinates, ascent, descent, *, font_size: float = TABLE_SIZE) -> VGroup:
        """Row P_index: the point, ∇f and −∇f there, from their texts (long numbers shrink to their column)."""
        return VGroup(MathTex(rf"P_{index}\,({coordinates[0]}, {coordinates[1]})", font_size=font_size,
                              color=TEXT_COLOR),
                      MathTex(rf"({ascent[0]}, {ascent[1]})", font_size=font_size, color=GRADIENT_COLOR),
                      MathTex(rf"({descent[0]}, {descent[1]})", font_size=font_size, color=DESCENT_COLOR))


class FunctionFormula(MathTex):
    """``f(x, y) = …`` with the polynomial's LaTeX ``function`` in the function's colour."""

    def __init__(self, function: str, *, font_size: float = DISPLAY_SIZE):
        super().__init__("f(x, y) =", function, font_size=font_size, color=TEXT_COLOR)
        self[1].set_color(FUNCTION_COLOR)


class PartialsFormula(MathTex):
    """∂f/∂x = ``fx``, ∂f/∂y = ``fy`` (LaTeX); pieces 1 and 4 are the two partials."""

    def __init__(self, fx: str, fy: str, *, font_size: float = TITLE_SIZE):
        super().__init__(r"\frac{\partial f}{\partial x} =", fx, r",\qquad", r"\frac{\partial f}{\partial y} =", fy,
                         font_size=font_size, color=TEXT_COLOR)


class GradientFormula(MathTex):
    """∇f(x, y) = (``fx``, ``fy``); pieces 2 and 4 are the partials, where those of :class:`PartialsFormula` go."""

    def __init__(self, fx: str, fy: str, *, font_size: float = DISPLAY_SIZE):
        super().__init__(r"\nabla f(x, y) =", r"\big(", fx, ",", fy, r"\big)", font_size=font_size,
                         color=GRADIENT_COLOR)


class Summary(VGroup):
    """What the scene showed, framed: ∇f the steepest way up, −∇f the steepest way down; then the rule
    θ ← θ − α∇f(θ), the step the next scene takes, in the descent scene's notation.

    ``ascent_words`` and ``descent_words`` are the script's words for each line; the lines are
    centred on ``center``.
    """

    def __init__(self, ascent_words: Text, descent_words: Text, *, center=ORIGIN, arrow_length: float = 0.7,
                 symbol_size: float = EMPHASIS_SIZE, rule_size: float = TITLE_SIZE, buff: float = 0.25,
                 line_buff: float = 0.45, frame_buff: float = 0.3, rule_buff: float = 0.45):
        lines = VGroup()
        for symbol, words, color in ((r"\nabla f", ascent_words, GRADIENT_COLOR),
                                     (r"-\nabla f", descent_words, DESCENT_COLOR)):
            arrow = Arrow(ORIGIN, arrow_length * RIGHT, buff=0, color=color, stroke_width=5, tip_length=0.17,
                          max_tip_length_to_length_ratio=0.5, max_stroke_width_to_length_ratio=1e6)
            lines.add(VGroup(arrow, MathTex(symbol, font_size=symbol_size, color=color), words).arrange(RIGHT,
                                                                                                         buff=buff))
        lines.arrange(DOWN, aligned_edge=LEFT, buff=line_buff)
        lines.move_to(center)
        frame = SurroundingRectangle(lines, buff=frame_buff, color=TEXT_COLOR, stroke_width=2, corner_radius=0.1)
        rule = UpdateRule("f", theta_color=DESCENT_COLOR, alpha_color=DESCENT_COLOR, gradient_color=GRADIENT_COLOR,
                          font_size=rule_size)
        rule.next_to(frame, DOWN, buff=rule_buff)
        super().__init__(frame, lines, rule)
        self.frame, self.lines, self.rule = frame, lines, rule
