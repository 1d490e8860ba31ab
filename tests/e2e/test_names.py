"""People by name and grade levels by their school names in the Desk (issue 15): the office and a
class teacher open the workspace, the reports, the lists, the forms and the printed sheet, and no
user id (an e-mail) shows where a person's name belongs, neither in the text nor in a field's box;
grade levels read 一年级 …, in the reports' grade filter too."""

import re
from collections import Counter
from urllib.parse import quote

import frappe
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shot

OFFICE = "li.office@demo-school.cn"
TEACHER = "wangli@demo-school.cn"
USER_ID = re.compile(r"[\w.+-]+@demo-school\.cn")
APPRAISAL = "Class Teacher Appraisal"


def full_name(user: str) -> str:
	return frappe.db.get_value("User", user, "full_name")


def shown_ids(page) -> list[str]:
	"""User ids in what the page shows: its text and the values in its visible inputs. Not the
	signed-in user's own account menu (Frappe 16's sidebar shows their name, and under it the
	account's id): each id found there once is taken off the page's count once."""
	text = page.locator("body").inner_text()
	values = page.eval_on_selector_all(
		"input, textarea", "els => els.filter((e) => e.offsetParent !== null).map((e) => e.value)"
	)
	shown = Counter(m for chunk in [text, *values] for m in USER_ID.findall(chunk or ""))
	own_menu = page.get_by_role("button", name="用户菜单").filter(visible=True)
	for menu in own_menu.all_inner_texts():
		shown.subtract(USER_ID.findall(menu))
	return sorted(m for m, count in shown.items() if count > 0)


def wait_for_page(page, ready: str):
	expect(page.locator(ready).first).to_be_visible(timeout=30_000)
	page.wait_for_timeout(1200)  # link titles and report rows are filled in a moment later


def teacher_pages():
	appraisal = frappe.get_all(
		APPRAISAL, filters={"class_teacher": TEACHER, "docstatus": 1}, pluck="name", limit=1
	)[0]
	inspection = frappe.get_all("Inspection", filters={"class_teacher": TEACHER}, pluck="name", limit=1)[0]
	return [
		("workspace", "/app/class-teacher-appraisals", ".dashboard-widget-box .frappe-chart"),
		("teacher-history", "/app/query-report/Teacher History", ".dt-row"),
		("quota-progress", "/app/query-report/Quota Progress", ".dt-row"),
		("appraisals", "/app/class-teacher-appraisal", ".list-row-container"),
		("inspections", "/app/inspection", ".list-row-container"),
		("appraisal", f"/app/class-teacher-appraisal/{appraisal}", '[data-fieldname="total_score"]'),
		("inspection", f"/app/inspection/{inspection}", '[data-fieldname="inspector"]'),
	]


def office_pages():
	cls = frappe.db.get_value("Class Record", {"class_teacher": TEACHER})
	return [
		("workspace", "/app/class-teacher-appraisals", ".dashboard-widget-box .frappe-chart"),
		("ranking", "/app/query-report/Appraisal Ranking?appraisal_period=2025年10月", ".dt-row"),
		("red-flag-tally", f"/app/query-report/Red Flag Tally?appraisal_period={quote('2025-2026学年第一学期')}", ".dt-row"),
		("bulletin", "/app/query-report/Weekly Inspection Bulletin?week=2025-11-10", ".dt-row"),
		("studio-progress", "/app/query-report/Studio Progress", ".dt-row"),
		("class-records", "/app/class-record", ".list-row-container"),
		("class-record", f"/app/class-record/{quote(cls)}", '[data-fieldname="assignments"] .grid-row'),
		("ratings", "/app/appraisal-rating", ".list-row-container"),
		("red-flags", "/app/red-flag-award", ".list-row-container"),
		("activities", "/app/appraisal-activity", ".list-row-container"),
		("memberships", "/app/studio-membership", ".list-row-container"),
	]  # fmt: skip


@pytest.mark.parametrize("user", [TEACHER, OFFICE], ids=["class-teacher", "office"])
def test_no_user_id_shows_where_a_name_belongs(login, user):
	page = login(user)
	found = {}
	for label, path, ready in teacher_pages() if user == TEACHER else office_pages():
		page.goto(path)
		wait_for_page(page, ready)
		shot(page, f"names-{'teacher' if user == TEACHER else 'office'}-{label}")
		if ids := shown_ids(page):
			found[label] = ids
	assert found == {}, f"user ids shown instead of names: {found}"


def test_teacher_history_names_the_teacher_in_its_filter(login):
	page = login(OFFICE)
	page.goto(f"/app/query-report/Teacher History?class_teacher={quote(TEACHER)}")
	teacher = page.locator('.page-form [data-fieldname="class_teacher"] input')
	expect(teacher).to_have_value(full_name(TEACHER))
	expect(page.locator(".dt-row").nth(1)).to_be_visible()
	# the filter's search offers people by name, with the user id under the name
	teacher.click()
	teacher.fill("")
	teacher.press_sequentially(full_name(TEACHER)[:1], delay=100)
	option = page.locator('.awesomplete [role="option"]').filter(has_text=full_name(TEACHER)).first
	expect(option.locator("strong")).to_have_text(full_name(TEACHER))
	shot(page, "names-teacher-history-filter")
	option.click()
	expect(teacher).to_have_value(full_name(TEACHER))


def test_grade_levels_read_as_their_names(login):
	page = login(OFFICE)
	page.goto("/app/query-report/Appraisal Ranking?appraisal_period=2025年10月&grade_level=3")
	grade = page.locator('.page-form [data-fieldname="grade_level"] select')
	expect(grade).to_have_value("3")
	expect(grade.locator("option:checked")).to_have_text("三年级")
	labels = grade.locator("option").all_inner_texts()
	assert labels[1:] == ["一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级", "高一", "高二", "高三"]  # fmt: skip
	expect(page.locator(".dt-row").nth(1)).to_be_visible()
	header = page.locator(".dt-header .dt-cell--header").filter(
		has=page.locator(".dt-cell__content", has_text=re.compile(r"^\s*年级\s*$"))
	)
	column = header.first.get_attribute("data-col-index")
	cells = page.locator(f'.dt-scrollable .dt-cell[data-col-index="{column}"] .dt-cell__content')
	grades = [g.strip() for g in cells.all_inner_texts()]
	assert grades and set(grades) == {"三年级"}
	shot(page, "names-ranking-grade-filter")


def test_the_printed_sheet_names_the_teacher_and_the_grade(login):
	page = login(TEACHER)
	name = frappe.get_all(
		APPRAISAL, filters={"class_teacher": TEACHER, "docstatus": 1}, pluck="name", limit=1
	)[0]
	page.goto(
		f"/printview?doctype={quote(APPRAISAL)}&name={name}&format={quote('Class Teacher Appraisal Sheet')}"
	)
	sheet = page.locator(".cta-sheet")
	expect(sheet).to_contain_text(full_name(TEACHER))
	expect(sheet.locator(".cta-head")).to_contain_text("一年级")
	shot(page, "names-printed-sheet")
	assert shown_ids(page) == []
