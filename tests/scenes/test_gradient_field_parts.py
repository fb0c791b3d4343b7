"""The gradient field's parts, built directly (no rendering): where they sit and what they say."""

from fractions import Fraction

import numpy as np
import pytest
from manim import Text

from gdmath import parse
from scenes.kit.parts.gradient_field import (ArrowField, ArrowLegend, FieldArrow, GradientFormula, GradientTable,
                                             LevelCurve, LevelCurves, Panel, PartialsFormula, Plane, PointMarker,
                                             StationaryMarker, Summary, Tangent)
from scenes.kit.parts.rule import UpdateRule
from scenes.kit.style import DESCENT_COLOR, FRAME_RIGHT, GRADIENT_COLOR, TEXT_COLOR

F = Fraction


@pytest.fixture(scope="module")
def plane():
    return Plane(3.5, side=6.2, center=(-3.55, 0.35))


def in_plane(plane, points):
    return np.array([plane.p2c(p) for p in points])


def test_the_plane_is_square_and_maps_points_both_ways(plane):
    assert plane.unit == pytest.approx(6.2 / 7) == pytest.approx(plane.axes.get_y_unit_size())
    assert plane.point((F(0), F(0)))[:2] == pytest.approx([-3.55, 0.35])
    corner = plane.point((F(7, 2), F(-7, 2)))
    assert corner[:2] == pytest.approx([-3.55 + 3.1, 0.35 - 3.1])
    assert plane.p2c(plane.c2p(1.25, -2.0)) == pytest.approx([1.25, -2.0])
    assert [label.tex_string for label in plane.labels] == ["x", "y"]


def test_an_arrow_is_exactly_scale_times_its_vector(plane):
    arrow = FieldArrow(plane, (F(6, 5), F(8, 5)), (F(12, 5), F(16, 5)), scale=0.1, color=GRADIENT_COLOR)
    drawn = arrow.measured(plane)
    assert drawn["point"] == ["6/5", "8/5"] and drawn["vector"] == ["12/5", "16/5"]
    assert drawn["drawn"] == pytest.approx([0.24, 0.32], abs=1e-12)
    assert drawn["drawn_length"] == pytest.approx(0.4, rel=1e-12)
    # The tip keeps its length (here 0.09 frame units) on an arrow long enough to carry it.
    assert drawn["tip_length"] == pytest.approx(0.09 / plane.unit, rel=1e-6)
    assert arrow.z_index == 1
    assert FieldArrow(plane, (0, 0), (1, 0), scale=1, color=DESCENT_COLOR, highlight=True).z_index == 4


def test_the_field_has_one_arrow_per_vector(plane):
    field = ArrowField(plane, [((F(1), F(0)), (F(2), F(0))), ((F(0), F(-1)), (F(0), F(-2)))], scale=0.5)
    assert len(field) == 2
    assert [a.measured(plane)["drawn"] for a in field] == [pytest.approx([1, 0]), pytest.approx([0, -1])]


def test_a_circle_is_drawn_round_and_a_level_too_big_is_cut_to_the_plane(plane):
    f = parse("x^2 + y^2")
    radii = np.linalg.norm(in_plane(plane, LevelCurve(plane, f, F(4)).points), axis=1)
    assert radii == pytest.approx(2, abs=1e-3)
    # f = 16 is a circle of radius 4, larger than the plane: only the arcs inside are drawn.
    cut = in_plane(plane, LevelCurve(plane, f, F(16)).points)
    assert len(cut) and np.abs(cut).max() <= 3.5 + 1e-9
    assert np.linalg.norm(cut, axis=1) == pytest.approx(4, abs=1e-3)


def test_a_saddle_is_found_by_search():
    small = Plane(2.0, side=4.0, center=(0.0, 0.0))
    points = in_plane(small, LevelCurve(small, parse("x^2 - y^2"), F(1)).points)
    assert len(points) and np.abs(points[:, 0] ** 2 - points[:, 1] ** 2 - 1).max() < 0.05


def test_level_labels_sit_on_their_curves_clear_of_the_points(plane):
    f = parse("x^2 + y^2")
    point = plane.point((F(6, 5), F(8, 5)))
    levels = LevelCurves(plane, f, [F(1), F(4), F(9)], ["1", "4", "9"], clear_of=[point])
    assert [label.tex_string for label in levels.labels] == ["f = 1", "f = 4", "f = 9"]
    for label, radius in zip(levels.labels, (1, 2, 3)):
        assert np.linalg.norm(plane.p2c(label.get_center())) == pytest.approx(radius, abs=1e-6)
    # f = 4 meets the first ray (20° up) at (1.88, 0.68), clear of P₁ at (1.2, 1.6).
    assert plane.p2c(levels.labels[1].get_center()) == pytest.approx([2 * np.cos(np.radians(20)),
                                                                       2 * np.sin(np.radians(20))], abs=1e-6)
    # A point right where f = 4's label would go sends it to the next ray, 45° on.
    blocked = LevelCurves(plane, f, [F(4)], ["4"], clear_of=[levels.labels[1].get_center()])
    assert plane.p2c(blocked.labels[0].get_center()) == pytest.approx([2 * np.cos(np.radians(65)),
                                                                        2 * np.sin(np.radians(65))], abs=1e-6)


def test_the_tangent_is_square_to_the_gradient(plane):
    gradient = (F(12, 5), F(16, 5))
    tangent = Tangent(plane, (F(6, 5), F(8, 5)), gradient, half_length=0.9)
    record = tangent.measured(plane)
    assert record["point"] == ["6/5", "8/5"]
    direction = np.array(record["direction"])
    assert np.linalg.norm(direction) == pytest.approx(1.8)
    assert direction @ np.array([float(g) for g in gradient]) == pytest.approx(0, abs=1e-12)
    marker = PointMarker(plane, (F(6, 5), F(8, 5)), gradient, 1, tangent_half_length=0.9)
    assert marker.label.tex_string == "P_1" and list(marker) == [marker.dot, marker.label, marker.tangent, marker.mark]
    # The name sits outside the circle, off the arrow and off the right angle.
    outside = np.array(plane.p2c(marker.label.get_center())) - np.array([1.2, 1.6])
    assert outside @ np.array([0.6, 0.8]) > 0
    assert np.linalg.norm(marker.mark.points[0] - marker.dot.get_center()) == pytest.approx(0.16)


def test_a_stationary_marker_is_a_dot_a_line_or_nothing(plane):
    none = StationaryMarker(plane, None)
    assert len(none) == 0 and none.appear() == []
    dot = StationaryMarker(plane, (F(0), F(0)), Text("minimum"))
    assert dot.dot.get_center()[:2] == pytest.approx([-3.55, 0.35]) and dot.line is None and len(dot.appear()) == 2
    assert dot.label.get_left()[0] > dot.dot.get_center()[0]
    line = StationaryMarker(plane, (F(0), F(0)), Text("line of minima"), line=(F(1), F(1)))
    ends = in_plane(plane, [line.line.get_start(), line.line.get_end()])
    assert ends == pytest.approx(np.array([[-3.5, -3.5], [3.5, 3.5]]))


def test_the_table_has_the_gradient_fields_layout():
    panel = Panel(0.35)
    assert panel.x == pytest.approx((0.35 + FRAME_RIGHT) / 2) and panel.at(1.0)[:2] == pytest.approx([panel.x, 1.0])
    table = GradientTable(Text("point", font_size=24), x=panel.x, top=-0.95)
    assert table.columns == pytest.approx([panel.x - 1.9, panel.x + 0.35, panel.x + 2.15])
    header = table.header
    assert header[0].get_bottom()[1] == pytest.approx(header[1].get_bottom()[1])
    assert header[2].get_bottom()[1] == pytest.approx(header[1].get_bottom()[1])
    assert len(table.rule) == 0
    row = table.place_row(table.cells(2, ["-2.4", "1.8"], ["-4.8", "3.6"], ["4.8", "-3.6"]), 1)
    assert [cell.tex_string for cell in row] == [r"P_2\,(-2.4, 1.8)", "(-4.8, 3.6)", "(4.8, -3.6)"]
    assert row[1].get_center()[:2] == pytest.approx([panel.x + 0.35, -0.95 - 0.55 * 2])
    wide = table.place_row(table.cells(3, ["1.234567", "-7.654321"], ["123456.7", "-765432.1"], ["0", "0"]), 2)
    assert wide[1].width == pytest.approx(1.7) and wide[0].width <= 2.2 + 1e-9


def test_the_legend_frames_the_scale_and_its_reference_arrow(plane):
    arrow = FieldArrow(plane, (0, 0), (5, 0), scale=0.1, color=GRADIENT_COLOR)
    legend = ArrowLegend(Text("arrow length"), "0.1", "5", arrow, center=np.array([3.6, -0.05, 0]))
    frame, contents = legend
    assert legend.arrow is arrow and arrow.measured(plane)["drawn_length"] == pytest.approx(0.5)
    assert contents.get_center()[:2] == pytest.approx([3.6, -0.05])
    assert frame.width == pytest.approx(contents.width + 0.3, abs=1e-6)
    formula = contents[0][1]
    assert formula.tex_string.startswith(r"= 0.1 \times")


def test_the_formulas_keep_their_pieces_where_the_beats_move_them():
    partials = PartialsFormula("2x", "2y")
    gradient = GradientFormula("2x", "2y")
    assert (partials[1].tex_string, partials[4].tex_string) == ("2x", "2y")
    assert (gradient[2].tex_string, gradient[4].tex_string) == ("2x", "2y")


def test_the_summary_ends_on_the_update_rule():
    summary = Summary(Text("steepest up"), Text("steepest down"), center=np.array([3.6, 0.3, 0]))
    assert summary.lines.get_center()[:2] == pytest.approx([3.6, 0.3])
    assert isinstance(summary.rule, UpdateRule)
    assert summary.rule.get_top()[1] == pytest.approx(summary.frame.get_bottom()[1] - 0.45)
    colors = [piece.get_color().to_hex().upper() for piece in summary.rule]
    # θ and α in the descent's colour, ∇f(θ) in the gradient's, the arrow and minus as text.
    assert colors == [c.to_hex().upper() for c in (DESCENT_COLOR, TEXT_COLOR, DESCENT_COLOR, TEXT_COLOR,
                                                   DESCENT_COLOR, GRADIENT_COLOR)]
    assert summary.lines[0][2].get_left()[0] > summary.lines[0][1].get_right()[0]
    assert summary.lines[1].get_top()[1] < summary.lines[0].get_bottom()[1]
    assert summary.lines.get_bottom()[1] == pytest.approx(summary.frame.get_bottom()[1] + 0.3, abs=1e-6)
