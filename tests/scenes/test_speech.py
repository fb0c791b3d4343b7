"""What a voice says: the caption read aloud, in Korean and in English."""

from __future__ import annotations

import string

import pytest

from scenes.kit.korean import KOREAN_FORMATTER
from scenes.kit.narration import SCRIPT_DIR, Script
from scenes.kit.speech import english_number, korean_number, spoken, unspeakable

KOREAN = [
    ("α = 0.1", "알파는 영 점 일"),
    ("학습률은 α = 0.1입니다.", "학습률은 알파는 영 점 일입니다."),
    ("x²", "엑스 제곱"),
    ("f(x) = x² + y²", "에프 엑스는 엑스 제곱 더하기 와이 제곱"),
    ("x³ − 3x", "엑스 세제곱 빼기 삼 엑스"),
    ("x⁴", "엑스의 사 제곱"),
    ("∇f", "그레디언트 에프"),
    ("−∇f는", "마이너스 그레디언트 에프는"),
    ("그레디언트 ∇f = (2x, 2y)입니다", "그레디언트 에프는 이 엑스, 이 와이입니다"),
    ("1/L", "엘 분의 일"),
    ("2/(μ+L)", "뮤 더하기 엘 분의 이"),
    ("κ = L/μ = 10", "카파는 뮤 분의 엘은 십"),
    ("(0.4295, 0.4295)", "영 점 사이구오, 영 점 사이구오"),
    ("∂f/∂x = 2x", "에프의 엑스에 대한 편미분은 이 엑스"),
    ("f′(x)", "에프 프라임 엑스"),
    ("|1 − αλ|은", "일 빼기 알파 람다의 절댓값은"),
    ("−0.8", "마이너스 영 점 팔"),
    ("10번 뒤", "열 번 뒤"),
    ("5번 내려가", "다섯 번 내려가"),
    ("10분의 1", "십분의 일"),
    ("25입니다", "이십오입니다"),
    ("10000", "만"),
    ("x₀", "엑스 영"),
    ("θ ← θ", "세타 ← 세타"),  # no reading: the beat gives its own (ko_spoken)
]
ENGLISH = [
    ("α = 0.1", "alpha equals zero point one"),
    ("x²", "x squared"),
    ("f(x, y) = x² + 10y²", "f of x, y equals x squared plus ten y squared"),
    ("∇f", "the gradient of f"),
    ("θ ← θ − α∇f(θ)", "theta becomes theta minus alpha times the gradient of f at theta"),
    ("1/L = 0.5", "one over L equals zero point five"),
    ("(0.4295, 0.4295)", "zero point four two nine five, zero point four two nine five"),
    ("∂f/∂y = 2y", "the partial derivative of f with respect to y equals two y"),
    ("|1 − αλ| < 1", "the absolute value of one minus alpha lambda is less than one"),
    ("f′(x) = 0", "f prime of x equals zero"),
    ("λ = f'' = 2", "lambda equals f double prime equals two"),
    ("x − x*", "x minus x star"),
    ("a single step, zig-zags", "a single step, zig-zags"),
    ("After 10 steps x = 0.5369", "After ten steps x equals zero point five three six nine"),
    ("−3", "minus three"),
    ("the slope becomes the gradient ∇f.", "the slope becomes the gradient of f."),
    ("the gradient vector ∇f = (2x, 2y)", "the gradient vector of f equals two x, two y"),
    ("x² + xy", "x squared plus x y"),
]


@pytest.mark.parametrize("text, reading", KOREAN)
def test_korean_reading(text, reading):
    assert spoken(text, "ko") == reading


@pytest.mark.parametrize("text, reading", ENGLISH)
def test_english_reading(text, reading):
    assert spoken(text, "en") == reading


@pytest.mark.parametrize("number, sino, native", [
    ("1", "일", "한"), ("2", "이", "두"), ("3", "삼", "세"), ("4", "사", "네"), ("10", "십", "열"),
    ("11", "십일", "열한"), ("20", "이십", "스무"), ("21", "이십일", "스물한"), ("99", "구십구", "아흔아홉"),
    ("100", "백", "백"), ("110", "백십", "백십"), ("1000", "천", "천"), ("20000", "이만", "이만"),
    ("100000000", "일억", "일억"), ("0.05", "영 점 영오", "영 점 영오"),
])
def test_korean_numbers(number, sino, native):
    assert korean_number(number) == sino
    assert korean_number(number, native=True) == native


@pytest.mark.parametrize("number, words", [
    ("0", "zero"), ("13", "thirteen"), ("40", "forty"), ("99", "ninety-nine"), ("1000000", "one million"),
    ("2020", "two thousand twenty"), ("3.25", "three point two five"),
])
def test_english_numbers(number, words):
    assert english_number(number) == words


class _Sample(dict):
    """Placeholder values for every field: a number with a fraction (read 영 점 오, zero point five)."""

    def __missing__(self, key):
        return "0.5"


def _beats():
    for path in sorted(SCRIPT_DIR.glob("*.toml")):
        script = Script.load(path.stem)
        for beat in script.beats:
            if not beat.startswith("screen_"):  # on-screen words, not narration
                yield script, beat


@pytest.mark.parametrize("language", ["ko", "en"])
def test_every_beat_of_every_script_can_be_said(language):
    """No sentence leaves a symbol for the voice to stumble on: the rule reads it, or the beat says it its own way."""
    problems = []
    for script, beat in _beats():
        template = script.beats[beat].get(f"{language}_spoken", script.beats[beat][language])
        reading = spoken(KOREAN_FORMATTER.vformat(template, (), _Sample()), language)
        left = unspeakable(reading, language)
        if left:
            problems.append(f"{script.name} [{beat}] {language}: {left} in {reading!r}")
    assert not problems, "\n".join(problems)


def test_a_spoken_sentence_says_the_numbers_its_caption_shows():
    """A beat's own spoken form has the same placeholders as its caption: a variant's numbers reach the voice."""
    for script, beat in _beats():
        for language in ("ko", "en"):
            own = script.beats[beat].get(f"{language}_spoken")
            if own is None:
                continue
            fields = {name for text in (own, script.beats[beat][language])
                      for _, name, _, _ in string.Formatter().parse(text) if name}
            caption = {name for _, name, _, _ in string.Formatter().parse(script.beats[beat][language]) if name}
            spoken_fields = {name for _, name, _, _ in string.Formatter().parse(own) if name}
            assert spoken_fields == caption, (script.name, beat, language, fields)


def test_the_spoken_line_fills_the_beats_values_and_reads_them():
    script = Script.load("descent")
    assert script.spoken_line("rule", "ko", alpha="0.1") == \
        "업데이트 규칙은 세타를 세타 빼기 알파 곱하기 그레디언트 제이 세타로 바꾸는 것입니다. 학습률 알파는 영 점 일입니다."
    assert script.spoken_line("rule", "en", alpha="0.1") == \
        "The update rule is theta becomes theta minus alpha times the gradient of J at theta, " \
        "with learning rate alpha equals zero point one."


def test_korean_narration_is_written_without_a_space_before_particles_or_the_copula():
    """25입니다, not 25 입니다; 0.1은, not 0.1 은 (a particle after a placeholder is chosen by korean.py)."""
    import re

    bad = []
    for script, beat in _beats():
        text = script.beats[beat]["ko"]
        for match in re.finditer(r"[0-9A-Za-zα-ωθ∇})²]\s+(입니다|이다|은|는|이|가|을|를|와|과|으로|로)(?=[\s.,:]|$)", text):
            bad.append(f"{script.name} [{beat}]: {match.group()!r}")
        if re.search(r"gdmath|manim|python", text, re.IGNORECASE):
            bad.append(f"{script.name} [{beat}]: names the software")
    assert not bad, "\n".join(bad)
