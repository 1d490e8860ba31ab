"""Quotas set up through the Desk's DocTypes as an office would (issue 13, rule 2): activity kinds,
a rubric with Quota criteria (a grade's own quota among them), class teachers recording their
activities and the office confirming some of them; the appraisal lines count only the confirmed
ones of the period, and the Quota Progress report shows each teacher their own progress."""

import json

import frappe
import pytest

from class_teacher_appraisal.class_teacher_appraisal.report.quota_progress import quota_progress
from class_teacher_appraisal.scoring import Kind
from tests.conftest import acting_as
from tests.factories import appraisal_of, lines_of, make_class, make_period

A, B = "a.teacher@example.cn", "b.teacher@example.cn"
OFFICE, PRINCIPAL = "office@example.cn", "head@example.cn"
RUBRIC = "班主任常规任务 v1"


def activity_kinds():
	for name, measure in (("主题班会", "Count"), ("读书心得", "Count"), ("培训", "Hours"), ("家访", "Count")):
		if not frappe.db.exists("Activity Kind", name):
			frappe.get_doc(
				{"doctype": "Activity Kind", "activity_kind_name": name, "measure": measure}
			).insert()


def quota(code, title, kind, quota, max_points, **kw):
	return {
		"criterion_code": code,
		"criterion_title": title,
		"section_code": "任务",
		"rule_kind": Kind.QUOTA,
		"activity_kind": kind,
		"quota": quota,
		"max_points": max_points,
		**kw,
	}


def quota_rubric():
	"""S1's theme meetings (two a term, 初三 one) and S9's obligations, as the office enters them."""
	return frappe.get_doc(
		{
			"doctype": "Appraisal Rubric",
			"rubric_name": "班主任常规任务",
			"period_type": "Term",
			"total_points": 40,
			"sections": [{"section_code": "任务", "section_title": "常规任务", "max_points": 40}],
			"criteria": [
				quota("Q1", "主题班会", "主题班会", 2, 10),
				quota("Q2", "读书心得", "读书心得", 2, 10, quota_scope="Person", quota_mode="All or Nothing"),
				quota("Q3", "培训课时", "培训", 40, 10, quota_scope="Person", quota_measure="Hours"),
				quota(
					"Q4",
					"市级以上专家讲座",
					"培训",
					1,
					10,
					quota_scope="Person",
					quota_mode="All or Nothing",
					min_level="市级",
				),
			],
			"levels": [
				{"criterion_code": "Q4", "level": level, "weight": rank}
				for level, rank in (("校级", 1), ("县级", 2), ("市级", 3), ("省级", 4))
			],
			"grade_maxima": [{"criterion_code": "Q1", "grade_levels": "9", "max_points": 10, "quota": 1}],
		}
	).insert()


def record(user, kind, date, title, class_record=None, hours=0, level=None, confirm=True):
	"""A teacher records an activity; the office confirms (submits) it."""
	with acting_as(user):
		doc = frappe.get_doc(
			{
				"doctype": "Appraisal Activity",
				"activity_kind": kind,
				"activity_date": date,
				"title": title,
				"class_record": class_record,
				"hours": hours,
				"level": level,
			}
		).insert()
	if confirm:
		with acting_as(OFFICE):
			frappe.get_doc("Appraisal Activity", doc.name).submit()
	return doc.name


@pytest.fixture
def school():
	activity_kinds()
	quota_rubric()
	eight = make_class("八年级(1)班", 8, class_teacher=A).name
	nine = make_class("九年级(1)班", 9, class_teacher=B).name
	period = make_period("2025秋季学期", "2025-09-01", "2026-01-18", rubric=RUBRIC)
	done = {
		"meeting": record(A, "主题班会", "2025-09-15", "开学第一课", eight),
		"draft_meeting": record(A, "主题班会", "2025-10-20", "安全教育", eight, confirm=False),
		"nine_meeting": record(B, "主题班会", "2025-09-22", "中考动员", nine),
		"notes": record(A, "读书心得", "2025-10-08", "《给教师的建议》心得"),
		"school_training": record(A, "培训", "2025-09-10", "校本培训", hours=12, level="校级"),
		"city_lecture": record(A, "培训", "2025-11-05", "市班主任专家讲座", hours=10, level="市级"),
		"county_draft": record(A, "培训", "2025-11-20", "县班主任培训", hours=8, level="县级", confirm=False),
		"summer": record(A, "培训", "2025-08-20", "暑期培训", hours=30, level="省级"),
	}
	return frappe._dict(eight=eight, nine=nine, period=period, done=done)


def test_the_lines_count_only_confirmed_activities_of_the_period(school):
	school.period.generate_appraisals()
	lines = lines_of(appraisal_of(school.period.name, school.eight))
	# one of two theme meetings confirmed (the second is a draft): 10 ÷ 2 × 1 = 5
	assert lines["Q1"].points == 5
	evidence = json.loads(lines["Q1"].evidence)
	assert evidence["activities"] == [school.done["meeting"]]
	assert evidence["messages"] == [
		[
			"{0}: {1}",
			[
				{"msg": ["{0} {1}/{2}", ["主题班会", "1", "2"]]},
				{"msg": ["{0} ÷ {1} × {2} = {3}", ["10", "2", "1", "5"]]},
			],
		]
	]
	assert lines["Q1"].explanation == "主题班会 1/2: 10 ÷ 2 × 1 = 5"
	# reading notes, all or nothing: 1 of 2 is nothing
	assert lines["Q2"].points == 0
	# training: 12 + 10 hours confirmed in the term (the county draft and the summer course do not count)
	assert lines["Q3"].points == 5.5
	assert sorted(json.loads(lines["Q3"].evidence)["activities"]) == sorted(
		[school.done["school_training"], school.done["city_lecture"]]
	)
	# the city lecture is the one at 市级 or above
	assert lines["Q4"].points == 10
	assert json.loads(lines["Q4"].evidence)["activities"] == [school.done["city_lecture"]]


def test_grade_nine_meets_its_quota_with_one_theme_meeting(school):
	school.period.generate_appraisals()
	lines = lines_of(appraisal_of(school.period.name, school.nine))
	assert lines["Q1"].points == 10
	assert json.loads(lines["Q1"].evidence)["quota"] == "1"
	# b recorded no reading notes or training
	assert (lines["Q2"].points, lines["Q3"].points, lines["Q4"].points) == (0, 0, 0)


def test_confirming_an_activity_counts_at_the_next_recompute(school):
	school.period.generate_appraisals()
	with acting_as(OFFICE):
		frappe.get_doc("Appraisal Activity", school.done["draft_meeting"]).submit()
	school.period.recompute_appraisals()
	assert lines_of(appraisal_of(school.period.name, school.eight))["Q1"].points == 10


def progress(user, **filters):
	with acting_as(user):
		_columns, rows, *_ = quota_progress.execute({"appraisal_period": "2025秋季学期", **filters})
	return {(r["class_record"], r["criterion"].split()[0]): r for r in rows}


def test_each_teacher_sees_their_own_progress_with_the_records_behind_it(school):
	mine = progress(A)
	assert {cls for cls, _code in mine} == {school.eight}
	assert [(r["done"], r["quota"], r["missing"], r["points"]) for r in mine.values()] == [
		(1, 2, 1, 5),
		(1, 2, 1, 0),
		(22, 40, 18, 5.5),
		(1, 1, 0, 10),
	]
	assert mine[(school.eight, "Q3")]["explanation"] in (
		"培训 22/40 hours: 10 ÷ 40 × 22 = 5.5",
		"培训 22/40 课时: 10 ÷ 40 × 22 = 5.5",
	)
	assert mine[(school.eight, "Q1")]["records"] == school.done["meeting"]
	assert {cls for cls, _code in progress(B)} == {school.nine}
	assert progress(B)[(school.nine, "Q1")]["quota"] == 1
	assert {cls for cls, _code in progress(OFFICE)} == {school.eight, school.nine}
	assert {cls for cls, _code in progress(PRINCIPAL, only_missing=1)} == {school.eight, school.nine}
	with pytest.raises(frappe.PermissionError):
		progress(A, class_teacher=B)


def test_a_teacher_records_only_their_own_and_never_confirms(school):
	with pytest.raises(frappe.PermissionError), acting_as(A):
		frappe.get_doc(
			{
				"doctype": "Appraisal Activity",
				"activity_kind": "读书心得",
				"activity_date": "2025-10-01",
				"title": "x",
				"person": B,
			}
		).insert()
	with pytest.raises(frappe.PermissionError), acting_as(A):
		frappe.get_doc(
			{
				"doctype": "Appraisal Activity",
				"activity_kind": "主题班会",
				"activity_date": "2025-10-01",
				"title": "x",
				"class_record": school.nine,
			}
		).insert()
	draft = school.done["draft_meeting"]
	with pytest.raises(frappe.PermissionError), acting_as(A):
		frappe.get_doc("Appraisal Activity", draft).submit()
	with pytest.raises(frappe.PermissionError), acting_as(A):  # nor hands it to a colleague
		doc = frappe.get_doc("Appraisal Activity", draft)
		doc.person = B
		doc.save()
	assert frappe.db.get_value("Appraisal Activity", draft, ["docstatus", "person"]) == (0, A)
	# a colleague neither reads nor lists it
	with acting_as(B):
		assert not frappe.has_permission("Appraisal Activity", "read", draft)
		assert draft not in frappe.get_list("Appraisal Activity", pluck="name")
		assert school.done["nine_meeting"] in frappe.get_list("Appraisal Activity", pluck="name")


def test_the_office_never_confirms_its_own(school):
	mine = record(OFFICE, "读书心得", "2025-10-01", "教导处主任的心得", confirm=False)
	with pytest.raises(frappe.PermissionError), acting_as(OFFICE):
		frappe.get_doc("Appraisal Activity", mine).submit()
	assert frappe.db.get_value("Appraisal Activity", mine, "confirmed_by") is None
	assert frappe.db.get_value("Appraisal Activity", school.done["meeting"], "confirmed_by") == OFFICE


def test_hours_are_required_for_a_kind_measured_in_hours(school):
	with pytest.raises(frappe.ValidationError, match="课时|hours"):
		record(A, "培训", "2025-10-01", "没有课时的培训", confirm=False)


def test_the_rubric_refuses_a_minimum_level_it_does_not_rank(school):
	doc = frappe.get_doc("Appraisal Rubric", RUBRIC)
	doc.criteria[3].min_level = "国家级"
	with pytest.raises(frappe.ValidationError, match="国家级"):
		doc.save()
	doc.reload()
	doc.criteria[1].quota_measure = "Hours"  # 读书心得 is counted
	with pytest.raises(frappe.ValidationError, match="读书心得"):
		doc.save()
