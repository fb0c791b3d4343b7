"""Render scenes for real, as a user would, and look inside the videos they make."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from .screen import assert_numbers_on_screen

ROOT = Path(__file__).resolve().parents[2]
MANIM = Path(sys.executable).with_name("manim")


@pytest.fixture(autouse=True)
def kept_with_its_group(request):
    """Fail a test that pytest-xdist did not keep with its module's group (they share its renders).

    With ``--dist loadgroup`` each worker suffixes the ids of tests marked ``xdist_group`` with the
    group's name; a pytest that undoes it (9.2, pytest-xdist #1386) spreads them over both workers,
    and every render is made twice.
    """
    node = request.node
    if getattr(request.config.option, "loadgroup", False) and node.get_closest_marker("xdist_group") \
            and "@" not in node.nodeid:
        pytest.fail("pytest-xdist did not keep this test with its group: this pytest breaks --dist loadgroup; "
                    "install the pytest that pyproject.toml pins", pytrace=False)


@dataclass(frozen=True)
class Rendered:
    video: Path
    record: dict
    subtitles: Path

    def numbers(self, label_prefix: str = "") -> list[tuple[str, Fraction, str]]:
        """(label, exact value, text shown) for every number the scene recorded."""
        return [(n["label"], Fraction(n["exact"]), n["text"]) for n in self.record["numbers"]
                if n["label"].startswith(label_prefix)]


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="session")
def render(media_dir):
    """render(scene_file, quality="l", env=None, extra=()) -> Rendered; runs manim from the root."""
    cache: dict = {}

    def _render(scene_file: str, quality: str = "l", env: dict | None = None, extra: tuple = ()) -> Rendered:
        key = (scene_file, quality, tuple(sorted((env or {}).items())), extra)
        if key in cache:
            return cache[key]
        # Each render writes its own files (the Korean and English videos of a scene would share a name).
        name = f"{Path(scene_file).stem}-{len(cache)}"
        command = [str(MANIM), "render", f"-q{quality}", "--media_dir", str(media_dir), "-o", name, *extra, scene_file]
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                                env={**os.environ, **(env or {})}, timeout=900)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        records = list(media_dir.glob(f"videos/{Path(scene_file).stem}/*/{name}.shown.json"))
        assert len(records) == 1, f"no record written for {scene_file} as {name}"
        record_path = records[0]
        video = record_path.with_name(record_path.name.replace(".shown.json", ".mp4"))
        rendered = Rendered(video, json.loads(record_path.read_text(encoding="utf-8")), video.with_suffix(".srt"))
        cache[key] = rendered
        return rendered

    return _render


def probe(video: Path) -> dict:
    """Duration (s), frame rate, frame count, width and height, from ffprobe."""
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries",
         "stream=width,height,r_frame_rate,nb_read_frames:format=duration", "-of", "json", str(video)],
        capture_output=True, text=True, check=True)
    data = json.loads(result.stdout)
    stream = data["streams"][0]
    return {"duration": float(data["format"]["duration"]), "frame_rate": float(Fraction(stream["r_frame_rate"])),
            "frames": int(stream["nb_read_frames"]), "width": stream["width"], "height": stream["height"]}


def frame_at(video: Path, seconds: float | None = None, png: Path | None = None) -> np.ndarray:
    """One frame as an RGB array: at ``seconds``, or the last frame when None. Saves a PNG if asked."""
    info = probe(video)
    # The last frame by the frame count: a sound track may run a little past the last frame.
    position = (info["frames"] - 1.5) / info["frame_rate"] if seconds is None else seconds
    command = ["ffmpeg", "-v", "error", "-ss", f"{max(position, 0):.3f}", "-i", str(video), "-frames:v", "1",
               "-f", "rawvideo", "-pix_fmt", "rgb24", "-"]
    raw = subprocess.run(command, capture_output=True, check=True).stdout
    frame = np.frombuffer(raw, dtype=np.uint8).reshape(info["height"], info["width"], 3)
    if png is not None:
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-ss", f"{max(position, 0):.3f}", "-i", str(video),
                        "-frames:v", "1", str(png)], check=True)
    return frame


def tone(path: Path, seconds: float, volume_db: float = -12, lead: float = 0.0) -> Path:
    """A stand-in recording: a sine of known length, after ``lead`` seconds of silence."""
    filters = f"volume={volume_db}dB" + (f",adelay={int(lead * 1000)}" if lead else "")
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"sine=frequency=330:duration={seconds}",
                    "-af", filters, str(path)], check=True)
    return path


def loudness(path: Path) -> tuple[float, float]:
    """Integrated loudness (LUFS) and true peak (dBTP) as ffmpeg's ebur128 measures them."""
    out = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-i", str(path), "-af", "ebur128=peak=true",
                          "-f", "null", "-"], capture_output=True, text=True).stderr
    summary = out[out.rindex("Summary:"):]
    return (float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1)),
            float(re.search(r"Peak:\s+(-?[\d.]+) dBFS", summary).group(1)))


def colour_mask(frame: np.ndarray, colour, tolerance: float = 40.0) -> np.ndarray:
    """Which pixels of a frame are within ``tolerance`` (RGB distance) of a colour (a manim colour or hex)."""
    from manim import ManimColor

    target = np.array(ManimColor(colour).to_int_rgb(), dtype=float)
    return np.linalg.norm(frame.astype(float) - target, axis=2) < tolerance


def share_of_colour(frame: np.ndarray, colour, tolerance: float = 40.0) -> float:
    """The share of a frame's pixels within ``tolerance`` of a colour."""
    return float(colour_mask(frame, colour, tolerance).mean())


def assert_video_matches_record(rendered: Rendered, frame_rate: int = 15):
    """The video has the record's length (within a frame), the frame rate asked for, a non-blank end."""
    info = probe(rendered.video)
    assert info["frame_rate"] == frame_rate
    assert abs(info["duration"] - rendered.record["duration"]) <= 1.5 / frame_rate, (info, rendered.record["duration"])
    assert abs(info["frames"] - round(rendered.record["duration"] * frame_rate)) <= 1
    last = frame_at(rendered.video)
    background = np.median(last.reshape(-1, 3), axis=0)
    differs = np.abs(last.astype(int) - background).sum(axis=2) > 60
    assert differs.mean() > 0.01, "the last frame is (nearly) blank"


def srt_cues(path: Path) -> list[tuple[float, float, str]]:
    """(start, end, text) of each cue in an .srt file."""
    cues = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        lines = block.strip().splitlines()
        start, end = (_srt_seconds(part.strip()) for part in lines[1].split("-->"))
        cues.append((start, end, "\n".join(lines[2:])))
    return cues


def _srt_seconds(stamp: str) -> float:
    hours, minutes, rest = stamp.split(":")
    seconds, millis = rest.split(",")
    return int(hours) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def assert_subtitles_match_beats(rendered: Rendered):
    """The .srt has one cue per beat, with the beat's text and times (to the millisecond)."""
    cues = srt_cues(rendered.subtitles)
    beats = [b for b in rendered.record["beats"] if b["end"] > b["start"]]
    assert len(cues) == len(beats)
    for (start, end, text), beat in zip(cues, beats):
        assert text == beat["text"]
        assert abs(start - beat["start"]) < 0.002 and abs(end - beat["end"]) < 0.002


#: Letters that stand for variables; a run of them (xy, in 3x²y) is a product, not an English word.
MATH_LETTERS = set("xyzhkfLJ")


def english_words_on_screen(rendered: Rendered) -> list[str]:
    """Latin-alphabet words (two letters or more, not a product of variables) in the texts the video drew."""
    import re

    words = []
    for entry in rendered.record["texts"]:
        words += [word for word in re.findall(r"[A-Za-z]{2,}", entry["text"]) if not set(word) <= MATH_LETTERS]
    return words


def assert_no_english_on_screen(rendered: Rendered):
    """A Korean video writes no English word outside math (MathTex is math; every Text is recorded)."""
    assert rendered.record["language"] == "ko"
    assert rendered.record["texts"], "the scene recorded no texts drawn"
    assert english_words_on_screen(rendered) == []


#: Two boxes closer than this (frame units) in both directions count as overlapping; a box may
#: reach this far past the frame's edge (anti-aliasing) before it counts as leaving it.
OVERLAP_TOLERANCE = 0.02


def layout_problems(record: dict) -> list[str]:
    """Every pair of texts on screen at once whose boxes overlap, and every text outside the frame.

    Reads the screens the scene witnessed after each animation (``record["screens"]``): each text,
    formula and number visible then, with its box as it appears in the frame.
    """
    half_width, half_height = (size / 2 for size in record["frame"])
    problems: set[str] = set()
    for screen in record["screens"]:
        texts = screen["texts"]
        for i, a in enumerate(texts):
            left, bottom, right, top = a["box"]
            if (left < -half_width - OVERLAP_TOLERANCE or right > half_width + OVERLAP_TOLERANCE
                    or bottom < -half_height - OVERLAP_TOLERANCE or top > half_height + OVERLAP_TOLERANCE):
                problems.add(f"{a['text']!r} leaves the frame: box {a['box']} (from t = {screen['time']})")
            for b in texts[i + 1:]:
                width = min(right, b["box"][2]) - max(left, b["box"][0])
                height = min(top, b["box"][3]) - max(bottom, b["box"][1])
                if width > OVERLAP_TOLERANCE and height > OVERLAP_TOLERANCE:
                    problems.add(f"{a['text']!r} {a['box']} overlaps {b['text']!r} {b['box']} "
                                 f"(from t = {screen['time']})")
    return sorted(problems)


def assert_legible(record: dict):
    """No text on screen overlaps another or leaves the frame, at any moment the scene witnessed."""
    assert record["screens"], "the scene witnessed no screens"
    problems = layout_problems(record)
    assert not problems, "\n".join(problems)


def shared_media(tmp_path: Path) -> Path:
    """A media folder all dry runs of this test process share (pytest's own temporary folder for it).

    A dry run writes no video, only manim's caches of LaTeX and text, which depend on nothing but
    the formula or text: sharing them spares each run compiling again what another compiled.
    """
    return tmp_path.parent / "shared-dry-media"


def dry_run(scene_file: str, tmp_path: Path, variant: dict | None = None, language: str | None = None) -> dict:
    """Run a scene with ``manim --dry_run`` (no video), as a variant with these changes; return its record.

    Three frames a second: every animation is still played through, at a fraction of the drawing.
    Whatever the scene showed must be legible (no text over another or outside the frame), and
    every number it drew must be one it recorded, drawn as recorded (see ``screen.py``).
    """
    env = {**os.environ, "LECTURE_RECORD_PATH": str(tmp_path / "record.json")}
    env.pop("LECTURE_LANGUAGE", None)
    if variant is not None:
        variants = tmp_path / "variants.toml"
        lines = ["[test]", f'scene = "{Path(scene_file).stem}"']
        lines += [f"{key} = {json.dumps(value)}" for key, value in variant.items()]
        variants.write_text("\n".join(lines) + "\n", encoding="utf-8")
        env.update(LECTURE_VARIANTS_FILE=str(variants), LECTURE_VARIANT="test")
    if language is not None:
        env["LECTURE_LANGUAGE"] = language
    command = [str(MANIM), "render", "-ql", "--fps", "3", "--dry_run", "--disable_caching", "--progress_bar", "none",
               "--media_dir", str(shared_media(tmp_path)), scene_file]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    record = json.loads((tmp_path / "record.json").read_text(encoding="utf-8"))
    assert_legible(record)
    assert_numbers_on_screen(record)
    return record


def reads_as(text: str, value: Fraction, significant: int = 4) -> bool:
    """Whether a number on screen says ``value``: exactly, or rounded to ``significant`` digits with
    all of them shown (so that "1.100" is read as rounded and "1.1" as exact)."""
    said = Fraction(text)
    if said == value:
        return True
    mantissa, _, exponent = text.lstrip("-").partition("e")
    decimals = len(mantissa.partition(".")[2])
    if len(mantissa.replace(".", "").lstrip("0")) != significant:
        return False
    last_digit = Fraction(10) ** (int(exponent or 0) - decimals)
    return abs(said - value) <= last_digit / 2
