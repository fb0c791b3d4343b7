"""Variants as data (variants.toml) and as Python subclasses: checked before anything renders."""

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from scenes.descent import DescentParameters, GradientDescentIn2DAnd3D
from scenes.registry import scene_entry
from scenes.kit.variants import VARIANTS_FILE, VariantError, changed_parameters, load_variants, variant_class

ROOT = Path(__file__).resolve().parents[2]
MANIM = Path(sys.executable).with_name("manim")


def write_variants(tmp_path, text: str) -> Path:
    path = tmp_path / "variants.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_shipped_variant_is_valid():
    variants = load_variants()
    assert {"descent", "descent-en", "descent-one-step", "descent-oscillating", "descent-cycle",
            "descent-diverging", "descent-zigzag", "derivative-en", "gradient-field-en"} <= set(variants)
    for variant in variants.values():
        changed_parameters(scene_entry(variant.scene).defaults(), variant.changes, variant.name)


def test_a_variant_changes_only_what_it_names():
    parameters = changed_parameters(DescentParameters(), {"learning_rate": 0.75})
    assert parameters == replace(DescentParameters(), learning_rate="0.75")


def test_numbers_mean_the_decimal_written():
    assert changed_parameters(DescentParameters(), {"learning_rate": 0.1}).learning_rate == "0.1"
    assert changed_parameters(DescentParameters(), {"start": -3}).start == "-3"


@pytest.mark.parametrize("line, key, words", [
    ("learnig_rate = 0.5", "learnig_rate", "unknown parameter"),
    ("steps = \"ten\"", "steps", "expected a whole number"),
    ("steps = 2.5", "steps", "expected a whole number"),
    ("learning_rate = true", "learning_rate", "expected text or a number"),
    ("learning_rate = 0", "learning_rate", "greater than 0"),
    ("learning_rate = -0.1", "learning_rate", "greater than 0"),
    ("learning_rate = nan", "learning_rate", "finite"),
    ("learning_rate = inf", "learning_rate", "finite"),
    ("start = \"4,4\"", "start", "start has 2 coordinates"),
    ("surface_start = 4", "surface_start", "needs 2"),
    ("function = \"sin(x)\"", "function", "function calls"),
    ("function = \"__import__('os').system('true')\"", "function", "function calls"),
    ("surface_function = \"x**y\"", "surface_function", "exponent"),
    ("function = \"x^2 + y^2\"", "function", "function of x alone"),
    ("steps = 500", "steps", "must be from 1 to"),
    ("steps = 100000", "steps", "at most"),
    ("language = \"fr\"", "language", "one of ko, en"),
    ("learning_rate = 3\nsteps = 12\nfunction = \"x^8\"", "learning_rate", "range of floats"),
])
def test_bad_values_name_file_variant_and_key(tmp_path, line, key, words):
    path = write_variants(tmp_path, f"[bad]\nscene = \"descent\"\n{line}\n")
    with pytest.raises(VariantError) as caught:
        variant_class(GradientDescentIn2DAnd3D, "bad", path)
    message = str(caught.value)
    assert "variants.toml" in message and "[bad]" in message and f" {key}:" in message and words in message
    assert "\n" not in message


@pytest.mark.parametrize("text, words", [
    ("[bad]\nlearning_rate = 0.5\n", "scene: must name a scene .derivative, gradient_field, descent, learning_rate."),
    ("[bad]\nscene = \"nonexistent\"\n", "scene: must name a scene .derivative, gradient_field, descent, learning_rate."),
    ("[bad\nscene = 1\n", "not valid TOML"),
    ("bad = 3\n", "must be a table"),
])
def test_bad_structure(tmp_path, text, words):
    with pytest.raises(VariantError, match=words):
        load_variants(write_variants(tmp_path, text))


def test_variant_for_another_scene_is_refused(tmp_path):
    path = write_variants(tmp_path, "[other]\nscene = \"derivative\"\n")
    with pytest.raises(VariantError, match="is for scenes/derivative.py, not scenes/descent.py"):
        variant_class(GradientDescentIn2DAnd3D, "other", path)


def test_variant_class_is_named_after_the_variant():
    cls = variant_class(GradientDescentIn2DAnd3D, "descent-oscillating", VARIANTS_FILE)
    assert cls.__name__ == "descent-oscillating" and issubclass(cls, GradientDescentIn2DAnd3D)
    assert cls.parameters.learning_rate == "0.75"


def run_manim(*arguments, env=None, cwd=ROOT):
    return subprocess.run([str(MANIM), "render", *arguments], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=600)


def test_a_bad_variant_stops_manim_with_one_line_and_loses_nothing(tmp_path):
    media = tmp_path / "media"
    earlier = media / "videos" / "descent" / "480p15" / "GradientDescentIn2DAnd3D.mp4"
    earlier.parent.mkdir(parents=True)
    earlier.write_bytes(b"an earlier render")
    result = run_manim("-ql", "--media_dir", str(media), "scenes/descent.py", env={"LECTURE_VARIANT": "no-such"})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert errors == [errors[0]] and "no variant [no-such]" in errors[0]
    assert earlier.read_bytes() == b"an earlier render"


def test_a_python_subclass_variant_renders_with_plain_manim(tmp_path):
    scene_file = tmp_path / "fast_descent.py"
    scene_file.write_text(
        "from dataclasses import replace\n"
        "from scenes.descent import GradientDescentIn2DAnd3D\n\n\n"
        "class FastDescent(GradientDescentIn2DAnd3D):\n"
        "    parameters = replace(GradientDescentIn2DAnd3D.parameters, learning_rate='0.75', steps=3)\n",
        encoding="utf-8")
    media = tmp_path / "media"
    result = run_manim("-ql", "-n", "0,2", "--media_dir", str(media), str(scene_file))
    assert result.returncode == 0, result.stderr[-2000:]
    assert list(media.glob("videos/fast_descent/480p15/FastDescent.mp4"))


def test_a_bad_python_subclass_is_one_line_too(tmp_path):
    scene_file = tmp_path / "bad_descent.py"
    scene_file.write_text(
        "from dataclasses import replace\n"
        "from scenes.descent import GradientDescentIn2DAnd3D\n\n\n"
        "class BadDescent(GradientDescentIn2DAnd3D):\n"
        "    parameters = replace(GradientDescentIn2DAnd3D.parameters, learning_rate='-1')\n",
        encoding="utf-8")
    result = run_manim("-ql", "--media_dir", str(tmp_path / "media"), str(scene_file))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    assert "BadDescent: learning_rate: learning rate must be greater than 0" in result.stderr


def test_missing_font_is_a_clear_error(tmp_path):
    scene_file = tmp_path / "no_font.py"
    scene_file.write_text(
        "from scenes.derivative import DerivativeOfXSquared\n\n\n"
        "class NoFont(DerivativeOfXSquared):\n"
        "    font = 'No Such Font 42'\n", encoding="utf-8")
    result = run_manim("-ql", "--media_dir", str(tmp_path / "media"), str(scene_file))
    assert result.returncode == 2
    assert "font 'No Such Font 42' is not installed" in result.stderr and "fonts-nanum" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
