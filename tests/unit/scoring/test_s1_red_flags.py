"""S1 (seed 000, 班主任岗位职责及考核办法1): weekly red flags normalised to the top class."""

from decimal import Decimal

from class_teacher_appraisal.scoring import (
	FlagEligibilityRule,
	InspectionItem,
	Kind,
	Method,
	award_weekly_flags,
	render_all,
	score_period,
)
from tests.unit.builders import by_class, criterion, ev, incident, inspected, line, rubric, week

ITEMS = {
	name: InspectionItem(name, Method.SCORE, Decimal(10), weekly_flag_winners=2)
	for name in ("纪律", "卫生", "路队", "眼保健操")
}
ITEMS["主题队会"] = InspectionItem(
	"主题队会",
	Method.LEVEL,
	Decimal(3),
	level_scores={"优秀": Decimal(3), "合格": Decimal(2), "不合格": Decimal(0)},
	level_flags={"优秀": Decimal(2), "合格": Decimal(1)},
)
ITEMS["升旗仪式"] = InspectionItem("升旗仪式", Method.LEVEL, Decimal(3))
FLAGS = criterion("S1-FLAGS", Kind.FLAG_SHARE, 40, section="少先队")
FIGHTS = FlagEligibilityRule(("打架", "乱扔纸屑"), 2, "两人次打架或乱扔纸屑")


def score(classes, *extra, rules=()):
	return by_class(score_period(rubric(FLAGS, *extra, flag_rules=rules), ITEMS, classes))


def test_nine_flags_against_a_top_class_of_twelve_scores_30_of_40():
	# Class A wins both hygiene and discipline flags for 6 weeks (12 flags); class B wins 9
	# (hygiene 6 weeks, discipline 3 weeks); class C trails everywhere.
	a, b, c = ev("A"), ev("B"), ev("C")
	for wk in range(1, 7):
		inspected(a, "卫生", wk, 10)
		inspected(b, "卫生", wk, 9)
		inspected(c, "卫生", wk, 5)
		inspected(a, "纪律", wk, 10)
		inspected(b, "纪律", wk, 9 if wk <= 3 else 4)
		inspected(c, "纪律", wk, 5)
	results = score([a, b, c])
	assert results["A"].flags == 12
	assert results["B"].flags == 9
	assert line(results["A"], "S1-FLAGS").points == Decimal("40.00")
	assert line(results["B"], "S1-FLAGS").points == Decimal("30.00")
	assert line(results["C"], "S1-FLAGS").points == Decimal("10.00")  # 3 flags: 40 ÷ 12 × 3
	text = render_all(line(results["B"], "S1-FLAGS").explanation)
	assert "9 red flags; the top class (A) has 12: 40 ÷ 12 × 9 = 30" in text


def test_top_two_classes_of_each_item_win_the_weekly_flag():
	classes = [ev(k) for k in "ABCD"]
	for evidence, hygiene in zip(classes, (9.5, 9.8, 8, 9.0), strict=True):
		inspected(evidence, "卫生", 1, hygiene)
	flags = award_weekly_flags(ITEMS, classes)
	won = {cid: weeks[("卫生", week(1))].awarded for cid, weeks in flags.items()}
	assert won == {"A": 1, "B": 1, "C": 0, "D": 0}
	assert flags["C"][("卫生", week(1))].rank == 4


def test_weekly_ranking_uses_the_average_of_the_weeks_inspections_net_of_deductions():
	a, b, c = ev("A"), ev("B"), ev("C")
	inspected(a, "卫生", 1, 10, 10, 10, deductions=6)  # (30 - 6) / 3 = 8
	inspected(b, "卫生", 1, 9)  # 9
	inspected(c, "卫生", 1, 8.5, 8.5)  # 8.5
	flags = award_weekly_flags(ITEMS, [a, b, c])
	assert [flags[k][("卫生", week(1))].awarded for k in "ABC"] == [0, 1, 1]


def test_ties_at_the_last_winning_place_all_win():
	classes = [ev(k) for k in "ABC"]
	for evidence, s in zip(classes, (10, 9, 9), strict=True):
		inspected(evidence, "路队", 1, s)
	flags = award_weekly_flags(ITEMS, classes)
	assert [flags[k][("路队", week(1))].awarded for k in "ABC"] == [1, 1, 1]


def test_failed_spot_check_takes_one_flag_back():
	a, b = ev("A"), ev("B")
	for wk in (1, 2, 3):
		inspected(a, "卫生", wk, 10)
		inspected(b, "卫生", wk, 10)
	inspected(b, "卫生", 3, revoked=1)  # 大队委抽查不合格
	results = score([a, b])
	assert (results["A"].flags, results["B"].flags) == (3, 2)
	assert line(results["B"], "S1-FLAGS").points == Decimal("26.67")  # 40 ÷ 3 × 2
	assert line(results["B"], "S1-FLAGS").evidence["revoked"] == 1


def test_revocations_never_leave_a_class_below_zero_flags():
	a, b = ev("A"), ev("B")
	inspected(a, "卫生", 1, 10)
	inspected(b, "卫生", 1, revoked=2)
	assert score([a, b])["B"].flags == 0


def test_two_fights_in_a_week_lose_that_weeks_flags_and_the_next_class_wins():
	a, b, c = ev("A"), ev("B"), ev("C")
	for wk in (1, 2):
		inspected(a, "纪律", wk, 10)
		inspected(b, "纪律", wk, 9)
		inspected(c, "纪律", wk, 8)
	incident(a, "纪律", 1, "打架")
	incident(a, "纪律", 1, "乱扔纸屑")  # two person-times in week 1
	incident(b, "纪律", 2, "打架")  # one only: still eligible
	flags = award_weekly_flags(ITEMS, [a, b, c], (FIGHTS,))
	assert flags["A"][("纪律", week(1))].ineligible
	assert [flags[k][("纪律", week(1))].awarded for k in "ABC"] == [0, 1, 1]
	assert [flags[k][("纪律", week(2))].awarded for k in "ABC"] == [1, 1, 0]
	results = score([a, b, c], rules=(FIGHTS,))
	assert results["A"].flags == 1
	assert line(results["A"], "S1-FLAGS").evidence["ineligible_weeks"] == [week(1).isoformat()]


def test_theme_meeting_excellent_counts_two_flags_and_pass_one():
	a, b = ev("A"), ev("B")
	inspected(a, "主题队会", 2, levels={"优秀": 1})
	inspected(b, "主题队会", 2, levels={"合格": 1})
	inspected(b, "主题队会", 6, levels={"不合格": 1})  # not held / late record: no flag
	results = score([a, b])
	assert (results["A"].flags, results["B"].flags) == (2, 1)
	assert line(results["B"], "S1-FLAGS").points == Decimal("20.00")


def test_no_flags_at_all_in_a_period_gives_zero_and_says_why():
	a, b = ev("A"), ev("B")
	results = score([a, b])
	assert line(results["A"], "S1-FLAGS").points == 0
	assert "No class has a red flag in this period" in render_all(line(results["A"], "S1-FLAGS").explanation)


def test_tied_top_classes_both_get_full_marks():
	a, b, c = ev("A"), ev("B"), ev("C")
	for wk in (1, 2):
		for evidence in (a, b):
			inspected(evidence, "卫生", wk, 10)
		inspected(c, "卫生", wk, 5)
	inspected(c, "主题队会", 1, levels={"合格": 1})
	results = score([a, b, c])
	assert line(results["A"], "S1-FLAGS").points == line(results["B"], "S1-FLAGS").points == 40
	assert line(results["C"], "S1-FLAGS").points == 20
	assert line(results["C"], "S1-FLAGS").evidence["top_class"] == "A, B"


def test_flags_can_be_compared_within_each_grade_level():
	per_grade = criterion("F", Kind.FLAG_SHARE, 40, compare_within="Grade Level")
	a, b, d = ev("A", grade_level=1), ev("B", grade_level=1), ev("D", grade_level=1)
	c = ev("C", grade_level=2)
	for wk in (1, 2, 3, 4):
		inspected(a, "卫生", wk, 10)
		inspected(b, "卫生", wk, 9 if wk <= 2 else 1)
		inspected(d, "卫生", wk, 5 if wk <= 2 else 8)
	inspected(c, "主题队会", 1, levels={"合格": 1})
	results = by_class(score_period(rubric(per_grade), ITEMS, [a, b, c, d]))
	assert line(results["B"], "F").points == 20  # 2 of grade 1's top 4
	assert line(results["C"], "F").points == 40  # alone at the top of grade 2


def test_missing_monday_flag_raising_costs_half_a_point_per_pupil():
	absent = criterion(
		"S1-ABSENT",
		Kind.DEDUCTION,
		0,
		section="少先队",
		unit_points="0.5",
		inspection_item="升旗仪式",
		incident_types=("缺席升旗",),
	)
	a = ev("A")
	incident(a, "升旗仪式", 1, "缺席升旗", 3)
	incident(a, "升旗仪式", 4, "缺席升旗", 2)
	result = score([a, ev("B")], absent)["A"]
	assert line(result, "S1-ABSENT").points == Decimal("-2.50")
	assert line(result, "S1-ABSENT").evidence["incidents"] == {"缺席升旗": 5}


def test_flag_raising_duty_levels_give_plus_three_to_minus_one():
	duty = criterion(
		"S1-DUTY",
		Kind.LEVEL_POINTS,
		0,
		inspection_item="升旗仪式",
		levels={"优秀": Decimal(3), "良好": Decimal(2), "合格": Decimal(1), "较差": Decimal(-1)},
	)
	a, b = ev("A"), ev("B")
	inspected(a, "升旗仪式", 3, levels={"优秀": 1, "良好": 1})
	inspected(b, "升旗仪式", 5, levels={"较差": 1})
	results = score([a, b], duty)
	assert line(results["A"], "S1-DUTY").points == 5
	assert line(results["B"], "S1-DUTY").points == -1  # negative level points are kept on the line
