"""The one exception family that every refusal in :mod:`gdmath` belongs to."""

__all__ = ["GDMathError", "ParseError", "ParameterError"]


class GDMathError(ValueError):
    """Base class: anything gdmath refuses, with a one-line message for people."""


class ParseError(GDMathError):
    """A function's text is not a polynomial in x and y.

    ``position`` is the 0-based index of the offending part of ``text``.
    """

    def __init__(self, message: str, text: str = "", position: int | None = None):
        self.text = text
        self.position = position
        self.reason = message
        if position is None:
            full = f"cannot read function {text!r}: {message}"
        else:
            fragment = text[position:position + 12]
            full = (f"cannot read function {text!r}: {message} "
                    f"(at column {position + 1}: {fragment!r})")
        super().__init__(full)


class ParameterError(GDMathError):
    """A learning rate, start or step count that gdmath cannot use."""
