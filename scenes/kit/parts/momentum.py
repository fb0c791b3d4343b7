"""The momentum scene's parts: the heavy ball's rule, its two arrows, the race on the bowl, the error
on a log scale and the (α, β) plane.

Each part is built from exact values the scene has already recorded as shown (texts) and from the
plan's runs and models (floats only to place things); layout numbers are keyword defaults here.
The bowl itself (its view, level curves and paths) is the learning-rate scene's
(:mod:`scenes.kit.parts.learning_rate`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
from manim import (DL, DOWN, LEFT, RIGHT, UP, UR, Arrow, DashedLine, Dot, Line, MathTex, Polygon, Text, VGroup,
                   VMobject)

from gdmath import Regime

from ..axes import numbered_axes
from ..style import (AXIS_COLOR, CAPTION_FONT_SIZE, CELL_SIZE, DESCENT_COLOR, DISPLAY_SIZE, FORMULA_SIZE,
                     FRAME_RIGHT, FRAME_TOP, L_COLOR, LABEL_FONT_SIZE, MOMENTUM_COLOR, MU_COLOR, REGIME_COLORS,
                     SMALL_SIZE, SUBFORMULA_SIZE, TEXT_COLOR, TICK_SIZE)
from .learning_rate import BowlView

__all__ = ["RuleTitle", "HeavyBallRule", "RunLegend", "StepArrows", "ErrorPlot", "PhaseDiagram", "FactColumn"]

#: Words as the scene makes them: a key of the script's ``[screen_*]`` tables and Text options.
Words = Callable[..., Text]


class RuleTitle:
    """Where the title and the heavy ball's rule stand as the scene opens, and the corner the rule then goes to."""

    @staticmethod
    def parts(title: Text, rule: MathTex, *, title_y: float = 1.9, rule_y: float = 0.4) -> tuple[Text, MathTex]:
        return title.move_to([0, title_y, 0]), rule.move_to([0, rule_y, 0])

    @staticmethod
    def to_corner(rule: MathTex, *, scale: float = 0.72, right: float = FRAME_RIGHT, top: float = FRAME_TOP):
        """The animation that shrinks the rule into the top-right corner, over the bowl."""
        return rule.animate.scale(scale).align_to([right, top, 0], RIGHT + UP)


class HeavyBallRule(MathTex):
    r"""θ_{k+1} = θ_k − α∇f(θ_k) + β(θ_k − θ_{k−1}), the gradient step and the velocity in their colours.

    Pieces: :attr:`gradient_step` (− α∇f(θ_k)) and :attr:`velocity` (+ β(θ_k − θ_{k−1})).

    >>> rule = HeavyBallRule()
    >>> rule.velocity.tex_string
    '+ \\beta\\,(\\theta_k - \\theta_{k-1})'
    """

    def __init__(self, *, font_size: float = DISPLAY_SIZE, **kwargs):
        super().__init__(r"\theta_{k+1}", "=", r"\theta_k", r"- \alpha \nabla f(\theta_k)",
                         r"+ \beta\,(\theta_k - \theta_{k-1})", font_size=font_size, **kwargs)
        self.gradient_step, self.velocity = self[3], self[4]
        self.gradient_step.set_color(DESCENT_COLOR)
        self.velocity.set_color(MOMENTUM_COLOR)


class RunLegend(VGroup):
    """One row per run in the top-left corner: a stroke of its colour, its name, and its α (and β).

    ``rows`` is (colour, name, TeX of the values) per run, the values' texts already recorded.
    """

    def __init__(self, rows: Sequence[tuple[object, Text, str]], *, left: float = -6.7, top: float = FRAME_TOP,
                 row_height: float = 0.46, font_size: float = CELL_SIZE + 2):
        super().__init__()
        for index, (color, name, values) in enumerate(rows):
            y = top - 0.2 - row_height * index
            stroke = Line([left, y, 0], [left + 0.45, y, 0], color=color, stroke_width=5)
            name.next_to(stroke, RIGHT, buff=0.15)
            tex = MathTex(values, font_size=font_size, color=color).next_to(name, RIGHT, buff=0.2)
            self.add(VGroup(stroke, name, tex))


class StepArrows(VGroup):
    """One heavy-ball step on the bowl, tip to tail: from θ_k the gradient step, then the velocity, and their sum.

    ``gradient_step`` is −α∇f(θ_k) and ``velocity`` β(θ_k − θ_{k−1}), exact vectors from the plan;
    their sum ends at θ_{k+1}. Pieces: :attr:`gradient` (arrow and label), :attr:`carried`
    (the velocity drawn from the gradient step's tip, and its label), :attr:`total` (dashed, θ_k to θ_{k+1}).
    """

    def __init__(self, view: BowlView, here, gradient_step, velocity, *, stroke_width: float = 5,
                 font_size: float = SUBFORMULA_SIZE):
        here = np.asarray([float(c) for c in here])
        g = np.asarray([float(c) for c in gradient_step])
        v = np.asarray([float(c) for c in velocity])
        a, b, c = (view.to_screen(p) for p in (here, here + g, here + g + v))

        def arrow(start, end, color):
            return Arrow(start, end, buff=0, color=color, stroke_width=stroke_width,
                         max_tip_length_to_length_ratio=0.18, max_stroke_width_to_length_ratio=12)

        gradient_arrow = arrow(a, b, DESCENT_COLOR)
        gradient_label = MathTex(r"-\alpha\nabla f(\theta_k)", font_size=font_size, color=DESCENT_COLOR)
        # Away from where the ball came from: the last step's segment ends at θ_k too.
        gradient_label.next_to(gradient_arrow.get_center(), self._side(a, b, away=a - (c - b)), buff=0.25)
        carried_arrow = arrow(b, c, MOMENTUM_COLOR)
        carried_label = MathTex(r"\beta\,(\theta_k - \theta_{k-1})", font_size=font_size, color=MOMENTUM_COLOR)
        carried_label.next_to(carried_arrow.get_center(), self._side(b, c), buff=0.25)
        self.gradient = VGroup(gradient_arrow, gradient_label)
        self.carried = VGroup(carried_arrow, carried_label)
        self.total = DashedLine(a, c, color=TEXT_COLOR, stroke_width=3, dash_length=0.1)
        self.end = Dot(c, radius=0.07, color=MOMENTUM_COLOR).set_z_index(5)
        super().__init__(self.gradient, self.carried, self.total, self.end)

    @staticmethod
    def _side(start, end, away=None) -> np.ndarray:
        """The side of an arrow its label goes: to the right of the direction of travel (or above it),
        or, given ``away``, the side that point is not on."""
        d = np.asarray(end) - np.asarray(start)
        normal = np.array([d[1], -d[0], 0.0])
        if np.linalg.norm(normal) < 1e-9:
            return UP
        if away is not None and np.dot(normal, np.asarray(away) - np.asarray(start)) > 0:
            normal = -normal
        return normal / np.linalg.norm(normal)


class ErrorPlot(VGroup):
    """‖θ_k − θ*‖/‖θ_0 − θ*‖ against k on a log scale, for each run; dashed slopes, a 1/``by`` line, markers.

    ``ratios`` holds each run's error ratios (floats, one per step, 0 where a run lands): the y-axis
    spans the smallest non-zero one to the largest. A run that lands is drawn down to the axis' floor.
    """

    def __init__(self, ratios: Sequence[Sequence[float]], *, centre=(-0.3, 0.55), x_length: float = 10.4,
                 y_length: float = 4.3, x_ticks: int = 8, y_ticks: int = 6, font_size: float = TICK_SIZE):
        self.ratios = [list(r) for r in ratios]
        steps = max(len(r) for r in self.ratios) - 1
        positive = [v for r in self.ratios for v in r if v > 0]
        self.low, high = min(positive), max(max(positive), 1.0)
        if self.low >= high:
            self.low = high / 10
        self.steps = steps
        self.axes = numbered_axes((0, max(steps, 1)), (self.low, high), y_log=True, x_ticks=x_ticks,
                                  y_ticks=y_ticks, x_length=x_length, y_length=y_length, font_size=font_size)
        x_axis, y_axis = self.axes.x_axis, self.axes.y_axis
        lines_centre = np.array([(x_axis.get_start()[0] + x_axis.get_end()[0]) / 2,
                                 (y_axis.get_start()[1] + y_axis.get_end()[1]) / 2, 0])
        self.axes.shift(np.array([*centre, 0]) - lines_centre)
        self.floor = 10 ** self.axes.y_range[0]
        caption = MathTex(r"\|\theta_k - \theta^*\| \,/\, \|\theta_0 - \theta^*\|", font_size=CELL_SIZE)
        caption.next_to(y_axis.get_end(), UP, buff=0.12).align_to(y_axis, LEFT)
        k_label = MathTex("k", font_size=CELL_SIZE).next_to(x_axis.get_end(), RIGHT, buff=0.12)
        super().__init__(self.axes, caption, k_label)

    def point(self, k: float, ratio: float) -> np.ndarray:
        return self.axes.c2p(k, max(ratio, self.floor))

    def curve(self, index: int, color, *, stroke_width: float = 3.5) -> VGroup:
        """Run ``index``'s errors as a line through a dot per step."""
        points = [self.point(k, r) for k, r in enumerate(self.ratios[index])]
        line = VMobject(stroke_color=color, stroke_width=stroke_width).set_points_as_corners(points)
        dots = VGroup(*(Dot(p, radius=0.035, color=color) for p in points))
        return VGroup(line, dots)

    def slope(self, index: int, rate: float, color, label: str, *, font_size: float = SMALL_SIZE) -> VGroup:
        """The dashed line rateᵏ from 1 (straight on a log scale), down to where it leaves the plot, labelled
        on the side away from run ``index``'s errors (above the line when they run on it or below)."""
        end = self.steps
        if rate < 1 and rate ** end < self.floor:
            end = math.log(self.floor) / math.log(rate) if rate > 0 else 0
        line = DashedLine(self.point(0, 1), self.point(end, rate ** end if rate > 0 else self.floor), color=color,
                          stroke_width=2.5, dash_length=0.09, stroke_opacity=0.9)
        tex = MathTex(label, font_size=font_size, color=color)
        start, stop = self.point(0, 1), line.get_end()
        middle = start + 0.55 * (stop - start)
        k = min(round(float(self.axes.p2c(middle)[0])), self.steps)
        above = self.ratios[index][k] > rate ** k * 1.0001  # the run's errors stand above its slope
        tex.next_to(middle, DL if above else UR, buff=0.08)
        return VGroup(line, tex)

    def threshold(self, level: float, label: str, *, font_size: float = SMALL_SIZE) -> VGroup:
        """A dashed horizontal line at ``level``, labelled at its right end."""
        line = DashedLine(self.point(0, level), self.point(self.steps, level), color=AXIS_COLOR, stroke_width=2,
                          dash_length=0.08)
        tex = MathTex(label, font_size=font_size, color=AXIS_COLOR).next_to(line, RIGHT, buff=0.12)
        return VGroup(line, tex)

    def marker(self, index: int, k: int, label: str, color, *, above: bool, font_size: float = CAPTION_FONT_SIZE
               ) -> VGroup:
        """A ring on run ``index`` at step ``k``, and the count of steps beside it (above or below)."""
        centre = self.point(k, self.ratios[index][k])
        ring = Dot(centre, radius=0.09, color=color, fill_opacity=0).set_stroke(color, width=3)
        tex = MathTex(label, font_size=font_size, color=color)
        tex.next_to(ring, UP if above else DOWN, buff=0.12)
        return VGroup(ring, tex)


class PhaseDiagram(VGroup):
    """The (α, β) plane of a bowl with curvatures μ ≤ L, drawn from the exact conditions.

    The heavy ball converges iff 0 < αλ < 2(1 + β) for every λ: with 0 ≤ β < 1 that is the region
    under the line β = αL/2 − 1's left, from α = 0 to 2(1 + β)/L (shaded). Along λ it is critically
    damped on β = (1 − √(αλ))²: above that curve its roots are complex (it spirals), below real.
    Pieces: :attr:`axes` (with ``ticks``), :attr:`region`, :attr:`curves` (μ's, L's), :attr:`names`.
    """

    def __init__(self, mu: float, big: float, words: Words, *, centre=(-2.3, 0.5), x_length: float = 7.6,
                 y_length: float = 4.6, samples: int = 121, font_size: float = TICK_SIZE):
        self.top = 4 / big  # β < 1 caps α at 2(1 + 1)/L
        self.axes = numbered_axes((0, self.top), (0, 1), x_ticks=4, y_ticks=5, x_length=x_length,
                                  y_length=y_length, font_size=font_size)
        x_axis, y_axis = self.axes.x_axis, self.axes.y_axis
        lines_centre = np.array([(x_axis.get_start()[0] + x_axis.get_end()[0]) / 2,
                                 (y_axis.get_start()[1] + y_axis.get_end()[1]) / 2, 0])
        self.axes.shift(np.array([*centre, 0]) - lines_centre)
        alpha = MathTex(r"\alpha", font_size=FORMULA_SIZE, color=DESCENT_COLOR).next_to(x_axis.get_end(), RIGHT,
                                                                                       buff=0.15)
        beta = MathTex(r"\beta", font_size=FORMULA_SIZE, color=MOMENTUM_COLOR).next_to(y_axis.get_end(), UP,
                                                                                      buff=0.12)
        converge = REGIME_COLORS[Regime.MONOTONE]  # the colour of calm convergence
        self.region = Polygon(self.axes.c2p(0, 0), self.axes.c2p(2 / big, 0), self.axes.c2p(self.top, 1),
                              self.axes.c2p(0, 1), stroke_width=0, fill_color=converge, fill_opacity=0.22)
        self.edge = Line(self.axes.c2p(2 / big, 0), self.axes.c2p(self.top, 1), color=converge, stroke_width=3)
        self.curves = VGroup()
        for curvature, color in ((mu, MU_COLOR), (big, L_COLOR)):
            alphas = np.linspace(0, self.top, samples)
            points = [self.axes.c2p(a, (1 - math.sqrt(a * curvature)) ** 2) for a in alphas
                      if (1 - math.sqrt(a * curvature)) ** 2 <= 1 + 1e-9]
            self.curves.add(VMobject(stroke_color=color, stroke_width=3.5).set_points_smoothly(points))
        mu_name = MathTex(r"\beta = (1 - \sqrt{\alpha\mu})^2", font_size=SMALL_SIZE, color=MU_COLOR)
        big_name = MathTex(r"\beta = (1 - \sqrt{\alpha L})^2", font_size=SMALL_SIZE, color=L_COLOR)
        mu_end = (1 - math.sqrt(self.top * mu)) ** 2
        # Beside the curve's end, or above it where the curve ends on the α axis (beside the α).
        mu_name.next_to(self.axes.c2p(self.top, mu_end), RIGHT if mu_end > 0.15 else UP + LEFT, buff=0.12)
        big_name.next_to(self.axes.c2p(1 / big, 0), UP, buff=0.35).shift(0.35 * LEFT)
        edge_name = MathTex(r"\alpha L = 2(1 + \beta)", font_size=SMALL_SIZE, color=converge)
        edge_name.next_to(self.axes.c2p(3 / big, 0.5), RIGHT, buff=0.3)
        region_name = words("screen_region_converges", font_size=LABEL_FONT_SIZE, color=converge)
        region_name.move_to(self.axes.c2p(0.55 / big, 0.82))
        self.names = VGroup(mu_name, big_name, edge_name, region_name)
        super().__init__(self.axes, alpha, beta, self.region, self.edge, self.curves, self.names)

    def runs(self, plain_alpha, alpha, betas, *, radius: float = 0.07) -> VGroup:
        """Plain descent's (α, 0) and the heavy ball's (α, β) for each β, as dots in the runs' colours."""
        return VGroup(self.dot(float(plain_alpha), 0, DESCENT_COLOR),
                      *(self.dot(float(alpha), float(beta), MOMENTUM_COLOR, radius=radius) for beta in betas))

    def dot(self, alpha: float, beta: float, color, *, radius: float = 0.09) -> Dot:
        return Dot(self.axes.c2p(alpha, beta), radius=radius, color=color).set_z_index(5)


class FactColumn(VGroup):
    """Facts in a column right of a plot, one MathTex per row from the top; shrunk to stay inside the frame."""

    def __init__(self, rows: Sequence[MathTex], *, left: float = 2.35, top: float = 2.9, row_height: float = 0.72,
                 right: float = FRAME_RIGHT):
        super().__init__(*rows)
        for index, row in enumerate(rows):
            row.move_to([left, top - row_height * index, 0], aligned_edge=LEFT)
            if row.get_right()[0] > right:
                row.scale_to_fit_width(right - left).move_to([left, top - row_height * index, 0], aligned_edge=LEFT)

    @classmethod
    def race(cls, k: int, plain: str, heavy: str, *, left: float = 4.3, top: float = -1.2,
             row_height: float = 0.5) -> "FactColumn":
        """The distance left after the race's k steps, over the start's: plain descent's, then the heavy ball's."""
        return cls([cls.row(rf"\|\theta_{{{k}}} - \theta^*\| / \|\theta_0 - \theta^*\|", font_size=CELL_SIZE),
                    cls.row(plain, color=DESCENT_COLOR), cls.row(heavy, color=MOMENTUM_COLOR)],
                   left=left, top=top, row_height=row_height)

    @classmethod
    def best(cls, alpha: str, beta: str, rate: str, plain: str, *, row_height: float = 0.95) -> "FactColumn":
        """α*, β*, their rate (√κ − 1)/(√κ + 1) and plain descent's best (κ − 1)/(κ + 1), beside the plane."""
        return cls([cls.row([r"\alpha^*", "= " + alpha], colors={0: DESCENT_COLOR}),
                    cls.row([r"\beta^*", "= " + beta], colors={0: MOMENTUM_COLOR}),
                    cls.row(r"\frac{\sqrt{\kappa} - 1}{\sqrt{\kappa} + 1} = " + rate),
                    cls.row(r"\frac{\kappa - 1}{\kappa + 1} = " + plain, color=DESCENT_COLOR)], row_height=row_height)

    @staticmethod
    def row(tex: str | list[str], *, font_size: float = SUBFORMULA_SIZE, colors: dict[int, object] | None = None,
            **options) -> MathTex:
        row = MathTex(*([tex] if isinstance(tex, str) else tex), font_size=font_size, **options)
        for index, color in (colors or {}).items():
            row[index].set_color(color)
        return row

