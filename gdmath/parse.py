"""Read an objective such as ``"x^2 + 10 y^2"`` as data, never as code."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from .errors import ParseError
from .exact import MAX_DECIMAL_EXPONENT
from .polynomial import MAX_DEGREE, VARIABLES, Polynomial

__all__ = ["parse", "MAX_TEXT_LENGTH"]

#: Longest function text accepted.
MAX_TEXT_LENGTH = 500
#: Largest coefficient size, in bits, accepted in a literal or a result.
_MAX_COEFFICIENT_BITS = 4096

# Characters people paste from notes, read as their ASCII meaning.
_TRANSLATE = str.maketrans({"−": "-", "·": "*", "×": "*", "⋅": "*", "÷": "/"})
_SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789"))

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<number>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)
  | (?P<name>[A-Za-z_][A-Za-z_0-9]*)
  | (?P<superscript>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)
  | (?P<op>\*\*|[-+*/^()])
""", re.VERBOSE)


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    position: int


def parse(text: str) -> Polynomial:
    """Read a polynomial in x, or in x and y, from text.

    Powers are ``**`` or ``^`` (or ², ³ …), products may be implicit (``10 y^2``,
    ``2(x+1)``), and coefficients are exact (``0.1`` is one tenth). Functions of x alone
    have variables ``("x",)``; any y makes them ``("x", "y")``.

    >>> parse("x^2 + 10 y^2")
    Polynomial('x**2 + 10*y**2')
    >>> parse("3*x**2 - x*y + y**2/2 + x")(1, 2)
    Fraction(4, 1)
    >>> parse("x**y")
    Traceback (most recent call last):
    ...
    gdmath.errors.ParseError: cannot read function 'x**y': an exponent must be a whole number such as 2 (at column 4: 'y')
    """
    if not isinstance(text, str):
        raise ParseError(f"expected text, not {type(text).__name__}", repr(text))
    if len(text) > MAX_TEXT_LENGTH:
        raise ParseError(f"longer than {MAX_TEXT_LENGTH} characters", text[:40] + "…")
    if not text.strip():
        raise ParseError("it is empty", text)
    return _Parser(text).parse()


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens = self._tokenize(text)
        self.index = 0
        self.variables = VARIABLES if any(t.kind == "name" and t.text == "y" for t in self.tokens) else VARIABLES[:1]

    # -- tokens ---------------------------------------------------------------
    def _tokenize(self, text: str) -> list[_Token]:
        source = text.translate(_TRANSLATE)
        tokens, position = [], 0
        while position < len(source):
            match = _TOKEN.match(source, position)
            if not match:
                # Reported when the parser reaches it, so that earlier mistakes are named first.
                tokens.append(_Token("bad", source[position], position))
                position += 1
                continue
            kind = match.lastgroup
            if kind == "superscript":
                tokens.append(_Token("op", "**", position))
                tokens.append(_Token("number", "".join(_SUPERSCRIPTS[c] for c in match.group()), position))
            elif kind != "space":
                tokens.append(_Token(kind, "**" if match.group() == "^" else match.group(), position))
            position = match.end()
        tokens.append(_Token("end", "", len(text)))
        return tokens

    def error(self, message: str, position: int | None) -> ParseError:
        return ParseError(message, self.text, position)

    @property
    def current(self) -> _Token:
        return self.tokens[self.index]

    def advance(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def accept(self, *texts: str) -> _Token | None:
        if self.current.kind == "op" and self.current.text in texts:
            return self.advance()
        return None

    # -- grammar --------------------------------------------------------------
    # sum     := product (("+" | "-") product)*
    # product := unary (("*" | "/") unary | <implicit> power)*
    # unary   := ("+" | "-") unary | power
    # power   := atom ("**" unary)?          (right-associative; exponent a whole constant)
    # atom    := number | x | y | "(" sum ")"
    def parse(self) -> Polynomial:
        result = self.sum()
        if self.current.kind != "end":
            token = self.current
            if token.text == ")":
                raise self.error("unmatched ')'", token.position)
            self.refuse_bad(token)
            raise self.error(f"unexpected {token.text!r}", token.position)
        return result

    def sum(self) -> Polynomial:
        result = self.product()
        while (operator := self.accept("+", "-")):
            operand = self.product()
            result = result + operand if operator.text == "+" else result - operand
        return self.checked(result, operator_position=None)

    def product(self) -> Polynomial:
        result = self.unary()
        while True:
            token = self.current
            if self.accept("*"):
                result = self.multiply(result, self.unary(), token.position)
            elif self.accept("/"):
                divisor_position = self.current.position
                divisor = self.unary()
                if divisor.degree > 0:
                    raise self.error("division by a variable is not a polynomial", divisor_position)
                if divisor == 0:
                    raise self.error("division by zero", divisor_position)
                result = self.checked(result / divisor, divisor_position)
            elif token.kind in ("number", "name") or token.text == "(":
                result = self.multiply(result, self.power(), token.position)
            else:
                return result

    def unary(self) -> Polynomial:
        if self.accept("-"):
            return -self.unary()
        if self.accept("+"):
            return self.unary()
        return self.power()

    def power(self) -> Polynomial:
        base = self.atom()
        operator = self.current
        if not self.accept("**"):
            return base
        exponent_position = self.current.position
        exponent = self.unary()
        if exponent.degree > 0 or exponent.terms.get((0,) * len(self.variables), Fraction(0)).denominator != 1:
            raise self.error("an exponent must be a whole number such as 2", exponent_position)
        power = int(exponent.terms.get((0,) * len(self.variables), Fraction(0)))
        if power < 0:
            raise self.error("a negative exponent is not a polynomial", exponent_position)
        if base.degree * power > MAX_DEGREE or (base.degree == 0 and power > MAX_DEGREE):
            raise self.error(f"the exponent {power} is too large (degree at most {MAX_DEGREE})",
                             exponent_position)
        return self.checked(base ** power, operator.position)

    def atom(self) -> Polynomial:
        token = self.advance()
        if token.kind == "number":
            return Polynomial.constant(self.number(token), self.variables)
        if token.kind == "name":
            if self.current.text == "(":
                raise self.error(f"function calls such as {token.text}(…) are not allowed", token.position)
            if token.text not in VARIABLES:
                raise self.error(f"unknown name {token.text!r}: a function may use only x and y",
                                 token.position)
            return Polynomial.variable(token.text, self.variables)
        if token.text == "(":
            inner = self.sum()
            if not self.accept(")"):
                raise self.error("missing ')'", self.current.position)
            return inner
        if token.kind == "end":
            raise self.error("it ends too early", token.position)
        self.refuse_bad(token)
        raise self.error(f"unexpected {token.text!r}", token.position)

    # -- checks ---------------------------------------------------------------
    def refuse_bad(self, token: _Token) -> None:
        if token.kind == "bad":
            hint = "attributes are not allowed" if token.text == "." else f"unexpected character {token.text!r}"
            raise self.error(hint, token.position)

    def number(self, token: _Token) -> Fraction:
        mantissa, _, exponent = token.text.lower().partition("e")
        if exponent and abs(int(exponent)) > MAX_DECIMAL_EXPONENT:
            raise self.error("number out of range", token.position)
        value = Fraction(mantissa) * Fraction(10) ** int(exponent or 0)
        return self.checked_number(value, token.position)

    def checked_number(self, value: Fraction, position: int | None) -> Fraction:
        if max(value.numerator.bit_length(), value.denominator.bit_length()) > _MAX_COEFFICIENT_BITS:
            raise self.error("a coefficient is too large", position)
        return value

    def multiply(self, left: Polynomial, right: Polynomial, position: int) -> Polynomial:
        if left.degree + right.degree > MAX_DEGREE:
            raise self.error(f"degree above {MAX_DEGREE}", position)
        return self.checked(left * right, position)

    def checked(self, result: Polynomial, operator_position: int | None) -> Polynomial:
        for coefficient in result.terms.values():
            self.checked_number(coefficient, operator_position)
        return result

