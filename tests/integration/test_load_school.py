"""The load test's school and its database check (scripts/loadtest; benchmark/load.py), small: the
plan gives every inspector rounds no other inspector has, every teacher their own class and
appraisal; after a round is submitted and the office's points saved as the load generator would,
the check passes, and it names what is missing, added or lost."""

import json

import frappe
import pytest
from frappe.utils.password import check_password

from class_teacher_appraisal import appraisals
from class_teacher_appraisal.benchmark import load
from tests.conftest import acting_as

PASSWORD = "Load-Test-Pass-1"


@pytest.fixture
def plan(tmp_path):
	path = tmp_path / "plan.json"
	plan = load.prepare(classes=6, inspectors=2, rounds=2, days=2, password=PASSWORD, plan_path=str(path))
	assert json.loads(path.read_text()) == plan
	return plan


def submit_round(plan, inspector: dict, which: int = 0) -> dict:
	"""A round as the locustfile sends it: inserted, then submitted, by the inspector."""
	mine = inspector["rounds"][which]
	with acting_as(inspector["user"]):
		doc = frappe.get_doc(
			{
				"doctype": "Inspection Round",
				"inspection_date": plan["burst_day"],
				"inspection_item": mine["item"],
				"grade_level": mine["grade_level"],
				"entries": [{"class_record": c, "score": 9} for c in mine["classes"]],
			}
		).insert()
		doc.submit()
	return {
		"kind": "round",
		"inspector": inspector["user"],
		"item": mine["item"],
		"date": plan["burst_day"],
		"classes": mine["classes"],
		"round": doc.name,
		"outcome": "submitted",
	}


def save_points(plan, appraisal: str, value: float) -> dict:
	with acting_as(plan["office"][1]):
		doc = frappe.get_doc("Class Teacher Appraisal", appraisal)
		line = next(r for r in doc.lines if r.criterion_code == plan["hand_criterion"])
		line.manual_points, line.manual_entered = value, 1
		doc.save()
	return {
		"kind": "edit",
		"appraisal": appraisal,
		"criterion": plan["hand_criterion"],
		"value": value,
		"outcome": "saved",
	}


def check(plan, events, tmp_path):
	(tmp_path / "events.jsonl").write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events))
	return load.check(str(tmp_path / "plan.json"), str(tmp_path / "events.jsonl"))


def test_the_plan_and_the_check(plan, tmp_path):
	"""One test: the load school costs a minute to build (its accounts), and each test's is rolled back."""
	assert len(plan["teachers"]) == 6 and len(plan["inspectors"]) == 2
	for t in plan["teachers"]:
		assert frappe.db.get_value("Class Record", t["class_record"], "class_teacher") == t["user"]
		assert frappe.db.get_value("Class Teacher Appraisal", t["appraisal"], "class_teacher") == t["user"]
		assert "Class Teacher" in frappe.get_roles(t["user"])
	rounds = [(r["item"], c) for i in plan["inspectors"] for r in i["rounds"] for c in r["classes"]]
	assert len(rounds) == len(set(rounds)) == 2 * 2  # two rounds each, of the one class of a grade
	for i in plan["inspectors"]:
		assert "Duty Inspector" in frappe.get_roles(i["user"])
	assert check_password(plan["inspectors"][0]["user"], PASSWORD)
	assert frappe.db.count("Inspection", {"inspection_date": plan["burst_day"]}) == 0
	assert frappe.db.count("Inspection", {"class_record": plan["teachers"][0]["class_record"]}) == 6 * 2

	events = [submit_round(plan, i) for i in plan["inspectors"]]
	appraisal = plan["edit_appraisals"][0]
	events += [save_points(plan, appraisal, 4.5), save_points(plan, appraisal, 6.0)]
	appraisals.recompute(plan["period"])  # the office's recompute after the edit keeps it
	outcome = check(plan, events, tmp_path)
	assert outcome.ok, outcome.problems
	assert outcome.figures["inspections_stored_once"] == 2 and outcome.figures["edits_saved"] == 2

	lost = events[0]["classes"][0]
	frappe.db.delete("Inspection", {"class_record": lost, "inspection_date": plan["burst_day"]})
	unsent = submit_round(plan, plan["inspectors"][0], which=1)  # sent, but not in the log
	line = {"parent": appraisal, "criterion_code": plan["hand_criterion"]}
	frappe.db.set_value("Class Teacher Appraisal Line", line, "manual_points", 4.5)  # an older value
	problems = check(plan, events, tmp_path).problems
	assert any(p.startswith(f"{lost} / ") and p.endswith("but not stored") for p in problems)
	assert any(p.startswith(f"{unsent['classes'][0]} / ") and p.endswith("but never sent") for p in problems)
	assert (
		f"{appraisal} {plan['hand_criterion']}: the office saved 6.0, stored 4.5: the edit was lost"
		in problems
	)
