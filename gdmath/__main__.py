"""``python -m gdmath``: exact iterate tables and learning-rate analysis for course pages."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys

from .analysis import quadratic_model
from .descent import MAX_STEPS, Run, descend
from .errors import GDMathError
from .exact import decimal_text, exact_text
from .parse import parse

FORMATS = ("table", "csv", "json")


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, like every other error here."""

    def error(self, message):
        self.exit(2, f"gdmath: error: {message} (see python -m gdmath --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m gdmath", description=__doc__.split("``: ")[-1])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    iterates = commands.add_parser("iterates", help="the iterate table k, point, f, gradient")
    iterates.add_argument("function", metavar="FUNCTION", help='a polynomial in x or x, y, e.g. "x^2 + 10 y^2"')
    iterates.add_argument("--start", required=True, help="start point: 5, or 4,4 for two variables")
    iterates.add_argument("--lr", "--learning-rate", dest="learning_rate", required=True,
                          help="learning rate as written: 0.1 means exactly 1/10")
    iterates.add_argument("--steps", type=int, default=10, help=f"number of steps (default 10, at most {MAX_STEPS})")
    iterates.add_argument("--format", choices=FORMATS, default="table", help="output format (default table)")

    analyze = commands.add_parser("analyze", help="curvatures, thresholds 1/L, 2/(μ+L), 2/L and the regime")
    analyze.add_argument("function", metavar="FUNCTION")
    analyze.add_argument("--lr", "--learning-rate", dest="learning_rate", required=True)
    analyze.add_argument("--start", required=True)
    analyze.add_argument("--format", choices=("table", "json"), default="table")
    return parser


def _join_negative_values(argv: list[str]) -> list[str]:
    """Let ``--start -4,4`` through: argparse would take ``-4,4`` for an option."""
    joined, index = [], 0
    while index < len(argv):
        word = argv[index]
        if word in ("--start", "--lr", "--learning-rate") and index + 1 < len(argv) \
                and argv[index + 1].startswith("-") and argv[index + 1][1:2].isdigit() | (argv[index + 1][1:2] == "."):
            joined.append(f"{word}={argv[index + 1]}")
            index += 2
        else:
            joined.append(word)
            index += 1
    return joined


# -- output ------------------------------------------------------------------

def run_to_json(run: Run, start_text: str | None = None) -> dict:
    """The run as plain data; every number is exact text such as ``"16/5"``."""
    data = {
        "function": str(run.objective),
        "variables": list(run.objective.variables),
        "start": [exact_text(c) for c in run.iterates[0].point],
        "learning_rate": exact_text(run.learning_rate),
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
        data["analysis"] = analysis_to_json(run.objective, run.learning_rate, run.iterates[0].point)
    return data


def analysis_to_json(objective, learning_rate, start) -> dict:
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
    return data


def _vector(values, text) -> str:
    parts = [text(v) for v in values]
    return parts[0] if len(parts) == 1 else "(" + ", ".join(parts) + ")"


def run_to_table(run: Run) -> str:
    f = run.objective
    one = f.dimension == 1
    names = ("x", "≈ x", "f(x)", "≈ f(x)", "f'(x)", "≈ f'(x)") if one else \
        ("(x, y)", "≈ (x, y)", "f(x, y)", "≈ f", "∇f", "≈ ∇f")
    rows = [("k",) + names]
    for it in run.iterates:
        rows.append((str(it.k),
                     _vector(it.point, exact_text), _vector(it.point, decimal_text),
                     exact_text(it.value), decimal_text(it.value),
                     _vector(it.gradient, exact_text), _vector(it.gradient, decimal_text)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        f"f({', '.join(f.variables)}) = {f}",
        f"start {_vector(run.iterates[0].point, exact_text)}, learning rate {exact_text(run.learning_rate)}"
        f" (= {decimal_text(run.learning_rate, 12)}), {run.steps} steps, regime: "
        f"{run.regime.value if run.regime else 'not a quadratic'}, "
        + ("all numbers exact" if run.exact else "approximated (see notes)"),
    ]
    lines += [f"note: {note}" for note in run.notes]
    lines.append("")
    for row in rows:
        lines.append("  ".join(cell.rjust(width)
                               for cell, width in zip(row, widths)))
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


def analysis_to_table(objective, learning_rate, start) -> str:
    data = analysis_to_json(objective, learning_rate, start)
    lines = [f"f({', '.join(objective.variables)}) = {objective}",
             f"curvatures (Hessian eigenvalues): {', '.join(data['eigenvalues'])}",
             f"factor |1 - αλ| per step at α = {exact_text(learning_rate)}: {', '.join(data['factors'])}"]
    if "stability_limit" in data:
        lines += [f"1/L      (largest step without overshoot): {data['fastest_monotone']}",
                  f"2/(μ+L)  (best fixed step):                {data['best_step']}",
                  f"2/L      (diverges from here on):          {data['stability_limit']}",
                  f"L/μ      (condition number):               {data['condition_number']}"]
    else:
        lines.append("not bowl-shaped: no unique minimum, so no thresholds")
    lines.append(f"regime: {data['regime']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    arguments = build_parser().parse_args(_join_negative_values(list(sys.argv[1:] if argv is None else argv)))
    try:
        if arguments.command == "iterates":
            run = descend(arguments.function, arguments.start, arguments.learning_rate, arguments.steps)
            render = {"table": run_to_table, "csv": run_to_csv,
                      "json": lambda r: json.dumps(run_to_json(r), ensure_ascii=False, indent=2)}
            print(render[arguments.format](run))
        else:
            from .exact import as_fraction, as_point
            objective = parse(arguments.function)
            alpha = as_fraction(arguments.learning_rate, "learning rate")
            if alpha <= 0:
                raise GDMathError(f"learning rate must be greater than 0, not {alpha}")
            start = as_point(arguments.start, objective.dimension)
            if arguments.format == "json":
                print(json.dumps(analysis_to_json(objective, alpha, start), ensure_ascii=False, indent=2))
            else:
                print(analysis_to_table(objective, alpha, start))
    except GDMathError as error:
        print(f"gdmath: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        sys.stderr.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
