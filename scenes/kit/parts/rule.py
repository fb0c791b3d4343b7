"""The update rule θ ← θ − α∇f(θ), written once for every scene that shows it."""

from __future__ import annotations

from manim import MathTex

from ..style import DISPLAY_SIZE, TEXT_COLOR

__all__ = ["UpdateRule"]


class UpdateRule(MathTex):
    r"""θ ← θ − α∇f(θ) as one formula whose pieces can be coloured and pointed at.

    Parameters
    ----------
    objective
        The letter of the function descended: ``"f"`` (the lecture's notation) or ``"J"`` (a loss).
    theta_color, alpha_color, gradient_color
        Colours of both θ, of α, and of ∇f(θ); None leaves a piece in ``color``.
    font_size, color
        As for MathTex.

    The pieces are attributes: :attr:`theta` (the θ updated), :attr:`arrow`, :attr:`alpha`,
    :attr:`gradient`.

    >>> rule = UpdateRule("J")
    >>> rule.tex_string, rule.alpha.tex_string
    ('\\theta \\leftarrow \\theta - \\alpha \\nabla J(\\theta)', '\\alpha')
    """

    def __init__(self, objective: str = "f", *, theta_color=None, alpha_color=None, gradient_color=None,
                 font_size: float = DISPLAY_SIZE, color=TEXT_COLOR, **kwargs):
        super().__init__(r"\theta", r"\leftarrow", r"\theta", "-", r"\alpha", rf"\nabla {objective}(\theta)",
                         font_size=font_size, color=color, **kwargs)
        self.theta, self.arrow, self.alpha, self.gradient = self[0], self[1], self[4], self[5]
        for pieces, piece_color in (((self[0], self[2]), theta_color), ((self[4],), alpha_color),
                                    ((self[5],), gradient_color)):
            if piece_color is not None:
                for piece in pieces:
                    piece.set_color(piece_color)
