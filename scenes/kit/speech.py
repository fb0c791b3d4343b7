"""What a voice says: a caption's sentence in the words it is read aloud with, per language.

Captions are written: ``α = 0.1``, ``x² + y²``, ``∇f``, ``1/L``, ``(0.4295, 0.4295)``. A voice
needs them spoken: 알파는 영 점 일 / "alpha equals zero point one", 엑스 제곱 더하기 와이 제곱 /
"x squared plus y squared", 그레디언트 에프 / "the gradient of f", 엘 분의 일 / "one over L".
Korean numbers are read in Sino-Korean (25 이십오, 0.4295 영 점 사이구오, 10000 만), except before a
counter (10번 열 번, 3개 세 개), where Korean counts in its own numerals::

    >>> spoken("학습률은 α = 0.1입니다.", "ko")
    '학습률은 알파는 영 점 일입니다.'
    >>> spoken("The loss is x² + y² at (0.4295, 0.4295).", "en")
    'The loss is x squared plus y squared at zero point four two nine five, zero point four two nine five.'
    >>> spoken("10번 뒤 1/L = 0.5", "ko")
    '열 번 뒤 엘 분의 일은 영 점 오'

The reading is a rule, and a rule falls short of some sentences (Korean puts ``a < b`` as
"a가 b보다 작다", an order a reading symbol by symbol cannot give): a beat of the script then gives
its own spoken sentence (``ko_spoken = "…"``), which is read through the same rule, so its
placeholders are read like the caption's. :func:`unspeakable` names what the rule could not read.
"""

from __future__ import annotations

import re

from .korean import LETTER_NAMES, with_particle

__all__ = ["spoken", "unspeakable", "korean_number", "english_number", "GREEK_NAMES"]

GREEK_NAMES = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "Δ": "delta", "ε": "epsilon", "ζ": "zeta", "η": "eta",
    "θ": "theta", "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu", "ξ": "xi", "π": "pi", "ρ": "rho",
    "σ": "sigma", "τ": "tau", "φ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
}
_KOREAN_NAMES = {**LETTER_NAMES, "Δ": "델타"}
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-")
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<hangul>[가-힣]+)
  | (?P<word>[A-Za-z]{2,}(?:['’-][A-Za-z]+)*)
  | (?P<number>\d+(?:\.\d+)?)
  | (?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻]+)
  | (?P<sub>[₀₁₂₃₄₅₆₇₈₉]+)
  | (?P<prime>′′|''|″|′|')
  | (?P<char>.)
""", re.VERBOSE)
_VARIABLE = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") | set(GREEK_NAMES)
#: Latin runs that are products of variables, not English words (x² + xy + 2y²).
_PRODUCTS = re.compile(r"[xyz]{2,3}$")
_PUNCTUATION = set(".,:;!?…")
#: A simple operand of a fraction: a number, a variable (with its power or index), a bracket, a partial ∂x.
_OPERAND = r"(?:\((?:[^()]|\([^()]*\))*\)|\d+(?:\.\d+)?|∂?[A-Za-zα-ωΔ][⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉]*)"
_FRACTION = re.compile(rf"(?<![\w)])({_OPERAND})/({_OPERAND})")
_PARTIAL = re.compile(r"∂([A-Za-z])/∂([A-Za-z])")

# -- numbers ----------------------------------------------------------------------------------
_KO_DIGITS = "영일이삼사오육칠팔구"
_KO_UNITS = ("", "십", "백", "천")
_KO_GROUPS = ("", "만", "억", "조", "경")
_KO_NATIVE_ONES = ("", "한", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉")
_KO_NATIVE_TENS = ("", "열", "스물", "서른", "마흔", "쉰", "예순", "일흔", "여든", "아흔")
#: Counters read with native Korean numbers: 열 번, 세 걸음, 두 개.
_KO_COUNTERS = re.compile(r"(?<![\d.])(\d+)\s*(번째|번|걸음|개|가지)")


def korean_number(text: str, native: bool = False) -> str:
    """A number written in digits, read in Korean: Sino-Korean, or native before a counter.

    >>> [korean_number(n) for n in ("0", "5", "10", "25", "100", "1001", "10000", "123456", "0.4295", "12.05")]
    ['영', '오', '십', '이십오', '백', '천일', '만', '십이만 삼천사백오십육', '영 점 사이구오', '십이 점 영오']
    >>> [korean_number(n, native=True) for n in ("1", "10", "20", "23", "100")]
    ['한', '열', '스무', '스물세', '백']
    """
    integer, _, fraction = text.partition(".")
    value = int(integer)
    if native and not fraction and 0 < value < 100:
        tens, ones = divmod(value, 10)
        return "스무" if value == 20 else _KO_NATIVE_TENS[tens] + _KO_NATIVE_ONES[ones]
    if value == 0:
        words = "영"
    elif value >= 10 ** (4 * len(_KO_GROUPS)):
        words = "".join(_KO_DIGITS[int(d)] for d in integer)
    else:
        groups = []
        for index in range(len(_KO_GROUPS)):
            group = value // 10 ** (4 * index) % 10 ** 4
            if not group:
                continue
            digits = "".join(("" if d == 1 and place else _KO_DIGITS[d]) + _KO_UNITS[place]
                             for place, d in reversed(list(enumerate(int(c) for c in reversed(f"{group}")))) if d)
            if index == 1 and group == 1:
                digits = ""  # 만, not 일만
            groups.append(digits + _KO_GROUPS[index])
        words = " ".join(reversed(groups))
    if fraction:
        words += " 점 " + "".join(_KO_DIGITS[int(d)] for d in fraction)
    return words


_EN_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
            "sixteen seventeen eighteen nineteen").split()
_EN_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_EN_GROUPS = ("", " thousand", " million", " billion", " trillion")


def _english_below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    words = [f"{_EN_ONES[hundreds]} hundred"] if hundreds else []
    if rest:
        tens, ones = divmod(rest, 10)
        words.append(_EN_ONES[rest] if rest < 20 else _EN_TENS[tens] + (f"-{_EN_ONES[ones]}" if ones else ""))
    return " ".join(words)


def english_number(text: str) -> str:
    """A number written in digits, read in English; decimals digit by digit.

    >>> [english_number(n) for n in ("0", "7", "25", "100", "1001", "123456", "0.4295", "12.05")]
    ['zero', 'seven', 'twenty-five', 'one hundred', 'one thousand one', 'one hundred twenty-three thousand four hundred fifty-six', 'zero point four two nine five', 'twelve point zero five']
    """
    integer, _, fraction = text.partition(".")
    value = int(integer)
    if value == 0:
        words = "zero"
    elif value >= 1000 ** len(_EN_GROUPS):
        words = " ".join(_EN_ONES[int(d)] for d in integer)
    else:
        groups = []
        for index in range(len(_EN_GROUPS)):
            group = value // 1000 ** index % 1000
            if group:
                groups.append(_english_below_thousand(group) + _EN_GROUPS[index])
        words = " ".join(reversed(groups))
    if fraction:
        words += " point " + " ".join(_EN_ONES[int(d)] for d in fraction)
    return words


# -- reading ----------------------------------------------------------------------------------
class _Reader:
    """Reads one sentence token by token; math tokens become words, the rest is kept as written."""

    def __init__(self, language: str):
        self.language = language
        self.korean = language == "ko"
        self.out: list[str] = []    # pieces of the reading
        self.math = False           # whether the last piece read was mathematics
        self.bars = 0               # open |…| bars
        self.bar_starts: list[int] = []
        self.after_operand = False  # whether a minus here is binary
        self.gradient = False       # whether ∇ was just read (∇f(θ): "the gradient of f at θ")

    def emit(self, words: str, math: bool = True, gap: str | None = None):
        if not words:
            return
        if self.out and gap is None:
            gap = " " if (math or self.math) and not self.out[-1].endswith(" ") else ""
        self.out.append((gap or "") + words)
        self.math = math

    def glue(self, words: str):
        """Words that attach to the reading before them without a space (Korean particles)."""
        self.out.append(words)

    def read(self, text: str) -> str:
        text = text.replace("\xa0", " ")
        text = _PARTIAL.sub(self._partial, text)
        text = self._fractions(text)
        if self.korean:  # a counter takes native numerals: 10번 열 번, 3걸음 세 걸음
            text = _KO_COUNTERS.sub(lambda m: f"\x00{korean_number(m.group(1), native=True)} {m.group(2)}\x01", text)
        tokens = [(m.lastgroup, m.group()) for m in _TOKEN.finditer(text)]
        for index, (kind, value) in enumerate(tokens):
            following = tokens[index + 1] if index + 1 < len(tokens) else (None, "")
            getattr(self, f"_{kind}")(value, following)
        spoken_text = "".join(self.out)
        spoken_text = re.sub(r"\s+", " ", spoken_text)
        spoken_text = re.sub(r" ([.,:;!?…])", r"\1", spoken_text)
        return re.sub(r"([.,:;!?])\1+", r"\1", spoken_text).strip()

    # Rewrites before reading token by token: ∂f/∂x and a/b, whose words come in another order.
    def _partial(self, match: re.Match) -> str:
        f, x = (self.name(c) for c in match.groups())
        return f"\x00{f}의 {x}에 대한 편미분\x01" if self.korean else f"\x00the partial derivative of {f} with respect to {x}\x01"

    def _fractions(self, text: str) -> str:
        def fraction(match: re.Match) -> str:
            top, bottom = (spoken(_unbracket(part), self.language) for part in match.groups())
            return f"\x00{bottom} 분의 {top}\x01" if self.korean else f"\x00{top} over {bottom}\x01"
        return _FRACTION.sub(fraction, text)

    def name(self, letter: str) -> str:
        if self.korean:
            return _KOREAN_NAMES.get(letter.lower() if letter.isascii() else letter, letter)
        return GREEK_NAMES.get(letter, letter)

    # Token kinds.
    def _space(self, value, following):
        if self.out:
            self.out.append(" ")
        self.math = False

    def _hangul(self, value, following):
        self.emit(value, math=False, gap="")
        self.after_operand = False

    def _word(self, value, following):
        if self.korean or _PRODUCTS.match(value):
            for letter in value:  # in Korean text, Latin letters are mathematics: xy 엑스 와이
                self._char(letter, (None, ""))
            return
        self.emit(value, math=False, gap=None if self.math else "")
        self.after_operand = False

    def _number(self, value, following):
        self.emit(korean_number(value) if self.korean else english_number(value))
        self.after_operand = True

    def _sup(self, value, following):
        power = value.translate(_SUPERSCRIPTS)
        if self.korean:
            words = {"2": "제곱", "3": "세제곱"}.get(power) or f"의 {self._signed(power)} 제곱"
            (self.glue if words.startswith("의") else self.emit)(words)
        else:
            self.emit({"2": "squared", "3": "cubed"}.get(power) or f"to the power of {self._signed(power)}")
        self.after_operand = True

    def _signed(self, number: str) -> str:
        sign, digits = ("-", number[1:]) if number.startswith("-") else ("", number.lstrip("+"))
        words = korean_number(digits) if self.korean else english_number(digits)
        return ("마이너스 " if self.korean else "minus ") * bool(sign) + words

    def _sub(self, value, following):
        self.emit(self._signed(value.translate(_SUBSCRIPTS)))
        self.after_operand = True

    def _prime(self, value, following):
        double = value in ("′′", "''", "″")
        self.emit(("더블 프라임" if double else "프라임") if self.korean else ("double prime" if double else "prime"))
        self._function_follows(following)

    def _function_follows(self, following):
        if following[1] == "(" and not self.korean:
            self.emit("of")
        self.after_operand = True

    def _char(self, value, following):
        korean = self.korean
        if value == "\x00":  # words read already (a fraction, a partial derivative) follow
            self.after_operand = False
            return
        if value in _VARIABLE:
            self.emit(self.name(value))
            self._function_follows(following)
            return
        if value == "∇":
            before = "".join(self.out).rstrip()
            if before.endswith(("그레디언트", "gradient", "gradient vector")):
                # 그레디언트 ∇f, the gradient ∇f: the word is said already ("the gradient of f").
                self.emit("" if korean else "of")
            else:
                if self.after_operand and not korean:
                    self.emit("times")  # α∇f: alpha times the gradient of f
                self.emit("그레디언트" if korean else "the gradient of")
            self.after_operand = False
            self.gradient = True
            return
        if value == "(":
            if self.out and self.out[-1].strip() == "of" and self.gradient and not korean:
                self.out[-1] = self.out[-1].replace("of", "at")
            self.gradient = False
            self.after_operand = False
            return
        if value == ")":
            self.after_operand = True
            return
        if value in "|‖":
            if self.bars and self.after_operand:  # a closing bar: |1 − αλ| 일 빼기 알파 람다의 절댓값
                self.bars -= 1
                if korean:
                    self.glue("의 절댓값")
                self.after_operand = True
            else:
                self.bars += 1
                if not korean:
                    self.emit("the absolute value of")
                self.after_operand = False
            return
        if value in "−-":
            binary = self.after_operand
            self.emit(("빼기" if binary else "마이너스") if korean else "minus")
            self.after_operand = False
            return
        if value == "=":
            if korean:
                reading = "".join(self.out).rstrip()
                self.out = [with_particle(reading, "는")] if reading else []
                self.math = True
            else:
                self.emit("equals")
            self.after_operand = False
            return
        words = _OPERATOR_WORDS.get(value, (None, None))[0 if korean else 1]
        if words is not None:
            self.emit(words)
            self.after_operand = value in "*∞"
            return
        if value in _PUNCTUATION:
            self.glue(value)
            self.math = False
            self.after_operand = False
            return
        if value == "\x01":
            self.after_operand = True
            return
        self.emit(value, math=False, gap="")  # unknown: kept as written (unspeakable() names it)


#: How operators and symbols are read (Korean, English); ``=``, ``−`` and brackets are read in context.
#: Korean says a < b as "a가 b보다 작다": no word in the place of the sign reads it, so a sentence
#: with one gives its own spoken form (None: kept as written, and :func:`unspeakable` names it).
_OPERATOR_WORDS = {
    "+": ("더하기", "plus"), "×": ("곱하기", "times"), "·": ("곱하기", "times"), "±": ("플러스 마이너스", "plus or minus"),
    "≈": ("약", "is about"), "<": (None, "is less than"), ">": (None, "is greater than"),
    "≤": (None, "is at most"), "≥": (None, "is at least"), "←": (None, "becomes"), "→": (None, "goes to"),
    "*": ("스타", "star"), "∞": ("무한대", "infinity"), "%": ("퍼센트", "percent"), "⟂": ("수직", "is perpendicular to"),
    "⊥": ("수직", "is perpendicular to"), "∂": ("편미분", "partial"), "°": ("도", "degrees"),
}


def _unbracket(text: str) -> str:
    return text[1:-1] if text.startswith("(") and text.endswith(")") else text


def spoken(text: str, language: str) -> str:
    """``text`` as it is read aloud in ``language`` (``ko`` or ``en``); see the module's docstring."""
    if language not in ("ko", "en"):
        raise ValueError(f"no reading rule for language {language!r}")
    return _Reader(language).read(text).replace("\x00", "").replace("\x01", "")


#: What a voice cannot say: mathematics left as written.
_UNSPOKEN = re.compile(r"[^\w\s.,:;!?…'’\"()\-—–/]|[₀-₉⁰-⁹]", re.UNICODE)


def unspeakable(text: str, language: str) -> list[str]:
    """The characters of ``text`` that its spoken form still writes as symbols (none when all is read).

    >>> unspeakable("α = 0.1", "en"), unspeakable("|1 − αλ| < 1", "ko")
    ([], ['<'])
    """
    reading = spoken(text, language)
    found = [c for c in _UNSPOKEN.findall(reading)]
    if language == "ko":
        found += re.findall(r"[A-Za-z]", reading)
    return sorted(set(found))
