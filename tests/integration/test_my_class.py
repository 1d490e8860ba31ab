"""我的班级 (issue 16): the class teacher's own page. The endpoint's figures for a class's week and
month (each item's net average and rank, the published red flags, every deduction with its reason,
inspector and photos, eight weeks of trend, the appraisals and what may be appealed), and who may
ask for which class."""

import frappe
import pytest

from class_teacher_appraisal import appraisals, my_class
from tests.conftest import acting_as
from tests.factories import (
	S6,
	appraisal_of,
	approve,
	fill_manual,
	inspect,
	make_class,
	make_period,
	make_school,
	make_user,
)

DAY = "2025-12-10"  # a Wednesday: the week 12-08 … 12-14, the month of December
TEACHER, OTHER = "teacher31@example.cn", "teacher32@example.cn"
OFFICE, PRINCIPAL, INSPECTOR = "office@example.cn", "head@example.cn", "duty@example.cn"
NO_ROLE = "principal@example.cn"  # a user with none of the app's roles (tests/factories.py)
CHECKER = "zhou.checker@example.cn"
FIGHT = "课间打架 <b>两人</b>"  # typed markup stays text: the page escapes it


def png() -> bytes:
	"""A small picture, as a phone would upload one."""
	from io import BytesIO

	from PIL import Image

	out = BytesIO()
	Image.new("RGB", (4, 4), (200, 30, 30)).save(out, format="PNG")
	return out.getvalue()


@pytest.fixture
def school():
	"""Three grade-3 classes in a term (S1, red flags) and a December month (S6). In the week of
	12-08 class 1 has two discipline checks (9 with a fight costing 2, then 10: 8.5), a hygiene check
	(8), two pupils missing the flag-raising, and a spot check that takes its hygiene flag back; class
	2 scores 10 and 10 (discipline) and 9 (hygiene), class 3 scores 8 (discipline). On 12-01 class 1
	alone had a discipline check of 6."""
	a, b, c = make_school(3, grade_level=3)
	term = make_period("2025秋季学期", "2025-09-01", "2026-01-18")
	month = make_period("2025年12月", "2025-12-01", "2025-12-31", rubric=S6, period_type="Month")
	make_user(CHECKER, "Duty Inspector", first_name="周检查")
	photo = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "fight.png",
			"content": png(),
			"is_private": 1,
		}
	).insert(ignore_permissions=True)
	fight = frappe.get_doc(
		{
			"doctype": "Inspection",
			"inspection_date": "2025-12-08",
			"class_record": a,
			"inspection_item": "纪律",
			"score": 9,
			"inspector": CHECKER,
			"incidents": [{"incident_type": "打架", "count": 1, "reason": FIGHT}],
			"photos": [{"photo": photo.file_url, "caption": "走廊"}],
		}
	).insert()
	fight.submit()
	inspect(a, "纪律", "2025-12-09", 10, inspector=CHECKER)
	inspect(a, "卫生", "2025-12-08", 8, inspector=CHECKER)
	inspect(a, "升旗出勤", "2025-12-08", 0, incidents={"学生缺席升旗": 2}, inspector=CHECKER)
	inspect(
		a,
		"卫生",
		"2025-12-10",
		6,
		is_spot_check=1,
		revokes_flag=1,
		remarks="大队委抽查不合格",
		inspector=CHECKER,
	)
	inspect(a, "纪律", "2025-12-01", 6, inspector=CHECKER)
	for day, score in (("2025-12-08", 10), ("2025-12-09", 10)):
		inspect(b, "纪律", day, score)
	inspect(b, "卫生", "2025-12-08", 9)
	inspect(c, "纪律", "2025-12-08", 8)
	return frappe._dict(a=a, b=b, c=c, term=term, month=month, fight=fight.name, photo=photo.file_url)


def overview(user=TEACHER, class_record=None, day=DAY):
	with acting_as(user):
		return my_class.overview(class_record, day)


def items(data) -> dict:
	return {row["item"]: row for row in data["items"]}


def test_each_item_of_the_week_and_month_with_its_rank_among_the_classes(school):
	data = overview()
	assert data["class"]["name"] == school.a and data["class"]["class_name"] == "三年级(1)班"
	assert (data["week"], data["month"]) == (
		{"start": "2025-12-08", "end": "2025-12-14"},
		{"start": "2025-12-01", "end": "2025-12-31"},
	)
	found = items(data)
	assert list(found) == ["纪律", "卫生", "升旗出勤"]  # in the items' order; never-inspected ones left out
	discipline = found["纪律"]
	# (9 + 10 − 2) / 2 this week; (9 + 10 + 6 − 2) / 3 in the month, half up to 2 places
	assert (discipline["week"]["checks"], discipline["week"]["average"], discipline["week"]["deduction"]) == (
		2,
		8.5,
		2.0,
	)
	assert (discipline["month"]["checks"], discipline["month"]["average"]) == (3, 7.67)
	assert discipline["week"]["incidents"] == 1
	# ranked as the weekly award ranks them: class 2 (10) first, class 1 (8.5), class 3 (8)
	assert (discipline["rank"], discipline["ranked"], discipline["awarded"], discipline["flags"]) == (
		2,
		3,
		1,
		1,
	)
	hygiene = found["卫生"]
	assert (hygiene["week"]["checks"], hygiene["week"]["average"]) == (
		1,
		8.0,
	)  # the spot check does not count
	assert (hygiene["rank"], hygiene["ranked"], hygiene["awarded"], hygiene["revoked"], hygiene["flags"]) == (
		2,
		2,
		1,
		1,
		0,
	)
	assert found["升旗出勤"]["week"]["incidents"] == 2 and found["升旗出勤"].get("rank") is None
	assert data["contest"] == {"period": school.term.name, "classes": 3, "published": False}


def test_each_deduction_with_its_reason_inspector_photo_and_line(school):
	appraisals.award_flags(school.term.name)
	school.term.generate_appraisals()
	term = approve(fill_manual(appraisal_of(school.term.name, school.a)))
	data = overview()
	found = data["deductions"]
	# newest first (on one day, the later inspection first)
	assert [(d["date"], d["item"], d["incident_type"]) for d in found] == [
		("2025-12-10", "卫生", None),
		("2025-12-08", "升旗出勤", "学生缺席升旗"),
		("2025-12-08", "纪律", "打架"),
	]
	by_item = {d["item"]: d for d in found}
	fight = by_item["纪律"]
	# the reason as typed (the page writes it escaped), the inspector by name, the photo's address
	assert (fight["reason"], fight["count"], fight["deduction"], fight["inspector"]) == (
		FIGHT,
		1,
		2.0,
		"周检查",
	)
	assert fight["photos"] == [{"url": school.photo, "caption": "走廊"}]
	assert fight["inspection"] == school.fight
	spot = by_item["卫生"]
	assert spot["revokes_flag"] and spot["remarks"] == "大队委抽查不合格" and spot["deduction"] == 0
	# the lines they count in: the red-flag part, and the line that deducts the missing pupils
	assert [(ln["appraisal"], ln["criterion_code"]) for ln in fight["lines"]] == [(term.name, "S1-01")]
	assert [(ln["appraisal"], ln["criterion_code"]) for ln in by_item["升旗出勤"]["lines"]] == [
		(term.name, "S1-03")
	]
	assert fight["lines"][0]["appeal"]["allowed"] is True


def test_red_flags_won_and_the_trend_of_eight_weeks(school):
	appraisals.award_flags(school.term.name)
	data = overview()
	flags = data["flags"]
	# 12-08: discipline 1, hygiene 1 taken back (0); 12-01: discipline 1 (class 1 alone was checked)
	assert [(w["week"], w["total"]) for w in flags["weeks"]] == [("2025-12-08", 1.0), ("2025-12-01", 1.0)]
	assert flags["total"] == 2.0
	week = {i["item"]: i for i in flags["weeks"][0]["items"]}
	assert (week["纪律"]["red_flags"], week["纪律"]["rank"]) == (1.0, 2)
	assert (week["卫生"]["red_flags"], week["卫生"]["revoked"]) == (0.0, 1)
	assert data["contest"]["published"] is True
	trend = data["trend"]
	assert trend["weeks"][0] == "2025-10-20" and trend["weeks"][-1] == "2025-12-08"
	assert len(trend["weeks"]) == 8
	averages = {i["item"]: i["values"] for i in trend["items"]}
	assert averages["纪律"] == [None] * 6 + [6.0, 8.5]
	assert averages["卫生"] == [None] * 7 + [8.0]
	assert trend["deductions"] == [0.0] * 7 + [2.0]
	assert trend["flags"] == [0.0] * 6 + [1.0, 1.0]


def test_the_month_appraisal_its_state_and_the_appeal_under_the_appeal_rules(school):
	school.month.generate_appraisals()
	school.term.generate_appraisals()
	draft = overview()["appraisals"]
	# the month first (the shorter period), then the term; drafts show no grade and cannot be appealed
	assert [a["period"] for a in draft] == ["2025年12月", school.term.name]
	month = draft[0]
	assert (month["workflow_state"], month["grade"], month["appeal"]["allowed"]) == ("Draft", None, False)
	assert [ln["criterion_code"] for ln in month["lines"]] == [f"S6-0{i}" for i in range(1, 7)]

	approved = approve(fill_manual(appraisal_of(school.month.name, school.a), short_by=1))
	month = overview()["appraisals"][0]
	assert (month["name"], month["workflow_state"], month["docstatus"]) == (approved.name, "Approved", 1)
	assert (month["total_score"], month["grade"]) == (approved.total_score, approved.grade)
	assert month["appeal"]["allowed"] is True and month["appeal"]["closes_on"]

	# the office reads it but does not appeal it; once the teacher appeals, no second one opens
	assert overview(OFFICE, school.a)["appraisals"][0]["appeal"]["allowed"] is False
	with acting_as(TEACHER):
		appeal = frappe.get_doc(
			{
				"doctype": "Appraisal Appeal",
				"appraisal": approved.name,
				"reason": "常规管理",
				"lines": [{"criterion_code": "S6-03", "reason": "路队检查记错了班级"}],
			}
		).insert()
	month = overview()["appraisals"][0]
	assert (month["appeal"]["allowed"], month["appeal"]["open_appeal"]) == (False, appeal.name)
	# past the appeal days, as Appraisal Appeal decides it
	frappe.db.set_value("Appraisal Appeal", appeal.name, "status", "Rejected")
	frappe.db.set_value(
		"Class Teacher Appraisal", approved.name, "approved_on", frappe.utils.add_days(frappe.utils.now(), -8)
	)
	month = overview()["appraisals"][0]
	assert month["appeal"]["allowed"] is False and "7" in month["appeal"]["why"]


def test_a_teacher_sees_only_their_own_class_whatever_they_ask_for(school):
	with pytest.raises(frappe.PermissionError):
		overview(TEACHER, school.b)
	with pytest.raises(frappe.PermissionError):
		overview(TEACHER, "no such class")
	assert overview(OTHER)["class"]["name"] == school.b
	# a teacher's own appraisal only: the colleague's page of their own class shows theirs
	school.month.generate_appraisals()
	assert {a["name"] for a in overview(OTHER)["appraisals"]} == {
		appraisal_of(school.month.name, school.b).name
	}


def test_a_deputy_sees_the_class_they_deputise_but_not_the_teachers_appraisal(school):
	deputy = make_user("deputy3@example.cn", "Class Teacher")
	frappe.db.set_value("Class Record", school.b, "deputy_teacher", deputy)
	school.month.generate_appraisals()
	data = overview(deputy)
	assert data["class"]["name"] == school.b and items(data)["纪律"]["week"]["average"] == 10
	assert data["appraisals"] == []
	with pytest.raises(frappe.PermissionError):
		overview(deputy, school.a)


def test_a_teacher_of_two_classes_picks_one(school):
	second = make_class("五年级(9)班", 5, class_teacher=TEACHER).name
	data = overview()
	assert {c["name"] for c in data["classes"]} == {school.a, second}
	assert overview(TEACHER, second)["class"]["name"] == second


def test_the_office_and_the_principal_may_ask_for_any_class_nobody_else(school):
	for user in (OFFICE, PRINCIPAL):
		assert overview(user, school.b)["class"]["name"] == school.b
		assert {school.a, school.b, school.c} <= {c["name"] for c in overview(user, school.b)["classes"]}
	with pytest.raises(frappe.DoesNotExistError):
		overview(OFFICE, "no such class")
	for user in (INSPECTOR, NO_ROLE):
		with pytest.raises(frappe.PermissionError):
			overview(user, school.a)
		with pytest.raises(frappe.PermissionError):
			overview(user)


def test_a_bad_date_is_refused_with_a_message(school):
	for bad in ("2025-13-45", "NaN", "9" * 400, "[1, 2]"):
		with pytest.raises(frappe.ValidationError):
			overview(day=bad)


def test_the_queries_do_not_grow_with_deductions_items_or_weeks(school):
	def queries():
		count = 0
		real = frappe.db.sql

		def counting(*args, **kwargs):
			nonlocal count
			count += 1
			return real(*args, **kwargs)

		frappe.db.sql = counting
		try:
			overview()
		finally:
			frappe.db.sql = real
		return count

	school.term.generate_appraisals()
	overview()  # caches warmed
	before = queries()
	for day in ("2025-12-02", "2025-12-03", "2025-11-12", "2025-10-22"):
		inspect(school.a, "纪律", day, 8, incidents={"乱扔纸屑": 1})
		inspect(school.a, "路队", day, 9)
	inspect(school.a, "眼保健操", "2025-12-11", 9, incidents=[])
	after = queries()
	print(f"my_class.overview: {before} queries, {after} with more deductions, items and weeks")
	assert after == before


def test_the_workspace_leads_class_teachers_to_their_page():
	import json

	from frappe.desk.desktop import get_desktop_page

	page = json.dumps({"name": "Class Teacher Appraisals", "title": "Class Teacher Appraisals", "public": 1})
	for user in (TEACHER, OFFICE):
		with acting_as(user):
			shortcuts = get_desktop_page(page)["shortcuts"]["items"]
		assert ("Page", "my-class") in {(s.type, s.link_to) for s in shortcuts}, user
