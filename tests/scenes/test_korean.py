"""Korean particles agree with how numbers and formulas are read aloud, and the scripts use them."""

from __future__ import annotations

import re
import string

import pytest

from scenes.kit.korean import KOREAN_FORMATTER, PARTICLES, particle, with_particle
from scenes.kit.narration import SCRIPT_DIR, Script

# Written by hand from the reading in the middle column: 은/는, 이/가, 을/를, 과/와, 으로/로.
AFTER_CONSONANT = "은 이 을 과 으로"
AFTER_RIEUL = "은 이 을 과 로"
AFTER_VOWEL = "는 가 를 와 로"
CASES = [
    # text, how it is read, the particles it takes
    ("0.1", "영 점 일", "은 이 을 과 로"),
    ("5", "오", "는 가 를 와 로"),
    ("-5", "마이너스 오", "는 가 를 와 로"),
    ("−5", "마이너스 오", "는 가 를 와 로"),
    ("-0.25", "마이너스 영 점 이 오", "는 가 를 와 로"),
    ("10", "십", "은 이 을 과 으로"),
    ("0", "영", "은 이 을 과 으로"),
    ("1", "일", "은 이 을 과 로"),
    ("3", "삼", "은 이 을 과 으로"),
    ("6", "육", "은 이 을 과 으로"),
    ("7", "칠", "은 이 을 과 로"),
    ("8", "팔", "은 이 을 과 로"),
    ("9", "구", "는 가 를 와 로"),
    ("11", "십일", "은 이 을 과 로"),
    ("20", "이십", "은 이 을 과 으로"),
    ("100", "백", "은 이 을 과 으로"),
    ("300", "삼백", "은 이 을 과 으로"),
    ("1000", "천", "은 이 을 과 으로"),
    ("10000", "만", "은 이 을 과 으로"),
    ("120000", "십이만", "은 이 을 과 으로"),
    ("100000000", "일억", "은 이 을 과 으로"),
    ("1024", "천이십사", "는 가 를 와 로"),
    ("0.5", "영 점 오", "는 가 를 와 로"),
    ("1.05", "일 점 영 오", "는 가 를 와 로"),
    ("0.4295", "영 점 사 이 구 오", "는 가 를 와 로"),
    ("3.2", "삼 점 이", "는 가 를 와 로"),
    ("2.56", "이 점 오 육", "은 이 을 과 으로"),
    ("0.10", "영 점 일 영", "은 이 을 과 으로"),
    ("1/2", "이 분의 일", "은 이 을 과 로"),
    ("2/L", "엘 분의 이", "는 가 를 와 로"),
    ("1/L", "엘 분의 일", "은 이 을 과 로"),
    ("3/10", "십 분의 삼", "은 이 을 과 으로"),
    ("2/(μ+L)", "뮤 플러스 엘 분의 이", "는 가 를 와 로"),
    ("L", "엘", "은 이 을 과 로"),
    ("x", "엑스", "는 가 를 와 로"),
    ("y", "와이", "는 가 를 와 로"),
    ("f", "에프", "는 가 를 와 로"),
    ("h", "에이치", "는 가 를 와 로"),
    ("m", "엠", "은 이 을 과 으로"),
    ("α", "알파", "는 가 를 와 로"),
    ("ε", "엡실론", "은 이 을 과 으로"),
    ("∇f", "델 에프", "는 가 를 와 로"),
    ("−∇f", "마이너스 델 에프", "는 가 를 와 로"),
    ("(4, 4)", "사 콤마 사", "는 가 를 와 로"),
    ("(1, 0)", "일 콤마 영", "은 이 을 과 으로"),
    ("(-3, 7)", "마이너스 삼 콤마 칠", "은 이 을 과 로"),
    ("(1 − αλ)", "일 마이너스 알파 람다", "는 가 를 와 로"),
    ("x² + y²", "엑스 제곱 플러스 와이 제곱", "은 이 을 과 으로"),
    ("x² + 3", "엑스 제곱 플러스 삼", "은 이 을 과 으로"),
    ("2x", "이 엑스", "는 가 를 와 로"),
    ("2x − 4", "이 엑스 마이너스 사", "는 가 를 와 로"),
    ("x²/2 + y²/2", "… 이 분의 와이 제곱", "은 이 을 과 으로"),
    ("f′(x)", "에프 프라임 엑스", "는 가 를 와 로"),
    ("x₀", "엑스 영", "은 이 을 과 으로"),
    ("|1 − αλ|", "일 마이너스 알파 람다의 절댓값", "은 이 을 과 으로"),
    ("1.5×10¹¹", "일 점 오 곱하기 십의 십일", "은 이 을 과 로"),
    ("1.5e+11", "일 점 오 곱하기 십의 십일", "은 이 을 과 로"),
    ("2.5e-7", "이 점 오 곱하기 십의 마이너스 칠", "은 이 을 과 로"),
    ("0.5, 0.2, 1.4", "영 점 오, 영 점 이, 일 점 사", "는 가 를 와 로"),
    ("기울기", "기울기", "는 가 를 와 로"),
    ("3번", "세 번", "은 이 을 과 으로"),
]
NAMES = ("은", "이", "을", "과", "으로")


@pytest.mark.parametrize("text, reading, expected", CASES, ids=[case[0] for case in CASES])
def test_the_particle_follows_how_the_text_is_read(text, reading, expected):
    assert " ".join(particle(text, name) for name in NAMES) == expected, reading


def test_the_table_covers_every_ending():
    endings = {expected for _, _, expected in CASES}
    assert endings == {AFTER_CONSONANT, AFTER_RIEUL, AFTER_VOWEL}
    assert len(CASES) >= 25


@pytest.mark.parametrize("consonant, vowel", [("은", "는"), ("이", "가"), ("을", "를"), ("과", "와"), ("으로", "로")])
def test_either_form_names_the_same_pair(consonant, vowel):
    for text in ("0.1", "5", "10", "x² + y²", "L"):
        assert particle(text, consonant) == particle(text, vowel)


def test_examples_from_the_brief():
    assert with_particle("0.1", "는") == "0.1은"
    assert with_particle("0.1", "로") == "0.1로"
    assert with_particle("5", "은") == "5는"
    assert with_particle("10", "로") == "10으로"
    assert with_particle("0", "로") == "0으로"
    assert with_particle("0.4295", "이") == "0.4295가"
    assert with_particle("x² + y²", "를") == "x² + y²을"


def test_an_unreadable_ending_writes_both_forms():
    assert [particle("§", name) for name in NAMES] == ["은(는)", "이(가)", "을(를)", "과(와)", "(으)로"]


def test_an_unknown_particle_is_an_error():
    with pytest.raises(ValueError, match="unknown particle"):
        particle("5", "에게")


def test_the_formatter_adds_particles_and_leaves_plain_fields_alone():
    assert KOREAN_FORMATTER.format("α = {alpha:는} 작습니다", alpha="0.1") == "α = 0.1은 작습니다"
    assert KOREAN_FORMATTER.format("α = {alpha:은} 큽니다", alpha="5") == "α = 5는 큽니다"
    assert KOREAN_FORMATTER.format("{p}에서 {q:로}", p="(4, 4)", q="(1, 0)") == "(4, 4)에서 (1, 0)으로"
    assert KOREAN_FORMATTER.format("{n}번 뒤 {x:.2f으로}", n=3, x=0.5) == "3번 뒤 0.50으로"
    assert KOREAN_FORMATTER.format("{a} and {b:>4}", a="x", b=7) == "x and    7"
    with pytest.raises(KeyError):
        KOREAN_FORMATTER.format("{missing:는}")


def test_script_line_chooses_the_particle(tmp_path):
    (tmp_path / "demo.toml").write_text('[rule]\nko = "α = {alpha:는} 작습니다."\nen = "α = {alpha} is small."\n',
                                        encoding="utf-8")
    script = Script.load("demo", tmp_path)
    assert script.line("rule", "ko", alpha="0.1") == "α = 0.1은 작습니다."
    assert script.line("rule", "ko", alpha="0.25") == "α = 0.25는 작습니다."
    assert script.line("rule", "en", alpha="0.1") == "α = 0.1 is small."


# -- the shipped scripts ----------------------------------------------------------------------
SCRIPTS = sorted(path.stem for path in SCRIPT_DIR.glob("*.toml"))
SAMPLES = ("0.1", "5", "-5", "10", "x² + y²", "(4, 4)", "2/L")
# A particle, or 입니다 and its kin, cut off by a space from the math or the number before it.
SPACED_PARTICLE = re.compile(r"[^\s\uac00-\ud7a3] (?:은|는|이|가|을|를|과|와|으로|로|로도|의|에|에서|에서는|에서나|보다|도|만|"
                             r"부터|까지|입니다|이면|이라서|이라|이어야|일)(?=[\s.,:;!?)]|$)")


def ko_lines():
    for name in SCRIPTS:
        script = Script.load(name)
        for beat, sentences in script.beats.items():
            yield name, script, beat, sentences["ko"]


def test_there_are_four_scripts():
    assert {"derivative", "descent", "gradient_field", "learning_rate"} <= set(SCRIPTS)


@pytest.mark.parametrize("sample", SAMPLES)
def test_every_korean_line_formats(sample):
    for name, script, beat, text in ko_lines():
        fields = {field for _, field, _, _ in string.Formatter().parse(text) if field}
        line = script.line(beat, "ko", **{field: sample for field in fields})
        assert "{" not in line, (name, beat, line)


def test_particle_specs_are_known_particles():
    for name, _, beat, text in ko_lines():
        for _, field, spec, _ in string.Formatter().parse(text):
            if field is not None and spec:
                assert spec in PARTICLES, (name, beat, spec)


def test_no_space_before_a_particle():
    for name, _, beat, text in ko_lines():
        assert not SPACED_PARTICLE.search(text), (name, beat, text)


def test_no_latin_words_in_korean_lines():
    for name, _, beat, text in ko_lines():
        words = re.findall(r"[A-Za-z]{2,}", re.sub(r"\{[^}]*\}", "", text))
        assert not words, (name, beat, words)


def test_no_internal_names_in_any_line():
    for path in SCRIPT_DIR.glob("*.toml"):
        for beat, sentences in Script.load(path.stem).beats.items():
            for language, text in sentences.items():
                assert "gdmath" not in text, (path.stem, beat, language)
