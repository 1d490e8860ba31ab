"""The demo school's master class-teacher studio in the Desk, in Chinese (issue 14): the host
records a group study with attendance, a member adds reading notes that the host confirms, the
member's progress counts them, and the member's annual assessment goes from the host to the
principal and is approved."""

from datetime import datetime

import frappe
import pytest
from playwright.sync_api import expect

from class_teacher_appraisal import demo
from tests.e2e.conftest import shot

HOST, MEMBER = "zhangwei@demo-school.cn", "liuyang@demo-school.cn"
PRINCIPAL = "zhang.principal@demo-school.cn"
MARK = "E2E 工作室"


def forget(period: str | None):
	"""Takes away what a run of this test made (the e2e site keeps its data)."""
	frappe.db.rollback()
	for doctype, child in (("Studio Activity", "Studio Attendance"), ("Appraisal Activity", None)):
		names = frappe.get_all(doctype, filters={"title": ["like", f"{MARK}%"]}, pluck="name")
		if child:
			frappe.db.delete(child, {"parent": ["in", names or [""]]})
		frappe.db.delete(doctype, {"name": ["in", names or [""]]})
	if period:
		assessments = frappe.get_all("Studio Assessment", filters={"appraisal_period": period}, pluck="name")
		for child in ("Class Teacher Appraisal Line", "Class Teacher Appraisal Section"):
			frappe.db.delete(
				child, {"parenttype": "Studio Assessment", "parent": ["in", assessments or [""]]}
			)
		frappe.db.delete("Appraisal Consequence", {"studio_assessment": ["in", assessments or [""]]})
		frappe.db.delete("Workflow Action", {"reference_name": ["in", assessments or [""]]})
		frappe.db.delete("Studio Assessment", {"appraisal_period": period})
		frappe.db.delete("Appraisal Period", {"name": period})
	frappe.db.commit()


@pytest.fixture
def studio_year(e2e_site):
	"""A school year of the demo studio's charter of its own (the demo's year has its drafts)."""
	forget(None)
	name = f"E2E 工作室学年 {datetime.now():%Y%m%d-%H%M%S}"
	frappe.get_doc(
		{
			"doctype": "Appraisal Period",
			"period_name": name,
			"period_type": "Year",
			"academic_year": demo.YEAR,
			"start_date": demo.STUDIO_START,
			"end_date": demo.STUDIO_END,
			"rubric": frappe.db.get_value("Class Teacher Studio", demo.STUDIO, "charter"),
		}
	).insert()
	frappe.db.commit()
	yield name
	forget(name)


def primary(page, label):
	page.locator(".page-head .primary-action").filter(has_text=label).click()


def submit(page):
	primary(page, "提交")
	page.locator(".modal.show").get_by_role("button", name="是").click()
	expect(page.locator(".indicator-pill").filter(has_text="已提交").first).to_be_visible()


def workflow_action(page, label):
	page.locator(".page-actions").get_by_role("button", name="操作").click()
	page.locator(".page-actions .dropdown-menu").get_by_text(label, exact=True).click()


def progress_of(member, period, kind) -> tuple:
	from class_teacher_appraisal.class_teacher_appraisal.report.studio_progress import studio_progress

	frappe.db.rollback()
	_columns, rows, *_ = studio_progress.execute(
		{"appraisal_period": period, "studio": demo.STUDIO, "member": member}
	)
	row = next(r for r in rows if r.get("activity_kind") == kind or kind in str(r.get("obligation", "")))
	return row


def test_a_studio_year_from_the_hosts_records_to_the_principals_approval(login, studio_year):
	# the host records a group study with its attendance and submits it
	host = login(HOST)
	host.goto("/app/studio-activity/new")
	expect(host.locator('.frappe-control[data-fieldname="activity_kind"]')).to_be_visible()
	host.evaluate(
		"""([studio, title]) => {
			cur_frm.set_value({studio: studio, activity_kind: "集中学习", title: title,
				activity_date: "2026-05-13", hours: 2});
			cur_frm.add_child("attendance", {member: "liuyang@demo-school.cn", present: 1});
			cur_frm.add_child("attendance", {member: "chenjing@demo-school.cn", present: 0});
			cur_frm.refresh_field("attendance");
		}""",
		[demo.STUDIO, f"{MARK} 5月第二次集中学习"],
	)
	expect(host.locator('[data-fieldname="attendance"] .grid-body .grid-row')).to_have_count(2)
	host.keyboard.press("Control+s")
	expect(host.locator(".indicator-pill").filter(has_text="草稿").first).to_be_visible()
	shot(host, "9-studio-activity")
	submit(host)
	frappe.db.rollback()
	activity = frappe.get_all(
		"Studio Activity", filters={"title": ["like", f"{MARK}%"]}, fields=["name", "docstatus", "owner"]
	)
	assert [(a.docstatus, a.owner) for a in activity] == [(1, HOST)]
	present = frappe.get_all(
		"Studio Attendance", filters={"parent": activity[0].name, "present": 1}, pluck="member"
	)
	assert present == [MEMBER]

	# the member adds reading notes for the studio; the host confirms them
	before = progress_of(MEMBER, studio_year, "读书心得")
	member = login(MEMBER)
	member.goto("/app/appraisal-activity/new")
	expect(member.locator('.frappe-control[data-fieldname="activity_kind"]')).to_be_visible()
	member.evaluate(
		"""([studio, title]) => cur_frm.set_value({activity_kind: "读书心得", title: title,
			activity_date: "2026-05-14", studio: studio})""",
		[demo.STUDIO, f"{MARK} 《给教师的建议》读书心得"],
	)
	member.keyboard.press("Control+s")
	expect(member.locator(".indicator-pill").filter(has_text="草稿").first).to_be_visible()
	notes = member.url.rstrip("/").rsplit("/", 1)[-1]
	frappe.db.rollback()
	assert frappe.db.get_value("Appraisal Activity", notes, ["person", "docstatus"]) == (MEMBER, 0)
	host.goto(f"/app/appraisal-activity/{notes}")
	submit(host)
	frappe.db.rollback()
	assert frappe.db.get_value("Appraisal Activity", notes, ["docstatus", "confirmed_by"]) == (1, HOST)

	# the member's progress counts the confirmed notes
	after = progress_of(MEMBER, studio_year, "读书心得")
	assert after["done"] == before["done"] + 1
	member.goto(f"/app/query-report/Studio Progress?appraisal_period={studio_year}")
	expect(member.locator(".dt-scrollable").get_by_text("读书心得").first).to_be_visible()
	shot(member, "9-studio-progress")

	# the host generates the year's assessments, enters the judged lines and sends the member's on
	host.goto("/app/studio-assessment")
	host.get_by_role("button", name="生成工作室年度考核").click()
	expect(host.locator(".modal.show").get_by_text("生成工作室年度考核").first).to_be_visible()
	host.wait_for_function("() => window.cur_dialog && cur_dialog.display")  # shown, not fading in
	host.evaluate(
		"([studio, year]) => cur_dialog.set_values({studio: studio, appraisal_period: year})",
		[demo.STUDIO, studio_year],
	)
	with host.expect_response(lambda r: "generate_studio_assessments" in r.url) as generated:
		host.locator(".modal.show .btn-primary").filter(has_text="生成").click()
	assert generated.value.ok
	frappe.db.rollback()
	name = frappe.db.get_value(
		"Studio Assessment", {"appraisal_period": studio_year, "member": MEMBER}, "name"
	)
	assert name
	host.goto(f"/app/studio-assessment/{name}")
	expect(host.locator('.frappe-control[data-fieldname="total_score"]')).to_be_visible()
	host.evaluate(
		"""() => cur_frm.doc.lines.filter((l) => l.rule_kind === "Manual Points").forEach((l) => {
			frappe.model.set_value(l.doctype, l.name, "manual_points", l.max_points);
			frappe.model.set_value(l.doctype, l.name, "manual_entered", 1);
		})"""
	)
	host.keyboard.press("Control+s")
	expect(host.locator(".indicator-pill").filter(has_text="草稿").first).to_be_visible()
	frappe.db.rollback()
	assert frappe.db.get_value("Studio Assessment", name, "pending_questions") == 0
	workflow_action(host, "提交审批")
	expect(host.locator(".indicator-pill").filter(has_text="待领导审批").first).to_be_visible()
	shot(host, "9-studio-assessment")

	# the principal approves; the grade's consequence is on the member's history
	principal = login(PRINCIPAL)
	principal.goto(f"/app/studio-assessment/{name}")
	workflow_action(principal, "批准")
	expect(principal.locator(".indicator-pill").filter(has_text="已批准").first).to_be_visible()
	frappe.db.rollback()
	doc = frappe.get_doc("Studio Assessment", name)
	assert (doc.docstatus, doc.workflow_state) == (1, "Approved")
	consequences = frappe.get_all("Appraisal Consequence", filters={"studio_assessment": name}, pluck="grade")
	assert all(g == doc.grade for g in consequences)
