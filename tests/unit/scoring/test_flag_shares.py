"""flag_shares, the red-flag part for every class of a period at once (what the Red Flag Tally
shows), gives exactly the points the engine's flag line gets, compared across the school or
within each grade level."""

from decimal import Decimal

import pytest

from class_teacher_appraisal.scoring import Kind, award_weekly_flags, points, score_period
from class_teacher_appraisal.scoring.flags import flag_shares, flag_tops, is_published
from tests.unit.builders import by_class, criterion, ev, inspected, line, rubric, week
from tests.unit.scoring.test_s1_red_flags import ITEMS


def school():
	"""Five classes in two grade levels, four weeks of hygiene and discipline (two flags a week
	each), a theme meeting's result flags and a failed spot check."""
	a, b, c = ev("A", grade_level=1), ev("B", grade_level=1), ev("C", grade_level=1)
	d, e = ev("D", grade_level=2), ev("E", grade_level=2)
	for wk in (1, 2, 3, 4):
		inspected(a, "卫生", wk, 10)
		inspected(b, "卫生", wk, 9 if wk <= 2 else 1)
		inspected(c, "卫生", wk, 5 if wk <= 2 else 8)
		inspected(d, "纪律", wk, 9.5)
		inspected(e, "纪律", wk, 9.25 if wk != 3 else 9.75)
		inspected(a, "纪律", wk, 7)
	inspected(c, "主题队会", 1, levels={"合格": 1})
	inspected(a, "卫生", 2, revoked=1)
	return [a, b, c, d, e]


@pytest.mark.parametrize("compare_within", ["School", "Grade Level"])
@pytest.mark.parametrize("item", ["", "卫生"])
def test_flag_shares_give_the_engines_flag_line_points(compare_within, item):
	part = criterion("F", Kind.FLAG_SHARE, 40, compare_within=compare_within, inspection_item=item)
	classes = school()
	results = by_class(score_period(rubric(part), ITEMS, classes))
	flags = award_weekly_flags(ITEMS, classes, ())
	shares = flag_shares(
		flags, {ev.class_id: ev.grade_level for ev in classes}, item, compare_within, Decimal(40)
	)
	assert set(shares) == set(results)
	for class_id, (own, top, share) in shares.items():
		engine = line(results[class_id], "F")
		assert points(share) == engine.points, class_id
		assert (str(own), str(top)) == (engine.evidence["flags"], engine.evidence["top_flags"])


def test_flag_tops_are_per_grade_level_or_for_the_school():
	totals = {"A": Decimal(3), "B": Decimal(5), "C": Decimal(1)}
	levels = {"A": 1, "B": 2, "C": 1}
	assert flag_tops(totals, levels, "School") == {"A": 5, "B": 5, "C": 5}
	assert flag_tops(totals, levels, "Grade Level") == {"A": 3, "B": 5, "C": 3}
	assert flag_tops({}, levels, "School") == {"A": 0, "B": 0, "C": 0}


def test_only_weeks_that_can_give_or_take_a_flag_are_published():
	classes = school()
	flags = award_weekly_flags(ITEMS, classes, ())
	assert is_published(flags["A"][("卫生", week(1))], ITEMS["卫生"])  # awards weekly flags
	assert is_published(flags["C"][("主题队会", week(1))], ITEMS["主题队会"])  # a result's flag
	assert ITEMS["升旗仪式"].weekly_flag_winners == 0
	inspected(classes[1], "升旗仪式", 1, levels={"合格": 1})
	flags = award_weekly_flags(ITEMS, classes, ())
	assert not is_published(flags["B"][("升旗仪式", week(1))], ITEMS["升旗仪式"])


def test_a_flag_part_of_some_grades_is_compared_among_those_grades_only():
	"""A flag part that applies to grade 2 (rule 1): grade 1's classes have no such line, and
	their flags never set the top the grade 2 classes are measured against."""
	from dataclasses import replace

	part = replace(criterion("F", Kind.FLAG_SHARE, 40, compare_within="School"), grade_levels=frozenset({2}))
	classes = school()
	results = by_class(score_period(rubric(part), ITEMS, classes))
	assert all(not results[k].lines for k in ("A", "B", "C"))
	flags = award_weekly_flags(ITEMS, classes, ())
	shares = flag_shares(flags, {"D": 2, "E": 2}, "", "School", Decimal(40))
	for class_id in ("D", "E"):
		engine = line(results[class_id], "F")
		assert points(shares[class_id][2]) == engine.points
		assert str(shares[class_id][1]) == engine.evidence["top_flags"]
