"""The learning-rate scene's parts, built directly from a plan: geometry and texts, no rendering."""

from fractions import Fraction

import numpy as np
import pytest
from manim import MathTex, Text, VGroup

from gdmath import Regime
from scenes.kit.layout import bounds, overlap
from scenes.kit.parts.learning_rate import (FRAME_BOX, AlphaInTheRule, AlphaTag, Box, BowlFact, BowlPath, BowlPlot,
                                            BowlStart, BowlView, CurvatureArrows, FactorLabel, ParabolaPanel,
                                            ParabolaView, RateLabel, RateLine, Readout, RegimeWord, RunColumns,
                                            RunMarks, SummaryLegend, stack_below, thresholds)
from scenes.kit.parts.rule import UpdateRule
from scenes.kit.style import FONT, FRAME_LEFT, FRAME_RIGHT, FRAME_TOP, REGIME_COLORS
from scenes.learning_rate import LearningRateParameters

PLAN = LearningRateParameters().resolve()
ROTATED = LearningRateParameters(bowl="x^2 + 3*x*y + 4*y^2", bowl_learning_rate="0.19").resolve()


def words(key: str, **options) -> Text:
    """Stands in for NarratedScene.words: the key itself as the words."""
    return Text(key, font=FONT, **options)


def test_columns_share_the_frame_and_panels_never_touch():
    columns = RunColumns(5)
    centres, width = columns.centres, columns.width
    assert centres == pytest.approx([-x for x in reversed(centres)])        # symmetric about the middle
    assert centres[0] - width / 2 > FRAME_LEFT and centres[-1] + width / 2 < FRAME_RIGHT
    assert all(b - a > width for a, b in zip(centres, centres[1:]))
    assert RunColumns(1).width == 2.4                                         # a lone panel stays panel-sized
    assert [box.height for box in columns.big_boxes()] == [3.8] * 5


def test_a_parabola_panel_puts_the_point_on_the_curve_and_keeps_its_structure():
    run, box = PLAN.runs[0], Box(0.0, 1.0, 2.0, 3.0)
    view = ParabolaView(run, PLAN.flat_model)
    panel = ParabolaPanel(view, box, 2)
    assert len(panel) == 8 and len(panel.path) == 2 and len(panel.ghosts) == 2
    assert np.allclose(panel.dot.get_center(), view.point(box, 2, 2))
    # x = 5 at k = 0 is the right edge of the view over 1.12 of the way; the floor is the box's bottom
    start = view.point(box, 0, 0)
    assert start[0] == pytest.approx(box.x + box.width / 2 / 1.12)
    assert panel[1].get_center()[1] == pytest.approx(box.y - box.height / 2)


def test_a_run_flying_apart_widens_its_panel_and_a_calm_one_adds_a_segment():
    diverging, monotone = PLAN.runs[4], PLAN.runs[0]
    assert diverging.regime is Regime.DIVERGING
    wide = ParabolaPanel(ParabolaView(diverging, PLAN.flat_model), Box(0, 0, 2, 3), 0)
    moves, ghosts = wide.advance(0)
    assert len(moves) == 1 and ghosts == []
    calm = ParabolaPanel(ParabolaView(monotone, PLAN.flat_model), Box(0, 0, 2, 3), 0)
    moves, ghosts = calm.advance(0)
    assert len(moves) == 2 and len(ghosts) == 1 and len(calm.path) == 1
    assert np.allclose(calm.path[0].get_start(), calm.view.point(calm.box, 0, 0))


def test_labels_under_a_panel_fit_it():
    columns = RunColumns(6)
    readout = Readout(6, "1234567.891", x=columns.centres[0], panel_width=columns.width)
    assert readout.width <= columns.width + 0.2 + 1e-9 and readout.get_center()[1] == pytest.approx(-1.38)
    label = FactorLabel("0.123456789", x=0.0, panel_width=0.6)
    assert label.width <= 0.85 + 1e-9
    alpha = RateLabel("0.75", x=1.0)
    assert alpha.get_center()[:2] == pytest.approx([1.0, 3.55]) and alpha[0].tex_string == r"\alpha"


def test_a_regime_word_too_wide_for_its_panel_takes_two_lines_of_script_words():
    short = RegimeWord("swings", REGIME_COLORS[Regime.CYCLE], x=0.0, panel_width=2.0)
    long = RegimeWord("creeps down one side fast", REGIME_COLORS[Regime.MONOTONE], x=1.0, panel_width=1.2)
    assert len(short) == 1 and len(long) == 2
    assert [line.original_text for line in long] == ["creeps down", "one side fast"]
    assert short[0].script_words and not any(getattr(line, "script_words", False) for line in long)
    assert long.width <= 1.45 + 1e-9 and long.get_top()[1] == pytest.approx(-1.68)
    long.place_under(Box(1.0, 2.0, 1.0, 1.0))
    assert long.get_top()[1] == pytest.approx(1.5 - 0.15)


def test_the_flat_line_merges_equal_thresholds_and_puts_each_at_its_alpha():
    model = PLAN.flat_model
    texts = {"1/L": "0.5", "2/(mu+L)": "0.5", "2/L": "1"}
    line = RateLine(model, PLAN.rates, "0", texts, words)
    assert [label[1].tex_string for label in line.labels] == [r"1/L = 2/(\mu+L) = 0.5", "2/L = 1"]
    assert len(line.ticks) == 2 and len(line.bands) == len(line.names) == 3
    assert line.to_x(0) == pytest.approx(line.left)
    assert line.to_x(Fraction(21, 20) * Fraction(6, 5)) == pytest.approx(line.right)   # 1.2 × the largest rate
    for tick, alpha in zip(line.ticks, (Fraction(1, 2), 1)):
        assert tick.get_center()[0] == pytest.approx(line.to_x(alpha))
    # the bands meet at the thresholds: monotone up to 1/L, oscillating up to 2/L
    assert line.bands[0].get_right()[0] == pytest.approx(line.to_x(Fraction(1, 2)))
    assert line.bands[1].get_right()[0] == pytest.approx(line.to_x(1))


def test_the_bowl_line_has_three_thresholds_and_no_label_covers_another():
    model = PLAN.bowl_model
    labels = dict(thresholds(model))
    assert [str(labels[k]) for k in ("1/L", "2/(mu+L)", "2/L")] == ["1/20", "1/11", "1/10"]
    line = RateLine(model, [PLAN.bowl_rate], "0", {"1/L": "0.05", "2/(mu+L)": "0.09091", "2/L": "0.1"}, words, y=-1.3)
    assert len(line.ticks) == 3
    drawn = [label[1] for label in line.labels]
    assert not any(overlap(a, b) for i, a in enumerate(drawn) for b in drawn[i + 1:])
    assert all(FRAME_LEFT - 1e-9 <= m.get_left()[0] and m.get_right()[0] <= FRAME_RIGHT + 1e-9 for m in drawn)
    dot = line.get_dot(PLAN.bowl_rate, PLAN.bowl_run.regime)
    assert dot.get_center()[:2] == pytest.approx([line.to_x(Fraction(9, 100)), -1.3])
    assert AlphaTag(dot).get_bottom()[1] > dot.get_top()[1]


def test_labels_that_collide_stack_into_rows():
    items = [(0.0, MathTex("1/L = 0.5")), (0.1, MathTex("2/L = 1"))]
    stacked = stack_below(items, top=0.0)
    first, second = (group[1] for group in stacked)
    assert second.get_y() < first.get_y() and not overlap(first, second)


def test_run_marks_lead_from_each_factor_to_its_rate():
    line = RateLine(PLAN.flat_model, PLAN.rates, "0", {"1/L": "a", "2/(mu+L)": "a", "2/L": "b"}, words)
    labels = [FactorLabel("0.5", x=x, panel_width=2.0) for x in RunColumns(5).centres]
    marks = RunMarks(line, PLAN.runs, labels)
    assert len(marks.dots) == len(marks.leaders) == 5
    for dot, run in zip(marks.dots, PLAN.runs):
        assert dot.get_center()[0] == pytest.approx(line.to_x(run.learning_rate))
        assert dot.get_color() == REGIME_COLORS[run.regime]


@pytest.mark.parametrize("plan", [PLAN, ROTATED], ids=["lecture", "rotated"])
def test_the_bowl_view_holds_every_iterate_drawn_and_its_levels_are_level(plan):
    view = BowlView(plan.bowl_model, plan.bowl_view_excess)
    box = Box(-3.0, 1.55, 7.6, 4.3)
    assert view.to_screen(view.centre)[:2] == pytest.approx([box.x, box.y])
    for point in plan.bowl_run.points[:plan.bowl_in_view]:
        x, y, _ = view.to_screen(point)
        assert abs(x - box.x) <= box.width / 2 and abs(y - box.y) <= box.height / 2
    f, lowest = plan.bowl, float(plan.bowl(plan.bowl_model.minimizer()))
    outer = BowlPlot(view).levels[-1]
    for corner in outer.get_anchors()[::8]:
        plane = view.centre + (corner[:2] - view.origin) / view.scale
        assert float(f(tuple(Fraction(c) for c in plane))) - lowest == pytest.approx(float(plan.bowl_view_excess),
                                                                                     rel=1e-6)


def test_the_path_and_the_start_follow_the_run():
    view = BowlView(PLAN.bowl_model, PLAN.bowl_view_excess)
    path = BowlPath(view, PLAN.bowl_run.points[:PLAN.bowl_in_view])
    steps = list(path.steps())
    assert len(steps) == PLAN.bowl_in_view - 1
    for k, (segment, ghost, end) in enumerate(steps):
        assert np.allclose(ghost.get_center(), view.to_screen(PLAN.bowl_run.points[k]))
        assert np.allclose(end, view.to_screen(PLAN.bowl_run.points[k + 1]))
    start = BowlStart(view, PLAN.bowl_start, "4", "1")
    assert start.label.tex_string == r"(4,\ 1)" and start.label.get_left()[0] > start.dot.get_center()[0]


def test_the_curvature_arrows_lie_along_the_principal_axes_and_stay_in_the_frame():
    view = BowlView(ROTATED.bowl_model, ROTATED.bowl_view_excess)
    arrows = CurvatureArrows(view)
    for (axis, tag), index in zip(arrows, (0, 1)):
        along = axis.get_end()[:2] - axis.get_start()[:2]
        direction = view.eigenvectors[:, index]
        assert abs(along[0] * direction[1] - along[1] * direction[0]) < 1e-6 * np.linalg.norm(along)
        left, bottom, right, top = bounds(tag)
        assert left >= FRAME_BOX[0] - 1e-9 and right <= FRAME_BOX[2] + 1e-9 and top <= FRAME_TOP + 1e-9
    assert [tag.tex_string for _, tag in arrows] == [r"\mu", "L"]


def test_bowl_facts_line_up_in_their_column_inside_the_frame():
    facts = [BowlFact("f(x, y) = x^{2} + 10y^{2}", 0), BowlFact([r"\alpha", "= 0.09"], 1),
             BowlFact(r"\max_\lambda |1 - \alpha\lambda| \ge \frac{\kappa - 1}{\kappa + 1} = 0.818181818181", 6)]
    for fact in facts:
        assert fact.get_left()[0] == pytest.approx(1.95) and fact.get_right()[0] <= FRAME_RIGHT + 1e-9
    assert facts[1].get_y() == pytest.approx(3.6 - 0.64)


def test_the_summary_rows_stand_in_columns():
    legend = SummaryLegend(words)
    assert len(legend) == 4
    formulas = [row[1] for row in legend]
    assert len({round(f.get_left()[0], 6) for f in formulas}) == 1
    assert all(row[2].get_left()[0] > max(f.get_right()[0] for f in formulas) for row in legend)
    assert all(row[2].get_right()[0] <= FRAME_RIGHT + 1e-9 for row in legend)


def test_the_intro_points_at_alpha_in_the_shared_rule():
    intro = AlphaInTheRule(words)
    assert (intro.title.original_text, intro.word.original_text) == ("screen_title", "screen_alpha")
    assert isinstance(intro.rule, UpdateRule) and intro.rule.alpha.tex_string == r"\alpha"
    assert intro.word.get_top()[1] < intro.pointer.get_bottom()[1] < intro.pointer.get_top()[1] \
        < intro.rule.alpha.get_bottom()[1]
    # title, rule and words are centred together; the pointer joins them after
    assert VGroup(intro.title, intro.rule, intro.word).get_center()[:2] == pytest.approx([0.0, 0.55])
