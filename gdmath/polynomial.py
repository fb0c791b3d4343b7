"""Polynomials in x, or in x and y, with exact rational coefficients."""

from __future__ import annotations

from fractions import Fraction
from typing import Iterable, Mapping

from .errors import GDMathError, ParameterError
from .exact import as_fraction, as_point

__all__ = ["Polynomial", "VARIABLES", "MAX_DEGREE", "x", "y"]

#: The variable names an objective may use, in order.
VARIABLES = ("x", "y")
#: Highest total degree accepted; beyond it numbers grow too fast to be of use on screen.
MAX_DEGREE = 32

Exponents = tuple[int, ...]


class Polynomial:
    """An immutable polynomial over ``variables`` (``("x",)`` or ``("x", "y")``).

    Build one in code with the variables ``x`` and ``y`` and ordinary arithmetic,
    or read one from text with :func:`gdmath.parse`.

    >>> from gdmath.polynomial import x, y
    >>> f = x**2 + 10*y**2
    >>> f
    Polynomial('x**2 + 10*y**2')
    >>> f(4, 4)
    Fraction(176, 1)
    >>> f.gradient_at((4, 4))
    (Fraction(8, 1), Fraction(80, 1))
    """

    __slots__ = ("_terms", "_variables", "_hash")

    def __init__(self, terms: Mapping[Exponents, object] | None = None,
                 variables: Iterable[str] = ("x",)):
        variables = tuple(variables)
        if variables not in (VARIABLES[:1], VARIABLES):
            raise GDMathError(f"variables must be ('x',) or ('x', 'y'), not {variables}")
        clean: dict[Exponents, Fraction] = {}
        for exponents, coefficient in (terms or {}).items():
            exponents = tuple(int(e) for e in exponents)
            if len(exponents) != len(variables) or any(e < 0 for e in exponents):
                raise GDMathError(f"bad exponents {exponents} for variables {variables}")
            coefficient = as_fraction(coefficient, "coefficient")
            if coefficient:
                clean[exponents] = clean.get(exponents, Fraction(0)) + coefficient
        self._terms = {e: c for e, c in sorted(clean.items(), key=_term_order) if c}
        self._variables = variables
        self._hash = None

    # -- construction -------------------------------------------------------
    @classmethod
    def constant(cls, value, variables: Iterable[str] = ("x",)) -> "Polynomial":
        """The constant polynomial ``value``.

        >>> Polynomial.constant(3)
        Polynomial('3')
        """
        variables = tuple(variables)
        return cls({(0,) * len(variables): value}, variables)

    @classmethod
    def variable(cls, name: str, variables: Iterable[str] | None = None) -> "Polynomial":
        """The polynomial ``name`` (``"x"`` or ``"y"``).

        >>> Polynomial.variable("y").variables
        ('x', 'y')
        """
        if name not in VARIABLES:
            raise GDMathError(f"unknown variable {name!r}: only x and y")
        variables = tuple(variables) if variables else (VARIABLES if name == "y" else VARIABLES[:1])
        exponents = tuple(1 if v == name else 0 for v in variables)
        return cls({exponents: 1}, variables)

    def with_variables(self, variables: Iterable[str]) -> "Polynomial":
        """The same polynomial seen as a function of ``variables`` (which must include its own).

        >>> (x**2).with_variables(("x", "y")).variables
        ('x', 'y')
        """
        variables = tuple(variables)
        if variables == self._variables:
            return self
        if len(variables) < len(self._variables):
            if any(e[1] for e in self._terms):
                raise GDMathError(f"{self} depends on y")
            return Polynomial({e[:1]: c for e, c in self._terms.items()}, variables)
        return Polynomial({e + (0,): c for e, c in self._terms.items()}, variables)

    # -- properties ---------------------------------------------------------
    @property
    def variables(self) -> tuple[str, ...]:
        """Names of the variables, in order."""
        return self._variables

    @property
    def dimension(self) -> int:
        """Number of variables: 1 or 2."""
        return len(self._variables)

    @property
    def terms(self) -> dict[Exponents, Fraction]:
        """A copy of the terms: exponent tuple → non-zero coefficient."""
        return dict(self._terms)

    @property
    def degree(self) -> int:
        """Total degree; 0 for constants (including zero).

        >>> (3*x**2 - x*y + y**2/2 + x).degree
        2
        """
        return max((sum(e) for e in self._terms), default=0)

    @property
    def is_quadratic(self) -> bool:
        """True when the degree is at most 2, so the Hessian is constant."""
        return self.degree <= 2

    # -- calculus -------------------------------------------------------------
    def __call__(self, *point) -> Fraction:
        """The exact value at ``point`` (coordinates as separate arguments or one tuple).

        >>> (x**2)(Fraction(1, 2))
        Fraction(1, 4)
        """
        coordinates = as_point(point[0] if len(point) == 1 else point, self.dimension, "point")
        return self._evaluate(coordinates)

    def _evaluate(self, coordinates: tuple[Fraction, ...]) -> Fraction:
        total = Fraction(0)
        for exponents, coefficient in self._terms.items():
            term = coefficient
            for value, power in zip(coordinates, exponents):
                if power:
                    term *= value ** power
            total += term
        return total

    value_at = __call__

    def partial(self, variable: str) -> "Polynomial":
        """The partial derivative with respect to ``variable``.

        >>> (x**2 + y**2).partial("x")
        Polynomial('2*x')
        """
        if variable not in self._variables:
            raise GDMathError(f"{self} has no variable {variable!r}")
        index = self._variables.index(variable)
        terms = {}
        for exponents, coefficient in self._terms.items():
            power = exponents[index]
            if power:
                lowered = exponents[:index] + (power - 1,) + exponents[index + 1:]
                terms[lowered] = coefficient * power
        return Polynomial(terms, self._variables)

    def derivative(self) -> "Polynomial":
        """The derivative of a polynomial in x alone.

        >>> (x**2).derivative()
        Polynomial('2*x')
        """
        if self.dimension != 1:
            raise GDMathError("derivative() is for functions of x alone; use gradient()")
        return self.partial("x")

    def gradient(self) -> tuple["Polynomial", ...]:
        """The partial derivatives, one per variable.

        >>> (x**2 + y**2).gradient()
        (Polynomial('2*x'), Polynomial('2*y'))
        """
        return tuple(self.partial(v) for v in self._variables)

    def gradient_at(self, point) -> tuple[Fraction, ...]:
        """The exact gradient at ``point``.

        >>> (x**2).gradient_at(5)
        (Fraction(10, 1),)
        """
        coordinates = as_point(point, self.dimension, "point")
        return tuple(p._evaluate(coordinates) for p in self.gradient())

    def hessian(self) -> tuple[tuple["Polynomial", ...], ...]:
        """The matrix of second partial derivatives, as polynomials.

        >>> (x**2 + y**2).hessian()
        ((Polynomial('2'), Polynomial('0')), (Polynomial('0'), Polynomial('2')))
        """
        return tuple(tuple(g.partial(v) for v in self._variables) for g in self.gradient())

    def hessian_at(self, point) -> tuple[tuple[Fraction, ...], ...]:
        """The exact Hessian at ``point``.

        >>> (3*x**2 - x*y + y**2/2 + x).hessian_at((0, 0))
        ((Fraction(6, 1), Fraction(-1, 1)), (Fraction(-1, 1), Fraction(1, 1)))
        """
        coordinates = as_point(point, self.dimension, "point")
        return tuple(tuple(h._evaluate(coordinates) for h in row) for row in self.hessian())

    # -- arithmetic -----------------------------------------------------------
    def _coerce(self, other) -> "Polynomial":
        if isinstance(other, Polynomial):
            return other
        try:
            return Polynomial.constant(as_fraction(other), self._variables)
        except ParameterError:
            return NotImplemented

    def _common(self, other: "Polynomial") -> tuple["Polynomial", "Polynomial"]:
        variables = max(self._variables, other._variables, key=len)
        return self.with_variables(variables), other.with_variables(variables)

    def __add__(self, other):
        other = self._coerce(other)
        if other is NotImplemented:
            return NotImplemented
        a, b = self._common(other)
        terms = dict(a._terms)
        for exponents, coefficient in b._terms.items():
            terms[exponents] = terms.get(exponents, Fraction(0)) + coefficient
        return Polynomial(terms, a._variables)

    __radd__ = __add__

    def __neg__(self):
        return Polynomial({e: -c for e, c in self._terms.items()}, self._variables)

    def __pos__(self):
        return self

    def __sub__(self, other):
        other = self._coerce(other)
        if other is NotImplemented:
            return NotImplemented
        return self + (-other)

    def __rsub__(self, other):
        other = self._coerce(other)
        if other is NotImplemented:
            return NotImplemented
        return other + (-self)

    def __mul__(self, other):
        other = self._coerce(other)
        if other is NotImplemented:
            return NotImplemented
        a, b = self._common(other)
        if a.degree + b.degree > MAX_DEGREE and a._terms and b._terms:
            raise GDMathError(f"degree above {MAX_DEGREE}")
        terms: dict[Exponents, Fraction] = {}
        for ea, ca in a._terms.items():
            for eb, cb in b._terms.items():
                exponents = tuple(i + j for i, j in zip(ea, eb))
                terms[exponents] = terms.get(exponents, Fraction(0)) + ca * cb
        return Polynomial(terms, a._variables)

    __rmul__ = __mul__

    def __truediv__(self, other):
        if isinstance(other, Polynomial):
            if other.degree > 0:
                raise GDMathError("division by a variable does not give a polynomial")
            other = other._terms.get((0,) * other.dimension, Fraction(0))
        divisor = as_fraction(other, "divisor")
        if divisor == 0:
            raise GDMathError("division by zero")
        return Polynomial({e: c / divisor for e, c in self._terms.items()}, self._variables)

    def __pow__(self, exponent):
        if isinstance(exponent, bool) or not isinstance(exponent, int) or exponent < 0:
            raise GDMathError(f"a polynomial power needs a whole exponent ≥ 0, not {exponent!r}")
        if self.degree * exponent > MAX_DEGREE:
            raise GDMathError(f"degree {self.degree * exponent} is above {MAX_DEGREE}")
        result = Polynomial.constant(1, self._variables)
        for _ in range(exponent):
            result = result * self
        return result

    def __eq__(self, other):
        if isinstance(other, Polynomial):
            # The same expression is equal whether read as a function of x or of x, y.
            a, b = self._common(other)
            return a._terms == b._terms
        if self.degree == 0:
            try:
                return self._terms.get((0,) * self.dimension, Fraction(0)) == as_fraction(other)
            except ParameterError:
                return NotImplemented
        return NotImplemented

    def __hash__(self):
        if self._hash is None:
            self._hash = hash(tuple(self.with_variables(VARIABLES)._terms.items()))
        return self._hash

    # -- text -----------------------------------------------------------------
    def __str__(self) -> str:
        """Python-style text that :func:`gdmath.parse` reads back to an equal polynomial.

        >>> str(3*x**2 - x*y + y**2/2 + x)
        '3*x**2 - x*y + y**2/2 + x'
        """
        if not self._terms:
            return "0"
        pieces = []
        for exponents, coefficient in self._terms.items():
            monomial = "*".join(
                name if power == 1 else f"{name}**{power}"
                for name, power in zip(self._variables, exponents) if power)
            sign = "-" if coefficient < 0 else "+"
            magnitude = abs(coefficient)
            numerator, denominator = magnitude.numerator, magnitude.denominator
            if not monomial:
                body = str(magnitude)
            else:
                body = monomial if numerator == 1 else f"{numerator}*{monomial}"
                if denominator != 1:
                    body += f"/{denominator}"
            pieces.append((sign, body))
        first_sign, first_body = pieces[0]
        text = ("-" if first_sign == "-" else "") + first_body
        for sign, body in pieces[1:]:
            text += f" {sign} {body}"
        return text

    def __repr__(self) -> str:
        return f"Polynomial({str(self)!r})"

    def to_latex(self) -> str:
        r"""LaTeX for MathTex: fractions as ``\frac``, powers as superscripts.

        >>> (3*x**2 - x*y + y**2/2 + x).to_latex()
        '3x^{2} - xy + \\frac{1}{2}y^{2} + x'
        """
        if not self._terms:
            return "0"
        text = ""
        for index, (exponents, coefficient) in enumerate(self._terms.items()):
            monomial = "".join(
                name if power == 1 else f"{name}^{{{power}}}"
                for name, power in zip(self._variables, exponents) if power)
            magnitude = abs(coefficient)
            if magnitude.denominator != 1:
                number = rf"\frac{{{magnitude.numerator}}}{{{magnitude.denominator}}}"
            elif magnitude == 1 and monomial:
                number = ""
            else:
                number = str(magnitude.numerator)
            if index == 0:
                text = ("-" if coefficient < 0 else "") + number + monomial
            else:
                text += (" - " if coefficient < 0 else " + ") + number + monomial
        return text


def _term_order(item):
    exponents, _ = item
    # Highest degree first, then higher powers of x first: x**2 + x*y + y**2 + x + y + 1.
    return (-sum(exponents), tuple(-e for e in exponents))


x = Polynomial.variable("x")
y = Polynomial.variable("y")
