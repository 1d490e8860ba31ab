"""The office, the principal and a class teacher at work in the Desk, in Chinese: live totals
while a hand-scored line is entered, the workflow buttons, the printed sheet, the evidence one
click from a line, and the four reports with their charts."""

import re
from urllib.parse import quote

import frappe
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shot

OFFICE = "li.office@demo-school.cn"
PRINCIPAL = "zhang.principal@demo-school.cn"
TEACHER = "wangli@demo-school.cn"
APPRAISAL = "Class Teacher Appraisal"
SHEET = "Class Teacher Appraisal Sheet"


def value_of(page, fieldname):
	return page.locator(f'.frappe-control[data-fieldname="{fieldname}"] .control-value').first


def open_appraisal(page, name):
	page.goto(f"/app/class-teacher-appraisal/{name}")
	expect(value_of(page, "total_score")).to_be_visible()


def workflow_action(page, label):
	page.locator(".page-actions").get_by_role("button", name="操作").click()
	page.locator(".page-actions .dropdown-menu").get_by_text(label, exact=True).click()


def stored(name, field):
	frappe.db.rollback()  # a new snapshot: the browser's changes were made by the web server
	return frappe.db.get_value(APPRAISAL, name, field)


def test_office_edits_and_forwards_the_principal_approves_the_teacher_prints(login, pending_appraisal):
	name = pending_appraisal.name
	doc = frappe.get_doc(APPRAISAL, name)
	row = next(r for r in doc.lines if r.criterion_code == pending_appraisal.empty_line)
	before = float(doc.total_score)

	office = login(OFFICE)
	open_appraisal(office, name)
	expect(office.locator(".indicator-pill").filter(has_text="待教导处审核").first).to_be_visible()
	expect(office.get_by_text("总分").first).to_be_visible()  # the form speaks Chinese
	cell = office.locator(
		f'[data-fieldname="lines"] .grid-row[data-idx="{row.idx}"] [data-fieldname="manual_points"]'
	)
	cell.first.click()
	field = office.locator(
		f'[data-fieldname="lines"] .grid-row[data-idx="{row.idx}"] input[data-fieldname="manual_points"]'
	)
	field.fill(str(int(row.max_points)))
	field.press("Tab")
	expected = f"{before + row.max_points:.2f}"
	expect(value_of(office, "total_score")).to_have_text(
		re.compile(re.escape(expected.rstrip("0").rstrip(".")))
	)
	shot(office, "1-office-live-total")
	office.keyboard.press("Control+s")
	expect(office.locator(".indicator-pill").filter(has_text="未保存")).to_have_count(0)
	assert float(stored(name, "total_score")) == pytest.approx(before + row.max_points)
	assert stored(name, "pending_questions") == 0

	workflow_action(office, "报校长审批")
	expect(office.locator(".indicator-pill").filter(has_text="待校长审批").first).to_be_visible()
	assert stored(name, "workflow_state") == "Pending Principal Approval"

	principal = login(PRINCIPAL)
	open_appraisal(principal, name)
	workflow_action(principal, "批准")
	expect(principal.locator(".indicator-pill").filter(has_text="已批准").first).to_be_visible()
	shot(principal, "2-principal-approved")
	assert (stored(name, "workflow_state"), stored(name, "docstatus")) == ("Approved", 1)

	teacher = login(TEACHER)
	teacher.goto(f"/printview?doctype={quote(APPRAISAL)}&name={name}&format={quote(SHEET)}&no_letterhead=1")
	expect(teacher.get_by_text("班主任考核表").first).to_be_visible()
	expect(teacher.get_by_text(doc.class_name).first).to_be_visible()
	shot(teacher, "3-teacher-print-view")
	pdf = teacher.request.get(
		f"/api/method/frappe.utils.print_format.download_pdf?doctype={quote(APPRAISAL)}"
		f"&name={name}&format={quote(SHEET)}&no_letterhead=1"
	)
	assert pdf.ok and pdf.body()[:4] == b"%PDF", pdf.text()[:300]


def test_returning_asks_why_and_the_reason_is_kept(login, pending_appraisal):
	name = pending_appraisal.to_return
	office = login(OFFICE)
	open_appraisal(office, name)
	workflow_action(office, "退回")
	dialog = office.locator(".modal.show").filter(has_text="退回原因是什么？")
	dialog.locator("textarea").fill("班务记载缺本月家访记录")
	dialog.get_by_role("button", name="退回").click()
	expect(office.locator(".indicator-pill").filter(has_text="草稿").first).to_be_visible()
	shot(office, "2b-office-returned-with-reason")
	assert stored(name, "workflow_state") == "Draft"
	assert stored(name, "return_reason") == "班务记载缺本月家访记录"
	comments = frappe.get_all("Comment", filters={"reference_name": name}, pluck="content")
	assert "已退回：班务记载缺本月家访记录" in comments or "Returned: 班务记载缺本月家访记录" in comments


def test_the_evidence_of_a_line_is_one_click_away(login):
	name, line = frappe.db.sql(
		"""select a.name, l.name from `tabClass Teacher Appraisal` a
		join `tabClass Teacher Appraisal Line` l on l.parent = a.name
		where a.appraisal_period = '2025-2026学年第一学期' and a.class_teacher = %s
		and exists (select 1 from `tabInspection` i where i.class_record = a.class_record and i.docstatus = 1
			and i.inspection_item = json_value(l.evidence, '$.item'))
		order by l.idx limit 1""",
		TEACHER,
	)[0]
	page = login(OFFICE)
	open_appraisal(page, name)
	page.locator(f'a.cta-evidence[data-row="{line}"]').click()
	expect(page).to_have_url(re.compile(r"/(app|desk)/inspection"))
	expect(page.locator(".list-row-container").first).to_be_visible()
	expect(page.locator(".filter-button, .filter-selector").first).to_contain_text(re.compile(r"\d"))
	shot(page, "4-evidence-inspections")


REPORTS = [
	("Appraisal Ranking", {"appraisal_period": "2025年10月"}, "考核排名"),
	("Weekly Inspection Bulletin", {"week": "2025-10-22"}, "周通报"),
	("Red Flag Tally", {"appraisal_period": "2025-2026学年第一学期"}, "流动红旗统计"),
	("Teacher History", {"class_teacher": TEACHER}, "班主任历年考核"),
]


@pytest.mark.parametrize(("report", "filters", "title"), REPORTS, ids=[r[0] for r in REPORTS])
def test_each_report_renders_with_its_chart(login, report, filters, title, server):
	page = login(OFFICE)
	query = "&".join(f"{k}={quote(v)}" for k, v in filters.items())
	page.goto(f"/app/query-report/{quote(report)}?{query}")
	expect(page.locator(".page-title").first).to_contain_text(title)
	for name, value in filters.items():
		# a person's filter shows their name (people's names in link fields)
		shown = frappe.db.get_value("User", value, "full_name") if name == "class_teacher" else value
		expect(page.locator(f'.page-form [data-fieldname="{name}"] input').first).to_have_value(shown)
	expect(page.locator(".dt-row").nth(1)).to_be_visible()
	# the chart has drawn its bars or line (frappe-charts animates them in)
	page.wait_for_function(
		"""() => [...document.querySelectorAll(".chart-container .frappe-chart .dataset-units rect,"
			+ " .chart-container .frappe-chart path.line-graph-path")]
			.some((shape) => shape.getBBox().height > 2 || shape.getBBox().width > 20)"""
	)
	page.wait_for_timeout(800)  # the end of the animation, for the screenshot
	shot(page, f"5-report-{report.lower().replace(' ', '-')}")


def test_the_workspace_shows_cards_charts_and_report_shortcuts(login):
	page = login(PRINCIPAL)
	page.goto("/app/class-teacher-appraisals")
	for label in ("待我处理的考核", "本周流动红旗", "待处理申诉"):
		card = page.locator(".number-widget-box").filter(has_text=label)
		expect(card).to_be_visible()
		expect(card.locator(".widget-content .number")).to_have_text(re.compile(r"\d"))
	for label in ("等级分布", "各部分平均分"):
		chart = page.locator(".dashboard-widget-box").filter(has_text=label)
		expect(chart.locator(".frappe-chart").first).to_be_visible()
	page.locator(".shortcut-widget-box").filter(has_text="考核排名").click()
	expect(page).to_have_url(re.compile(r"/(app|desk)/query-report/Appraisal"))
	shot(page, "6-workspace-to-ranking")
