"""Korean particles that agree with how a number or formula is read aloud.

A Korean particle depends on the last sound of the word before it: 은/는, 이/가, 을/를,
과/와 and 으로/로 take their first form after a final consonant and their second after a
vowel (으로/로 also takes 로 after ㄹ). After a number or a formula, what counts is how it
is *read*: ``0.1`` is 영 점 일 (ㄹ), ``5`` is 오, ``10`` is 십, ``1/2`` is 이 분의 일,
``L`` is 엘, ``x² + y²`` ends in 제곱 and ``(4, 4)`` in 사.

A script names the particle in its placeholder, in either form, and :data:`KOREAN_FORMATTER`
picks the right one for the value filled in::

    >>> KOREAN_FORMATTER.format("α = {alpha:는} 1/L보다 작습니다", alpha="0.1")
    'α = 0.1은 1/L보다 작습니다'
    >>> KOREAN_FORMATTER.format("α = {alpha:은} 1/L보다 작습니다", alpha="5")
    'α = 5는 1/L보다 작습니다'
    >>> KOREAN_FORMATTER.format("f(x, y) = {f:를} 봅시다", f="x² + y²")
    'f(x, y) = x² + y²을 봅시다'

When the end of a text cannot be read (an unknown symbol), both forms are written, as
Korean does when the word is not known: ``은(는)``, ``이(가)``, ``(으)로``.
"""

from __future__ import annotations

import re
import string

__all__ = ["PARTICLES", "KOREAN_FORMATTER", "KoreanFormatter", "final_sound", "particle", "spoken_end",
           "with_particle"]

#: Each particle pair as (after a consonant, after a vowel, after ㄹ).
_PAIRS = (
    ("은", "는", "은"),
    ("이", "가", "이"),
    ("을", "를", "을"),
    ("과", "와", "과"),
    ("으로", "로", "로"),
)
#: Every form a script may write, mapped to its pair: 은 and 는 mean the same.
PARTICLES: dict[str, tuple[str, str, str]] = {form: pair for pair in _PAIRS for form in pair[:2]}
_UNKNOWN = {"은": "은(는)", "이": "이(가)", "을": "을(를)", "과": "과(와)", "으로": "(으)로"}

_DIGITS = "영일이삼사오육칠팔구"
_SMALL_UNITS = ("", "십", "백", "천")
_BIG_UNITS = ("", "만", "억", "조", "경", "해", "자", "양", "구", "간", "정", "재", "극")
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉"
_MINUS_SIGNS = "-−⁻₋"

#: How letters are read in Korean mathematics.
LETTER_NAMES = {
    "a": "에이", "b": "비", "c": "시", "d": "디", "e": "이", "f": "에프", "g": "지", "h": "에이치",
    "i": "아이", "j": "제이", "k": "케이", "l": "엘", "m": "엠", "n": "엔", "o": "오", "p": "피",
    "q": "큐", "r": "알", "s": "에스", "t": "티", "u": "유", "v": "브이", "w": "더블유", "x": "엑스",
    "y": "와이", "z": "제트",
    "α": "알파", "β": "베타", "γ": "감마", "δ": "델타", "ε": "엡실론", "ϵ": "엡실론", "ζ": "제타",
    "η": "에타", "θ": "세타", "ϑ": "세타", "ι": "요타", "κ": "카파", "λ": "람다", "μ": "뮤", "ν": "뉴",
    "ξ": "크시", "ο": "오미크론", "π": "파이", "ρ": "로", "σ": "시그마", "ς": "시그마", "τ": "타우",
    "υ": "입실론", "φ": "파이", "ϕ": "파이", "χ": "카이", "ψ": "프사이", "ω": "오메가",
}
#: Symbols read as a word of their own when they end a text.
SYMBOL_NAMES = {
    "′": "프라임", "'": "프라임", "″": "더블 프라임", "*": "스타", "∞": "무한대", "%": "퍼센트",
    "°": "도", "!": "팩토리얼", "|": "절댓값", "‖": "노름",
}
_OPERATORS = set("+-−=<>≤≥×·,←→≈±∓;:")
_OPENING = {")": "(", "]": "[", "}": "{"}
_SCIENTIFIC = re.compile(r"\d(?:\.\d+)?\s*(?:[eE]([+\-−]?\d+)|[×x·*]\s*10([⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+))$")
_NUMBER = re.compile(r"(\d*)(?:\.(\d+))?$")


def number_reading_end(integer: str, fraction: str = "") -> str:
    """The last syllable of a number read in Sino-Korean: ``"10"`` → 십, ``"0", "05"`` → 오.

    >>> [number_reading_end(n) for n in ("0", "7", "20", "300", "1000", "10000", "120000", "10001")]
    ['영', '칠', '십', '백', '천', '만', '만', '일']
    >>> number_reading_end("0", "4295"), number_reading_end("1", "05")
    ('오', '오')
    """
    if fraction:
        return _DIGITS[int(fraction[-1])]
    digits = integer.lstrip("0")
    if not digits:
        return "영"
    groups = [digits[max(0, end - 4):end] for end in range(len(digits), 0, -4)]  # lowest group first
    for index, group in enumerate(groups):
        if int(group):
            if index:
                break  # the lower groups are all zero: the reading ends with this group's unit
            zeros = len(group) - len(group.rstrip("0"))
            return _SMALL_UNITS[zeros] if zeros else _DIGITS[int(group[-1])]
    return _BIG_UNITS[index] if index < len(_BIG_UNITS) else "극"


def _last_operand(text: str) -> str:
    """What follows the last operator outside brackets and bars: ``x² + y²`` → ``y²``."""
    depth, in_bars = 0, False
    for i in range(len(text) - 1, -1, -1):
        c = text[i]
        if c in _OPENING:
            depth += 1
        elif c in "([{":
            depth -= 1
        elif c in "|‖":
            in_bars = not in_bars
        elif c in _OPERATORS and depth == 0 and not in_bars:
            return text[i + 1:]
    return text


def _top_level_slash(text: str) -> int:
    """The index of the first ``/`` outside brackets, or -1."""
    depth = 0
    for i, c in enumerate(text):
        if c in "([{":
            depth += 1
        elif c in _OPENING:
            depth -= 1
        elif c == "/" and depth == 0:
            return i
    return -1


def spoken_end(text: str) -> str | None:
    """The last syllable of ``text`` read aloud in Korean, or None when it cannot be read.

    >>> [spoken_end(t) for t in ("0.1", "-5", "1/2", "2/L", "(4, 4)", "x² + y²", "1.5×10¹¹", "기울기")]
    ['일', '오', '일', '이', '사', '곱', '일', '기']
    """
    text = str(text).strip().rstrip(".。…").rstrip()
    if not text:
        return None
    scientific = _SCIENTIFIC.search(text)
    if scientific:  # 1.5e+11, 1.5×10¹¹: "… 곱하기 십의 십일", the exponent is read last
        exponent = scientific.group(1) or scientific.group(2)
        exponent = exponent.translate(str.maketrans(_SUPERSCRIPTS, "0123456789")).lstrip("+−-⁺⁻")
        return number_reading_end(exponent)
    operand = _last_operand(text).strip()
    if not operand:
        return None  # the text ends with an operator
    slash = _top_level_slash(operand)
    if slash > 0:  # a/b is read "b 분의 a": it ends with the numerator
        return spoken_end(operand[:slash])
    last = operand[-1]
    if "\uac00" <= last <= "\ud7a3":
        return last
    if last in _OPENING:
        return spoken_end(_bracketed(operand))
    if last in _SUPERSCRIPTS or last in "⁺⁻":
        return "곱"  # x² 엑스 제곱, x³ 엑스 세제곱
    if last in _SUBSCRIPTS:  # x₀ 엑스 영, x₁₀ 엑스 십
        run = re.search(f"[{_SUBSCRIPTS}]+$", operand).group()
        return number_reading_end(run.translate(str.maketrans(_SUBSCRIPTS, "0123456789")))
    if last.isdigit():
        number = _NUMBER.search(operand)
        return number_reading_end(number.group(1) or "0", number.group(2) or "")
    name = LETTER_NAMES.get(last.lower()) or SYMBOL_NAMES.get(last)
    return name[-1] if name else None


def _bracketed(operand: str) -> str:
    """What is inside the bracket that closes ``operand``: ``(4, 4)`` → ``4, 4``, ``f(x)`` → ``x``."""
    closing = operand[-1]
    depth = 0
    for i in range(len(operand) - 1, -1, -1):
        if operand[i] == closing:
            depth += 1
        elif operand[i] == _OPENING[closing]:
            depth -= 1
            if depth == 0:
                return operand[i + 1:-1]
    return operand[:-1]


def final_sound(text: str) -> str | None:
    """How ``text`` ends when read: ``"vowel"``, ``"ㄹ"``, ``"consonant"``, or None if unknown.

    >>> final_sound("0.1"), final_sound("5"), final_sound("10"), final_sound("x²")
    ('ㄹ', 'vowel', 'consonant', 'consonant')
    """
    syllable = spoken_end(text)
    if syllable is None:
        return None
    final = (ord(syllable) - 0xAC00) % 28
    return "vowel" if final == 0 else "ㄹ" if final == 8 else "consonant"


def particle(text: str, name: str) -> str:
    """The form of particle ``name`` (은 or 는, 이 or 가, 을 or 를, 과 or 와, 으로 or 로) after ``text``.

    >>> particle("0.1", "는"), particle("5", "은"), particle("0.1", "으로"), particle("10", "로")
    ('은', '는', '로', '으로')
    """
    try:
        consonant, vowel, rieul = PARTICLES[name]
    except KeyError:
        raise ValueError(f"unknown particle {name!r}: use one of {', '.join(PARTICLES)}") from None
    sound = final_sound(text)
    if sound is None:
        return _UNKNOWN[consonant]
    return {"vowel": vowel, "ㄹ": rieul, "consonant": consonant}[sound]


def with_particle(text: str, name: str) -> str:
    """``text`` followed by the right form of particle ``name``: ``with_particle("0.1", "는")`` → ``0.1은``."""
    return f"{text}{particle(text, name)}"


class KoreanFormatter(string.Formatter):
    """``str.format`` where a format spec may end with a particle: ``{alpha:은}`` → ``0.1은`` or ``5는``.

    What comes before the particle is an ordinary format spec (``{x:.2f는}``); without a
    particle a field formats exactly as ``str.format`` would.

    >>> KOREAN_FORMATTER.format("{x:로} 나눕니다, {y:.1f과} {n}", x="L", y=0.25, n=3)
    'L로 나눕니다, 0.2와 3'
    """

    def format_field(self, value, format_spec: str) -> str:
        for form in sorted(PARTICLES, key=len, reverse=True):
            if format_spec.endswith(form):
                text = super().format_field(value, format_spec[:-len(form)])
                return with_particle(text, form)
        return super().format_field(value, format_spec)


#: The formatter the narration uses for every sentence.
KOREAN_FORMATTER = KoreanFormatter()
