"""Appeals (申诉): the class teacher appeals lines of an approved appraisal within the window;
the office accepts (amend and re-approve, the old version kept) or rejects with a reason."""

import frappe
import pytest
from frappe.utils import add_days, now_datetime

from tests.conftest import acting_as
from tests.factories import S6, approve, fill_manual, make_period, monthly_appraisal

TEACHER, OTHER, OFFICE = "a.teacher@example.cn", "b.teacher@example.cn", "office@example.cn"


@pytest.fixture
def approved():
	doc = monthly_appraisal("二年级(5)班", 2, TEACHER, "2025年9月", "2025-09-01", "2025-09-30")
	return approve(fill_manual(doc, short_by=2))


def appeal(appraisal, user=TEACHER, code="S6-03"):
	with acting_as(user):
		return frappe.get_doc(
			{
				"doctype": "Appraisal Appeal",
				"appraisal": appraisal.name,
				"reason": "常规管理扣分有误",
				"lines": [{"criterion_code": code, "reason": "10月12日的路队检查记错了班级"}],
			}
		).insert()


def test_the_teacher_appeals_and_the_office_accepts_and_amends(approved):
	opened = appeal(approved)
	assert opened.status == "Open" and opened.lines[0].points == 38
	frappe.db.after_commit.run()  # as a commit would: notifications go out once the change is committed
	told = frappe.get_all(
		"Notification Log", filters={"for_user": OFFICE, "document_name": opened.name}, pluck="subject"
	)
	# the teacher by name and the appraisal by its class and period, no user id
	teacher = frappe.db.get_value("User", TEACHER, "full_name")
	assert told == [f"{teacher} appeals appraisal {approved.title}"] and "@" not in told[0]
	with acting_as(OFFICE):
		amended_name = frappe.get_doc("Appraisal Appeal", opened.name).accept("核实后更正")
	assert frappe.db.get_value("Class Teacher Appraisal", approved.name, ["docstatus", "workflow_state"]) == (
		2,
		"Cancelled",
	)
	amended = frappe.get_doc("Class Teacher Appraisal", amended_name)
	assert (amended.amended_from, amended.docstatus, amended.workflow_state) == (approved.name, 0, "Draft")
	amended.lines[2].manual_points = 40
	amended.save()
	assert approve(amended).total_score == approved.total_score + 2
	decided = frappe.get_doc("Appraisal Appeal", opened.name)
	assert (decided.status, decided.amended_appraisal, decided.decided_by) == (
		"Accepted",
		amended_name,
		OFFICE,
	)


def test_rejecting_needs_a_reason_which_the_teacher_is_told(approved):
	opened = appeal(approved)
	with acting_as(OFFICE):
		with pytest.raises(frappe.MandatoryError):
			frappe.get_doc("Appraisal Appeal", opened.name).reject("")
		frappe.get_doc("Appraisal Appeal", opened.name).reject("检查记录无误")
	assert frappe.db.get_value("Appraisal Appeal", opened.name, "status") == "Rejected"
	assert frappe.db.get_value("Class Teacher Appraisal", approved.name, "docstatus") == 1
	frappe.db.after_commit.run()  # as a commit would
	subjects = frappe.get_all(
		"Notification Log", filters={"for_user": TEACHER, "document_name": opened.name}, pluck="subject"
	)
	assert any("检查记录无误" in s for s in subjects)


def test_only_the_appraised_teacher_appeals_and_only_in_time(approved):
	with pytest.raises(frappe.PermissionError):
		appeal(approved, user=OTHER)
	frappe.db.set_value("Class Teacher Appraisal", approved.name, "approved_on", add_days(now_datetime(), -8))
	with pytest.raises(frappe.ValidationError, match="Appeals are possible for 7 days after approval"):
		appeal(approved)
	assert not frappe.db.exists("Appraisal Appeal", {"appraisal": approved.name})


def test_a_draft_cannot_be_appealed_and_lines_must_exist(approved):
	with pytest.raises(frappe.ValidationError, match="is not a line of the appraisal"):
		appeal(approved, code="X-99")
	period = make_period("2025年8月", "2025-08-01", "2025-08-31", rubric=S6, period_type="Month")
	period.generate_appraisals()
	draft = frappe.get_last_doc("Class Teacher Appraisal", filters={"appraisal_period": period.name})
	with pytest.raises(frappe.ValidationError, match="Only an approved appraisal can be appealed"):
		appeal(draft)


def test_teachers_see_only_their_own_appeals(approved):
	opened = appeal(approved)
	with acting_as(OTHER):
		assert frappe.get_list("Appraisal Appeal") == []
		assert not frappe.has_permission(
			"Appraisal Appeal", "read", frappe.get_doc("Appraisal Appeal", opened.name)
		)
	with acting_as(OFFICE):
		assert [a.name for a in frappe.get_list("Appraisal Appeal")] == [opened.name]
