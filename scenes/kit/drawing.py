"""Redraw, each frame of an animation, only what the animation can change: the same pictures, fewer draws.

manim's Cairo renderer draws the mobjects that do not move once into a background, and each frame
redraws the rest. "The rest" is everything from the first moving mobject on, in drawing order (z
index, then the order added): the caption band (z 100, drawn last) and every label added after
the plot are redrawn on every frame of a dot's step, though nothing about them changes. At 1080p a
caption's glyphs alone cost more than the dot.

:func:`drawn_each_frame` keeps from manim's list what the picture needs redrawn:

- what the animations animate, and
- what is drawn after (above) something kept and overlaps it, box against box with a margin wider
  than any stroke and its anti-aliasing, where an animation's box covers its whole course: its
  mobject as it starts, as it is now and the target it moves to.

A mobject left out overlaps nothing drawn after the background, so each pixel gets the same
paint in the same order as before. Where the course cannot be bounded (an updater, a foreground
mobject, a path along an arc, a rate function leaving [0, 1], an animation of a kind not known
here or not begun, a 3D or moving camera), manim's list is kept as it is.
"""

from __future__ import annotations

import numpy as np
from manim import (Animation, AnimationGroup, DrawBorderThenFill, FadeTransform, Mobject, MovingCamera, ShowPartial,
                   ThreeDCamera, Transform, Wait)
from manim.utils.bezier import interpolate

__all__ = ["drawn_each_frame", "MARGIN"]

#: Frame units added around every box: a pixel at 480p is 0.017 wide; and per unit of stroke
#: width, how far a mitred corner can reach past its points (Cairo's miter limit 10 × width/2 ×
#: manim's 0.01 units per width).
MARGIN = 0.1
MITER_REACH = 0.05

_Box = tuple[np.ndarray, np.ndarray]


def drawn_each_frame(scene, animations, moving: list[Mobject]) -> list[Mobject]:
    """The part of manim's ``moving`` (drawing order) that the frames of ``animations`` need redrawn."""
    if isinstance(scene.renderer.camera, ThreeDCamera | MovingCamera) or scene.foreground_mobjects:
        return moving
    if any(m.updaters for m in moving):
        return moving
    leaves = list(_leaves(animations))
    if not all(_bounded(animation) for animation in leaves):
        return moving
    order = {id(m): i for i, m in enumerate(moving)}
    drawn = [m for m in moving if m.has_points()]
    # The camera draws a mobject with its whole family: a mobject is kept with its outermost ancestor
    # that has points, and all that ancestor holds.
    unit = _outermost_drawn(scene.mobjects)
    if any(unit.get(id(m), id(m)) not in order for m in drawn):
        return moving  # part of it is drawn in the background
    pad = np.array([[MARGIN + MITER_REACH * _stroke_width(m)] for m in drawn])
    low = np.array([m.points[:, :2].min(axis=0) for m in drawn]) - pad
    high = np.array([m.points[:, :2].max(axis=0) for m in drawn]) + pad
    position = np.array([order[id(m)] for m in drawn])
    kept = np.zeros(len(drawn), dtype=bool)
    animated = set()
    for animation in leaves:
        family = {id(m) for m in animation.mobject.get_family()}
        animated |= family
        members = np.array([id(m) in family for m in drawn], dtype=bool)
        kept |= members
        course = _course(animation)
        if course is not None and members.any():  # what its course crosses, drawn after it, is redrawn
            first = position[members].min()
            kept |= (position > first) & _overlapping(low, high, *course)
    units = np.array([unit.get(id(m), id(m)) for m in drawn])
    over_what = _overlap_matrix(low, high) & (position[:, None] > position[None, :])  # [i, j]: i is drawn over j
    while True:  # keep what lies over something kept, and each kept mobject's whole unit, until nothing is added
        kept |= np.isin(units, units[kept])
        over = (over_what & kept[None, :]).any(axis=1)
        if not (over & ~kept).any():
            break
        kept |= over
    keep = {id(m) for m, k in zip(drawn, kept) if k} | animated
    kept_in_order = [m for m in moving if id(m) in keep]
    # An empty list would tell the renderer to draw every mobject, over a background that has them.
    return kept_in_order or moving


def _outermost_drawn(mobjects) -> dict[int, int]:
    """id of each mobject → id of its outermost ancestor (or itself) that has points."""
    outermost = {}

    def walk(mobject, holder):
        holder = holder if holder is not None else (id(mobject) if mobject.has_points() else None)
        if holder is not None:
            outermost.setdefault(id(mobject), holder)
        for child in mobject.submobjects:
            walk(child, holder)

    for mobject in mobjects:
        walk(mobject, None)
    return outermost


def _overlapping(low, high, course_low, course_high) -> np.ndarray:
    return np.all(low <= course_high, axis=1) & np.all(course_low <= high, axis=1)


def _overlap_matrix(low, high) -> np.ndarray:
    """[i, j]: whether the boxes of i and j overlap."""
    return np.all((low[:, None, :] <= high[None, :, :]) & (low[None, :, :] <= high[:, None, :]), axis=2)


def _leaves(animations):
    for animation in animations:
        if isinstance(animation, AnimationGroup):
            yield from _leaves(animation.animations)
        else:
            yield animation


def _bounded(animation: Animation) -> bool:
    """Whether every frame of ``animation`` stays within the boxes of its start, its now and its target."""
    if isinstance(animation, Wait):
        return True
    if not hasattr(animation, "starting_mobject"):  # not begun (a later part of a Succession)
        return False
    if not all(0 <= animation.rate_func(t) <= 1 for t in _SAMPLES):  # back, elastic, wiggle overshoot
        return False
    if isinstance(animation, FadeTransform):  # its target is not a target_copy
        return False
    if isinstance(animation, Transform):
        return animation.path_func is interpolate
    return isinstance(animation, ShowPartial | DrawBorderThenFill)  # a part of the mobject, where it is


_SAMPLES = [k / 64 for k in range(65)]


def _course(animation: Animation) -> _Box | None:
    """One box holding the animation's mobject at its start, now, and at its target."""
    corners = []
    for mobject in (animation.mobject, getattr(animation, "starting_mobject", None),
                    getattr(animation, "target_copy", None)):
        if mobject is None:
            continue
        drawn = [m for m in mobject.get_family() if m.has_points()]
        if drawn:
            corners.append(_box(np.concatenate([m.points for m in drawn]),
                                MARGIN + MITER_REACH * max(_stroke_width(m) for m in drawn)))
    if not corners:
        return None
    return np.min([low for low, _ in corners], axis=0), np.max([high for _, high in corners], axis=0)


def _stroke_width(mobject) -> float:
    width = getattr(mobject, "stroke_width", 0) or 0
    return float(np.max(width)) if np.size(width) else 0.0


def _box(points: np.ndarray, pad: float) -> _Box:
    return points[:, :2].min(axis=0) - pad, points[:, :2].max(axis=0) + pad
