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

from manim import DOWN, LEFT, Axes, MathTex

from .style import AXIS_COLOR

__all__ = ["Tick", "nice_step", "tick_values", "tick_text", "numbered_axes", "SCIENTIFIC_FROM", "SCIENTIFIC_BELOW"]

#: Labels switch to scientific notation when a tick reaches this size ...
SCIENTIFIC_FROM = 10 ** 5
#: ... or when the step is this fine.
SCIENTIFIC_BELOW = Fraction(1, 1000)


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


def _fixed(value: Fraction, places: int) -> str:
    sign = "-" if value < 0 else ""
    scaled = abs(value) * 10 ** places
    assert scaled.denominator == 1, (value, places)
    digits = str(scaled.numerator).rjust(places + 1, "0")
    return sign + (digits[:-places] + "." + digits[-places:] if places else digits)


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
        return _fixed(value, _decimals(step))
    exponent = math.floor(math.log10(abs(value)))
    mantissa = value / Fraction(10) ** exponent
    if abs(mantissa) >= 10:  # log10 rounded down across a power of ten
        exponent, mantissa = exponent + 1, mantissa / 10
    elif abs(mantissa) < 1:
        exponent, mantissa = exponent - 1, mantissa * 10
    return rf"{_fixed(mantissa, _decimals(mantissa))} \times 10^{{{exponent}}}"


def numbered_axes(x_range: tuple[float, float], y_range: tuple[float, float], *, x_ticks: int, y_ticks: int,
                  x_length: float, y_length: float, font_size: float = 20, x_step: Fraction | None = None,
                  y_step: Fraction | None = None, color=AXIS_COLOR, **axes_options) -> Axes:
    """Axes over the given ranges with about ``x_ticks``/``y_ticks`` exact, legible tick labels.

    The ranges are widened to the nearest ticks where they do not reach zero, so that every tick
    sits on a multiple of its step. The returned axes carry ``ticks``: a :class:`Tick` per label.
    """
    ranges, ticks = [], []
    for name, (low, high), count, step in (("x", x_range, x_ticks, x_step), ("y", y_range, y_ticks, y_step)):
        if not (math.isfinite(low) and math.isfinite(high) and low < high):
            raise ValueError(f"{name} range must be finite and increasing, not {low} to {high}")
        step = step if step is not None else nice_step(high - low, count)
        if low > 0:
            low = float(math.floor(Fraction(low) / step) * step)
        if high < 0:
            high = float(math.ceil(Fraction(high) / step) * step)
        values = tick_values(low, high, step)
        scientific = max(abs(v) for v in values) >= SCIENTIFIC_FROM or step < SCIENTIFIC_BELOW
        ranges.append([low, high, float(step)])
        ticks.append([Tick(name, v, tick_text(v, step, scientific)) for v in values])
    axes_options.setdefault("tips", False)
    axis_config = {"color": color, "include_numbers": False, **axes_options.pop("axis_config", {})}
    axes = Axes(x_range=ranges[0], y_range=ranges[1], x_length=x_length, y_length=y_length,
                axis_config=axis_config, **axes_options)
    for axis, axis_ticks, direction in ((axes.x_axis, ticks[0], DOWN), (axes.y_axis, ticks[1], LEFT)):
        # Zero is where the axes cross: labelled once, on neither axis, as is usual.
        labels = {float(t.value): MathTex(t.text, font_size=font_size, color=color)
                  for t in axis_ticks if t.value != 0}
        axis.add_labels(labels, direction=direction, buff=0.12, font_size=font_size)
    axes.ticks = [t for axis_ticks in ticks for t in axis_ticks if t.value != 0]
    return axes
