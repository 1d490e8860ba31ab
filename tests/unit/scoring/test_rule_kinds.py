"""The remaining rule kinds and the shared rules: weighted parts (S4), roll-up (S6/S8),
inspection averages, formulas, manual points, adjustments and rounding."""

from decimal import Decimal

import pytest

from class_teacher_appraisal.scoring import (
	InspectionItem,
	Kind,
	ManualInput,
	ScoringError,
	Section,
	line_bounds,
	render_all,
	score_period,
)
from tests.unit.builders import by_class, criterion, ev, inspected, line, rubric

HYGIENE = {"卫生": InspectionItem("卫生", max_score=Decimal(10), weekly_flag_winners=2)}


def test_s4_dimensions_weighted_30_30_20_20_percent():
	dims = [("学生管理", 30), ("学习指导", 30), ("心理辅导", 20), ("家校沟通", 20)]
	sections = tuple(Section(d, d, Decimal(50), Decimal(w)) for d, w in dims)
	criteria = [criterion(d, Kind.MANUAL, 50, section=d) for d, _ in dims]
	evidence = ev(
		"A", manual={d: ManualInput(Decimal(s)) for (d, _), s in zip(dims, (40, 50, 25, 45), strict=True)}
	)
	(result,) = score_period(rubric(*criteria, sections=sections), {}, [evidence])
	# 40/50 × 30 + 50/50 × 30 + 25/50 × 20 + 45/50 × 20 = 24 + 30 + 10 + 18
	assert [s.points for s in result.sections] == [24, 30, 10, 18]
	assert result.total == 82


def test_term_result_sums_the_monthly_totals_plus_bonus_and_panel_rating():
	months = criterion("月考核", Kind.ROLLUP, 0)
	bonus = criterion("奖励活动", Kind.MANUAL, 10)
	evidence = ev(
		"A",
		rollup={"月考核": [("2025-09", Decimal("92.5")), ("2025-10", Decimal(88)), ("2025-11", Decimal(95))]},
		manual={"奖励活动": ManualInput(Decimal(6))},
	)
	(result,) = score_period(rubric(months, bonus, total="310"), {}, [evidence])
	assert line(result, "月考核").points == Decimal("275.50")
	assert result.total == Decimal("281.50")
	assert "Sum of 3 periods (2025-09: 92.5, 2025-10: 88, 2025-11: 95)" in render_all(
		line(result, "月考核").explanation
	)


def test_roll_up_can_average_the_shorter_periods():
	avg = criterion("月均", Kind.ROLLUP, 100, aggregate="Average")
	evidence = ev("A", rollup={"月均": [("9月", Decimal(90)), ("10月", Decimal(85))]})
	(result,) = score_period(rubric(avg), {}, [evidence])
	assert line(result, "月均").points == Decimal("87.50")


def test_inspection_score_scales_the_average_to_the_criterion_maximum():
	hygiene = criterion("卫生分", Kind.INSPECTION_SCORE, 20, inspection_item="卫生")
	a = inspected(ev("A"), "卫生", 1, 9, 8, 10, deductions=3)  # (27 - 3) / 3 = 8 of 10
	(result,) = score_period(rubric(hygiene), HYGIENE, [a])
	assert line(result, "卫生分").points == 16
	assert line(result, "卫生分").evidence["inspections"] == 3


def test_formula_kind_uses_documented_variables():
	f = criterion("F", Kind.FORMULA, 10, inspection_item="卫生", formula="min(max_points, score_avg - 5)")
	a = inspected(ev("A"), "卫生", 1, 9, 8)
	(result,) = score_period(rubric(f), HYGIENE, [a])
	assert line(result, "F").points == Decimal("3.50")
	assert (
		render_all(line(result, "F").explanation)
		== "Formula min(max_points, score_avg - 5) with max_points = 10, score_avg = 8.5"
	)


def test_formula_using_flags_reproduces_the_s1_normalisation():
	f = criterion("F", Kind.FORMULA, 40, formula="max_points * flags / top_flags if top_flags else 0")
	a, b, c = ev("A"), ev("B"), ev("C")
	for wk in range(1, 5):
		inspected(a, "卫生", wk, 10)
		inspected(b, "卫生", wk, 9 if wk <= 3 else 1)
		inspected(c, "卫生", wk, 5 if wk <= 3 else 8)
	results = by_class(score_period(rubric(f), HYGIENE, [a, b, c]))
	assert line(results["B"], "F").points == 30  # 3 of the top class's 4


@pytest.mark.parametrize("bad", ["__import__('os').system('true')", "flags ** 100", "open", "x.y"])
def test_a_formula_outside_the_safe_language_is_refused(bad):
	f = criterion("F", Kind.FORMULA, 10, formula=bad)
	(result,) = score_period(rubric(f), {}, [ev("A")])  # the line says so; the period is still scored
	assert "The formula of criterion F cannot be used" in render_all(line(result, "F").explanation)
	assert line(result, "F").points == 0 and line(result, "F").needs_input


def test_signed_formula_results_stay_on_the_line_but_parts_do_not_go_negative():
	f = criterion("F", Kind.FORMULA, 10, section="P", formula="0 - 4")
	(result,) = score_period(rubric(f, sections=(Section("P", "P", Decimal(10)),)), {}, [ev("A")])
	assert line(result, "F").points == -4
	assert result.total == 0


def test_adjustment_is_applied_with_its_reason_and_kept_within_the_line():
	m = criterion("M", Kind.MANUAL, 10)
	evidence = ev("A", manual={"M": ManualInput(Decimal(7), Decimal("-2.5"), "材料迟交")})
	(result,) = score_period(rubric(m), {}, [evidence])
	assert line(result, "M").points == Decimal("4.50")
	assert render_all(line(result, "M").explanation) == "Scored by hand: 7 of 10; adjusted by -2.5: 材料迟交"
	evidence = ev("A", manual={"M": ManualInput(Decimal(3), Decimal(-5), "x")})
	(result,) = score_period(rubric(m), {}, [evidence])
	assert line(result, "M").points == 0
	assert "kept within 0 … 10" in render_all(line(result, "M").explanation)


def test_points_are_decimals_rounded_half_up_to_two_places_without_float_drift():
	third = criterion("T", Kind.ROLLUP, 0, aggregate="Average")
	evidence = ev("A", rollup={"T": [("a", Decimal("0.1")), ("b", Decimal("0.2")), ("c", Decimal("0.035"))]})
	(result,) = score_period(rubric(third), {}, [evidence])
	assert line(result, "T").points == Decimal("0.11")  # 0.335 / 3 = 0.11166...
	assert isinstance(result.total, Decimal)


def test_line_bounds_by_kind():
	assert line_bounds(criterion("a", Kind.MANUAL, 10)) == (0, 10)
	assert line_bounds(criterion("b", Kind.DEDUCTION, 0, cap=15)) == (-15, 0)
	assert line_bounds(criterion("c", Kind.DEDUCTION, 0)) == (None, 0)
	assert line_bounds(criterion("d", Kind.LEVEL_POINTS, 0)) == (None, None)
	assert line_bounds(criterion("e", Kind.BONUS, 0, cap=5)) == (0, 5)


def test_unknown_rule_kind_is_reported():
	with pytest.raises(ScoringError, match="unknown rule kind"):
		score_period(rubric(criterion("Z", "Astrology", 5)), {}, [ev("A")])


def test_rescore_applies_new_hand_entries_to_lines_computed_earlier():
	from class_teacher_appraisal.scoring import Achievement, rescore_class

	flags = criterion("F", Kind.FLAG_SHARE, 40)
	hand = criterion("M", Kind.MANUAL, 10)
	award = criterion("A", Kind.ACHIEVEMENTS, 6, levels={"县级": Decimal("0.8")})
	rubric_ = rubric(flags, hand, award)
	evidence = ev(
		"A",
		manual={"M": ManualInput(Decimal(8)), "F": ManualInput(None, Decimal(-2), "抽查补扣")},
		achievements={"A": [Achievement("县先进班集体", "县级")]},
	)
	computed = {"F": (Decimal(30), [], {"flags": "9"})}  # as stored by the last recompute
	result = rescore_class(rubric_, evidence, computed)
	assert [line(result, c).points for c in "FMA"] == [28, 8, Decimal("4.80")]
	assert result.total == Decimal("40.80")
	assert line(result, "F").evidence == {"flags": "9"}
