"""``make video``: render the lecture scenes with manim, skipping those whose video is up to date.

    python -m scenes.kit.videos [-q h] [--jobs N] [--force] [SCENE ...]

A scene's video is up to date when it exists and the fingerprint it was rendered from is the
one its inputs have now: the publisher's (``publishing/sources.py``: the scene's parameters, every
project file it imports, its narration script, ``manim.cfg``, the quality, manim's version and
the voice's inputs), and the ``$LECTURE_*`` settings of this shell, which a plain render reads
(``LECTURE_VOICE=espeak`` makes another video). The fingerprint is kept beside the video, in
``<video>.source-key``, written only once manim has finished it. A scene that is not up to date
is rendered by manim, whose own cache (``scenes/kit/cache.py``) then reuses every animation that
did not change.

With ``--jobs 2`` two scenes render at once, each manim's output going to ``<video>.log``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from scenes.registry import QUALITY_FLAGS, SCENES, SceneEntry, quality_folder

from .variants import VARIANT_VARIABLE, VARIANTS_FILE, VARIANTS_FILE_VARIABLE, Variant, VariantError, load_variants
from .voice import VOICE_DIR_VARIABLE, VOICE_VARIABLE

ROOT = Path(__file__).resolve().parents[2]
MANIM = Path(sys.executable).with_name("manim")
KEY_SUFFIX = ".source-key"


def chosen_variant(entry: SceneEntry, environ) -> Variant:
    """The variant a plain ``manim`` render of ``entry`` makes in this environment."""
    name = environ.get(VARIANT_VARIABLE, "").strip()
    if name:
        path = Path(environ.get(VARIANTS_FILE_VARIABLE) or VARIANTS_FILE)
        variants = load_variants(path)
        if name not in variants or variants[name].scene != entry.name:
            raise VariantError(f"{VARIANT_VARIABLE}={name}: no variant of scenes/{entry.name}.py by that name in {path}")
        variant = variants[name]
    else:
        variant = Variant(entry.name, entry.name, {})
    voice = environ.get(VOICE_VARIABLE, "").strip()
    return Variant(variant.name, variant.scene, {**variant.changes, "voice": voice}) if voice else variant


def video_path(entry: SceneEntry, quality: str, environ, media: Path) -> Path:
    """Where manim writes the scene's video (a variant's is named after it)."""
    name = environ.get(VARIANT_VARIABLE, "").strip() or entry.scene
    return media / "videos" / entry.name / quality_folder(quality) / f"{name}.mp4"


def source_key(entry: SceneEntry, quality: str, environ) -> str:
    """The fingerprint of everything the scene's video is made from (see the module's docstring)."""
    from publishing.sources import fingerprint  # the publisher's, so both agree on what a change is

    digest = hashlib.sha256(fingerprint(chosen_variant(entry, environ), quality).encode())
    settings = sorted((key, value) for key, value in environ.items() if key.startswith("LECTURE_"))
    digest.update(json.dumps(settings).encode())
    voice_dir = environ.get(VOICE_DIR_VARIABLE, "").strip()
    if voice_dir and Path(voice_dir).is_dir():  # recordings kept elsewhere than recordings/
        for path in sorted(p for p in Path(voice_dir).rglob("*") if p.is_file()):
            stat = path.stat()
            digest.update(f"\0{path}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def shown(path: Path) -> str:
    """``path`` from the project root when it is inside it."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def up_to_date(video: Path, key: str) -> bool:
    stamp = video.with_name(video.name + KEY_SUFFIX)
    return video.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == key


def write_key(video: Path, key: str) -> None:
    stamp = video.with_name(video.name + KEY_SUFFIX)
    handle, temporary = tempfile.mkstemp(dir=video.parent, prefix=".source-key-")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(key + "\n")
    os.chmod(temporary, 0o644)
    os.replace(temporary, stamp)


def render(entry: SceneEntry, quality: str, video: Path, key: str, captured: bool, media: Path) -> tuple[bool, float]:
    """Run manim on the scene; True when it made the video (its key is then written beside it)."""
    command = [str(MANIM), "render", f"-q{quality}", "--media_dir", str(media), entry.file]
    started = time.perf_counter()
    if captured:
        video.parent.mkdir(parents=True, exist_ok=True)
        # Two manims writing one Tex (or texts) folder at once break each other's LaTeX runs: each
        # scene rendered beside another gets its own, layered over manim.cfg by --config_file.
        layer = video.with_suffix(".cfg")
        layer.write_text(f"[CLI]\ntex_dir = {media / ('Tex-' + entry.name)}\n"
                         f"text_dir = {media / ('texts-' + entry.name)}\n", encoding="utf-8")
        command[2:2] = ["--config_file", str(layer)]
        with open(video.with_suffix(".log"), "w", encoding="utf-8") as log:
            code = subprocess.run(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT).returncode
    else:
        code = subprocess.run(command, cwd=ROOT).returncode
    elapsed = time.perf_counter() - started
    if code == 0 and video.is_file():
        write_key(video, key)
        return True, elapsed
    return False, elapsed


def say(line: str) -> None:
    """Print a progress line; once the reader has gone (``| head``), go on quietly: renders still finish."""
    try:
        print(line, flush=True)
    except BrokenPipeError:
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, sys.stdout.fileno())  # manims started from now on write there too
        os.close(quiet)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scenes.kit.videos", description=__doc__.split("\n")[0])
    parser.add_argument("-q", "--quality", default="h", choices=QUALITY_FLAGS, help="manim's -q flag (default h)")
    parser.add_argument("--jobs", type=int, default=1, help="scenes rendered at once (default 1)")
    parser.add_argument("--force", action="store_true", help="render even the scenes that are up to date")
    parser.add_argument("--media", type=Path, default=ROOT / "media", help="manim's media folder (default media/)")
    parser.add_argument("scenes", nargs="*", metavar="SCENE", help=f"scenes to render (default all: {', '.join(SCENES)})")
    args = parser.parse_args(argv)
    unknown = [name for name in args.scenes if name not in SCENES]
    if unknown:
        print(f"error: no scene {unknown[0]!r}; the scenes are {', '.join(SCENES)}", file=sys.stderr)
        return 2
    if args.jobs < 1:
        print(f"error: --jobs {args.jobs}: must be 1 or more", file=sys.stderr)
        return 2
    entries = [SCENES[name] for name in (args.scenes or SCENES)]
    environ, media = dict(os.environ), args.media.resolve()
    pending = []
    for entry in entries:
        try:
            key = source_key(entry, args.quality, environ)
        except VariantError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        video = video_path(entry, args.quality, environ, media)
        if up_to_date(video, key) and not args.force:
            say(f"== up to date  {entry.file}: {shown(video)}")
        else:
            pending.append((entry, video, key))
    captured, lock, failed = args.jobs > 1 and len(pending) > 1, threading.Lock(), []

    def one(item):
        entry, video, key = item
        with lock:
            say(f"== rendering {entry.file} (-q{args.quality})")
        made, elapsed = render(entry, args.quality, video, key, captured, media)
        with lock:
            if made:
                say(f"== rendered  {entry.file} in {elapsed:.1f} s: {shown(video)}")
            else:
                failed.append(entry.file)
                where = f" (manim's output: {shown(video.with_suffix('.log'))})" if captured else ""
                print(f"== failed    {entry.file}{where}", file=sys.stderr, flush=True)

    try:
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            list(pool.map(one, pending))
    except KeyboardInterrupt:
        print("interrupted: the videos rendered so far are kept", file=sys.stderr)
        return 130
    if failed:
        print(f"error: {len(failed)} of {len(entries)} scenes failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    say(f"Videos are under {shown(media / 'videos')}/<scene>/{quality_folder(args.quality)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
