"""Every shipped variant runs, and every value a scene accepts renders legibly or is refused in one line.

Each case runs plain manim as a teacher would (``LECTURE_VARIANT=... manim --dry_run``): the whole
scene is built and played, nothing is written but the scene's record, whose screens say where every
text was after each animation: none may overlap another or leave the frame, and every number drawn
must be one the scene recorded, drawn as recorded (``screen.py``). At -ql with the cache
off a scene takes 10-20 s.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from scenes.kit.variants import load_variants

from .conftest import assert_legible
from .screen import assert_numbers_on_screen

ROOT = Path(__file__).resolve().parents[2]
MANIM = Path(sys.executable).with_name("manim")

pytestmark = pytest.mark.render


@pytest.fixture(scope="session")
def dry_media(tmp_path_factory) -> Path:
    """A media folder per test process: two manims writing one text cache race each other."""
    return tmp_path_factory.mktemp("dry-media")


def dry_run(media: Path, scene: str, variant: str, variants_file: Path | None = None) -> subprocess.CompletedProcess:
    """Run one variant; on success ``result.record`` is the scene's record."""
    record = media / f"{variant}.record.json"
    record.unlink(missing_ok=True)
    env = {**os.environ, "LECTURE_VARIANT": variant, "LECTURE_RECORD_PATH": str(record)}
    env.pop("LECTURE_LANGUAGE", None)
    if variants_file is not None:
        env["LECTURE_VARIANTS_FILE"] = str(variants_file)
    result = subprocess.run([str(MANIM), "render", "-ql", "--fps", "3", "--dry_run", "--disable_caching",
                             "--progress_bar", "none",
                             "--media_dir", str(media), f"scenes/{scene}.py"], cwd=ROOT, capture_output=True,
                            text=True, env=env, timeout=600)
    result.record = json.loads(record.read_text(encoding="utf-8")) if result.returncode == 0 else None
    return result


SHIPPED = load_variants()
#: The lecture's own scenes are rendered for real by each scene's tests, which read the same record
#: (layout, numbers on screen, and the descent's story), and the rotated bowl is dry-run there: no
#: need to run them twice.
RENDERED_BY_SCENE_TESTS = {"derivative", "derivative-en", "gradient-field", "gradient-field-en", "descent",
                           "learning-rate", "learning-rate-rotated", "momentum"}


@pytest.mark.parametrize("name", [name for name in SHIPPED if name not in RENDERED_BY_SCENE_TESTS])
def test_every_shipped_variant_runs_to_the_end(dry_media, name):
    result = dry_run(dry_media, SHIPPED[name].scene, name)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    assert "Traceback" not in result.stderr
    assert_legible(result.record)
    assert_numbers_on_screen(result.record)
    if name in STORIES:
        assert_tells_the_story(result.record, *STORIES[name])


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
        "blowing-up": {"function": "x^4", "start": "1", "learning_rate": "1", "steps": 3,
                       "surface_function": "x^3 + y^2", "surface_start": "-1,0.5", "surface_steps": 3},
        "slow": {"function": "x^4 - 2x^2", "start": "2", "learning_rate": "0.01",
                 "surface_function": "x^4 + y^2", "surface_start": "1,1"},
        "saddle": {"function": "2x + 1", "start": "1", "learning_rate": "0.5",
                   "surface_function": "x^2 - y^2", "surface_start": "4,0"},
        # Every story in English too (the shipped descent-en is the monotone one).
        "oscillating-stationary-en": {"language": "en", "learning_rate": "0.75", "surface_start": "0,0"},
        "one-step-cycle-en": {"language": "en", "function": "0.5x^2", "learning_rate": "1", "steps": 8,
                              "surface_steps": 8},
        "diverging-en": {"language": "en", "learning_rate": "1.05"},
        "blowing-up-en": {"language": "en", "function": "x^4", "start": "1", "learning_rate": "1", "steps": 3,
                          "surface_function": "x^3 + y^2", "surface_start": "-1,0.5", "surface_steps": 3},
        "slow-en": {"language": "en", "function": "x^4 - 2x^2", "start": "2", "learning_rate": "0.01",
                    "surface_function": "x^4 + y^2", "surface_start": "1,1"},
        "saddle-en": {"language": "en", "function": "2x + 1", "start": "1", "learning_rate": "0.5",
                      "surface_function": "x^2 - y^2", "surface_start": "4,0"},
        "tilted": {"function": "x^2 + 3x", "start": "4", "surface_function": "x^2 + x*y + 2y^2 + x",
                   "surface_start": "-3,2"},
        "flat": {"function": "3", "start": "1", "surface_function": "0*x + 2", "surface_start": "1,1"},
        "line": {"function": "2x + 1", "start": "1", "surface_function": "x + y", "surface_start": "1,1"},
    },
    "derivative": {
        "cubic": {"function": "x^3", "y_range": [-20.0, 30.0], "slope_range": [-1.0, 13.0]},
        "cubic-off-window": {"function": "x^3"},           # f(a + h) = 27: refused, naming y_range
        "point-huge": {"point": "1e308"},
        "point-tiny-h": {"steps": ["1e-300"]},
        "point-on-bottom": {"point": "0"},
        "quartic": {"function": "x^4 - 2x^2", "bottom": "1", "steps": ["1", "0.5", "0.1"], "y_range": [-2.0, 10.0],
                    "slide": ["-1.2", "1.2"]},
        "line": {"function": "2x + 1"},
    },
    "gradient_field": {
        "saddle": {"function": "x^2 - y^2"},
        "tiny-plane": {"plane_range": "1e-6", "grid_extent": "1e-6", "grid_step": "1e-7"},
        "tiny-plane-inside": {"plane_range": "1e-6", "grid_extent": "1e-6", "grid_step": "2e-7",
                              "levels": ["1e-13", "4e-13", "9e-13"], "points": [["3e-7", "4e-7"]],
                              "tangent_half_length": "2e-7", "reference_gradient": "1e-6", "arrow_scale": "0.02"},
        "huge-plane": {"plane_range": "1e6", "grid_extent": "1e6", "grid_step": "1e5", "levels": ["1e10", "4e10", "9e10"],
                       "points": [["3e5", "4e5"]], "tangent_half_length": "2e5", "reference_gradient": "1e6",
                       "arrow_scale": "0.02"},
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

# What the descent must say each run does: (2D verdict, 3D floor beat), worked out by hand from
# the runs. On a bowl that is the regime for all steps to come; a line or a parabola opening
# downwards is "unbounded"; on anything else it is what the steps shown do (gdmath's Trend).
REGIMES = ("monotone", "one-step", "oscillating", "cycle", "diverging", "stationary")
TRENDS = ("settling", "downhill", "blowing-up", "unsettled")
STORIES = {
    "descent": ("monotone", "monotone"),
    "descent-en": ("monotone", "monotone"),
    "descent-one-step": ("one-step", "one-step"),
    "descent-oscillating": ("oscillating", "oscillating"),
    "descent-cycle": ("cycle", "cycle"),
    "descent-diverging": ("diverging", "diverging"),
    "descent-zigzag": ("monotone", "oscillating"),          # α·L = 0.09 · 20 = 1.8 along y
    "descent-start-on-minimum": ("stationary", "stationary"),
    "descent-lands-on-minimum": ("one-step", "one-step"),
    "descent-rate-huge": ("diverging", "diverging"),
    "descent-double-well": ("settling", "settling"),
    "descent-cubic": ("settling", "settling"),             # towards the inflection point 0 of x³: no minimum
    "descent-line": ("unbounded", "downhill"),
    "descent-blowing-up": ("blowing-up", "downhill"),     # x⁴ from 1 with α = 1: 1, −3, 105, …
    "descent-slow": ("settling", "unsettled"),
    "descent-saddle": ("unbounded", "settling"),          # x² − y² from (4, 0) lands on the saddle point
    "descent-oscillating-stationary-en": ("oscillating", "stationary"),
    "descent-one-step-cycle-en": ("one-step", "cycle"),
    "descent-diverging-en": ("diverging", "diverging"),
    "descent-blowing-up-en": ("blowing-up", "downhill"),
    "descent-slow-en": ("settling", "unsettled"),
    "descent-saddle-en": ("unbounded", "settling"),
}
MINIMUM = {"en": "minimum", "ko": "최솟값"}


def assert_tells_the_story(record: dict, verdict: str, floor: str):
    """The 2D part ends on the verdict for its run, the 3D part says the floor beat for its run, and a
    part whose run is not on a bowl (no regime) never speaks of a minimum."""
    said = [beat["beat"] for beat in record["beats"]]
    assert [b for b in said if b.startswith("verdict_")] == [f"verdict_{verdict}"], said
    assert [b for b in said if b.startswith("floor_")] == [f"floor_{floor}"], said
    start_3d = next(part["start"] for part in record["parts"] if part["name"] == "3d")
    for part, story in (("2d", verdict), ("3d", floor)):
        if story in REGIMES[:-1]:
            continue
        texts = [b["text"] for b in record["beats"] if (b["start"] < start_3d) == (part == "2d")]
        assert not [t for t in texts if MINIMUM[record["language"]] in t], (part, texts)


def test_the_stories_cover_every_regime_and_trend_in_both_languages():
    told = {"ko": set(), "en": set()}
    for name, stories in STORIES.items():
        changes = SHIPPED[name].changes if name in SHIPPED else EXTREMES["descent"][name.removeprefix("descent-")]
        told[changes.get("language", "ko")].update(stories)
    for language, stories in told.items():
        assert stories == {*REGIMES, *TRENDS, "unbounded"}, (language, stories)


def toml_value(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else f'"{value}"'


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
        assert_legible(result.record)
        assert_numbers_on_screen(result.record)
        if f"{scene}-{name}" in STORIES:
            assert_tells_the_story(result.record, *STORIES[f"{scene}-{name}"])
        return
    assert f"{scene}-{name}" not in STORIES, "a story case was refused"
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 2 and len(lines) == 1 and lines[0].startswith("error: "), result.stderr[-3000:]
    # The error names the variant and the parameter at fault (one changed, or one the change contradicts).
    assert re.search(rf"\[{re.escape(scene)}-{re.escape(name)}\] [a-z_]+: ", lines[0]), lines[0]
