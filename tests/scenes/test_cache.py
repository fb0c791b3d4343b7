"""An unchanged scene is not rendered again, and rendered again reuses every animation.

``make video`` (``scenes/kit/videos.py``) skips a scene whose video is up to date. Rendered again
anyway, with manim's cache on as a teacher runs it, every animation is reused
(``scenes/kit/cache.py``): manim's own log says so, animation by animation. The derivative covers
updaters inside transforms (the secant, its legs and dots, the traced slope); the descent covers
the 3D camera's turn, which reads the frame's time step.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import types

import numpy as np
import pytest

from .conftest import MANIM, ROOT

VARIANTS = """
[tiny-descent]
scene = "descent"
steps = 2
surface_steps = 2
learning_rate = 0.75
"""

ANIMATION = re.compile(r"Animation (\d+) : (Using cached|Partial movie file written)")


def animations(output: str) -> dict[int, str]:
    return {int(number): what for number, what in ANIMATION.findall(output)}


def render_twice(tmp_path, scene_file: str, env: dict | None = None) -> list[dict[int, str]]:
    logs = []
    for _ in range(2):
        result = subprocess.run(
            [str(MANIM), "render", "-ql", "--fps", "5", "--progress_bar", "none", "--media_dir", str(tmp_path / "media"),
             scene_file], cwd=ROOT, capture_output=True, text=True, timeout=600,
            env={**os.environ, "COLUMNS": "400", **(env or {})})  # wide enough that rich does not wrap a line
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        logs.append(animations(result.stdout + result.stderr))
    return logs


def assert_all_reused(first: dict[int, str], second: dict[int, str]) -> None:
    assert len(first) > 20 and set(first.values()) == {"Partial movie file written"}
    assert sorted(second) == sorted(first)
    missed = sorted(number for number, what in second.items() if what != "Using cached")
    assert not missed, f"animations rendered again although nothing changed: {missed}"


def test_the_3d_descent_rendered_again_reuses_every_animation(tmp_path):
    (tmp_path / "variants.toml").write_text(VARIANTS, encoding="utf-8")
    env = {"LECTURE_VARIANT": "tiny-descent", "LECTURE_VARIANTS_FILE": str(tmp_path / "variants.toml")}
    assert_all_reused(*render_twice(tmp_path, "scenes/descent.py", env))


def test_the_momentum_rendered_again_reuses_every_animation_though_it_plays_more_than_100(tmp_path):
    # manim deletes all but the newest max_files_cached partial movies after each render (its
    # default, 100, cost the momentum's first ten animations every time): manim.cfg keeps more.
    first, second = render_twice(tmp_path, "scenes/momentum.py")
    assert len(first) > 100
    assert_all_reused(first, second)


def make_video(tmp_path, *options: str) -> tuple[subprocess.CompletedProcess, float]:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "scenes.kit.videos", "-q", "l", "--media", str(tmp_path / "media"),
                             *options, "derivative"], cwd=ROOT, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "COLUMNS": "400"})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result, time.perf_counter() - started


def test_make_video_skips_an_up_to_date_scene_and_a_forced_render_reuses_every_animation(tmp_path):
    first, _ = make_video(tmp_path)
    video = tmp_path / "media" / "videos" / "derivative" / "480p15" / "DerivativeOfXSquared.mp4"
    assert "== rendered  scenes/derivative.py" in first.stdout and video.is_file()
    made = video.stat().st_mtime_ns
    again, seconds = make_video(tmp_path)
    assert f"== up to date  scenes/derivative.py: {video}" in again.stdout
    assert "Animation" not in again.stdout + again.stderr and video.stat().st_mtime_ns == made
    assert seconds < 10, f"an up-to-date scene took {seconds:.1f} s to skip"
    forced, _ = make_video(tmp_path, "--force")
    assert_all_reused(animations(first.stdout + first.stderr), animations(forced.stdout + forced.stderr))


def test_a_skipped_animation_paints_nothing_but_sets_what_the_next_key_reads():
    from manim import VMobject, tempconfig
    from manim.camera.three_d_camera import ThreeDCamera

    from scenes.kit.cache import paint_only_what_is_seen

    with tempconfig({"quality": "low_quality"}):
        painted = []
        renderer = types.SimpleNamespace(camera=ThreeDCamera(), skip_animations=True,
                                         update_frame=lambda scene, *a, **k: painted.append(scene))
        playing = [True]
        paint_only_what_is_seen(renderer, lambda: playing[0])
        # the table a first painting makes is there before any animation: the first key reads it
        assert VMobject in renderer.camera.display_funcs
        renderer.camera.set_phi(1.0)
        renderer.update_frame("skipped")
        assert painted == [] and np.allclose(renderer.camera.rotation_matrix,
                                             renderer.camera.generate_rotation_matrix())
        renderer.skip_animations = False
        renderer.update_frame("played")
        renderer.skip_animations, playing[0] = True, False
        renderer.update_frame("last frame, -s")
        assert painted == ["played", "last frame, -s"]
