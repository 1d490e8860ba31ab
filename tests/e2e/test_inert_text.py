"""What one user typed is shown as text in another's Desk: a <script> or an <img onerror> kept
as it was typed (a submitted inspection's remarks and incident reason, an appeal's decision, an
appraisal's note) runs nothing in the office's browser, and reads literally where it is shown."""

import frappe
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shot

OFFICE = "li.office@demo-school.cn"
INSPECTOR = "zhao.duty@demo-school.cn"
TYPED = "<script>alert(1)</script> <img src=x onerror=alert(1)>"
DATE = "2025-10-07"  # a day of the demo term's October holiday: no inspections
ITEM = "升旗出勤"
APPRAISAL = "Class Teacher Appraisal"


def forget(marker):
	frappe.db.rollback()
	inspections = frappe.get_all(
		"Inspection", filters={"inspection_date": DATE, "inspection_item": ITEM}, pluck="name"
	)
	frappe.db.delete("Inspection Incident", {"parent": ["in", inspections or [""]]})
	frappe.db.delete("Inspection", {"name": ["in", inspections or [""]]})
	appeals = frappe.get_all("Appraisal Appeal", filters={"reason": marker}, pluck="name")
	frappe.db.delete("Appraisal Appeal Line", {"parent": ["in", appeals or [""]]})
	frappe.db.delete("Appraisal Appeal", {"name": ["in", appeals or [""]]})
	frappe.db.commit()


@pytest.fixture(scope="module")
def typed(e2e_site):
	"""The text saved as it was typed: an inspection recorded and submitted in one call by the
	duty teacher (Frappe keeps a submitted document's text as it is), an appeal's decision (the
	office's decision is written straight to the appeal) and an approved appraisal's note."""
	marker = f"e2e inert text {TYPED}"
	forget(marker)
	cls = frappe.get_all(
		"Class Record", filters={"is_active": 1}, order_by="grade_level asc, class_name asc", limit=1
	)[0].name
	grade_level = frappe.db.get_value("Class Record", cls, "grade_level")
	frappe.set_user(INSPECTOR)
	inspection = frappe.get_doc(
		{
			"doctype": "Inspection",
			"inspection_date": DATE,
			"class_record": cls,
			"inspection_item": ITEM,
			"remarks": TYPED,
			"incidents": [{"incident_type": "学生缺席升旗", "count": 1, "reason": TYPED}],
			"docstatus": 1,
		}
	).insert()
	frappe.set_user("Administrator")
	approved = frappe.get_all(
		APPRAISAL, filters={"docstatus": 1}, fields=["name", "allowance_note"], limit=1
	)[0]
	appraisal = frappe.get_doc(APPRAISAL, approved.name)
	appeal = frappe.get_doc(
		{
			"doctype": "Appraisal Appeal",
			"appraisal": appraisal.name,
			"class_teacher": appraisal.class_teacher,
			"class_name": appraisal.class_name,
			"appraisal_period": appraisal.appraisal_period,
			"status": "Rejected",
			"reason": marker,
			"decision": TYPED,
			"lines": [
				{
					"criterion_code": appraisal.lines[0].criterion_code,
					"criterion_title": appraisal.lines[0].criterion_title,
					"reason": TYPED,
				}
			],
		}
	)
	appeal.set_new_name()
	appeal.db_insert()
	for line in appeal.lines:
		line.parent, line.parenttype, line.parentfield = appeal.name, appeal.doctype, "lines"
		line.set_new_name()
		line.db_insert()
	frappe.db.set_value(APPRAISAL, appraisal.name, "allowance_note", TYPED, update_modified=False)
	frappe.db.commit()
	try:
		yield frappe._dict(
			inspection=inspection.name,
			grade_level=grade_level,
			appeal=appeal.name,
			appraisal=appraisal.name,
		)
	finally:
		frappe.db.rollback()
		frappe.db.set_value(
			APPRAISAL, appraisal.name, "allowance_note", approved.allowance_note, update_modified=False
		)
		forget(marker)


@pytest.fixture
def office(login):
	"""The office's page, with every dialog (an alert() that ran) recorded and dismissed."""
	page = login(OFFICE)
	page.alerts = []
	page.on("dialog", lambda dialog: (page.alerts.append(dialog.message), dialog.dismiss()))
	return page


def nothing_ran(page):
	page.wait_for_timeout(800)  # an <img> fails to load, and its onerror would fire, a moment later
	assert page.alerts == [], f"script ran: {page.alerts}"
	assert page.locator('img[src="x"]').count() == 0
	assert page.locator("script:text('alert(1)')").count() == 0


def test_the_weekly_bulletin_shows_the_incident_reason_as_text(office, typed):
	office.goto(
		f"/app/query-report/Weekly Inspection Bulletin?week={DATE}&inspection_item={ITEM}"
		f"&grade_level={typed.grade_level}"
	)
	expect(office.locator(".dt-cell__content").filter(has_text=TYPED).first).to_be_visible()
	shot(office, "inert-1-bulletin")
	nothing_ran(office)


def test_the_submitted_inspection_shows_its_remarks_and_reasons_as_text(office, typed):
	office.goto(f"/app/inspection/{typed.inspection}")
	remarks = office.locator('.frappe-control[data-fieldname="remarks"] .control-value')
	expect(remarks).to_contain_text(TYPED)
	reason = office.locator('[data-fieldname="incidents"] .grid-body [data-fieldname="reason"]')
	expect(reason.first).to_contain_text(TYPED)
	shot(office, "inert-2-inspection")
	nothing_ran(office)


def test_the_appeal_shows_the_decision_and_the_lines_reasons_as_text(office, typed):
	office.goto(f"/app/appraisal-appeal/{typed.appeal}")
	decision = office.locator('.frappe-control[data-fieldname="decision"] .control-value')
	expect(decision).to_contain_text(TYPED)
	reason = office.locator('[data-fieldname="lines"] .grid-body [data-fieldname="reason"]')
	expect(reason.first).to_contain_text(TYPED)
	shot(office, "inert-3-appeal")
	nothing_ran(office)


def test_the_appraisal_shows_its_note_as_text(office, typed):
	office.goto(f"/app/class-teacher-appraisal/{typed.appraisal}")
	note = office.locator('.frappe-control[data-fieldname="allowance_note"] .control-value')
	expect(note).to_contain_text(TYPED)
	shot(office, "inert-4-appraisal")
	nothing_ran(office)
