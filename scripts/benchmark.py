"""Render time of each scene as a ratio to its encode floor, measured in the same run.

The encode floor is the time PyAV takes to encode the same frames, at the same size, frame rate
and encoder settings, with no drawing: the least any renderer writing this video could spend.
These machines are shared and noisy, so only ratios taken in one run are compared.

    python scripts/benchmark.py                      # every scene at -ql and -qh, then what users run
    python scripts/benchmark.py -q h scenes/descent.py
    python scripts/benchmark.py --users-only         # only what users run (below)
    python scripts/benchmark.py --publish            # the shipped variants, locally and on a Dask cluster

What users run, with manim's cache on as they have it, in a fresh media folder:
``make video`` (``scenes.kit.videos -q h``) with one and with two scenes at a time, against the sum
of its videos' encode floors; ``make video`` again with nothing changed, and ``manim -qh`` again on
each scene it made (manim's cache reusing every animation); and each scene's first
``manim -ql`` preview, as a ratio to the length of its video, and the same command again unchanged.
"""

from __future__ import annotations

import argparse
import configparser
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from scenes.registry import QUALITY_FLAGS, quality_folder, scene_files

ROOT = Path(__file__).resolve().parent.parent
MEDIA = ROOT / "media" / "benchmark"
MANIM = Path(sys.executable).with_name("manim")
TARGETS = {"2d": 1.5, "3d": 3.0}


def render(scene: Path, quality: str) -> dict:
    """Render once without the segment cache; return wall time, peak memory and the scene's record."""
    command = [str(MANIM), "render", f"-q{quality}", "--disable_caching", "--progress_bar", "none",
               "--media_dir", str(MEDIA), str(scene.relative_to(ROOT))]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"benchmark: rendering {scene} failed:\n{process.stderr.read().decode()[-2000:]}")
    folder = quality_folder(quality)
    records = sorted((MEDIA / "videos" / scene.stem / folder).glob("*.shown.json"), key=lambda p: p.stat().st_mtime)
    record_path = records[-1]
    return {"wall": wall, "peak_memory_mb": usage.ru_maxrss / 1024,
            "video": record_path.with_name(record_path.name.replace(".shown.json", ".mp4")),
            "record": json.loads(record_path.read_text(encoding="utf-8"))}


def encoder_options() -> dict[str, str]:
    """manim's defaults for libx264 plus what manim.cfg adds, as manim itself resolves them."""
    parser = configparser.ConfigParser()
    parser.read(ROOT / "manim.cfg")
    options = {"crf": "23"}
    if parser.has_section("video_encoder.options"):
        options.update(dict(parser.items("video_encoder.options")))
    return options


def encode_floor(video: Path) -> list[float]:
    """Seconds spent encoding each frame of ``video`` again (decoding and conversion not counted)."""
    per_frame = []
    with av.open(str(video)) as source, tempfile.TemporaryDirectory() as scratch:
        stream_in = source.streams.video[0]
        rate = Fraction(stream_in.average_rate)
        with av.open(str(Path(scratch) / "floor.mp4"), mode="w") as target:
            stream = target.add_stream("libx264", rate=rate, options=encoder_options())
            stream.pix_fmt = "yuv420p"
            stream.width, stream.height = stream_in.width, stream_in.height
            time_base = Fraction(rate.denominator, rate.numerator)
            for index, decoded in enumerate(source.decode(stream_in)):
                pixels = np.ascontiguousarray(decoded.to_ndarray(format="rgba"))  # what manim hands over
                started = time.perf_counter()
                frame = av.VideoFrame.from_ndarray(pixels, format="rgba")
                frame.pts, frame.time_base = index, time_base
                for packet in stream.encode(frame):
                    target.mux(packet)
                per_frame.append(time.perf_counter() - started)
            started = time.perf_counter()
            for packet in stream.encode():
                target.mux(packet)
            if per_frame:
                per_frame[-1] += time.perf_counter() - started
    return per_frame


def parts_of(record: dict, frame_rate: float, frames: int, wall: float) -> list[dict]:
    """Split the run by the scene's marked parts: frame ranges and wall time of each."""
    marks = record.get("parts") or []
    if len(marks) < 2:
        return [{"name": "all", "first": 0, "last": frames, "wall": wall}]
    parts = []
    for mark, following in zip(marks, marks[1:]):
        first, last = round(mark["start"] * frame_rate), round(following["start"] * frame_rate)
        parts.append({"name": mark["name"], "first": first, "last": min(last, frames),
                      "wall": following["wall"] - mark["wall"]})
    return parts


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode:
        raise SystemExit(f"benchmark: {' '.join(command)} failed:\n{result.stderr[-2000:]}")
    return time.perf_counter() - started


def video_seconds(video: Path) -> float:
    with av.open(str(video)) as container:
        return float(container.duration / av.time_base)


def what_users_run() -> list[dict]:
    """make video at -qh (one and two scenes at a time), again unchanged, and each scene's -ql preview."""
    import shutil

    media, rows = MEDIA / "users", []
    make_video = [sys.executable, "-m", "scenes.kit.videos", "-q", "h", "--media", str(media)]
    walls = {}
    for jobs in (2, 1):  # one at a time last: its media are a plain manim's (two at once give each its Tex folder)
        shutil.rmtree(media, ignore_errors=True)
        walls[jobs] = timed(make_video + ["--jobs", str(jobs)])
    videos = sorted((media / "videos").glob(f"*/{quality_folder('h')}/*.mp4"))
    floor = sum(sum(encode_floor(video)) for video in videos)
    length = sum(video_seconds(video) for video in videos)
    for jobs, wall in sorted(walls.items()):
        rows.append({"what": f"make video, {jobs} at a time", "seconds": round(wall, 1), "of": "encode floor",
                     "base": round(floor, 1), "ratio": round(wall / floor, 2), "target": "≤1.3"})
    again = timed(make_video + ["--jobs", "2"])
    rows.append({"what": "make video again, unchanged", "seconds": round(again, 1), "of": "", "base": None,
                 "ratio": None, "target": "<5 s"})
    for scene in scene_files():  # manim itself, on the videos make video left: every animation reused
        again = timed([str(MANIM), "render", "-qh", "--progress_bar", "none", "--media_dir", str(media), scene])
        rows.append({"what": f"manim -qh {Path(scene).stem} again", "seconds": round(again, 1), "of": "",
                     "base": None, "ratio": None, "target": "<5 s"})
    for scene in scene_files():
        preview = MEDIA / "preview"
        shutil.rmtree(preview, ignore_errors=True)
        wall = timed([str(MANIM), "render", "-ql", "--progress_bar", "none", "--media_dir", str(preview), scene])
        video = next((preview / "videos").glob(f"*/{quality_folder('l')}/*.mp4"))
        seconds = video_seconds(video)
        rows.append({"what": f"preview -ql {Path(scene).stem}", "seconds": round(wall, 1), "of": "video length",
                     "base": round(seconds, 1), "ratio": round(wall / seconds, 2), "target": "≤0.13"})
        again = timed([str(MANIM), "render", "-ql", "--progress_bar", "none", "--media_dir", str(preview), scene])
        rows.append({"what": f"manim -ql {Path(scene).stem} again", "seconds": round(again, 1), "of": "",
                     "base": None, "ratio": None, "target": "<5 s"})
    print(f"\n{'what users run':34} {'seconds':>8}  {'against':13} {'seconds':>8} {'ratio':>6} {'target':>6}")
    for row in rows:
        base = f"{row['base']:8.1f}" if row["base"] is not None else " " * 8
        ratio = f"{row['ratio']:6.2f}" if row["ratio"] is not None else " " * 6
        print(f"{row['what']:34} {row['seconds']:8.1f}  {row['of']:13} {base} {ratio} {row['target']:>6}")
    print(f"(all {len(videos)} videos: {length:.1f} s)")
    return rows


def publish_run(command: list[str]) -> dict:
    """Run a publish; its wall time, and the seconds and place of each variant from its summary."""
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if result.returncode:
        raise SystemExit(f"benchmark: {' '.join(command)} failed:\n{(result.stdout + result.stderr)[-2000:]}")
    rows = [re.match(r"(\S+) +published +([\d.]+)  (.+)$", line) for line in result.stdout.splitlines()]
    renders = {row[1]: (float(row[2]), row[3]) for row in rows if row}
    return {"wall": wall, "renders": renders}


def cluster_publish(publish: list[str], folder: Path, environment: dict[str, str] | None = None) -> dict:
    """``publish`` through a ``dask scheduler`` and ``dask worker --nthreads 1 --nworkers 2`` on 127.0.0.1."""
    import socket

    from distributed import Client

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    dask = Path(sys.executable).with_name("dask")
    with open(folder / "cluster.log", "a") as logs:
        processes = [subprocess.Popen([str(dask), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                       "--no-dashboard"], stdout=logs, stderr=logs)]
        try:
            processes.append(subprocess.Popen(
                [str(dask), "worker", address, "--nthreads", "1", "--nworkers", "2", "--host", "127.0.0.1",
                 "--no-dashboard", "--local-directory", str(folder / f"workers-{port}")], stdout=logs, stderr=logs,
                env=environment))
            with Client(address, timeout=60, set_as_default=False) as client:
                client.wait_for_workers(2, timeout=120)
            return publish_run(publish + ["--site", str(folder / f"cluster-{port}"),
                                          "--media", str(folder / f"cluster-media-{port}"), "--scheduler", address])
        finally:
            for process in reversed(processes):
                process.send_signal(signal.SIGINT)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()


def publishing(quality: str = "l") -> list[dict]:
    """Every shipped variant published at ``-q quality`` locally, then through a Dask scheduler.

    Locally: the publisher's two processes. On the cluster: ``dask scheduler`` and ``dask worker
    --nthreads 1 --nworkers 2`` on 127.0.0.1, as README tells a teacher, on this same machine. Both
    start from empty media folders, so each pays its own cold caches.
    """
    import shutil

    folder = MEDIA / "publish"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    publish = [sys.executable, "-m", "publishing", "-q", quality]
    local = publish_run(publish + ["--site", str(folder / "local"), "--media", str(folder / "local-media")])
    remote = cluster_publish(publish, folder)
    rows = []
    for name, run in (("locally, 2 processes", local), ("scheduler + 2 workers", remote)):
        rows.append({"what": f"publish -q{quality}, {name}", "variants": len(run["renders"]),
                     "wall_s": round(run["wall"], 1),
                     "renders_s": round(sum(seconds for seconds, _ in run["renders"].values()), 1),
                     "ratio": round(run["wall"] / local["wall"], 2)})
    print(f"\n{'what':36} {'variants':>8} {'wall s':>8} {'renders s':>10} {'÷ local':>8}")
    for row in rows:
        print(f"{row['what']:36} {row['variants']:8} {row['wall_s']:8.1f} {row['renders_s']:10.1f} {row['ratio']:8.2f}")
    print("(renders s: the sum of each variant's own time, from the publisher's summary)")
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenes", nargs="*", type=Path, help="scene files (default: every scene)")
    parser.add_argument("-q", "--quality", action="append", choices=list(QUALITY_FLAGS),
                        help="manim quality letter; repeat for several (default: l and h)")
    parser.add_argument("--users-only", action="store_true", help="only what users run (make video, previews)")
    parser.add_argument("--publish", action="store_true",
                        help="only the shipped variants published at -ql, locally and through a Dask scheduler")
    arguments = parser.parse_args(argv)
    if arguments.publish:
        MEDIA.mkdir(parents=True, exist_ok=True)
        (MEDIA / "publish.json").write_text(json.dumps(publishing(), indent=1))
        return 0
    if arguments.users_only:
        MEDIA.mkdir(parents=True, exist_ok=True)
        (MEDIA / "users.json").write_text(json.dumps(what_users_run(), indent=1, ensure_ascii=False))
        return 0
    scenes = [s.resolve() for s in arguments.scenes] or [ROOT / path for path in scene_files()]
    qualities = arguments.quality or ["l", "h"]
    results = []
    for scene in scenes:
        render(scene, "l")  # warm-up: LaTeX and fonts cached, as on any second render
        for quality in qualities:
            rendered = render(scene, quality)
            floor = encode_floor(rendered["video"])
            rate = float(rendered["record"]["frame_rate"])
            for part in parts_of(rendered["record"], rate, len(floor), rendered["wall"]):
                part_floor = sum(floor[part["first"]:part["last"]])
                results.append({
                    "scene": scene.stem, "quality": quality, "part": part["name"],
                    "frames": part["last"] - part["first"], "render_s": round(part["wall"], 2),
                    "floor_s": round(part_floor, 2), "ratio": round(part["wall"] / part_floor, 2) if part_floor else None,
                    "target": TARGETS.get(part["name"], TARGETS["2d"]),
                    "peak_memory_mb": round(rendered["peak_memory_mb"]),
                })
            total_floor = sum(floor)
            results.append({"scene": scene.stem, "quality": quality, "part": "whole run",
                            "frames": len(floor), "render_s": round(rendered["wall"], 2),
                            "floor_s": round(total_floor, 2), "ratio": round(rendered["wall"] / total_floor, 2),
                            "target": None, "peak_memory_mb": round(rendered["peak_memory_mb"])})
            print_row(results[-1], header=len(results) == 1)
    print()
    header = True
    for row in results:
        print_row(row, header)
        header = False
    MEDIA.mkdir(parents=True, exist_ok=True)
    (MEDIA / "results.json").write_text(json.dumps(results, indent=1))
    if not arguments.scenes:
        (MEDIA / "users.json").write_text(json.dumps(what_users_run(), indent=1, ensure_ascii=False))
    print(f"\n(also in {MEDIA.relative_to(ROOT) / 'results.json'}; the whole run includes starting "
          f"Python and importing manim, ~2-3 s)")
    return 0


def print_row(row: dict, header: bool) -> None:
    if header:
        print(f"{'scene':16} {'q':2} {'part':10} {'frames':>6} {'render s':>9} {'floor s':>8} "
              f"{'ratio':>6} {'target':>6} {'peak MB':>8}")
    target = f"≤{row['target']}" if row["target"] else ""
    print(f"{row['scene']:16} {row['quality']:2} {row['part']:10} {row['frames']:6} {row['render_s']:9.2f} "
          f"{row['floor_s']:8.2f} {row['ratio'] if row['ratio'] is not None else '-':>6} {target:>6} "
          f"{row['peak_memory_mb']:8}")


if __name__ == "__main__":
    sys.exit(main())
