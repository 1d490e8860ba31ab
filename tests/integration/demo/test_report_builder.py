"""An office user groups appraisals and sums points in the report builder without code:
driven through frappe.desk.reportview exactly as the Desk's Report view calls it."""

import json

import frappe
import frappe.desk.reportview as reportview

from tests.conftest import acting_as

OFFICE, TEACHER = "li.office@demo-school.cn", "wangli@demo-school.cn"
APPRAISAL = "Class Teacher Appraisal"


def grouped(group_by: str, function: str, field: str, on: str = APPRAISAL, filters=()):
	"""The request the Report view sends for "Group By" with an aggregate column."""
	frappe.local.form_dict = frappe._dict(
		doctype=APPRAISAL,
		view="Report",
		fields=json.dumps([group_by]),
		group_by=group_by,
		aggregate_function=function,
		aggregate_on_field=field,
		aggregate_on_doctype=on,
		filters=json.dumps(list(filters)),
	)
	try:
		result = reportview.get()
	finally:
		frappe.local.form_dict = frappe._dict()
	return {row[0]: row[1] for row in result["values"]}


def test_appraisals_grouped_by_grade_with_summed_points():
	with acting_as(OFFICE):
		sums = grouped(
			f"`tab{APPRAISAL}`.`grade`",
			"sum",
			"total_score",
			filters=[[APPRAISAL, "period_type", "=", "Month"]],
		)
	expected: dict[str, float] = {}
	for a in frappe.get_all(APPRAISAL, filters={"period_type": "Month"}, fields=["grade", "total_score"]):
		expected[a.grade] = expected.get(a.grade, 0) + a.total_score
	assert sums.keys() == expected.keys() and len(sums) >= 3
	assert all(abs(sums[g] - expected[g]) < 1e-6 for g in sums)


def test_appraisals_counted_by_period_and_grade_level():
	with acting_as(OFFICE):
		per_period = grouped(f"`tab{APPRAISAL}`.`appraisal_period`", "count", "name")
		per_level = grouped(f"`tab{APPRAISAL}`.`grade_level`", "count", "name")
	assert per_period["2025年10月"] == 12
	assert set(per_level) == {1, 2, 3, 4, 5, 6} and sum(per_level.values()) == sum(per_period.values())


def test_points_by_part_from_the_child_table():
	section = "Class Teacher Appraisal Section"
	with acting_as(OFFICE):
		averages = grouped(
			f"`tab{section}`.`section_title`",
			"avg",
			"points",
			on=section,
			filters=[[APPRAISAL, "appraisal_period", "=", "2025年10月"]],
		)
	rows = frappe.db.sql(
		"""select s.section_title, avg(s.points) from `tabClass Teacher Appraisal Section` s
		join `tabClass Teacher Appraisal` a on a.name = s.parent
		where a.appraisal_period = '2025年10月' group by s.section_title"""
	)
	assert len(averages) == 6 and all(abs(averages[t] - float(v)) < 1e-6 for t, v in rows)


def test_the_report_builder_keeps_a_teacher_to_their_own_appraisals():
	with acting_as(TEACHER):
		per_period = grouped(f"`tab{APPRAISAL}`.`appraisal_period`", "count", "name")
	assert per_period["2025年10月"] == 1
