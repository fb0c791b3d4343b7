"""Each frame redraws only what an animation can change (scenes/kit/drawing.py), and the frames are the same."""

from __future__ import annotations

import os
import subprocess
from types import SimpleNamespace

import av
import numpy as np
from manim import (DOWN, LEFT, Arrow, MovingCamera, rate_functions, RIGHT, UP, Camera, Create, Dot, FadeIn, Line, Rotate, Text, ThreeDCamera, VGroup,
                   Wait)

from scenes.kit.drawing import drawn_each_frame

from .conftest import MANIM, ROOT


def scene(*mobjects, camera=None):
    return SimpleNamespace(renderer=SimpleNamespace(camera=camera or Camera()), foreground_mobjects=[],
                           mobjects=list(mobjects))


def begun(*animations):
    for animation in animations:
        animation.begin()
    return animations


def leaves(*mobjects):
    return [m for mobject in mobjects for m in mobject.get_family() if m.has_points()]


def test_what_moves_and_what_lies_over_it_are_kept_the_rest_is_not():
    dot = Dot(LEFT * 4)
    crossed = Line(LEFT * 5, RIGHT * 5)                             # below the dot's way, drawn after it
    over_line = Text("x").move_to(RIGHT * 4.8)                      # over the line, far from the dot
    caption = Text("far away").to_edge(DOWN).set_z_index(100)
    moving = leaves(dot, crossed, over_line, caption)
    kept = drawn_each_frame(scene(dot, crossed, over_line, caption), begun(dot.animate.move_to(LEFT * 1).build()),
                            moving)
    assert dot in kept and crossed in kept                          # moving, and over what moves
    assert all(m in kept for m in over_line.get_family() if m.has_points())  # over something kept
    assert not any(m in kept for m in caption.get_family())        # touches nothing kept


def test_the_course_covers_the_start_and_the_target():
    target_side = Text("target side").move_to(RIGHT * 4)
    dot = Dot(LEFT * 4)
    kept = drawn_each_frame(scene(dot, target_side), begun(dot.animate.move_to(RIGHT * 4).build()),
                            leaves(dot, target_side))
    # glyph by glyph: those the dot ends on are kept, those beside it are not
    assert 0 < sum(m in kept for m in leaves(target_side)) < len(leaves(target_side))
    faded = Text("faded").move_to(UP * 3)
    where_it_comes_from = Text("above").move_to(UP * 2.4)
    kept = drawn_each_frame(scene(faded, where_it_comes_from), begun(FadeIn(faded, shift=UP * 0.8)),
                            leaves(faded, where_it_comes_from))
    assert all(m in kept for m in leaves(where_it_comes_from))  # the faded text's way starts over it


def test_a_part_is_kept_with_the_whole_it_is_drawn_with():
    # An arrow's tip is drawn with its shaft: a dot passing over the tip alone keeps the whole arrow.
    arrow = Arrow(RIGHT * 3 + UP * 2, RIGHT * 3, buff=0)
    dot = Dot(LEFT * 4)
    moving = leaves(dot, arrow)
    kept = drawn_each_frame(scene(dot, arrow), begun(dot.animate.move_to(RIGHT * 3 + DOWN * 0.2).build()), moving)
    assert arrow in kept and arrow.tip in kept
    # and a part drawn with a whole that is in the background leaves manim's list as it is
    assert drawn_each_frame(scene(dot, arrow), begun(dot.animate.move_to(RIGHT * 3).build()), [dot, arrow.tip]) \
        == [dot, arrow.tip]


def test_manims_list_is_kept_where_a_course_cannot_be_bounded():
    dot, label = Dot(LEFT * 4), Text("far").to_edge(DOWN)
    moving = leaves(dot, label)
    assert drawn_each_frame(scene(dot, label), begun(Rotate(dot, 1.0, about_point=RIGHT)), moving) == moving
    assert drawn_each_frame(scene(dot, label, camera=ThreeDCamera()), begun(Create(Line(LEFT, RIGHT))), moving) == moving
    dot.add_updater(lambda m: m)
    assert drawn_each_frame(scene(dot, label), begun(Wait(0.5)), moving) == moving
    overshooting = dot.animate(rate_func=rate_functions.ease_out_back).move_to(LEFT * 3).build()
    assert drawn_each_frame(scene(dot, label), begun(overshooting), moving) == moving  # it goes past its target
    assert drawn_each_frame(scene(dot, label, camera=MovingCamera()), begun(Create(Line(LEFT, RIGHT))),
                            moving) == moving
    many = VGroup(Dot(), Dot(UP))
    assert drawn_each_frame(scene(many, label), begun(Create(many)), leaves(many, label)) == leaves(many)


def frames(video):
    with av.open(str(video)) as container:
        return [frame.to_ndarray(format="rgba") for frame in container.decode(video=0)]


def test_the_frames_are_the_same_as_when_manim_redraws_everything(tmp_path):
    videos = {}
    for drawing in ("all", "kept"):
        media = tmp_path / drawing
        result = subprocess.run(
            [str(MANIM), "render", "-ql", "-t", "--format", "mov", "--disable_caching", "--progress_bar", "none",
             "--media_dir", str(media), "tests/scenes/data/drawing_scene.py", "DrawnTwice"],
            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "LECTURE_DRAWING": drawing}, timeout=300)
        assert result.returncode == 0, result.stderr[-2000:]
        videos[drawing] = frames(next(media.glob("videos/drawing_scene/*/DrawnTwice.mov")))
    assert len(videos["all"]) == len(videos["kept"]) > 30
    for k, (a, b) in enumerate(zip(videos["all"], videos["kept"])):
        assert np.array_equal(a, b), f"frame {k} differs in {int((a != b).any(axis=2).sum())} pixels"
