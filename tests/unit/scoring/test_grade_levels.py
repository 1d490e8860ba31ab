"""Criteria that apply, or have their own maximum, by grade level (issue 13, rule 1; seed 000)."""

from decimal import Decimal

import pytest

from class_teacher_appraisal.adapters import parse_grades
from class_teacher_appraisal.scoring import (
	ClassEvidence,
	Criterion,
	Kind,
	ManualInput,
	Rubric,
	Section,
	score_period,
)
from class_teacher_appraisal.scoring.model import criteria_for

D = Decimal
DUTY = Criterion(
	code="S1-02",
	title="升旗仪式轮值",
	kind=Kind.LEVEL_POINTS,
	section="一",
	inspection_item="升旗仪式轮值",
	levels={"优秀": D(3), "良好": D(2), "合格": D(1), "较差": D(-1)},
	grade_levels=frozenset(range(3, 7)),
)
MEETING = Criterion(
	code="M", title="主题班会", kind=Kind.MANUAL, section="一", max_points=D(10), grade_max={9: D(5)}
)
RUBRIC = Rubric(
	name="S1", total_points=D(40), criteria=(DUTY, MEETING), sections=(Section("一", "少先队", D(40)),)
)


def test_flag_raising_duty_rotates_among_grades_three_to_six():
	"""S1: 升旗仪式轮值 (grades 3–6 in rotation): a grade 2 class has no such line, grade 3 and 6 do."""
	assert [c.code for c in criteria_for(RUBRIC, 2)] == ["M"]
	assert [c.code for c in criteria_for(RUBRIC, 3)] == ["S1-02", "M"]
	assert [c.code for c in criteria_for(RUBRIC, 6)] == ["S1-02", "M"]
	assert [c.code for c in criteria_for(RUBRIC, 7)] == ["M"]


def test_a_grade_has_its_own_maximum_and_hand_points_are_kept_within_it():
	"""初三 (grade 9) holds one theme meeting a term instead of two: half the maximum."""
	(c9,) = criteria_for(RUBRIC, 9)
	assert c9.max_points == 5
	grade9 = ClassEvidence("九年级(1)班", grade_level=9, manual={"M": ManualInput(D(8))})
	grade8 = ClassEvidence("八年级(1)班", grade_level=8, manual={"M": ManualInput(D(8))})
	results = {r.class_id: r for r in score_period(RUBRIC, {}, [grade9, grade8])}
	assert [(ln.code, ln.max_points, ln.points) for ln in results["九年级(1)班"].lines] == [("M", 5, 5)]
	assert [(ln.code, ln.max_points, ln.points) for ln in results["八年级(1)班"].lines] == [("M", 10, 8)]


@pytest.mark.parametrize(
	("text", "grades"),
	[("", set()), ("3-6", {3, 4, 5, 6}), ("1, 2, 7-9", {1, 2, 7, 8, 9}), ("9", {9}), ("3－4，6", {3, 4, 6})],
)
def test_grades_are_written_as_ranges_and_lists(text, grades):
	assert parse_grades(text) == grades


@pytest.mark.parametrize("text", ["0", "13", "6-3", "三年级", "3-"])
def test_other_grades_are_refused(text):
	with pytest.raises(ValueError):
		parse_grades(text)
