"""A duty teacher on the roster opens today's round on a phone: *My Round Today* (今日值周) asks which
of the day's two items, opens the round with today's date, the item and exactly the classes the
roster assigns, and the scores typed in are submitted as one inspection per class."""

import re
from datetime import date

import frappe
import pytest
from frappe.utils import get_last_day, getdate, today
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.e2e.conftest import PASSWORD, delete_period, shot, status_pill

INSPECTOR, OFFICE = "zhao.duty@demo-school.cn", "li.office@demo-school.cn"
PUPIL = "e2e.monitor@demo-school.cn"  # a pupil monitor (值周学生) of these tests
PHONE = {"width": 390, "height": 844}
MARK = "e2e-duty-roster"
FORM = '[id="page-Inspection Round"]'


def forget(day, period=None):
	"""Takes away what a run of this test left (the e2e site keeps its data)."""
	frappe.db.rollback()
	rounds = frappe.get_all("Inspection Round", filters={"inspection_date": day}, pluck="name")
	inspections = frappe.get_all("Inspection", filters={"inspection_date": day}, pluck="name")
	for child in ("Inspection Incident", "Inspection Photo"):
		frappe.db.delete(child, {"parent": ["in", inspections or [""]]})
	frappe.db.delete("Inspection", {"name": ["in", inspections or [""]]})
	frappe.db.delete("Inspection Round Entry", {"parent": ["in", rounds or [""]]})
	frappe.db.delete("Inspection Round", {"name": ["in", rounds or [""]]})
	for name in frappe.get_all("Duty Roster", filters={"title": ["like", f"{MARK}%"]}, pluck="name"):
		frappe.db.delete("Duty Roster Assignment", {"parent": name})
		frappe.db.delete("Duty Roster", {"name": name})
	if period:
		delete_period(period)
	frappe.db.commit()


def pupil_monitor():
	if not frappe.db.exists("User", PUPIL):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": PUPIL,
				"first_name": "值周学生小林",
				"language": "zh",
				"send_welcome_email": 0,
				"new_password": PASSWORD,
			}
		).insert(ignore_permissions=True)
	frappe.get_doc("User", PUPIL).add_roles("Pupil Monitor")


@pytest.fixture
def todays_duty(e2e_site):
	"""A period with today in it (the demo's are past) and a roster of today: the inspector has 卫生
	for grade 3 and 纪律 for 四年级(1)班; the pupil monitor 纪律 for grade 2 (their own class is
	二年级(2)班), confirmed by the inspector."""
	day = getdate(today())
	period = None
	forget(day)
	pupil_monitor()
	if not frappe.db.exists("Appraisal Period", {"start_date": ["<=", day], "end_date": [">=", day]}):
		period = (
			frappe.get_doc(
				{
					"doctype": "Appraisal Period",
					"period_name": f"{MARK} {day:%Y-%m}",
					"period_type": "Month",
					"start_date": date(day.year, day.month, 1),
					"end_date": get_last_day(day),
					"rubric": frappe.db.get_value("Appraisal Period", "2025年11月", "rubric"),
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
	classes = {
		c.class_name: c.name
		for c in frappe.get_all("Class Record", filters={"is_active": 1}, fields=["name", "class_name"])
	}
	roster = frappe.get_doc(
		{
			"doctype": "Duty Roster",
			"title": f"{MARK} 今日值周",
			"from_date": day,
			"to_date": day,
			"assignments": [
				{"inspector": INSPECTOR, "inspection_item": "卫生", "grade_level": 3},
				{"inspector": INSPECTOR, "inspection_item": "纪律", "class_record": classes["四年级(1)班"]},
				{
					"inspector": PUPIL,
					"duty_role": "Pupil Monitor",
					"inspection_item": "纪律",
					"grade_level": 2,
					"pupil_class": classes["二年级(2)班"],
					"confirming_teacher": INSPECTOR,
				},
			],
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	yield frappe._dict(
		roster=roster.name,
		day=day,
		pupils_class=classes["二年级(1)班"],
		grade_3=sorted(n for c, n in classes.items() if c.startswith("三年级")),
	)
	forget(day, period)


def open_my_round(page):
	"""今日值周 from the round list on a phone (where the list's buttons are in its menu)."""
	page.set_viewport_size(PHONE)
	page.goto("/app/inspection-round")
	page.locator(".page-head .menu-btn-group button").first.click()
	page.locator(".page-head .dropdown-menu").get_by_text("今日值周").click()


def test_an_inspector_opens_todays_round_prefilled_on_a_phone_and_submits_it(login, todays_duty):
	page = login(INSPECTOR)
	open_my_round(page)
	dialog = page.locator(".modal.show")
	expect(dialog.locator("select")).to_be_visible()
	dialog.locator("select").select_option("卫生")
	shot(page, "9-my-round-choose-item")
	dialog.get_by_role("button", name="开始值周").click()
	rows = page.locator('[data-fieldname="entries"] .grid-body .grid-row')
	expect(rows).to_have_count(len(todays_duty.grade_3))
	assert page.evaluate("cur_frm.doc.inspection_item") == "卫生"
	assert page.evaluate("cur_frm.doc.inspection_date") == str(todays_duty.day)
	assert sorted(page.evaluate("cur_frm.doc.entries.map((r) => r.class_record)")) == todays_duty.grade_3
	for i in range(len(todays_duty.grade_3)):
		row = page.locator(f'[data-fieldname="entries"] .grid-body .grid-row[data-idx="{i + 1}"]')
		type_score(page, row, i, 8 + i)
	shot(page, "9-my-round-prefilled")
	save = page.locator(f"{FORM} .page-head .primary-action")  # the list's page stays in the DOM
	save.click()  # 保存
	expect(save).to_have_text("提交")
	save.click()
	page.locator(".modal.show").get_by_role("button", name="是").click()
	expect(status_pill(page, "已提交", FORM)).to_be_visible()
	shot(page, "9-my-round-submitted")

	frappe.db.rollback()
	found = frappe.get_all(
		"Inspection",
		filters={"inspection_date": todays_duty.day, "inspection_item": "卫生", "docstatus": 1},
		fields=["class_record", "score", "inspector"],
		order_by="class_record",
	)
	assert [f.class_record for f in found] == todays_duty.grade_3
	assert sorted(f.score for f in found) == [8 + i for i in range(len(found))]
	assert {f.inspector for f in found} == {INSPECTOR}


def test_the_office_opens_todays_coverage_from_the_roster(login, todays_duty):
	page = login(OFFICE)
	page.goto(f"/app/duty-roster/{todays_duty.roster}")
	expect(page.locator('[data-fieldname="assignments"] .grid-body .grid-row')).to_have_count(3)
	shot(page, "9-duty-roster")
	page.get_by_role("button", name="值周覆盖").click()
	expect(page).to_have_url(re.compile(r"/(app|desk)/query-report/Inspection"))
	expect(page.locator('[id="page-query-report"] .page-title')).to_contain_text("值周覆盖")
	# grade 3 and 四年级(1)班 not inspected yet, the other classes' 纪律 assigned to nobody
	expect(page.locator(".dt-scrollable").get_by_text("未检查").first).to_be_visible()
	expect(page.locator(".dt-scrollable").get_by_text("无人负责").first).to_be_visible()
	page.wait_for_function(
		"""() => [...document.querySelectorAll(".chart-container .frappe-chart .dataset-units rect")]
			.some((shape) => shape.getBBox().height > 2)"""
	)
	rows = page.evaluate("frappe.query_report.data.length")
	classes = frappe.db.count("Class Record", {"is_active": 1})
	assert rows == 2 * classes  # 卫生 and 纪律, every class: nothing is inspected yet
	shot(page, "9-coverage")


def type_score(page, row, index: int, score: int):
	"""Types a row's score as a thumb would and waits until the round holds it (Frappe takes a grid
	field's value on change, debounced; polled by time, since a page behind another gets no animation
	frames). Typed again if the grid was drawn anew under the input meanwhile (the row's class
	details arrive after it is opened), so that the value went nowhere."""
	for _attempt in range(3):
		row.locator('[data-fieldname="score"]').first.click()
		field = row.locator('input[data-fieldname="score"]')
		field.fill(str(score))
		field.blur()
		try:
			page.wait_for_function(
				f"() => cur_frm.doc.entries[{index}].score == {score}", polling=100, timeout=5000
			)
			return
		except PlaywrightTimeout:
			continue
	raise AssertionError(f"row {index + 1}: the typed score {score} never reached the round")


def test_a_pupil_monitor_records_todays_round_and_the_teacher_confirms_it(login, todays_duty):
	pupil = login(PUPIL)
	open_my_round(pupil)  # one item: no question asked
	rows = pupil.locator('[data-fieldname="entries"] .grid-body .grid-row')
	expect(rows).to_have_count(1)  # grade 2 less the pupil's own class
	assert pupil.evaluate("cur_frm.doc.inspection_item") == "纪律"
	assert pupil.evaluate("cur_frm.doc.entries.map((r) => r.class_record)") == [todays_duty.pupils_class]
	type_score(pupil, rows.first, 0, 9)
	pupil.locator(f"{FORM} .page-head .primary-action").click()  # 保存
	expect(status_pill(pupil, "草稿", FORM)).to_be_visible()
	expect(pupil.locator(f"{FORM} .page-head .primary-action")).to_have_text("保存")  # no 提交 for a pupil
	expect(pupil.locator(".modal.show")).to_have_count(0)  # no error, no permission message
	shot(pupil, "9-pupil-round-saved")
	frappe.db.rollback()
	name = frappe.db.get_value("Inspection Round", {"inspection_date": todays_duty.day, "inspector": PUPIL})
	assert name and not frappe.db.exists("Inspection", {"inspection_round": name})

	teacher = login(INSPECTOR)
	teacher.set_viewport_size(PHONE)
	teacher.goto(f"/app/inspection-round/{name}")
	submit = teacher.locator(f"{FORM} .page-head .primary-action")
	expect(submit).to_have_text("提交")
	submit.click()
	teacher.locator(".modal.show").get_by_role("button", name="是").click()
	expect(status_pill(teacher, "已提交", FORM)).to_be_visible()
	shot(teacher, "9-pupil-round-confirmed")
	frappe.db.rollback()
	found = frappe.get_all(
		"Inspection",
		filters={"inspection_round": name},
		fields=["class_record", "score", "inspector", "docstatus"],
	)
	assert [(f.class_record, f.score, f.inspector, f.docstatus) for f in found] == [
		(todays_duty.pupils_class, 9, PUPIL, 1)
	]
