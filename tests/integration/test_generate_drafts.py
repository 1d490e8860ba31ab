"""Generate Appraisals writes a period's drafts at once (issue 17): the same rows, names, workflow
state and open workflow actions as an ORM insert of each, and the ORM path when a school hangs its
own automation on new appraisals."""

import frappe

from class_teacher_appraisal import appraisals, drafts
from tests.factories import S6, make_period, make_school

COMPARED = (
	"class_record", "class_teacher", "period_type", "class_name", "grade_level", "rubric", "workflow_state",
	"docstatus", "served_from", "served_to", "days_served", "days_in_period", "total_score", "grade",
	"allowance", "pending_questions", "owner",
)  # fmt: skip


def generated(period, by_orm: bool, monkeypatch):
	monkeypatch.setattr(drafts, "automation_on_insert", lambda: "test" if by_orm else None)
	summary = appraisals.generate(period.name)
	rows = frappe.get_all(
		"Class Teacher Appraisal",
		filters={"appraisal_period": period.name},
		fields=["name", "title", *COMPARED],
		order_by="class_name asc",
	)
	actions = {
		a.reference_name: [
			*sorted(
				frappe.get_all("Workflow Action Permitted Role", filters={"parent": a.name}, pluck="role")
			),
			a.workflow_state,
			a.status,
		]
		for a in frappe.get_all(
			"Workflow Action",
			filters={
				"reference_doctype": "Class Teacher Appraisal",
				"reference_name": ["in", [r.name for r in rows]],
			},
			fields=["name", "reference_name", "workflow_state", "status"],
		)
	}
	return summary, rows, actions


def test_drafts_written_at_once_are_the_drafts_the_orm_writes(monkeypatch):
	make_school(3, grade_level=4)
	by_orm = make_period("2025年12月", "2025-12-01", "2025-12-31", rubric=S6, period_type="Month")
	at_once = make_period("2026年1月", "2026-01-01", "2026-01-31", rubric=S6, period_type="Month")
	summary_orm, rows_orm, actions_orm = generated(by_orm, True, monkeypatch)
	summary, rows, actions = generated(at_once, False, monkeypatch)

	assert summary["created"] == summary_orm["created"] == 3
	strip = lambda rows: [{k: r[k] for k in COMPARED if k not in ("served_from", "served_to")} for r in rows]  # noqa: E731
	assert strip(rows) == strip(rows_orm)
	assert [r.title for r in rows] == [f"{r.class_name} · {at_once.name}" for r in rows]
	assert all(r.name.startswith("CTA-") for r in rows) and len({r.name for r in rows + rows_orm}) == 6
	# the inspector's and the office's to-do: one open action per draft, for the roles that may act on it
	assert sorted(actions.values()) == sorted(actions_orm.values())
	assert set(actions) == {r.name for r in rows}
	assert next(iter(actions.values())) == ["Academic Office", "Duty Inspector", "Draft", "Open"]
	# scored like any other: lines and parts written by the recompute
	doc = frappe.get_doc("Class Teacher Appraisal", rows[0].name)
	assert len(doc.lines) == 6 and len(doc.sections) == 6 and doc.pending_questions == 6


def test_generating_again_creates_nothing_and_the_drafts_go_through_the_workflow(monkeypatch):
	from tests.factories import walk

	make_school(2, grade_level=4)
	period = make_period("2025年12月", "2025-12-01", "2025-12-31", rubric=S6, period_type="Month")
	generated(period, False, monkeypatch)
	assert appraisals.generate(period.name)["created"] == 0
	name = frappe.get_all("Class Teacher Appraisal", filters={"appraisal_period": period.name}, pluck="name")[
		0
	]
	doc = frappe.get_doc("Class Teacher Appraisal", name)
	for row in doc.lines:
		row.manual_points, row.manual_entered = row.max_points, 1
	doc.save()
	doc = walk(doc, ("duty@example.cn", "Submit for Review"))
	assert doc.workflow_state == "Pending Office Review"
	# Frappe closed the draft's open action when it moved on
	assert frappe.get_all(
		"Workflow Action",
		filters={"reference_name": name, "workflow_state": "Draft"},
		pluck="status",
	) == ["Completed"]


def test_a_schools_automation_on_new_appraisals_gets_the_orm_path():
	# ERPNext runs hooks on every DocType's validation ("*"): on a site with it, drafts take the ORM
	erpnext = "erpnext" in frappe.get_installed_apps()
	assert drafts.automation_on_insert() == ("doc_events (erpnext)" if erpnext else None)
	frappe.get_doc(
		{
			"doctype": "Notification",
			"name": "新考核通知",
			"subject": "新考核",
			"document_type": "Class Teacher Appraisal",
			"event": "New",
			"channel": "System Notification",
			"message": "{{ doc.title }}",
			"recipients": [{"receiver_by_role": "Academic Office"}],
		}
	).insert()
	assert drafts.automation_on_insert() == "Notification"
