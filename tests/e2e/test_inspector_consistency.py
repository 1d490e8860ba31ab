"""The office reads Inspector Consistency in the Desk: beside the demo school's duty inspector,
one who gives every class 1.5 points more than the duty inspector gave it that week and one who
gives 1.5 less (on the Saturdays of four October weeks) are labelled lenient and severe, the duty
inspector in line, with the differences drawn as a chart."""

from datetime import date, timedelta

import frappe
import pytest
from playwright.sync_api import expect

from class_teacher_appraisal.inspections import insert_submitted
from tests.e2e.conftest import shot

OFFICE, DUTY = "li.office@demo-school.cn", "zhao.duty@demo-school.cn"
LENIENT, SEVERE = "e2e.lenient@demo-school.cn", "e2e.severe@demo-school.cn"
ITEM = "卫生"
SATURDAYS = [date(2025, 10, 11) + timedelta(weeks=w) for w in range(4)]
FILTERS = "from_date=2025-10-06&to_date=2025-11-02&inspection_item=%E5%8D%AB%E7%94%9F&threshold=1"


def forget():
	frappe.db.rollback()
	frappe.db.delete("Inspection", {"inspector": ["in", [LENIENT, SEVERE]]})
	for user in (LENIENT, SEVERE):
		if frappe.db.exists("User", user):
			frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	frappe.db.commit()


@pytest.fixture
def two_more_inspectors(e2e_site):
	forget()
	for user, name in ((LENIENT, "宽松检查员"), (SEVERE, "严格检查员")):
		doc = frappe.get_doc(
			{"doctype": "User", "email": user, "first_name": name, "send_welcome_email": 0}
		).insert(ignore_permissions=True)
		doc.add_roles("Duty Inspector")
	weekly = frappe.db.sql(
		"""select class_record, week_start, avg(score) from `tabInspection`
		where docstatus = 1 and is_spot_check = 0 and inspection_item = %s and inspector = %s
		and week_start in %s group by class_record, week_start""",
		(ITEM, DUTY, tuple(str(s - timedelta(days=5)) for s in SATURDAYS)),
	)
	assert len(weekly) >= 40, "the demo school's October hygiene checks are missing"
	rows = []
	for class_record, monday, average in weekly:
		saturday = monday + timedelta(days=5)
		for inspector, plus, day in ((LENIENT, 1.5, saturday), (SEVERE, -1.5, saturday + timedelta(days=1))):
			score = round(min(max(float(average) + plus, 0), 10), 2)
			rows.append(
				{
					"class_record": class_record,
					"inspection_item": ITEM,
					"inspection_date": day,
					"score": score,
					"inspector": inspector,
				}
			)
	insert_submitted(rows)
	frappe.db.commit()
	yield
	forget()


def test_the_office_sees_the_lenient_and_the_severe_inspector(login, two_more_inspectors):
	page = login(OFFICE)
	page.goto(f"/app/query-report/Inspector Consistency?{FILTERS}")
	expect(page.locator(".page-title").first).to_contain_text("值周检查员评分一致性")
	for name, label in (("宽松检查员", "偏宽"), ("严格检查员", "偏严"), ("赵老师", "一致")):
		row = page.locator(".dt-row").filter(has_text=name).first
		expect(row.locator(".indicator-pill")).to_have_text(label)
	page.wait_for_function(
		"""() => [...document.querySelectorAll(".chart-container .frappe-chart .dataset-units rect")]
			.some((bar) => bar.getBBox().height > 2)"""
	)
	page.wait_for_timeout(800)  # the end of the animation, for the screenshot
	shot(page, "inspector-consistency")
