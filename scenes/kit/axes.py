"""Axes whose tick labels are numbers on screen like any other: exact, and legible at any scale.

Manim labels ticks with ``DecimalNumber`` at a fixed number of decimals, so a step of 0.5 with no
decimals reads "−2, −2, −1" and a span of 10¹¹ is written out digit by digit across the frame.
Here the ticks are exact multiples of a 1-2-5 step, each label says its tick's value exactly with
as many decimals as the step needs, and past :data:`SCIENTIFIC_FROM` (or below
:data:`SCIENTIFIC_BELOW`) labels switch to scientific notation, ``1.5 \\times 10^{11}``.

>>> tick_text(Fraction(-3, 2), Fraction(1, 2))
'-1.5'
>>> tick_text(Fraction(150_000_000_000), Fraction(50_000_000_000), scientific=True)
'1.5 \\\\times 10^{11}'
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from manim import DOWN, LEFT, Axes, MathTex
from manim.mobject.graphing.scale import LinearBase, _ScaleBase

from .style import AXIS_COLOR, fixed_text

__all__ = ["Tick", "nice_step", "tick_values", "tick_text", "power_text", "numbered_axes", "scaled_range",
           "SignedLog", "SCIENTIFIC_FROM", "SCIENTIFIC_BELOW", "LOG_SCALE_FROM"]

#: Labels switch to scientific notation when a tick reaches this size ...
SCIENTIFIC_FROM = 10 ** 5
#: ... or when the step is this fine.
SCIENTIFIC_BELOW = Fraction(1, 1000)
#: Values spanning more than this factor (all of one sign) are best read on a log scale.
LOG_SCALE_FROM = 1000
#: Manim's number lines collapse to a point past about 10¹⁶; past this size an axis is drawn in
#: units of a power of ten (its labels still say the true values).
SCALED_FROM = 10 ** 6


@dataclass(frozen=True)
class Tick:
    """One labelled tick: which axis, its exact value, and the LaTeX drawn beside it."""

    axis: str
    value: Fraction
    text: str


def nice_step(span: float, count: int) -> Fraction:
    """The exact 1-2-5 step (1, 2 or 5 times a power of ten) giving about ``count`` ticks over ``span``.

    >>> nice_step(11, 10), nice_step(27.5, 5), nice_step(3, 10), nice_step(4e11, 4)
    (Fraction(2, 1), Fraction(10, 1), Fraction(1, 2), Fraction(100000000000, 1))
    """
    raw = max(float(span), 1e-12) / count
    exponent = math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        step = factor * Fraction(10) ** exponent
        if raw <= step * (1 + 1e-12):
            return step
    return Fraction(10) ** (exponent + 1)


def tick_values(low: float, high: float, step: Fraction) -> list[Fraction]:
    """The exact multiples of ``step`` from ``low`` to ``high`` (both included, up to rounding)."""
    first = math.ceil(Fraction(low) / step - Fraction(1, 10 ** 9))
    last = math.floor(Fraction(high) / step + Fraction(1, 10 ** 9))
    return [n * step for n in range(first, last + 1)]


def _decimals(step: Fraction) -> int:
    """Decimals that every multiple of ``step`` needs (0 for whole steps)."""
    places = 0
    while (step * 10 ** places).denominator != 1:
        places += 1
    return places


def tick_text(value: Fraction, step: Fraction, scientific: bool = False) -> str:
    """The LaTeX that labels the tick at ``value`` (a multiple of ``step``), exactly.

    >>> [tick_text(Fraction(v), Fraction(1, 4)) for v in ("0", "0.25", "-1")]
    ['0', '0.25', '-1.00']
    >>> tick_text(Fraction(1, 5000), Fraction(1, 10000), scientific=True)
    '2 \\\\times 10^{-4}'
    """
    if value == 0:
        return "0"
    if not scientific:
        return fixed_text(value, _decimals(step))
    exponent = math.floor(math.log10(abs(value)))
    mantissa = value / Fraction(10) ** exponent
    if abs(mantissa) >= 10:  # log10 rounded down across a power of ten
        exponent, mantissa = exponent + 1, mantissa / 10
    elif abs(mantissa) < 1:
        exponent, mantissa = exponent - 1, mantissa * 10
    return rf"{fixed_text(mantissa, _decimals(mantissa))} \times 10^{{{exponent}}}"


def power_text(exponent: int, sign: int = 1) -> str:
    """The LaTeX of ±10^exponent, as a log axis labels its ticks.

    >>> power_text(0), power_text(1), power_text(12), power_text(-3, sign=-1)
    ('1', '10', '10^{12}', '-10^{-3}')
    """
    body = {0: "1", 1: "10"}.get(exponent, f"10^{{{exponent}}}")
    return ("-" if sign < 0 else "") + body


class SignedLog(_ScaleBase):
    """A log scale for values of one sign: ``sign · 10^(sign · p)`` at position p.

    For positive values it is manim's LogBase; for negative ones, larger magnitudes sit lower,
    as −1000 sits below −10 on a linear axis.
    """

    def __init__(self, sign: int = 1):
        super().__init__(custom_labels=False)
        self.sign = 1 if sign >= 0 else -1

    def function(self, value):
        return self.sign * np.power(10.0, self.sign * np.asarray(value, dtype=float))

    def inverse_function(self, value):
        return self.sign * np.log10(self.sign * np.asarray(value, dtype=float))


def scaled_range(low: float, high: float, step: float) -> tuple[list[float], LinearBase]:
    """A number line's range in units of a power of ten when its values are too large to draw as they are."""
    size = max(abs(low), abs(high))
    unit = 10.0 ** math.floor(math.log10(size)) if size >= SCALED_FROM else 1.0
    return [low / unit, high / unit, step / unit], LinearBase(scale_factor=unit)


def numbered_axes(x_range: tuple[float, float], y_range: tuple[float, float], *, x_ticks: int, y_ticks: int,
                  x_length: float, y_length: float, font_size: float = 20, x_step: Fraction | None = None,
                  y_step: Fraction | None = None, y_log: bool = False, color=AXIS_COLOR, **axes_options) -> Axes:
    """Axes over the given ranges with about ``x_ticks``/``y_ticks`` exact, legible tick labels.

    The ranges are widened to the nearest ticks where they do not reach zero, so that every tick
    sits on a multiple of its step. The returned axes carry ``ticks``: a :class:`Tick` per label.

    With ``y_log`` the y-axis is logarithmic: ``y_range`` holds the smallest and largest magnitude
    of values all of one sign (negative values, a negative range), and ticks sit on powers of ten.
    ``axes.c2p(x, y)`` takes true values either way, however large.
    """
    x_axis_range, x_ticks_list = _linear_ticks("x", x_range, x_ticks, x_step)
    if y_log:
        y_axis_range, y_ticks_list, y_scaling = _log_ticks(y_range, y_ticks)
    else:
        y_plain_range, y_ticks_list = _linear_ticks("y", y_range, y_ticks, y_step)
        y_axis_range, y_scaling = scaled_range(*y_plain_range)
    axes_options.setdefault("tips", False)
    axis_config = {"color": color, "include_numbers": False, **axes_options.pop("axis_config", {})}
    y_axis_config = {"scaling": y_scaling, **axes_options.pop("y_axis_config", {})}
    axes = Axes(x_range=x_axis_range, y_range=y_axis_range, x_length=x_length, y_length=y_length,
                axis_config=axis_config, y_axis_config=y_axis_config, **axes_options)
    for axis, axis_ticks, direction in ((axes.x_axis, x_ticks_list, DOWN), (axes.y_axis, y_ticks_list, LEFT)):
        # Zero is where the axes cross: labelled once, on neither axis, as is usual.
        labels = {float(t.value): _tick_label(t, font_size, color) for t in axis_ticks if t.value != 0}
        axis.add_labels(labels, direction=direction, buff=0.12, font_size=font_size)
    axes.ticks = [t for t in x_ticks_list + y_ticks_list if t.value != 0]
    return axes


def _tick_label(tick: Tick, font_size: float, color) -> MathTex:
    """The label of one tick; it carries its ``tick``, so what is drawn can be traced to its value."""
    label = MathTex(tick.text, font_size=font_size, color=color)
    label.tick = tick
    return label


def _linear_ticks(name: str, value_range: tuple[float, float], count: int,
                  step: Fraction | None) -> tuple[list[float], list[Tick]]:
    """The range (widened to whole steps away from zero) and the ticks of a linear axis."""
    low, high = value_range
    if not (math.isfinite(low) and math.isfinite(high) and low < high):
        raise ValueError(f"{name} range must be finite and increasing, not {low} to {high}")
    if name == "x" and max(abs(low), abs(high)) >= 10 ** 15:
        raise ValueError(f"x range {low} to {high} is too wide to draw")
    step = step if step is not None else nice_step(high - low, count)
    if low > 0:
        low = float(math.floor(Fraction(low) / step) * step)
    if high < 0:
        high = float(math.ceil(Fraction(high) / step) * step)
    values = tick_values(low, high, step)
    scientific = max(abs(v) for v in values) >= SCIENTIFIC_FROM or step < SCIENTIFIC_BELOW
    return [low, high, float(step)], [Tick(name, v, tick_text(v, step, scientific)) for v in values]


def _log_ticks(value_range: tuple[float, float], count: int) -> tuple[list[float], list[Tick], SignedLog]:
    """The positions range, the ticks on powers of ten and the scale of a log y-axis."""
    low, high = value_range
    sign = -1 if high < 0 else 1
    if not (math.isfinite(low) and math.isfinite(high) and 0 < sign * low and low < high):
        raise ValueError(f"a log y range must be finite, of one sign and increasing, not {low} to {high}")
    # Positions p with value sign·10^(sign·p): whole exponents at both ends.
    smallest, largest = sorted((abs(low), abs(high)))
    exponents = math.floor(math.log10(smallest)), math.ceil(math.log10(largest))
    if exponents[0] == exponents[1]:
        exponents = exponents[0], exponents[0] + 1
    step = max(1, int(nice_step(exponents[1] - exponents[0], count)))
    positions = sorted(sign * e for e in exponents)
    ticks = [Tick("y", sign * Fraction(10) ** (sign * p), power_text(sign * p, sign))
             for p in range(math.ceil(positions[0] / step) * step, positions[1] + 1, step)]
    return [positions[0], positions[1], float(step)], ticks, SignedLog(sign)
