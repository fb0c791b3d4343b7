"""Voices: normalised and cached speech, and recordings that stay true to their sentences."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from scenes.kit.narration import SPEECH_PAUSE, NarratedScene, _Beat
from scenes.kit.sheet import as_csv, as_html, as_text, sheet
from scenes.kit.voice import (LOUDNESS, EspeakVoice, Line, RecordedVoice, Speech, VoiceError, audio_duration,
                              normalise, read_manifest, sentence_fingerprint, write_manifest)

from .conftest import MANIM, ROOT, loudness, tone


def test_normalising_trims_the_silence_before_and_brings_loudness_to_the_target(tmp_path):
    quiet = tone(tmp_path / "quiet.wav", 2.0, volume_db=-15, lead=0.8)
    out = tmp_path / "out.wav"
    normalise(quiet, out)
    integrated, peak = loudness(out)
    assert abs(integrated - LOUDNESS) <= 1.0
    assert peak <= -1.0
    assert abs(audio_duration(out) - 2.0) < 0.1  # the 0.8 s of silence before the tone is gone


def line(text: str, language: str = "en", take: str = "intro") -> Line:
    return Line("derivative", "derivative", language, take.split("-")[0], take, text, text)


def test_espeak_speaks_both_languages_once_and_the_cache_keeps_it(tmp_path, monkeypatch):
    espeak = EspeakVoice(tmp_path)
    english = espeak.speech(line("alpha equals zero point one"))
    korean = espeak.speech(line("알파는 영 점 일입니다", "ko"))
    for speech in (english, korean):
        assert 0.8 < speech.duration < 5
        assert abs(loudness(speech.path)[0] - LOUDNESS) <= 1.0
    monkeypatch.setattr(EspeakVoice, "raw_audio", lambda *args: pytest.fail("synthesised again"))
    assert EspeakVoice(tmp_path).speech(line("alpha equals zero point one")) == english


def make_sheet(folder: Path, takes: dict[str, str], language: str = "ko", fingerprint: str = "f") -> dict:
    """The manifest a sheet writes for these takes (take → sentence)."""
    manifest = {"scene": "derivative", "video": "derivative", "language": language, "fingerprint": fingerprint,
                "takes": {take: {"order": i + 1, "beat": take.split("-")[0], "sentence": sentence, "spoken": sentence,
                                 "fingerprint": sentence_fingerprint(language, sentence)}
                          for i, (take, sentence) in enumerate(takes.items())},
                "recordings": read_manifest(folder).get("recordings", {})}
    write_manifest(folder, manifest)
    return manifest


def prepare(root: Path, fingerprint: str = "f"):
    RecordedVoice(root / "cache", root / "recordings").prepare("derivative", "derivative", "ko", fingerprint)


@pytest.fixture
def recorded(tmp_path):
    """A folder of recordings made from a sheet of two takes: a flac and an ogg."""
    folder = tmp_path / "recordings" / "ko" / "derivative"
    folder.mkdir(parents=True)
    make_sheet(folder, {"intro": "x = 1에서 시작합니다.", "step": "한 걸음은 0.2입니다."})
    tone(folder / "intro.flac", 1.0)
    tone(folder / "step.ogg", 1.5)
    return folder


def test_recordings_made_from_the_sheet_are_bound_to_its_sentences(tmp_path, recorded):
    prepare(tmp_path)
    bound = read_manifest(recorded)["recordings"]
    assert {name: entry["sentence"] for name, entry in bound.items()} == {
        "intro.flac": "x = 1에서 시작합니다.", "step.ogg": "한 걸음은 0.2입니다."}


def test_a_changed_sentence_makes_its_recording_stale(tmp_path, recorded):
    prepare(tmp_path)
    make_sheet(recorded, {"intro": "x = 1에서 시작합니다.", "step": "한 걸음은 0.5입니다."})  # a variant: another α
    with pytest.raises(VoiceError, match=r"\[step\] .*step\.ogg: stale: recorded for “한 걸음은 0\.2입니다\.”"):
        prepare(tmp_path)
    tone(recorded / "step.ogg", 2.0)  # recorded again
    prepare(tmp_path)


@pytest.mark.parametrize("damage, message", [
    (lambda path: path.unlink(), r"\[step\]: no recording: .*step\.\{wav,flac,ogg,mp3,m4a\}"),
    (lambda path: path.write_bytes(b""), r"\[step\] .*step\.ogg: the file is empty"),
    (lambda path: path.write_bytes(b"OggS not really audio" * 50), r"\[step\] .*step\.ogg: cannot be read as audio"),
    (lambda path: tone(path, 1.0, volume_db=-90), r"\[step\] .*step\.ogg: silent"),
])
def test_a_missing_empty_corrupt_or_silent_recording_is_refused_naming_take_and_file(tmp_path, recorded, damage,
                                                                                    message):
    damage(recorded / "step.ogg")
    with pytest.raises(VoiceError, match=message):
        prepare(tmp_path)


def test_a_sheet_for_other_parameters_or_none_at_all_is_refused(tmp_path, recorded):
    with pytest.raises(VoiceError, match="changed since the recording sheet .* print it again"):
        prepare(tmp_path, fingerprint="other")
    (recorded / "sentences.json").unlink()
    with pytest.raises(VoiceError, match="no recording sheet in .*python -m scenes.kit.sheet derivative --language ko"):
        prepare(tmp_path)


def test_a_take_the_sheet_did_not_list_is_refused_when_said(tmp_path, recorded):
    voice = RecordedVoice(tmp_path / "cache", tmp_path / "recordings")
    voice.prepare("derivative", "derivative", "ko", "f")
    assert voice.speech(line("한 걸음은 0.2입니다.", "ko", "step")).duration == pytest.approx(1.5, abs=0.05)
    with pytest.raises(VoiceError, match=r"\[step\]: the scene says “한 걸음은 9입니다\.”, which the recording sheet"):
        voice.speech(line("한 걸음은 9입니다.", "ko", "step"))


# -- the whole workflow, as a teacher runs it --------------------------------------------------
def manim(scene: str, env: dict, *extra: str) -> subprocess.CompletedProcess:
    command = [str(MANIM), "render", "-ql", "--fps", "3", "--dry_run", "--disable_caching", "--progress_bar", "none",
               *extra, f"scenes/{scene}.py"]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env={**os.environ, **env}, timeout=900)


@pytest.mark.render
def test_sheet_record_render_the_beats_stretch_to_fit_and_a_bad_take_stops_the_render(tmp_path):
    env = {"LECTURE_VOICE_DIR": str(tmp_path / "recordings"), "LECTURE_VOICE": "recorded",
           "LECTURE_RECORD_PATH": str(tmp_path / "record.json")}
    os.environ["LECTURE_VOICE_DIR"] = env["LECTURE_VOICE_DIR"]
    try:
        data = sheet("derivative", language="ko")
    finally:
        del os.environ["LECTURE_VOICE_DIR"]
    folder = data["folder"]
    assert [row["status"] for row in data["rows"]] == ["to record"] * len(data["rows"])
    assert "intro.wav" in as_text(data) and "<table>" in as_html(data)
    assert as_csv(data).splitlines()[0] == "order,take,file,status,sentence,spoken,recorded_for"
    # Record every take; the first far longer than its beat was.
    for row in data["rows"]:
        tone(folder / row["file"], 12.0 if row["order"] == 1 else 1.0)
    result = manim("derivative", env, "--media_dir", str(tmp_path / "media"))
    assert result.returncode == 0, result.stderr[-2000:]
    record = json.loads((tmp_path / "record.json").read_text(encoding="utf-8"))
    # The sheet listed exactly what the render said, in order.
    assert [(b["take"], b["text"]) for b in record["beats"]] == [(r["take"], r["sentence"]) for r in data["rows"]]
    first = record["beats"][0]
    assert first["speech"]["duration"] == pytest.approx(12.0, abs=0.05)
    assert first["end"] - first["start"] >= 12.0  # waited for the voice
    for beat in record["beats"]:
        assert beat["end"] - beat["start"] >= beat["speech"]["duration"]
    # A damaged take: one line naming it, exit code 2, before anything is drawn.
    (folder / "tangent.wav").write_bytes(b"")
    result = manim("derivative", env, "--media_dir", str(tmp_path / "media"))
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and re.match(r"error: DerivativeOfXSquared: \[tangent\] .*tangent\.wav: the file is empty",
                                         errors[0]), result.stderr


class Clock:
    """Just enough of a scene for NarratedScene.hold: a clock that wait() moves, and the beat under way."""

    def __init__(self, speech_seconds: float | None, started: float = 0.0, now: float = 0.0):
        self._beat = _Beat(line("A sentence."), started, {},
                           None if speech_seconds is None else Speech(Path("speech.wav"), speech_seconds))
        self.time = now
        self.waits = []

    def wait(self, seconds):
        self.waits.append(seconds)
        self.time += seconds


@pytest.mark.parametrize("speech, now, asked, waited", [
    (None, 1.0, 2.0, 2.0),                   # silent: hold is wait, frame for frame
    (6.0, 1.0, 2.0, 6.0 + SPEECH_PAUSE - 1.0),  # the voice goes on: the picture stays until it is done
    (1.5, 3.0, 2.0, 2.0),                    # the voice is done already: only what was asked
])
def test_hold_keeps_the_picture_until_the_voice_has_finished(speech, now, asked, waited):
    scene = Clock(speech, now=now)
    NarratedScene.hold(scene, asked)
    assert scene.waits == [pytest.approx(waited)]
