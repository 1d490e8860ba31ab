"""A class's QR code on a phone (inspection_qr): the address it holds opens the duty teacher's
round of today for the item at the class's row, after logging in if need be; the next class's
code adds that class to the same round."""

import frappe
import pytest
from frappe.utils import add_days, today

from class_teacher_appraisal import inspection_qr
from tests.e2e.conftest import PASSWORD, shot

INSPECTOR = "zhao.duty@demo-school.cn"
ITEM = "卫生"
PHONE = {"width": 390, "height": 844}
PERIOD = "E2E QR 本周"


def class_of(class_name):
	return frappe.db.get_value("Class Record", {"class_name": class_name, "academic_year": "2025-2026"})


def forget_today():
	"""Takes away the rounds and inspections of today for the item, and the test's period."""
	frappe.db.rollback()
	rounds = frappe.get_all(
		"Inspection Round", filters={"inspection_date": today(), "inspection_item": ITEM}, pluck="name"
	)
	inspections = frappe.get_all(
		"Inspection", filters={"inspection_date": today(), "inspection_item": ITEM}, pluck="name"
	)
	frappe.db.delete("Inspection Incident", {"parent": ["in", inspections or [""]]})
	frappe.db.delete("Inspection", {"name": ["in", inspections or [""]]})
	frappe.db.delete("Inspection Round Entry", {"parent": ["in", rounds or [""]]})
	frappe.db.delete("Inspection Round", {"name": ["in", rounds or [""]]})
	frappe.db.delete("Appraisal Period", {"period_name": PERIOD})
	frappe.db.commit()


@pytest.fixture
def this_week(e2e_site):
	"""A period around today (the demo school's are a year ago), so that today's round saves."""
	forget_today()
	frappe.get_doc(
		{
			"doctype": "Appraisal Period",
			"period_name": PERIOD,
			"period_type": "Week",
			"academic_year": "2026-2027",
			"start_date": add_days(today(), -3),
			"end_date": add_days(today(), 3),
			"rubric": frappe.db.get_value("Appraisal Period", "2025年11月", "rubric"),
		}
	).insert()
	frappe.db.commit()
	yield
	forget_today()


def round_shown(page) -> dict:
	return page.evaluate(
		"""() => ({
			doctype: cur_frm.doctype,
			item: cur_frm.doc.inspection_item,
			date: cur_frm.doc.inspection_date,
			classes: (cur_frm.doc.entries || []).map((r) => r.class_record),
		})"""
	)


def open_row_class(page) -> str:
	"""The class of the row open for entry (Frappe's row form)."""
	page.wait_for_selector(".grid-row-open")
	return page.evaluate("() => cur_frm.cur_grid?.doc.class_record || null")


def test_a_scanned_code_opens_the_class_in_todays_round_after_logging_in(browser, server, this_week):
	first, second = class_of("二年级(1)班"), class_of("二年级(2)班")
	context = browser.new_context(base_url=server, locale="zh-CN", viewport=PHONE)
	context.set_default_timeout(30_000)
	try:
		page = context.new_page()
		# the phone is not logged in: Frappe asks to log in and comes back to the code's address
		page.goto(inspection_qr.scan_path(ITEM, first))
		page.locator("#login_email").fill(INSPECTOR)
		page.locator("#login_password").fill(PASSWORD)
		page.locator(".btn-login").first.click()
		page.wait_for_function(
			"() => window.cur_frm && cur_frm.doctype === 'Inspection Round' && cur_frm.doc.entries?.length"
		)
		assert round_shown(page) == {
			"doctype": "Inspection Round",
			"item": ITEM,
			"date": today(),
			"classes": [first],  # a round made by scanning lists the classes scanned
		}
		assert open_row_class(page) == first
		# the row's form has opened (Frappe puts the cursor in its first field), then the score
		page.wait_for_function("() => document.activeElement?.closest('.grid-row-open')")
		score = page.locator('.grid-row-open input[data-fieldname="score"]')
		score.click()
		score.fill("8")
		score.blur()  # as a thumb leaving the field: Frappe takes the value on change
		shot(page, "qr-1-scanned-class-open")
		# the typed score reaches the document (the field's change is debounced) before saving
		page.wait_for_function("() => cur_frm.doc.entries[0].score === 8")
		page.keyboard.press("Control+s")
		page.wait_for_function("() => !cur_frm.is_new() && !cur_frm.is_dirty()")
		saved = page.evaluate("() => cur_frm.doc.name")

		# the next door: the same round, now with the second class open
		page.goto(inspection_qr.scan_path(ITEM, second))
		page.wait_for_function(
			f"() => window.cur_frm && cur_frm.doc.name === '{saved}' && cur_frm.doc.entries.length === 2"
		)
		assert round_shown(page)["classes"] == [first, second]
		assert open_row_class(page) == second
		shot(page, "qr-2-next-class-same-round")
	finally:
		context.close()

	frappe.db.rollback()
	stored = frappe.get_doc("Inspection Round", saved)
	assert (stored.inspector, stored.inspection_date.isoformat(), stored.inspection_item) == (
		INSPECTOR,
		today(),
		ITEM,
	)
	assert [(r.class_record, r.score) for r in stored.entries] == [(first, 8)]


def test_a_class_inspected_today_opens_its_inspection(login, this_week):
	cls = class_of("三年级(1)班")
	frappe.set_user(INSPECTOR)
	try:
		done = frappe.get_doc(
			{
				"doctype": "Inspection",
				"inspection_date": today(),
				"class_record": cls,
				"inspection_item": ITEM,
				"score": 9,
			}
		).insert()
		done.submit()
	finally:
		frappe.set_user("Administrator")
	frappe.db.commit()
	page = login(INSPECTOR)
	page.set_viewport_size(PHONE)
	page.goto(inspection_qr.scan_path(ITEM, cls))
	page.wait_for_function(f"() => window.cur_frm && cur_frm.doc.name === '{done.name}'")
	assert page.evaluate("() => cur_frm.doctype") == "Inspection"


def test_the_office_opens_the_qr_sheet_from_the_items(login):
	page = login("li.office@demo-school.cn")
	page.goto("/app/inspection-item")
	with page.expect_popup() as popup:
		page.get_by_role("button", name="二维码表").click()
	pdf = popup.value
	pdf.wait_for_load_state()
	assert "class_teacher_appraisal.inspection_qr.sheet" in pdf.url
	response = page.request.get(pdf.url)
	assert response.ok and response.body().startswith(b"%PDF")
