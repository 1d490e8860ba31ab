"""Inspection rounds: a whole floor of classes entered on one form and submitted together,
checked with the rules of a single inspection, bad rows refused by number with nothing saved."""

import frappe
import pytest

from class_teacher_appraisal import rounds
from tests.factories import inspect, make_class, make_period, make_school

DAY = "2025-09-03"


@pytest.fixture
def school():
	make_period()
	return make_school(4)


def new_round(entries, item="纪律", date=DAY, **kw):
	return frappe.get_doc(
		{
			"doctype": "Inspection Round",
			"inspection_date": date,
			"inspection_item": item,
			"entries": entries,
			**kw,
		}
	)


def round_inspections(name):
	return frappe.get_all(
		"Inspection",
		filters={"inspection_round": name},
		fields=["class_record", "score", "level", "deduction", "docstatus", "dedupe_key", "week_start"],
		order_by="class_record",
	)


def test_a_round_records_one_submitted_inspection_per_class(school):
	doc = new_round(
		[
			{"class_record": school[0], "score": 9.5},
			{"class_record": school[1], "score": 8, "incident_type": "打架", "incident_count": 2},
			{"class_record": school[1], "incident_type": "乱扔纸屑", "incident_count": 1, "deduction": 0.5},
			{"class_record": school[2], "score": 10},
		]
	).insert()
	assert doc.class_count == 3 and doc.scoring_method == "Score"
	assert doc.entries[1].deduction == 4  # 2 fights × the item's 2 points
	assert not round_inspections(doc.name)  # a draft round records nothing yet
	doc.submit()

	found = {r.class_record: r for r in round_inspections(doc.name)}
	assert set(found) == set(school[:3])
	assert all(r.docstatus == 1 for r in found.values())
	assert (found[school[0]].score, found[school[1]].score, found[school[2]].score) == (9.5, 8, 10)
	assert found[school[1]].deduction == 4.5
	assert str(found[school[0]].week_start) == "2025-09-01"
	assert found[school[0]].dedupe_key == f"{school[0]}|纪律|{DAY}"
	second = frappe.get_all(
		"Inspection Incident",
		filters={
			"parent": frappe.db.get_value(
				"Inspection", {"inspection_round": doc.name, "class_record": school[1]}
			)
		},
		fields=["incident_type", "count", "deduction", "docstatus"],
		order_by="idx",
	)
	assert [(i.incident_type, i.count, i.deduction, i.docstatus) for i in second] == [
		("打架", 2, 4, 1),
		("乱扔纸屑", 1, 0.5, 1),
	]


def test_bad_rows_are_refused_by_number_and_nothing_is_saved(school):
	before = frappe.db.count("Inspection"), frappe.db.count("Inspection Round")
	doc = new_round(
		[
			{"class_record": school[0], "score": 9},
			{"class_record": school[1], "score": 11},
			{"class_record": school[2], "score": 8, "incident_type": "吵架", "incident_count": 1},
			{"class_record": school[0], "score": 7},
			{"class_record": school[3], "score": 9, "incident_count": 2},
		]
	)
	with pytest.raises(frappe.ValidationError) as refused:
		doc.insert()
	message = str(refused.value)
	assert "Row 2: The score must be between 0 and 10.0, not 11" in message
	assert "Row 3: incident type 吵架 is not one of 打架, 乱扔纸屑, 追逐打闹." in message
	assert "Row 4: 三年级(1)班 is already on row 1" in message
	assert "Row 5: choose the type of the 2 incidents." in message
	assert "Row 1:" not in message
	assert (frappe.db.count("Inspection"), frappe.db.count("Inspection Round")) == before


def test_a_score_left_empty_is_refused_rather_than_taken_as_zero(school):
	with pytest.raises(frappe.ValidationError, match="Row 1: The score must be between 0 and 10.0, not None"):
		new_round([{"class_record": school[0]}]).insert()


def test_a_class_already_inspected_that_day_is_refused(school):
	existing = inspect(school[1], "纪律", DAY, 9)
	with pytest.raises(
		frappe.ValidationError, match=f"Row 2: 三年级\\(2\\)班 was already inspected .*{existing.name}"
	):
		new_round([{"class_record": school[0], "score": 9}, {"class_record": school[1], "score": 8}]).insert()


def test_a_round_is_recorded_whole_or_not_at_all_when_someone_inspected_meanwhile(school, monkeypatch):
	doc = new_round([{"class_record": c, "score": 9} for c in school]).insert()
	inspect(school[3], "纪律", DAY, 6)  # another duty teacher, after the round was saved
	frappe.db.savepoint("round")
	with pytest.raises(frappe.ValidationError, match="Row 4: 三年级\\(4\\)班 was already inspected"):
		doc.submit()
	frappe.db.rollback(save_point="round")
	assert not round_inspections(doc.name)

	# The same race after the checks passed: the unique day key stops the bulk insert.
	monkeypatch.setattr(rounds, "existing_inspections", lambda *args: {})
	doc = frappe.get_doc("Inspection Round", doc.name)
	frappe.db.savepoint("round")
	with pytest.raises(frappe.DuplicateEntryError, match="inspected for 纪律 on 2025-09-03 by someone else"):
		doc.submit()
	frappe.db.rollback(save_point="round")
	assert not round_inspections(doc.name)
	assert frappe.db.get_value("Inspection Round", doc.name, "docstatus") == 0


def test_a_level_round_takes_the_score_of_each_level(school):
	doc = new_round(
		[{"class_record": school[0], "level": "优秀"}, {"class_record": school[1], "level": "合格"}],
		item="主题队会",
	).insert()
	with pytest.raises(frappe.ValidationError, match="Row 1: Level 极好 is not one of"):
		new_round([{"class_record": school[2], "level": "极好"}], item="主题队会").insert()
	doc.submit()
	assert [(r.level, r.score) for r in round_inspections(doc.name)] == [("优秀", 3), ("合格", 2)]


def test_the_grade_level_lists_and_admits_only_its_classes(school):
	other = make_class("四年级(1)班", 4).name
	inspect(school[0], "卫生", DAY, 9)
	listed = rounds.classes_to_inspect(DAY, "卫生", 3)
	assert [c.name for c in listed["classes"]] == school[1:]
	assert listed["already_inspected"] == ["三年级(1)班"]
	assert other in [c.name for c in rounds.classes_to_inspect(DAY, "卫生", 0)["classes"]]
	with pytest.raises(
		frappe.ValidationError, match="Row 2: 四年级\\(1\\)班 is in grade 4, not in this round's grade 3"
	):
		new_round(
			[{"class_record": school[1], "score": 9}, {"class_record": other, "score": 9}],
			item="卫生",
			grade_level=3,
		).insert()


def test_an_inactive_class_or_a_date_outside_every_period_is_refused(school):
	gone = make_class("三年级(9)班", 3, is_active=0).name
	with pytest.raises(frappe.ValidationError, match="Row 1: Class 三年级\\(9\\)班 is not active"):
		new_round([{"class_record": gone, "score": 9}]).insert()
	with pytest.raises(frappe.ValidationError, match="is outside every appraisal period"):
		new_round([{"class_record": school[0], "score": 9}], date="2024-05-06").insert()


def test_cancelling_a_round_cancels_its_inspections_and_frees_the_day(school):
	doc = new_round(
		[{"class_record": c, "score": 9, "incident_type": "打架", "incident_count": 1} for c in school]
	)
	doc.insert().submit()
	doc.cancel()
	found = round_inspections(doc.name)
	assert len(found) == 4 and all(r.docstatus == 2 and r.dedupe_key is None for r in found)
	assert not frappe.db.exists("Inspection Incident", {"parenttype": "Inspection", "docstatus": 1, "parent": ["in", [
		n for n in frappe.get_all("Inspection", {"inspection_round": doc.name}, pluck="name")
	]]})  # fmt: skip
	assert inspect(school[0], "纪律", DAY, 7).docstatus == 1


def test_duty_inspectors_enter_rounds_and_class_teachers_cannot(school, as_user):
	with as_user("duty@example.cn"):
		doc = new_round([{"class_record": c, "score": 9} for c in school]).insert()
		doc.submit()
		with pytest.raises(frappe.PermissionError):
			doc.cancel()  # only the office cancels
	assert len(round_inspections(doc.name)) == 4
	with as_user("teacher31@example.cn"):
		with pytest.raises(frappe.PermissionError):
			new_round([{"class_record": school[0], "score": 9}], date="2025-09-04").insert()
		with pytest.raises(frappe.PermissionError):
			rounds.classes_to_inspect(DAY, "纪律", 3)


def test_a_round_writes_its_inspections_with_one_insert_whatever_its_size(school, monkeypatch):
	classes = school + make_school(4, grade_level=4) + make_school(4, grade_level=5)
	doc = new_round(
		[{"class_record": c, "score": 9, "incident_type": "打架", "incident_count": 1} for c in classes]
	)
	doc.insert()
	statements = []
	real_sql = frappe.db.sql

	def counting_sql(query, *args, **kwargs):
		statements.append(str(query).lstrip().lower())
		return real_sql(query, *args, **kwargs)

	monkeypatch.setattr(frappe.db, "sql", counting_sql)
	doc.submit()
	monkeypatch.undo()
	assert len(round_inspections(doc.name)) == 12
	assert sum(s.startswith("insert into `tabinspection`") for s in statements) == 1
	assert sum(s.startswith("insert into `tabinspection incident`") for s in statements) == 1
