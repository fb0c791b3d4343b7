"""Parsed SVGs kept on disk give the mobjects a parse gives (scenes/kit/svg_cache.py)."""

import numpy as np
import pytest
from manim import MathTex, Text, tempconfig
from manim.mobject.svg import svg_mobject
from manim.utils import hashing

from scenes.kit import svg_cache
from scenes.kit.narration import caption_line


def build_all(monkeypatch):
    """A caption (Hangul, the fallback font's ²), a Text and a MathTex, each built afresh."""
    monkeypatch.setattr(svg_mobject, "SVG_HASH_TO_MOB_MAP", {})  # no copy handed out from manim's cache
    return [caption_line("α = 0.1은 학습률입니다: x²의 기울기는 2x입니다."), Text("x₁₀ = 0.5369", color="#FFCC00"),
            MathTex(r"\theta \leftarrow \theta - \alpha \nabla J(\theta)")]


def drawn(mobjects) -> list:
    """What the camera reads of each mobject of each family: kind, points, colours, widths."""
    return [[(type(m).__name__, m.points.tolist(), m.get_fill_rgbas().tolist(), m.get_stroke_rgbas().tolist(),
              m.get_stroke_width(), m.z_index) for m in mobject.get_family()] for mobject in mobjects]


def parse_only(monkeypatch):
    with monkeypatch.context() as original:
        original.setattr(svg_mobject.SVGMobject, "generate_mobject", svg_cache._generate_mobject)
        return build_all(original)


def test_a_mobject_loaded_from_disk_is_the_one_a_parse_makes(tmp_path, monkeypatch):
    with tempconfig({"media_dir": str(tmp_path)}):
        parsed = parse_only(monkeypatch)
        assert not (tmp_path / svg_cache.FOLDER).exists()
        stored = build_all(monkeypatch)  # parses, and keeps what it parsed
        assert len(list((tmp_path / svg_cache.FOLDER).glob("*.pickle"))) >= 3
        monkeypatch.setattr(svg_cache, "_generate_mobject", lambda self: pytest.fail(f"{self} parsed again"))
        loaded = build_all(monkeypatch)
    assert drawn(loaded) == drawn(parsed) == drawn(stored)
    # manim's cache names an animation by this hash of everything on screen: a loaded mobject that
    # drew the same but hashed otherwise made a second render of a scene miss every animation
    assert hashing.get_json(loaded) == hashing.get_json(parsed) == hashing.get_json(stored)
    assert sum(len(mobject.get_family()) for mobject in parsed) >= 50  # the test compares something
    for a, b in zip(loaded, parsed):
        np.testing.assert_array_equal(a.get_center(), b.get_center())
        assert a.width == b.width and a.id_to_vgroup_dict.keys() == b.id_to_vgroup_dict.keys()


def test_an_entry_cut_short_is_parsed_again_and_replaced(tmp_path, monkeypatch):
    with tempconfig({"media_dir": str(tmp_path)}):
        parsed = parse_only(monkeypatch)
        build_all(monkeypatch)
        entries = sorted((tmp_path / svg_cache.FOLDER).glob("*.pickle"))
        whole = {entry: entry.read_bytes() for entry in entries}
        for entry in entries:
            entry.write_bytes(whole[entry][: len(whole[entry]) // 2])  # a run killed while writing
        again = build_all(monkeypatch)
        assert {entry: entry.read_bytes() for entry in entries} == whole
        assert not list((tmp_path / svg_cache.FOLDER).glob(".*"))  # no temporary file left
    assert drawn(again) == drawn(parsed)


def test_what_generate_mobject_reads_names_the_entry(tmp_path):
    with tempconfig({"media_dir": str(tmp_path)}):
        text = Text("x")
        data = text.get_file_path().read_bytes()
        same = svg_cache.entry_path(text, data)
        assert svg_cache.entry_path(text, data) == same
        assert svg_cache.entry_path(text, data + b" ") != same
        text.path_string_config = {"should_subdivide_sharp_curves": True}
        assert svg_cache.entry_path(text, data) != same
        text.path_string_config, text.svg_default = {}, {**text.svg_default, "stroke_width": 1}
        assert svg_cache.entry_path(text, data) != same
        assert same.parent == tmp_path / svg_cache.FOLDER
