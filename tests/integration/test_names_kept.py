"""People by name (issue 15): the full name kept beside each teacher link is the teacher's, also
where Frappe's fetch does not run: a class teacher that follows the dates, the assignment a class
set up with a class teacher alone gets, the daily handover, and the rows written in bulk
(inspections of a round or the demo school, the published red flags). A user id in these fields
is what the lists and reports would show instead of a name."""

import datetime

import frappe
import pytest

from class_teacher_appraisal import appraisals
from class_teacher_appraisal.class_teachers import sync_current_teachers
from class_teacher_appraisal.inspections import insert_submitted
from tests.factories import inspect, make_class, make_period

LEAVING, ARRIVING = "teacher51@example.cn", "teacher52@example.cn"


@pytest.fixture
def today() -> datetime.date:
	"""The site's today (in its time zone, as the server dates a handover), not the machine's."""
	return frappe.utils.getdate()


def name_of(user: str) -> str:
	full_name = frappe.db.get_value("User", user, "full_name")
	assert full_name and full_name != user
	return full_name


def test_a_class_set_up_with_its_class_teacher_alone_names_them_on_its_assignment():
	cls = make_class("五年级(1)班", 5, class_teacher=LEAVING)
	assert cls.teacher_name == name_of(LEAVING)
	assert [(r.teacher, r.teacher_name) for r in cls.assignments] == [(LEAVING, name_of(LEAVING))]
	stored = frappe.get_all("Class Teacher Assignment", {"parent": cls.name}, pluck="teacher_name")
	assert stored == [name_of(LEAVING)]


def test_the_class_teacher_that_follows_the_dates_is_named(today):
	cls = make_class(
		"五年级(2)班",
		5,
		assignments=[
			{"teacher": LEAVING, "from_date": today - datetime.timedelta(days=30), "to_date": today},
			{"teacher": ARRIVING, "from_date": today + datetime.timedelta(days=1)},
		],
	)
	assert (cls.class_teacher, cls.teacher_name) == (LEAVING, name_of(LEAVING))
	cls.assignments[0].to_date = today - datetime.timedelta(days=1)
	cls.assignments[1].from_date = today
	cls.save()
	stored = frappe.db.get_value("Class Record", cls.name, ["class_teacher", "teacher_name"])
	assert stored == (ARRIVING, name_of(ARRIVING))


def test_the_daily_handover_moves_the_name_with_the_teacher(today):
	cls = make_class(
		"五年级(3)班",
		5,
		assignments=[
			{"teacher": LEAVING, "from_date": today - datetime.timedelta(days=30), "to_date": today},
			{"teacher": ARRIVING, "from_date": today + datetime.timedelta(days=1)},
		],
	).name
	# the handover's day has come: the assignments say ARRIVING, the stored fields still LEAVING
	frappe.db.set_value(
		"Class Teacher Assignment",
		{"parent": cls, "teacher": LEAVING},
		"to_date",
		today - datetime.timedelta(days=1),
	)
	frappe.db.set_value("Class Teacher Assignment", {"parent": cls, "teacher": ARRIVING}, "from_date", today)
	sync_current_teachers()
	stored = frappe.db.get_value("Class Record", cls, ["class_teacher", "teacher_name"])
	assert stored == (ARRIVING, name_of(ARRIVING))  # fmt: skip


def test_inspections_written_in_bulk_carry_the_teacher_and_grade_names():
	cls = make_class("五年级(4)班", 5, class_teacher=LEAVING).name
	make_period("2025年9月（批量）", "2025-09-01", "2025-09-30", period_type="Month")
	(name,) = insert_submitted(
		[{"inspection_date": "2025-09-10", "class_record": cls, "inspection_item": "卫生", "score": 9}]
	)
	stored = frappe.db.get_value("Inspection", name, ["teacher_name", "grade_name"], as_dict=True)
	assert stored == {"teacher_name": name_of(LEAVING), "grade_name": "Grade 5"}


def test_inspections_entered_in_the_form_carry_the_same_names():
	cls = make_class("五年级(5)班", 5, class_teacher=LEAVING).name
	make_period("2025年9月（表单）", "2025-09-01", "2025-09-30", period_type="Month")
	doc = inspect(cls, "卫生", "2025-09-10", 9)
	assert (doc.teacher_name, doc.grade_name) == (name_of(LEAVING), "Grade 5")


@pytest.fixture
def flags_of_a_class_that_changed_teacher():
	cls = make_class(
		"五年级(6)班",
		5,
		assignments=[
			{"teacher": LEAVING, "from_date": "2025-09-01", "to_date": "2025-09-07"},
			{"teacher": ARRIVING, "from_date": "2025-09-08"},
		],
	).name
	period = make_period("2025年9月（红旗）", "2025-09-01", "2025-09-14", period_type="Month")
	for day in ("2025-09-02", "2025-09-09"):  # a week each
		inspect(cls, "卫生", day, 10)
	appraisals.award_flags(period.name)
	return period.name


def test_published_red_flags_name_the_teacher_of_their_week(flags_of_a_class_that_changed_teacher):
	rows = frappe.get_all(
		"Red Flag Award",
		{"appraisal_period": flags_of_a_class_that_changed_teacher, "inspection_item": "卫生"},
		["week_start", "class_teacher", "teacher_name", "grade_name"],
		order_by="week_start",
	)
	assert [(str(r.week_start), r.class_teacher, r.teacher_name, r.grade_name) for r in rows] == [
		("2025-09-01", LEAVING, name_of(LEAVING), "Grade 5"),
		("2025-09-08", ARRIVING, name_of(ARRIVING), "Grade 5"),
	]
