"""Every shipped variant runs, and every value a scene accepts renders or is refused in one line.

Each case runs plain manim as a teacher would (``LECTURE_VARIANT=... manim --dry_run``): the whole
scene is built and played, nothing is written. At -ql with the cache off a scene takes 10-20 s.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from scenes.kit.variants import load_variants

ROOT = Path(__file__).resolve().parents[2]
MANIM = Path(sys.executable).with_name("manim")

pytestmark = pytest.mark.render


@pytest.fixture(scope="session")
def dry_media(tmp_path_factory) -> Path:
    """A media folder per test process: two manims writing one text cache race each other."""
    return tmp_path_factory.mktemp("dry-media")


def dry_run(media: Path, scene: str, variant: str, variants_file: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "LECTURE_VARIANT": variant}
    env.pop("LECTURE_LANGUAGE", None)
    if variants_file is not None:
        env["LECTURE_VARIANTS_FILE"] = str(variants_file)
    return subprocess.run([str(MANIM), "render", "-ql", "--dry_run", "--disable_caching", "--progress_bar", "none",
                           "--media_dir", str(media), f"scenes/{scene}.py"], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=600)


SHIPPED = load_variants()


@pytest.mark.parametrize("name", list(SHIPPED))
def test_every_shipped_variant_runs_to_the_end(dry_media, name):
    result = dry_run(dry_media, SHIPPED[name].scene, name)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    assert "Traceback" not in result.stderr


# Values at the edges of what each scene accepts: very large and very small starts and learning
# rates, a start on the minimum, a run that lands on it, a cycle, the most steps allowed, functions
# that are not bowls. Each either renders or is refused with the one-line error of a bad value.
EXTREMES = {
    "descent": {
        "start-huge": {"start": "1e308"},
        "start-large": {"start": "1e6", "surface_start": "1e6,-1e6"},
        "start-tiny": {"start": "1e-300", "surface_start": "1e-300,0"},
        "start-on-minimum": {"start": "0", "surface_start": "0,0"},
        "lands-on-minimum": {"learning_rate": "0.5", "start": "-3", "surface_start": "1,-2"},
        "cycle": {"learning_rate": "1", "steps": 12, "surface_steps": 30},
        "rate-huge": {"learning_rate": "100"},
        "rate-astronomical": {"learning_rate": "1e300"},
        "rate-tiny": {"learning_rate": "1e-12"},
        "double-well": {"function": "x^4 - 2x^2", "start": "2", "learning_rate": "0.05",
                        "surface_function": "x^4 - 2x^2 + y^2", "surface_start": "2,1"},
        "cubic": {"function": "x^3", "start": "1", "surface_function": "x^3 + y^2", "surface_start": "1,1"},
        "tilted": {"function": "x^2 + 3x", "start": "4", "surface_function": "x^2 + x*y + 2y^2 + x",
                   "surface_start": "-3,2"},
        "flat": {"function": "3", "start": "1", "surface_function": "0*x + 2", "surface_start": "1,1"},
        "line": {"function": "2x + 1", "start": "1", "surface_function": "x + y", "surface_start": "1,1"},
    },
    "derivative": {
        "cubic": {"function": "x^3"},
        "point-huge": {"point": "1e308"},
        "point-tiny-h": {"steps": ["1e-300"]},
        "point-on-bottom": {"point": "0"},
        "quartic": {"function": "x^4 - 2x^2", "bottom": "1"},
        "line": {"function": "2x + 1"},
    },
    "gradient_field": {
        "saddle": {"function": "x^2 - y^2"},
        "tiny-plane": {"plane_range": "1e-6", "grid_extent": "1e-6", "grid_step": "1e-7"},
        "tiny-plane-inside": {"plane_range": "1e-6", "grid_extent": "1e-6", "grid_step": "2e-7",
                              "levels": ["1e-13", "4e-13", "9e-13"], "points": [["3e-7", "4e-7"]],
                              "tangent_half_length": "2e-7", "reference_gradient": "1e-6"},
        "huge-plane": {"plane_range": "1e6", "grid_extent": "1e6", "grid_step": "1e5", "levels": ["1e10", "4e10", "9e10"],
                       "points": [["3e5", "4e5"]], "tangent_half_length": "2e5", "reference_gradient": "1e6"},
        "flat": {"function": "0*x + 1"},
    },
    "learning_rate": {
        "huge-start": {"start": "1e300"},
        "tiny-rate": {"learning_rates": ["1e-12"]},
        "largest-rates": {"learning_rates": ["0.1", "1", "2", "3", "4"]},
        "tilted-parabola": {"function": "x^2 + 3x", "start": "4"},
        "most-steps": {"steps": 12, "bowl_steps": 40},
    },
}
CASES = [(scene, name, changes) for scene, cases in EXTREMES.items() for name, changes in cases.items()]


def toml_value(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return str(value) if isinstance(value, int) else f'"{value}"'


@pytest.fixture(scope="module")
def extremes_file(tmp_path_factory) -> Path:
    lines = []
    for scene, name, changes in CASES:
        lines += [f"[{scene}-{name}]", f'scene = "{scene}"']
        lines += [f"{key} = {toml_value(value)}" for key, value in changes.items()]
        lines.append("")
    path = tmp_path_factory.mktemp("extremes") / "variants.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("scene, name, changes", CASES, ids=[f"{s}-{n}" for s, n, _ in CASES])
def test_an_extreme_value_renders_or_is_refused_in_one_line(dry_media, extremes_file, scene, name, changes):
    result = dry_run(dry_media, scene, f"{scene}-{name}", extremes_file)
    assert "Traceback" not in result.stderr + result.stdout, (result.stdout + result.stderr)[-3000:]
    if result.returncode == 0:
        return
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 2 and len(lines) == 1 and lines[0].startswith("error: "), result.stderr[-3000:]
    # The error names the variant and the parameter at fault (one changed, or one the change contradicts).
    assert re.search(rf"\[{re.escape(scene)}-{re.escape(name)}\] [a-z_]+: ", lines[0]), lines[0]
