"""scenes/kit/parts/derivative.py: each part of the derivative scene, built from a plan, without rendering."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from manim import MathTex, Square, ValueTracker

from scenes.derivative import DerivativeParameters, latex_in, shifted_latex
from scenes.kit import layout
from scenes.kit.parts.derivative import (READOUT_DECIMALS, Derivation, DownhillArrows, FunctionPanel, Secant,
                                         SecantSlopeFormula, SecantTable, SidePanel, SlopePanel, SlopeReadout,
                                         place_at_corner)
from scenes.kit.style import AXIS_COLOR, FRAME_LEFT, FRAME_RIGHT, FRAME_TOP, MATH_BOTTOM

LECTURE = DerivativeParameters()
#: x⁴ − 2x²: formulas too wide for one line, two other stationary points beside the bottom at 1.
QUARTIC = DerivativeParameters(function="x^4 - 2x^2", bottom="1", steps=("1", "0.5"), slide=("-1.2", "1.2"))


def panel_of(parameters: DerivativeParameters = LECTURE) -> FunctionPanel:
    plan = parameters.resolve()
    return FunctionPanel(plan.f, plan.f.to_latex(), x_range=plan.x_range, y_range=plan.y_range,
                         graph_range=plan.graph_range)


def close(p, q, tolerance: float = 1e-9) -> bool:
    return bool(np.allclose(np.asarray(p, dtype=float)[:2], np.asarray(q, dtype=float)[:2], atol=tolerance))


def inside(mobject, box, margin: float = 1e-6) -> bool:
    left, bottom, right, top = box
    return (mobject.get_left()[0] >= left - margin and mobject.get_right()[0] <= right + margin
            and mobject.get_bottom()[1] >= bottom - margin and mobject.get_top()[1] <= top + margin)


def test_the_function_panel_sits_in_the_upper_left_with_its_label_clear_of_the_graph():
    panel = panel_of()
    assert close(panel.axes.get_corner([-1, 1, 0]), (FRAME_LEFT + 0.1, FRAME_TOP))
    assert close(panel.on_graph(1.5), panel.axes.c2p(1.5, 2.25))
    # x² leaves the upper left corner free: the label takes it, inside the window, over no point of the curve.
    left, bottom, right, top = panel.plot_box()
    assert panel.label.get_left()[0] == pytest.approx(left + 0.3) and panel.label.get_top()[1] == pytest.approx(top - 0.3)
    assert inside(panel.label, panel.plot_box())
    lo, hi = panel.label.get_corner([-1, -1, 0]), panel.label.get_corner([1, 1, 0])
    assert not any(lo[0] <= p[0] <= hi[0] and lo[1] <= p[1] <= hi[1] for p in panel.graph_points())


def test_a_label_where_no_corner_is_clear_gets_a_backing():
    square = place_at_corner(Square(1), [((0, 0, 0), [1, 0, 0])], [np.array([0.5, 0.0, 0.0])], buff=0)
    assert len(square.submobjects) == 1 and square.background_rectangle is not None


def test_the_side_panel_runs_from_beside_the_graph_to_the_frames_edge():
    panel = panel_of()
    side = SidePanel.beside(panel)
    assert side.left == pytest.approx(panel.axes.get_right()[0] + 0.3) and side.right == FRAME_RIGHT
    assert side.point()[0] == pytest.approx((side.left + side.right) / 2)
    wide = side.fit(Square(20))
    assert wide.width <= side.width + 1e-9 and wide.get_top()[1] - wide.get_center()[1] <= FRAME_TOP - 0.4 + 1e-9


def test_the_secant_joins_the_graph_at_a_and_a_plus_h_and_becomes_the_tangent():
    plan = LECTURE.resolve()
    panel = panel_of()
    secant = Secant(panel, plan.f_prime, plan.a, plan.steps[0])
    near, far = panel.on_graph(1.0), panel.on_graph(3.0)
    direction = secant.line.get_end() - secant.line.get_start()
    for point in (near, far):  # both points of the graph lie on the drawn line
        offset = point - secant.line.get_start()
        assert abs(direction[0] * offset[1] - direction[1] * offset[0]) < 1e-6
    assert close(secant.run.get_start(), near) and close(secant.run.get_end(), panel.axes.c2p(3, 1))
    assert close(secant.rise.get_start(), panel.axes.c2p(3, 1)) and close(secant.rise.get_end(), far)
    assert inside(secant.rise_label, panel.plot_box())
    assert not layout.overlap(secant.rise_label, secant.run_label)
    # At h = 0 the line's slope on screen is f′(1) = 2, in the axes' units.
    secant.h.set_value(0)
    secant.line.update()
    dx, dy = (secant.line.get_end() - secant.line.get_start())[:2]
    units = panel.axes.x_axis.get_unit_size() / panel.axes.y_axis.get_unit_size()
    assert dy / dx * units == pytest.approx(2)


def test_the_marks_a_and_a_plus_h_never_cover_each_other():
    plan = LECTURE.resolve()
    secant = Secant(panel_of(), plan.f_prime, plan.a, Fraction(1, 100))
    assert not layout.overlap(secant.near_mark.label, secant.far_mark.label)
    assert secant.far_mark.label.get_left()[0] > secant.near_mark.label.get_right()[0]


def test_the_table_keeps_the_scenes_layout():
    table = SecantTable(3.0)
    assert [float(header.get_center()[1]) for header in table.header] == pytest.approx([2.3, 2.3])
    assert [float(header.get_center()[0]) for header in table.header] == pytest.approx([1.9, 4.1])
    rule = table.rule[0]
    assert close(rule.get_start(), (1.2, 1.8)) and close(rule.get_end(), (4.8, 1.8))
    assert rule.get_color() == AXIS_COLOR
    row = table.row("0.5", "2.5", 2)
    assert [float(cell.get_center()[1]) for cell in row] == pytest.approx([2.3 - 0.95 - 1.0] * 2)
    assert len(table.rows) == 1


@pytest.mark.parametrize("parameters, pieces", [(LECTURE, 5), (QUARTIC, 3)], ids=["x^2", "x^4 - 2x^2"])
def test_the_slope_formula_fits_the_panel(parameters, pieces):
    plan = parameters.resolve()
    side = SidePanel.beside(panel_of(parameters))
    formula = SecantSlopeFormula(plan.f.to_latex(), plan.quotient.to_latex(), side)
    assert len(formula.tex_strings) == pieces and formula.width <= side.width + 1e-9
    assert formula.get_center()[0] == pytest.approx(side.point("top")[0])


# The first step is one line of three pieces (quotient, =, expanded), or, too wide for that, two rows.
@pytest.mark.parametrize("parameters, first_step", [(LECTURE, 3), (QUARTIC, 2)], ids=["x^2", "x^4 - 2x^2"])
def test_the_derivation_fits_the_panel_and_boxes_its_result(parameters, first_step):
    plan = parameters.resolve()
    side = SidePanel.beside(panel_of(parameters))
    derivation = Derivation(shifted_latex(plan.f, "x"), latex_in(plan.difference), latex_in(plan.quotient),
                            plan.f.to_latex(), plan.f_prime.to_latex(), side)
    assert len(derivation.working) == 2 and derivation.result is derivation[2]
    assert len(derivation.working[0]) == first_step
    assert derivation.width <= side.width + 1e-9
    assert inside(derivation.result, (derivation.box.get_left()[0], derivation.box.get_bottom()[1],
                                      derivation.box.get_right()[0], derivation.box.get_top()[1]))
    raised = derivation.raised_heading(side)
    assert raised.get_top()[1] == pytest.approx(FRAME_TOP) and derivation.box.get_top()[1] < FRAME_TOP


def slope_panel_of(parameters: DerivativeParameters, ceiling: float = 2.5) -> tuple[SlopePanel, FunctionPanel]:
    plan = parameters.resolve()
    panel = panel_of(parameters)
    slopes = SlopePanel(plan.f_prime, plan.slide, plan.slope_range, function_panel=panel, ceiling=ceiling,
                        centre_x=SidePanel.beside(panel).point()[0])
    return slopes, panel


def test_the_slope_panel_takes_fs_scale_where_it_fits_and_is_squeezed_where_not():
    slopes, panel = slope_panel_of(LECTURE, ceiling=3.5)
    assert slopes.axes.x_axis.get_unit_size() == pytest.approx(panel.axes.x_axis.get_unit_size())
    assert slopes.axes.get_bottom()[1] == pytest.approx(MATH_BOTTOM + 0.1)
    assert slopes.region == pytest.approx((panel.axes.get_right()[0] + 0.1, MATH_BOTTOM, FRAME_RIGHT, 3.4))
    squeezed, _ = slope_panel_of(LECTURE, ceiling=0.5)
    # Between the caption band and 0.55 under the ceiling: 2.75 of height for f′'s window of 9.2.
    assert squeezed.axes.y_axis.get_unit_size() * 9.2 == pytest.approx(0.5 - 0.55 - (MATH_BOTTOM + 0.1))
    assert squeezed.axes.y_axis.get_unit_size() < panel.axes.y_axis.get_unit_size()
    assert close(slopes.point_at(1.0), slopes.axes.c2p(1.0, 2.0))


def test_the_readout_shows_fprime_at_the_a_it_shows():
    plan = LECTURE.resolve()
    slopes, _ = slope_panel_of(LECTURE)
    a = ValueTracker(0.666)
    readout = SlopeReadout(plan.f_prime, a, plan.a).place_in(slopes, plan.widest_slope, [])
    assert readout.displayed_a() == Fraction(67, 100) and READOUT_DECIMALS == 2
    readout.update()
    assert (readout.a_value.number, readout.slope_value.number) == (0.67, 1.34)
    assert inside(readout, slopes.region)


def test_the_slope_label_avoids_the_readout():
    plan = LECTURE.resolve()
    slopes, _ = slope_panel_of(LECTURE)
    readout = SlopeReadout(plan.f_prime, ValueTracker(1.0), plan.a).place_in(slopes, plan.widest_slope, [])
    label = slopes.place(MathTex("f'(x) = 2x"), lower_first=True, also=[readout], avoid=[readout])
    assert inside(label, slopes.region) and not layout.overlap(label, readout)


@pytest.mark.parametrize("parameters, arrows", [
    (LECTURE, [(-1, True), (1, True)]),
    (DerivativeParameters(function="x^3", steps=("1", "0.5"), slope_range=(-1.0, 13.0)), [(-1, False)]),
    (QUARTIC, [(-1, True), (1, True)]),
    (DerivativeParameters(function="3", y_range=(-1.0, 10.0)), []),
], ids=["x^2", "x^3", "x^4 - 2x^2 at 1", "3"])
def test_downhill_arrows_point_where_descent_goes_and_stop_short_of_other_stationary_points(parameters, arrows):
    plan = parameters.resolve()
    panel = panel_of(parameters)
    drawn = DownhillArrows(panel, float(plan.bottom), plan.story.arrows, plan.other_stationary)
    assert len(drawn) == len(arrows)
    x_of = lambda point: panel.axes.p2c(point)[0]
    for arrow, (side, towards) in zip(drawn, arrows):
        start, end = x_of(arrow.get_start()), x_of(arrow.get_end())
        assert (start - end) * side > 0 if towards else (end - start) * side > 0
        # Never past the next stationary point on its side (x⁴ − 2x² has one at 0).
        for other in plan.other_stationary:
            if (other - float(plan.bottom)) * side > 0:
                assert min(start, end) > other if side < 0 else max(start, end) < other
