"""The course-page folder, built for real from a small variants file, opened in Chromium and served by nginx."""

import csv
import fcntl
import hashlib
import html.parser
import io
import json
import os
import re
import selectors
import shutil
import signal
import socket
import stat
import struct
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from gdmath import descend
from gdmath.export import run_to_json
from publishing.publish import main as publish_main
from publishing.publish import produce_atomically, read_manifest, render_environment, write_atomically
from publishing.sources import fingerprint, scene_sources
from scenes.kit.narration import Script
from scenes.kit.variants import Variant

from .browser import Browser
from .conftest import loudness, probe, srt_cues

# The tests of this module share its renders: one worker runs them all (pytest -n).
pytestmark = pytest.mark.xdist_group("publish")

ROOT = Path(__file__).resolve().parents[2]
VARIANTS = """
[tiny-descent]
scene = "descent"
steps = 2
surface_steps = 2
learning_rate = 0.75
voice = "espeak"

[tiny-bad]
scene = "descent"
learning_rate = -1
"""


def publish(tmp: Path, *names: str):
    # Under umask 077 as a careful user's shell might be: the published files must stay world-readable.
    return subprocess.run([sys.executable, "-m", "publishing", "-q", "l", "--variants", str(tmp / "variants.toml"),
                           "--site", str(tmp / "site"), "--media", str(tmp / "media"), *names],
                          cwd=ROOT, capture_output=True, text=True, timeout=900, umask=0o077)


@pytest.fixture(scope="module")
def site():
    # Not under pytest's tmp_path, whose /tmp/pytest-of-<user>/ is 0700: nginx's workers (user nobody)
    # must be able to reach the site. The site folder itself is made 0700, as tempfile.mkdtemp makes
    # folders, and the publisher has to open it.
    tmp = Path(tempfile.mkdtemp(prefix="publish-", dir="/tmp" if os.path.isdir("/tmp") else None))
    try:
        os.chmod(tmp, 0o755)
        (tmp / "site").mkdir(mode=0o700)
        (tmp / "variants.toml").write_text(VARIANTS, encoding="utf-8")
        first = publish(tmp)
        started = time.perf_counter()
        second = publish(tmp)
        yield {"tmp": tmp, "root": tmp / "site", "first": first, "second": second,
               "second_seconds": time.perf_counter() - started}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_a_failing_variant_is_reported_at_the_end_and_does_not_stop_the_others(site):
    first = site["first"]
    assert first.returncode == 1
    assert "failed: tiny-bad: variants.toml: [tiny-bad] learning_rate:" in first.stderr
    assert "1 published, 0 up to date, 1 failed" in first.stdout
    assert (site["root"] / "videos" / "tiny-descent.mp4").exists()


def test_second_run_with_nothing_changed_takes_seconds(site):
    second = site["second"]
    assert "0 published, 1 up to date" in second.stdout
    assert site["second_seconds"] < 15


def test_no_half_written_files_are_left(site):
    assert not [p for p in site["root"].rglob("*") if ".part" in p.name]


def mp4_top_level_boxes(path: Path) -> list[str]:
    boxes, data, offset = [], path.read_bytes(), 0
    while offset + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[offset:offset + 8])
        if size == 1:
            size = struct.unpack(">Q", data[offset + 8:offset + 16])[0]
        boxes.append(kind.decode("latin-1"))
        if size < 8:
            break
        offset += size
    return boxes


def test_video_streams_h264_yuv420p_with_moov_first(site):
    video = site["root"] / "videos" / "tiny-descent.mp4"
    boxes = mp4_top_level_boxes(video)
    assert boxes.index("moov") < boxes.index("mdat")
    stream = json.loads(subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=codec_name,pix_fmt",
         "-of", "json", str(video)], capture_output=True, text=True, check=True).stdout)["streams"][0]
    assert stream == {"codec_name": "h264", "pix_fmt": "yuv420p"}
    # The voice, fit to publish: AAC as long as the picture, at one loudness, peaks below −1 dBTP.
    streams = json.loads(subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "stream=codec_type,codec_name,duration", "-of", "json",
         str(video)], capture_output=True, text=True, check=True).stdout)["streams"]
    (picture,), (sound,) = ([s for s in streams if s["codec_type"] == kind] for kind in ("video", "audio"))
    assert sound["codec_name"] == "aac"
    assert abs(float(sound["duration"]) - float(picture["duration"])) <= 1 / 15
    integrated, true_peak = loudness(video)
    assert abs(integrated - (-16)) <= 1 and true_peak <= -1
    assert (site["root"] / "videos" / "tiny-descent.poster.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def parse_vtt(path: Path) -> list[tuple[float, float, str]]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("WEBVTT\n")
    cues = []
    for block in text.split("\n\n")[1:]:
        lines = block.strip().splitlines()
        if not lines:
            continue
        start, end = (_seconds(part.strip()) for part in lines[1].split("-->"))
        cues.append((start, end, "\n".join(lines[2:])))
    return cues


def _seconds(stamp: str) -> float:
    hours, minutes, seconds = stamp.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def test_captions_in_both_languages_follow_the_subtitle_timing(site):
    srt = next(site["tmp"].glob("media/worker-*/videos/descent/480p15/tiny-descent.srt"))
    subtitles = srt_cues(srt)
    korean = parse_vtt(site["root"] / "videos" / "tiny-descent.ko.vtt")
    english = parse_vtt(site["root"] / "videos" / "tiny-descent.en.vtt")
    assert len(korean) == len(english) == len(subtitles) > 5
    for (start, end, text), (ko_start, ko_end, ko_text), (en_start, en_end, en_text) in zip(subtitles, korean, english):
        assert abs(start - ko_start) < 0.002 and abs(end - ko_end) < 0.002 and text == ko_text
        assert (en_start, en_end) == (ko_start, ko_end)
    script = Script.load("descent")
    assert english[0][2] == script.line("intro", "en")
    assert "α = 0.75" in english[1][2]


def test_published_tables_are_gdmaths(site):
    tables = site["root"] / "tables"
    flat = descend("x**2", "5", "0.75", 2)
    assert json.loads((tables / "tiny-descent.2d.json").read_text()) == run_to_json(flat)
    rows = list(csv.DictReader(io.StringIO((tables / "tiny-descent.3d.csv").read_text())))
    bowl = descend("x**2 + y**2", "4,4", "0.75", 2)
    assert [(row["x"], row["y"]) for row in rows] == [tuple(str(c) for c in p) for p in bowl.points]


def test_index_embeds_every_video_with_captions(site):
    page = (site["root"] / "index.html").read_text(encoding="utf-8")
    assert page.count('<video controls preload="metadata"') == 1
    assert 'poster="videos/tiny-descent.poster.png"' in page
    assert '<track kind="captions" srclang="ko"' in page and '<track kind="captions" srclang="en"' in page
    assert "&lt;video controls" in page  # the copy-paste snippet


PLAY = """(async () => {
  const videos = [...document.querySelectorAll('video')];
  return Promise.all(videos.map(async video => {
    for (const track of video.textTracks) track.mode = 'hidden';
    const until = async (ready, ms) => {
      const started = performance.now();
      while (!ready() && performance.now() - started < ms) await new Promise(r => setTimeout(r, 50));
    };
    await until(() => video.readyState >= 1 && [...video.textTracks].every(t => t.cues && t.cues.length), 10000);
    // What the page plays: its sound through an analyser, for three seconds of real time.
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    context.createMediaElementSource(video).connect(analyser);
    analyser.connect(context.destination);
    const samples = new Float32Array(analyser.fftSize);
    let peak = 0;
    await video.play();
    await context.resume();
    const started = performance.now();
    while (performance.now() - started < 3000) {
      analyser.getFloatTimeDomainData(samples);
      for (const sample of samples) peak = Math.max(peak, Math.abs(sample));
      await new Promise(r => setTimeout(r, 20));
    }
    video.pause();
    return {src: video.currentSrc, readyState: video.readyState, duration: video.duration, muted: video.muted,
            error: video.error ? video.error.code : null, played: video.currentTime,
            audioBytes: video.webkitAudioDecodedByteCount, peak,
            tracks: [...video.textTracks].map(t => ({language: t.language, cues: t.cues ? t.cues.length : -1}))};
  }));
})()"""


def test_chromium_plays_every_video_with_its_voice_and_captions_from_nginx(site, nginx, tmp_path):
    with Browser(tmp_path / "profile") as page:
        page.open(nginx["url"] + "/")
        videos = page.evaluate(PLAY)
    assert len(videos) == 1
    frame_time = 1 / 15
    for video in videos:
        assert video["error"] is None and video["readyState"] >= 1
        expected = probe(site["root"] / "videos" / "tiny-descent.mp4")["duration"]
        assert abs(video["duration"] - expected) <= frame_time
        assert {t["language"] for t in video["tracks"]} == {"ko", "en"}
        assert all(t["cues"] > 5 for t in video["tracks"])
        # It plays, and what it plays is the voice: decoded sound, not a silent track.
        assert video["played"] > 1 and not video["muted"]
        assert video["audioBytes"] > 0 and video["peak"] > 0.1, video


# -- serving: permissions -------------------------------------------------------------------
def modes(root: Path) -> dict[str, str]:
    return {(path.relative_to(root).as_posix() or "."): oct(stat.S_IMODE(path.stat().st_mode))
            for path in [root, *root.rglob("*")]}


def test_files_are_written_world_readable_whatever_the_umask(tmp_path):
    site = tmp_path / "site"
    site.mkdir(mode=0o700)  # as tempfile.mkdtemp makes folders
    os.chmod(site, 0o700)
    temporaries = []

    def ffmpeg_like(out: Path, data: bytes):
        temporaries.append(out)
        out.unlink()  # a new file, created under the umask
        out.write_bytes(data)

    previous = os.umask(0o077)
    try:
        write_atomically(site / "index.html", "<!doctype html>")
        write_atomically(site / "tables" / "a.csv", "x\n")
        produce_atomically(site / "videos" / "a.mp4", lambda out: ffmpeg_like(out, b"old"))
        produce_atomically(site / "videos" / "a.mp4", lambda out: ffmpeg_like(out, b"new"))
        with pytest.raises(ZeroDivisionError):  # a failing tool leaves the published file and no temporary
            produce_atomically(site / "videos" / "a.mp4", lambda out: (ffmpeg_like(out, b"half"), 1 / 0))
    finally:
        os.umask(previous)
    assert modes(site) == {".": "0o755", "index.html": "0o644", "tables": "0o755", "tables/a.csv": "0o644",
                           "videos": "0o755", "videos/a.mp4": "0o644"}
    assert (site / "videos" / "a.mp4").read_bytes() == b"new"
    assert len(set(temporaries)) == 3
    assert all(".part" in t.name and t.name.startswith(".a.") and t.suffix == ".mp4" for t in temporaries)


def test_two_writers_of_the_same_file_do_not_share_a_temporary_file(tmp_path):
    """Two publishes at once: each writes aside under its own name; the last rename wins, whole."""
    target, seen = tmp_path / "videos" / "a.mp4", []

    def inner(out: Path):
        seen.append(out)
        out.write_bytes(b"second")

    def outer(out: Path):
        seen.append(out)
        out.write_bytes(b"first")
        produce_atomically(target, inner)  # starts and finishes while the first is half-way

    produce_atomically(target, outer)
    assert seen[0] != seen[1]
    assert target.read_bytes() == b"first"
    assert [p.name for p in target.parent.iterdir()] == ["a.mp4"]


# -- serving: a real web server whose workers are not the publisher --------------------------
MIME_TYPES = {"html": "text/html", "json": "application/json", "mp4": "video/mp4", "png": "image/png",
              "vtt": "text/vtt", "csv": "text/csv"}
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback, whatever http_proxy says


def get(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    try:
        with NO_PROXY.open(urllib.request.Request(url, headers=headers or {}), timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def free_port() -> int:
    with socket.socket() as probe_socket:
        probe_socket.bind(("127.0.0.1", 0))
        return probe_socket.getsockname()[1]


def nginx_config(folder: Path, root: Path, port: int, compiled: str) -> str:
    mime = Path("/etc/nginx/mime.types")
    known = mime.read_text() if mime.exists() else ""
    types = " ".join(f"{kind} {ext};" for ext, kind in MIME_TYPES.items() if not re.search(rf"\s{ext}[\s;]", known))
    temp_paths = "\n".join(f"    {module}_temp_path {folder / module};"
                           for module in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
                           if f"--without-http_{module}_module" not in compiled)
    # As root, nginx's master drops its workers to nobody: they read the site as "others" do.
    return f"""daemon off;
master_process on;
{"user nobody nogroup;" if os.geteuid() == 0 else ""}
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 64; }}
http {{
    {f"include {mime};" if known else ""}
    types {{ {types} }}
    default_type application/octet-stream;
    access_log {folder / "access.log"};
{temp_paths}
    server {{
        listen 127.0.0.1:{port};
        root {root};
        index index.html;
    }}
}}
"""


@pytest.fixture
def nginx(site, tmp_path):
    """nginx serving the published folder on 127.0.0.1, stopped afterwards; yields its base URL."""
    binary = shutil.which("nginx", path=os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"]))
    if binary is None:
        message = "nginx is not installed (scripts/setup.sh installs nginx-light)"
        if os.environ.get("CI"):
            pytest.fail(message + " — CI must run scripts/setup.sh")
        pytest.skip(message)
    compiled = subprocess.run([binary, "-V"], capture_output=True, text=True).stderr
    error_log = tmp_path / "error.log"
    for attempt in range(3):  # the free port may be taken between probing and nginx's bind
        port = free_port()
        config = tmp_path / "nginx.conf"
        config.write_text(nginx_config(tmp_path, site["root"], port, compiled), encoding="utf-8")
        process = subprocess.Popen([binary, "-p", str(tmp_path), "-e", str(error_log), "-c", str(config)],
                                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        deadline = time.monotonic() + 10
        while process.poll() is None and time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.05)
        if process.poll() is None:
            break
    else:
        pytest.fail(f"nginx did not start: {error_log.read_text() if error_log.exists() else '(no log)'}")
    try:
        yield {"url": f"http://127.0.0.1:{port}", "process": process, "error_log": error_log}
    finally:
        process.send_signal(signal.SIGQUIT)  # graceful: the master stops its workers
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


class References(html.parser.HTMLParser):
    """Every file the page points at: sources, posters, tracks and links."""

    def __init__(self):
        super().__init__()
        self.paths = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in {"video": ["poster"], "source": ["src"], "track": ["src"], "a": ["href"],
                     "img": ["src"], "link": ["href"], "script": ["src"]}.get(tag, []):
            if attrs.get(name):
                self.paths.append(attrs[name])


def worker_uids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(re.search(r"^Uid:\s+(\d+)", Path(f"/proc/{pid}/status").read_text(), re.M).group(1))
            for pid in children]


@pytest.mark.render
def test_nginx_serves_the_page_and_every_file_it_references_to_an_unprivileged_worker(site, nginx):
    root, url = site["root"], nginx["url"]
    # Files 0644 and folders 0755 although the publisher ran under umask 077 into a 0700 folder.
    for path, mode in modes(root).items():
        assert mode == ("0o755" if (root / path).is_dir() else "0o644"), f"{path} is {mode}"
    if os.geteuid() == 0:
        assert worker_uids(nginx["process"].pid) == [65534]  # nobody: the test means something
        private = root / "_private.txt"
        private.write_text("x")
        os.chmod(private, 0o600)
        try:
            assert get(f"{url}/_private.txt")[0] == 403  # what every caption and table got before
        finally:
            private.unlink()

    status, headers, page = get(f"{url}/")
    assert status == 200 and page == (root / "index.html").read_bytes()
    references = References()
    references.feed(page.decode("utf-8"))
    referenced = set(references.paths)
    published = {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}
    assert referenced and referenced <= published
    assert {p.rsplit(".", 1)[1] for p in referenced} == {"mp4", "png", "vtt", "csv", "json"}
    for path in sorted(referenced | published):
        status, headers, body = get(f"{url}/{path}")
        assert status == 200, f"{path}: {status}; {nginx['error_log'].read_text()[-1000:]}"
        assert body == (root / path).read_bytes(), path
        assert headers["Content-Type"].split(";")[0] == MIME_TYPES[path.rsplit(".", 1)[1]], path
    for path in sorted(p for p in referenced if p.endswith(".mp4")):
        data = (root / path).read_bytes()
        status, headers, body = get(f"{url}/{path}", {"Range": "bytes=0-99"})  # how browsers seek
        assert (status, len(body), body) == (206, 100, data[:100]), path
        assert headers["Content-Range"] == f"bytes 0-99/{len(data)}"


# -- changing things: what republishes, Ctrl-C, two publishes at once -----------------------
def copied_tree(root: Path) -> Path:
    """A copy of the sources a video depends on, to edit without touching the project's."""
    for part in ("scenes", "gdmath", "publishing"):
        shutil.copytree(ROOT / part, root / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "manim.cfg", root / "manim.cfg")
    return root


def test_an_edit_makes_stale_exactly_the_videos_that_depend_on_it(tmp_path, monkeypatch):
    root = copied_tree(tmp_path)
    variants = [Variant("descent", "descent", {}), Variant("descent-en", "descent", {"language": "en"}),
                Variant("derivative", "derivative", {}), Variant("gradient-field-en", "gradient_field", {"language": "en"})]

    def keys(quality="l"):
        return {v.name: fingerprint(v, quality, root) for v in variants}

    def stale_after_editing(relative: str) -> set[str]:
        before = keys()
        path = root / relative
        path.write_bytes(path.read_bytes() + b"\n# edited\n")
        return {name for name, key in keys().items() if key != before[name]}

    everything = {v.name for v in variants}
    assert stale_after_editing("scenes/descent.py") == {"descent", "descent-en"}
    assert stale_after_editing("scenes/script/descent.toml") == {"descent", "descent-en"}
    assert stale_after_editing("scenes/script/derivative.toml") == {"derivative"}
    assert stale_after_editing("scenes/gradient_field.py") == {"gradient-field-en"}
    # A part only one scene imports stales that scene's videos alone: the files are followed import by import.
    for scene, part in (("descent", "scenes/kit/parts/descent.py"), ("derivative", "scenes/kit/parts/derivative.py")):
        if (root / part).exists():
            assert stale_after_editing(part) == {v.name for v in variants if v.scene == scene}, part
    for shared in ("manim.cfg", "scenes/__init__.py", "scenes/kit/style.py", "scenes/kit/narration.py",
                   "scenes/registry.py", "gdmath/descent.py", "gdmath/exact.py", "gdmath/export.py",
                   "publishing/publish.py"):
        assert stale_after_editing(shared) == everything, shared
    # Every file a scene's videos read is counted, once.
    sources = [p.relative_to(root).as_posix() for p in scene_sources("descent", root)]
    assert len(set(sources)) == len(sources) and "publishing/publish.py" in sources
    assert {p.relative_to(root).as_posix() for p in (root / "gdmath").glob("*.py")} - {"gdmath/__main__.py"} \
        <= set(sources)
    assert "scenes/derivative.py" not in sources and "scenes/kit/parts/derivative.py" not in sources
    # A value written as a TOML number or as text is one parameter: the fingerprint reads the plan's.
    before = keys()
    variants[0] = Variant("descent", "descent", {"learning_rate": 0.1})
    assert keys()["descent"] == before["descent"]
    variants[0] = Variant("descent", "descent", {})

    # A variant's own edit, the language included, stales that variant alone; the quality, all.
    before = keys()
    variants[1] = Variant("descent-en", "descent", {"language": "ko"})
    assert {name for name, key in keys().items() if key != before[name]} == {"descent-en"}
    assert all(key != before[name] for name, key in keys("m").items() if name != "descent-en")

    # The shell's $LECTURE_LANGUAGE (and the like) changes no fingerprint because it reaches no render.
    before = keys()
    for name, value in {"LECTURE_LANGUAGE": "en", "LECTURE_RECORD_PATH": str(tmp_path / "r.json"),
                        "LECTURE_VARIANT": "descent-en"}.items():
        monkeypatch.setenv(name, value)
    assert keys() == before
    assert not [key for key in render_environment() if key.startswith("LECTURE_")]
    assert render_environment()["PATH"] == os.environ["PATH"]


def test_an_unreadable_manifest_is_one_warning_and_everything_is_redone(tmp_path):
    lines, manifest = [], tmp_path / "manifest.json"
    assert read_manifest(manifest, lines.append) == {} and lines == []
    for text in ("{", "[1, 2]", '{"a": 1}', "\udcff"):
        manifest.write_text(text, encoding="utf-8", errors="surrogateescape")
        lines.clear()
        assert read_manifest(manifest, lines.append) == {}
        assert len(lines) == 1 and lines[0].startswith(f"warning: {manifest}: ") and "\n" not in lines[0]


def start_publisher(tmp: Path, *names: str, site: Path | None = None, media: Path | None = None,
                    env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "publishing", "-q", "l", "--variants", str(tmp / "variants.toml"),
                             "--site", str(site or tmp / "site"), "--media", str(media or tmp / "media"), *names],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})


def copy_of_published_site(site, tmp: Path) -> Path:
    """The fixture's published site and its variants file, copied to ``tmp`` (no render needed)."""
    shutil.copytree(site["root"], tmp / "site")
    shutil.copy(site["tmp"] / "variants.toml", tmp / "variants.toml")
    return tmp / "site"


def snapshot(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def children(pid: int) -> list[int]:
    """The child processes of ``pid``, whichever of its threads started them."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except FileNotFoundError:  # a thread that ended meanwhile
            pass
    return found


def wait_for_line(process: subprocess.Popen, text: str, timeout: float = 60) -> str:
    """Read the process's stdout until a line contains ``text``; return what was read."""
    seen, deadline = "", time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while text not in seen:
            assert time.monotonic() < deadline, f"no {text!r} in {seen!r}"
            if selector.select(timeout=1):
                line = process.stdout.readline()
                assert line, f"the publisher ended without {text!r}: {seen!r} {process.stderr.read()!r}"
                seen += line
    return seen


@pytest.mark.render
def test_ctrl_c_mid_render_keeps_the_site_and_a_rerun_publishes_exactly_what_changed(site, tmp_path):
    published = copy_of_published_site(site, tmp_path)
    # One new variant: the fixture's in English. The shell asks for Korean, which must not reach the render.
    (tmp_path / "variants.toml").write_text(VARIANTS + """
[tiny-english]
scene = "descent"
steps = 2
surface_steps = 2
learning_rate = 0.75
language = "en"
""", encoding="utf-8")
    before, env = snapshot(published), {"LECTURE_LANGUAGE": "ko"}
    process = start_publisher(tmp_path, env=env)
    try:
        deadline, renders = time.monotonic() + 120, []
        while not (renders and list((tmp_path / "media").rglob("partial_movie_files/*/*.mp4"))):
            assert process.poll() is None and time.monotonic() < deadline, process.communicate()
            renders = children(process.pid)
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)  # to the publisher alone, as `kill -INT` does
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 130, out + err
    assert err == "interrupted: 0 variant(s) published, 1 left as they were, none half-written; run again to finish\n"
    assert "Traceback" not in out
    assert snapshot(published) == before
    assert not [p for p in published.rglob("*") if p.name.startswith(".")]  # no temporary file or folder
    assert not [p for p in (tmp_path / "media").rglob("*") if p.is_file()]  # nor the stopped render's files
    assert not [pid for pid in renders if Path(f"/proc/{pid}").exists()]  # the render did stop

    process = start_publisher(tmp_path, env=env)
    out, err = process.communicate(timeout=600)
    assert "1 published, 1 up to date, 1 failed" in out, out + err
    assert "note: ignoring $LECTURE_LANGUAGE" in out
    after = snapshot(published)
    assert {path: key for path, key in after.items() if "tiny-descent" in path} == \
        {path: key for path, key in before.items() if "tiny-descent" in path}  # not republished
    manifest = json.loads((published / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["tiny-english"]["entry"]["language"] == "en"
    assert parse_vtt(published / "videos" / "tiny-english.en.vtt")[0][2] == Script.load("descent").line("intro", "en")
    assert 'srclang="en" label="English" src="videos/tiny-english.en.vtt" default' in (published / "index.html").read_text()


def test_a_second_publish_of_a_site_or_media_folder_waits_for_the_first(site, tmp_path):
    published = copy_of_published_site(site, tmp_path)
    before = snapshot(published)

    def hold(folder: Path) -> int:  # as a running publish holds it
        handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        fcntl.flock(handle, fcntl.LOCK_EX)
        return handle

    held = hold(published)
    try:
        waiting = start_publisher(tmp_path)
        assert f"waiting for another publish of {published} to finish" in wait_for_line(waiting, "waiting for")
        time.sleep(0.2)
        assert waiting.poll() is None and snapshot(published) == before
        waiting.send_signal(signal.SIGINT)  # Ctrl-C while waiting: one line, nothing touched
        out, err = waiting.communicate(timeout=30)
        assert waiting.returncode == 130 and err == "interrupted: no file half-written; run again to finish\n"
        assert snapshot(published) == before

        # What a publish killed outright (SIGKILL, power cut) leaves; the next one, owning the site, removes it.
        (published / ".staging-killed" / "videos").mkdir(parents=True)
        (published / ".staging-killed" / "videos" / "tiny-descent.mp4").write_bytes(b"half")
        (published / "videos" / ".tiny-descent.abc123.part.mp4").write_bytes(b"half")
        waiting = start_publisher(tmp_path)
        wait_for_line(waiting, "waiting for")
    finally:
        os.close(held)
    out, err = waiting.communicate(timeout=60)
    assert "0 published, 1 up to date, 1 failed" in out, out + err
    assert snapshot(published) == before and not [p for p in published.rglob("*") if p.name.startswith(".")]

    # The media folder is the renders' working folder: two sites rendering in one would collide.
    media = tmp_path / "media"
    shutil.copytree(published, tmp_path / "other-site")
    held = hold(media)
    try:
        waiting = start_publisher(tmp_path, site=tmp_path / "other-site")
        assert f"waiting for another publish of {media} to finish" in wait_for_line(waiting, "waiting for")
    finally:
        os.close(held)
    out, err = waiting.communicate(timeout=60)
    assert "0 published, 1 up to date, 1 failed" in out, out + err


def test_bad_folders_are_one_line_errors(tmp_path, capsys):
    (tmp_path / "variants.toml").write_text(VARIANTS, encoding="utf-8")
    (tmp_path / "file").write_text("not a folder")
    for folders in ([tmp_path / "file", tmp_path / "media"], [tmp_path / "site", tmp_path / "file" / "media"]):
        status = publish_main(["-q", "l", "--variants", str(tmp_path / "variants.toml"),
                               "--site", str(folders[0]), "--media", str(folders[1])])
        err = capsys.readouterr().err
        assert status == 2 and err == f"error: {tmp_path / 'file'}: not a folder\n", err
