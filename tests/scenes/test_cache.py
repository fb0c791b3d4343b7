"""An unchanged scene rendered again reuses every animation from manim's cache (scenes/kit/cache.py).

Each scene is rendered twice into a fresh media folder, with manim's cache on as a teacher runs it;
manim's own log says, animation by animation, whether it used the cached movie. The derivative
covers updaters inside transforms (the secant, its legs and dots, the traced slope); the descent
covers the 3D camera's turn, which reads the frame's time step.
"""

from __future__ import annotations

import os
import re
import subprocess

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


def render_twice(tmp_path, scene_file: str, env: dict | None = None) -> list[dict[int, str]]:
    logs = []
    for _ in range(2):
        result = subprocess.run(
            [str(MANIM), "render", "-ql", "--fps", "5", "--progress_bar", "none", "--media_dir", str(tmp_path / "media"),
             scene_file], cwd=ROOT, capture_output=True, text=True, timeout=600,
            env={**os.environ, "COLUMNS": "400", **(env or {})})  # wide enough that rich does not wrap a line
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        logs.append({int(number): what for number, what in ANIMATION.findall(result.stdout + result.stderr)})
    return logs


@pytest.mark.parametrize("scene_file, variant", [("scenes/derivative.py", None), ("scenes/descent.py", "tiny-descent")])
def test_an_unchanged_scene_rendered_again_reuses_every_animation(tmp_path, scene_file, variant):
    env = None
    if variant:
        (tmp_path / "variants.toml").write_text(VARIANTS, encoding="utf-8")
        env = {"LECTURE_VARIANT": variant, "LECTURE_VARIANTS_FILE": str(tmp_path / "variants.toml")}
    first, second = render_twice(tmp_path, scene_file, env)
    assert len(first) > 20 and set(first.values()) == {"Partial movie file written"}
    assert sorted(second) == sorted(first)
    missed = sorted(number for number, what in second.items() if what != "Using cached")
    assert not missed, f"animations rendered again although nothing changed: {missed}"
