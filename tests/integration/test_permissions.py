"""Who may see and change what, logged in as each role."""

import frappe
import pytest
from frappe.api.v1 import read_doc

from tests.factories import S6, appraisal_of, inspect, make_period, two_teacher_school


@pytest.fixture
def school():
	return two_teacher_school()


def test_a_class_teacher_lists_only_their_own_appraisal_and_inspections(school, as_user):
	users, classes, period = school
	with as_user(users["teacher_a"]):
		appraisals = frappe.get_list("Class Teacher Appraisal", pluck="class_record")
		inspections = frappe.get_list("Inspection", pluck="class_record")
	assert appraisals == [classes["a"]]
	assert inspections == [classes["a"]]


def test_a_class_teacher_cannot_open_another_teachers_appraisal(school, as_user):
	users, _classes, period = school
	other = appraisal_of(period.name, school[1]["b"])
	mine = appraisal_of(period.name, school[1]["a"])
	with as_user(users["teacher_a"]):
		assert frappe.has_permission("Class Teacher Appraisal", "read", mine)
		assert not frappe.has_permission("Class Teacher Appraisal", "read", other)
		with pytest.raises(frappe.PermissionError):
			frappe.get_doc("Class Teacher Appraisal", other.name).check_permission("read")
		with pytest.raises(frappe.PermissionError):
			read_doc("Class Teacher Appraisal", other.name)  # what GET /api/resource/... runs
		assert read_doc("Class Teacher Appraisal", mine.name).name == mine.name


def test_a_class_teacher_cannot_change_their_appraisal(school, as_user):
	users, classes, period = school
	with as_user(users["teacher_a"]):
		doc = appraisal_of(period.name, classes["a"])
		doc.lines[0].manual_points, doc.lines[0].manual_entered = 10, 1
		with pytest.raises(frappe.PermissionError):
			doc.save()
	assert appraisal_of(period.name, classes["a"]).lines[0].manual_points == 0


def test_inspectors_see_every_class_and_record_inspections_but_cannot_change_the_rubric(school, as_user):
	users, classes, _period = school
	with as_user(users["inspector"]):
		assert len(frappe.get_list("Inspection")) == 2
		assert inspect(classes["b"], "卫生", "2025-12-03", 8).docstatus == 1
		rubric = frappe.get_doc("Appraisal Rubric", S6)
		rubric.base_allowance = 1000
		with pytest.raises(frappe.PermissionError):
			rubric.save()
	assert frappe.db.get_value("Appraisal Rubric", S6, "base_allowance") == 200


def test_a_class_teacher_cannot_record_inspections(school, as_user):
	users, classes, _period = school
	with as_user(users["teacher_a"]), pytest.raises(frappe.PermissionError):
		inspect(classes["a"], "卫生", "2025-12-04", 10)
	assert not frappe.db.exists("Inspection", {"inspection_date": "2025-12-04"})


def test_raters_see_only_what_they_rated(school, as_user):
	users, classes, _ = school
	term = make_period("学期", "2025-09-01", "2026-01-18", rubric="班主任学期综合考核 v1")
	term.generate_appraisals()
	appraisal = appraisal_of(term.name, classes["a"])
	for rater in ("principal", "office"):
		with as_user(users[rater]):
			frappe.get_doc(
				{
					"doctype": "Appraisal Rating",
					"appraisal": appraisal.name,
					"rater": users[rater],
					"rater_group": "Leadership",
					"scores": [{"criterion_code": "T-03", "score": 90}],
				}
			).insert()
	with as_user(users["teacher_a"]):  # the appraised teacher does not see who rated them how
		assert frappe.get_list("Appraisal Rating") == []
	with as_user(users["office"]):
		assert len(frappe.get_list("Appraisal Rating")) == 2
