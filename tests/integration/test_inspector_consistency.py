"""Inspector Consistency (值周检查员评分一致性) on a site: four duty inspectors take turns on the
same four classes for four weeks; one always gives 2 points more than the class earns and one
2 points less. The report labels them lenient and severe, the two fair ones in line, counts the
inspections behind the appealed lines (one appeal accepted, one rejected), and is refused to
inspectors and class teachers."""

from datetime import date, timedelta

import frappe
import pytest
from frappe.desk.query_report import run

from class_teacher_appraisal.class_teacher_appraisal.report.inspector_consistency.inspector_consistency import (
	execute,
)
from class_teacher_appraisal.inspections import insert_submitted
from tests.conftest import acting_as
from tests.factories import approve, fill_manual, make_period, make_school, make_user

FAIR, FAIR2, LENIENT, SEVERE = (
	"fair.one@example.cn",
	"fair.two@example.cn",
	"easy.marker@example.cn",
	"hard.marker@example.cn",
)
OFFICE, PRINCIPAL, INSPECTOR = "office@example.cn", "head@example.cn", "duty@example.cn"
ITEM = "卫生"
MONDAYS = [date(2025, 9, 1) + timedelta(weeks=w) for w in range(4)]
FILTERS = {"from_date": "2025-09-01", "to_date": "2025-09-30", "inspection_item": ITEM}


def rubric() -> str:
	"""A month's rubric whose line A1 scores the hygiene inspections, and a hand-scored B1."""
	return (
		frappe.get_doc(
			{
				"doctype": "Appraisal Rubric",
				"rubric_name": "值周一致性测试方案",
				"period_type": "Month",
				"total_points": 100,
				"sections": [
					{"section_code": "A", "section_title": "卫生", "max_points": 60},
					{"section_code": "B", "section_title": "班务", "max_points": 40},
				],
				"criteria": [
					{
						"criterion_code": "A1",
						"criterion_title": "卫生检查",
						"section_code": "A",
						"rule_kind": "Inspection Score",
						"inspection_item": ITEM,
						"max_points": 60,
					},
					{
						"criterion_code": "B1",
						"criterion_title": "班务记载",
						"section_code": "B",
						"rule_kind": "Manual Points",
						"max_points": 40,
					},
				],
			}
		)
		.insert()
		.name
	)


@pytest.fixture(scope="module")
def inspectors(frappe_site):
	"""The four inspectors, kept on the test site like the session's users (a user costs seconds)."""
	for user in (FAIR, FAIR2, LENIENT, SEVERE):
		make_user(user, "Duty Inspector")
	frappe.db.commit()


@pytest.fixture
def school(inspectors, db):
	classes = make_school(4, grade_level=3)
	period = make_period(
		"2025年9月（一致性）", "2025-09-01", "2025-09-30", rubric=rubric(), period_type="Month"
	)
	earned = dict(zip(classes, (9, 8, 7, 6), strict=True))  # what each class's hygiene is worth
	bias = {FAIR: 0, FAIR2: 0, LENIENT: 2, SEVERE: -2}
	rows = []
	for monday in MONDAYS:
		for day, (inspector, plus) in enumerate(bias.items()):
			for i, cls in enumerate(classes):
				# the fair ones differ a little by week, never by much
				noise = 0.5 if (i + day + monday.day) % 2 else 0
				score = min(max(earned[cls] + plus - (noise if inspector == FAIR else 0), 0), 10)
				rows.append(
					{
						"class_record": cls,
						"inspection_item": ITEM,
						"inspection_date": monday + timedelta(days=day),
						"score": score,
						"inspector": inspector,
					}
				)
	insert_submitted(rows)
	period.generate_appraisals()
	return frappe._dict(classes=classes, period=period.name)


def by_inspector(result):
	_columns, rows, *_ = result
	return {r["inspector"]: r for r in rows}


def test_the_lenient_and_the_severe_inspector_are_labelled(school):
	with acting_as(OFFICE):
		rows = by_inspector(execute({**FILTERS, "threshold": 1}))
	assert set(rows) == {FAIR, FAIR2, LENIENT, SEVERE}
	assert rows[LENIENT]["label_code"] == "Lenient" and rows[LENIENT]["mean_difference"] >= 2
	assert rows[SEVERE]["label_code"] == "Severe" and rows[SEVERE]["mean_difference"] <= -2
	assert rows[FAIR]["label_code"] == rows[FAIR2]["label_code"] == "In Line"
	assert abs(rows[FAIR]["mean_difference"]) < 1 and abs(rows[FAIR2]["mean_difference"]) < 1
	for row in rows.values():
		assert (row["inspections"], row["compared"]) == (16, 16)
		assert row["appealed"] == row["overturned"] == 0
	# the lenient one: 2 above the mean of the other three (0, −0.25 on average, −2) on every check
	assert rows[LENIENT]["mean_score"] == 9.25  # (11 → 10, 10, 9, 8) over four classes: 10 at most
	# a higher threshold calls nobody lenient
	with acting_as(PRINCIPAL):
		relaxed = by_inspector(execute({**FILTERS, "threshold": 5}))
	assert {r["label_code"] for r in relaxed.values()} == {"In Line"}


def test_a_severe_inspector_of_good_classes_is_still_severe(school):
	"""Take the lenient inspector's checks of the weaker classes away: what is left are good
	classes. Their mean is high, but on those classes and weeks they are still 2 points above."""
	weak = school.classes[2:]
	frappe.db.delete("Inspection", {"inspector": LENIENT, "class_record": ["in", weak]})
	frappe.db.delete("Inspection", {"inspector": SEVERE, "class_record": ["in", school.classes[:2]]})
	rows = by_inspector(execute(FILTERS))
	assert rows[SEVERE]["mean_net"] < rows[LENIENT]["mean_net"]
	assert rows[LENIENT]["label_code"] == "Lenient" and rows[SEVERE]["label_code"] == "Severe"
	# the others' mean over the whole item would call them the other way round than the classes do
	assert rows[SEVERE]["mean_net"] <= 5.5


def appeal(appraisal, teacher):
	with acting_as(teacher):
		return frappe.get_doc(
			{
				"doctype": "Appraisal Appeal",
				"appraisal": appraisal,
				"reason": "卫生检查评分偏低",
				"lines": [{"criterion_code": "A1", "reason": "9月检查记录有误"}],
			}
		).insert()


def test_appeals_count_the_inspections_behind_the_appealed_line(school):
	first, second = school.classes[:2]
	names = {}
	for cls in (first, second):
		doc = frappe.get_doc(
			"Class Teacher Appraisal", {"appraisal_period": school.period, "class_record": cls}
		)
		line = next(row for row in doc.lines if row.criterion_code == "A1")
		assert frappe.parse_json(line.evidence)["item"] == ITEM
		names[cls] = approve(fill_manual(doc)).name
	teachers = frappe.get_all(
		"Class Record", filters={"name": ["in", [first, second]]}, fields=["name", "class_teacher"]
	)
	teacher = {t.name: t.class_teacher for t in teachers}
	accepted = appeal(names[first], teacher[first])
	rejected = appeal(names[second], teacher[second])
	with acting_as(OFFICE):
		frappe.get_doc("Appraisal Appeal", accepted.name).accept("核实后更正")
		frappe.get_doc("Appraisal Appeal", rejected.name).reject("检查记录无误")
	rows = by_inspector(execute(FILTERS))
	# each inspector checked each of the two classes once a week: 4 + 4 appealed, 4 overturned
	for row in rows.values():
		assert (row["appealed"], row["overturned"]) == (8, 4)
		assert row["appealed_percent"] == 50.0 and row["overturned_percent"] == 50.0
	# a range after September reaches none of them
	later = by_inspector(execute({**FILTERS, "from_date": "2025-10-01", "to_date": "2025-10-31"}))
	assert later == {}


def test_inspectors_and_class_teachers_are_refused(school):
	class_teacher = frappe.db.get_value("Class Record", school.classes[0], "class_teacher")
	for user in (INSPECTOR, LENIENT, class_teacher):
		with acting_as(user):
			with pytest.raises(frappe.PermissionError):
				execute(FILTERS)
			with pytest.raises(frappe.PermissionError):
				run("Inspector Consistency", filters=FILTERS)
	with acting_as(OFFICE):
		assert run("Inspector Consistency", filters=FILTERS)["result"]


def test_bad_filters_are_refused(school):
	with pytest.raises(frappe.ValidationError, match="before its start"):
		execute({**FILTERS, "from_date": "2025-09-30", "to_date": "2025-09-01"})
	with pytest.raises(frappe.ValidationError, match="cannot be negative"):
		execute({**FILTERS, "threshold": -1})
	with pytest.raises(frappe.ValidationError, match="does not exist"):
		execute({**FILTERS, "inspection_item": "<b>无此项</b>"})
	with pytest.raises(frappe.ValidationError, match="first and the last day"):
		execute({"inspection_item": ITEM})
