"""Placing labels where they can be read: inside their box, clear of the texts already there, in two lines if long."""

from __future__ import annotations

import itertools
import textwrap

from manim import DOWN, LEFT, RIGHT, UP, Mobject

__all__ = ["bounds", "overlap", "keep_inside", "place_clear", "split_in_two"]

#: Boxes closer than this (frame units) in both directions overlap; the tests use the same margin.
TOLERANCE = 0.02


def bounds(mobject: Mobject) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) of ``mobject``'s bounding box, in frame units."""
    left, bottom = mobject.get_corner(DOWN + LEFT)[:2]
    right, top = mobject.get_corner(UP + RIGHT)[:2]
    return float(left), float(bottom), float(right), float(top)


def overlap(a: Mobject, b: Mobject, margin: float = TOLERANCE) -> bool:
    """Whether the bounding boxes of ``a`` and ``b`` overlap by more than ``margin`` both ways."""
    (al, ab, ar, at), (bl, bb, br, bt) = bounds(a), bounds(b)
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
    blocked = [bounds(o) for o in obstacles if o is not mobject and o.family_members_with_points()]
    left, bottom, right, top = box
    ml, mb, mr, mt = bounds(mobject)
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


def split_in_two(sentence: str) -> list[str]:
    """Break a text in two lines near its middle: after a comma, colon or full stop if one is close, else at a space.

    Never inside brackets: a point such as (0.4295, 0.4295) stays on one line.

    >>> split_in_two("After ten steps the point is at (0.003906, 0.003906) and the loss is tiny")
    ['After ten steps the point is at', '(0.003906, 0.003906) and the loss is tiny']
    >>> split_in_two("Start at (12345.678, 98765.4321) and go")
    ['Start at', '(12345.678, 98765.4321) and go']
    """
    middle = len(sentence) // 2
    depth, outside = 0, []
    for i, c in enumerate(sentence):
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(c, 0)
        outside.append(depth <= 0)
    pauses = [i + 1 for i, c in enumerate(sentence[:-1]) if c in ",.:;" and sentence[i + 1] == " " and outside[i]
              and abs(i - middle) <= len(sentence) // 4]
    if pauses:
        cut = min(pauses, key=lambda i: abs(i - middle))
        return [sentence[:cut], sentence[cut + 1:]]
    spaces = [i for i, c in enumerate(sentence) if c == " " and outside[i]] or \
             [i for i, c in enumerate(sentence) if c == " "]
    if not spaces:
        return textwrap.wrap(sentence, max(1, middle + 1)) or [sentence]
    cut = min(spaces, key=lambda i: abs(i - middle))
    return [sentence[:cut], sentence[cut + 1:]]
