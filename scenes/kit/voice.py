"""Voices: the sound of each beat's sentence, chosen per render.

A voice turns one :class:`Line` (a beat's sentence, written and spoken, in one language) into an
audio file the scene plays at the beat's start, or into nothing. There are three, by name:

* ``none`` — silence: the video as it always was (the default);
* ``espeak`` — a draft voice from espeak-ng, offline, for timing and previews;
* ``recorded`` — the teacher's own recordings, one file per beat, at
  ``<voice folder>/<language>/<video>/<beat>.<ext>`` (``wav``, ``flac``, ``ogg``, ``mp3`` or ``m4a``),
  where ``<video>`` is the variant's name, or the scene's (``descent``); a variant's folder may
  leave a beat out to use the scene's recording of it, if that was made for the same sentence.

The render picks one with the scene's ``voice`` parameter (a variant may set it) or
``$LECTURE_VOICE``; the recordings' folder is ``recordings/`` at the project root, or
``$LECTURE_VOICE_DIR``.

Every voice's audio is normalised to one loudness (:data:`LOUDNESS`, EBU R128, measured by ffmpeg's
``loudnorm``; see :func:`normalise`) and its leading and trailing silence is trimmed, so a beat's speech
starts when its caption does. Normalised audio is cached by what it was made from (the voice,
language and text for a synthetic voice, the file's bytes for a recording): a second render
neither synthesises nor normalises again.

To add a voice (a neural engine with local model files, say), subclass :class:`Voice`, give it a
``name``, make :meth:`Voice.raw_audio` write the sentence's audio to a file, and list it in
:data:`VOICES`; scenes do not change.

A recording is only true of the sentence it was recorded for. Each folder of recordings holds a
manifest, ``sentences.json``: the recording sheet (``python -m scenes.kit.sheet``) writes there the
sentence of each take (a beat said again is a second take: ``step-2``), and a recording made after
it is bound to that sentence by its content hash. When a variant or an edit of the script changes
a sentence, its recording is stale and the render refuses it before drawing anything.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Line", "Speech", "Voice", "SilentVoice", "EspeakVoice", "RecordedVoice", "VoiceError", "VOICES",
           "VOICE_VARIABLE", "VOICE_DIR_VARIABLE", "RECORDINGS", "AUDIO_EXTENSIONS", "LOUDNESS", "TRUE_PEAK",
           "make_voice", "voice_folder", "sentence_fingerprint", "narration_fingerprint", "sheet_command",
           "recording_status", "bind_recordings", "recordings_folder", "recordings_of", "recording_of", "read_manifest", "write_manifest", "espeak_version", "normalise", "audio_duration", "MANIFEST"]

ROOT = Path(__file__).resolve().parents[2]
VOICE_VARIABLE = "LECTURE_VOICE"
VOICE_DIR_VARIABLE = "LECTURE_VOICE_DIR"
#: Where the teacher's recordings are unless ``$LECTURE_VOICE_DIR`` says: source material, not output.
RECORDINGS = ROOT / "recordings"
AUDIO_EXTENSIONS = ("wav", "flac", "ogg", "mp3", "m4a")
MANIFEST = "sentences.json"
#: Integrated loudness (LUFS) and true peak (dBTP) every beat is normalised to; the peak is kept
#: half a decibel under −1 dBTP, the usual ceiling, for what AAC encoding adds.
LOUDNESS = -16.0
TRUE_PEAK = -1.5
#: Below this peak level (dBFS) a recording holds no speech.
SILENT_BELOW = -50.0
#: Sample rate of normalised audio.
SAMPLE_RATE = 48000


class VoiceError(ValueError):
    """A voice that cannot speak a beat: missing, stale, unreadable or silent recording, or no engine."""


@dataclass(frozen=True)
class Line:
    """One beat's sentence: what the caption writes and what a voice says, in one language."""

    script: str     # the scene's script (scenes/script/<script>.toml)
    video: str      # the video's name: the variant's, or the script's
    language: str
    beat: str
    take: str       # the beat's name, numbered when the beat is said again (step, step-2): its file's name
    sentence: str   # the caption
    spoken: str     # the same, in the words it is read aloud with


@dataclass(frozen=True)
class Speech:
    """A beat's audio, normalised, and how long it is (seconds)."""

    path: Path
    duration: float


def narration_fingerprint(script_text: bytes, parameters: dict, language: str) -> str:
    """What a video's sentences come from: its script, its parameters (but the voice) and its language."""
    said = {key: value for key, value in parameters.items() if key != "voice"}
    return _digest(hashlib.sha256(script_text).hexdigest(), json.dumps(said, sort_keys=True, default=str), language)


def sentence_fingerprint(language: str, sentence: str) -> str:
    """A short hash of a sentence in a language: what a recording must have been made for."""
    return hashlib.sha256(f"{language}\0{sentence}".encode()).hexdigest()[:16]


class Voice:
    """A voice: makes each beat's audio, normalised and cached; the base is silent."""

    name = "none"

    def __init__(self, cache: Path | None = None):
        self.cache = cache

    def prepare(self, script: str, video: str, language: str, fingerprint: str) -> None:
        """Refuse, before anything is drawn, a video this voice cannot speak (:class:`VoiceError`).

        ``fingerprint`` is :func:`narration_fingerprint` of what the video's sentences come from.
        """

    def speech(self, line: Line) -> Speech | None:
        """The beat's audio, or None for silence."""
        source_key = self.source_key(line)
        if source_key is None:
            return None
        target = self.cache / self.name / f"{source_key}.wav"
        if not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(dir=target.parent) as work:
                raw = self.raw_audio(line, Path(work))
                made = Path(work) / "normalised.wav"
                normalise(raw, made)
                os.replace(made, target)  # whole or not at all: a cache never holds half a file
        return Speech(target, audio_duration(target))

    def source_key(self, line: Line) -> str | None:
        """What the audio is made from, hashed: the cache's key (None: no audio)."""
        return None

    def raw_audio(self, line: Line, work: Path) -> Path:
        """Write the sentence's audio, as the engine makes it, into ``work``; return its path."""
        raise NotImplementedError


class SilentVoice(Voice):
    """No voice: the video is silent, as before voices existed."""

    name = "none"


class EspeakVoice(Voice):
    """espeak-ng's voice for the language: robotic, offline, instant; for drafts and timing."""

    name = "espeak"
    #: Words per minute: a little slower than espeak's 175, for mathematics.
    speed = 150

    def __init__(self, cache: Path | None = None):
        super().__init__(cache)
        self.program = shutil.which("espeak-ng")

    def prepare(self, script: str, video: str, language: str, fingerprint: str) -> None:
        if self.program is None:
            raise VoiceError("espeak-ng is not installed (sudo apt-get install espeak-ng, or run scripts/setup.sh)")

    def source_key(self, line: Line) -> str:
        return _digest(self.name, espeak_version(self.program), self.speed, line.language, line.spoken, LOUDNESS,
                       TRUE_PEAK)

    def raw_audio(self, line: Line, work: Path) -> Path:
        out = work / "espeak.wav"
        _run([self.program, "-v", line.language, "-s", str(self.speed), "-w", str(out), "--", line.spoken],
             f"espeak-ng could not say [{line.beat}]")
        return out


class RecordedVoice(Voice):
    """The teacher's recordings: one file per take, checked against the sentence it was made for.

    A video's recordings are in ``<folder>/<language>/<video>/``, with the manifest the recording
    sheet wrote there (:data:`MANIFEST`): the sentence of every take, in order, and for each
    recording the sentence it is bound to. :meth:`prepare` checks every take before anything is
    drawn; :meth:`speech` checks again that the scene says what the sheet listed.
    """

    name = "recorded"

    def __init__(self, cache: Path | None = None, folder: Path = RECORDINGS):
        super().__init__(cache)
        self.folder = Path(folder)
        self.manifest: dict | None = None
        self.where: Path | None = None
        self.checked: dict[tuple[str, str], Path] = {}  # (take, sentence) → its recording, checked once

    def prepare(self, script: str, video: str, language: str, fingerprint: str) -> None:
        where = recordings_folder(language, video, self.folder)
        sheet = sheet_command(script, video, language)
        manifest = read_manifest(where)
        if not manifest.get("takes"):
            raise VoiceError(f"no recording sheet in {_shown(where)}: print it, then record what it lists ({sheet})")
        if manifest.get("fingerprint") != fingerprint:
            raise VoiceError(f"the script or the parameters changed since the recording sheet in {_shown(where)} "
                             f"was printed: print it again ({sheet}) and record what it marks")
        self.manifest, self.where = manifest, where
        problems = []
        for take, entry in manifest["takes"].items():
            try:
                self.recording(take, entry["sentence"])
            except VoiceError as error:
                problems.append(str(error))
        if problems:
            more = f" (and {len(problems) - 1} more; the sheet lists them: {sheet})" if len(problems) > 1 else ""
            raise VoiceError(problems[0] + more)

    def recording(self, take: str, sentence: str) -> Path:
        """The take's recording, checked: a :class:`VoiceError` naming the take and the file if it is not fit."""
        if (take, sentence) in self.checked:
            return self.checked[take, sentence]
        entry = self.manifest["takes"].get(take)
        if entry is None or entry["sentence"] != sentence:
            raise VoiceError(f"[{take}]: the scene says \u201c{sentence}\u201d, which the recording sheet in "
                             f"{_shown(self.where)} does not list: print it again")
        present = recordings_of(self.where, take)
        if not present:
            raise VoiceError(f"[{take}]: no recording: {_shown(self.where / take)}.{{{','.join(AUDIO_EXTENSIONS)}}}")
        if len(present) > 1:
            raise VoiceError(f"[{take}]: two recordings, {' and '.join(p.name for p in present)}: keep one")
        path = present[0]
        status, bound = recording_status(self.where, self.manifest, take, path)
        if status == "new":  # recorded from the sheet since it was printed: it says the sheet's sentence
            bind_recordings(self.where, self.manifest)
        where = f"[{take}] {_shown(path)}"
        if status == "empty":
            raise VoiceError(f"{where}: the file is empty")
        if status == "stale":
            raise VoiceError(f"{where}: stale: recorded for \u201c{bound}\u201d, but the beat now says "
                             f"\u201c{sentence}\u201d; record it again")
        level = _peak_level(path)
        if level is None:
            raise VoiceError(f"{where}: cannot be read as audio")
        if level < SILENT_BELOW:
            raise VoiceError(f"{where}: silent (its loudest sample is {level:.0f} dBFS)")
        self.checked[take, sentence] = path
        return path

    def source_key(self, line: Line) -> str:
        path = self.recording(line.take, line.sentence)
        return _digest(self.name, hashlib.sha256(path.read_bytes()).hexdigest(), LOUDNESS, TRUE_PEAK)

    def raw_audio(self, line: Line, work: Path) -> Path:
        return self.recording(line.take, line.sentence)


def sheet_command(script: str, video: str, language: str) -> str:
    """The command that prints a video's recording sheet."""
    variant = f" --variant {video}" if video != script else ""
    return f"python -m scenes.kit.sheet {script}{variant} --language {language}"


def recordings_folder(language: str, video: str, folder: Path | None = None) -> Path:
    """Where a video's recordings are: ``<voice folder>/<language>/<video>/``."""
    return (folder or voice_folder()) / language / video


def recordings_of(folder: Path, take: str) -> list[Path]:
    """The files recorded for a take (one, if all is well)."""
    return [folder / f"{take}.{ext}" for ext in AUDIO_EXTENSIONS if (folder / f"{take}.{ext}").is_file()]


def recording_of(folder: Path, take: str) -> Path | None:
    found = recordings_of(folder, take)
    return found[0] if found else None


def recording_status(folder: Path, manifest: dict, take: str, path: Path | None = None) -> tuple[str, str | None]:
    """How a take stands: ``to record``, ``new`` (recorded, not yet bound), ``empty``, ``stale`` or ``recorded``.

    Also returns the sentence a stale recording was made for.
    """
    path = path or recording_of(folder, take)
    entry = manifest["takes"][take]
    if path is None:
        return "to record", None
    data = path.read_bytes()
    if not data:
        return "empty", None
    bound = manifest.get("recordings", {}).get(path.name)
    if bound is None or bound["sha256"] != hashlib.sha256(data).hexdigest():
        return "new", None
    if bound["fingerprint"] != entry["fingerprint"]:
        return "stale", bound["sentence"]
    return "recorded", None


def bind_recordings(folder: Path, manifest: dict) -> None:
    """Bind every recording made since the sheet was printed to the sentence the sheet gave it; save."""
    changed = False
    for take, entry in manifest.get("takes", {}).items():
        path = recording_of(folder, take)
        if path is None or not path.stat().st_size:
            continue
        if recording_status(folder, manifest, take, path)[0] == "new":
            manifest.setdefault("recordings", {})[path.name] = {
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "sentence": entry["sentence"],
                "fingerprint": entry["fingerprint"]}
            changed = True
    if changed:
        write_manifest(folder, manifest)


#: The voices there are, by the name a scene's ``voice`` parameter or ``$LECTURE_VOICE`` gives.
VOICES: dict[str, type[Voice]] = {voice.name: voice for voice in (SilentVoice, EspeakVoice, RecordedVoice)}


def voice_folder() -> Path:
    """The teacher's recordings: ``$LECTURE_VOICE_DIR``, or ``recordings/`` at the project root."""
    return Path(os.environ.get(VOICE_DIR_VARIABLE, "").strip() or RECORDINGS)


def make_voice(name: str, cache: Path) -> Voice:
    """The voice called ``name``; its normalised audio is cached under ``cache``."""
    if name not in VOICES:
        raise VoiceError(f"no voice {name!r}: the voices are {', '.join(VOICES)}")
    if name == RecordedVoice.name:
        return RecordedVoice(cache, voice_folder())
    return VOICES[name](cache)


# -- manifests -------------------------------------------------------------------------------
def read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise VoiceError(f"{_shown(path)}: cannot be read ({error})") from None
    return data if isinstance(data, dict) else {}


def write_manifest(folder: Path, manifest: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"  # takes in the order they are said
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".sentences-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(text)
    os.chmod(temporary, 0o644)
    os.replace(temporary, folder / MANIFEST)


# -- audio -----------------------------------------------------------------------------------
def normalise(source: Path, target: Path) -> None:
    """``source`` trimmed of leading and trailing silence and normalised to :data:`LOUDNESS`, as a WAV.

    One gain brings the integrated loudness (EBU R128, as ffmpeg's ``loudnorm`` measures it) to
    the target, and a limiter keeps peaks under :data:`TRUE_PEAK`; what the limiter takes away is
    measured and made up once more. (``loudnorm``'s own dynamic mode needs three seconds to look
    ahead and leaves a short sentence far too quiet.)
    """
    trim = ("silenceremove=start_periods=1:start_threshold=-50dB:start_silence=0.05,areverse,"
            "silenceremove=start_periods=1:start_threshold=-50dB:start_silence=0.1,areverse")
    trimmed = target.with_name(target.stem + ".trimmed.wav")
    _run(["ffmpeg", "-hide_banner", "-nostats", "-y", "-i", str(source), "-af", trim, "-ar", str(SAMPLE_RATE),
          "-ac", "1", "-c:a", "pcm_s16le", str(trimmed)], f"cannot read {_shown(source)}")
    gain = LOUDNESS - _loudness(trimmed, source)
    for _ in range(3):
        limiter = f"alimiter=limit={10 ** (TRUE_PEAK / 20):.4f}:level=false:attack=1:release=50"
        _run(["ffmpeg", "-hide_banner", "-nostats", "-y", "-i", str(trimmed), "-af", f"volume={gain:.2f}dB,{limiter}",
              "-ar", str(SAMPLE_RATE), "-c:a", "pcm_s16le", str(target)], f"cannot normalise {_shown(source)}")
        missing = LOUDNESS - _loudness(target, source)
        if abs(missing) < 0.3:
            break
        gain += missing
    trimmed.unlink()


def _loudness(path: Path, source: Path) -> float:
    """The integrated loudness of ``path`` in LUFS (``source`` names it in errors)."""
    measured = _run(["ffmpeg", "-hide_banner", "-nostats", "-i", str(path), "-af",
                     f"loudnorm=I={LOUDNESS}:TP={TRUE_PEAK}:print_format=json", "-f", "null", "-"],
                    f"cannot read {_shown(source)}")
    found = re.search(r"\{[^{}]*\"input_i\"[^{}]*\}", measured)
    if found is None:
        raise VoiceError(f"{_shown(source)}: ffmpeg measured no loudness")
    value = json.loads(found.group())["input_i"]
    if value in ("-inf", "inf") or float(value) < -69:
        raise VoiceError(f"{_shown(source)}: silent")
    return float(value)


def audio_duration(path: Path) -> float:
    """Seconds of audio in ``path`` (ffprobe)."""
    out = _run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(path)],
               f"{_shown(path)}: cannot be read as audio")
    try:
        return float(out.strip().splitlines()[0])
    except (ValueError, IndexError):
        raise VoiceError(f"{_shown(path)}: cannot be read as audio") from None


def _peak_level(path: Path) -> float | None:
    """The loudest sample of ``path`` in dBFS, or None when it holds no decodable audio."""
    try:
        out = _run(["ffmpeg", "-hide_banner", "-nostats", "-v", "info", "-i", str(path), "-map", "0:a:0",
                    "-af", "volumedetect", "-f", "null", "-"], "")
    except VoiceError:
        return None
    found = re.search(r"max_volume:\s*(-?[\d.]+|-inf) dB", out)
    if found is None:
        return None
    return float("-inf") if found.group(1) == "-inf" else float(found.group(1))


def _run(command: list[str], failure: str) -> str:
    """Run ``command``; its standard error (where ffmpeg writes what it measures); VoiceError on failure."""
    if shutil.which(command[0]) is None and not Path(command[0]).is_file():
        raise VoiceError(f"{command[0]} is not installed (run scripts/setup.sh)")
    result = subprocess.run(command, capture_output=True, text=True, errors="replace")
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["failed"])[-1]
        raise VoiceError(f"{failure}: {last}" if failure else last)
    return result.stderr + result.stdout


_VERSIONS: dict[str, str] = {}


def espeak_version(program: str | None) -> str:
    """espeak-ng's version line (what its voice sounds like depends on it), or "missing"."""
    if program is None:
        return "missing"
    if program not in _VERSIONS:
        _VERSIONS[program] = subprocess.run([program, "--version"], capture_output=True, text=True).stdout.strip()
    return _VERSIONS[program]


def _digest(*parts) -> str:
    return hashlib.sha256("\0".join(map(str, parts)).encode()).hexdigest()[:24]


def _shown(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
