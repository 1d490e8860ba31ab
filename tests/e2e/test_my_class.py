"""我的班级 (issue 16) in the browser and over HTTP: a class teacher of the demo school opens My Class
on a phone (390 × 844), sees the week's items and a deduction with its reason, inspector and photo,
taps Appeal and gets the appeal form for that line, and saves it under the appeal's own rules; the
office looks at any class on a desk; nobody reads another class's page or photos by naming them."""

import re
from datetime import datetime
from io import BytesIO

import frappe
import pytest
import requests
from frappe.model.workflow import apply_workflow
from playwright.sync_api import expect

from tests.e2e.conftest import PASSWORD, delete_period, shot

TEACHER = "sunjie@demo-school.cn"  # 孙杰, class teacher of 六年级(2)班
COLLEAGUE = "lina@demo-school.cn"  # 李娜, 一年级(2)班
OFFICE, PRINCIPAL = "li.office@demo-school.cn", "zhang.principal@demo-school.cn"
INSPECTOR = "zhao.duty@demo-school.cn"
CLASS_NAME, OTHER_CLASS_NAME = "六年级(2)班", "一年级(2)班"
SATURDAY = "2025-12-13"  # the demo inspects on school days: this day is the tests' own
REASON = "课间追逐 <b>撞倒同学</b>"  # typed markup: shown as text
ENDPOINT = "/api/method/class_teacher_appraisal.my_class.overview"
LINE = "S6-07"


def png() -> bytes:
	from PIL import Image

	out = BytesIO()
	Image.new("RGB", (60, 40), (220, 40, 40)).save(out, format="PNG")
	return out.getvalue()


def class_of(class_name):
	return frappe.db.get_value("Class Record", {"class_name": class_name, "academic_year": "2025-2026"})


@pytest.fixture(scope="module")
def appealable(e2e_site):
	"""A copy of the demo's monthly rubric that also deducts per discipline incident (S6-07), a
	December of its own appraised with it and the class's appraisal approved (today: within the
	appeal days); and a Saturday discipline check of the class with a fight, its reason and a photo.
	All removed afterwards, with any appeal made of it."""
	stamp = f"{datetime.now():%Y%m%d-%H%M%S}"
	cls = class_of(CLASS_NAME)
	source = frappe.get_doc(
		"Appraisal Rubric", frappe.db.get_value("Appraisal Period", "2025年12月", "rubric")
	)
	rubric = frappe.copy_doc(source)
	rubric.rubric_name = f"E2E 我的班级 {stamp}"
	rubric.is_active = 0
	rubric.append(
		"criteria",
		{
			"criterion_code": LINE,
			"criterion_title": "纪律违纪扣分",
			"section_code": "三",
			"rule_kind": "Deduction per Incident",
			"inspection_item": "纪律",
			"incident_types": "打架\n乱扔纸屑\n追逐打闹",
			"unit_points": 1,
		},
	)
	rubric.insert()
	inspection = frappe.get_doc(
		{
			"doctype": "Inspection",
			"inspection_date": SATURDAY,
			"class_record": cls,
			"inspection_item": "纪律",
			"score": 9,
			"inspector": INSPECTOR,
			"incidents": [{"incident_type": "追逐打闹", "count": 1, "reason": REASON}],
		}
	).insert()
	# a photo uploaded in the inspection's photo row, as the Desk attaches it (to the inspection)
	photo = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"e2e-my-class-{stamp}.png",
			"content": png(),
			"is_private": 1,
			"attached_to_doctype": "Inspection",
			"attached_to_name": inspection.name,
			"attached_to_field": "photo",
		}
	).insert(ignore_permissions=True)
	inspection.append("photos", {"photo": photo.file_url, "caption": "走廊监控截图"})
	inspection.save()
	inspection.submit()
	period = frappe.get_doc(
		{
			"doctype": "Appraisal Period",
			"period_name": f"E2E 我的班级 {stamp}",
			"period_type": "Month",
			"academic_year": "2025-2026",
			"start_date": "2025-12-01",
			"end_date": "2025-12-31",
			"rubric": rubric.name,
		}
	).insert()
	try:
		from class_teacher_appraisal import appraisals

		appraisals.generate(period.name)
		doc = frappe.get_doc(
			"Class Teacher Appraisal", {"appraisal_period": period.name, "class_record": cls}
		)
		for row in doc.lines:
			if row.rule_kind == "Manual Points":
				row.manual_points, row.manual_entered = row.max_points, 1
		doc.save()
		for user, action in (
			(INSPECTOR, "Submit for Review"),
			(OFFICE, "Forward to Principal"),
			(PRINCIPAL, "Approve"),
		):
			frappe.set_user(user)
			doc = apply_workflow(frappe.get_doc(doc.doctype, doc.name), action)
		frappe.set_user("Administrator")
		frappe.db.commit()
		yield frappe._dict(
			class_record=cls,
			appraisal=doc.name,
			period=period.name,
			inspection=inspection.name,
			photo=photo.file_url,
		)
	finally:
		frappe.set_user("Administrator")
		frappe.db.rollback()
		appeals = frappe.get_all("Appraisal Appeal", filters={"appraisal_period": period.name}, pluck="name")
		frappe.db.delete("Appraisal Appeal Line", {"parent": ["in", appeals or [""]]})
		frappe.db.delete("Appraisal Appeal", {"name": ["in", appeals or [""]]})
		delete_period(period.name)
		frappe.delete_doc("Appraisal Rubric", rubric.name, force=True, ignore_permissions=True)
		for child in ("Inspection Incident", "Inspection Photo"):
			frappe.db.delete(child, {"parent": inspection.name})
		frappe.db.delete("Inspection", {"name": inspection.name})
		frappe.delete_doc("File", photo.name, force=True, ignore_permissions=True)
		frappe.db.commit()


def no_role_user() -> str:
	"""A user with none of the app's roles (kept, like the access matrix's)."""
	email = "my-class.nobody@demo-school.cn"
	frappe.db.rollback()
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": "无角色",
				"user_type": "Website User",
				"send_welcome_email": 0,
				"new_password": PASSWORD,
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()
	return email


def session(server, user):
	s = requests.Session()
	if user:
		r = s.post(f"{server}/api/method/login", data={"usr": user, "pwd": PASSWORD}, timeout=30)
		assert r.ok, f"{user} cannot log in: {r.status_code}"
	return s


def overview(s, server, **params):
	return s.get(server + ENDPOINT, params=params, timeout=60)


# ------------------------------------------------------------------ in the browser


def test_a_class_teacher_on_a_phone_sees_the_week_and_appeals_a_deduction(browser, server, appealable):
	context = browser.new_context(
		base_url=server,
		locale="zh-CN",
		viewport={"width": 390, "height": 844},
		device_scale_factor=2,
		is_mobile=True,
		has_touch=True,
	)
	context.set_default_timeout(30_000)
	try:
		r = context.request.post("/api/method/login", form={"usr": TEACHER, "pwd": PASSWORD})
		assert r.ok
		page = context.new_page()
		page.goto(f"/app/my-class?date={SATURDAY}")
		expect(page.locator(".my-class-title")).to_contain_text(CLASS_NAME)
		# this week's items, each with its net average and rank among the classes
		discipline = page.locator('.my-class-item[data-item="纪律"]')
		expect(discipline).to_be_visible()
		expect(discipline).to_contain_text("第")  # 第 n 名（共 12 个）
		expect(page.locator('.my-class-item[data-item="卫生"]')).to_be_visible()
		# the fight: its reason as typed (markup shown as text), the inspector by name, the photo
		card = page.locator(f'.my-class-deduction[data-inspection="{appealable.inspection}"]')
		expect(card).to_contain_text("追逐打闹 × 1")
		expect(card.locator(".my-class-reason")).to_have_text(REASON)
		assert card.locator(".my-class-reason b").count() == 0
		expect(card).to_contain_text("赵老师")
		image = card.locator(".my-class-photos img")
		image.scroll_into_view_if_needed()
		expect(image).to_be_visible()
		page.wait_for_function(
			"(img) => img.complete && img.naturalWidth > 0", arg=image.element_handle(), timeout=15_000
		)
		# phone first: nothing wider than the screen, buttons large enough to tap
		assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
		button = card.locator(f'button.my-class-appeal[data-code="{LINE}"]')
		expect(button).to_be_visible()
		box = button.bounding_box()
		assert box["height"] >= 44 and box["width"] <= 390
		page.wait_for_timeout(500)  # the chart draws
		shot(page, "my-class-phone")
		button.tap()
		page.wait_for_url(re.compile(r"/(app|desk)/appraisal-appeal/new-appraisal-appeal-"))
		# the appraisal, shown by its title (class · period)
		expect(page.locator('.frappe-control[data-fieldname="appraisal"] input')).to_have_value(
			f"{CLASS_NAME} · {appealable.period}"
		)
		form = page.evaluate(
			"() => ({appraisal: cur_frm.doc.appraisal, lines: cur_frm.doc.lines.map((l) => [l.criterion_code, l.reason])})"
		)
		assert form["appraisal"] == appealable.appraisal
		assert [code for code, _reason in form["lines"]] == [LINE]
		assert "追逐打闹" in form["lines"][0][1]
		expect(page.locator('.frappe-control[data-fieldname="lines"]')).to_contain_text(LINE)
		assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
		shot(page, "my-class-appeal-form")
		# the teacher says why and saves: the appeal's own rules decide (approved, theirs, in time)
		page.locator('.frappe-control[data-fieldname="reason"] textarea').fill(
			"12月13日是周六，班级没有课间活动"
		)
		page.keyboard.press("Control+s")
		page.wait_for_url(re.compile(r"/(app|desk)/appraisal-appeal/APL-"))
		frappe.db.rollback()
		saved = frappe.get_all(
			"Appraisal Appeal",
			filters={"appraisal": appealable.appraisal},
			fields=["name", "class_teacher", "status"],
		)
		assert [(a.class_teacher, a.status) for a in saved] == [(TEACHER, "Open")]
		lines = frappe.get_all(
			"Appraisal Appeal Line", filters={"parent": saved[0].name}, pluck="criterion_code"
		)
		assert lines == [LINE]
		# back on My Class the appraisal shows its open appeal, and no second one is offered
		page.goto(f"/app/my-class?date={SATURDAY}")
		card = page.locator(f'.my-class-deduction[data-inspection="{appealable.inspection}"]')
		expect(card).to_contain_text(saved[0].name)
		assert card.locator(f'button.my-class-appeal[data-code="{LINE}"]').count() == 0
	finally:
		context.close()


def test_the_office_looks_at_any_class_on_a_desk_and_appeals_nothing(login, appealable):
	page = login(OFFICE)
	page.goto(f"/app/my-class?class={appealable.class_record}&date={SATURDAY}")
	expect(page.locator(".my-class-title")).to_contain_text(CLASS_NAME)
	select = page.locator(".my-class-select")
	expect(select).to_be_visible()
	assert select.locator("option").count() >= 12  # every class of the demo school
	expect(page.locator(f'.my-class-deduction[data-inspection="{appealable.inspection}"]')).to_be_visible()
	assert page.locator("button.my-class-appeal").count() == 0  # only the appraised teacher appeals
	expect(page.locator(".my-class-chart svg").first).to_be_visible()
	assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
	shot(page, "my-class-desk-office")
	# another class, picked from the list
	select.select_option(class_of(OTHER_CLASS_NAME))
	expect(page.locator(".my-class-title")).to_contain_text(OTHER_CLASS_NAME)


# ------------------------------------------------------------------ over HTTP


def test_a_teacher_cannot_read_another_class_by_naming_it(server, appealable):
	teacher = session(server, TEACHER)
	own = overview(teacher, server, day=SATURDAY)
	assert own.status_code == 200 and own.json()["message"]["class"]["name"] == appealable.class_record
	other = class_of(OTHER_CLASS_NAME)
	for asked in (other, "no such class", "<script>alert(1)</script>"):
		r = overview(teacher, server, class_record=asked, day=SATURDAY)
		assert r.status_code == 403, (asked, r.status_code)
		assert "deductions" not in r.text and OTHER_CLASS_NAME not in r.text
	# the colleague, the other way round
	colleague = session(server, COLLEAGUE)
	r = overview(colleague, server, class_record=appealable.class_record, day=SATURDAY)
	assert r.status_code == 403 and "追逐打闹" not in r.text


def test_the_photo_is_served_to_whoever_may_read_the_inspection(server, appealable):
	readers = {TEACHER: 200, OFFICE: 200, INSPECTOR: 200, COLLEAGUE: 403, None: 403}
	for user, status in readers.items():
		r = session(server, user).get(server + appealable.photo, timeout=30)
		assert r.status_code == status, (user, r.status_code)
		if status == 200:
			assert r.content[:4] == b"\x89PNG"


def test_each_role_gets_what_the_access_table_says(server, appealable):
	cls = appealable.class_record
	for user in (TEACHER, OFFICE, PRINCIPAL):
		r = overview(session(server, user), server, class_record=cls, day=SATURDAY)
		assert r.status_code == 200, user
		found = r.json()["message"]
		assert appealable.inspection in {d["inspection"] for d in found["deductions"]}
		appeal = {a["name"]: a["appeal"] for a in found["appraisals"]}[appealable.appraisal]
		# only the appraised teacher may appeal (until they have an open appeal)
		assert appeal["allowed"] is (user == TEACHER and not appeal["open_appeal"])
	for user in (INSPECTOR, no_role_user(), None):
		r = overview(session(server, user), server, class_record=cls, day=SATURDAY)
		assert r.status_code == 403, (user, r.status_code)
		assert "追逐打闹" not in r.text
