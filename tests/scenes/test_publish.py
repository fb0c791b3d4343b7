"""The course-page folder, built for real from a small variants file, and opened in Chromium."""

import csv
import functools
import http.server
import io
import json
import shutil
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from gdmath import descend
from gdmath.__main__ import run_to_json
from scenes.kit.narration import Script

from .conftest import probe, srt_cues

ROOT = Path(__file__).resolve().parents[2]
VARIANTS = """
[tiny-descent]
scene = "descent"
steps = 2
surface_steps = 2
learning_rate = 0.75

[tiny-bad]
scene = "descent"
learning_rate = -1
"""


def publish(tmp: Path, *names: str):
    return subprocess.run([sys.executable, "-m", "scenes.kit.publish", "-q", "l", "--variants", str(tmp / "variants.toml"),
                           "--site", str(tmp / "site"), "--media", str(tmp / "media"), *names],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("publish")
    (tmp / "variants.toml").write_text(VARIANTS, encoding="utf-8")
    first = publish(tmp)
    started = time.perf_counter()
    second = publish(tmp)
    return {"tmp": tmp, "root": tmp / "site", "first": first, "second": second,
            "second_seconds": time.perf_counter() - started}


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


def test_iterate_tables_are_gdmaths(site):
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


HARNESS = """<!doctype html><html><body><pre id="result">pending</pre>
<iframe id="page" src="index.html" width="1000" height="800"></iframe>
<script>
const frame = document.getElementById('page');
frame.onload = async () => {
  const videos = [...frame.contentDocument.querySelectorAll('video')];
  const results = await Promise.all(videos.map(video => new Promise(resolve => {
    for (const track of video.textTracks) track.mode = 'hidden';
    const finish = () => resolve({src: video.currentSrc, readyState: video.readyState, duration: video.duration,
      error: video.error ? video.error.code : null,
      tracks: [...video.textTracks].map(t => ({language: t.language, cues: t.cues ? t.cues.length : -1}))});
    const check = () => {
      const cuesReady = [...video.textTracks].every(t => t.cues && t.cues.length > 0);
      if (video.readyState >= 1 && cuesReady) finish(); else setTimeout(check, 100);
    };
    check();
    setTimeout(finish, 10000);
  })));
  document.getElementById('result').textContent = JSON.stringify(results);
};
</script></body></html>"""


def test_chromium_loads_every_video_and_its_captions(site, tmp_path):
    chromium = shutil.which("chromium")
    assert chromium, "chromium is not installed: run scripts/setup.sh"
    (site["root"] / "_harness.html").write_text(HARNESS, encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site["root"]))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        result = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=30000", "--dump-dom",
             f"http://127.0.0.1:{server.server_address[1]}/_harness.html"],
            capture_output=True, text=True, timeout=120)
    finally:
        server.shutdown()
        (site["root"] / "_harness.html").unlink()
    marker = '<pre id="result">'
    dom = result.stdout
    assert marker in dom, dom[-2000:] + result.stderr[-2000:]
    videos = json.loads(dom.split(marker, 1)[1].split("</pre>", 1)[0])
    assert len(videos) == 1
    frame_time = 1 / 15
    for video in videos:
        assert video["error"] is None and video["readyState"] >= 1
        expected = probe(site["root"] / "videos" / "tiny-descent.mp4")["duration"]
        assert abs(video["duration"] - expected) <= frame_time
        assert {t["language"] for t in video["tracks"]} == {"ko", "en"}
        assert all(t["cues"] > 5 for t in video["tracks"])
