"""The weekly bulletin and the red-flag tally take their figures from the scoring core (its
Decimal averages rounded half up, its weekly flags, its flag parts) over the evidence the engine
reads, among the classes the period contests: what they show is what the published Red Flag
Awards and the appraisals say."""

from datetime import date
from decimal import Decimal

import frappe
import pytest
from frappe.desk.query_report import run

from class_teacher_appraisal import adapters, evidence
from class_teacher_appraisal.appraisals import period_classes
from class_teacher_appraisal.scoring import Kind, award_weekly_flags, points
from tests.conftest import acting_as
from tests.factories import appraisal_of, inspect, make_class, make_period

MONDAY = date(2025, 9, 8)
DAYS = ["2025-09-08", "2025-09-09", "2025-09-10", "2025-09-11"]
YEAR, LAST_YEAR = "2025-2026", "2024-2025"
TEACHER = "a.teacher@example.cn"


@pytest.fixture
def week():
	"""Hygiene checks of one week with fractional scores: 三年级(1)班 9.5, 8.25, 7 (8.25 on
	average); 三年级(2)班 the same and 7.75 (8.125: half up 8.13, where floats give 8.12, since
	8.125 is exact in binary and Python rounds it half to even); 三年级(3)班 8.12. Hygiene gives two
	flags a week: (1) and (2) win, (3) does not."""
	period = make_period(academic_year=YEAR)
	classes = {
		make_class("三年级(1)班", 3, class_teacher=TEACHER).name: (9.5, 8.25, 7),
		make_class("三年级(2)班", 3).name: (9.5, 8.25, 7, 7.75),
		make_class("三年级(3)班", 3).name: (8.12,),
	}
	for cls, scores in classes.items():
		for day, score in zip(DAYS, scores, strict=False):
			inspect(cls, "卫生", day, score)
	return period, list(classes)


def bulletin(**filters):
	result = run("Weekly Inspection Bulletin", filters={"week": "2025-09-10", **filters})
	rows = [r for r in result["result"] if isinstance(r, dict) and r.get("class_record")]
	return {(r["class_record"], r["inspection_item"]): r for r in rows}, result


def core_flags(period):
	"""The week's flags and averages straight from the scoring core, as the engine awards them."""
	period = frappe.get_doc("Appraisal Period", period.name)
	rubric_doc = frappe.get_doc("Appraisal Rubric", period.rubric)
	gathered = evidence.gather(period, rubric_doc, period_classes(period))
	rubric = adapters.to_rubric(rubric_doc)
	return award_weekly_flags(adapters.load_items(), list(gathered.values()), rubric.flag_rules)


def test_the_bulletin_shows_the_cores_net_averages_and_flags(week):
	period, (first, second, third) = week
	rows, raw = bulletin(inspection_item="卫生")
	flags = core_flags(period)
	for cls in (first, second, third):
		row, core = rows[(cls, "卫生")], flags[cls][("卫生", MONDAY)]
		assert row["net_average"] == float(points(core.net_average))
		assert row["red_flags"] == float(core.total)
		assert row["checks"] == {first: 3, second: 4, third: 1}[cls]
	assert [rows[(c, "卫生")]["net_average"] for c in (first, second, third)] == [8.25, 8.13, 8.12]
	assert [rows[(c, "卫生")]["red_flags"] for c in (first, second, third)] == [1, 1, 0]
	cards = {c["label"]: c["value"] for c in raw["report_summary"]}
	assert cards["Red Flags"] == 2 and cards["Checks"] == 8


def test_an_average_of_x_xx5_is_rounded_half_up_as_the_core_does_not_as_floats(week):
	"""8.125 shown as 8.12 would tie 三年级(2)班 with 三年级(3)班, though only (2) won the flag."""
	_period, (_first, second, third) = week
	rows, _raw = bulletin()
	assert round(sum([9.5, 8.25, 7.0, 7.75]) / 4, 2) == 8.12  # what a float sum shows
	assert rows[(second, "卫生")]["net_average"] == 8.13 == float(points(Decimal("32.5") / 4))
	assert rows[(second, "卫生")]["red_flags"] == 1 and rows[(third, "卫生")]["red_flags"] == 0


def test_the_bulletin_and_the_published_red_flags_agree(week):
	period, classes = week
	period.award_weekly_flags()
	published = frappe.get_all(
		"Red Flag Award",
		filters={"appraisal_period": period.name, "week_start": MONDAY},
		fields=["class_record", "inspection_item", "red_flags", "average_score"],
	)
	rows, _raw = bulletin()
	assert {a.class_record for a in published} == set(classes)
	for award in published:
		row = rows[(award.class_record, award.inspection_item)]
		assert (row["red_flags"], row["net_average"]) == (award.red_flags, award.average_score), award


def test_the_bulletin_of_a_period_shows_its_classes_and_its_flags(week):
	period, classes = week
	other = make_class("三年级(1)班", 3, academic_year=LAST_YEAR).name
	inspect(other, "卫生", DAYS[0], 10)  # would win the week if it were contested
	rows, _raw = bulletin(appraisal_period=period.name, inspection_item="卫生")
	assert {cls for cls, _item in rows} == set(classes)
	assert [rows[(c, "卫生")]["red_flags"] for c in classes] == [1, 1, 0]
	with acting_as(TEACHER):
		rows, _raw = bulletin(appraisal_period=period.name)
	assert {cls for cls, _item in rows} == {classes[0]}
	assert rows[(classes[0], "卫生")]["red_flags"] == 1  # contested among every class, shown only hers


def tally(period_name, **filters):
	result = run("Red Flag Tally", filters={"appraisal_period": period_name, **filters})
	return {r["class_record"]: r for r in result["result"] if isinstance(r, dict)}, result


def test_the_red_flag_tally_lists_only_the_periods_classes(week):
	"""Before any appraisal exists: the classes of the period's academic year (an inactive one
	too, it may have been inspected), never another year's."""
	period, classes = week
	inactive = make_class("三年级(9)班", 3, is_active=0).name
	others = [
		make_class("三年级(1)班", 3, academic_year=LAST_YEAR).name,
		make_class("四年级(1)班", 4, academic_year=LAST_YEAR).name,
	]
	inspect(others[0], "卫生", DAYS[0], 10)
	assert not frappe.db.exists("Class Teacher Appraisal", {"appraisal_period": period.name})
	rows, _raw = tally(period.name)
	assert set(rows) == {*classes, inactive}
	assert not set(others) & set(rows)
	assert [rows[c]["total_flags"] for c in classes] == [1, 1, 0]


def test_the_red_flag_tally_gives_each_class_the_flag_part_of_its_appraisal(week):
	period, classes = week
	make_class("三年级(4)班", 3)  # no inspection: no flag
	make_class("三年级(1)班", 3, academic_year=LAST_YEAR)
	period.generate_appraisals()
	rubric = adapters.to_rubric(frappe.get_doc("Appraisal Rubric", period.rubric))
	part = next(c for c in rubric.criteria if c.kind == Kind.FLAG_SHARE)
	rows, raw = tally(period.name)
	appraised = frappe.get_all(
		"Class Teacher Appraisal", filters={"appraisal_period": period.name}, pluck="class_record"
	)
	assert set(rows) == set(appraised) and len(rows) == 4
	for cls, row in rows.items():
		doc = appraisal_of(period.name, cls)
		line = next(ln for ln in doc.lines if ln.criterion_code == part.code)
		assert row["part_" + frappe.scrub(part.code)] == line.computed_points, row["class_name"]
		assert row["total_flags"] == doc.red_flags
	assert rows[classes[0]]["part_" + frappe.scrub(part.code)] == float(part.max_points)
	assert rows[classes[2]]["total_flags"] == 0 and rows[classes[2]]["part_" + frappe.scrub(part.code)] == 0
	assert {c["label"]: c["value"] for c in raw["report_summary"]}["Red Flags"] == 2
