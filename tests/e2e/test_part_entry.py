"""The Young Pioneers' office enters and confirms its own part of every class's appraisal on the
page *Enter a Part* (issue 13, rule 3; seed 000), in Chinese."""

from datetime import datetime

import frappe
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PASSWORD, delete_period, shot

ROLE = "少先队大队部"
PIONEER = "pioneer.e2e@demo-school.cn"


@pytest.fixture
def pioneers_part(e2e_site):
	"""A copy of the demo's monthly rubric whose 常规管理 (part 三) belongs to the Young Pioneers'
	office, a month appraised with it, and a member of that office. Removed afterwards."""
	from class_teacher_appraisal import appraisals

	stamp = f"{datetime.now():%Y%m%d-%H%M%S}"
	if not frappe.db.exists("Role", ROLE):
		frappe.get_doc({"doctype": "Role", "role_name": ROLE, "desk_access": 1}).insert()
	if not frappe.db.exists("User", PIONEER):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": PIONEER,
				"first_name": "少先队辅导员",
				"send_welcome_email": 0,
				"new_password": PASSWORD,
				"roles": [{"role": ROLE}],
			}
		).insert(ignore_permissions=True)
	source = frappe.get_doc(
		"Appraisal Rubric", frappe.db.get_value("Appraisal Period", "2025年11月", "rubric")
	)
	rubric = frappe.copy_doc(source)
	rubric.rubric_name = f"E2E 分部门录入 {stamp}"
	rubric.is_active = 0
	for s in rubric.sections:
		if s.section_code == "三":
			s.owner_role = ROLE
	rubric.insert()
	period = frappe.get_doc(
		{
			"doctype": "Appraisal Period",
			"period_name": f"E2E 分部门 {stamp}",
			"period_type": "Month",
			"academic_year": "2025-2026",
			"start_date": "2025-11-01",
			"end_date": "2025-11-30",
			"rubric": rubric.name,
		}
	).insert()
	try:
		appraisals.generate(period.name)
		frappe.db.commit()
		yield frappe._dict(period=period.name, rubric=rubric.name)
	finally:
		frappe.db.rollback()
		delete_period(period.name)
		frappe.delete_doc("Appraisal Rubric", rubric.name, force=True, ignore_permissions=True)
		frappe.db.commit()


def test_the_young_pioneers_enter_and_confirm_their_part_for_every_class(login, pioneers_part):
	page = login(PIONEER)
	page.goto("/app/part-entry")
	expect(page.get_by_text("录入考核部分").first).to_be_visible()
	part = page.locator('.frappe-control[data-fieldname="part"] select')
	option = part.locator("option", has_text=pioneers_part.period)
	part.select_option(option.first.get_attribute("value"))
	sheet = page.locator(".part-entry-sheet")
	expect(sheet).to_be_visible()
	row = sheet.locator("tr", has_text="一年级(1)班")
	row.locator('input[data-criterion="S6-03"]').fill("36")
	with page.expect_response(lambda r: "parts.save_part" in r.url) as saved:
		page.get_by_role("button", name="保存", exact=True).click()
	assert saved.value.ok
	name = frappe.db.get_value(
		"Class Teacher Appraisal",
		{"appraisal_period": pioneers_part.period, "class_name": "一年级(1)班"},
	)
	frappe.db.rollback()
	line = next(
		r for r in frappe.get_doc("Class Teacher Appraisal", name).lines if r.criterion_code == "S6-03"
	)
	assert (line.manual_points, line.manual_entered) == (36, 1)

	# confirming the part with other classes still empty is refused whole, naming the class
	page.get_by_role("button", name="保存并确认").click()
	expect(page.get_by_text("确认第三部分前请录入其全部项目").first).to_be_visible()
	page.locator(".modal.show .btn-modal-close").first.click()
	expect(page.locator(".modal.show")).to_have_count(0)
	frappe.db.rollback()
	assert not frappe.db.count("Appraisal Part Confirmation", {"parent": name})

	# every class entered: confirmed, each with its points
	inputs = sheet.locator('input[data-criterion="S6-03"]')
	for i in range(inputs.count()):
		if not inputs.nth(i).input_value():
			inputs.nth(i).fill("30")
	shot(page, "part-entry")
	page.get_by_role("button", name="保存并确认").click()
	expect(row.get_by_text("已由")).to_be_visible()  # 已由 … 确认
	frappe.db.rollback()
	doc = frappe.get_doc("Class Teacher Appraisal", name)
	(confirmed,) = doc.part_confirmations
	assert (confirmed.section_code, confirmed.confirmed_points, confirmed.confirmed_by) == ("三", 36, PIONEER)
	appraised = frappe.db.count("Class Teacher Appraisal", {"appraisal_period": pioneers_part.period})
	confirmations = frappe.get_all(
		"Appraisal Part Confirmation",
		filters={"section_code": "三", "owner_role": ROLE, "parenttype": "Class Teacher Appraisal"},
		fields=["parent"],
	)
	ours = {
		c.parent
		for c in confirmations
		if frappe.db.get_value("Class Teacher Appraisal", c.parent, "appraisal_period")
		== pioneers_part.period
	}
	assert len(ours) == appraised > 1
