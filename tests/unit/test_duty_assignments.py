"""Which duty roster rows apply to a day and a class (duty/assignments.py, plain Python)."""

from datetime import date
from types import SimpleNamespace

from class_teacher_appraisal.duty import assignments as a

MONDAY = date(2025, 9, 8)


def row(**kw):
	values = dict(
		inspector="duty", duty_role=a.TEACHER, inspection_item="卫生", class_record=None, grade_level=0,
		weekday=None, from_date=None, to_date=None, confirming_teacher=None, pupil_class=None,
		roster_from=MONDAY, roster_to=date(2025, 9, 12),
	)  # fmt: skip
	return SimpleNamespace(**(values | kw))


def cls(name, grade):
	return SimpleNamespace(name=name, grade_level=grade)


def test_a_row_applies_within_its_rosters_and_its_own_dates_on_its_weekday():
	assert [a.applies_on(row(), MONDAY.replace(day=d)) for d in (7, 8, 12, 13)] == [False, True, True, False]
	week_end = row(from_date=date(2025, 9, 11))
	assert [a.applies_on(week_end, MONDAY.replace(day=d)) for d in (10, 11, 12)] == [False, True, True]
	wednesdays = row(weekday="Wednesday")
	assert [a.applies_on(wednesdays, MONDAY.replace(day=d)) for d in range(8, 13)] == [
		False, False, True, False, False,
	]  # fmt: skip


def test_a_row_covers_its_class_or_its_grade_or_every_class():
	assert a.covers_class(row(class_record="3-1"), "3-1", 3) and not a.covers_class(
		row(class_record="3-1"), "3-2", 3
	)
	assert a.covers_class(row(grade_level=3), "3-2", 3) and not a.covers_class(row(grade_level=3), "4-1", 4)
	assert a.covers_class(row(), "4-1", 4)


def test_a_pupil_never_gets_their_own_class_and_their_teacher_confirms():
	rows = [
		row(
			inspector="pupil", duty_role=a.PUPIL, grade_level=3, pupil_class="3-2", confirming_teacher="duty"
		),
		row(inspection_item="纪律", class_record="3-1"),
	]
	classes = [cls("3-1", 3), cls("3-2", 3), cls("4-1", 4)]
	assert [c.name for c in a.classes_of(rows, "卫生", classes)] == ["3-1"]
	assert a.items_of(rows) == ["卫生", "纪律"]
	assert a.confirmers(a.matching(rows, "卫生", "3-1", 3)) == {"duty"}
	assert a.confirmers(a.matching(rows, "纪律", "3-1", 3)) == set()  # a teacher's row: no confirmer
