"""The four Script Reports on the demo school, checked against the scoring core's own
results over the same evidence, and run as each role through Frappe's report runner."""

from collections import Counter
from datetime import date

import frappe
import pytest
from frappe.desk.query_report import run

from class_teacher_appraisal import adapters, demo, evidence
from class_teacher_appraisal.appraisals import get_period, period_classes
from class_teacher_appraisal.scoring import Kind
from class_teacher_appraisal.scoring.amounts import points
from class_teacher_appraisal.scoring.engine import score_period
from class_teacher_appraisal.scoring.flags import award_weekly_flags, flag_total
from tests.conftest import acting_as

MONTH = "2025年10月"
OFFICE, TEACHER = "li.office@demo-school.cn", "wangli@demo-school.cn"
WEEK = date(2025, 10, 20)  # the week of the demo's safety accident


def core(period_name):
	"""What the scoring core says about a period, straight from the evidence and the office's
	hand inputs (gather reads those from drafts only: approved ones are reopened here, inside
	the test's savepoint, after the report ran)."""
	frappe.db.sql(
		"update `tabClass Teacher Appraisal` set docstatus = 0 where appraisal_period = %s and docstatus = 1",
		period_name,
	)
	period = get_period(period_name)
	rubric_doc = frappe.get_doc("Appraisal Rubric", period.rubric)
	gathered = evidence.gather(period, rubric_doc, period_classes(period))
	rubric, items = adapters.to_rubric(rubric_doc), adapters.load_items()
	results = {r.class_id: r for r in score_period(rubric, items, list(gathered.values()))}
	flags = award_weekly_flags(items, list(gathered.values()), rubric.flag_rules)
	return rubric, gathered, results, flags


def report(name, **filters):
	result = run(name, filters=filters)
	rows = result["result"][:-1] if result["add_total_row"] else result["result"]  # without the total row
	return {c["fieldname"]: c for c in result["columns"]}, rows, result


def test_ranking_matches_the_scoring_core():
	columns, rows, raw = report("Appraisal Ranking", appraisal_period=MONTH, honours_count=10)
	rubric, _gathered, results, _flags = core(MONTH)
	assert len(rows) == 12 and [r["rank"] for r in rows] == sorted(r["rank"] for r in rows)
	for row in rows:
		expected = results[row["class_record"]]
		assert row["total_score"] == float(expected.total)
		assert row["rank"] == expected.rank
		for s in expected.sections:
			assert row["part_" + frappe.scrub(s.code)] == float(s.points), (row["class_name"], s.code)
	# one column per part of the rubric, in its order, between grade level and total
	parts = [k for k in columns if k.startswith("part_")]
	assert parts == ["part_" + frappe.scrub(s.code) for s in rubric.sections]
	vetoed = [r for r in rows if r["remark"]]
	assert [r["class_name"] for r in vetoed] == [demo.SAFETY_ACCIDENT[0]] and not vetoed[0]["honour"]
	assert sum(1 for r in rows if r["honour"]) == 10  # 十佳 among the 11 without a veto
	assert raw["chart"]["data"]["datasets"][0]["values"] == [r["total_score"] for r in rows]
	grades = Counter(r["grade"] for r in rows)
	cards = {c["label"]: c["value"] for c in raw["report_summary"]}
	assert all(cards[g] == n for g, n in grades.items())
	assert cards["Allowance This Period"] == sum(r["allowance"] for r in rows)


def test_ranking_filters_by_grade_level_and_keeps_school_ranks():
	_c, rows, _raw = report("Appraisal Ranking", appraisal_period=MONTH, grade_level=3)
	assert {r["grade_level"] for r in rows} == {3} and len(rows) == 2


def test_a_class_teacher_sees_only_their_own_row_in_the_ranking():
	with acting_as(TEACHER):
		_c, rows, _raw = report("Appraisal Ranking", appraisal_period=MONTH)
	assert [r["class_teacher"] for r in rows] == [TEACHER]


def test_red_flag_tally_matches_the_scoring_core():
	_columns, rows, raw = report("Red Flag Tally", appraisal_period=demo.TERM)
	rubric, _gathered, results, flags = core(demo.TERM)
	criterion = next(c for c in rubric.criteria if c.kind == Kind.FLAG_SHARE)
	assert len(rows) == 12
	for row in rows:
		class_id = row["class_record"]
		assert row["total_flags"] == float(flag_total(flags[class_id], criterion.inspection_item))
		line = next(ln for ln in results[class_id].lines if ln.code == criterion.code)
		assert row["part_" + frappe.scrub(criterion.code)] == float(points(line.points)), row["class_name"]
		per_item = sum(v for k, v in row.items() if k.startswith("item_"))
		assert per_item == row["total_flags"]
	assert rows[0]["part_" + frappe.scrub(criterion.code)] == float(criterion.max_points)
	assert raw["chart"]["data"]["datasets"][0]["values"] == [r["total_flags"] for r in rows]


def test_weekly_bulletin_matches_the_evidence_and_last_week():
	_columns, rows, raw = report("Weekly Inspection Bulletin", week="2025-10-22")
	period = frappe._dict(start_date=date(2025, 10, 13), end_date=date(2025, 10, 26), name=MONTH)
	rubric_doc = frappe.get_doc("Appraisal Rubric", frappe.db.get_value("Appraisal Period", MONTH, "rubric"))
	gathered = evidence.gather(period, rubric_doc, period_classes(get_period(MONTH)))
	checked = 0
	for row in rows:
		now = gathered[row["class_record"]].weeks.get((row["inspection_item"], WEEK))
		before = gathered[row["class_record"]].weeks.get((row["inspection_item"], date(2025, 10, 13)))
		assert row["checks"] == (now.count if now else 0)
		if now and now.count:
			assert row["net_average"] == float(points(now.net_average))  # the core's rounding, half up
			checked += 1
		if now and before and now.count and before.count:
			assert row["change"] == round(row["net_average"] - row["last_week"], 2)
	assert checked > 50
	awards = frappe.get_all(
		"Red Flag Award",
		filters={"week_start": WEEK},
		fields=["class_record", "inspection_item", "red_flags"],
	)
	shown = {(r["class_record"], r["inspection_item"]): r["red_flags"] for r in rows}
	assert all(shown[(a.class_record, a.inspection_item)] == a.red_flags for a in awards)
	counted = frappe.db.sql(
		"""select sum(i.count) from `tabInspection Incident` i join tabInspection p on p.name = i.parent
		where p.docstatus = 1 and p.week_start = %s""",
		WEEK,
	)[0][0]
	assert sum(r["incidents"] for r in rows) == counted > 0
	accident = [r for r in rows if r["class_name"] == demo.SAFETY_ACCIDENT[0] and r["incidents"]]
	assert any("安全事故" in r["reasons"] for r in accident)
	assert raw["chart"]["type"] == "bar"


def test_a_class_teacher_sees_only_their_own_classes_in_the_bulletin():
	with acting_as(TEACHER):
		_c, rows, _raw = report("Weekly Inspection Bulletin", week="2025-10-22")
	assert {r["class_name"] for r in rows} == {"一年级(1)班"}


def test_a_class_teacher_without_a_class_sees_an_empty_bulletin_and_ranking():
	with acting_as("b.teacher@example.cn"):  # a session test user: no class in the demo school
		_c, bulletin, _raw = report("Weekly Inspection Bulletin", week="2025-10-22")
		_c, ranking, _raw = report("Appraisal Ranking", appraisal_period=MONTH)
	assert bulletin == [] and ranking == []


def test_teacher_history_follows_the_teacher_across_periods():
	with acting_as(TEACHER):
		_c, rows, raw = report("Teacher History", class_teacher=TEACHER)
	assert len(rows) == frappe.db.count("Class Teacher Appraisal", {"class_teacher": TEACHER})
	months = [r for r in rows if r["period_type"] == "Month"]
	assert [r["appraisal_period"] for r in months] == [p for p, *_ in demo.MONTHS]
	assert months[1]["change"] == round(months[1]["total_score"] - months[0]["total_score"], 2)
	assert raw["chart"]["data"]["datasets"][0]["values"] == [r["total_score"] for r in months]


def test_a_class_teacher_cannot_read_another_teachers_history():
	with acting_as(TEACHER), pytest.raises(frappe.PermissionError):
		run("Teacher History", filters={"class_teacher": "lina@demo-school.cn"})
	with acting_as(OFFICE):
		_c, rows, _raw = report("Teacher History", class_teacher="lina@demo-school.cn")
	assert rows
