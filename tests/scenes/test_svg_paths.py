"""Mobjects built from SVG drop their parsed path once their points exist (scenes/kit/svg_paths.py)."""

import numpy as np
import pytest
from manim import MathTex, Text
from manim.mobject.svg import svg_mobject

from scenes.kit import svg_cache, svg_paths
from scenes.kit.narration import caption_line


def paths(mobject):
    return [m for m in mobject.get_family() if isinstance(m, svg_mobject.VMobjectFromSVGPath)]


def build_all(monkeypatch):
    """A caption (Hangul, the fallback font's ²), a Text and a MathTex, each built afresh."""
    monkeypatch.setattr(svg_mobject, "SVG_HASH_TO_MOB_MAP", {})  # no copy handed out from manim's cache
    monkeypatch.setattr(svg_mobject.SVGMobject, "generate_mobject", svg_cache._generate_mobject)  # nor from disk
    return [caption_line("α = 0.1은 학습률입니다: x²의 기울기는 2x입니다."), Text("x₁₀ = 0.5369"),
            MathTex(r"\theta \leftarrow \theta - \alpha \nabla J(\theta)")]


def test_svg_paths_keep_their_points_and_drop_the_parsed_path(monkeypatch):
    built = build_all(monkeypatch)
    with monkeypatch.context() as original:
        original.setattr(svg_mobject.VMobjectFromSVGPath, "generate_points", svg_paths._generate_points)
        as_manim_builds = build_all(original)
    for ours, manims in zip(built, as_manim_builds):
        assert len(paths(ours)) == len(paths(manims)) > 0
        assert all(path.path_obj is None for path in paths(ours))
        assert all(path.path_obj is not None for path in paths(manims))  # the test compares something
        for a, b in zip(paths(ours), paths(manims)):
            np.testing.assert_array_equal(a.points, b.points)


def test_a_copy_is_drawn_from_the_same_points():
    caption = caption_line("경사 하강법: 기울기의 반대 방향으로 조금씩 움직여 손실을 줄입니다.")
    copy = caption.copy()
    for a, b in zip(paths(caption), paths(copy)):
        np.testing.assert_array_equal(a.points, b.points)
        assert a.points is not b.points
    copy.shift([1, 0, 0])
    assert caption.get_center()[0] == pytest.approx(copy.get_center()[0] - 1)
