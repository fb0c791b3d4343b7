"""The gradient field of f(x, y) = x² + y²: arrows drawn to scale, ⟂ level curves, −∇f points downhill.

What the narration says of f's shape (circles or hyperbolas, a minimum or a saddle) is decided
exactly by gdmath before anything is drawn: see :func:`landscape`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from fractions import Fraction
from math import hypot

import numpy as np
from manim import (DOWN, LEFT, ORIGIN, RIGHT, UP, Arrow, Axes, Create, DashedLine, ParametricFunction,
                   Dot, FadeIn, FadeOut, GrowArrow, Indicate, LaggedStart, MathTex, SurroundingRectangle,
                   VGroup, VMobject, Write, config)

from gdmath import (Polynomial, Stationary, as_fraction, classify_stationary, decimal_text, exact_text, parse,
                    quadratic_stationary_set)
from scenes.kit.axes import nice_step
from scenes.kit.narration import NarratedScene
from scenes.kit.plotting import float_function, level_ellipse
from scenes.kit.variants import FieldError, SceneParameters, apply_variant, check_field, check_function
from scenes.kit.style import (AXIS_COLOR, DESCENT_COLOR, FRAME_MARGIN, FUNCTION_COLOR, GRADIENT_COLOR,
                              LABEL_FONT_SIZE, LEVEL_COLOR, MATH_BOTTOM, MUTED_COLOR, TEXT_COLOR, number_text,
                              plain_formula, tex_color_map)

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
        _arrows_check(self, f, extent)
        ground = landscape(f, self)
        values = [as_fraction(level) for level in self.levels]
        low, high = plane_value_range(f, extent)
        for level in values:
            if not low <= level <= high:
                raise FieldError("levels", f"f = {level_text(level)} does not show on the plane: on a grid over it "
                                           f"f runs from {level_text(low)} to {level_text(high)}")
            if ground.strict_value is not None and level == ground.strict_value:
                raise FieldError("levels", f"f = {level_text(level)} is the single point "
                                           f"({', '.join(level_text(c) for c in ground.marked)}), not a curve")


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


def landscape(f: Polynomial, parameters: "GradientFieldParameters") -> Landscape:
    """The case of f for the narration, from gdmath: raises a FieldError naming the key it cannot show.

    For a quadratic the stationary points are found exactly (one point, a line, or none) and
    classified; for other functions only the point given as ``stationary`` is, and without one the
    scene names none.

    >>> from dataclasses import replace
    >>> p = GradientFieldParameters()
    >>> [landscape(parse(text), p).kind for text in ("x^2 + y^2", "x^2 + 2y^2", "x^2 - y^2", "-x^2 - y^2")]
    ['round-minimum', 'bowl', 'saddle', 'round-maximum']
    >>> [landscape(parse(text), p).kind for text in ("(x - y)^2", "x^2 + y", "x + y", "x^4 + y^4")]
    ['valley', 'slope', 'plane', 'unknown']
    >>> landscape(parse("x^4 + y^4"), replace(p, stationary=("0", "0"))).descent_beat
    'descent_minimum_near'
    """
    extent = as_fraction(parameters.plane_range)
    named = None
    if parameters.stationary:
        if len(parameters.stationary) != 2:
            raise FieldError("stationary", f"must be a point (x, y), or empty, not {len(parameters.stationary)} numbers")
        named = tuple(check_field("stationary", as_fraction, c, "stationary") for c in parameters.stationary)
        check_field("stationary", classify_stationary, f, named)  # ∇f must be 0 there
        if any(abs(c) > extent for c in named):
            raise FieldError("stationary", f"({', '.join(parameters.stationary)}) lies outside the plane "
                                           f"(plane_range {parameters.plane_range})")
    levels = [as_fraction(level) for level in parameters.levels]
    if f.is_quadratic:
        return _quadratic_landscape(f, named, levels, extent)
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


def _view_in_plane_units(p: "GradientFieldParameters", extent: Fraction) -> tuple[Fraction, Fraction, Fraction, Fraction]:
    """(left, right, bottom, top) of what an arrow may cover, in plane units: the frame left of the panel,
    above the caption band."""
    unit = _exact(p.plane_side) / (2 * extent)  # frame units per plane unit
    cx, cy = (_exact(c) for c in p.plane_center)
    width, height = _exact(config.frame_width), _exact(config.frame_height)
    return ((-width / 2 - cx) / unit, (_exact(p.panel_left) - cx) / unit, (_exact(MATH_BOTTOM) - cy) / unit,
            (height / 2 - cy) / unit)


def _arrows_check(p: "GradientFieldParameters", f: Polynomial, extent: Fraction) -> None:
    """Refuse an arrow_scale whose arrows (exactly arrow_scale · ∇f long) would leave the view."""
    scale = as_fraction(p.arrow_scale)
    left, right, bottom, top = _view_in_plane_units(p, extent)
    step, reach = as_fraction(p.grid_step), as_fraction(p.grid_extent)
    count = int(reach / step)
    grid = [(i * step, j * step) for i in range(-count, count + 1) for j in range(-count, count + 1)]
    points = grid + [(as_fraction(a), as_fraction(b)) for a, b in p.points]
    worst, largest = None, None
    for point in points:
        gradient = f.gradient_at(point)
        for coordinate, component, low, high in zip(point, gradient, (left, bottom), (right, top)):
            if component == 0:
                continue
            room = (high - coordinate) / component if component > 0 else (low - coordinate) / component
            if largest is None or room < largest:
                largest, worst = room, point
    if largest is not None and scale > largest:
        raise FieldError("arrow_scale", f"{p.arrow_scale} makes the arrow at ({', '.join(level_text(c) for c in worst)}) "
                                        f"leave the view (past the plane into the frame's edge, the formulas or the "
                                        f"captions); at most {decimal_text(_round_down(largest), 3)} keeps every arrow in view")


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
        self.ground = landscape(self.f, p)
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
        self.say("function", function=self.shown_polynomial("f", self.f, latex=False))
        self.axes = self.get_axes()
        self.function_tex = MathTex("f(x, y) =", self.shown_polynomial("f", self.f), font_size=44, color=TEXT_COLOR)
        self.function_tex[1].set_color(FUNCTION_COLOR)
        self.function_tex.move_to(self.panel_point(3.25))
        self.play(Create(self.axes), run_time=1.5)
        self.play(Write(self.function_tex), run_time=1.5)
        self.wait(1.5)

    def show_levels(self):
        values = [as_fraction(c, "level") for c in self.parameters.levels]
        texts = [self.shown(f"level {i + 1}", c) for i, c in enumerate(values)]
        self.say(self.ground.levels_beat, **{f"c{i + 1}": text for i, text in enumerate(texts)})
        self.level_curves = VGroup(*(self.get_level_curve(c) for c in values))
        # Labels keep off each other and off the points marked later (their names and right angles).
        avoid = [self.box_around(self.plane_point(point), 0.4) for point in self.points]
        self.level_labels = VGroup()
        for c, text in zip(values, texts):
            label = self.get_level_label(c, text, avoid=avoid)
            avoid.append(self.box_of(label))
            self.level_labels.add(label)
        self.play(LaggedStart(*(Create(curve) for curve in self.level_curves), lag_ratio=0.4), run_time=2.5)
        self.play(LaggedStart(*(FadeIn(label) for label in self.level_labels), lag_ratio=0.3), run_time=1.2)
        self.wait(2)

    def show_partials(self):
        self.say("partials", fx=self.shown_polynomial("∂f/∂x", self.fx, latex=False), fy=self.shown_polynomial("∂f/∂y", self.fy, latex=False))
        self.partials_tex = MathTex(r"\frac{\partial f}{\partial x} =", self.shown_polynomial("∂f/∂x", self.fx), r",\qquad",
                                    r"\frac{\partial f}{\partial y} =", self.shown_polynomial("∂f/∂y", self.fy),
                                    font_size=40, color=TEXT_COLOR)
        self.partials_tex.move_to(self.panel_point(2.15))
        self.play(Write(self.partials_tex), run_time=2)
        self.wait(2.5)

    def show_gradient_formula(self):
        self.say("gradient", fx=self.shown_polynomial("∂f/∂x", self.fx, latex=False), fy=self.shown_polynomial("∂f/∂y", self.fy, latex=False))
        self.gradient_tex = MathTex(r"\nabla f(x, y) =", r"\big(", self.shown_polynomial("∂f/∂x", self.fx), ",",
                                    self.shown_polynomial("∂f/∂y", self.fy),
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
        centre = self.ground.marked or (Fraction(0), Fraction(0))
        if self.ground.field_beat in ("field_round", "field_linear"):
            self.say(self.ground.field_beat, cx=self.shown("centre x", centre[0]), cy=self.shown("centre y", centre[1]))
        else:
            self.say(self.ground.field_beat)
        self.field = self.get_field()
        # One LaggedStart, centre outwards, so the growth of |∇f| with distance reads as it appears.
        order = sorted(self.field, key=lambda arrow: np.linalg.norm(arrow.get_start() - self.plane_point(centre)))
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
        ground = self.ground
        marked = ground.marked
        values = {}
        if marked is not None and ground.line is None:
            # Named in the sentence: recorded as "minimum x", "saddle y", … after what the point is.
            name = self.marked_name()
            coordinates = [self.shown(f"{name} {axis}", value) for axis, value in zip("xy", marked)]
            # A no-break space inside the point, so a caption broken in two never splits "(0, 0)".
            values = {"mx": coordinates[0], "my": coordinates[1], "point": f"({coordinates[0]},\u00a0{coordinates[1]})"}
        self.say(ground.descent_beat, **values)
        self.minimum_marker = self.get_marker()
        if ground.line is not None:
            appear = [Create(self.minimum_marker[0]), FadeIn(self.minimum_marker[1])]
        else:
            appear = [FadeIn(part, scale=0.5) if isinstance(part, Dot) else FadeIn(part) for part in self.minimum_marker]
        self.play(*appear, FadeIn(self.table[2]), run_time=1)
        self.descent_arrows = VGroup()
        guides = VGroup()
        for index, point in enumerate(self.points):
            gradient = self.f.gradient_at(point)
            descent = (-gradient[0], -gradient[1])
            arrow = self.get_arrow(point, descent, DESCENT_COLOR, highlight=True)
            self.highlight_entries.append(("descent", point, descent, arrow))
            self.descent_arrows.add(arrow)
            for name, value in zip("xy", descent):
                self.shown(f"P{index + 1} -grad {name}", value)
            animations = [GrowArrow(arrow), FadeIn(self.table_rows[index][2])]
            if ground.guides:
                guide = DashedLine(self.plane_point(point), self.plane_point(self.guide_end(point)),
                                   color=DESCENT_COLOR, stroke_width=2, stroke_opacity=0.55, dash_length=0.08)
                guides.add(guide)
                animations.append(Create(guide))
            self.play(*animations, run_time=1.2)
        self.guides = guides
        self.wait(2.5)

    def marked_name(self) -> str:
        """What the marked point is, for the record's labels: minimum, maximum, saddle or stationary."""
        return {"screen_minimum": "minimum", "screen_maximum": "maximum", "screen_saddle": "saddle"}.get(
            self.ground.label, "stationary")

    def guide_end(self, point: Point) -> Point:
        """Where −∇f leads from ``point``: the marked point, or the nearest point of a line of minima."""
        marked, direction = self.ground.marked, self.ground.line
        if direction is None:
            return marked
        # −∇f = −H(θ − θ*) lies in the range of H, which is perpendicular to the line: straight to the foot.
        offset = [c - m for c, m in zip(point, marked)]
        t = (offset[0] * direction[0] + offset[1] * direction[1]) / (direction[0] ** 2 + direction[1] ** 2)
        return (marked[0] + t * direction[0], marked[1] + t * direction[1])

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

    def get_marker(self) -> VGroup:
        """The marked stationary point (a dot, or a dashed line of them) and its name; empty when none is marked."""
        ground = self.ground
        if ground.marked is None:
            return VGroup()
        dot = Dot(self.plane_point(ground.marked), radius=0.07, color=DESCENT_COLOR).set_z_index(5)
        label = self.words(ground.label, font_size=22, color=DESCENT_COLOR)
        label.add_background_rectangle(opacity=0.8, buff=0.05)
        label.next_to(dot, DOWN + RIGHT, buff=0.06)
        if ground.line is None:
            return VGroup(dot, label)
        ends = self.line_across_plane(ground.marked, ground.line)
        line = DashedLine(*(self.plane_point(end) for end in ends), color=DESCENT_COLOR, stroke_width=3,
                          dash_length=0.12).set_z_index(4)
        return VGroup(line, label.set_z_index(6))

    def line_across_plane(self, point, direction) -> tuple[np.ndarray, np.ndarray]:
        """The ends of the line through ``point`` along ``direction``, cut to the plane."""
        extent = float(as_fraction(self.parameters.plane_range))
        origin, step = np.array([float(c) for c in point]), np.array([float(c) for c in direction])
        low, high = -np.inf, np.inf
        for o, d in zip(origin, step):
            if d:
                a, b = sorted(((-extent - o) / d, (extent - o) / d))
                low, high = max(low, a), min(high, b)
        return origin + low * step, origin + high * step

    def get_level_curve(self, level: Fraction) -> VMobject:
        # A bowl, or a dome seen as the bowl −f: exact ellipses, ~1000× cheaper than searching the plane.
        ellipse = level_ellipse(self.f, float(level))
        if ellipse is None:
            ellipse = level_ellipse(-self.f, -float(level))
        if ellipse is not None:
            extent = float(as_fraction(self.parameters.plane_range))
            if max(np.max(np.abs(ellipse(t))) for t in np.linspace(0, 2 * np.pi, 721)) <= extent:
                return ParametricFunction(lambda t: self.axes_object.c2p(*ellipse(t)), t_range=[0, 2 * np.pi],
                                          color=LEVEL_COLOR, stroke_width=2.5)
            return self.clipped_curve([ellipse(t) for t in np.linspace(0, 2 * np.pi, 721)], extent)
        evaluate, target = float_function(self.f), float(level)
        curve = self.axes_object.plot_implicit_curve(lambda u, v: evaluate(u, v) - target, min_depth=7,
                                                     max_quads=4000, color=LEVEL_COLOR, stroke_width=2.5)
        return curve

    def clipped_curve(self, points, extent: float) -> VMobject:
        """A closed curve through ``points`` (plane coordinates), keeping only the runs inside the plane."""
        curve = VMobject(color=LEVEL_COLOR, stroke_width=2.5)
        run: list[np.ndarray] = []
        for point in list(points) + [None]:
            if point is not None and max(abs(point[0]), abs(point[1])) <= extent:
                run.append(self.axes_object.c2p(*point))
                continue
            if len(run) >= 2:
                curve.start_new_path(run[0])
                curve.add_points_as_corners(run[1:])
            run = []
        return curve

    def get_level_label(self, level: Fraction, text: str, avoid: list = ()) -> VGroup:
        label = MathTex(f"f = {text}", font_size=28, color=LEVEL_COLOR)
        label.add_background_rectangle(opacity=0.85, buff=0.04)
        # Where the level curve first meets a ray from the marked point (else the origin) just above
        # its horizontal, clear of the points and the minimum; other rays when that one misses it
        # or puts the label on one placed before (long labels such as f = −1 on close curves).
        centre = np.array([float(c) for c in (self.ground.marked or (0, 0))])
        extent = float(as_fraction(self.parameters.plane_range))
        evaluate = float_function(self.f)
        target = float(level)
        first = None  # the first crossing found, should every ray put the label on another
        for turn in range(8):
            angle = np.deg2rad(self.parameters.level_label_angle + 45 * turn)
            direction = np.array([np.cos(angle), np.sin(angle)])
            reach = min((extent - c) / d if d > 0 else (-extent - c) / d
                        for c, d in zip(centre, direction) if abs(d) > 1e-12)
            samples = np.linspace(0, reach, 400)
            signs = np.sign([evaluate(*(centre + r * direction)) - target for r in samples])
            crossing = next((k for k in range(len(samples) - 1) if signs[k] != signs[k + 1] or signs[k] == 0), None)
            if crossing is None:
                continue
            low, high = samples[crossing], samples[crossing + 1]
            below = evaluate(*(centre + low * direction)) < target
            for _ in range(60):
                middle = (low + high) / 2
                if (evaluate(*(centre + middle * direction)) < target) == below:
                    low = middle
                else:
                    high = middle
            label.move_to(self.axes_object.c2p(*(centre + low * direction)))
            first = label.get_center() if first is None else first
            if not any(self.boxes_overlap(self.box_of(label), other) for other in avoid):
                break
        else:
            label.move_to(first if first is not None else
                          self.axes_object.c2p(*self.nearest_on_level(evaluate, target, extent)))
        label.set_z_index(6)
        return label

    @staticmethod
    def box_of(mobject) -> tuple[float, float, float, float]:
        """(left, bottom, right, top) on screen."""
        (left, bottom), (right, top) = mobject.get_corner(DOWN + LEFT)[:2], mobject.get_corner(UP + RIGHT)[:2]
        return float(left), float(bottom), float(right), float(top)

    @staticmethod
    def box_around(centre, half: float) -> tuple[float, float, float, float]:
        return centre[0] - half, centre[1] - half, centre[0] + half, centre[1] + half

    @staticmethod
    def boxes_overlap(a, b, gap: float = 0.02) -> bool:
        return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap

    @staticmethod
    def nearest_on_level(evaluate, target: float, extent: float) -> np.ndarray:
        """A point of the plane where f is closest to ``target`` (a level no ray from the centre meets)."""
        grid = np.linspace(-extent, extent, 121)
        return min(((u, v) for u in grid for v in grid), key=lambda p: abs(evaluate(*p) - target))

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
        # −∇f is shown later, in the descent beat, and recorded there (show_descent).
        descent = [number_text(-value) for value in gradient]
        cells = VGroup(MathTex(rf"P_{index + 1}\,({coordinates[0]}, {coordinates[1]})", font_size=30,
                               color=TEXT_COLOR),
                       MathTex(rf"({ascent[0]}, {ascent[1]})", font_size=30, color=GRADIENT_COLOR),
                       MathTex(rf"({descent[0]}, {descent[1]})", font_size=30, color=DESCENT_COLOR))
        # Long numbers (steep functions) shrink to their column rather than run into the next one.
        for cell, x, room in zip(cells, self.columns, (2.2, 1.7, 1.7)):
            if cell.width > room:
                cell.scale_to_fit_width(room)
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
            "landscape": {"kind": self.ground.kind, "levels": self.ground.levels_beat, "field": self.ground.field_beat,
                          "descent": self.ground.descent_beat,
                          "marked": [exact_text(c) for c in self.ground.marked] if self.ground.marked else None,
                          "line": [exact_text(c) for c in self.ground.line] if self.ground.line else None},
            "title": self.script.line("page_title", self.language, function=plain_formula(self.f)),
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
