"""The shared look: one colour per mathematical role, fonts, the caption band, number text."""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

from manim import (BLACK, BLUE_C, GREEN_A, GREEN_C, GREY_B, GREY_D, MAROON_C, ORANGE, PINK, PURPLE_B, RED_C,
                   TEAL_C, WHITE, YELLOW_C, ManimColor, config)

from gdmath import Regime, RootSum, Surd, decimal_text

__all__ = [
    "FUNCTION_COLOR", "DERIVATIVE_COLOR", "GRADIENT_COLOR", "DESCENT_COLOR", "SECANT_COLOR",
    "LEVEL_COLOR", "AXIS_COLOR", "TEXT_COLOR", "MUTED_COLOR", "REGIME_COLORS", "MU_COLOR", "L_COLOR", "MOMENTUM_COLOR",
    "SURFACE_HIGHLIGHT", "SHADE_COLOR", "ROLE_COLORS",
    "FONT", "HERO_SIZE", "DISPLAY_SIZE", "EMPHASIS_SIZE", "TITLE_SIZE", "HEADING_SIZE", "FORMULA_SIZE",
    "SUBFORMULA_SIZE", "TABLE_SIZE", "CAPTION_FONT_SIZE", "LABEL_FONT_SIZE", "CELL_SIZE", "SMALL_SIZE", "TICK_SIZE",
    "NOTE_SIZE", "TINY_SIZE",
    "FRAME_MARGIN", "HALF_WIDTH", "HALF_HEIGHT", "FRAME_LEFT", "FRAME_RIGHT", "FRAME_TOP", "CAPTION_TOP",
    "MATH_BOTTOM",
    "fixed_text",
    "FontMissingError", "require_font", "number_text", "plain_formula", "tex_color_map",
]

# One colour per role, in every scene, so that "orange" always means f′ and "yellow" the descent.
FUNCTION_COLOR: ManimColor = BLUE_C       # f, its graph and surface
DERIVATIVE_COLOR: ManimColor = ORANGE     # f′, slopes and tangents
GRADIENT_COLOR: ManimColor = RED_C        # ∇f, steepest ascent
DESCENT_COLOR: ManimColor = YELLOW_C      # −∇f, the descent path and its points
SECANT_COLOR: ManimColor = TEAL_C         # secants on the way to the tangent
LEVEL_COLOR: ManimColor = GREY_B          # level curves
AXIS_COLOR: ManimColor = GREY_B
TEXT_COLOR: ManimColor = WHITE
MUTED_COLOR: ManimColor = GREY_D
#: The gentle (μ) and steep (L) curvatures of a bowl.
MU_COLOR: ManimColor = ManimColor("#b8b8ff")
L_COLOR: ManimColor = ManimColor("#f7c797")
#: The velocity a heavy ball carries over, β(θ_k − θ_{k−1}), and the heavy ball's run.
MOMENTUM_COLOR: ManimColor = ManimColor("#4fd6ff")
#: How a run behaves, decided exactly by gdmath; the α line's regions use the same colours.
REGIME_COLORS: dict[Regime, ManimColor] = {
    Regime.MONOTONE: GREEN_C, Regime.ONE_STEP: GREEN_A, Regime.OSCILLATING: PURPLE_B, Regime.CYCLE: PINK,
    Regime.DIVERGING: MAROON_C, Regime.STATIONARY: MUTED_COLOR,
}
#: Shading of surfaces: the lit top and the unlit side (not roles, so they may repeat).
SURFACE_HIGHLIGHT: ManimColor = ManimColor("#e0f0ff")
SHADE_COLOR: ManimColor = BLACK

#: Every role and its colour: no two roles share one (tests/scenes/test_style.py checks).
ROLE_COLORS: dict[str, ManimColor] = {
    "function": FUNCTION_COLOR, "derivative": DERIVATIVE_COLOR, "gradient": GRADIENT_COLOR,
    "descent": DESCENT_COLOR, "secant": SECANT_COLOR, "level": LEVEL_COLOR, "text": TEXT_COLOR,
    "muted": MUTED_COLOR, "mu": MU_COLOR, "L": L_COLOR, "momentum": MOMENTUM_COLOR,
    **{f"regime {regime.value}": color for regime, color in REGIME_COLORS.items() if regime is not Regime.STATIONARY},
}

#: The font for all Text, Hangul and Latin alike (Debian: fonts-nanum).
FONT = "NanumGothic"

# The type scale, by what a text is (manim's font_size). Scenes and parts name a size, never a number.
HERO_SIZE = 56          # the one symbol a beat is about, alone on screen (α in the learning-rate intro)
DISPLAY_SIZE = 44       # the formula a beat introduces, centre stage (the update rule)
EMPHASIS_SIZE = 42      # a summary's symbols
TITLE_SIZE = 40         # screen titles; the main formula of a panel
HEADING_SIZE = 36       # formulas beside a plot, table headers of a short table
FORMULA_SIZE = 34       # labels of curves (f(x) = …), cells of a short table
SUBFORMULA_SIZE = 32    # a formula under another (∇f = …), readouts
TABLE_SIZE = 30         # table headers and cells, the α beside the rule, summary words
CAPTION_FONT_SIZE = 28  # the caption band; labels of regimes
LABEL_FONT_SIZE = 26    # on-screen words: labels, legends
CELL_SIZE = 24          # table cells, readout values, small words
SMALL_SIZE = 22         # a dense label (level values, a long regime word)
TICK_SIZE = 20          # tick labels of main axes; cells of a long table
NOTE_SIZE = 18          # a note under a panel (log scale)
TINY_SIZE = 16          # tick labels of a small panel

# The screen: a margin all round, the math above the caption band.
FRAME_MARGIN = 0.25
#: The frame's half-width and half-height (frame units), and the edges of the drawable area inside the margin.
HALF_WIDTH = config.frame_width / 2
HALF_HEIGHT = config.frame_height / 2
FRAME_LEFT = -HALF_WIDTH + FRAME_MARGIN
FRAME_RIGHT = HALF_WIDTH - FRAME_MARGIN
FRAME_TOP = HALF_HEIGHT - FRAME_MARGIN
#: The caption band is everything below CAPTION_TOP; the math stays above MATH_BOTTOM.
CAPTION_TOP = -HALF_HEIGHT + 1.0
MATH_BOTTOM = CAPTION_TOP + 0.1


class FontMissingError(RuntimeError):
    """The font for Hangul is not installed: Korean would render as empty boxes."""


@lru_cache(maxsize=None)
def require_font(font: str = FONT) -> str:
    """Return ``font`` if Pango can use it, else raise :class:`FontMissingError` with the fix."""
    import manimpango

    if font not in manimpango.list_fonts():
        raise FontMissingError(
            f"font {font!r} is not installed, so Korean text would show as empty boxes; "
            f"install it with: sudo apt-get install fonts-nanum (or run scripts/setup.sh)")
    return font


def number_text(value: Fraction | Surd | RootSum, significant: int = 4) -> str:
    """A number as people read it on screen: exact when short, else a rounded decimal.

    Integers and short decimals are shown exactly (``4``, ``3.2``, ``2.56``); longer values
    are rounded to ``significant`` digits (``0.5369``), all of them shown, so a rounded value
    never looks exact (−0.99998 reads ``-1.000``, not ``-1``). An irrational surd is always
    rounded: κ = (5 + 3√2)/(5 − 3√2) ≈ 12.2037 reads ``12.20``.

    >>> number_text(Surd(5, 3, 2) / Surd(5, -3, 2)), number_text(Surd.sqrt(4))
    ('12.20', '2')
    """
    if isinstance(value, RootSum):
        value = value.approximation()
    if isinstance(value, Surd):
        # Forty digits hold an irrational far past 4; its decimal expansion never stops there.
        value = value.as_fraction() if value.is_rational else value.approximation()
    return decimal_text(Fraction(value), significant, mark_rounded=True)


def fixed_text(value: Fraction, decimals: int) -> str:
    """``value`` rounded (half to even) to ``decimals`` decimals, every one written, as a readout shows it.

    >>> fixed_text(Fraction(1), 2), fixed_text(Fraction(-1, 8), 2), fixed_text(Fraction(2, 3), 0)
    ('1.00', '-0.12', '1')
    """
    scaled = Fraction(value) * 10 ** decimals
    whole = round(scaled)  # Fraction rounds half to even
    digits = str(abs(whole)).rjust(decimals + 1, "0")
    sign = "-" if whole < 0 else ""
    return sign + (digits[:-decimals] + "." + digits[-decimals:] if decimals else digits)


def tex_color_map() -> dict[str, ManimColor]:
    """Colours for symbols in MathTex, by role (use with ``tex_to_color_map``)."""
    return {r"\nabla f": GRADIENT_COLOR, r"\nabla J": GRADIENT_COLOR, "f'": DERIVATIVE_COLOR,
            r"\alpha": DESCENT_COLOR, r"\theta": DESCENT_COLOR}


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def plain_formula(polynomial) -> str:
    """A polynomial as plain text for captions: ``3x² − xy + y²/2`` rather than Python's ``**``.

    >>> from gdmath import parse
    >>> plain_formula(parse("3*x**2 - x*y + y**2/2 + x"))
    '3x² − xy + y²/2 + x'
    """
    import re

    text = str(polynomial)
    text = re.sub(r"\*\*(\d+)", lambda m: m.group(1).translate(_SUPERSCRIPT), text)
    return text.replace("*", "").replace(" - ", " − ").replace("-", "−")
