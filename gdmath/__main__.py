"""``python -m gdmath``: exact iterate tables and learning-rate analysis for course pages."""

from __future__ import annotations

import argparse
import json
import sys

from .descent import MAX_STEPS, descend
from .errors import GDMathError
from .export import analysis_to_json, analysis_to_table, run_to_csv, run_to_json, run_to_table
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
    iterates.add_argument("--momentum", default="0",
                          help="heavy-ball momentum β, 0 ≤ β < 1 (default 0: plain gradient descent)")
    iterates.add_argument("--format", choices=FORMATS, default="table", help="output format (default table)")

    analyze = commands.add_parser("analyze", help="curvatures, thresholds 1/L, 2/(μ+L), 2/L, the heavy ball's best pair, the regime")
    analyze.add_argument("function", metavar="FUNCTION")
    analyze.add_argument("--lr", "--learning-rate", dest="learning_rate", required=True)
    analyze.add_argument("--start", required=True)
    analyze.add_argument("--momentum", help="also analyse the heavy ball with this β: regime and factor per curvature")
    analyze.add_argument("--format", choices=("table", "json"), default="table")
    return parser


def _join_negative_values(argv: list[str]) -> list[str]:
    """Let ``--start -4,4`` through: argparse would take ``-4,4`` for an option."""
    joined, index = [], 0
    while index < len(argv):
        word = argv[index]
        if word in ("--start", "--lr", "--learning-rate", "--momentum") and index + 1 < len(argv) \
                and argv[index + 1].startswith("-") and argv[index + 1][1:2].isdigit() | (argv[index + 1][1:2] == "."):
            joined.append(f"{word}={argv[index + 1]}")
            index += 2
        else:
            joined.append(word)
            index += 1
    return joined


def main(argv: list[str] | None = None) -> int:
    arguments = build_parser().parse_args(_join_negative_values(list(sys.argv[1:] if argv is None else argv)))
    try:
        if arguments.command == "iterates":
            run = descend(arguments.function, arguments.start, arguments.learning_rate, arguments.steps,
                          arguments.momentum)
            render = {"table": run_to_table, "csv": run_to_csv,
                      "json": lambda r: json.dumps(run_to_json(r), ensure_ascii=False, indent=2)}
            print(render[arguments.format](run))
        else:
            from .exact import as_fraction, as_momentum, as_point
            objective = parse(arguments.function)
            alpha = as_fraction(arguments.learning_rate, "learning rate")
            if alpha <= 0:
                raise GDMathError(f"learning rate must be greater than 0, not {alpha}")
            start = as_point(arguments.start, objective.dimension)
            momentum = None if arguments.momentum is None else as_momentum(arguments.momentum)
            if arguments.format == "json":
                print(json.dumps(analysis_to_json(objective, alpha, start, momentum), ensure_ascii=False, indent=2))
            else:
                print(analysis_to_table(objective, alpha, start, momentum))
    except GDMathError as error:
        print(f"gdmath: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        sys.stderr.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
