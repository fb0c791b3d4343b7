"""The learning-rate scene's parts: parabola panels side by side, the α line, the bowl and its path.

Each part is built from exact values the scene has already recorded as shown (texts) and from the
plan's runs and models (floats only to place things); layout numbers are keyword defaults here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Create, DashedLine, Dot, FadeIn, LaggedStart, Line, MarkupText, MathTex,
                   Rectangle, Text, Transform, VGroup, VMobject)

from gdmath import QuadraticModel, Regime, Run, Surd

from ..layout import keep_inside, split_in_two
from ..plotting import bowl_ellipse, float_function, principal_axes
from ..style import (AXIS_COLOR, CAPTION_FONT_SIZE, CELL_SIZE, DESCENT_COLOR, FONT, FORMULA_SIZE, FRAME_LEFT,
                     FRAME_RIGHT, FRAME_TOP, FUNCTION_COLOR, HEADING_SIZE, HERO_SIZE, L_COLOR, LEVEL_COLOR, MU_COLOR,
                     MUTED_COLOR, REGIME_COLORS, SMALL_SIZE, SUBFORMULA_SIZE, TABLE_SIZE, TEXT_COLOR, TITLE_SIZE)
from .rule import UpdateRule

__all__ = ["Box", "RunColumns", "AlphaInTheRule", "ParabolaView", "ParabolaPanel", "RateLabel", "Readout",
           "RegimeWord", "FactorFormula", "FactorLabel", "THRESHOLDS", "thresholds", "stack_below", "RateLine",
           "RunMarks", "AlphaTag", "BowlView", "BowlPlot", "BowlStart", "BowlPath", "CurvatureArrows", "BowlFact",
           "SummaryLegend", "RUNS_LINE_Y", "BOWL_LINE_Y", "FRAME_BOX"]

#: Words as the scene makes them: a key of the script's ``[screen_*]`` tables and Text options.
Words = Callable[..., Text]

#: The frame inside its margin, with no floor: the bowl and its labels sit in the upper half.
FRAME_BOX = (FRAME_LEFT, -math.inf, FRAME_RIGHT, FRAME_TOP)
#: Heights of the α lines: under the small panels, and under the bowl.
RUNS_LINE_Y = -0.95
BOWL_LINE_Y = -1.3


@dataclass(frozen=True)
class Box:
    """A rectangle on screen: centre and size, in frame units."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class RunColumns:
    """Where ``count`` runs stand side by side: one column each across the frame, a panel in each.

    Panels are tall while the runs play (``big``) and short above the α line (``small``), both as
    (centre y, height); a panel is at most ``widest`` wide and leaves ``gap`` to the next.

    >>> columns = RunColumns(2, left=-4.0, right=4.0)
    >>> columns.centres, columns.width, columns.small_boxes()[1].y
    ([-2.0, 2.0], 2.4, 2.52)
    """

    count: int
    left: float = FRAME_LEFT
    right: float = FRAME_RIGHT
    widest: float = 2.4
    gap: float = 0.35
    big: tuple[float, float] = (1.15, 3.8)
    small: tuple[float, float] = (2.52, 1.3)

    @property
    def centres(self) -> list[float]:
        pitch = (self.right - self.left) / self.count
        return [self.left + pitch * (i + 0.5) for i in range(self.count)]

    @property
    def width(self) -> float:
        """The width of each panel."""
        return min(self.widest, (self.right - self.left) / self.count - self.gap)

    def big_boxes(self) -> list[Box]:
        return [Box(x, self.big[0], self.width, self.big[1]) for x in self.centres]

    def small_boxes(self) -> list[Box]:
        return [Box(x, self.small[0], self.width, self.small[1]) for x in self.centres]


class AlphaInTheRule(VGroup):
    """The title, the update rule with α in the descent's colour, and the words for α pointing at it.

    ``words`` makes the title and the words for α from the script (``NarratedScene.words``).

    Pieces: :attr:`title`, :attr:`rule` (an :class:`~scenes.kit.parts.rule.UpdateRule`), :attr:`word`,
    :attr:`pointer`.
    """

    def __init__(self, words: Words, *, centre=(0, 0.55, 0), rule_gap: float = 0.9, word_gap: float = 0.7,
                 font_size: float = HERO_SIZE):
        title = words("screen_title", font_size=TITLE_SIZE)
        word = words("screen_alpha", font_size=CAPTION_FONT_SIZE, color=DESCENT_COLOR)
        rule = UpdateRule(alpha_color=DESCENT_COLOR, font_size=font_size)
        rule.next_to(title, DOWN, buff=rule_gap)
        word.next_to(rule.alpha, DOWN, buff=word_gap)
        VGroup(title, rule, word).move_to(list(centre))
        pointer = Line(word.get_top() + 0.08 * UP, rule.alpha.get_bottom() + 0.08 * DOWN, color=DESCENT_COLOR,
                       stroke_width=2)
        super().__init__(title, rule, word, pointer)
        self.title, self.rule, self.word, self.pointer = title, rule, word, pointer


class ParabolaView:
    """How one 1D run is drawn in a box: x fits the run so far, y fits the parabola over it.

    A run flying apart widens its view step by step; the tick at x₀ then slides in, which shows it.

    >>> from gdmath import descend, parse, quadratic_model
    >>> view = ParabolaView(descend("x^2", 5, 1, 2), quadratic_model(parse("x^2")))
    >>> [round(r, 6) for r in view.reaches]                 # x = 5, −5, 5: the view never widens
    [5.6, 5.6, 5.6]
    >>> to_screen = view.mapping(Box(0, 0, 2, 2), 0)      # the minimum at the bottom, the view's corner at the top
    >>> [float(c) for c in to_screen(0.0, 0.0)[:2]], [round(float(c), 6) for c in to_screen(5.6, 5.6 ** 2)[:2]]
    ([0.0, -1.0], [1.0, 1.0])
    """

    def __init__(self, run: Run, model: QuadraticModel, margin: float = 1.12):
        self.run = run
        self.f = float_function(run.objective)
        self.centre = float(model.minimizer()[0])
        self.bottom = self.f(self.centre)
        offsets = [abs(float(p[0]) - self.centre) for p in run.points]
        #: reaches[k]: half the width of the view after k steps.
        self.reaches = [max(offsets[:k + 1]) * margin for k in range(len(offsets))]

    def mapping(self, box: Box, view: int):
        reach = self.reaches[view]
        top = self.f(self.centre + reach)

        def to_screen(x: float, y: float) -> np.ndarray:
            u = (x - self.centre) / (2 * reach)
            v = (y - self.bottom) / (top - self.bottom)
            return np.array([box.x + u * box.width, box.y + (v - 0.5) * box.height, 0.0])
        return to_screen

    def point(self, box: Box, k: int, view: int) -> np.ndarray:
        """Where iterate ``k`` is drawn in ``box`` with the view after ``view`` steps."""
        x = float(self.run.points[k][0])
        return self.mapping(box, view)(x, self.f(x))

    def widens(self, k: int) -> bool:
        """Whether step k + 1 leaves the view of the first k steps."""
        return self.reaches[k + 1] > self.reaches[k]


class ParabolaPanel(VGroup):
    """One run in its box after ``k`` steps: parabola, floor, the minimum, the tick at x₀, the path, the point.

    The pieces keep one structure for every box and step (curve, floor, minimum, tick, tick label,
    :attr:`path`, :attr:`ghosts`, :attr:`dot`), so a Transform can move or widen a panel.
    """

    def __init__(self, view: ParabolaView, box: Box, k: int, start_label: bool = True, *, samples: int = 61,
                 tick: float = 0.08):
        to_screen = view.mapping(box, k)
        reach = view.reaches[k]
        xs = np.linspace(view.centre - reach, view.centre + reach, samples)
        curve = VMobject(stroke_color=FUNCTION_COLOR, stroke_width=3).set_points_smoothly(
            [to_screen(x, view.f(x)) for x in xs])
        floor = Line(to_screen(view.centre - reach, view.bottom), to_screen(view.centre + reach, view.bottom),
                     color=AXIS_COLOR, stroke_width=1.5)
        lowest = to_screen(view.centre, view.bottom)
        minimum = Line(lowest + tick * DOWN, lowest + tick * UP, color=AXIS_COLOR, stroke_width=2)
        start = to_screen(float(view.run.points[0][0]), view.bottom)
        start_tick = Line(start + tick * DOWN, start + tick * UP, color=DESCENT_COLOR, stroke_width=2)
        tick_label = MathTex("x_0", font_size=CELL_SIZE, color=DESCENT_COLOR).next_to(start_tick, DOWN, buff=0.06)
        tick_label.set_opacity(1 if start_label else 0)
        points = [view.point(box, j, k) for j in range(k + 1)]
        segments = VGroup(*(self.segment(a, b) for a, b in zip(points, points[1:])))
        ghosts = VGroup(*(self.ghost(p) for p in points[:-1]))
        dot = Dot(points[-1], radius=0.07, color=DESCENT_COLOR).set_z_index(3)
        super().__init__(curve, floor, minimum, start_tick, tick_label, segments, ghosts, dot)
        self.view, self.box = view, box

    @property
    def path(self) -> VGroup:
        return self[5]

    @property
    def ghosts(self) -> VGroup:
        return self[6]

    @property
    def dot(self) -> Dot:
        return self[7]

    def move_into(self, box: Box, k: int) -> Transform:
        """The animation that redraws the panel after ``k`` steps in another box, without the x₀ label."""
        return Transform(self, ParabolaPanel(self.view, box, k, start_label=False))

    def advance(self, k: int) -> tuple[list, list[Dot]]:
        """Take the panel from step k to k + 1: the animations, and the ghost dot it leaves (to add to the scene).

        A run flying out of its view widens the panel as the point moves; otherwise one more segment
        joins the path (added here) and the point moves along it.
        """
        if self.view.widens(k):
            return [Transform(self, ParabolaPanel(self.view, self.box, k + 1))], []
        here, there = self.view.point(self.box, k, k), self.view.point(self.box, k + 1, k)
        segment, ghost = self.segment(here, there), self.ghost(here)
        self.path.add(segment)
        self.ghosts.add(ghost)
        return [Create(segment), self.dot.animate.move_to(there)], [ghost]

    @staticmethod
    def segment(a, b) -> Line:
        return Line(a, b, color=DESCENT_COLOR, stroke_width=2.5, stroke_opacity=0.75)

    @staticmethod
    def ghost(p) -> Dot:
        return Dot(p, radius=0.04, color=DESCENT_COLOR, fill_opacity=0.5).set_z_index(2)


class RateLabel(MathTex):
    """α = value above a panel, α in the descent's colour."""

    def __init__(self, value: str, *, x: float, y: float = 3.55, font_size: float = FORMULA_SIZE):
        super().__init__(r"\alpha", "= " + value, font_size=font_size)
        self[0].set_color(DESCENT_COLOR)
        self.move_to([x, y, 0])


class Readout(MarkupText):
    """x_k = value under a panel, in the descent's colour, no wider than the panel and ``overhang``."""

    def __init__(self, k: int, value: str, *, x: float, panel_width: float, y: float = -1.38,
                 overhang: float = 0.2, font: str = FONT, font_size: float = CELL_SIZE):
        super().__init__(f"x<sub>{k}</sub> = {value}", font=font, font_size=font_size, color=DESCENT_COLOR)
        self.move_to([x, y, 0])
        if self.width > panel_width + overhang:
            self.scale_to_fit_width(panel_width + overhang)


class RegimeWord(VGroup):
    """A regime's name in its colour under a panel: one line, or two when one would not fit the panel.

    ``text`` is the script's words (``[screen_regime_*]``) in the scene's language. Only a word on
    one line is marked as the script's words for the screen witness; the two halves of a split one
    are plain texts, as they have always been recorded.
    """

    #: How far a word rises as it fades in.
    rise = 0.15 * UP

    def __init__(self, text: str, color, *, x: float, panel_width: float, top: float = -1.68,
                 overhang: float = 0.25, font: str = FONT, font_size: float = CELL_SIZE):
        width = panel_width + overhang
        one_line = self._line(text, color, font, font_size)
        if one_line.width > width and " " in text:
            super().__init__(*(Text(half, font=font, font_size=font_size, color=color)
                               for half in split_in_two(text)))
            self.arrange(DOWN, buff=0.1)
        else:
            super().__init__(one_line)
        if self.width > width:
            self.scale_to_fit_width(width)
        self.place(x, top)

    @staticmethod
    def _line(text: str, color, font: str, font_size: float) -> Text:
        line = Text(text, font=font, font_size=font_size, color=color)
        line.script_words = True
        return line

    def place(self, x: float, top: float) -> "RegimeWord":
        """Centre the word on ``x`` with its top at ``top``."""
        return self.move_to([x, 0, 0]).align_to(np.array([0, top, 0]), UP)

    def place_under(self, box: Box, gap: float = 0.15) -> "RegimeWord":
        """Centre the word under ``box``, ``gap`` below it."""
        return self.place(box.x, box.y - box.height / 2 - gap)


class FactorFormula(VGroup):
    """x_{k+1} − x* = (1 − αλ)(x_k − x*), the factor in the descent's colour, beside λ = f'' = value."""

    def __init__(self, curvature: str, *, centre=(0, -0.55, 0), gap: float = 0.8):
        formula = MathTex(r"x_{k+1} - x^{*}", "=", r"(1 - \alpha\lambda)", r"\,(x_k - x^{*})", font_size=TITLE_SIZE)
        formula[2].set_color(DESCENT_COLOR)
        curvature_tex = MathTex(r"\lambda = f'' = " + curvature, font_size=HEADING_SIZE, color=FUNCTION_COLOR)
        super().__init__(formula, curvature_tex)
        self.arrange(RIGHT, buff=gap).move_to(list(centre))


class FactorLabel(MathTex):
    """|1 − αλ| = value between a small panel and the α line, no wider than the panel and ``overhang``."""

    def __init__(self, value: str, *, x: float, panel_width: float, y: float = 0.62, overhang: float = 0.25,
                 font_size: float = CAPTION_FONT_SIZE):
        super().__init__(r"|1 - \alpha\lambda| = " + value, font_size=font_size)
        if self.width > panel_width + overhang:
            self.scale_to_fit_width(panel_width + overhang)
        self.move_to([x, y, 0])


#: The thresholds on an α line: (TeX, label in the record, the model's property), in the order shown.
THRESHOLDS = ((r"1/L", "1/L", "fastest_monotone"), (r"2/(\mu+L)", "2/(mu+L)", "best_step"),
              (r"2/L", "2/L", "stability_limit"))


def thresholds(model: QuadraticModel) -> list[tuple[str, Surd]]:
    """(label, exact value) of 1/L, 2/(μ+L) and 2/L of ``model``.

    >>> from gdmath import parse, quadratic_model
    >>> [(label, str(value)) for label, value in thresholds(quadratic_model(parse("x^2 + 3y^2")))]
    [('1/L', '1/6'), ('2/(mu+L)', '1/4'), ('2/L', '1/3')]
    """
    return [(label, getattr(model, name)) for _, label, name in THRESHOLDS]


def stack_below(items: Sequence[tuple[float, MathTex]], top: float, *, left: float = FRAME_LEFT,
                right: float = FRAME_RIGHT, gap: float = 0.25, row_height: float = 0.48) -> VGroup:
    """Labels under their x, in the highest row where they overlap nothing, each with a leader line.

    A label pushed to a lower row has its leader pass through the rows above; a label there
    in the way slides left (still over its own x) to let it through.
    """
    placed: list[tuple[float, MathTex, int]] = []
    for x, label in sorted(items, key=lambda item: item[0]):
        label.move_to([x, 0, 0])
        keep_inside(label, (left, -math.inf, right, math.inf))
        row = 0
        while any(r == row and label.get_left()[0] < other.get_right()[0] + gap for _, other, r in placed):
            row += 1
        label.set_y(top - 0.2 - row * row_height)
        for other_x, other, other_row in placed:
            if other_row < row and other.get_left()[0] - 0.1 < x < other.get_right()[0] + 0.1:
                slide = other.get_right()[0] + 0.12 - x
                if other.get_left()[0] - slide < other_x - 0.1 and other.get_left()[0] - slide > left:
                    other.shift(slide * LEFT)
        placed.append((x, label, row))
    group = VGroup()
    for x, label, _ in placed:
        leader = Line([x, top + 0.06, 0], [x, label.get_top()[1] + 0.04, 0], color=MUTED_COLOR, stroke_width=1.5)
        group.add(VGroup(leader, label))
    return group


class RateLine(VGroup):
    """The α axis from 0 at height ``y``; below it, bands coloured by regime and the exact thresholds.

    The bands hang below the axis, so the runs' dots on the axis never cover the region names. The
    axis reaches 1.2 times the largest of 2/L and ``rates``. Equal thresholds share a label (in 1D
    1/L = 2/(μ+L)); labels stack in rows where they would collide (:func:`stack_below`).

    Parameters
    ----------
    model
        The quadratic whose thresholds and regions are drawn.
    rates
        The learning rates that will be marked on the axis (they set its reach).
    zero, threshold_texts
        The texts of 0 and of each threshold (by label, as :func:`thresholds` names them), recorded as shown.
    words
        Makes the region names from the script (``NarratedScene.words``).

    Pieces: :attr:`axis` (line, α, 0), :attr:`bands`, :attr:`names`, :attr:`ticks`, :attr:`labels`
    (one leader and label per distinct threshold, in order of α).
    """

    regions = (Regime.MONOTONE, Regime.OSCILLATING, Regime.DIVERGING)

    def __init__(self, model: QuadraticModel, rates: Sequence[Fraction], zero: str, threshold_texts: dict[str, str],
                 words: Words, *, y: float = RUNS_LINE_Y, left: float = FRAME_LEFT + 0.45,
                 right: float = FRAME_RIGHT - 0.55, band_height: float = 0.46, reach: float = 1.2):
        limit = model.stability_limit
        self.y, self.left, self.right = y, left, right
        self.top = max([float(limit)] + [float(r) for r in rates]) * reach
        band_y = y - band_height / 2
        line = Line([left, y, 0], [right, y, 0], color=AXIS_COLOR, stroke_width=2)
        alpha_name = MathTex(r"\alpha", font_size=HEADING_SIZE, color=DESCENT_COLOR).next_to(line, RIGHT, buff=0.12)
        zero_tex = MathTex(zero, font_size=CAPTION_FONT_SIZE)
        zero_tex.next_to([left, y - band_height, 0], DOWN, buff=0.12)
        edges = [0.0, float(model.fastest_monotone), float(limit), self.top]
        bands, names = VGroup(), VGroup()
        for regime, a, b in zip(self.regions, edges, edges[1:]):
            band = Rectangle(width=self.to_x(b) - self.to_x(a), height=band_height, stroke_width=0,
                             fill_color=REGIME_COLORS[regime], fill_opacity=0.28)
            band.move_to([(self.to_x(a) + self.to_x(b)) / 2, band_y, 0])
            bands.add(band)
            name = words(f"screen_region_{regime.value}", font_size=SMALL_SIZE, color=REGIME_COLORS[regime])
            if name.width > band.width - 0.15:
                name.scale_to_fit_width(max(band.width - 0.15, 0.1))
            names.add(name.move_to(band))
        merged: list[tuple[list[str], Surd, str]] = []
        for tex, label, name in THRESHOLDS:
            value = getattr(model, name)
            if merged and merged[-1][1] == value:
                merged[-1][0].append(tex)
            else:
                merged.append(([tex], value, threshold_texts[label]))
        ticks, labels = VGroup(), []
        for texs, value, text in merged:
            x = self.to_x(value)
            ticks.add(Line([x, y + 0.12, 0], [x, y - band_height - 0.04, 0], color=TEXT_COLOR, stroke_width=2.5))
            labels.append((x, MathTex(" = ".join(texs) + " = " + text, font_size=CAPTION_FONT_SIZE)))
        self.axis = VGroup(line, alpha_name, zero_tex)
        self.bands, self.names, self.ticks = bands, names, ticks
        self.labels = stack_below(labels, y - band_height - 0.1)
        super().__init__(self.axis, bands, names, ticks, self.labels)

    def to_x(self, alpha) -> float:
        """The x of the learning rate ``alpha`` on the axis."""
        return self.left + (float(alpha) / self.top) * (self.right - self.left)

    def show_limit(self) -> list:
        """Animations that draw the region past 2/L and the tick and label of 2/L (the last threshold)."""
        last = len(self.ticks) - 1
        return [FadeIn(self.bands[2]), FadeIn(self.names[2]), Create(self.ticks[last]), FadeIn(self.labels[last])]

    def show_below_limit(self) -> list:
        """Animations that draw the regions below 2/L and the other thresholds."""
        rest = range(len(self.ticks) - 1)
        return [FadeIn(self.bands[:2]), FadeIn(self.names[:2]), *(Create(self.ticks[j]) for j in rest),
                *(FadeIn(self.labels[j]) for j in rest)]

    def point(self, alpha) -> np.ndarray:
        """The point of the axis at ``alpha``."""
        return np.array([self.to_x(alpha), self.y, 0.0])

    def get_dot(self, alpha, regime: Regime, radius: float = 0.085) -> Dot:
        """A dot on the axis at ``alpha``, in the colour of its run's regime."""
        return Dot(self.point(alpha), radius=radius, color=REGIME_COLORS[regime]).set_z_index(4)


class RunMarks(VGroup):
    """Each run's α as a dot on the line, and a dashed leader from its factor label down to it.

    Pieces: :attr:`dots`, :attr:`leaders`, in the order of ``runs``.
    """

    def __init__(self, line: RateLine, runs: Sequence[Run], labels: Sequence[MathTex]):
        self.dots, self.leaders = VGroup(), VGroup()
        for run, label in zip(runs, labels):
            self.dots.add(line.get_dot(run.learning_rate, run.regime))
            self.leaders.add(DashedLine(label.get_bottom() + 0.06 * DOWN, line.point(run.learning_rate) + 0.1 * UP,
                                        color=REGIME_COLORS[run.regime], stroke_width=1.8, dash_length=0.08))
        super().__init__(self.dots, self.leaders)

    def show(self, lag_ratio: float = 0.15) -> list:
        """Animations that draw the leaders one after another and the dots."""
        return [LaggedStart(*(Create(leader) for leader in self.leaders), lag_ratio=lag_ratio), FadeIn(self.dots)]


class AlphaTag(MathTex):
    """α over a dot on the α line."""

    def __init__(self, dot: Dot, *, buff: float = 0.25, font_size: float = TABLE_SIZE):
        super().__init__(r"\alpha", font_size=font_size, color=DESCENT_COLOR)
        self.next_to(dot, UP, buff=buff)


class BowlView:
    """How the bowl is drawn: the level ``excess`` (over f*) the view holds, fitted into ``box``.

    The view is the smallest box around the centre holding the level curve f = f* + excess (its
    half-widths √(2·excess·(H⁻¹)ᵢᵢ)), with ``margin`` to spare; x and y keep one scale.

    >>> from gdmath import parse, quadratic_model
    >>> view = BowlView(quadratic_model(parse("x^2 + 10y^2")), 16.0, box=Box(0, 0, 8, 4), margin=1)
    >>> round(float(view.scale), 6), [round(float(c), 6) for c in view.to_screen((4, 0))[:2]]
    (1.0, [4.0, 0.0])
    """

    def __init__(self, model: QuadraticModel, excess: float, *, box: Box = Box(-3.0, 1.55, 7.6, 4.3),
                 margin: float = 1.12):
        self.model, self.excess = model, float(excess)
        self.eigenvalues, self.eigenvectors = principal_axes(model)
        self.centre = np.array([float(c) for c in model.minimizer()])
        # How far the level curve reaches along x and y: √(2·excess·(H⁻¹)ᵢᵢ), with H⁻¹ = V·diag(1/λ)·Vᵀ.
        inverse_diagonal = (self.eigenvectors ** 2) @ (1 / self.eigenvalues)
        half = np.sqrt(2 * self.excess * inverse_diagonal) * margin
        self.scale = min(box.width / (2 * half[0]), box.height / (2 * half[1]))
        self.origin = np.array([box.x, box.y])

    def to_screen(self, point) -> np.ndarray:
        xy = self.origin + self.scale * (np.asarray(point, dtype=float) - self.centre)
        return np.array([xy[0], xy[1], 0.0])


class BowlPlot(VGroup):
    """Level curves of the bowl at ``levels`` evenly spaced heights of √(f − f*), and its minimum.

    Pieces: :attr:`levels` (innermost first), :attr:`minimum`.
    """

    def __init__(self, view: BowlView, *, levels: int = 6, samples: int = 65):
        self.levels = VGroup()
        for j in range(1, levels + 1):
            ellipse = bowl_ellipse(view.model, view.excess * (j / levels) ** 2)
            points = [view.to_screen(ellipse(t)) for t in np.linspace(0, 2 * math.pi, samples)]
            self.levels.add(VMobject(stroke_color=LEVEL_COLOR, stroke_width=1.6, stroke_opacity=0.75)
                            .set_points_smoothly(points))
        self.minimum = Dot(view.to_screen(view.centre), radius=0.05, color=TEXT_COLOR)
        super().__init__(self.levels, self.minimum)

    def show(self, lag_ratio: float = 0.1) -> list:
        """Animations that draw the level curves from the inside out, and the minimum."""
        return [LaggedStart(*(Create(level) for level in self.levels), lag_ratio=lag_ratio), FadeIn(self.minimum)]


class BowlStart(VGroup):
    """The start on the bowl: :attr:`dot` (the one that walks) and :attr:`label` (x₀, y₀) beside it, in frame."""

    def __init__(self, view: BowlView, point, x0: str, y0: str, *, color=DESCENT_COLOR,
                 font_size: float = CAPTION_FONT_SIZE):
        self.dot = Dot(view.to_screen(point), radius=0.08, color=color).set_z_index(5)
        self.label = MathTex(f"({x0},\\ {y0})", font_size=font_size, color=color)
        self.label.next_to(self.dot, UP + RIGHT, buff=0.08)
        keep_inside(self.label, FRAME_BOX)
        super().__init__(self.dot, self.label)


class BowlPath(VGroup):
    """The path through ``points`` on the bowl, in ``color``: a segment and the ghost dot it leaves, per step."""

    def __init__(self, view: BowlView, points, *, color=DESCENT_COLOR, stroke_width: float = 3):
        self.corners = [view.to_screen(p) for p in points]
        super().__init__()
        for a, b in zip(self.corners, self.corners[1:]):
            self.add(Line(a, b, color=color, stroke_width=stroke_width),
                     Dot(a, radius=0.045, color=color, fill_opacity=0.6).set_z_index(4))

    def steps(self):
        """(segment, ghost, where the step ends) for each step, in order."""
        for k in range(len(self.corners) - 1):
            yield self[2 * k], self[2 * k + 1], self.corners[k + 1]


class CurvatureArrows(VGroup):
    """The bowl's principal axes through the minimum, dashed, tagged μ (gentle) and L (steep) at the right end.

    Each piece is VGroup(axis, tag); an axis reaches ``overhang`` times out to the view's level curve.
    """

    def __init__(self, view: BowlView, *, overhang: float = 1.08, tag_gap: float = 0.28):
        super().__init__()
        for index, (name, color) in enumerate(((r"\mu", MU_COLOR), ("L", L_COLOR))):
            direction = view.eigenvectors[:, index]
            if direction[0] < -1e-9 or (abs(direction[0]) < 1e-9 and direction[1] < 0):
                direction = -direction  # label the end on the right (or the top)
            reach = math.sqrt(2 * view.excess / view.eigenvalues[index]) * overhang
            a, b = (view.to_screen(view.centre + s * reach * direction) for s in (-1, 1))
            axis = DashedLine(a, b, color=color, stroke_width=2.5, dash_length=0.12)
            tag = MathTex(name, font_size=FORMULA_SIZE, color=color)
            tag.move_to(b + tag_gap * np.array([*direction, 0.0]) / max(np.linalg.norm(direction), 1e-9))
            keep_inside(tag, FRAME_BOX)  # a tall bowl's L axis ends at the top of the frame
            self.add(VGroup(axis, tag))


class BowlFact(MathTex):
    """Line ``row`` of the bowl's facts, in the column right of the plot; shrunk if it would leave the frame.

    ``colors`` colours pieces of the formula by index (``tex`` given as a list of pieces). The
    class methods write each fact the scene shows, in its row.
    """

    def __init__(self, tex: str | list[str], row: int, *, colors: dict[int, object] | None = None,
                 left: float = 1.95, top: float = 3.6, row_height: float = 0.64, right: float = FRAME_RIGHT,
                 font_size: float = SUBFORMULA_SIZE, **options):
        super().__init__(*([tex] if isinstance(tex, str) else tex), font_size=font_size, **options)
        place = [left, top - row_height * row, 0]
        self.move_to(place, aligned_edge=LEFT)
        if self.get_right()[0] > right:
            self.scale_to_fit_width(right - left).move_to(place, aligned_edge=LEFT)
        for index, color in (colors or {}).items():
            self[index].set_color(color)

    # The bowl's facts, row by row, from the texts of the numbers shown.
    @classmethod
    def function(cls, tex: str) -> "BowlFact":
        return cls("f(x, y) = " + tex, 0, color=FUNCTION_COLOR)

    @classmethod
    def rate(cls, alpha: str) -> "BowlFact":
        return cls([r"\alpha", "= " + alpha], 1, colors={0: DESCENT_COLOR})

    @classmethod
    def curvatures(cls, mu: str, big: str) -> "BowlFact":
        return cls([r"\mu", "= " + mu + r",\quad", "L", "= " + big], 2, colors={0: MU_COLOR, 2: L_COLOR})

    @classmethod
    def condition(cls, kappa: str) -> "BowlFact":
        return cls(rf"\kappa = L/\mu = {kappa}", 3)

    @classmethod
    def factors(cls, slow: str, fast: str) -> tuple["BowlFact", "BowlFact"]:
        return cls(r"|1 - \alpha\mu| = " + slow, 4, color=MU_COLOR), cls(r"|1 - \alpha L| = " + fast, 5,
                                                                          color=L_COLOR)

    @classmethod
    def pace(cls, rate: str) -> "BowlFact":
        return cls(r"\max_\lambda |1 - \alpha\lambda| \ge \frac{\kappa - 1}{\kappa + 1} = " + rate, 6,
                   font_size=TABLE_SIZE)


class SummaryLegend(VGroup):
    """The summary: a swatch, a formula and the script's words per row (the regimes by α, then κ).

    Each row is VGroup(swatch, formula, words); formulas share one column, words start after the widest.
    """

    rows = ((r"\alpha \le 1/L", "screen_summary_monotone", REGIME_COLORS[Regime.MONOTONE]),
            (r"1/L < \alpha < 2/L", "screen_summary_oscillating", REGIME_COLORS[Regime.OSCILLATING]),
            (r"\alpha \ge 2/L", "screen_summary_diverging", REGIME_COLORS[Regime.DIVERGING]),
            (r"\kappa = L/\mu", "screen_summary_condition", TEXT_COLOR))
    #: How far a row slides as it fades in.
    slide = 0.2 * RIGHT

    def __init__(self, words: Words, *, top: float = 2.4, row_height: float = 1.15, swatch_x: float = -5.8,
                 formula_x: float = -5.35, gap: float = 0.6, right: float = FRAME_RIGHT):
        super().__init__()
        for tex, key, color in self.rows:
            swatch = Rectangle(width=0.3, height=0.3, stroke_width=0, fill_color=color, fill_opacity=0.8)
            self.add(VGroup(swatch, MathTex(tex, font_size=TITLE_SIZE), words(key, font_size=CAPTION_FONT_SIZE)))
        formula_width = max(row[1].width for row in self)
        for index, (swatch, formula, text) in enumerate(self):
            y = top - row_height * index
            swatch.move_to([swatch_x, y, 0])
            formula.move_to([formula_x, y, 0], aligned_edge=LEFT)
            text.move_to([formula_x + formula_width + gap, y, 0], aligned_edge=LEFT)
            if text.get_right()[0] > right:
                text.scale_to_fit_width(right - text.get_left()[0])

    def show(self, lag_ratio: float = 0.35) -> list:
        """The animation that fades the rows in one after another, each sliding in."""
        return [LaggedStart(*(FadeIn(row, shift=self.slide) for row in self), lag_ratio=lag_ratio)]
