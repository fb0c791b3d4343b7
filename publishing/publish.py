"""Render variants and publish them as a course-page folder: web-ready videos, captions, tables.

    python -m publishing                      # every variant in variants.toml, at -qh
    python -m publishing -q l descent-en      # only those named, at 480p15

For each video the folder gets an H.264/yuv420p MP4 whose index comes first (it streams), a
poster PNG, WebVTT captions in Korean and in English (same timing, whichever language the
video speaks), and the iterate tables the scene's plan publishes (``Plan.tables()``: the descent
and learning-rate runs) as CSV and JSON from ``gdmath.export``; plus an ``index.html`` that
embeds them all, with a copy-paste snippet per video. Which scenes exist and what they take is
``scenes/registry.py``.

Renders run in parallel processes (one per core by default). A variant whose inputs have not
changed since it was published is skipped: its fingerprint (``publishing/sources.py``) covers its
resolved parameters, the quality, its script, every project file its scene imports, this
publisher, ``manim.cfg`` and manim's version. ``$LECTURE_*`` variables (such as ``LECTURE_LANGUAGE``) are not passed to the renders: the
variants file alone decides what a video shows. A variant's files are written aside, in a unique
staging folder inside the site, and renamed into place together only when all are complete;
they are world-readable whatever the umask (files 0644, folders 0755) so that any web server can
serve the folder. A failing variant is reported at the end with a non-zero exit code while the
others go on.

One publish at a time owns a site folder and a media folder (``flock`` on the folders
themselves): a second one prints one line and waits for the first. Ctrl-C (or SIGTERM) stops the
renders, leaves every published file as it was (or as a variant finished before it left it),
removes the temporary files, and exits 130 with one line; running again finishes the job.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import fcntl
import functools
import html
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from gdmath.export import run_to_csv, run_to_json
from scenes.kit.narration import LANGUAGES, Script
from scenes.kit.variants import (VARIANT_VARIABLE, VARIANTS_FILE, VARIANTS_FILE_VARIABLE, Variant, VariantError,
                                 load_variants)
from scenes.kit.variants import Plan
from scenes.registry import QUALITY_FLAGS, quality_folder, scene_entry

from .cluster import ClusterError
from .sources import fingerprint, variant_plan

ROOT = Path(__file__).resolve().parents[1]
LANGUAGE_NAMES = {"ko": "한국어", "en": "English"}
#: Environment variables the scenes read start with this. None reaches a render but the two the
#: publisher sets itself (the variant's name and file): the variants file alone decides a video.
LECTURE_PREFIX = "LECTURE_"
#: Seconds a render or ffmpeg has to stop after SIGINT before it is killed.
STOP_GRACE = 5.0
#: util-linux's setpriv (in every Debian), which sets the signal a child gets when its parent dies.
SETPRIV = shutil.which("setpriv")


class Interrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM stopped a publish; the message says what was published before it."""


class _Stopped(Exception):
    """A child process was stopped because the publish is being interrupted."""


@dataclass
class Outcome:
    variant: Variant
    status: str = "pending"          # "published", "up to date", "failed" or "interrupted"
    error: str = ""
    seconds: float = 0.0
    entry: dict = field(default_factory=dict)
    where: str = ""                  # which process or cluster worker rendered it
    started: float = 0.0


# -- writing files safely -------------------------------------------------------------------
# Published files are read by a web server whose workers run as another user (nginx's www-data or
# nobody), so they are world-readable whatever the umask: files 0644, folders 0755, as any
# static-site generator writes them. Temporary names are unique (mkstemp), so no two writers ever
# share a temporary file, and each is chmodded before it takes its published name.
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


def is_temporary(path: Path) -> bool:
    """Whether ``path`` is one of the publisher's own temporary files or folders (see above)."""
    return path.name.startswith(".staging-") or (path.name.startswith(".") and ".part" in path.name)


def remove_leftovers(site: Path) -> None:
    """Remove temporary files a killed publish left in ``site`` (called with the site locked)."""
    for path in sorted((p for p in site.rglob(".*") if is_temporary(p)), reverse=True):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


# -- one publish at a time ------------------------------------------------------------------
def lock_folder(folder: Path, log=print) -> int:
    """Hold an exclusive ``flock`` on ``folder`` itself (made if missing); wait, saying so, if taken.

    The lock goes with the process: it is released when the returned descriptor is closed, or when
    the publish exits however it exits. Locking the folder rather than a file in it leaves nothing
    behind to serve or to clean up.
    """
    make_folder(folder)
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log(f"waiting for another publish of {folder} to finish…")
            fcntl.flock(handle, fcntl.LOCK_EX)
    except BaseException:
        os.close(handle)
        raise
    return handle


# -- child processes ------------------------------------------------------------------------
def run_child(command: list[str], stop: threading.Event | None = None, **options) -> subprocess.CompletedProcess:
    """Run ``command`` capturing its output; when ``stop`` is set meanwhile, stop it and raise ``_Stopped``.

    The child has its own process group, so a Ctrl-C at the terminal reaches the publisher alone,
    which then stops its children in order (SIGINT, then SIGKILL after ``STOP_GRACE`` seconds).
    """
    # The child dies with its parent: a killed publisher or cluster worker leaves no render running.
    argv = [SETPRIV, "--pdeathsig", "KILL", "--", *command] if SETPRIV else command
    with subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, process_group=0, **options) as process:
        signalled = None
        while True:
            try:
                out, err = process.communicate(timeout=0.1)
                break
            except subprocess.TimeoutExpired:
                if stop is None or not stop.is_set():
                    continue
                now = time.monotonic()
                if signalled is None or now - signalled > STOP_GRACE:
                    try:
                        os.killpg(process.pid, signal.SIGINT if signalled is None else signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                    signalled = signalled or now
    if stop is not None and stop.is_set():
        raise _Stopped()
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def run(command: list[str], stop: threading.Event | None = None, **options) -> subprocess.CompletedProcess:
    result = run_child(command, stop, **options)
    if result.returncode != 0:
        raise subprocess.CalledProcessError(result.returncode, command, result.stdout, result.stderr)
    return result


def render_environment() -> dict[str, str]:
    """The publisher's environment without any ``$LECTURE_*`` variable, for a render.

    ``LECTURE_LANGUAGE`` would override a variant's language (and ``LECTURE_RECORD_PATH`` send every
    record to one file): a published video must be what its variant says, whatever the shell.
    """
    return {key: value for key, value in os.environ.items() if not key.startswith(LECTURE_PREFIX)}


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
def render_variant(variant: Variant, quality: str, media: Path, variants_file: Path,
                   stop: threading.Event | None = None, environment: dict[str, str] | None = None) -> dict:
    """Render with plain manim and ``$LECTURE_VARIANT``; return the record the scene wrote.

    ``environment`` is the render's (:func:`render_environment` unless given), before the variant's.
    """
    command = [str(Path(sys.executable).with_name("manim")), "render", f"-q{quality}", "--progress_bar", "none",
               "--media_dir", str(media), scene_entry(variant.scene).file]
    environment = render_environment() if environment is None else environment
    result = run_child(command, stop, cwd=ROOT, env={**environment, VARIANT_VARIABLE: variant.name,
                                                     VARIANTS_FILE_VARIABLE: str(variants_file)})
    if result.returncode != 0:
        lines = [line for line in (result.stderr + result.stdout).splitlines() if line.strip()]
        error = next((line for line in reversed(lines) if line.startswith("error:") or "Error" in line),
                     lines[-1] if lines else f"manim exited with {result.returncode}")
        raise RuntimeError(error.strip())
    folder = media / "videos" / variant.scene / quality_folder(quality)
    record = json.loads((folder / f"{variant.name}.shown.json").read_text(encoding="utf-8"))
    record["video_path"] = str(folder / f"{variant.name}.mp4")
    return record


def publish_files(variant: Variant, record: dict, site: Path, plan: Plan,
                  stop: threading.Event | None = None) -> dict:
    """Write the variant's published files under ``site``; return its entry for the manifest and the page.

    :func:`publish` points ``site`` at a staging folder and moves the files into place with :func:`commit`.
    """
    name, video = variant.name, Path(record["video_path"])
    files = {"video": f"videos/{name}.mp4", "poster": f"videos/{name}.poster.png"}
    # Same H.264 stream, index moved to the front so that browsers can start before the end arrives.
    produce_atomically(site / files["video"], lambda out: run(
        ["ffmpeg", "-v", "error", "-y", "-i", str(video), "-c", "copy", "-movflags", "+faststart", str(out)], stop))
    produce_atomically(site / files["poster"], lambda out: run(
        ["ffmpeg", "-v", "error", "-y", "-sseof", "-0.3", "-i", str(video), "-frames:v", "1", "-update", "1",
         str(out)], stop))
    script = Script.load(scene_entry(variant.scene).script)
    captions = {}
    for language in LANGUAGES:
        captions[language] = f"videos/{name}.{language}.vtt"
        write_atomically(site / captions[language], webvtt(record, script, language))
    tables = {}
    for part, descent_run in plan.tables().items():
        tables[part] = {"csv": f"tables/{name}.{part}.csv", "json": f"tables/{name}.{part}.json"}
        write_atomically(site / tables[part]["csv"], run_to_csv(descent_run) + "\n")
        write_atomically(site / tables[part]["json"],
                         json.dumps(run_to_json(descent_run), ensure_ascii=False, indent=1) + "\n")
    return {"name": name, "scene": variant.scene, "language": record["language"], "changes": variant.changes,
            # The scene's own title when it names its function (derivative of x³), else the script's.
            "title": record.get("title") or script.line("screen_title", record["language"]),
            "duration": record["duration"],
            "files": files, "captions": captions, "tables": tables}


def commit(staging: Path, site: Path, entry: dict) -> None:
    """Move the entry's files from ``staging`` to their published names in ``site`` (renames only)."""
    for path in _paths(entry):
        make_folder((site / path).parent)
        os.replace(staging / path, site / path)


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
def read_manifest(path: Path, log=print) -> dict:
    """What was published, by variant; an unreadable manifest counts as empty (everything is redone)."""
    if not path.exists():
        return {}
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(manifest, dict) and all(isinstance(value, dict) and isinstance(value.get("entry"), dict)
                                              for value in manifest.values()):
            return manifest
        problem = "not a manifest"
    except (ValueError, UnicodeDecodeError) as error:
        problem = f"not valid JSON ({error})"
    log(f"warning: {path}: {problem}; every variant is published again")
    return {}


def publish(names: list[str], quality: str, site: Path, media: Path, jobs: int, variants_file: Path,
            log=print, scheduler: str | None = None, wait: float | None = None) -> list[Outcome]:
    """Publish the variants ``names`` (all when empty) into ``site``; raise :class:`Interrupted` on Ctrl-C.

    Holds ``site`` and ``media`` locked (see :func:`lock_folder`) from start to end. With
    ``scheduler`` (a Dask scheduler's address) the renders run on that cluster's workers
    (:mod:`publishing.cluster`) instead of ``jobs`` processes here, waiting at most ``wait`` seconds
    (default :data:`publishing.cluster.WAIT_FOR_WORKERS`) while it has no worker that can render.
    """
    variants = load_variants(variants_file)
    unknown = [name for name in names if name not in variants]
    if unknown:
        raise VariantError(f"{variants_file.name}: no variant {', '.join(f'[{n}]' for n in unknown)}; "
                           f"known: {', '.join(sorted(variants))}")
    chosen = [variants[name] for name in (names or variants)]
    locks = [lock_folder(site, log)]
    try:
        locks.append(lock_folder(media, log))  # always site first, then media: two publishes cannot deadlock
        return _publish_locked(chosen, variants, quality, site, media, jobs, variants_file, log, scheduler, wait)
    finally:
        for handle in locks:
            os.close(handle)


def _publish_locked(chosen, variants, quality, site, media, jobs, variants_file, log, scheduler=None,
                    wait=None) -> list[Outcome]:
    remove_leftovers(site)
    manifest_path = site / "manifest.json"
    manifest = read_manifest(manifest_path, log)
    outcomes = [Outcome(v) for v in chosen]
    pending = []
    for outcome in outcomes:
        variant = outcome.variant
        try:
            plan = variant_plan(variant, f"{variants_file.name}: [{variant.name}]")  # the one resolve of it here
            key = fingerprint(variant, quality, plan=plan)
        except Exception as error:  # a bad value, or a scene file that does not import: that variant fails
            message = str(error) if isinstance(error, VariantError) else f"{type(error).__name__}: {error}"
            outcome.status, outcome.error = "failed", " ".join(message.split())
            log(f"  failed      {variant.name}: {outcome.error}")
            continue
        previous = manifest.get(variant.name)
        if previous and previous.get("fingerprint") == key and all(
                (site / path).exists() for path in _paths(previous["entry"])):
            outcome.status, outcome.entry = "up to date", previous["entry"]
            log(f"  up to date  {variant.name}")
            continue
        pending.append((outcome, key, plan))

    lock, done, stop = threading.Lock(), [0], threading.Event()
    begun = time.perf_counter()

    def report(outcome: Outcome):
        with lock:
            done[0] += 1
            where = f" on {outcome.where}" if outcome.where else ""
            log(f"{progress(done[0], len(pending), time.perf_counter() - begun)} {outcome.status:10} "
                f"{outcome.variant.name} ({outcome.seconds:.0f} s{where})"
                f"{': ' + outcome.error if outcome.error else ''}")

    def publish_staged(outcome: Outcome, key: str, staging: Path, entry: dict):
        with lock:  # renames only: a variant's files change together, and never after an interrupt
            if stop.is_set():
                raise _Stopped()
            commit(staging, site, entry)
            manifest[outcome.variant.name] = {"fingerprint": key, "entry": entry}
            write_atomically(manifest_path, json.dumps(manifest, ensure_ascii=False, indent=1))
        outcome.status, outcome.entry = "published", entry

    def work(slot_queue, outcome: Outcome, key: str, plan: Plan):
        if stop.is_set():
            outcome.status = "interrupted"
            return
        slot = slot_queue.get()
        worker, rendered = media / f"worker-{slot}", False
        started = time.perf_counter()
        outcome.where = f"process {slot + 1}"
        try:
            record = render_variant(outcome.variant, quality, worker, variants_file, stop)
            rendered = True
            staging = Path(tempfile.mkdtemp(dir=site, prefix=".staging-"))
            try:
                publish_staged(outcome, key, staging, publish_files(outcome.variant, record, staging, plan, stop))
            finally:
                shutil.rmtree(staging, ignore_errors=True)
        except _Stopped:
            outcome.status = "interrupted"
            if not rendered:  # manim stopped mid-way: nothing in its folder is worth keeping
                shutil.rmtree(worker, ignore_errors=True)
        except Exception as error:  # one variant failing must not stop the others
            outcome.status, outcome.error = "failed", str(error) or type(error).__name__
        finally:
            slot_queue.put(slot)
            outcome.seconds = time.perf_counter() - started
            if outcome.status != "interrupted":
                report(outcome)

    def accept(outcome: Outcome, key: str, result: dict | None, error: str = ""):
        """A variant back from the cluster: its files (``result``), or why it failed."""
        outcome.seconds = time.perf_counter() - outcome.started if outcome.started else 0.0
        if result is not None:
            outcome.where, outcome.seconds = result["worker"], result["seconds"]
            error = received_problem(outcome.variant, key, result)
        if error:
            outcome.status, outcome.error = "failed", error
            report(outcome)
            return
        staging = Path(tempfile.mkdtemp(dir=site, prefix=".staging-"))
        try:
            for path, data in result["files"].items():
                write_atomically(staging / path, data)
            publish_staged(outcome, key, staging, result["entry"])
        except _Stopped:
            outcome.status = "interrupted"
            return
        except Exception as error:  # one variant failing must not stop the others
            outcome.status, outcome.error = "failed", str(error) or type(error).__name__
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        report(outcome)

    if pending:
        # Ctrl-C and SIGTERM only set ``stop``: the workers stop their renders and clean up, and
        # nothing is interrupted half-way through moving a variant's files into place.
        handled = (signal.SIGINT, signal.SIGTERM) if threading.current_thread() is threading.main_thread() else ()
        previous = {number: signal.signal(number, lambda *_: stop.set()) for number in handled
                    if signal.getsignal(number) is not signal.SIG_IGN}  # ignored (nohup, &): stays ignored
        try:
            if scheduler:
                from .cluster import WAIT_FOR_WORKERS, publish_on_cluster

                publish_on_cluster(scheduler, pending, quality, variants_file.read_text(encoding="utf-8"), accept,
                                   stop, log, WAIT_FOR_WORKERS if wait is None else wait)
            else:
                log(f"rendering {len(pending)} variant(s) at -q{quality} with {jobs} process(es)…")
                import queue

                slots = queue.Queue()
                for slot in range(jobs):
                    slots.put(slot)
                with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
                    for future in [pool.submit(work, slots, *item) for item in pending]:
                        future.result()
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)
    published = sum(outcome.status == "published" for outcome in outcomes)
    if not stop.is_set() or published:
        # The page lists every published variant, those of earlier runs included.
        entries = [value["entry"] for name, value in manifest.items() if name in variants]
        order = list(variants)
        entries.sort(key=lambda entry: order.index(entry["name"]))
        write_atomically(site / "index.html", index_html(entries))
    if stop.is_set():
        left = sum(o.status == "interrupted" for o in outcomes)
        raise Interrupted(f"{published} variant(s) published, {left} left as they were")
    return outcomes


def progress(done: int, total: int, seconds: float, width: int = 20) -> str:
    """``[███████░░░░░ 3/8  1:05]``: variants finished of those sent, and the time since they were."""
    filled = round(width * done / total) if total else width
    minutes, rest = divmod(int(seconds), 60)
    return f"[{'█' * filled}{'░' * (width - filled)} {done}/{total} {minutes}:{rest:02d}]"


def received_problem(variant: Variant, key: str, result: dict) -> str:
    """Why files a worker sent back cannot be published as ``variant``'s ("" when they can)."""
    if result["fingerprint"] != key:
        return (f"{result['worker']} renders it from other inputs than this project's (fingerprint "
                f"{result['fingerprint'][:12]}, here {key[:12]}): give the workers the same project files, "
                "manim and voice")
    expected = set(_paths(result["entry"]))
    if result["entry"].get("name") != variant.name or set(result["files"]) != expected or any(
            Path(path).is_absolute() or ".." in Path(path).parts for path in expected):
        return f"{result['worker']} sent files that are not this variant's"
    return ""


def _paths(entry: dict) -> list[str]:
    paths = list(entry["files"].values()) + list(entry["captions"].values())
    for kinds in entry["tables"].values():
        paths += list(kinds.values())
    return paths


def seconds(text: str) -> float:
    """A number of seconds, 0 or more (for argparse)."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 <= value < float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds (0 or more)")
    return value


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m publishing", description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="variants to publish (default: all in the variants file)")
    parser.add_argument("-q", "--quality", choices=list(QUALITY_FLAGS), default="h", help="manim quality (default h)")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2, help="renders at once (default: cores)")
    parser.add_argument("--site", type=Path, default=ROOT / "media" / "site", help="output folder (default media/site)")
    parser.add_argument("--media", type=Path, default=ROOT / "media" / "publish", help="manim's working media folder")
    parser.add_argument("--variants", type=Path, default=VARIANTS_FILE, help="variants file (default variants.toml)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="render on a Dask cluster, e.g. tcp://10.0.0.5:8786 (default: here, --jobs processes)")
    parser.add_argument("--wait-for-workers", type=seconds, metavar="SECONDS", default=None,
                        help="with --scheduler: how long to wait while no worker can render before the variants "
                             "left fail (default 300)")
    arguments = parser.parse_args(argv)
    if shutil.which("ffmpeg") is None:
        print("error: ffmpeg is not installed (sudo apt-get install ffmpeg, or run scripts/setup.sh)", file=sys.stderr)
        return 2
    log = functools.partial(print, flush=True)
    # Importing a scene with $LECTURE_VARIANT set would apply that variant to it, and the renders get
    # none of these anyway (render_environment): the variants file decides.
    ignored = sorted(key for key in os.environ if key.startswith(LECTURE_PREFIX))
    if ignored:
        log(f"note: ignoring ${', $'.join(ignored)}: each variant's own settings decide its video")
        for key in ignored:
            del os.environ[key]
    started = time.perf_counter()
    try:
        outcomes = publish(arguments.names, arguments.quality, arguments.site.resolve(), arguments.media.resolve(),
                           max(1, arguments.jobs), arguments.variants.resolve(), log, arguments.scheduler,
                           arguments.wait_for_workers)
    except (VariantError, ClusterError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # a site or media folder that cannot be made or written
        where = f"{error.filename}: " if error.filename else ""
        problem = "not a folder" if isinstance(error, (FileExistsError, NotADirectoryError)) else error.strerror
        print(f"error: {where}{problem or error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as interruption:
        done = f"{interruption}, none half-written" if str(interruption) else "no file half-written"
        print(f"interrupted: {done}; run again to finish", file=sys.stderr)
        return 130
    failed = [o for o in outcomes if o.status == "failed"]
    rendered = [o for o in outcomes if o.where]
    if rendered:
        log("variant                          status      seconds  rendered by")
        for o in rendered:
            log(f"{o.variant.name:32} {o.status:10} {o.seconds:8.1f}  {o.where}")
    counts = {status: sum(o.status == status for o in outcomes) for status in ("published", "up to date", "failed")}
    print(f"{counts['published']} published, {counts['up to date']} up to date, {counts['failed']} failed "
          f"in {time.perf_counter() - started:.0f} s → {arguments.site / 'index.html'}")
    for outcome in failed:
        print(f"failed: {outcome.variant.name}: {outcome.error}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
