import frappe
import pytest

from tests.factories import make_class, make_user


def test_class_record_is_written_to_mariadb_and_read_back():
	teacher = make_user("li.hua@example.cn", first_name="李华")
	doc = make_class("三年级(2)班", 3, "2025-2026", class_teacher=teacher, pupil_count=42)

	assert doc.name == "2025-2026 三年级(2)班"
	row = frappe.db.sql(
		"select class_name, grade_level, class_teacher, pupil_count, is_active from `tabClass Record` where name=%s",
		doc.name,
		as_dict=True,
	)
	assert row == [
		{
			"class_name": "三年级(2)班",
			"grade_level": 3,
			"class_teacher": teacher,
			"pupil_count": 42,
			"is_active": 1,
		}
	]
	assert frappe.get_doc("Class Record", doc.name).class_teacher == teacher


def test_each_test_is_rolled_back():
	make_class("一年级(1)班", 1)
	assert frappe.db.exists("Class Record", "2025-2026 一年级(1)班")
	frappe.db.rollback()
	assert not frappe.db.exists("Class Record", "2025-2026 一年级(1)班")


def test_previous_tests_left_nothing_behind():
	assert not frappe.db.exists("Class Record", "2025-2026 三年级(2)班")


@pytest.mark.parametrize("grade_level", [0, 13, -1])
def test_grade_level_outside_1_to_12_is_rejected(grade_level):
	with pytest.raises(frappe.ValidationError, match="Grade level must be between 1 and 12"):
		make_class("七年级(3)班", grade_level)
	assert not frappe.db.exists("Class Record", "2025-2026 七年级(3)班")


def test_deputy_cannot_be_the_class_teacher():
	teacher = make_user("wang.fang@example.cn")
	with pytest.raises(frappe.ValidationError, match="deputy class teacher cannot be the class teacher"):
		make_class(class_teacher=teacher, deputy_teacher=teacher)


def test_duplicate_class_in_the_same_year_is_rejected():
	make_class("五年级(1)班", 5)
	with pytest.raises(frappe.DuplicateEntryError):
		make_class("五年级(1)班", 5)


def test_acting_as_a_user_without_the_role_is_refused(as_user):
	visitor = make_user("visitor@example.cn")
	with as_user(visitor):
		assert frappe.session.user == visitor
		with pytest.raises(frappe.PermissionError):
			make_class("六年级(2)班", 6)
	assert frappe.session.user == "Administrator"
