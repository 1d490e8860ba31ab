# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

"""值周覆盖: on one day (today by default), every class × item the duty rosters expect that day,
whether it was inspected, was recorded but not submitted yet (a pupil monitor's draft waits for its
confirming teacher) or was not inspected, who was assigned it, and the roster to open to reassign it. A class × item no row
covers is listed as nobody assigned, with the day's roster to add the row to.

Read set-based: the day's roster rows, the classes, the day's inspections and the draft rounds'
rows, the people's names (one query each); which rows cover which class is duty.assignments'."""

from collections import Counter

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import cint, getdate, today

from class_teacher_appraisal import html_text
from class_teacher_appraisal.county.schools import own_school
from class_teacher_appraisal.duty import assignments, roster
from class_teacher_appraisal.names import CLASS_RECORD, DUTY_ROSTER, INSPECTION, ROUND
from class_teacher_appraisal.reports import column
from class_teacher_appraisal.utils import full_names, grade_name

INSPECTED, WAITING, MISSING, NOBODY = (
	"Inspected",
	"Recorded, Not Submitted",
	"Not Inspected",
	"Nobody Assigned",
)
STATUSES = (INSPECTED, WAITING, MISSING, NOBODY)


def execute(filters=None):
	frappe.has_permission(DUTY_ROSTER, "report", throw=True)
	filters = frappe._dict(filters or {})
	day = getdate(filters.get("date") or today())
	school = own_school()  # a school's office sees its own rosters; the bureau every school's
	rosters = roster.rosters_on(day, school)
	if not rosters:
		message = _("No duty roster covers {0}: nothing was assigned that day.").format(
			frappe.format(day, {"fieldtype": "Date"})
		)
		return html_text.report(columns(), [], message)
	rows = roster.rows_on(day, school=school)
	items = assignments.items_of(rows)
	if filters.get("inspection_item"):
		items = [i for i in items if i == filters.inspection_item]
	classes = active_classes(filters.get("grade_level"))
	pairs = coverage(rows, items, classes, recorded(day), rosters[0])
	figures, drawn = summary(pairs), chart(pairs, items)
	shown = pairs if cint(filters.get("show_inspected")) else [r for r in pairs if r["status"] != INSPECTED]
	names = full_names({u for r in shown for u in (*r["assigned_to"], *r["confirming_teacher"])})
	for r in shown:
		r["status_code"], r["status"] = r["status"], _(r["status"])
		r["assigned_to"] = ", ".join(names[u] for u in r["assigned_to"])
		r["confirming_teacher"] = ", ".join(names[u] for u in r["confirming_teacher"])
	return html_text.report(columns(), shown, None, drawn, figures)


def active_classes(grade_level=None) -> list[frappe._dict]:
	filters = {"is_active": 1}
	if cint(grade_level):
		filters["grade_level"] = cint(grade_level)
	# get_list: on a county site the user's school's classes (User Permissions)
	return frappe.get_list(
		CLASS_RECORD,
		filters=filters,
		fields=["name", "class_name", "grade_level", "class_teacher", "deputy_teacher"],
		order_by="grade_level asc, class_name asc",
		limit_page_length=0,
	)


def recorded(day) -> dict[tuple[str, str], tuple[str, str, str]]:
	"""(class, item) -> (status, doctype, name) of what was recorded on the day: a submitted regular
	inspection, else a draft one or a draft round's row (not submitted yet)."""
	ins = DocType(INSPECTION)
	found: dict[tuple[str, str], tuple[str, str, str]] = {}
	for class_record, item, docstatus, name in (
		frappe.qb.from_(ins)
		.select(ins.class_record, ins.inspection_item, ins.docstatus, ins.name)
		.where((ins.inspection_date == day) & (ins.docstatus < 2) & (ins.is_spot_check == 0))
		.orderby(ins.docstatus, order=frappe.qb.desc)
	).run():
		found.setdefault((class_record, item), (INSPECTED if docstatus else WAITING, INSPECTION, name))
	rnd, entry = DocType(ROUND), DocType("Inspection Round Entry")
	for class_record, item, name in (
		frappe.qb.from_(entry)
		.join(rnd)
		.on(entry.parent == rnd.name)
		.select(entry.class_record, rnd.inspection_item, rnd.name)
		.where((entry.parenttype == ROUND) & (rnd.inspection_date == day) & (rnd.docstatus == 0))
	).run():
		found.setdefault((class_record, item), (WAITING, ROUND, name))
	return found


def coverage(rows, items, classes, done, day_roster: str) -> list[dict]:
	"""One row per class × item: its status, who the rows assign it to (never their own class), who
	confirms a pupil's record of it, and the roster to open."""
	pupils_own = {}
	for r in rows:
		pupils_own.setdefault(r.inspector, set()).update(assignments.pupil_classes([r]))
	out = []
	for item in items:
		item_rows = [r for r in rows if r.inspection_item == item]
		for c in classes:
			own = {c.class_teacher, c.deputy_teacher}
			assigned = [
				r
				for r in item_rows
				if assignments.covers_class(r, c.name, c.grade_level)
				and r.inspector not in own
				and c.name not in pupils_own.get(r.inspector, ())
			]
			status, doctype, record = done.get((c.name, item), (None, None, None))
			out.append(
				{
					"class_record": c.name,
					"class_name": c.class_name,
					"grade": grade_name(c.grade_level),
					"inspection_item": item,
					"status": status or (MISSING if assigned else NOBODY),
					"assigned_to": list(dict.fromkeys(r.inspector for r in assigned)),
					"confirming_teacher": sorted(assignments.confirmers(assigned)),
					"duty_roster": assigned[0].roster if assigned else day_roster,
					"record_type": doctype,
					"record": record,
				}
			)
	return out


def columns() -> list[dict]:
	return [
		column(_("Class"), "class_name", "Data", 110),
		column(_("Grade Level"), "grade", "Data", 80),
		column(_("Inspection Item"), "inspection_item", "Link", 110, options="Inspection Item"),
		column(_("Status"), "status", "Data", 130),
		column(_("Assigned To"), "assigned_to", "Data", 160),
		column(_("Confirming Teacher"), "confirming_teacher", "Data", 130),
		column(_("Duty Roster"), "duty_roster", "Link", 130, options=DUTY_ROSTER),
		column(_("Record"), "record", "Dynamic Link", 130, options="record_type"),
		column(_("Record Type"), "record_type", "Data", 10, hidden=1),
		column(_("Class Record"), "class_record", "Link", 10, options=CLASS_RECORD, hidden=1),
	]


def counts(pairs) -> Counter:
	return Counter(r["status"] for r in pairs)


def summary(pairs) -> list[dict]:
	found = counts(pairs)
	indicators = {INSPECTED: "Green", WAITING: "Orange", MISSING: "Red", NOBODY: "Red"}
	return [{"label": _("Expected"), "value": len(pairs), "datatype": "Int"}] + [
		{"label": _(s), "value": found[s], "datatype": "Int", "indicator": indicators[s]} for s in STATUSES
	]


def chart(pairs, items) -> dict | None:
	"""Per item, how many classes were inspected, wait for confirmation, were missed or had nobody."""
	if not pairs:
		return None
	per_item = {item: counts([r for r in pairs if r["inspection_item"] == item]) for item in items}
	return {
		"data": {
			"labels": list(per_item),
			"datasets": [{"name": _(s), "values": [per_item[i][s] for i in per_item]} for s in STATUSES],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
		"colors": ["#29cd42", "#ffa00a", "#e24c4c", "#7c7c7c"],
	}
