"""Read the numbers a student can read off the screen, from what a scene witnessed being drawn.

A scene's record (``.shown.json``, or ``LECTURE_RECORD_PATH`` with ``--dry_run``) holds its
*screens*: before and after every animation, each text, formula and number visible, with its box
and its kind (``text``, ``tex``, ``number`` or ``caption``). It also holds what the scene says it
showed: ``numbers`` (exact value and text), ``formulas`` (text and the polynomial it writes),
``ticks`` (axis labels) and the beats with the values their sentences were filled with.

This module ties the two together without the scene's own formatting code: every number on a
screen must be one the scene recorded by then (or a tick label, or part of a recorded formula or
of the lecture's fixed notation such as 1/L), and every number recorded must be on a screen soon
after. Subscripts (x_k, P_1, x0) are indices, and superscripts exponents of a formula, not
numbers; a sentence's own words (the script) are the teacher's, and only the values filled into
them are numbers the scene computed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

__all__ = ["assert_numbers_on_screen", "formula_problems", "latex_as_plain", "numbers_in", "unaccounted_numbers", "unseen_numbers", "caption_problems", "tick_problems", "tick_value",
           "Reading", "readings"]

#: A number as written on screen: -2.5, 0.4295, 1.000e+9, −3. Not digits glued to a letter
#: (x0, P1: indices) nor to a dot or another digit.
NUMBER = re.compile(r"(?<![A-Za-z0-9.])[-−]?\d+(?:\.\d+)?(?:e[+-]\d+)?")
#: Screen times are rounded to the millisecond.
EPSILON = 2e-3
#: A number recorded must be on screen before its beat is over, or at least within this many seconds.
SEEN_WITHIN = 2.0
_SUBSCRIPT = re.compile(r"_(?:\{[^{}]*\}|\\?\w)")
_SUPERSCRIPT = re.compile(r"\^(?:\{[^{}]*\}|\\?\w)")


#: The lecture's fixed notation, whose digits are symbols, not numbers computed: per scene (its script).
NOTATION = {
    "derivative": (r"\to 0",),
    "learning_rate": ("1/L", "2/L", r"2/(\mu+L)", r"1 - \alpha", r"\kappa - 1", r"\kappa + 1"),
    "momentum": (r"2(1 + \beta)", r"(1 - \sqrt{\alpha\mu})^2", r"(1 - \sqrt{\alpha L})^2", r"\sqrt{\kappa} - 1",
                 r"\sqrt{\kappa} + 1", r"\kappa - 1", r"\kappa + 1", "1/1000"),
}


def numbers_in(text: str, latex: bool) -> list[str]:
    """The numbers a student reads in one text, with "−" written "-".

    >>> numbers_in(r"x_{3} = -0.4295,\\ P_1\\,(1.2, 1.6)", latex=True)
    ['-0.4295', '1.2', '1.6']
    >>> numbers_in("x1 = -2.5 and x² − 3 at 1.000e+9", latex=False)
    ['-2.5', '3', '1.000e+9']
    """
    if latex:
        text = _SUPERSCRIPT.sub(" ", _SUBSCRIPT.sub(" ", text))
    tokens = []
    for match in NUMBER.finditer(text):
        token = match.group().replace("−", "-")
        start = match.start()
        # A minus sign counts only when it is a sign: "= -1", "(-2", not "x − 3" or "5-2".
        if token.startswith("-") and start > 0 and not re.match(r"[\s(=,\[{]", text[start - 1]):
            token = token[1:]
        if token.startswith("-") and len(text) > start + 1 and text[start + 1] == " ":
            token = token[1:]
        tokens.append(token)
    return tokens


@dataclass(frozen=True)
class Reading:
    """One number read off a screen: when, in which text, and as what."""

    time: float
    unit: str
    kind: str
    token: str


def _mask(text: str, pieces) -> str:
    """``text`` with each piece (a formula, a notation) blanked where it stands whole, longest first.

    A piece is never cut out of a number: the formula 1 (∇f of x + y) leaves 1.8 alone.
    """
    for piece in sorted(set(pieces), key=len, reverse=True):
        if piece:
            text = re.sub(rf"(?<![\d.]){re.escape(piece)}(?![\d.])", " ", text)
    return text


def _numbers(record: dict) -> list[dict]:
    """Every number the scene recorded: exact rationals, and irrational surds shown as decimals."""
    return record["numbers"] + record.get("surds", [])


def _formulas_by(record: dict, time: float) -> list[str]:
    """The formulas recorded by ``time`` that have a variable in them (a constant one is a number)."""
    return [f["text"] for f in record.get("formulas", []) if f["time"] <= time + EPSILON
            and re.search("[a-z]", f["text"])]


def _recorded_texts(record: dict, start: float, end: float) -> set[str]:
    """Texts of the numbers (and constant formulas, such as ∇(x + y) = (1, 1)) recorded from start to end."""
    numbers = [n["text"] for n in _numbers(record) if start - EPSILON <= n["time"] <= end + EPSILON]
    constants = [f["text"] for f in record.get("formulas", []) if start - EPSILON <= f["time"] <= end + EPSILON
                 and not re.search("[a-z]", f["text"])]
    return {text.replace("−", "-") for text in numbers + constants}


def _notation(record: dict, notation) -> tuple[str, ...]:
    """The notation given, or by default the scene's own (see :data:`NOTATION`)."""
    return NOTATION.get(record["script"], ()) if notation is None else tuple(notation)


def readings(record: dict, notation=None) -> list[Reading]:
    """Every number on every screen outside the caption band, tick labels and formulas masked out."""
    notation = _notation(record, notation)
    found = []
    for screen in record["screens"]:
        formulas = _formulas_by(record, screen["time"])
        for unit in screen["texts"]:
            # The caption is checked through the beats' values, ticks by tick_problems; words are the script's.
            if unit["kind"] in ("caption", "tick", "words"):
                continue
            text = _mask(unit["text"], [*formulas, *notation])
            for token in numbers_in(text, latex=unit["kind"] == "tex"):
                found.append(Reading(screen["time"], unit["text"], unit["kind"], token))
    return found


def _value_tokens(record: dict, beat: dict, notation=None) -> list[str]:
    notation = _notation(record, notation)
    formulas = _formulas_by(record, beat["start"])
    tokens = []
    for value in beat["values"].values():
        tokens += numbers_in(_mask(value, [*formulas, *notation]), latex=False)
    return tokens


def unaccounted_numbers(record: dict, notation=None) -> list[str]:
    """Numbers on screen that the scene did not record by then, as "text: token (t = …)".

    In the caption band only the values filled into a sentence count (the rest is the script's).
    """
    problems = []
    found = readings(record, notation)
    first_seen: dict[tuple[str, str], float] = {}
    for reading in found:
        first_seen.setdefault((reading.kind, reading.unit), reading.time)
    for reading in found:
        # Recorded by the time the text first appeared, and not long before: in that beat or the one before.
        appeared = first_seen[(reading.kind, reading.unit)]
        since = _previous_beat_start(record, appeared)
        if reading.token not in _recorded_texts(record, since, appeared):
            problems.append(f"{reading.unit!r}: {reading.token} (first on screen at t = {appeared})")
    for beat in record["beats"]:
        recorded = _recorded_texts(record, beat["start"], beat["start"])
        for token in _value_tokens(record, beat, notation):
            if token not in recorded:
                problems.append(f"caption [{beat['beat']}] {beat['text']!r}: {token}")
    return sorted(set(problems))


def _previous_beat_start(record: dict, time: float) -> float:
    """The start of the beat before the one under way at ``time`` (0 in the first two)."""
    starts = [beat["start"] for beat in record["beats"] if beat["start"] <= time + EPSILON]
    return starts[-2] if len(starts) >= 2 else 0.0


def _beat_end(record: dict, time: float) -> float:
    """The end of the beat under way at ``time`` (the next one, if a beat ends exactly then)."""
    for beat in record["beats"]:
        if beat["start"] - EPSILON <= time < beat["end"] - EPSILON:
            return beat["end"]
    return record["duration"]


def unseen_numbers(record: dict, notation=None) -> list[str]:
    """Numbers the scene recorded that no screen showed before its beat was over."""
    # A screen shows until the next one: (from, to, token) for every number read.
    times = [screen["time"] for screen in record["screens"]] + [record["duration"]]
    shown_until = dict(zip(times, times[1:]))
    seen = [(r.time, shown_until[r.time], r.token) for r in readings(record, notation)]
    for beat in record["beats"]:
        seen += [(beat["start"], beat["end"], token) for token in _value_tokens(record, beat, notation)]
    problems = []
    for number in _numbers(record):
        start = number["time"]
        end = max(_beat_end(record, start), start + SEEN_WITHIN)
        text = number["text"].replace("−", "-")
        if not any(shown_from <= end + EPSILON and start - EPSILON <= to and token == text
                   for shown_from, to, token in seen):
            problems.append(f"{number['label']} = {number['text']} (recorded at t = {start}, beat over at {end})")
    ticks_seen = {(unit["text"], unit["value"]) for screen in record["screens"] for unit in screen["texts"]
                  if unit["kind"] == "tick"}
    problems += [f"tick {tick['axis']} {tick['text']!r}" for tick in record.get("ticks", [])
                 if (tick["text"], tick["exact"]) not in ticks_seen]
    return problems


def tick_value(latex: str) -> Fraction:
    """The value a tick label says: ``-1.5``, ``2 \\times 10^{11}``, ``10^{-3}``, ``-10^{4}``.

    >>> tick_value(r"2.5 \\times 10^{-3}"), tick_value("-10^{4}"), tick_value("-0.5")
    (Fraction(1, 400), Fraction(-10000, 1), Fraction(-1, 2))
    """
    match = re.fullmatch(r"(-?)(?:(\d+(?:\.\d+)?) \\times )?10\^\{(-?\d+)\}", latex.strip())
    if match:
        sign, mantissa, exponent = match.groups()
        value = Fraction(mantissa or 1) * Fraction(10) ** int(exponent)
        return -value if sign else value
    return Fraction(latex.strip())


def tick_problems(record: dict) -> list[str]:
    """Tick labels drawn that were not recorded, or whose text does not say their tick's value."""
    recorded = {(tick["text"], tick["exact"]) for tick in record.get("ticks", [])}
    problems = set()
    for screen in record["screens"]:
        for unit in screen["texts"]:
            if unit["kind"] != "tick":
                continue
            if (unit["text"], unit["value"]) not in recorded:
                problems.add(f"tick label {unit['text']!r} (value {unit['value']}) was not recorded")
            if tick_value(unit["text"]) != Fraction(unit["value"]):
                problems.add(f"tick label {unit['text']!r} does not say its value {unit['value']}")
    return sorted(problems)


def caption_problems(record: dict) -> list[str]:
    """Caption-band texts that are not (a line of) the sentence of the beat under way."""
    problems = []
    for screen in record["screens"]:
        for unit in screen["texts"]:
            if unit["kind"] != "caption":
                continue
            beats = [b for b in record["beats"] if b["start"] - EPSILON <= screen["time"] <= b["end"] + EPSILON]
            if not any(unit["text"] in b["text"] for b in beats):
                problems.append(f"{unit['text']!r} at t = {screen['time']}")
    return problems


def latex_as_plain(latex: str) -> str:
    r"""A polynomial's LaTeX as text gdmath's parser reads, to compare a formula drawn with its polynomial.

    >>> latex_as_plain(r"3x^{2} - xy + \frac{1}{2}y^{2} + \left(-x\right)")
    '3x^2  - x*y + (1)/(2)y^2  + (-x)'
    """
    text = re.sub(r"\\frac\{([^{}]*)\}\{([^{}]*)\}", r"(\1)/(\2)", latex)
    text = re.sub(r"\^\{(-?\d+)\}", r"^\1 ", text)
    text = re.sub(r"(?<=[xy])(?=[xy])", "*", text)  # xy is a product
    text = text.replace(r"\left(", "(").replace(r"\right)", ")").replace(r"\cdot", "*")
    return text.replace("{", "(").replace("}", ")")


def formula_problems(record: dict) -> list[str]:
    """Recorded formulas whose text, read back, is not the polynomial they stand for."""
    from gdmath import parse

    problems = []
    for formula in record.get("formulas", []):
        if formula["polynomial"] is None:
            continue
        drawn = parse(latex_as_plain(formula["text"]))
        if drawn != parse(formula["polynomial"]):
            problems.append(f"formula {formula['label']} drawn as {formula['text']!r} is {drawn}, "
                            f"not {formula['polynomial']}")
    return problems


def assert_numbers_on_screen(record: dict):
    """Every number on screen was recorded (exactly as drawn) and every number recorded was drawn."""
    assert record["screens"], "the scene witnessed no screens"
    problems = ([f"unrecorded: {p}" for p in unaccounted_numbers(record)]
                + [f"never drawn: {p}" for p in unseen_numbers(record)]
                + [f"caption: {p}" for p in caption_problems(record)] + tick_problems(record)
                + formula_problems(record))
    assert not problems, "\n".join(problems)
