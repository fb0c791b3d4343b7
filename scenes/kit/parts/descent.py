"""The descent scene's parts: the parabola and its steps, the iterate table, the loss panel, the bowl and its readout.

Each part is built from exact values of the scene's plan (a run, a view) and texts the scene has
already recorded as shown; the numbers here are layout only. Floats appear only where a point is
placed on screen.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import numpy as np
from manim import (DEGREES, DOWN, DR, LEFT, RIGHT, UL, UP, UR, Animation, Arrow, BackgroundRectangle, Create,
                   DashedLine, Dot, Line, MathTex, Mobject, ParametricFunction, Rectangle, Surface, Text, ThreeDAxes,
                   VGroup, VMobject, config, interpolate_color)
from manim.utils.space_ops import get_unit_normal

from gdmath import Iterate, Run

from ..axes import nice_step, numbered_axes, scaled_range
from ..layout import bounds, place_clear
from ..plotting import float_function, level_ellipse
from ..style import (AXIS_COLOR, CAPTION_FONT_SIZE, CELL_SIZE, DERIVATIVE_COLOR, DESCENT_COLOR, FONT, FORMULA_SIZE,
                     FUNCTION_COLOR, GRADIENT_COLOR, LEVEL_COLOR, MUTED_COLOR, SHADE_COLOR, SUBFORMULA_SIZE,
                     SURFACE_HIGHLIGHT, TABLE_SIZE, TEXT_COLOR, TICK_SIZE, TINY_SIZE, number_text)
from .table import ExactTable, fitted_columns

__all__ = ["DescentLayout", "LAYOUT", "ParabolaPlot", "EscapeMarker", "IterateTable", "row_texts", "LossPanel",
           "BowlAxes", "SliceCurve", "BowlSurface", "LevelCurves", "BowlPath", "SurfaceFormula", "GradientFormula",
           "Readout3D", "head_on_view", "head_on_images", "orbit_view", "flat_image"]


@dataclass(frozen=True)
class DescentLayout:
    """The few placements the scene makes itself, around the parts: margins, gaps and scales."""

    #: From the frame's edges: the title, and the rule in its corner.
    edge: float = 0.3
    #: The rule shrinks to this when it moves to its corner, and α = … sits this far to its right.
    docked_rule: float = 0.75
    rate_gap: float = 0.5
    #: A table row slides in from this far above its place.
    row_slide: float = 0.1


LAYOUT = DescentLayout()


class EscapeMarker(MathTex):
    """→ ∞ (or −∞ ←): where a run flying apart left the plot, on the side it left."""

    def __init__(self, side: int, *, font_size: float = TABLE_SIZE, color=DESCENT_COLOR, **kwargs):
        super().__init__(r"\rightarrow \infty" if side > 0 else r"-\infty \leftarrow", font_size=font_size,
                         color=color, **kwargs)


class ParabolaPlot(VGroup):
    """The 2D plot of a run: axes over its view, the graph of f, f's label, and what each step draws on them.

    Parameters
    ----------
    run
        The run of one variable drawn; methods take the step k.
    view
        Its window (the plan's ``FlatView``): x from −``view.reach`` to ``view.reach``, y over ``view.y_range``.
    label_tex
        f's LaTeX, as the scene recorded it; the label reads ``f(x) = …``.
    centre, x_length, y_length, x_ticks, y_ticks
        Where the axes sit and how large they are, and about how many ticks each axis gets.
    tangent_length, quick_tangent_length
        Screen length of the tangent in a narrated step, and in the quicker steps after.

    Points beyond the view are drawn at its edge (:meth:`clamped`); labels are placed inside the
    plot's box, clear of the tick labels and of f's label (:meth:`place`).
    """

    def __init__(self, run: Run, view, label_tex: str, *, centre: tuple[float, float] = (-3.55, 0.1),
                 x_length: float = 6.3, y_length: float = 4.9, x_ticks: int = 10, y_ticks: int = 5,
                 label_inset: float = 0.3, tangent_length: float = 2.6, quick_tangent_length: float = 2.0):
        self.iterates, self.reach = run.iterates, view.reach
        #: Where the point has been, and where it left the view: not in the plot's family (the scene shows them).
        self.ghosts = VGroup()
        self.tangent_length, self.quick_tangent_length = tangent_length, quick_tangent_length
        self.function = float_function(run.objective)
        self.axes = numbered_axes((-view.reach, view.reach), view.y_range, x_ticks=x_ticks, y_ticks=y_ticks,
                                  x_length=x_length, y_length=y_length, font_size=TICK_SIZE)
        self.axes.move_to([*centre, 0])
        self.graph = self.axes.plot(self.function, color=FUNCTION_COLOR, stroke_width=4)
        self.label = MathTex("f(x) = " + label_tex, color=FUNCTION_COLOR, font_size=FORMULA_SIZE)
        self.label.next_to(self.axes.get_corner(UL), DR, buff=0.05).shift(label_inset * RIGHT)
        place_clear(self.label, self.box, self.axis_labels)
        super().__init__(self.axes, self.graph, self.label)

    @property
    def box(self) -> tuple[float, float, float, float]:
        """(left, bottom, right, top) of the axes: labels stay in it, never over the table or caption."""
        return bounds(self.axes)

    @property
    def axis_labels(self) -> list:
        return [*self.axes.x_axis.labels, *self.axes.y_axis.labels]

    def place(self, label: Mobject, *obstacles: Mobject) -> Mobject:
        """``label`` moved the least to lie in the plot clear of the tick labels, f's label and ``obstacles``."""
        return place_clear(label, self.box, self.axis_labels + [self.label, *obstacles])

    def clamped(self, k: int) -> float:
        """x_k, or the edge of the view in its direction when x_k is beyond it."""
        return max(-self.reach, min(self.reach, float(self.iterates[k].point[0])))

    def dot(self, k: int, *, radius: float = 0.09) -> Dot:
        """The descending point at (x_k, f(x_k)), over everything else on the plot."""
        iterate = self.iterates[k]
        point = self.axes.c2p(float(iterate.point[0]), float(iterate.value))
        return Dot(point, color=DESCENT_COLOR, radius=radius).set_z_index(5)

    def ghost(self, dot: Dot, *, radius: float = 0.05, opacity: float = 0.45) -> Dot:
        """A faint dot left where ``dot`` is, kept in :attr:`ghosts`."""
        ghost = Dot(dot.get_center(), radius=radius, color=DESCENT_COLOR).set_opacity(opacity)
        self.ghosts.add(ghost)
        return ghost

    def tangent(self, k: int, quick: bool = False) -> Line:
        """The tangent at x_k, of a fixed length on screen whatever the axes' scales."""
        length = self.quick_tangent_length if quick else self.tangent_length
        iterate = self.iterates[k]
        x, slope = float(iterate.point[0]), float(iterate.gradient[0])
        here = self.axes.c2p(x, float(iterate.value))
        direction = self.axes.c2p(x + 1, float(iterate.value) + slope) - here
        direction /= np.linalg.norm(direction)
        return Line(here - direction * length / 2, here + direction * length / 2, color=DERIVATIVE_COLOR,
                    stroke_width=4)

    def slope_label(self, tex: str, tangent: Line) -> MathTex:
        """``f'(x_k) = …`` at the tangent's end."""
        label = MathTex(tex, font_size=TABLE_SIZE, color=DERIVATIVE_COLOR)
        return self.place(label.next_to(tangent.get_end(), RIGHT, buff=0.1))

    def arrow(self, k: int) -> Arrow:
        """The step from x_k to x_{k+1} along the x axis."""
        return Arrow(self.axes.c2p(self.clamped(k), 0), self.axes.c2p(self.clamped(k + 1), 0), buff=0,
                     color=DESCENT_COLOR, stroke_width=5, max_tip_length_to_length_ratio=0.35, tip_length=0.2)

    def step_arrow(self, k: int) -> Arrow | VGroup:
        """Step k's arrow, or nothing to draw for a step of length zero on screen."""
        return self.arrow(k) if self.moves(k) else VGroup()

    def step_label(self, tex: str, k: int, *obstacles: Mobject) -> MathTex:
        """``−α f'(x_k) = …`` over step k's arrow."""
        label = MathTex(tex, font_size=CAPTION_FONT_SIZE, color=DESCENT_COLOR)
        return self.place(label.next_to(self.arrow(k), UP, buff=0.15), *obstacles)

    def drop(self, dot: Dot, k: int) -> DashedLine:
        """A dashed line from the point down to x_k on the x axis."""
        return DashedLine(dot.get_center(), self.axes.c2p(float(self.iterates[k].point[0]), 0), color=MUTED_COLOR)

    def moves(self, k: int) -> bool:
        """Whether step k moves the point visibly (not at a minimum, not a step too small to see)."""
        return abs(self.clamped(k + 1) - self.clamped(k)) * self.axes.x_axis.get_unit_size() > 1e-3

    def path(self, k: int) -> VMobject:
        """The graph from x_k to x_{k+1} (clamped to the view), in the step's direction."""
        start, end = self.clamped(k), self.clamped(k + 1)
        path = self.axes.plot(self.function, x_range=sorted([start, end]) + [abs(end - start) / 30 or 1])
        if end < start:
            path.reverse_points()
        return path

    def escape_marker(self, k: int, dot: Dot, *, buff: float = 0.15) -> EscapeMarker:
        """±∞ under the point where it left the view at x_k, clear of labels and ghosts; kept in :attr:`ghosts`."""
        marker = EscapeMarker(1 if self.iterates[k].point[0] > 0 else -1).next_to(dot, DOWN, buff=buff)
        self.place(marker, *self.ghosts)
        self.ghosts.add(marker)
        return marker


#: The table's columns: header, and the colour of its cells (the headers of f' and f take it too).
TABLE_COLUMNS = (("k", TEXT_COLOR), ("x_k", DESCENT_COLOR), ("f'(x_k)", DERIVATIVE_COLOR), ("f(x_k)", FUNCTION_COLOR))


def row_texts(iterate: Iterate) -> list[str]:
    """k, x_k, f'(x_k), f(x_k) as the table shows them (the scene records the same texts as shown)."""
    return [str(iterate.k), number_text(iterate.point[0]), number_text(iterate.gradient[0]), number_text(iterate.value)]


class IterateTable(ExactTable):
    """k, x_k, f'(x_k) and f(x_k) of a run of one variable, a row per iterate, shown as the run goes.

    The cells are made at once (:attr:`cells`, with their texts in :attr:`texts`) so that the
    columns fit the widest entry of each, header included, and every cell has one scale.
    Rows are ``row_height`` apart, at most ``max_row_height``, all of them within ``height``;
    past a certain density the cells use a smaller size.

    Parameters
    ----------
    run
        The run whose iterates the rows show.
    top, left, right, gap
        The headers' y, and the columns' span and the least gap between them.
    rule
        ``(drop, left, right)`` of the line under the headers; the first row's centre is 0.6 rows below it.
    """

    def __init__(self, run: Run, *, top: float = 3.55, left: float = 0.6, right: float = 6.85, gap: float = 0.3,
                 rule: tuple[float, float, float] = (0.22, 0.55, 6.85), height: float = 3.7,
                 max_row_height: float = 0.34, dense_below: float = 0.3):
        row_height = min(max_row_height, height / (len(run.iterates) + 1))
        cell_size = CELL_SIZE if row_height >= dense_below else TICK_SIZE
        headers = [MathTex(header, font_size=TABLE_SIZE) for header, _ in TABLE_COLUMNS]
        for header, (_, color) in list(zip(headers, TABLE_COLUMNS))[2:]:
            header.set_color(color)
        self.iterates = run.iterates
        self.texts = [row_texts(iterate) for iterate in run.iterates]
        self.cells = [VGroup(*(Text(text, font=FONT, font_size=cell_size, color=color)
                               for text, (_, color) in zip(texts, TABLE_COLUMNS))) for texts in self.texts]
        widths = [max([header.width] + [row[j].width for row in self.cells]) for j, header in enumerate(headers)]
        columns, scale = fitted_columns(widths, left, right, gap)
        super().__init__(headers, columns, top=top, first_row=rule[0] + 0.6 * row_height, row_height=row_height,
                         rule=rule, cell_scale=scale)

    def numbers(self, k: int) -> list[tuple[str, Fraction | int]]:
        """(label, exact value) of each cell of row k, as the scene records them shown."""
        iterate = self.iterates[k]
        return [(f"k[{k}]", k), (f"x_{k}", iterate.point[0]), (f"f'(x_{k})", iterate.gradient[0]),
                (f"f(x_{k})", iterate.value)]

    def place_iterate(self, k: int, texts: Sequence[str]) -> VGroup:
        """Row k placed, after checking that ``texts`` (what the scene recorded as shown) are its cells' texts."""
        assert list(texts) == self.texts[k], (k, texts)  # the record says what the row shows
        return self.place_row(self.cells[k], k)

    def highlight(self, row: Mobject, *, width: float = 6.3, centre_x: float = 3.7) -> Rectangle:
        """A box around ``row`` (the last one, when the run is summed up)."""
        box = Rectangle(width=width, height=self.row_height * 1.05, color=DESCENT_COLOR, stroke_width=2)
        return box.move_to([centre_x, row.get_center()[1], 0])


class LossPanel(VGroup):
    """f(x_k) against k under the table: linear from 0, or logarithmic when the losses span decades.

    Parameters
    ----------
    values
        The losses f(x_0), f(x_1), … of the run.
    log_scale
        Whether the y axis is logarithmic (the plan decides: all of one sign, spanning more than
        ``LOG_SCALE_FROM``).
    scale_note
        Words saying the scale is logarithmic, put beside the caption (only with ``log_scale``).
    centre
        Where the middle of the axis lines goes, whatever the widths of their labels.

    :meth:`add_point` makes the dot of step k and the segment from the previous one; they are kept
    in :attr:`dots` and :attr:`segments`, outside the panel, for the scene to show.
    """

    def __init__(self, values: Sequence[Fraction], log_scale: bool, scale_note: Mobject | None = None, *,
                 centre: tuple[float, float] = (3.95, -2.05), x_length: float = 5.2, y_length: float = 1.55,
                 x_ticks: int = 5, y_ticks: int = 3):
        self.values = [float(v) for v in values]
        n = len(self.values) - 1
        options = dict(x_ticks=x_ticks, y_ticks=y_ticks, x_step=max(Fraction(1), nice_step(n, x_ticks)),
                       x_length=x_length, y_length=y_length, font_size=TINY_SIZE)
        if log_scale:
            self.axes = numbered_axes((0, max(n, 1)), (min(self.values), max(self.values)), y_log=True, **options)
        else:
            low, high = min(0.0, min(self.values)), max(0.0, max(self.values))
            self.axes = numbered_axes((0, max(n, 1)), (low, high + 0.05 * (high - low) or 1.0), **options)
        note = scale_note if log_scale and scale_note is not None else VGroup()
        x_axis, y_axis = self.axes.x_axis, self.axes.y_axis
        lines_centre = [(x_axis.get_start()[0] + x_axis.get_end()[0]) / 2,
                        (y_axis.get_start()[1] + y_axis.get_end()[1]) / 2, 0]
        self.axes.shift([*centre, 0] - np.array(lines_centre))
        caption = MathTex(r"f(x_k)", font_size=CELL_SIZE, color=FUNCTION_COLOR).next_to(y_axis.get_end(), UP,
                                                                                         buff=0.08)
        if len(note):
            note.next_to(caption, RIGHT, buff=0.2)
        k_label = MathTex("k", font_size=CELL_SIZE).next_to(x_axis.get_end(), RIGHT, buff=0.1)
        super().__init__(self.axes, caption, k_label, note)
        self.dots, self.segments = VGroup(), VGroup()

    def add_point(self, k: int, *, radius: float = 0.045) -> tuple[Dot, Line | None]:
        """The dot of f(x_k), and the segment from f(x_{k-1}) to it (None for k = 0)."""
        point = self.axes.c2p(k, self.values[k])
        self.dots.add(Dot(point, radius=radius, color=DESCENT_COLOR))
        if not k:
            return self.dots[k], None
        self.segments.add(Line(self.dots[k - 1].get_center(), point, color=DESCENT_COLOR, stroke_width=2))
        return self.dots[k], self.segments[-1]


class BowlAxes(ThreeDAxes):
    """x, y from −reach to reach and z from the surface's bottom (or 0) to its top, with some room above.

    A surface that dips below 0 gets room below too, so that nothing hangs out of the axes.
    """

    def __init__(self, reach: float, bottom: float, top: float, *, side: float = 6.4, height: float = 4.2,
                 ticks: int = 8, z_ticks: int = 4, room: float = 0.05):
        span = top - bottom
        z_range, z_scaling = scaled_range(bottom - room * span if bottom < 0 else 0.0, top + room * span,
                                          float(nice_step(span, z_ticks)))
        step = float(nice_step(2 * reach, ticks))
        super().__init__(x_range=[-reach, reach, step], y_range=[-reach, reach, step], z_range=z_range,
                         z_axis_config={"scaling": z_scaling}, x_length=side, y_length=side, z_length=height,
                         num_axis_pieces=1, axis_config={"color": AXIS_COLOR, "stroke_width": 2}, tips=False)


def head_on_view(axes: ThreeDAxes, height_at: Callable[[float], float], *, zoom: float = 0.95,
                 centre: float = 0.42) -> dict:
    """The camera looking along y at the plane y = 0: the slice of the bowl is then a parabola on screen."""
    return {"phi": 90 * DEGREES, "theta": -90 * DEGREES, "zoom": zoom,
            "frame_center": axes.c2p(0, 0, height_at(centre))}


def orbit_view(axes: ThreeDAxes, height_at: Callable[[float], float], *, phi: float = 64, theta: float = -52,
               zoom: float = 0.8, centre: float = 0.3) -> dict:
    """The camera above and to the side (angles in degrees), where the bowl reads as a bowl."""
    return {"phi": phi * DEGREES, "theta": theta * DEGREES, "zoom": zoom,
            "frame_center": axes.c2p(0, 0, height_at(centre))}


def head_on_images(camera, axes: ThreeDAxes, height_at: Callable[[float], float], curve: VMobject
                   ) -> tuple[dict, VMobject, VGroup]:
    """The head-on view, and flat images of ``curve`` and of the x and z axes as it shows them."""
    view = head_on_view(axes, height_at)
    return (view, flat_image(camera, curve, **view),
            VGroup(flat_image(camera, axes.x_axis, **view), flat_image(camera, axes.z_axis, **view)))


def flat_image(camera, mobject: VMobject, phi: float, theta: float, zoom: float, frame_center) -> VMobject:
    """A 2D copy of ``mobject`` where ``camera`` at (phi, theta, zoom) would show it; the camera stays as it was."""
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


class SliceCurve(ParametricFunction):
    """The curve the plane y = 0 cuts from the surface, over x in ``span``."""

    def __init__(self, axes: ThreeDAxes, function: Callable[[float, float], float], span: tuple[float, float], *,
                 stroke_width: float = 5, pieces: int = 200):
        super().__init__(lambda t: axes.c2p(t, 0, function(t, 0)),
                         t_range=[*span, (span[1] - span[0]) / pieces or 1], color=FUNCTION_COLOR,
                         stroke_width=stroke_width)


class BowlSurface(Surface):
    """The surface over the patch ``domain`` ((r, t) ↦ (x, y), r in [0, 1]) with its shading baked in.

    Faces are lighter the higher they are (from ``bottom`` to ``top``) and darker the more they
    turn from a fixed light; the light never moves, so the colours are set once here and the
    camera need not shade each frame.
    """

    def __init__(self, axes: ThreeDAxes, function: Callable[[float, float], float],
                 domain: Callable[[float, float], np.ndarray], bottom: float, top: float, *,
                 resolution: tuple[int, int] = (8, 24), opacity: float = 0.55, stroke_width: float = 0.4,
                 light: tuple[float, float, float] = (-3.0, -4.0, 8.0), highlight: float = 0.55):
        super().__init__(lambda r, t: axes.c2p(*domain(r, t), function(*domain(r, t))),
                         u_range=[0, 1], v_range=[0, 2 * math.pi], resolution=resolution,
                         fill_opacity=opacity, stroke_width=stroke_width, stroke_color=FUNCTION_COLOR,
                         should_make_jagged=False)
        low, high = FUNCTION_COLOR, interpolate_color(FUNCTION_COLOR, SURFACE_HIGHLIGHT, highlight)
        towards = np.array(light) / np.linalg.norm(np.array(light))
        z_low, z_high = axes.c2p(0, 0, bottom)[2], axes.c2p(0, 0, top)[2]
        for face in self:
            corners = np.asarray(face.get_anchors())
            height = (np.mean(corners[:, 2]) - z_low) / (z_high - z_low)
            color = interpolate_color(low, high, float(np.clip(height, 0, 1)))
            normal = (get_unit_normal(corners[1] - corners[0], corners[-2] - corners[0]) if len(corners) > 2
                      else np.array([0, 0, 1.0]))
            brightness = 0.65 + 0.35 * abs(float(np.dot(normal, towards)))
            face.set_fill(interpolate_color(SHADE_COLOR, color, brightness), opacity=opacity)


class LevelCurves(VGroup):
    """Level curves on the floor through every other iterate in view (only bowl-shaped quadratics have them)."""

    def __init__(self, run: Run, axes: ThreeDAxes, in_view: Sequence[bool], floor: float, *,
                 stroke_width: float = 1.5, opacity: float = 0.8):
        curves = []
        for k in range(0, len(run.iterates), 2):
            ellipse = level_ellipse(run.objective, float(run.values[k]))
            if ellipse is not None and in_view[k]:
                curves.append(ParametricFunction(lambda t, e=ellipse: axes.c2p(*e(t), floor),
                                                 t_range=[0, 2 * math.pi], color=LEVEL_COLOR,
                                                 stroke_width=stroke_width, stroke_opacity=opacity))
        super().__init__(*curves)


class BowlPath(VGroup):
    """The point on the surface, its shadow on the floor and the line between; :meth:`step` draws each step.

    The floor lies at ``floor``, under the whole surface. Lines down to it are solid and faint: a
    dashed line is dozens of pieces to draw in every orbiting frame.
    """

    def __init__(self, run: Run, axes: ThreeDAxes, floor: float, *, radius: float = 0.09,
                 floor_radius: float = 0.06, marker_radius: float = 0.05):
        self.marker_radius = marker_radius
        self.top_points = [axes.c2p(float(a), float(b), float(v)) for (a, b), v in zip(run.points, run.values)]
        self.floor_points = [axes.c2p(float(a), float(b), floor) for a, b in run.points]
        self.dot = Dot(self.top_points[0], radius=radius, color=DESCENT_COLOR).set_z_index(10)
        self.floor_dot = Dot(self.floor_points[0], radius=floor_radius, color=DESCENT_COLOR).set_z_index(10)
        self.drop = self._drop(0)
        super().__init__(self.dot, self.floor_dot, self.drop)

    def _drop(self, k: int) -> Line:
        return Line(self.top_points[k], self.floor_points[k], color=DESCENT_COLOR, stroke_width=2,
                    stroke_opacity=0.6)

    def step(self, k: int) -> tuple[Dot, list[Animation], Line]:
        """Step k: a marker left at its start, the animations that draw it, and the line down from its end.

        The animations draw the segment on the surface and on the floor while the point and its
        shadow move along them.
        """
        segment = Line(self.top_points[k], self.top_points[k + 1], color=DESCENT_COLOR, stroke_width=4)
        floor_segment = Line(self.floor_points[k], self.floor_points[k + 1], color=DESCENT_COLOR, stroke_width=3)
        drop = self._drop(k + 1)
        marker = Dot(self.top_points[k], radius=self.marker_radius, color=DESCENT_COLOR).set_z_index(9)
        moves = [Create(segment), Create(floor_segment), self.dot.animate.move_to(self.top_points[k + 1]),
                 self.floor_dot.animate.move_to(self.floor_points[k + 1])]
        return marker, moves, drop


class SurfaceFormula(MathTex):
    """f(x, y) = … in the top right corner, from the text the scene recorded."""

    def __init__(self, tex: str, *, buff: float = 0.3, font_size: float = FORMULA_SIZE, **kwargs):
        super().__init__("f(x, y) = " + tex, font_size=font_size, color=FUNCTION_COLOR, **kwargs)
        self.to_corner(UR, buff=buff)


class GradientFormula(MathTex):
    """∇f = (∂f/∂x, ∂f/∂y) from the texts the scene recorded, under ``under``, aligned with its left edge."""

    def __init__(self, partials: Sequence[str], under: Mobject, *, buff: float = 0.25,
                 font_size: float = SUBFORMULA_SIZE, **kwargs):
        super().__init__(r"\nabla f = \left(" + ",\\ ".join(partials) + r"\right)", font_size=font_size,
                         color=GRADIENT_COLOR, **kwargs)
        self.next_to(under, DOWN, buff=buff).align_to(under, LEFT)


@lru_cache(maxsize=1)
def _readout_labels() -> tuple[MathTex, ...]:
    # Made once and copied: a new MathTex per step would cost a LaTeX run each.
    return (MathTex("k =", font_size=TABLE_SIZE), MathTex("(x, y) =", font_size=TABLE_SIZE, color=DESCENT_COLOR),
            MathTex("f(x, y) =", font_size=TABLE_SIZE, color=FUNCTION_COLOR))


class Readout3D(VGroup):
    """k, the point (x, y) and the loss f(x, y) of one iterate, in the top right corner on a backing.

    The values are Text (from the texts the scene recorded as shown), the labels formulas made once.
    Long numbers reach over the bowl's rim: the backing, in the background colour, keeps them legible.
    """

    @staticmethod
    def numbers(iterate: Iterate) -> list[tuple[str, Fraction | int]]:
        """(label, exact value) of x, y, f(x, y) and k, in the order the scene records them shown."""
        k = iterate.k
        return [(f"x_{k} (3D)", iterate.point[0]), (f"y_{k} (3D)", iterate.point[1]), (f"f_{k} (3D)", iterate.value),
                (f"k_{k} (3D)", k)]

    @classmethod
    def recorded(cls, shown, iterate: Iterate) -> "Readout3D":
        """The readout of ``iterate``, each number recorded through ``shown`` (the scene's) as drawn."""
        x, y, value, step = (shown(*number) for number in cls.numbers(iterate))
        return cls(step, f"({x}, {y})", value)

    def __init__(self, k_text: str, point_text: str, value_text: str, *, buff: float = 0.3, drop: float = 0.75,
                 gap: float = 0.15, backing_opacity: float = 0.8):
        texts = (k_text, point_text, value_text)
        colors = (TEXT_COLOR, DESCENT_COLOR, FUNCTION_COLOR)
        self.rows = VGroup(*(VGroup(label.copy(), Text(text, font=FONT, font_size=CELL_SIZE, color=color))
                             .arrange(RIGHT, buff=gap) for label, text, color in zip(_readout_labels(), texts, colors)))
        self.rows.arrange(DOWN, aligned_edge=LEFT, buff=gap)
        self.rows.to_corner(UR, buff=buff).shift(drop * DOWN)
        self.backing = BackgroundRectangle(self.rows, color=config.background_color, fill_opacity=backing_opacity,
                                           buff=0.1)
        super().__init__(self.backing, self.rows)
