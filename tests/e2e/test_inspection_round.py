"""A duty teacher enters a whole round on a phone: one item, one date, every class listed,
scores typed into the grid, saved and submitted together."""

import frappe
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shot, status_pill

INSPECTOR = "zhao.duty@demo-school.cn"
ITEM = "卫生"
DATE = "2025-10-06"  # a day of the demo term's October holiday: no inspections yet
PHONE = {"width": 390, "height": 844}


def forget_round():
	"""Takes away what a run of this test left (the e2e site keeps its data)."""
	frappe.db.rollback()
	rounds = frappe.get_all("Inspection Round", filters={"inspection_date": DATE}, pluck="name")
	inspections = frappe.get_all(
		"Inspection", filters={"inspection_date": DATE, "inspection_item": ITEM}, pluck="name"
	)
	for child in ("Inspection Incident", "Inspection Photo"):
		frappe.db.delete(child, {"parent": ["in", inspections or [""]]})
	frappe.db.delete("Inspection", {"name": ["in", inspections or [""]]})
	frappe.db.delete("Inspection Round Entry", {"parent": ["in", rounds or [""]]})
	frappe.db.delete("Inspection Round", {"name": ["in", rounds or [""]]})
	frappe.db.commit()


@pytest.fixture
def clean_day(e2e_site):
	forget_round()
	yield
	forget_round()


def test_a_round_of_every_class_is_entered_and_submitted_on_a_phone(login, clean_day):
	page = login(INSPECTOR)
	page.set_viewport_size(PHONE)
	page.goto("/app/inspection-round/new")
	expect(page.locator('.frappe-control[data-fieldname="inspection_item"]')).to_be_visible()
	page.evaluate(f"cur_frm.set_value('inspection_date', '{DATE}')")
	page.evaluate(f"cur_frm.set_value('inspection_item', '{ITEM}')")
	classes = frappe.db.count("Class Record", {"is_active": 1})
	rows = page.locator('[data-fieldname="entries"] .grid-body .grid-row')
	expect(rows).to_have_count(classes)
	shot(page, "7-round-listed")
	for i in range(classes):
		row = page.locator(f'[data-fieldname="entries"] .grid-body .grid-row[data-idx="{i + 1}"]')
		row.locator('[data-fieldname="score"]').first.click()
		field = row.locator('input[data-fieldname="score"]')
		field.fill(str(7 + i % 3))
		field.blur()  # Frappe takes the value on change
		page.wait_for_function(f"() => cur_frm.doc.entries[{i}].score == {7 + i % 3}", polling=100)
	shot(page, "7-round-on-a-phone")
	page.locator(".page-head .primary-action").click()  # 保存, as a thumb would
	expect(page.locator(".page-head .primary-action")).to_have_text("提交")
	page.locator(".page-head .primary-action").click()
	page.locator(".modal.show").get_by_role("button", name="是").click()
	expect(status_pill(page, "已提交", '[id="page-Inspection Round"]')).to_be_visible()
	shot(page, "8-round-submitted")

	frappe.db.rollback()
	scores = frappe.get_all(
		"Inspection",
		filters={"inspection_date": DATE, "inspection_item": ITEM, "docstatus": 1},
		fields=["class_record", "score", "inspector"],
	)
	assert len(scores) == classes
	assert sorted(s.score for s in scores) == sorted(7 + i % 3 for i in range(classes))
	assert {s.inspector for s in scores} == {INSPECTOR}
