"""A period's new draft appraisals written at once (issue 17: *Generate Appraisals* took 45 ms an
appraisal through the ORM, 34 s for 600 classes, four times the recompute that follows it).

What an ORM insert of a draft does, done for all of them with a few statements: the name from the
DocType's own naming rule, the values the controller takes on insert (the period's rubric, the
class's name and grade, the teacher on post and their days, the title), the workflow's first state,
and the Workflow Action that Frappe opens for the roles that may act on a new draft (the
inspector's and the office's to-do). An insert records no Version and sends no notification, so
the history is the same. The lines, parts and scores are written by the recompute that follows.

A school that hangs its own automation on new appraisals (an Assignment Rule, a Notification on
"New", a Webhook or Server Script on insert) or a site whose other apps hook into every document's
insert (ERPNext's "*" doc_events) gets the ORM path, so that each of them runs as it would for an
appraisal made by hand."""

import frappe
from frappe.model.naming import _format_autoname
from frappe.model.workflow import get_workflow_name
from frappe.utils import now_datetime

from class_teacher_appraisal import class_teachers
from class_teacher_appraisal.names import APPRAISAL, DRAFT

# Frappe's own "*" on_update handlers that matter for a new draft are done here (workflow actions)
# or do nothing for it (notifications cache, files, assignment rules when none exist).
INSERT_EVENTS = ("before_insert", "after_insert", "validate", "before_save", "on_update", "on_change")


def automation_on_insert() -> str | None:
	"""What a school or an app set up to run when an appraisal is created, if anything."""
	checks = (
		("Assignment Rule", {"document_type": APPRAISAL, "disabled": 0}),
		("Notification", {"document_type": APPRAISAL, "enabled": 1, "event": ["in", ["New", "Save"]]}),
		(
			"Webhook",
			{
				"webhook_doctype": APPRAISAL,
				"enabled": 1,
				"webhook_docevent": ["in", ["after_insert", "on_update"]],
			},
		),
		("Server Script", {"reference_doctype": APPRAISAL, "disabled": 0, "script_type": "DocType Event"}),
		("Milestone Tracker", {"document_type": APPRAISAL, "disabled": 0}),
		("Energy Point Rule", {"reference_doctype": APPRAISAL, "enabled": 1}),
	)
	for doctype, filters in checks:
		if frappe.db.table_exists(doctype) and frappe.db.exists(doctype, filters):
			return doctype
	# an app's hooks on this DocType, or another app's on every DocType ("*"): ERPNext's and
	# HRMS's run on insert too, so a site with them keeps the ORM path (Frappe's own are done here)
	for app in frappe.get_installed_apps():
		events = frappe.get_hooks("doc_events", app_name=app) or {}
		hooked = [events.get(APPRAISAL) or {}]
		if app not in ("frappe", "class_teacher_appraisal"):
			hooked.append(events.get("*") or {})
		if any(event in on for on in hooked for event in INSERT_EVENTS):
			return f"doc_events ({app})"
	return None


def insert_drafts(period, missing: list[tuple[dict, class_teachers.Stint | None]]) -> list[str]:
	"""Inserts one draft per (class, stint) and the workflow's open actions; returns their names."""
	if not missing:
		return []
	meta = frappe.get_meta(APPRAISAL)
	now, user = now_datetime(), frappe.session.user
	names = [_format_autoname(meta.autoname, frappe._dict()) for _ in missing]
	fields = [
		"name", "creation", "modified", "owner", "modified_by", "docstatus", "idx", "title",
		"appraisal_period", "class_record", "class_teacher", "period_type", "class_name", "grade_level",
		"rubric", "workflow_state", "served_from", "served_to", "days_served", "days_in_period",
		"teacher_rank", "school",
	]  # fmt: skip
	values = []
	for name, (c, stint) in zip(names, missing, strict=True):
		tenure = class_teachers.stint_fields(stint) if stint else {}
		values.append(
			(
				name,
				now,
				now,
				user,
				user,
				0,
				0,
				f"{c.class_name} · {period.name}",
				period.name,
				c.name,
				(stint.teacher if stint else c.class_teacher) or None,
				period.period_type,
				c.class_name,
				c.grade_level or 0,
				period.rubric,
				DRAFT,
				tenure.get("served_from"),
				tenure.get("served_to"),
				tenure.get("days_served") or 0,
				tenure.get("days_in_period") or 0,
				tenure.get("teacher_rank"),
				c.get("school"),  # the class's (a county site; schools.set_school on a form's save)
			)  # fmt: skip
		)
	frappe.db.bulk_insert(APPRAISAL, fields, values)
	open_workflow_actions(names, now, user)
	return names


def open_workflow_actions(names: list[str], now, user):
	"""The Workflow Action Frappe opens for a new document (process_workflow_actions): one per
	draft, for the roles of the transitions out of its state whose condition it meets."""
	workflow = get_workflow_name(APPRAISAL)
	if not workflow:
		return
	from frappe.model.workflow import is_transition_condition_satisfied
	from frappe.workflow.doctype.workflow_action.workflow_action import get_state_optional_field_value

	transitions = [
		t
		for t in frappe.get_all(
			"Workflow Transition",
			fields=["allowed", "next_state", "condition"],
			filters={"parent": workflow, "state": DRAFT},
		)
		if not get_state_optional_field_value(workflow, t.next_state)
	]
	conditional = [t for t in transitions if t.condition]
	unconditional = {t.allowed for t in transitions if not t.condition}
	actions, roles = [], []
	for name in names:
		allowed = set(unconditional)
		if conditional:  # a school's condition reads the document: rare, so each draft is loaded
			doc = frappe.get_doc(APPRAISAL, name)
			allowed |= {t.allowed for t in conditional if is_transition_condition_satisfied(t, doc)}
		if not allowed:
			continue
		action = frappe.generate_hash(length=10)
		actions.append((action, now, now, user, user, APPRAISAL, name, DRAFT, "Open"))
		roles += [
			(frappe.generate_hash(length=10), now, now, user, user, action, "Workflow Action", "permitted_roles", i, role)
			for i, role in enumerate(sorted(allowed), start=1)
		]  # fmt: skip
	frappe.db.bulk_insert(
		"Workflow Action",
		["name", "creation", "modified", "owner", "modified_by", "reference_doctype", "reference_name",
		 "workflow_state", "status"],
		actions,
	)  # fmt: skip
	frappe.db.bulk_insert(
		"Workflow Action Permitted Role",
		["name", "creation", "modified", "owner", "modified_by", "parent", "parenttype", "parentfield",
		 "idx", "role"],
		roles,
	)  # fmt: skip


__all__ = ["automation_on_insert", "insert_drafts"]
