"""The descent scene's parts, built directly from a plan: geometry and texts, no rendering."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from manim import Dot, MathTex, Square, Text, ThreeDAxes, VGroup

from scenes.descent import DescentParameters
from scenes.kit.layout import bounds, overlap
from scenes.kit.narration import NarratedScene
from scenes.kit.parts.descent import (BowlAxes, BowlPath, BowlSurface, EscapeMarker, GradientFormula, IterateTable,
                                      LevelCurves, LossPanel, ParabolaPlot, Readout3D, SliceCurve, SurfaceFormula,
                                      head_on_view, orbit_view, row_texts)
from scenes.kit.parts.table import fitted_columns
from scenes.kit.style import CELL_SIZE, FONT, FRAME_RIGHT, HALF_HEIGHT, HALF_WIDTH, TICK_SIZE

# LaTeX writes into media/Tex: this module gets its own, so two test processes never race on a cold cache.
pytestmark = pytest.mark.xdist_group("descent-parts")

LECTURE = DescentParameters().resolve()
DIVERGING = DescentParameters(learning_rate="1.05").resolve()
STATIONARY = DescentParameters(start="0", surface_start="0,0").resolve()


@pytest.fixture(autouse=True, scope="module")
def own_media(tmp_path_factory):
    from manim import tempconfig

    with tempconfig({"media_dir": str(tmp_path_factory.mktemp("descent-parts-media"))}):
        yield


def inside(mobject, box, margin: float = 1e-6) -> bool:
    left, bottom, right, top = bounds(mobject)
    return left >= box[0] - margin and bottom >= box[1] - margin and right <= box[2] + margin and top <= box[3] + margin


# -- the table ---------------------------------------------------------------------------------
def test_the_table_shows_the_lecture_notes_rows():
    table = IterateTable(LECTURE.run_2d)
    assert table.texts[0] == ["0", "5", "10", "25"]
    assert table.texts[1] == ["1", "4", "8", "16"]
    assert table.texts[10] == ["10", "0.5369", "1.074", "0.2882"]
    assert table.numbers(2) == [("k[2]", 2), ("x_2", Fraction(16, 5)), ("f'(x_2)", Fraction(32, 5)),
                                ("f(x_2)", Fraction(256, 25))]
    assert [cell.original_text for cell in table.cells[3]] == row_texts(LECTURE.run_2d.iterates[3])


def test_the_table_lays_out_rows_under_its_rule():
    table = IterateTable(LECTURE.run_2d)
    row_height = 3.7 / 12                       # 11 rows and the header in 3.7 units, under the most of 0.34
    assert table.row_height == pytest.approx(row_height)
    for k in (0, 4, 10):
        assert table.row_y(k) == pytest.approx(3.55 - 0.22 - row_height * (k + 0.6))
    line = table.rule[0]
    assert np.allclose(line.get_start()[:2], [0.55, 3.33]) and np.allclose(line.get_end()[:2], [6.85, 3.33])
    assert [round(float(h.get_center()[1]), 6) for h in table.header] == [3.55] * 4
    # Columns fitted over the header and every cell of each column, all cells at one scale.
    widths = [max([h.width] + [row[j].width for row in table.cells]) for j, h in enumerate(table.header)]
    assert (table.columns, table.cell_scale) == fitted_columns(widths, 0.6, 6.85, 0.3)
    assert table.cells[0][1].font_size == pytest.approx(CELL_SIZE)


def test_a_row_is_placed_only_with_the_texts_it_shows():
    table = IterateTable(LECTURE.run_2d)
    row = table.place_iterate(1, ["1", "4", "8", "16"])
    assert row.get_center()[1] == pytest.approx(table.row_y(1)) and len(table.rows) == 1
    for cell, x in zip(row, table.columns):
        assert cell.get_center()[0] == pytest.approx(x)
    with pytest.raises(AssertionError):
        table.place_iterate(2, ["2", "3", "6", "9"])
    box = table.highlight(row)
    assert box.get_center()[1] == pytest.approx(row.get_center()[1]) and box.width == pytest.approx(6.3)


def test_a_long_table_uses_smaller_cells():
    table = IterateTable(DescentParameters(steps=12, narrated_steps=1).resolve().run_2d)
    assert table.row_height == pytest.approx(3.7 / 14) and table.row_height < 0.3
    assert table.cells[0][0].font_size == pytest.approx(TICK_SIZE)
    assert table.row_y(12) - table.row_height / 2 > -HALF_HEIGHT + 1.0     # the last row is above the captions


# -- the loss panel --------------------------------------------------------------------------------
def test_the_loss_panel_sits_where_its_axis_lines_say():
    panel = LossPanel(LECTURE.run_2d.values, LECTURE.loss_log_scale)
    x_axis, y_axis = panel.axes.x_axis, panel.axes.y_axis
    assert (x_axis.get_start()[0] + x_axis.get_end()[0]) / 2 == pytest.approx(3.95)
    assert (y_axis.get_start()[1] + y_axis.get_end()[1]) / 2 == pytest.approx(-2.05)
    assert len(panel[3]) == 0                                                # no log-scale note


def test_loss_points_join_up_in_order():
    panel = LossPanel(LECTURE.run_2d.values, False)
    dot, segment = panel.add_point(0)
    assert segment is None and np.allclose(dot.get_center(), panel.axes.c2p(0, 25))
    dot, segment = panel.add_point(1)
    assert np.allclose(segment.get_start(), panel.dots[0].get_center())
    assert np.allclose(segment.get_end(), panel.axes.c2p(1, 16))
    assert len(panel.dots) == 2 and len(panel.segments) == 1


def test_a_log_scale_panel_shows_its_note_beside_the_caption():
    plan = DescentParameters(start="1000", learning_rate="0.3", steps=12).resolve()
    assert plan.loss_log_scale
    note = Text("log", font=FONT, font_size=18)
    panel = LossPanel(plan.run_2d.values, True, note)
    caption = panel[1]
    assert panel[3] is note and note.get_left()[0] > caption.get_right()[0]
    assert LossPanel(plan.run_2d.values, False, note)[3] is not note


# -- the parabola ----------------------------------------------------------------------------------
def test_the_plot_spans_the_view_and_labels_stay_inside_it():
    plot = ParabolaPlot(LECTURE.run_2d, LECTURE.view_2d, "x^{2}")
    assert plot.axes.get_center()[:2] == pytest.approx([-3.55, 0.1], abs=0.3)
    assert list(plot.axes.x_range[:2]) == pytest.approx([-5.5, 5.5])
    assert inside(plot.label, plot.box)
    assert not any(overlap(plot.label, tick) for tick in plot.axis_labels)
    assert np.allclose(plot.dot(0).get_center(), plot.axes.c2p(5, 25))


def test_the_tangent_has_the_same_length_on_screen_at_every_step():
    plot = ParabolaPlot(LECTURE.run_2d, LECTURE.view_2d, "x^{2}")
    for k in (0, 5):
        assert plot.tangent(k).get_length() == pytest.approx(2.6)
        assert plot.tangent(k, quick=True).get_length() == pytest.approx(2.0)
        iterate = LECTURE.run_2d.iterates[k]
        here = plot.axes.c2p(float(iterate.point[0]), float(iterate.value))
        assert np.allclose(plot.tangent(k).get_center(), here)


def test_a_step_arrow_runs_from_x_k_to_x_k_plus_1_on_the_x_axis():
    plot = ParabolaPlot(LECTURE.run_2d, LECTURE.view_2d, "x^{2}")
    arrow = plot.step_arrow(0)
    assert np.allclose(arrow.get_start(), plot.axes.c2p(5, 0)) and np.allclose(arrow.get_end(), plot.axes.c2p(4, 0))
    label = plot.step_label(r"-\alpha f'(x_0) = -1", 0)
    assert label.get_bottom()[1] > arrow.get_top()[1] - 1e-6 and inside(label, plot.box)
    path = plot.path(0)
    assert np.allclose(path.get_start(), plot.axes.c2p(5, 25)) and np.allclose(path.get_end(), plot.axes.c2p(4, 16))


def test_a_point_that_does_not_move_draws_no_arrow():
    plot = ParabolaPlot(STATIONARY.run_2d, STATIONARY.view_2d, "x^{2}")
    assert not plot.moves(0) and isinstance(plot.step_arrow(0), VGroup) and not len(plot.step_arrow(0))


def test_a_point_flying_off_is_drawn_at_the_edge_and_marked():
    # α = 1.05 swings out to |x_10| = 5·1.1¹⁰ ≈ 13, within 8 times the start: the view holds it all.
    assert DIVERGING.view_2d.reach == pytest.approx(5 * 1.1 ** 10 * 1.1) and all(DIVERGING.view_2d.in_view)
    gone = DescentParameters(learning_rate="2", steps=5).resolve()             # x doubles in size and flips sign
    plot = ParabolaPlot(gone.run_2d, gone.view_2d, "x^{2}")
    out = next(k for k, seen in enumerate(gone.view_2d.in_view) if not seen)
    assert abs(plot.clamped(out)) == pytest.approx(gone.view_2d.reach)
    dot = plot.dot(0)
    marker = plot.escape_marker(out, dot)
    side = 1 if gone.run_2d.points[out][0] > 0 else -1
    assert marker.get_tex_string() == EscapeMarker(side).get_tex_string()
    assert marker in plot.ghosts and inside(marker, plot.box)
    ghost = plot.ghost(dot)
    assert ghost in plot.ghosts and np.allclose(ghost.get_center(), dot.get_center())


# -- the bowl ------------------------------------------------------------------------------------
def test_the_bowls_axes_reach_past_the_patch():
    view = LECTURE.view_3d
    axes = BowlAxes(view.reach, view.bottom, view.top)
    assert list(axes.x_range[:2]) == pytest.approx([-view.reach, view.reach])
    assert axes.z_range[0] == 0 and axes.z_range[1] >= view.top


def test_the_surface_is_shaded_lighter_higher_up():
    view = LECTURE.view_3d
    axes = BowlAxes(view.reach, view.bottom, view.top)
    surface = BowlSurface(axes, view.function, view.domain, view.bottom, view.top)
    assert len(surface) == 8 * 24
    colours = {face.get_fill_color().to_hex() for face in surface}
    assert len(colours) > 8
    assert all(face.get_fill_opacity() == pytest.approx(0.55) for face in surface)


def test_the_slice_lies_in_the_plane_y_0():
    view = LECTURE.view_3d
    axes = BowlAxes(view.reach, view.bottom, view.top)
    curve = SliceCurve(axes, view.function, view.slice_span)
    ys = {round(float(axes.p2c(point)[1]), 9) for point in curve.points[::7]}
    assert ys == {0.0}


def test_level_curves_pass_through_every_other_iterate_of_a_bowl():
    view = LECTURE.view_3d
    axes = BowlAxes(view.reach, view.bottom, view.top)
    curves = LevelCurves(LECTURE.run_3d, axes, view.in_view, view.bottom)
    assert len(curves) == 6                                                    # k = 0, 2, …, 10
    not_a_bowl = DescentParameters(surface_function="x^3 + y^2", surface_start="1,1").resolve()
    assert len(LevelCurves(not_a_bowl.run_3d, axes, not_a_bowl.view_3d.in_view, 0.0)) == 0


def test_the_bowl_path_steps_from_iterate_to_iterate():
    view = LECTURE.view_3d
    axes = BowlAxes(view.reach, view.bottom, view.top)
    path = BowlPath(LECTURE.run_3d, axes, view.bottom)
    assert np.allclose(path.dot.get_center(), axes.c2p(4, 4, 32))
    assert np.allclose(path.floor_dot.get_center(), axes.c2p(4, 4, 0))
    marker, moves, drop = path.step(0)
    assert np.allclose(marker.get_center(), path.top_points[0]) and len(moves) == 4
    assert np.allclose(drop.get_start(), path.top_points[1]) and np.allclose(drop.get_end(), path.floor_points[1])


def test_the_camera_views_centre_on_the_bowl():
    view = LECTURE.view_3d
    axes = ThreeDAxes()
    head_on, orbit = head_on_view(axes, view.height_at), orbit_view(axes, view.height_at)
    assert head_on["phi"] == pytest.approx(math.pi / 2) and head_on["theta"] == pytest.approx(-math.pi / 2)
    assert np.allclose(head_on["frame_center"], axes.c2p(0, 0, 0.42 * view.top))
    assert orbit["zoom"] == 0.8 and np.allclose(orbit["frame_center"], axes.c2p(0, 0, 0.3 * view.top))


# -- what is pinned to the frame ------------------------------------------------------------------
def test_the_readout_sits_in_the_top_right_on_its_backing():
    readout = Readout3D("3", "(2.048, 2.048)", "8.389")
    assert [row[1].original_text for row in readout.rows] == ["3", "(2.048, 2.048)", "8.389"]
    assert readout.rows.get_right()[0] == pytest.approx(HALF_WIDTH - 0.3)
    assert readout.backing.width > readout.rows.width and readout.backing.height > readout.rows.height
    assert Readout3D.numbers(LECTURE.run_3d.iterates[1]) == [
        ("x_1 (3D)", Fraction(16, 5)), ("y_1 (3D)", Fraction(16, 5)), ("f_1 (3D)", Fraction(512, 25)), ("k_1 (3D)", 1)]


def test_the_formulas_of_the_bowl_keep_to_their_corners():
    formula = SurfaceFormula("x^{2} + y^{2}")
    assert formula.get_right()[0] == pytest.approx(HALF_WIDTH - 0.3) and formula.get_right()[0] < FRAME_RIGHT + 0.1
    rule = MathTex(r"\theta").to_corner([-1, 1, 0])
    gradient = GradientFormula(["2x", "2y"], under=rule)
    assert gradient.get_left()[0] == pytest.approx(rule.get_left()[0])
    assert gradient.get_top()[1] == pytest.approx(rule.get_bottom()[1] - 0.25)


class FakeScene:
    """What NarratedScene.pin asks of a ThreeDScene, written down."""

    def __init__(self):
        self.calls = []

    def __getattr__(self, name):
        return lambda *mobjects: self.calls.append((name, *mobjects))


def test_pinning_replaces_or_waits_to_fade_in():
    scene, first, second = FakeScene(), Square(), Dot()
    assert NarratedScene.pin(scene, first) is first
    assert scene.calls == [("add_fixed_in_frame_mobjects", first), ("remove", first)]
    scene.calls.clear()
    NarratedScene.pin(scene, second, replacing=first)
    assert scene.calls == [("remove", first), ("remove_fixed_in_frame_mobjects", first),
                           ("add_fixed_in_frame_mobjects", second)]
