"""The cache key (scenes/kit/cache.py ``play_hash``) changes whenever manim's own key does.

manim names an animation's partial movie by a hash of everything it could draw. The kit computes
the key more cheaply, walking the same objects with the same rules; a key that missed a change
would reuse a stale picture. Each case below changes one thing a frame shows (or an animation
does) and asks both keys: manim's must change (the case is a real change), and so must ours.
States built twice alike must give one key (the cache is found again).
"""

from __future__ import annotations

import types

import pytest
from manim import (BLUE, DOWN, RIGHT, Circle, Create, Dot, FadeIn, MathTex, Square, Text, VGroup,
                   linear, smooth, tempconfig)
from manim.camera.camera import Camera
from manim.utils import hashing

from scenes.kit.cache import play_hash


def build():
    state = types.SimpleNamespace()
    state.dot = Dot().shift(RIGHT)
    state.square = Square().set_fill(BLUE, opacity=0.3)
    state.text = Text("기울기 0.1", font_size=30).to_edge(DOWN)
    state.formula = MathTex(r"\theta - \alpha \nabla J")
    state.group = VGroup(state.square, Circle(radius=0.5))
    offset = state.offset = [0.5]
    state.dot.add_updater(lambda dot: dot.set_x(offset[0]))
    state.animation = Create(state.group, run_time=1, rate_func=smooth)
    return state


def keys(state) -> tuple[str, str]:
    camera = Camera()
    scene = object()
    mobjects = [state.dot, state.group, state.text, state.formula]
    animations = [state.animation]
    common = {"backend": "cairo", "encoder_fingerprint": "test", "renderer_state": ()}
    return (hashing.get_hash_from_play_call(scene, camera, animations, mobjects, **common),
            play_hash(scene, camera, animations, mobjects, **common))


def nudge_letter(state):
    state.text[2].shift(RIGHT * 1e-3)


def change_closure(state):
    state.offset[0] = 0.75


CHANGES = {
    "a dot moved a thousandth": lambda s: s.dot.shift(RIGHT * 1e-3),
    "a square recoloured": lambda s: s.square.set_fill(opacity=0.6),
    "a stroke widened": lambda s: s.square.set_stroke(width=6),
    "one letter of a caption moved": nudge_letter,
    "a part added to a group": lambda s: s.group.add(Dot()),
    "brought to the front": lambda s: s.square.set_z_index(4),
    "what an updater reads": change_closure,
    "the animation's run time": lambda s: setattr(s.animation, "run_time", 2),
    "the animation's rate function": lambda s: setattr(s.animation, "rate_func", linear),
    "another animation": lambda s: setattr(s, "animation", FadeIn(s.group)),
    "a formula's colour": lambda s: s.formula.set_color(BLUE),
}


@pytest.fixture(scope="module")
def config():
    with tempconfig({"quality": "low_quality", "disable_caching": False}):
        # manim keeps the first Text or MathTex of a kind in memory and copies it for the next ones,
        # and a copy holds other attributes than the first (both keys differ): compare copies.
        build()
        yield


def test_a_state_built_twice_alike_has_one_key(config):
    manim_a, ours_a = keys(build())
    manim_b, ours_b = keys(build())
    assert manim_a == manim_b and ours_a == ours_b
    assert ours_a != manim_a  # ours, not manim's under another name


@pytest.mark.parametrize("change", list(CHANGES), ids=list(CHANGES))
def test_what_changes_manims_key_changes_ours(config, change):
    before = keys(build())
    state = build()
    CHANGES[change](state)
    after = keys(state)
    assert after[0] != before[0], "not a change manim's key sees"
    assert after[1] != before[1], f"{change}: the kit's key stayed the same"
