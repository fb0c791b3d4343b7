"""Tick labels are numbers on screen: each one says the value of the tick it stands at, exactly."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest

from scenes.kit.axes import numbered_axes

# LaTeX writes into media/Tex: each test process gets its own, or two race on a cold cache (pytest -n).
pytestmark = pytest.mark.xdist_group("axes")


@pytest.fixture(autouse=True, scope="module")
def own_media(tmp_path_factory):
    from manim import tempconfig

    with tempconfig({"media_dir": str(tmp_path_factory.mktemp("axes-media"))}):
        yield

# (x range, y range): small, large, non-integer steps, a negative minimum (the double well's f = −1),
# ranges away from zero on both sides, and sizes that need scientific notation.
RANGES = [
    ((-2.2, 2.2), (-1.0, 8.4)),             # x⁴ − 2x² from 2: ticks every 0.5 on x
    ((-5.5, 5.5), (0.0, 26.25)),            # the lecture note's x² from 5
    ((0.0, 10.0), (0.0, 2.1e11)),           # a diverging loss
    ((-1.1e9, 1.1e9), (-3e-4, 7e-4)),       # huge x, tiny y
    ((0.0013, 0.0042), (3.0, 7.0)),         # away from zero
    ((-7.0, -2.5), (-0.37, -0.02)),         # all negative
    ((-1.1, 1.1), (-0.003, 0.0051)),
    ((0.0, 10.0), (0.0, 2.5e47)),           # α = 100: past 10¹⁶ manim's own number line collapses to a point
    ((-44.0, 44.0), (-1e30, 3e20)),
]


def parse_label(tex: str) -> Fraction:
    """The number a tick label's LaTeX says, read independently of the code that wrote it."""
    match = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*(?:\\times\s*10\^\{(-?\d+)\})?\s*", tex)
    assert match, f"not a number: {tex!r}"
    mantissa, exponent = match.groups()
    return Fraction(mantissa) * Fraction(10) ** int(exponent or 0)


@pytest.mark.parametrize("x_range, y_range", RANGES)
def test_every_label_says_the_value_of_its_tick(x_range, y_range):
    axes = numbered_axes(x_range, y_range, x_ticks=10, y_ticks=5, x_length=6.3, y_length=4.9)
    for axis, coordinate in ((axes.x_axis, 0), (axes.y_axis, 1)):
        labels = axis.labels
        assert len(labels) >= 2, f"too few labels on {axis}"
        step = Fraction(repr(float(axis.scaling.function(axis.x_range[2]))))
        said = [parse_label(label.tex_string) for label in labels]
        assert len(set(said)) == len(said), f"two ticks carry the same label: {said}"
        for label, value in zip(labels, said):
            # Where the label stands on the axis (its centre, projected onto the axis) is its tick.
            point = axes.c2p(0, 0).copy()
            point[coordinate] = label.get_center()[coordinate]
            position = axis.p2n(point)
            assert abs(float(value) - position) < float(step) / 100, (label.tex_string, value, position)
        # Every tick is a whole multiple of a 1-2-5 step.
        assert all(value % step == 0 for value in said), (step, said)


@pytest.mark.parametrize("x_range, y_range", RANGES)
def test_labels_stay_short(x_range, y_range):
    axes = numbered_axes(x_range, y_range, x_ticks=10, y_ticks=5, x_length=6.3, y_length=4.9)
    for tick in axes.ticks:
        digits = re.sub(r"\\times 10\^\{-?\d+\}", "", tick.text)
        assert len(digits) <= 7, tick.text
    # Neighbouring labels on the x-axis do not run into each other.
    labels = sorted(axes.x_axis.labels, key=lambda m: m.get_center()[0])
    for left, right in zip(labels, labels[1:]):
        assert left.get_right()[0] < right.get_left()[0], (left.tex_string, right.tex_string)


# Log scales: (smallest, largest) magnitude of losses of one sign.
LOG_RANGES = [(25.0, 2.4e47), (1e-12, 3.0), (-2.4e47, -0.5), (0.8, 900.0)]


def parse_power(tex: str) -> Fraction:
    match = re.fullmatch(r"(-?)(1|10|10\^\{(-?\d+)\})", tex)
    assert match, f"not a power of ten: {tex!r}"
    sign, body, exponent = match.groups()
    value = Fraction(10) ** int(exponent) if exponent else Fraction(int(body))
    return -value if sign else value


@pytest.mark.parametrize("y_range", LOG_RANGES)
def test_a_log_axis_labels_powers_of_ten_where_they_are(y_range):
    axes = numbered_axes((0, 10), y_range, x_ticks=5, y_ticks=3, x_length=5.2, y_length=1.55, y_log=True)
    labels = sorted(axes.y_axis.labels, key=lambda m: m.get_center()[1])
    said = [parse_power(label.tex_string) for label in labels]
    assert len(said) >= 2, said
    assert said == sorted(said), "a larger value must stand higher"
    low, high = sorted(y_range)
    # Every label stands beside the height of its value, and the range's ends are on the axis.
    bottom, top = axes.y_axis.get_start()[1], axes.y_axis.get_end()[1]
    for label, value in zip(labels, said):
        assert abs(label.get_center()[1] - axes.c2p(0, float(value))[1]) < 1e-6, label.tex_string
    for value in y_range:
        assert bottom - 1e-6 <= axes.c2p(0, value)[1] <= top + 1e-6, value
    # Equal ratios are equal heights: a log scale.
    a, b, c = (axes.c2p(0, v)[1] for v in (low, (low * high) ** 0.5 if low > 0 else -((low * high) ** 0.5), high))
    assert abs((b - a) - (c - b)) < 1e-6
