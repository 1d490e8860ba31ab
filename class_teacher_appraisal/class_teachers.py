"""Who was class teacher of which class when, read set-based from the classes' dated assignments
(Class Teacher Assignment rows of Class Record); the date maths is in scoring.tenure."""

from collections import defaultdict

import frappe
from frappe.utils import getdate

from class_teacher_appraisal.names import CLASS_RECORD
from class_teacher_appraisal.scoring.tenure import Assignment, Stint, current_teacher, days_between, stints
from class_teacher_appraisal.utils import full_names

ASSIGNMENT = "Class Teacher Assignment"


def assignments_of(classes: list[str]) -> dict[str, list[Assignment]]:
	"""The assignments of the classes, in one query: class -> its assignments (none: not listed)."""
	out: dict[str, list[Assignment]] = defaultdict(list)
	if not classes:
		return out
	for r in frappe.get_all(
		ASSIGNMENT,
		filters={"parenttype": CLASS_RECORD, "parentfield": "assignments", "parent": ["in", list(classes)]},
		fields=["parent", "teacher", "from_date", "to_date", "teacher_rank"],
		order_by="parent asc, idx asc",
	):
		out[r.parent].append(
			Assignment(
				r.teacher,
				getdate(r.from_date) if r.from_date else None,
				getdate(r.to_date) if r.to_date else None,
				r.teacher_rank or "",
			)
		)
	return out


def whole_period(period, teacher: str | None) -> Stint:
	"""A class without dated assignments: its class teacher is appraised on the whole period."""
	start, end = getdate(period.start_date), getdate(period.end_date)
	days = days_between(start, end)
	return Stint(teacher or "", start, end, days, days)


def stints_of(period, classes: list[dict]) -> dict[str, list[Stint]]:
	"""Per class (dicts with name and class_teacher): each teacher on post in the period and their
	days. A class without assignments has its class teacher's whole period."""
	start, end = getdate(period.start_date), getdate(period.end_date)
	tenure = assignments_of([c["name"] for c in classes])
	return {
		c["name"]: (
			stints(tenure[c["name"]], start, end)
			if c["name"] in tenure
			else [whole_period(period, c.get("class_teacher"))]
		)
		for c in classes
	}


def stint_fields(stint: Stint) -> dict:
	return {
		"served_from": stint.served_from,
		"served_to": stint.served_to,
		"days_served": stint.days_served,
		"days_in_period": stint.days_in_period,
		"teacher_rank": stint.rank or None,
	}


def sync_current_teachers():
	"""Daily: each class's class teacher is the one on post today (a handover entered ahead of its
	day takes effect on the day). Only the classes whose teacher changed are written."""
	classes = frappe.get_all(CLASS_RECORD, fields=["name", "class_teacher"])
	tenure = assignments_of([c.name for c in classes])
	today = getdate()
	changed = {}
	for c in classes:
		if c.name not in tenure:
			continue
		current = current_teacher(tenure[c.name], today)
		if (current or None) != (c.class_teacher or None):
			changed[c.name] = current
	names = full_names(changed.values())  # the name beside the link follows the teacher
	for name, current in changed.items():
		frappe.db.set_value(
			CLASS_RECORD,
			name,
			{"class_teacher": current, "teacher_name": names.get(current) if current else None},
		)
