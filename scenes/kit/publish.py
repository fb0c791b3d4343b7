"""Render variants and publish them as a course-page folder: web-ready videos, captions, tables.

    python -m scenes.kit.publish                      # every variant in variants.toml, at -qh
    python -m scenes.kit.publish -q l descent-en      # only those named, at 480p15

For each video the folder gets an H.264/yuv420p MP4 whose index comes first (it streams), a
poster PNG, WebVTT captions in Korean and in English (same timing, whichever language the
video speaks), and for descent videos the iterate tables as CSV and JSON from gdmath; plus an
``index.html`` that embeds them all, with a copy-paste snippet per video.

Renders run in parallel processes (one per core by default). A variant whose inputs have not
changed since it was published is skipped. Files appear under their published names only when
complete (written aside under a unique temporary name, then renamed), world-readable whatever the
umask (files 0644, folders 0755) so that any web server can serve the folder, and a failing
variant is reported at the end with a non-zero exit code while the others go on.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import html
import importlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from gdmath.__main__ import run_to_csv, run_to_json

from .narration import LANGUAGES, Script
from .variants import (VARIANT_VARIABLE, VARIANTS_FILE, VARIANTS_FILE_VARIABLE, Variant, VariantError,
                       changed_parameters, load_variants)

ROOT = Path(__file__).resolve().parents[2]
QUALITY_FOLDERS = {"l": "480p15", "m": "720p30", "h": "1080p60", "p": "1440p60", "k": "2160p60"}
LANGUAGE_NAMES = {"ko": "한국어", "en": "English"}


@dataclass
class Outcome:
    variant: Variant
    status: str = "pending"          # "published", "up to date" or "failed"
    error: str = ""
    seconds: float = 0.0
    entry: dict = field(default_factory=dict)


# -- inputs ---------------------------------------------------------------------------------
def scene_defaults(scene: str):
    """The default parameters of scene file ``scenes/<scene>.py`` (its one scene class's)."""
    module = importlib.import_module(f"scenes.{scene}")
    return module, next(obj.parameters for obj in vars(module).values()
                        if isinstance(obj, type) and hasattr(obj, "parameters") and hasattr(obj, "script_name")
                        and obj.__module__ == module.__name__)


def fingerprint(variant: Variant, quality: str) -> str:
    """Everything a published video depends on: its parameters, the code, the script, the settings."""
    digest = hashlib.sha256()
    digest.update(json.dumps([variant.name, variant.scene, variant.changes, quality], sort_keys=True,
                             default=str).encode())
    sources = [ROOT / "scenes" / f"{variant.scene}.py", ROOT / "scenes" / "script" / f"{variant.scene}.toml",
               ROOT / "manim.cfg", *sorted((ROOT / "scenes" / "kit").glob("*.py")), *sorted((ROOT / "gdmath").glob("*.py"))]
    for source in sources:
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    import manim  # the renderer's version matters too

    digest.update(manim.__version__.encode())
    return digest.hexdigest()


# -- writing files safely -------------------------------------------------------------------
# Published files are read by a web server whose workers run as another user (nginx's www-data or
# nobody), so they are world-readable whatever the umask: files 0644, folders 0755, as any
# static-site generator writes them. Temporary names are unique (mkstemp), so two publishes at once
# never write into the same temporary file, and each is chmodded before it takes its published name.
FILE_MODE = 0o644
FOLDER_MODE = 0o755


def make_folder(folder: Path) -> None:
    """Create ``folder`` and any missing parents as 0755, and let anyone list and enter it.

    An existing folder only gains the read and search bits it lacks (e.g. one ``tempfile.mkdtemp``
    made 0700); nothing is taken away from it.
    """
    if not folder.is_dir():
        make_folder(folder.parent)
        try:
            folder.mkdir(mode=FOLDER_MODE)
        except FileExistsError:  # made by a concurrent publish meanwhile
            if not folder.is_dir():
                raise
    mode = folder.stat().st_mode & 0o7777
    if mode & FOLDER_MODE != FOLDER_MODE:
        try:
            os.chmod(folder, mode | FOLDER_MODE)
        except PermissionError:  # someone else's folder: its owner decides who may read it
            pass


def write_atomically(path: Path, data: bytes | str) -> None:
    """Write ``path`` (0644) so that it is either the old file or the whole new one, never half of it."""
    make_folder(path.parent)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            os.fchmod(out.fileno(), FILE_MODE)  # mkstemp makes it 0600
            out.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def produce_atomically(path: Path, make) -> None:
    """``make(temporary_path)`` writes a file aside; it is renamed to ``path`` (0644) only if that succeeds.

    The temporary file exists (empty) when ``make`` is called, keeps ``path``'s suffix (ffmpeg picks
    its format from it) and has a name no other call shares.
    """
    make_folder(path.parent)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=f".part{path.suffix}")
    os.close(handle)
    temporary = Path(name)
    try:
        make(temporary)
        os.chmod(temporary, FILE_MODE)  # whatever the umask of the process that wrote it
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def run(command: list[str], **options) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, check=True, **options)


# -- captions -------------------------------------------------------------------------------
def vtt_time(seconds: float) -> str:
    milliseconds = round(seconds * 1000)
    hours, rest = divmod(milliseconds, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def webvtt(record: dict, script: Script, language: str) -> str:
    """WebVTT cues for the beats the video narrated, in ``language``, with the video's timing."""
    lines = ["WEBVTT", ""]
    for index, beat in enumerate(b for b in record["beats"] if b["end"] > b["start"]):
        text = beat["text"] if language == record["language"] else script.line(beat["beat"], language, **beat["values"])
        lines += [str(index + 1), f"{vtt_time(beat['start'])} --> {vtt_time(beat['end'])}", text, ""]
    return "\n".join(lines)


# -- one variant ----------------------------------------------------------------------------
def render_variant(variant: Variant, quality: str, media: Path, variants_file: Path) -> dict:
    """Render with plain manim and ``$LECTURE_VARIANT``; return the record the scene wrote."""
    command = [str(Path(sys.executable).with_name("manim")), "render", f"-q{quality}", "--progress_bar", "none",
               "--media_dir", str(media), f"scenes/{variant.scene}.py"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, VARIANT_VARIABLE: variant.name, VARIANTS_FILE_VARIABLE: str(variants_file)})
    if result.returncode != 0:
        lines = [line for line in (result.stderr + result.stdout).splitlines() if line.strip()]
        error = next((line for line in reversed(lines) if line.startswith("error:") or "Error" in line),
                     lines[-1] if lines else f"manim exited with {result.returncode}")
        raise RuntimeError(error.strip())
    folder = media / "videos" / variant.scene / QUALITY_FOLDERS[quality]
    record = json.loads((folder / f"{variant.name}.shown.json").read_text(encoding="utf-8"))
    record["video_path"] = str(folder / f"{variant.name}.mp4")
    return record


def publish_files(variant: Variant, record: dict, site: Path) -> dict:
    """Write the variant's published files; return its entry for the manifest and the page."""
    name, video = variant.name, Path(record["video_path"])
    files = {"video": f"videos/{name}.mp4", "poster": f"videos/{name}.poster.png"}
    # Same H.264 stream, index moved to the front so that browsers can start before the end arrives.
    produce_atomically(site / files["video"], lambda out: run(
        ["ffmpeg", "-v", "error", "-y", "-i", str(video), "-c", "copy", "-movflags", "+faststart", str(out)]))
    produce_atomically(site / files["poster"], lambda out: run(
        ["ffmpeg", "-v", "error", "-y", "-sseof", "-0.3", "-i", str(video), "-frames:v", "1", "-update", "1",
         str(out)]))
    script = Script.load(variant.scene)
    captions = {}
    for language in LANGUAGES:
        captions[language] = f"videos/{name}.{language}.vtt"
        write_atomically(site / captions[language], webvtt(record, script, language))
    module, defaults = scene_defaults(variant.scene)
    parameters = changed_parameters(defaults, variant.changes, variant.name)
    tables = {}
    if hasattr(module, "iterate_tables"):
        for part, descent_run in module.iterate_tables(parameters).items():
            tables[part] = {"csv": f"tables/{name}.{part}.csv", "json": f"tables/{name}.{part}.json"}
            write_atomically(site / tables[part]["csv"], run_to_csv(descent_run) + "\n")
            write_atomically(site / tables[part]["json"],
                             json.dumps(run_to_json(descent_run), ensure_ascii=False, indent=1) + "\n")
    return {"name": name, "scene": variant.scene, "language": record["language"], "changes": variant.changes,
            # The scene's own title when it names its function (derivative of x³), else the script's.
            "title": record.get("title") or script.line("screen_title", record["language"]),
            "duration": record["duration"],
            "files": files, "captions": captions, "tables": tables}


# -- the page -------------------------------------------------------------------------------
def video_tag(entry: dict, indent: str = "") -> str:
    """The embeddable <video> element for one entry (paths relative to the site folder)."""
    e = html.escape
    tracks = "".join(
        f'\n{indent}  <track kind="captions" srclang="{lang}" label="{LANGUAGE_NAMES[lang]}" '
        f'src="{e(path)}"{" default" if lang == entry["language"] else ""}>'
        for lang, path in entry["captions"].items())
    return (f'{indent}<video controls preload="metadata" width="960" poster="{e(entry["files"]["poster"])}">'
            f'\n{indent}  <source src="{e(entry["files"]["video"])}" type="video/mp4">{tracks}\n{indent}</video>')


def index_html(entries: list[dict]) -> str:
    e = html.escape
    sections = []
    for entry in entries:
        changes = ", ".join(f"{key} = {value}" for key, value in entry["changes"].items()) or "defaults"
        tables = " ".join(f'<a href="{e(paths[kind])}">{part} {kind.upper()}</a>'
                          for part, paths in entry["tables"].items() for kind in ("csv", "json"))
        sections.append(f"""  <section id="{e(entry['name'])}">
    <h2>{e(entry['title'])}</h2>
    <p class="meta"><code>{e(entry['name'])}</code> · {e(changes)} · {entry['duration']:.0f} s{' · ' + tables if tables else ''}</p>
{video_tag(entry, '    ')}
    <details><summary>Embed</summary><pre><code>{e(video_tag(entry))}</code></pre></details>
  </section>""")
    return f"""<!doctype html>
<html lang="ko">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Gradient descent · 경사 하강법</title>
  <style>
    body {{ font-family: "Nanum Gothic", system-ui, sans-serif; max-width: 1000px; margin: 2rem auto;
           padding: 0 1rem; background: #0f1117; color: #e8e8e8; }}
    a {{ color: #8fc7ff; }} video {{ width: 100%; height: auto; background: #000; }}
    section {{ margin: 2.5rem 0; }} .meta {{ color: #aaa; font-size: .9rem; }}
    pre {{ white-space: pre-wrap; background: #1b1e27; padding: .75rem; }}
  </style>
</head>
<body>
  <h1>Gradient descent · 경사 하강법</h1>
  <p>Lecture videos for <em>그레디언트 벡터와 기울기</em>. Every number on screen is computed exactly by gdmath.
     Captions: 한국어 and English.</p>
{chr(10).join(sections)}
</body>
</html>
"""


# -- the command ----------------------------------------------------------------------------
def publish(names: list[str], quality: str, site: Path, media: Path, jobs: int, variants_file: Path,
            log=print) -> list[Outcome]:
    variants = load_variants(variants_file)
    unknown = [name for name in names if name not in variants]
    if unknown:
        raise VariantError(f"{variants_file.name}: no variant {', '.join(f'[{n}]' for n in unknown)}; "
                           f"known: {', '.join(sorted(variants))}")
    chosen = [variants[name] for name in (names or variants)]
    manifest_path = site / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    outcomes = [Outcome(v) for v in chosen]
    pending = []
    for outcome in outcomes:
        variant = outcome.variant
        try:
            changed_parameters(scene_defaults(variant.scene)[1], variant.changes, f"{variants_file.name}: [{variant.name}]")
        except VariantError as error:
            outcome.status, outcome.error = "failed", str(error)
            log(f"  failed      {variant.name}: {error}")
            continue
        key = fingerprint(variant, quality)
        previous = manifest.get(variant.name)
        if previous and previous.get("fingerprint") == key and all(
                (site / path).exists() for path in _paths(previous["entry"])):
            outcome.status, outcome.entry = "up to date", previous["entry"]
            log(f"  up to date  {variant.name}")
            continue
        pending.append((outcome, key))

    lock, done = threading.Lock(), [0]

    def work(slot_queue, outcome: Outcome, key: str):
        slot = slot_queue.get()
        started = time.perf_counter()
        try:
            record = render_variant(outcome.variant, quality, media / f"worker-{slot}", variants_file)
            outcome.entry = publish_files(outcome.variant, record, site)
            outcome.status = "published"
            with lock:
                manifest[outcome.variant.name] = {"fingerprint": key, "entry": outcome.entry}
                write_atomically(manifest_path, json.dumps(manifest, ensure_ascii=False, indent=1))
        except Exception as error:  # one variant failing must not stop the others
            outcome.status, outcome.error = "failed", str(error) or type(error).__name__
        finally:
            slot_queue.put(slot)
            outcome.seconds = time.perf_counter() - started
            with lock:
                done[0] += 1
                log(f"[{done[0]}/{len(pending)}] {outcome.status:10} {outcome.variant.name} "
                    f"({outcome.seconds:.0f} s){': ' + outcome.error if outcome.error else ''}")

    if pending:
        log(f"rendering {len(pending)} variant(s) at -q{quality} with {jobs} process(es)…")
        import queue

        slots = queue.Queue()
        for slot in range(jobs):
            slots.put(slot)
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(work, slots, outcome, key) for outcome, key in pending]
            try:
                for future in futures:
                    future.result()
            except KeyboardInterrupt:
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    # The page lists every published variant, those of earlier runs included.
    entries = [value["entry"] for name, value in manifest.items() if name in variants]
    order = list(variants)
    entries.sort(key=lambda entry: order.index(entry["name"]))
    write_atomically(site / "index.html", index_html(entries))
    return outcomes


def _paths(entry: dict) -> list[str]:
    paths = list(entry["files"].values()) + list(entry["captions"].values())
    for kinds in entry["tables"].values():
        paths += list(kinds.values())
    return paths


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scenes.kit.publish", description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="variants to publish (default: all in the variants file)")
    parser.add_argument("-q", "--quality", choices=list(QUALITY_FOLDERS), default="h", help="manim quality (default h)")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2, help="renders at once (default: cores)")
    parser.add_argument("--site", type=Path, default=ROOT / "media" / "site", help="output folder (default media/site)")
    parser.add_argument("--media", type=Path, default=ROOT / "media" / "publish", help="manim's working media folder")
    parser.add_argument("--variants", type=Path, default=VARIANTS_FILE, help="variants file (default variants.toml)")
    arguments = parser.parse_args(argv)
    if shutil.which("ffmpeg") is None:
        print("error: ffmpeg is not installed (sudo apt-get install ffmpeg, or run scripts/setup.sh)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        outcomes = publish(arguments.names, arguments.quality, arguments.site.resolve(), arguments.media.resolve(),
                           max(1, arguments.jobs), arguments.variants.resolve())
    except VariantError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: published files are whole; run again to finish", file=sys.stderr)
        return 130
    failed = [o for o in outcomes if o.status == "failed"]
    counts = {status: sum(o.status == status for o in outcomes) for status in ("published", "up to date", "failed")}
    print(f"{counts['published']} published, {counts['up to date']} up to date, {counts['failed']} failed "
          f"in {time.perf_counter() - started:.0f} s → {arguments.site / 'index.html'}")
    for outcome in failed:
        print(f"failed: {outcome.variant.name}: {outcome.error}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
