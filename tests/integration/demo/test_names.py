"""Issue 15: people by their full names and grade levels by their school names (print, lists,
reports), and the saved report-builder reports keep each user to the rows they may read."""

import json

import frappe
import frappe.desk.reportview as reportview
from frappe.desk.query_report import run
from frappe.query_builder.functions import Coalesce

from class_teacher_appraisal.utils import grade_name
from tests.conftest import acting_as

OFFICE, TEACHER = "li.office@demo-school.cn", "wangli@demo-school.cn"
APPRAISAL, LINE = "Class Teacher Appraisal", "Class Teacher Appraisal Line"


def in_language(lang, fn, *args):
	previous = frappe.local.lang
	frappe.local.lang = lang
	try:
		return fn(*args)
	finally:
		frappe.local.lang = previous


def test_grade_levels_by_their_names_in_chinese_and_english():
	zh = [in_language("zh", grade_name, level) for level in (1, 6, 7, 9, 10, 12)]
	assert zh == ["一年级", "六年级", "七年级", "九年级", "高一", "高三"]
	assert in_language("en", grade_name, 7) == "Grade 7"
	assert grade_name(0) == "" and grade_name(13) == "13"


def test_records_carry_the_teachers_full_name_and_grade_name():
	teacher_name = frappe.db.get_value("User", TEACHER, "full_name")
	assert teacher_name and teacher_name != TEACHER
	appraisal = frappe.get_all(APPRAISAL, filters={"class_teacher": TEACHER}, fields=["*"], limit=1)[0]
	assert appraisal.teacher_name == teacher_name
	level = frappe.db.get_value("Class Record", appraisal.class_record, "grade_level")
	assert appraisal.grade_name == f"Grade {level}"
	assert frappe.db.count("Class Record", {"grade_name": ["is", "not set"]}) == 0


def test_every_name_beside_a_person_is_that_persons_full_name():
	"""Each field that keeps a person's name beside their user link (fetched from the user's full
	name) holds it on every row of the demo school, also rows written in bulk: a row without it
	shows no name (or the user id) in lists and reports."""
	checked = {}
	for field in frappe.get_all(
		"DocField",
		filters={"fetch_from": ["like", "%.full_name"]},
		fields=["parent", "fieldname", "fetch_from"],
	):
		meta = frappe.get_meta(field.parent)
		if meta.module != "Class Teacher Appraisal" or meta.issingle:
			continue
		link = field.fetch_from.split(".")[0]
		table = frappe.qb.DocType(field.parent)
		user = frappe.qb.DocType("User")
		wrong = (
			frappe.qb.from_(table)
			.left_join(user)
			.on(user.name == table[link])
			.select(table.name, table[link], table[field.fieldname])
			.where(table[link].isnotnull() & (table[link] != ""))
			.where(table[field.fieldname].isnull() | (table[field.fieldname] != Coalesce(user.full_name, "")))
			.limit(3)
			.run()
		)
		checked[f"{field.parent}.{field.fieldname}"] = frappe.db.count(field.parent, {link: ["is", "set"]})
		assert not wrong, f"{field.parent}.{field.fieldname} is not the full name of {link}: {wrong}"
	for kept in (
		"Inspection.teacher_name",
		"Red Flag Award.teacher_name",
		"Class Teacher Assignment.teacher_name",
	):
		assert checked.get(kept), f"no {kept} checked"  # the demo school has rows of each


def test_every_grade_name_is_its_classs():
	for doctype in ("Class Teacher Appraisal", "Inspection", "Red Flag Award"):
		table, cls = frappe.qb.DocType(doctype), frappe.qb.DocType("Class Record")
		wrong = (
			frappe.qb.from_(table)
			.join(cls)
			.on(cls.name == table.class_record)
			.select(table.name)
			.where(table.grade_name.isnull() | (table.grade_name != cls.grade_name))
			.limit(1)
			.run()
		)
		assert frappe.db.count(doctype) and not wrong, f"{doctype}: {wrong}"


def test_link_fields_show_people_by_their_names():
	"""User's titles show in link fields (the Desk's boot lists User among the title-link doctypes,
	and a link's title is the full name), and the site's choice is made once: unticked in Customize
	Form, it stays so."""
	from frappe.boot import get_link_title_doctypes
	from frappe.desk.search import get_link_title

	from class_teacher_appraisal.install import show_people_by_name

	assert "User" in get_link_title_doctypes()
	with acting_as(OFFICE):
		assert get_link_title("User", TEACHER) == frappe.db.get_value("User", TEACHER, "full_name")
	frappe.db.delete("Property Setter", {"doc_type": "User", "property": "show_title_field_in_link"})
	frappe.clear_cache(doctype="User")
	frappe.get_doc(  # what Customize Form leaves when the school unticks it and another change is kept
		{
			"doctype": "Property Setter",
			"doctype_or_field": "DocType",
			"doc_type": "User",
			"property": "show_title_field_in_link",
			"property_type": "Check",
			"value": "0",
		}
	).insert(ignore_permissions=True)
	show_people_by_name()
	assert not frappe.get_meta("User", cached=False).show_title_field_in_link
	frappe.clear_cache(doctype="User")


def test_the_printed_sheet_names_the_teacher_not_their_email():
	name = frappe.get_all(APPRAISAL, filters={"class_teacher": TEACHER}, pluck="name", limit=1)[0]
	html = frappe.get_print(APPRAISAL, name, print_format="Class Teacher Appraisal Sheet")
	assert frappe.db.get_value("User", TEACHER, "full_name") in html
	assert TEACHER not in html
	level = frappe.db.get_value(APPRAISAL, name, "grade_level")
	assert f'<span class="cta-meta">Grade {level}</span>' in html  # the grade's name beside the class
	zh = in_language(
		"zh", lambda: frappe.get_print(APPRAISAL, name, print_format="Class Teacher Appraisal Sheet")
	)
	assert f'<span class="cta-meta">{in_language("zh", grade_name, level)}</span>' in zh


def test_the_weekly_bulletin_shows_grade_names():
	result = in_language("zh", run, "Weekly Inspection Bulletin", {"week": "2025-11-10"})
	columns = {c["fieldname"]: c for c in result["columns"]}
	assert "grade_name" in columns and "grade_level" not in columns
	rows = [r for r in result["result"] if isinstance(r, dict) and r.get("class_name")]
	assert rows and all(r["grade_name"] == in_language("zh", grade_name, r["grade_level"]) for r in rows)
	assert {r["grade_name"] for r in rows} >= {"一年级", "六年级"}


def test_the_ranking_shows_teacher_names_and_grade_names():
	period = frappe.get_all(APPRAISAL, filters={"period_type": "Month"}, pluck="appraisal_period", limit=1)[0]
	result = in_language("zh", run, "Appraisal Ranking", {"appraisal_period": period})
	fields = [c["fieldname"] for c in result["columns"]]
	assert "teacher_name" in fields and "grade_name" in fields and "class_teacher" not in fields
	names = dict(frappe.get_all("User", fields=["name", "full_name"], as_list=True))
	rows = [r for r in result["result"] if isinstance(r, dict) and r.get("class_teacher")]
	assert rows and all(r["teacher_name"] == names[r["class_teacher"]] for r in rows)
	assert all(r["grade_name"].endswith("年级") for r in rows)


def saved(report: str, user: str) -> dict:
	"""Runs a saved report-builder report as the Report view does (its columns, no group-by)."""
	doc = frappe.get_doc("Report", report)
	settings = json.loads(doc.json)
	query = frappe._dict(
		doctype=doc.ref_doctype,
		view="Report",
		fields=json.dumps([f"`tab{dt}`.`{f}`" for f, dt in settings["columns"]]),
		filters=json.dumps(settings["filters"]),
		order_by=f"`tab{doc.ref_doctype}`.`modified` desc",
		page_length=0,
	)
	try:
		with acting_as(user):
			frappe.local.form_dict = query
			result = reportview.get()
	finally:
		frappe.local.form_dict = frappe._dict()
	return [dict(zip(result["keys"], row, strict=False)) for row in result["values"]]


def test_points_per_criterion_for_the_office_and_for_a_class_teacher():
	every = saved("Points per Criterion", OFFICE)
	assert len(every) == frappe.db.count(LINE, {"parenttype": APPRAISAL})
	own = saved("Points per Criterion", TEACHER)
	mine = set(frappe.get_all(APPRAISAL, filters={"class_teacher": TEACHER}, pluck="name"))
	assert own and {r["name"] for r in own} == mine
	assert len(own) == frappe.db.count(LINE, {"parent": ["in", list(mine)]})
	name = frappe.db.get_value("User", TEACHER, "full_name")
	assert {r["teacher_name"] for r in own} == {name}


def test_deductions_by_class_and_item_for_the_office_and_for_a_class_teacher():
	every = saved("Deductions by Class and Item", OFFICE)
	assert {r["name"] for r in every} == set(
		frappe.get_all("Inspection", filters={"deduction": [">", 0], "docstatus": ["<", 2]}, pluck="name")
	)
	own = saved("Deductions by Class and Item", TEACHER)
	classes = set(frappe.get_all("Class Record", filters={"class_teacher": TEACHER}, pluck="class_name"))
	assert own and len(own) < len(every) and {r["class_name"] for r in own} <= classes


def test_the_saved_reports_group_as_shipped():
	for report in ("Points per Criterion", "Deductions by Class and Item"):
		group_by = json.loads(frappe.db.get_value("Report", report, "json"))["group_by"]
		assert group_by["group_by"].startswith("`tab") and group_by["aggregate_function"] in ("avg", "sum")
