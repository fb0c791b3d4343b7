"""Narration: each beat's sentence on screen in the caption band and in the .srt, same timing.

A scene's script lives in ``scenes/script/<name>.toml``: one table per beat, Korean and English
side by side, so it can be edited or translated without touching animation code::

    [tangent]
    ko = "h가 0으로 가면 할선은 접선이 됩니다."
    en = "As h goes to 0, the secant becomes the tangent."

Sentences may hold ``{placeholders}`` that the scene fills with numbers from gdmath. A voice
(:mod:`scenes.kit.voice`) says each sentence as :func:`scenes.kit.speech.spoken` reads it; where
that reading falls short, a beat gives its own spoken sentence, with the same placeholders::

    [limit]
    ko = "α < 2/L = {limit}일 때만 수렴합니다."
    ko_spoken = "알파가 엘 분의 이, 곧 {limit}보다 작을 때만 수렴합니다."

A beat lasts at least as long as its speech and :data:`SPEECH_PAUSE`: when the scene moves on to
the next beat before the voice is done, it waits for the voice; animations are never cut short.
Where a beat's picture is complete, before anything of it leaves, the scene calls
:meth:`NarratedScene.hold`, so that the voice finishes over that picture. The caption band, the
``.srt`` and the record all take these real times.
"""

from __future__ import annotations

import dataclasses
import html
import json
import os
import re
import sys
import time
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np
from manim import DOWN, DecimalNumber, MarkupText, Scene, SingleStringMathTex, Text, ThreeDScene, VGroup, config

from gdmath import GDMathError, RootSum, Surd, exact_text
from gdmath.surd import root_below

from .cache import paint_only_what_is_seen, skipped_progression
from .drawing import drawn_each_frame
from .korean import KOREAN_FORMATTER
from .layout import split_in_two
from .speech import spoken
from .style import (CAPTION_FONT_SIZE, CAPTION_TOP, FONT, FRAME_MARGIN, LABEL_FONT_SIZE, TEXT_COLOR,
                    FontMissingError, fixed_text, number_text, plain_formula, require_font)
from .variants import LANGUAGES, FieldError, SceneParameters, read_toml
from .voice import VOICE_VARIABLE, VOICES, Line, Speech, VoiceError, make_voice, narration_fingerprint

__all__ = ["LANGUAGES", "Script", "ScriptError", "NarratedScene", "SCRIPT_DIR", "language_from_environment"]

SCRIPT_DIR = Path(__file__).resolve().parent.parent / "script"
#: Setting this environment variable to ``en`` or ``ko`` overrides a scene's language.
LANGUAGE_VARIABLE = "LECTURE_LANGUAGE"
#: When set, the record is (also) written to this path: with ``--dry_run`` there is no video to sit beside.
RECORD_VARIABLE = "LECTURE_RECORD_PATH"
#: Seconds of quiet after a beat's speech before the next beat may start.
SPEECH_PAUSE = 0.4
#: What the screen witness counts as one text: a label, a formula, a number, a caption line.
TEXT_TYPES = (Text, MarkupText, SingleStringMathTex, DecimalNumber)


class ScriptError(ValueError):
    """A narration script that is missing, malformed, or lacks a language for a beat."""


@dataclass(frozen=True)
class Script:
    """The beats of one scene, each with a sentence per language."""

    name: str
    beats: dict[str, dict[str, str]]

    @classmethod
    def load(cls, name: str, directory: Path = SCRIPT_DIR) -> "Script":
        path = directory / f"{name}.toml"
        data = read_toml(path, ScriptError)
        for beat, sentences in data.items():
            if not isinstance(sentences, dict):
                raise ScriptError(f"{path}: [{beat}] must be a table with ko and en")
            missing = [language for language in LANGUAGES if not isinstance(sentences.get(language), str)]
            if missing:
                raise ScriptError(f"{path}: [{beat}] has no {' or '.join(missing)} sentence")
            unknown = set(sentences) - set(LANGUAGES) - {f"{language}_spoken" for language in LANGUAGES}
            if unknown:
                raise ScriptError(f"{path}: [{beat}] has unknown keys {sorted(unknown)}")
        return cls(name, data)

    def line(self, beat: str, language: str, **values) -> str:
        if beat not in self.beats:
            raise ScriptError(f"script {self.name!r} has no beat [{beat}]")
        # {value:은} takes the particle that fits how the value is read (0.1은, 5는); see korean.py.
        return KOREAN_FORMATTER.format(self.beats[beat][language], **values)

    def spoken_line(self, beat: str, language: str, **values) -> str:
        """The beat's sentence as a voice says it: its own spoken form if the script gives one, read aloud."""
        self.line(beat, language, **values)  # the same checks as the caption's
        template = self.beats[beat].get(f"{language}_spoken", self.beats[beat][language])
        return spoken(KOREAN_FORMATTER.format(template, **values), language)


def voice_from_environment(default: str) -> str:
    """The voice to speak with: ``$LECTURE_VOICE`` when set, else ``default`` (the scene's parameter)."""
    voice = os.environ.get(VOICE_VARIABLE, "").strip() or default
    if voice not in VOICES:
        raise ScriptError(f"{VOICE_VARIABLE}={voice!r}: the voice must be one of {', '.join(VOICES)}")
    return voice


def language_from_environment(default: str) -> str:
    """The language to narrate in: ``$LECTURE_LANGUAGE`` when set, else ``default``."""
    language = os.environ.get(LANGUAGE_VARIABLE, "").strip() or default
    if language not in LANGUAGES:
        raise ScriptError(f"{LANGUAGE_VARIABLE}={language!r}: the language must be one of {', '.join(LANGUAGES)}")
    return language


class NarratedScene(Scene):
    """A scene that narrates beat by beat and records every number it shows.

    Subclasses set ``script_name`` and ``parameters`` (a :class:`~scenes.kit.variants.SceneParameters`,
    resolved into ``self.plan`` before anything is drawn) and call :meth:`say` at each beat and
    :meth:`shown` for each number put on screen. At the end the scene writes, next to its
    video, ``<video>.shown.json``: the language, the duration, the beats with their times and
    every number shown, exact, so tests can compare them with gdmath.
    """

    script_name: str = ""
    parameters: SceneParameters = SceneParameters()
    language: str = "ko"
    font: str = FONT

    def setup(self):
        super().setup()
        if config.dry_run:
            # A dry run writes no frame, so none is painted: painting was nearly half of a dry run's
            # time (the descent 18.1 s → 10.2 s, the momentum 13.5 s → 9.7 s). Everything else runs as
            # in a render: every mobject built, every animation and updater played frame by frame,
            # the record written (the same record, byte for byte, for ten variants of five scenes).
            self.renderer.update_frame = lambda *arguments, **options: None
        else:
            self._playing = False
            paint_only_what_is_seen(self.renderer, lambda: self._playing)
        try:
            #: Every value parsed, converted and checked, once: the beats read this, never the text.
            self.plan = self.parameters.resolve()
            self.language = self.plan.language
            self.language = language_from_environment(self.language)
            self.script = Script.load(self.script_name)
            require_font(self.font)
            self.voice = make_voice(voice_from_environment(self.plan.parameters.voice), Path(config.media_dir) / "voice")
            # Before anything is drawn: a recorded voice checks every take the sheet lists.
            self.voice.prepare(self.script_name, self.video_name, self.language, self.narration_fingerprint())
        except (FieldError, GDMathError, ScriptError, FontMissingError, VoiceError) as error:
            # A user's mistake or a missing font: one line that names it, not a traceback.
            where = f"{type(self).__name__}: " + (f"{error.key}: " if isinstance(error, FieldError) else "")
            print(f"error: {where}{error}", file=sys.stderr)
            raise SystemExit(2) from None
        self.caption: VGroup | None = None
        self._beat: _Beat | None = None  # the beat under way
        self.speaking = False  # whether any beat has sound
        self.beats_said: list[dict] = []
        self.numbers_shown: list[dict] = []
        self.surds_shown: list[dict] = []
        self.formulas_shown: list[dict] = []
        self.ticks_shown: list[dict] = []
        self.texts_drawn: dict[str, float] = {}
        self.screens: list[dict] = []
        self.parts: list[dict] = []

    @property
    def video_name(self) -> str:
        """The video's name: the variant's, or the script's (its recordings' folder is named so)."""
        return getattr(self, "variant_name", self.script_name)

    def narration_fingerprint(self) -> str:
        """What this video's sentences come from (its script, parameters and language), hashed."""
        return narration_fingerprint((SCRIPT_DIR / f"{self.script_name}.toml").read_bytes(),
                                     dataclasses.asdict(self.parameters), self.language)

    # -- narration --------------------------------------------------------------------------
    def say(self, beat: str, **values) -> str:
        """Start a beat: its sentence replaces the caption on screen and opens a subtitle."""
        before = self.time
        self._close_beat()
        if self.time > before:
            self._restamp(before, {str(value) for value in values.values()})
        sentence = self.script.line(beat, self.language, **values)
        said_before = sum(1 for said in self.beats_said if said["beat"] == beat)
        take = beat if not said_before else f"{beat}-{said_before + 1}"  # a beat said again is another take
        line = Line(self.script_name, self.video_name, self.language, beat, take, sentence,
                    self.script.spoken_line(beat, self.language, **values))
        try:
            speech = self.voice.speech(line)
        except VoiceError as error:
            print(f"error: {type(self).__name__}: voice {self.voice.name}: {error}", file=sys.stderr)
            raise SystemExit(2) from None
        if speech is not None:
            self.add_sound(str(speech.path))
            self.speaking = True
        caption = self.caption_mobject(sentence)
        if isinstance(self, ThreeDScene):
            # Captions belong to the screen, not to the 3D world the camera turns around.
            self.pin(caption, replacing=self.caption, shown=True)
        else:
            if self.caption is not None:
                self.remove(self.caption)
            self.add(caption)
        self.caption = caption
        self._beat = _Beat(line, self.time, {key: str(value) for key, value in values.items()}, speech)
        return sentence

    def hold(self, seconds: float) -> None:
        """Wait ``seconds``, and longer while the beat's voice is still speaking (then :data:`SPEECH_PAUSE`).

        A scene holds where the picture its sentence describes is complete, before anything leaves:
        the voice finishes over that picture, not over an emptied screen at the next :meth:`say`.
        Without a voice this is ``wait(seconds)``, frame for frame.
        """
        if self._beat is not None:
            seconds = max(seconds, self._beat.quiet_at - self.time)
        self.wait(seconds)

    def _restamp(self, before: float, texts: set[str]) -> None:
        """The caption's values were recorded before the scene waited for the last voice: they are shown now."""
        for records in (self.numbers_shown, self.surds_shown, self.formulas_shown):
            for record in reversed(records):
                if record["time"] < before - 1e-9:
                    break
                if record["text"] in texts:
                    record["time"] = self.time

    def pin(self, mobject, replacing=None, *, shown: bool = False):
        """Pin ``mobject`` to the frame of a 3D scene (the camera's turns leave it be), in place of ``replacing``.

        With nothing to replace, it is on screen at once if ``shown`` (it was already, or it is a
        caption), and otherwise taken off screen again, to be faded in.
        """
        if replacing is not None:
            self.remove(replacing)
            self.remove_fixed_in_frame_mobjects(replacing)
        self.add_fixed_in_frame_mobjects(mobject)
        if replacing is None and not shown:
            self.remove(mobject)
        return mobject

    def words(self, key: str, **text_options) -> Text:
        """On-screen words (not narration) from the script's ``[screen_*]`` tables, in the scene's language."""
        text_options.setdefault("font_size", LABEL_FONT_SIZE)
        text_options.setdefault("color", TEXT_COLOR)
        words = Text(self.script.line(key, self.language), font=self.font, **text_options)
        words.script_words = True  # the script's own words: the witness tells them from numbers computed
        return words

    def caption_mobject(self, sentence: str) -> VGroup:
        """The sentence in the caption band: centred, wrapped to two lines if long, inside the frame."""
        width = config.frame_width - 2 * FRAME_MARGIN
        text = caption_line(sentence, self.font)
        if text.width > width:
            text = VGroup(*(caption_line(line, self.font) for line in split_in_two(sentence))).arrange(DOWN, buff=0.12)
        band_height = CAPTION_TOP - (-config.frame_height / 2) - 2 * 0.08
        if text.width > width:
            text.scale_to_fit_width(width)
        if text.height > band_height:
            text.scale_to_fit_height(band_height)
        text.move_to([0, (CAPTION_TOP - config.frame_height / 2) / 2, 0])
        text.set_z_index(100)
        return VGroup(text)

    def _close_beat(self):
        said = self._beat
        if said is None:
            return
        waited = said.quiet_at - self.time if said.quiet_at > self.time + 1e-6 else 0.0
        if waited:  # the voice is still speaking: let it finish
            self.wait(waited)
        line, start = said.line, said.start
        duration = self.time - start
        if duration > 0:
            self.add_subcaption(line.sentence, duration=duration, offset=-duration)
        # The values let the same beat be written in the other language with the same timing.
        entry = {"beat": line.beat, "take": line.take, "text": line.sentence, "start": start, "end": self.time,
                 "values": said.values, "spoken": line.spoken}
        if said.speech is not None:
            # waited: how long the picture stood still at the beat's end for the voice to finish.
            entry["speech"] = {"duration": round(said.speech.duration, 3), "audio": said.speech.path.name,
                               "waited": round(waited, 3)}
        self.beats_said.append(entry)
        self._beat = None

    def mark_part(self, name: str) -> None:
        """Start a named part (for example "2d", "3d"): the benchmark times parts separately."""
        self.parts.append({"name": name, "start": self.time, "wall": time.perf_counter()})

    # -- numbers ----------------------------------------------------------------------------
    def shown(self, label: str, value: Fraction | Surd | RootSum, significant: int = 4, decimals: int | None = None) -> str:
        """Record that ``value`` (exact) is shown under ``label``; return the text to show.

        The text is :func:`~scenes.kit.style.number_text` of the value, or with ``decimals`` the
        value rounded to that many decimals, all of them written (as a ``DecimalNumber`` draws it).
        A surd from gdmath that is rational is a number like any other; an irrational one is shown
        rounded and goes to the record's ``surds`` with its exact text (such as ``5/9 + 2/9·√10``).
        """
        if isinstance(value, RootSum):  # a sum of roots is never rational (it would be a Surd)
            text = number_text(value, significant)
            self.surds_shown.append({"label": label, "exact": str(value), "text": text, "time": self.time})
            return text
        if isinstance(value, Surd):
            if not value.is_rational:
                text = number_text(value, significant)
                self.surds_shown.append({"label": label, "exact": str(value), "text": text, "time": self.time})
                return text
            value = value.as_fraction()
        value = Fraction(value)
        text = number_text(value, significant) if decimals is None else fixed_text(value, decimals)
        self.numbers_shown.append({"label": label, "exact": exact_text(value), "text": text, "time": self.time})
        return text

    def shown_root(self, label: str, square: Fraction | Surd, significant: int = 4) -> str:
        """Record that √``square`` is shown under ``label``; return the text to show.

        A rational square root is a number like any other (:meth:`shown`); otherwise the record's
        ``surds`` hold its exact text ``√(…)`` and the screen a rounded decimal.
        """
        if isinstance(square, Surd) and square.is_rational:
            square = square.as_fraction()
        if isinstance(square, Fraction) or isinstance(square, int):
            return self.shown(label, Surd.sqrt(Fraction(square)), significant)
        text = number_text(root_below(square.approximation(2 * significant + 20), significant + 10), significant)
        self.surds_shown.append({"label": label, "exact": f"√({square})", "text": text, "time": self.time})
        return text

    def shown_formula(self, label: str, text: str, polynomial=None) -> str:
        """Record that a formula is shown under ``label`` as ``text`` (LaTeX or plain); return the text.

        ``polynomial`` is the gdmath polynomial the text writes, when it writes one, so tests can
        read the text back and compare; the numbers in a recorded formula (coefficients, exponents)
        are accounted for by it.
        """
        self.formulas_shown.append({"label": label, "text": text, "time": self.time,
                                    "polynomial": None if polynomial is None else str(polynomial)})
        return text

    def shown_polynomial(self, label: str, polynomial, latex: bool = True) -> str:
        """A polynomial as LaTeX (or, with ``latex=False``, as plain caption text), recorded as shown."""
        text = polynomial.to_latex() if latex else plain_formula(polynomial)
        return self.shown_formula(label, text, polynomial)

    def record_ticks(self, axes, prefix: str = "") -> None:
        """Record the tick labels of axes made by :func:`scenes.kit.axes.numbered_axes`."""
        for tick in axes.ticks:
            self.ticks_shown.append({"axis": prefix + tick.axis, "exact": exact_text(tick.value), "text": tick.text})

    # -- what is drawn ------------------------------------------------------------------------
    def play(self, *args, **kwargs):
        # Before (texts added for this animation, some of which it removes) and after.
        self._witness_texts()
        self._playing = True
        try:
            super().play(*args, **kwargs)
        finally:
            self._playing = False
        if self.renderer.skip_animations:
            # manim skipped this animation (its cached movie is reused, or -n/-s asked so) and with
            # it the update a played animation ends with: run it, or the state the next animation
            # is hashed from differs from a full render's, and every later animation misses the cache.
            self.update_mobjects(0)
        self._witness_texts()

    def get_moving_mobjects(self, *animations):
        # Only what the animation can change is drawn each frame (scenes.kit.drawing); the pictures are the same.
        return drawn_each_frame(self, animations, super().get_moving_mobjects(*animations))

    def get_time_progression(self, run_time, description, n_iterations=None, override_skip_animations=False):
        progression = super().get_time_progression(run_time, description, n_iterations, override_skip_animations)
        if self.renderer.skip_animations and not override_skip_animations:
            # A skipped animation steps to its last frame's time, as a played one ends (scenes.kit.cache).
            progression.iterable = skipped_progression(run_time, config.frame_rate)
        return progression

    def _witness_texts(self) -> None:
        """Note every text and formula on screen before and after an animation, and where it is.

        ``texts`` lists each Text first drawn (words, not math); ``screens`` holds, each time what is
        on screen changes, every visible text, formula and number with its box in frame units and
        its kind (``text``, ``tex``, ``number``; ``caption`` for the caption band, ``words`` for the
        script's on-screen words, ``tick`` for an axis label, with its exact value), so tests can
        check that none overlaps another or leaves the frame, and read every number on screen.
        """
        visible = []
        captions = set() if self.caption is None else {id(m) for m in self.caption.get_family()}
        for unit in self._text_units():
            if isinstance(unit, Text | MarkupText):
                self.texts_drawn.setdefault(_plain_text(unit), self.time)
            box = self._frame_box(unit)
            if box is not None:
                kind = "caption" if id(unit) in captions else "words" if getattr(unit, "script_words", False) \
                    else _unit_kind(unit)
                entry = {"text": _unit_text(unit), "kind": kind, "box": box}
                tick = getattr(unit, "tick", None)  # a tick label of scenes.kit.axes.numbered_axes
                if tick is not None:
                    entry.update(kind="tick", axis=tick.axis, value=exact_text(tick.value))
                visible.append(entry)
        if not self.screens or self.screens[-1]["texts"] != visible:
            self.screens.append({"time": round(self.time, 3), "texts": visible})

    def texts_on_screen(self) -> list:
        """Every text, formula and number on screen now (the outermost of each): what a label must not cover."""
        return list(self._text_units())

    def _text_units(self):
        """The outermost texts, formulas and numbers among the mobjects on screen, each once."""
        seen: set[int] = set()

        def walk(mobject):
            if id(mobject) in seen:
                return
            seen.add(id(mobject))
            if isinstance(mobject, TEXT_TYPES):
                yield mobject
                return
            for child in mobject.submobjects:
                yield from walk(child)

        for mobject in self.mobjects:
            yield from walk(mobject)

    def _frame_box(self, unit) -> list[float] | None:
        """[left, bottom, right, top] of a visible text as it appears in the frame, or None if unseen."""
        parts = [part for part in unit.family_members_with_points()
                 if part.get_fill_opacity() > 0.05 or part.get_stroke_opacity() > 0.05 and part.get_stroke_width() > 0]
        if not parts:
            return None
        points = np.concatenate([part.points for part in parts])
        camera = self.renderer.camera
        if isinstance(self, ThreeDScene) and unit not in camera.fixed_in_frame_mobjects:
            points = camera.project_points(points)
        low, high = points[:, :2].min(axis=0), points[:, :2].max(axis=0)
        return [round(float(v), 3) for v in (*low, *high)]

    def tear_down(self):
        self._close_beat()
        self._witness_texts()
        if self.speaking and not self.renderer.skip_animations:
            # The sound track ends with the last speech; silence takes it to the video's end.
            from pydub import AudioSegment

            self._get_manager().file_writer.add_audio_segment(AudioSegment.silent(0), self.time)
        super().tear_down()
        self._write_record()

    def _write_record(self):
        paths = [Path(os.environ[RECORD_VARIABLE])] if os.environ.get(RECORD_VARIABLE) else []
        try:
            movie = self._get_manager().file_writer.movie_file_path
        except Exception:  # no video output (--dry_run, --format=png): nothing to sit beside
            movie = None
        if movie is not None:
            paths.append(Path(movie).with_suffix(".shown.json"))
        if not paths:
            return
        record = {
            "scene": type(self).__name__,
            "script": self.script_name,
            "language": self.language,
            "voice": self.voice.name,
            "duration": self.time,
            "frame_rate": config.frame_rate,
            "beats": self.beats_said,
            "numbers": self.numbers_shown,
            "surds": self.surds_shown,
            "formulas": self.formulas_shown,
            "ticks": self.ticks_shown,
            "texts": [{"text": text, "time": first} for text, first in self.texts_drawn.items()],
            "frame": [config.frame_width, config.frame_height],
            "screens": self.screens,
            "parts": self.parts + [{"name": "end", "start": self.time, "wall": time.perf_counter()}],
        }
        record["parameters"] = dataclasses.asdict(self.parameters)
        record.update(self.record_extra())
        text = json.dumps(record, ensure_ascii=False, indent=1)
        for path in paths:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

    def record_extra(self) -> dict:
        """More facts a scene adds to the record (its title, what its plan decided); override to add."""
        return {}




@dataclass(frozen=True)
class _Beat:
    """A beat under way: its line, when it started, the values filled in, and its speech (if any)."""

    line: Line
    start: float
    values: dict
    speech: Speech | None

    @property
    def quiet_at(self) -> float:
        """When the next beat may start: the end of its speech and :data:`SPEECH_PAUSE` (its start if silent)."""
        return self.start if self.speech is None else self.start + self.speech.duration + SPEECH_PAUSE


def _plain_text(text: Text | MarkupText) -> str:
    if isinstance(text, MarkupText):
        return html.unescape(re.sub(r"<[^>]+>", "", text.original_text))
    return text.original_text


def _unit_kind(unit) -> str:
    if isinstance(unit, Text | MarkupText):
        return "text"
    return "number" if isinstance(unit, DecimalNumber) else "tex"


def _unit_text(unit) -> str:
    """What a text unit reads: its words, its LaTeX, or its number as drawn."""
    if isinstance(unit, Text | MarkupText):
        return _plain_text(unit)
    if isinstance(unit, DecimalNumber):
        return unit._get_num_string(unit.number)
    return unit.get_tex_string()


# NanumGothic draws these as tiny glyphs (x² reads as x˙ at 480p), as another sign (∇ as an outlined
# triangle, ▽) or lacks them (−); DejaVu Sans has them.
_FALLBACK_CHARACTERS = re.compile(r"([⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉∂∇−]+)")
FALLBACK_FONT = "DejaVu Sans"


def caption_line(line: str, font: str = FONT) -> MarkupText:
    """One line of caption in the shared font, with superscripts and ∂ drawn in a fallback font."""
    markup = _FALLBACK_CHARACTERS.sub(rf'<span font_family="{FALLBACK_FONT}">\1</span>', html.escape(line, quote=False))
    return MarkupText(markup, font=font, font_size=CAPTION_FONT_SIZE, color=TEXT_COLOR)
