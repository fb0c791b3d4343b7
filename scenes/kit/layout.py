"""Placing labels where they can be read: inside their box, clear of the texts already there."""

from __future__ import annotations

import itertools

from manim import DOWN, LEFT, RIGHT, UP, Mobject

__all__ = ["overlap", "keep_inside", "place_clear"]

#: Boxes closer than this (frame units) in both directions overlap; the tests use the same margin.
TOLERANCE = 0.02


def _box(mobject: Mobject) -> tuple[float, float, float, float]:
    left, bottom = mobject.get_corner(DOWN + LEFT)[:2]
    right, top = mobject.get_corner(UP + RIGHT)[:2]
    return left, bottom, right, top


def overlap(a: Mobject, b: Mobject, margin: float = TOLERANCE) -> bool:
    """Whether the bounding boxes of ``a`` and ``b`` overlap by more than ``margin`` both ways."""
    (al, ab, ar, at), (bl, bb, br, bt) = _box(a), _box(b)
    return min(ar, br) - max(al, bl) > margin and min(at, bt) - max(ab, bb) > margin


def keep_inside(mobject: Mobject, box: tuple[float, float, float, float]) -> Mobject:
    """Shift ``mobject`` the least needed to lie within ``box`` = (left, bottom, right, top)."""
    left, bottom, right, top = box
    if mobject.get_right()[0] > right:
        mobject.shift((right - mobject.get_right()[0]) * RIGHT)
    if mobject.get_left()[0] < left:
        mobject.shift((left - mobject.get_left()[0]) * RIGHT)
    if mobject.get_top()[1] > top:
        mobject.shift((top - mobject.get_top()[1]) * UP)
    if mobject.get_bottom()[1] < bottom:
        mobject.shift((bottom - mobject.get_bottom()[1]) * UP)
    return mobject


def place_clear(mobject: Mobject, box: tuple[float, float, float, float], obstacles, step: float = 0.08,
                reach: float = 2.5) -> Mobject:
    """Move ``mobject`` as little as possible so that it lies in ``box`` and overlaps no obstacle.

    Tries its place first, then offsets on growing squares around it (nearest first, up before
    down before sideways); when nothing within ``reach`` is clear it stays inside the box, where it was.
    """
    keep_inside(mobject, box)
    blocked = [_box(o) for o in obstacles if o is not mobject and o.family_members_with_points()]
    left, bottom, right, top = box
    ml, mb, mr, mt = _box(mobject)
    rings = int(reach / step)
    offsets = sorted(itertools.product(range(-rings, rings + 1), repeat=2),
                     key=lambda o: (max(abs(o[0]), abs(o[1])), abs(o[0]), -o[1]))
    for dx, dy in offsets:
        x, y = dx * step, dy * step
        l, b, r, t = ml + x, mb + y, mr + x, mt + y
        if l < left - 1e-9 or r > right + 1e-9 or b < bottom - 1e-9 or t > top + 1e-9:
            continue
        if not any(min(r, o[2]) - max(l, o[0]) > TOLERANCE and min(t, o[3]) - max(b, o[1]) > TOLERANCE
                   for o in blocked):
            return mobject.shift([x, y, 0])
    return mobject
