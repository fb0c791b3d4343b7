"""The gradient field of f(x, y) = x² + y²: arrows drawn to scale, ⟂ level curves, −∇f points downhill.

What the narration says of f's shape (circles or hyperbolas, a minimum or a saddle) is decided
exactly by gdmath before anything is drawn: see :func:`landscape`. Every value a teacher writes is
parsed once, into a :class:`GradientFieldPlan`; the beats draw from the plan.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from fractions import Fraction
from typing import NamedTuple

import numpy as np
from manim import Create, FadeIn, FadeOut, GrowArrow, Indicate, LaggedStart, VGroup, Write, config

from gdmath import (Polynomial, Stationary, as_fraction, as_point, classify_stationary, decimal_text, exact_text,
                    quadratic_stationary_set)
from scenes.kit.layout import bounds
from scenes.kit.narration import NarratedScene
from scenes.kit.parts.gradient_field import (PANEL_LEFT, PLANE_CENTER, PLANE_SIDE, RISE, ArrowField, ArrowLegend,
                                             FieldArrow, FunctionFormula, GradientFormula, GradientTable, Guide,
                                             LevelCurves, Panel, PartialsFormula, Plane, PointMarker, StationaryMarker,
                                             Summary)
from scenes.kit.style import (CELL_SIZE, DESCENT_COLOR, GRADIENT_COLOR, MATH_BOTTOM, SMALL_SIZE, TABLE_SIZE,
                              TEXT_COLOR, number_text, plain_formula)
from scenes.kit.variants import FieldError, Plan, SceneParameters, apply_variant, check_field, check_function

__all__ = ["GradientFieldParameters", "GradientFieldPlan", "Landscape", "landscape", "plane_value_range",
           "view_in_plane_units", "largest_arrow_scale", "GradientFieldOfABowl"]

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
    #: A point (x, y) where ∇f = 0 to mark and name (minimum, saddle, …). Empty: for a quadratic the
    #: scene finds its stationary points itself; for other functions none is marked.
    stationary: tuple[str, ...] = ()
    #: Half the length of each tangent segment, in plane units.
    tangent_half_length: str = "0.9"
    #: The level labels sit where the curves cross the ray at this angle (degrees).
    level_label_angle: float = 20.0
    # Layout on screen (frame units): a square plane on the left, formulas on the right.
    plane_side: float = PLANE_SIDE
    plane_center: tuple[float, float] = PLANE_CENTER
    panel_left: float = PANEL_LEFT
    # Tips keep one size on every arrow; only an arrow shorter than tip/ratio gets a smaller tip
    # (its length, tail to point, stays exact either way).
    field_tip_length: float = 0.09
    field_stroke_width: float = 2.5
    highlight_tip_length: float = 0.17
    highlight_stroke_width: float = 5.0
    tip_to_length_ratio: float = 0.6
    field_dim_opacity: float = 0.28
    language: str = "ko"

    def make_plan(self) -> "GradientFieldPlan":
        self.check_language()
        f = check_function("function", self.function, 2)
        given = {}  # the values that must be positive, each parsed here and only here
        for key in ("plane_range", "grid_extent", "grid_step", "arrow_scale", "reference_gradient",
                    "tangent_half_length"):
            given[key] = check_field(key, as_fraction, getattr(self, key), key)
            if given[key] <= 0:
                raise FieldError(key, f"must be greater than 0, not {getattr(self, key)}")
        extent, reach, step = given["plane_range"], given["grid_extent"], given["grid_step"]
        if reach / step > 12:
            raise FieldError("grid_step", "too small for the grid: at most 25 × 25 arrows")
        if len(self.levels) != 3:
            raise FieldError("levels", f"must list 3 levels (the narration names three), not {len(self.levels)}")
        levels = tuple(check_field("levels", as_fraction, level, "level") for level in self.levels)
        if not 1 <= len(self.points) <= 4:
            raise FieldError("points", f"must list 1 to 4 points, not {len(self.points)}")
        points = []
        for text in self.points:
            point = check_field("points", as_point, text, 2, "point")
            gradient = f.gradient_at(point)
            if not any(gradient):
                raise FieldError("points", f"∇f is 0 at {text}: no direction to show there")
            if any(abs(c) > extent for c in point):
                raise FieldError("points", f"({', '.join(text)}) lies outside the plane "
                                           f"(plane_range {self.plane_range}): the point would not be on screen")
            points.append((point, gradient))
        if reach > extent:
            raise FieldError("grid_extent", f"{self.grid_extent} is larger than plane_range {self.plane_range}: "
                                            "arrows would sit off the plane")
        count = int(reach / step)
        grid = tuple(((i * step, j * step), f.gradient_at((i * step, j * step)))
                     for i in range(-count, count + 1) for j in range(-count, count + 1))
        view = view_in_plane_units(extent, self.plane_side, self.plane_center, self.panel_left)
        largest, worst = largest_arrow_scale(grid + tuple(points), view)
        if largest is not None and given["arrow_scale"] > largest:
            raise FieldError("arrow_scale", f"{self.arrow_scale} makes the arrow at ({', '.join(level_text(c) for c in worst)}) "
                                            f"leave the view (past the plane into the frame's edge, the formulas or the "
                                            f"captions); at most {decimal_text(_round_down(largest), 3)} keeps every arrow in view")
        stationary = self._stationary(f, extent)
        ground = landscape(f, levels, extent, stationary)
        low, high = plane_value_range(f, extent)
        for level in levels:
            if not low <= level <= high:
                raise FieldError("levels", f"f = {level_text(level)} does not show on the plane: on a grid over it "
                                           f"f runs from {level_text(low)} to {level_text(high)}")
            if ground.strict_value is not None and level == ground.strict_value:
                raise FieldError("levels", f"f = {level_text(level)} is the single point "
                                           f"({', '.join(level_text(c) for c in ground.marked)}), not a curve")
        return GradientFieldPlan(
            self, f=f, partials=(f.partial("x"), f.partial("y")), levels=levels,
            points=tuple(point for point, _ in points), gradients=tuple(gradient for _, gradient in points),
            grid=grid, arrow_scale=given["arrow_scale"], reference_gradient=given["reference_gradient"],
            tangent_half_length=given["tangent_half_length"], extent=extent, view=view, value_range=(low, high),
            stationary=stationary, landscape=ground,
            guide_ends=tuple(guide_end(ground, point) for point, _ in points) if ground.guides else ())

    def _stationary(self, f: Polynomial, extent: Fraction) -> Point | None:
        """The point given as ``stationary``, checked: ∇f is 0 there and it lies on the plane (None if none)."""
        if not self.stationary:
            return None
        if len(self.stationary) != 2:
            raise FieldError("stationary", f"must be a point (x, y), or empty, not {len(self.stationary)} numbers")
        named = tuple(check_field("stationary", as_fraction, c, "stationary") for c in self.stationary)
        check_field("stationary", classify_stationary, f, named)  # ∇f must be 0 there
        if any(abs(c) > extent for c in named):
            raise FieldError("stationary", f"({', '.join(self.stationary)}) lies outside the plane "
                                           f"(plane_range {self.plane_range})")
        return named


@dataclass(frozen=True)
class GradientFieldPlan(Plan):
    """The scene's values, parsed and checked once: f, its exact gradients, and what the narration says of it.

    ``points`` are the marked points P₁, P₂, … with ``gradients`` ∇f there; ``grid`` is every point
    of the field's grid with ∇f there (zero included; :attr:`field` leaves those out). ``view`` is
    (left, right, bottom, top) of what an arrow may cover, in plane units; ``value_range`` the least
    and greatest f on the plane's grid; ``stationary`` the point the teacher named (or None), and
    ``guide_ends`` where −∇f leads from each point when the story draws guides (else empty).
    """

    f: Polynomial
    partials: tuple[Polynomial, Polynomial]
    levels: tuple[Fraction, ...]
    points: tuple[Point, ...]
    gradients: tuple[Point, ...]
    grid: tuple[tuple[Point, Point], ...]
    arrow_scale: Fraction
    reference_gradient: Fraction
    tangent_half_length: Fraction
    extent: Fraction
    view: tuple[Fraction, Fraction, Fraction, Fraction]
    value_range: tuple[Fraction, Fraction]
    stationary: Point | None
    landscape: "Landscape"
    guide_ends: tuple[Point, ...]

    @property
    def field(self) -> tuple[tuple[Point, Point], ...]:
        """The grid points where ∇f ≠ 0, with ∇f: a zero vector has no arrow."""
        return tuple((point, gradient) for point, gradient in self.grid if any(gradient))

    @property
    def centre(self) -> Point:
        """The marked point, else the origin: where the field grows from and the level labels are found from."""
        return self.landscape.marked or (Fraction(0), Fraction(0))


@dataclass(frozen=True)
class Landscape:
    """What the scene says about f, decided exactly before anything is drawn.

    ``kind`` names the case; ``levels_beat``, ``field_beat`` and ``descent_beat`` are the script's
    tables for it. ``marked`` is the stationary point named on screen (or None), ``line`` the
    direction of a whole line of stationary points through it, ``label`` the screen words for the
    marker, ``guides`` whether dashed guides run from each point to where −∇f leads (the marked
    point, or the nearest point of the line), and ``strict_value`` f's value at a strict minimum or
    maximum of a quadratic, whose level set is that single point.
    """

    kind: str
    levels_beat: str
    field_beat: str
    descent_beat: str
    marked: Point | None = None
    line: Point | None = None
    label: str | None = None
    guides: bool = False
    strict_value: Fraction | None = None

    @property
    def marked_name(self) -> str:
        """What the marked point is, for the record's labels: minimum, maximum, saddle or stationary."""
        return {"screen_minimum": "minimum", "screen_maximum": "maximum", "screen_saddle": "saddle"}.get(
            self.label, "stationary")


#: kind → (field beat, descent beat, marker words, guides). The levels beat depends on the levels too.
_STORIES = {
    "round-minimum": ("field_round", "descent", "screen_minimum", True),
    "round-maximum": ("field_round", "descent_peak", "screen_maximum", False),
    "bowl": ("field_linear", "descent_bowl", "screen_minimum", True),
    "peak": ("field_linear", "descent_peak", "screen_maximum", False),
    "saddle": ("field_linear", "descent_saddle", "screen_saddle", False),
    "valley": ("field_line", "descent_valley", "screen_minimum_line", True),
    "ridge": ("field_line", "descent_ridge", "screen_maximum_line", False),
    "plane": ("field_constant", "descent_none", None, False),
    "slope": ("field_steepness", "descent_none", None, False),
    "minimum": ("field_steepness", "descent_minimum_near", "screen_minimum", False),
    "maximum": ("field_steepness", "descent_peak_near", "screen_maximum", False),
    "saddle-near": ("field_steepness", "descent_saddle_near", "screen_saddle", False),
    "degenerate": ("field_steepness", "descent_degenerate", "screen_stationary", False),
    "unknown": ("field_steepness", "descent_plain", None, False),
}


def landscape(f: Polynomial, levels, extent: Fraction, named: Point | None = None) -> Landscape:
    """The case of f for the narration, from gdmath: raises a FieldError naming the key it cannot show.

    For a quadratic the stationary points are found exactly (one point, a line, or none) and
    classified; for other functions only ``named`` (the teacher's ``stationary``, checked) is, and
    without one the scene names none. ``levels`` are the levels drawn, ``extent`` the plane's reach.

    >>> from gdmath import parse
    >>> levels, extent = (Fraction(1), Fraction(4), Fraction(9)), Fraction(7, 2)
    >>> [landscape(parse(text), levels, extent).kind for text in ("x^2 + y^2", "x^2 + 2y^2", "x^2 - y^2", "-x^2 - y^2")]
    ['round-minimum', 'bowl', 'saddle', 'round-maximum']
    >>> [landscape(parse(text), levels, extent).kind for text in ("(x - y)^2", "x^2 + y", "x + y", "x^4 + y^4")]
    ['valley', 'slope', 'plane', 'unknown']
    >>> landscape(parse("x^4 + y^4"), levels, extent, (Fraction(0), Fraction(0))).descent_beat
    'descent_minimum_near'
    """
    if f.is_quadratic:
        return _quadratic_landscape(f, named, list(levels), extent)
    if named is None:
        return _story("unknown", "levels_curves")
    point = classify_stationary(f, named)
    kind = {Stationary.MINIMUM: "minimum", Stationary.MAXIMUM: "maximum", Stationary.SADDLE: "saddle-near",
            Stationary.DEGENERATE: "degenerate"}[point.kind]
    return _story(kind, "levels_curves", marked=named)


def _story(kind: str, levels_beat: str, **facts) -> Landscape:
    field_beat, descent_beat, label, guides = _STORIES[kind]
    return Landscape(kind, levels_beat, field_beat, descent_beat, label=label, guides=guides, **facts)


def _quadratic_landscape(f: Polynomial, named, levels: list[Fraction], extent: Fraction) -> Landscape:
    stationary = quadratic_stationary_set(f)
    hessian = f.hessian_at((0, 0))
    if stationary.is_empty:
        # ∇f = Hθ + b is never 0: with H = 0 f is a plane (level lines), else a parabolic trough (parabolas).
        flat = not any(any(row) for row in hessian)
        return _story("plane" if flat else "slope", "levels_lines" if flat else "levels_parabolas")
    point = named or stationary.point
    if named is None and any(abs(c) > extent for c in point):
        what = "line of stationary points" if stationary.direction else "stationary point"
        raise FieldError("plane_range", f"the {what} of f at ({', '.join(level_text(c) for c in point)}) lies "
                                        f"outside the plane (plane_range {decimal_text(extent, 6)})")
    found = classify_stationary(f, point)
    value = f(point)
    on_value = any(level == value for level in levels)
    if stationary.direction is not None:
        kind = "valley" if found.kind is Stationary.MINIMUM else "ridge"
        return _story(kind, "levels_curves" if on_value else "levels_parallel", marked=point, line=stationary.direction)
    if found.kind is Stationary.SADDLE:
        return _story("saddle", "levels_curves" if on_value else "levels_hyperbolas", marked=point)
    (p, q), (_, r) = hessian
    round_ = p == r and q == 0
    if found.kind is Stationary.MINIMUM:
        kind = "round-minimum" if round_ else "bowl"
    else:
        kind = "round-maximum" if round_ else "peak"
    story = _story(kind, "levels" if round_ else "levels_ellipses", marked=point, strict_value=value)
    if round_ and not any(point):
        story = dataclasses.replace(story, field_beat="field")  # the lecture's words: "from the origin"
    return story


def level_text(value: Fraction) -> str:
    """A number for an error message: exact when short, else a rounded decimal."""
    return decimal_text(Fraction(value), 6)


#: Points per side of the exact grid that tells whether a level shows on the plane.
LEVEL_GRID = 33


def plane_value_range(f: Polynomial, extent: Fraction) -> tuple[Fraction, Fraction]:
    """The least and greatest value of f on a grid over the plane, exactly.

    The plane is connected, so every level between them is met somewhere on it; a level outside
    them could at most be a small loop between grid points, too small to label.
    """
    step = 2 * extent / (LEVEL_GRID - 1)
    values = [f(-extent + i * step, -extent + j * step) for i in range(LEVEL_GRID) for j in range(LEVEL_GRID)]
    return min(values), max(values)


def _round_down(value: Fraction, digits: int = 2) -> Fraction:
    """``value`` > 0 cut to ``digits`` significant digits, never above it: 0.08749 → 0.087."""
    unit = Fraction(1)
    while value / unit >= 10 ** digits:
        unit *= 10
    while value / unit < 10 ** (digits - 1):
        unit /= 10
    return (value // unit) * unit


def _exact(number: float) -> Fraction:
    return Fraction(repr(float(number)))


def guide_end(ground: Landscape, point: Point) -> Point:
    """Where −∇f leads from ``point``: the marked point, or the nearest point of a line of minima.

    >>> valley = Landscape("valley", "", "", "", marked=(Fraction(0), Fraction(0)), line=(Fraction(1), Fraction(1)))
    >>> guide_end(valley, (Fraction(2), Fraction(0)))
    (Fraction(1, 1), Fraction(1, 1))
    """
    marked, direction = ground.marked, ground.line
    if direction is None:
        return marked
    # −∇f = −H(θ − θ*) lies in the range of H, which is perpendicular to the line: straight to the foot.
    offset = [c - m for c, m in zip(point, marked)]
    t = (offset[0] * direction[0] + offset[1] * direction[1]) / (direction[0] ** 2 + direction[1] ** 2)
    return (marked[0] + t * direction[0], marked[1] + t * direction[1])


def view_in_plane_units(extent: Fraction, side: float, center: tuple[float, float],
                        panel_left: float) -> tuple[Fraction, Fraction, Fraction, Fraction]:
    """(left, right, bottom, top) of what an arrow may cover, in plane units: the frame left of the panel,
    above the caption band, for a plane ``side`` wide centred on ``center`` reaching ``extent`` each way."""
    unit = _exact(side) / (2 * extent)  # frame units per plane unit
    cx, cy = (_exact(c) for c in center)
    width, height = _exact(config.frame_width), _exact(config.frame_height)
    return ((-width / 2 - cx) / unit, (_exact(panel_left) - cx) / unit, (_exact(MATH_BOTTOM) - cy) / unit,
            (height / 2 - cy) / unit)


def largest_arrow_scale(arrows, view) -> tuple[Fraction | None, Point | None]:
    """The largest scale at which every arrow ``(point, vector)``, drawn scale · vector long, stays in ``view``.

    Returns it with the point whose arrow reaches the edge first, or (None, None) if no arrow has
    length (zero vectors only).

    >>> largest_arrow_scale([((Fraction(0), Fraction(0)), (Fraction(4), Fraction(-1)))], (-1, 2, -1, 1))
    (Fraction(1, 2), (Fraction(0, 1), Fraction(0, 1)))
    """
    left, right, bottom, top = view
    worst, largest = None, None
    for point, vector in arrows:
        for coordinate, component, low, high in zip(point, vector, (left, bottom), (right, top)):
            if component == 0:
                continue
            room = (high - coordinate) / component if component > 0 else (low - coordinate) / component
            if largest is None or room < largest:
                largest, worst = room, point
    return largest, worst


class Drawn(NamedTuple):
    """What the scene drew, for its record: the arrows as measured, and the box of the whole drawing."""

    plane: Plane
    field: ArrowField
    legend: ArrowLegend
    markers: VGroup
    ascent: VGroup
    descent: VGroup
    drawing: VGroup


class GradientFieldOfABowl(NarratedScene):
    """f, its level curves and partials; ∇f to scale everywhere, ⟂ the curves at P₁…; −∇f downhill."""

    script_name = "gradient_field"
    parameters = GradientFieldParameters()

    def construct(self):
        p = self.plan.parameters
        plane = Plane(float(self.plan.extent), side=p.plane_side, center=p.plane_center)
        function = self.show_function(plane)
        levels = self.show_levels(plane)
        partials = self.show_partials()
        gradient = self.show_gradient_formula(partials)
        field = self.show_field(plane, levels)
        legend = self.show_scale(plane, field, levels)
        table, markers, ascent = self.show_perpendicular(plane)
        self.show_steepest(markers, ascent)
        marker, descent, guides = self.show_descent(plane, table)
        summary = self.show_summary(gradient, leaving=(partials, legend, table, table.rows, guides))
        self.drawn = Drawn(plane, field, legend, markers, ascent, descent,
                           VGroup(plane, levels.curves, levels.labels, field, markers, ascent, descent, marker,
                                  function, gradient, summary))

    @property
    def panel(self) -> Panel:
        return Panel(self.plan.parameters.panel_left)

    # -- beats ------------------------------------------------------------------------------
    def show_function(self, plane: Plane) -> FunctionFormula:
        f = self.plan.f
        self.say("function", function=self.shown_polynomial("f", f, latex=False))
        function = FunctionFormula(self.shown_polynomial("f", f)).move_to(self.panel.at(self.panel.function))
        self.play(Create(plane), run_time=1.5)
        self.play(Write(function), run_time=1.5)
        self.wait(1.5)
        return function

    def show_levels(self, plane: Plane) -> LevelCurves:
        plan = self.plan
        texts = [self.shown(f"level {i + 1}", c) for i, c in enumerate(plan.levels)]
        self.say(plan.landscape.levels_beat, **{f"c{i + 1}": text for i, text in enumerate(texts)})
        # Labels keep off each other and off the points marked later (their names and right angles).
        levels = LevelCurves(plane, plan.f, plan.levels, texts, centre=plan.centre, angle=plan.parameters.level_label_angle,
                             clear_of=[plane.point(point) for point in plan.points])
        self.play(LaggedStart(*(Create(curve) for curve in levels.curves), lag_ratio=0.4), run_time=2.5)
        self.play(LaggedStart(*(FadeIn(label) for label in levels.labels), lag_ratio=0.3), run_time=1.2)
        self.wait(2)
        return levels

    def shown_partials(self, latex: bool = True) -> tuple[str, str]:
        """∂f/∂x and ∂f/∂y as recorded shown, in LaTeX or as caption text."""
        return tuple(self.shown_polynomial(f"∂f/∂{v}", d, latex=latex) for v, d in zip("xy", self.plan.partials))

    def show_partials(self) -> PartialsFormula:
        fx, fy = self.shown_partials(latex=False)
        self.say("partials", fx=fx, fy=fy)
        partials = PartialsFormula(*self.shown_partials()).move_to(self.panel.at(self.panel.partials))
        self.play(Write(partials), run_time=2)
        self.wait(2.5)
        return partials

    def show_gradient_formula(self, partials: PartialsFormula) -> GradientFormula:
        fx, fy = self.shown_partials(latex=False)
        self.say("gradient", fx=fx, fy=fy)
        gradient = GradientFormula(*self.shown_partials()).move_to(self.panel.at(self.panel.gradient))
        sources = VGroup(partials[1], partials[4]).copy()
        self.play(FadeIn(gradient[0:2]), FadeIn(gradient[3]), FadeIn(gradient[5]),
                  sources[0].animate.move_to(gradient[2]).set_color(GRADIENT_COLOR),
                  sources[1].animate.move_to(gradient[4]).set_color(GRADIENT_COLOR), run_time=1.8)
        # The animation added each copy on its own, so each must go.
        self.remove(*sources)
        self.add(gradient)
        self.wait(2.5)
        return gradient

    def show_field(self, plane: Plane, levels: LevelCurves) -> ArrowField:
        plan = self.plan
        named = plan.landscape.field_beat in ("field_round", "field_linear")  # the sentences that name the centre
        self.say(plan.landscape.field_beat, **({"cx": self.shown("centre x", plan.centre[0]),
                                                "cy": self.shown("centre y", plan.centre[1])} if named else {}))
        field = ArrowField(plane, plan.field, **self.arrow_style())
        # One LaggedStart, centre outwards, so the growth of |∇f| with distance reads as it appears.
        order = sorted(field, key=lambda arrow: np.linalg.norm(arrow.get_start() - plane.point(plan.centre)))
        self.play(LaggedStart(*(GrowArrow(arrow) for arrow in order), lag_ratio=0.04), run_time=4)
        self.bring_to_front(levels.labels)
        self.wait(2)
        return field

    def show_scale(self, plane: Plane, field: ArrowField, levels: LevelCurves) -> ArrowLegend:
        plan = self.plan
        scale_text = self.shown("arrow scale", plan.arrow_scale)
        self.say("scale", scale=scale_text)
        reference = FieldArrow(plane, (0, 0), (plan.reference_gradient, 0), color=GRADIENT_COLOR, **self.arrow_style())
        legend = ArrowLegend(self.words("screen_arrow_length"), scale_text,
                             self.shown("reference |grad f|", plan.reference_gradient), reference,
                             center=self.panel.at(self.panel.legend))
        self.play(FadeIn(legend, shift=RISE), run_time=1.2)
        self.hold(3.5)
        # Dim the field once and leave it static: later beats draw on top of it.
        self.play(field.animate.set_opacity(plan.parameters.field_dim_opacity),
                  levels.labels.animate.set_opacity(levels.dimmed_label_opacity), run_time=1.2)
        return legend

    def show_perpendicular(self, plane: Plane) -> tuple[GradientTable, VGroup, VGroup]:
        plan = self.plan
        self.say("perpendicular")
        table = GradientTable(self.words("screen_point", font_size=CELL_SIZE), x=self.panel.x, top=self.panel.table_top)
        self.play(FadeIn(table), run_time=0.8)
        markers, ascent = VGroup(), VGroup()
        for index, (point, gradient) in enumerate(zip(plan.points, plan.gradients), start=1):
            marker = PointMarker(plane, point, gradient, index, tangent_half_length=float(plan.tangent_half_length))
            arrow = FieldArrow(plane, point, gradient, color=GRADIENT_COLOR, **self.arrow_style(highlight=True))
            coordinates = [self.shown(f"P{index} {axis}", c) for axis, c in zip("xy", point)]
            uphill = [self.shown(f"P{index} grad {axis}", g) for axis, g in zip("xy", gradient)]
            # −∇f is shown later, in the descent beat, and recorded there (show_descent).
            downhill = [number_text(-g) for g in gradient]
            row = table.place_row(table.cells(index, coordinates, uphill, downhill), index - 1)
            markers.add(marker)
            ascent.add(arrow)
            self.play(FadeIn(marker.dot, scale=0.5), FadeIn(marker.label), Create(marker.tangent), run_time=0.9)
            self.play(GrowArrow(arrow), Create(marker.mark), FadeIn(row[:2]), run_time=1.1)
            self.wait(0.6)
        self.wait(1.5)
        return table, markers, ascent

    def show_steepest(self, markers: VGroup, ascent: VGroup):
        self.say("steepest")
        self.play(LaggedStart(*(Indicate(marker.tangent, color=TEXT_COLOR, scale_factor=1.05) for marker in markers),
                              lag_ratio=0.2), run_time=1.6)
        self.play(LaggedStart(*(Indicate(arrow, color=GRADIENT_COLOR) for arrow in ascent), lag_ratio=0.2), run_time=1.6)
        self.wait(2.5)

    def show_descent(self, plane: Plane, table: GradientTable) -> tuple[StationaryMarker, VGroup, VGroup]:
        plan, ground = self.plan, self.plan.landscape
        values = {}
        if ground.marked is not None and ground.line is None:
            # Named in the sentence: recorded as "minimum x", "saddle y", … after what the point is.
            x, y = (self.shown(f"{ground.marked_name} {axis}", c) for axis, c in zip("xy", ground.marked))
            # A no-break space inside the point, so a caption broken in two never splits "(0, 0)".
            values = {"mx": x, "my": y, "point": f"({x},\u00a0{y})"}
        self.say(ground.descent_beat, **values)
        words = self.words(ground.label, font_size=SMALL_SIZE, color=DESCENT_COLOR) if ground.marked else None
        marker = StationaryMarker(plane, ground.marked, words, line=ground.line)
        self.play(*marker.appear(), FadeIn(table.header[2]), run_time=1)
        descent, guides = VGroup(), VGroup()
        for index, (point, gradient) in enumerate(zip(plan.points, plan.gradients)):
            downhill = (-gradient[0], -gradient[1])
            arrow = FieldArrow(plane, point, downhill, color=DESCENT_COLOR, **self.arrow_style(highlight=True))
            descent.add(arrow)
            for axis, value in zip("xy", downhill):
                self.shown(f"P{index + 1} -grad {axis}", value)
            animations = [GrowArrow(arrow), FadeIn(table.rows[index][2])]
            if plan.guide_ends:
                guides.add(Guide(plane, point, plan.guide_ends[index]))
                animations.append(Create(guides[-1]))
            self.play(*animations, run_time=1.2)
        self.wait(2.5)
        return marker, descent, guides

    def show_summary(self, gradient: GradientFormula, leaving) -> Summary:
        self.say("summary")
        summary = Summary(self.words("screen_ascent", font_size=TABLE_SIZE),
                          self.words("screen_descent", font_size=TABLE_SIZE), center=self.panel.at(self.panel.summary))
        self.play(*(FadeOut(part) for part in leaving), run_time=1)
        self.play(gradient.animate.move_to(self.panel.at(self.panel.gradient_in_summary)), run_time=0.8)
        self.play(FadeIn(summary, shift=RISE), run_time=1.2)
        self.wait(5)
        return summary

    def arrow_style(self, highlight: bool = False) -> dict:
        """The keywords of a :class:`FieldArrow` on this plan's scale: a field arrow's, or a highlighted one's."""
        p = self.plan.parameters
        return {"scale": float(self.plan.arrow_scale), "highlight": highlight, "tip_ratio": p.tip_to_length_ratio,
                "stroke_width": p.highlight_stroke_width if highlight else p.field_stroke_width,
                "tip_length": p.highlight_tip_length if highlight else p.field_tip_length}

    # -- record -----------------------------------------------------------------------------
    def record_extra(self) -> dict:
        plan, ground, drawn = self.plan, self.plan.landscape, self.drawn

        def exact(point):
            return [exact_text(c) for c in point] if point else None

        return {
            "drawing_box": list(bounds(drawn.drawing)),
            "function": str(plan.f),
            "landscape": {"kind": ground.kind, "levels": ground.levels_beat, "field": ground.field_beat,
                          "descent": ground.descent_beat, "marked": exact(ground.marked), "line": exact(ground.line)},
            "title": self.script.line("page_title", self.language, function=plain_formula(plan.f)),
            "arrow_scale": exact_text(plan.arrow_scale),
            "unit_x": float(drawn.plane.axes.get_x_unit_size()),
            "unit_y": float(drawn.plane.axes.get_y_unit_size()),
            "field": [arrow.measured(drawn.plane) for arrow in drawn.field],
            "reference": drawn.legend.arrow.measured(drawn.plane),
            "highlights": [{"kind": kind, **arrow.measured(drawn.plane)}
                           for kind, arrows in (("ascent", drawn.ascent), ("descent", drawn.descent)) for arrow in arrows],
            "tangents": [marker.tangent.measured(drawn.plane) for marker in drawn.markers],
        }


GradientFieldOfABowl = apply_variant(GradientFieldOfABowl)
