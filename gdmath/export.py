"""The exact tables gdmath writes: a run as text, CSV or JSON, and a learning-rate analysis.

Course pages publish these beside each video, and ``python -m gdmath`` prints them. Every number
is exact text (``"16/5"``), with decimals beside it where a reader wants them.

>>> from gdmath import descend
>>> print(run_to_csv(descend("x^2", 5, "0.1", 1)))
k,x,x_decimal,value,value_decimal,gradient_x,gradient_x_decimal
0,5,5,25,25,10,10
1,4,4,16,16,8,8
"""

from __future__ import annotations

import csv
import io
from fractions import Fraction

from .analysis import quadratic_model
from .descent import Run
from .exact import decimal_text, exact_text

__all__ = ["run_to_json", "run_to_csv", "run_to_table", "analysis_to_json", "analysis_to_table",
           "shortenings", "shortened_digits"]


def run_to_json(run: Run, start_text: str | None = None) -> dict:
    """The run as plain data; every number is exact text such as ``"16/5"``."""
    data = {
        "function": str(run.objective),
        "variables": list(run.objective.variables),
        "start": [exact_text(c) for c in run.iterates[0].point],
        "learning_rate": exact_text(run.learning_rate),
        "momentum": exact_text(run.momentum),
        "steps": run.steps,
        "regime": run.regime.value if run.regime else None,
        "exact": run.exact,
        "approximated_from": run.approximated_from,
        "stopped_at": run.stopped_at,
        "notes": list(run.notes),
        "iterates": [
            {"k": it.k,
             "point": [exact_text(c) for c in it.point],
             "value": exact_text(it.value),
             "gradient": [exact_text(g) for g in it.gradient]}
            for it in run.iterates
        ],
    }
    if run.objective.is_quadratic:
        try:
            data["analysis"] = analysis_to_json(run.objective, run.learning_rate, run.iterates[0].point,
                                                run.momentum or None)
        except ValueError:  # an irrational α or β meeting irrational curvatures: two different roots
            pass
    return data


def _number_text(value) -> str:
    """Exact text of a Fraction, Surd or RootSum; a float (a nested root) as ``≈`` its decimal."""
    return f"≈{value:.6g}" if isinstance(value, float) else str(value)


def _decimal(value) -> str:
    return decimal_text(Fraction(value) if isinstance(value, float) else value)


def analysis_to_json(objective, learning_rate, start, momentum=None) -> dict:
    """Curvatures, factors, thresholds and regime; the heavy ball's best pair; with ``momentum``, its run.

    >>> from gdmath import parse
    >>> data = analysis_to_json(parse("x^2 + 10y^2"), Fraction(1, 11), (1, 1), Fraction(1, 2))
    >>> data["momentum_best_rate"], data["best_rate"], data["momentum_regime"]
    ('11/9 - 2/9·√10', '9/11', 'oscillating')
    """
    model = quadratic_model(objective)
    data = {
        "eigenvalues": [str(e) for e in model.eigenvalues],
        "factors": [str(f) for f in model.factors(learning_rate)],
        "regime": model.regime(learning_rate, start).value,
    }
    if model.is_positive_definite:
        data.update({
            "fastest_monotone": str(model.fastest_monotone),
            "best_step": str(model.best_step),
            "stability_limit": str(model.stability_limit),
            "condition_number": str(model.condition_number),
        })
        for key, value in (("best_rate", model.best_rate), ("momentum_best_step", model.momentum_best_step),
                           ("momentum_best_beta", model.momentum_best_beta),
                           ("momentum_best_rate", model.momentum_best_rate)):
            data[key], data[f"{key}_decimal"] = str(value), _decimal(value)
    if momentum is not None:
        # "regime" is the run's: the heavy ball's, as in the run's own JSON; plain descent's is named.
        data["plain_regime"] = data["regime"]
        data["momentum"] = exact_text(momentum)
        data["momentum_regime"] = data["regime"] = model.heavy_ball_regime(learning_rate, momentum, start).value
        data["momentum_directions"] = [
            {"curvature": str(d.curvature), "regime": d.regime.value, "roots": d.roots.value,
             "factor": _number_text(d.factor), "factor_decimal": _decimal(d.factor)}
            for d in model.heavy_ball(learning_rate, momentum)]
    return data


def _vector(values, text) -> str:
    parts = [text(v) for v in values]
    return parts[0] if len(parts) == 1 else "(" + ", ".join(parts) + ")"


#: The widest table row wanted: long exact values are shortened until every row fits.
TABLE_WIDTH = 160
#: How many leading and trailing digits a shortened numerator or denominator keeps, most first.
KEPT_DIGITS = ((12, 8), (10, 6), (8, 5), (6, 4), (5, 3), (4, 2), (3, 2), (0, 0))
SHORTENED_NOTE = ("note: long exact values are shortened to fit, 123…(45)…678 leaving out 45 digits; "
                  "--format csv and --format json give every digit")


def shortened_digits(digits: str, head: int, tail: int) -> str:
    """``digits`` with the middle left out, saying how many digits are missing.

    A number that leaving digits out would not make shorter stays whole.

    >>> shortened_digits("14702380337594932945890740614358", 6, 4)
    '147023…(22)…4358'
    >>> shortened_digits("3814697265625", 0, 0), shortened_digits("12345678901234", 6, 6)
    ('…(13)…', '12345678901234')
    """
    shortened = f"{digits[:head]}…({len(digits) - head - tail})…{digits[len(digits) - tail:]}"
    return shortened if len(shortened) < len(digits) else digits


def shortenings(value: Fraction) -> tuple[str, ...]:
    """The exact text of ``value``, then ever shorter forms of it, keeping fewer and fewer digits.

    The last forms of a long value keep only how many digits its numerator has, then
    nothing at all. A value too short to leave digits out of has its exact text only.

    >>> forms = shortenings(Fraction(2 ** 70, 5 ** 30))
    >>> forms[:2]
    ('1180591620717411303424/931322574615478515625', '1180591620…(6)…303424/931322574615478515625')
    >>> forms[-4:]
    ('118…(17)…24/931…(16)…25', '…(22)…/…(21)…', '…(22)…/…', '…')
    >>> shortenings(Fraction(1, 10)), shortenings(Fraction(-32))
    (('1/10',), ('-32',))
    """
    if not isinstance(value, (int, Fraction)):
        return (exact_text(value),)  # a Surd: its rational parts are short in the runs it appears in
    sign = "-" if value < 0 else ""
    numerator, denominator = str(abs(value.numerator)), str(value.denominator)

    def kept(head: int, tail: int) -> str:
        text = sign + shortened_digits(numerator, head, tail)
        return text if value.denominator == 1 else text + "/" + shortened_digits(denominator, head, tail)

    forms = [exact_text(value)]
    for form in (kept(head, tail) for head, tail in KEPT_DIGITS):
        if len(form) < len(forms[-1]):
            forms.append(form)
    if len(forms) > 1:
        last_resorts = (kept(0, 0).partition("/")[0] + "/…", "…") if value.denominator != 1 else ("…",)
        forms += [form for form in last_resorts if len(form) < len(forms[-1])]
    return tuple(forms)


def _table_rows(run: Run, exact, decimal) -> list[tuple[str, ...]]:
    """Header and one row per iterate, numbers written by ``exact`` and ``decimal``."""
    names = ("x", "≈ x", "f(x)", "≈ f(x)", "f'(x)", "≈ f'(x)") if run.objective.dimension == 1 else \
        ("(x, y)", "≈ (x, y)", "f(x, y)", "≈ f", "∇f", "≈ ∇f")
    rows = [("k",) + names]
    for it in run.iterates:
        rows.append((str(it.k),
                     _vector(it.point, exact), _vector(it.point, decimal),
                     exact(it.value), decimal(it.value),
                     _vector(it.gradient, exact), _vector(it.gradient, decimal)))
    return rows


def _aligned(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.rjust(width) for cell, width in zip(row, widths)) for row in rows]


def _table_body(run: Run) -> tuple[list[str], bool]:
    """The aligned table, and whether exact values were shortened to fit :data:`TABLE_WIDTH`.

    A table that fits is left as it is. Otherwise every exact value longer than some
    length ``cap`` is shortened to its most complete form within ``cap``, with ``cap``
    as large as lets every row fit: short values stay whole.
    """
    numbers = {n for it in run.iterates for n in (*it.point, it.value, *it.gradient)}
    forms = {n: shortenings(n) for n in numbers}
    decimals = {n: decimal_text(n) for n in numbers}

    def table(cap: int) -> list[str]:
        def exact(n):
            return next((form for form in forms[n] if len(form) <= cap), forms[n][-1])
        return _aligned(_table_rows(run, exact, decimals.__getitem__))

    def fits(lines: list[str]) -> bool:
        return max(map(len, lines)) <= TABLE_WIDTH

    longest = max(len(form[0]) for form in forms.values())
    whole = table(longest)
    if fits(whole):
        return whole, False
    narrowest = table(0)
    if not fits(narrowest):
        return narrowest, narrowest != whole
    fitting, too_wide = 0, longest          # table(fitting) fits, table(too_wide) does not
    while too_wide - fitting > 1:
        middle = (fitting + too_wide) // 2
        fitting, too_wide = (middle, too_wide) if fits(table(middle)) else (fitting, middle)
    return table(fitting), True


def run_to_table(run: Run) -> str:
    f = run.objective
    lines = [
        f"f({', '.join(f.variables)}) = {f}",
        f"start {_vector(run.iterates[0].point, exact_text)}, learning rate {exact_text(run.learning_rate)}"
        f" (= {decimal_text(run.learning_rate, 12)}), "
        + (f"momentum {exact_text(run.momentum)} (= {decimal_text(run.momentum, 12)}), " if run.momentum else "")
        + f"{run.steps} steps, regime: "
        f"{run.regime.value if run.regime else 'not a quadratic'}, "
        + ("all numbers exact" if run.exact else "approximated (see notes)"),
    ]
    lines += [f"note: {note}" for note in run.notes]
    lines.append("")
    body, shortened = _table_body(run)
    lines += body
    if shortened:
        lines.append(SHORTENED_NOTE)
    return "\n".join(lines)


def run_to_csv(run: Run) -> str:
    variables = run.objective.variables
    header = ["k"]
    for name in variables:
        header += [name, f"{name}_decimal"]
    header += ["value", "value_decimal"]
    for name in variables:
        header += [f"gradient_{name}", f"gradient_{name}_decimal"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for it in run.iterates:
        row = [it.k]
        for number in it.point:
            row += [exact_text(number), decimal_text(number, 17)]
        row += [exact_text(it.value), decimal_text(it.value, 17)]
        for number in it.gradient:
            row += [exact_text(number), decimal_text(number, 17)]
        writer.writerow(row)
    return out.getvalue().rstrip("\n")


def analysis_to_table(objective, learning_rate, start, momentum=None) -> str:
    data = analysis_to_json(objective, learning_rate, start, momentum)
    whose = "plain descent's factor" if momentum is not None else "factor"
    lines = [f"f({', '.join(objective.variables)}) = {objective}",
             f"curvatures (Hessian eigenvalues): {', '.join(data['eigenvalues'])}",
             f"{whose} |1 - αλ| per step at α = {exact_text(learning_rate)}: {', '.join(data['factors'])}"]
    if "stability_limit" in data:
        lines += [f"1/L      (largest step without overshoot): {data['fastest_monotone']}",
                  f"2/(μ+L)  (best fixed step):                {data['best_step']}",
                  f"2/L      (diverges from here on):          {data['stability_limit']}",
                  f"L/μ      (condition number):               {data['condition_number']}"]
        lines += [f"(κ-1)/(κ+1) (plain descent's factor at its best step): {data['best_rate']}"
                  f" ≈ {data['best_rate_decimal']}",
                  f"heavy ball's best step α* = (2/(√L+√μ))²:  {data['momentum_best_step']}"
                  f" ≈ {data['momentum_best_step_decimal']}",
                  f"heavy ball's best momentum β* = ((√L-√μ)/(√L+√μ))²: {data['momentum_best_beta']}"
                  f" ≈ {data['momentum_best_beta_decimal']}",
                  f"(√κ-1)/(√κ+1) (the heavy ball's factor at α*, β*): {data['momentum_best_rate']}"
                  f" ≈ {data['momentum_best_rate_decimal']}"]
    else:
        lines.append("not bowl-shaped: no unique minimum, so no thresholds")
    if momentum is None:
        lines.append(f"regime: {data['regime']}")
    else:
        lines.append(f"plain descent's regime at this α (no momentum): {data['plain_regime']}")
        lines.append(f"heavy ball at α = {exact_text(learning_rate)}, β = {data['momentum']}:")
        for direction in data["momentum_directions"]:
            lines.append(f"  curvature {direction['curvature']}: {direction['regime']}, {direction['roots']} roots, "
                         f"factor {direction['factor']} ≈ {direction['factor_decimal']} per step")
        lines.append(f"heavy ball regime: {data['momentum_regime']}")
    return "\n".join(lines)
