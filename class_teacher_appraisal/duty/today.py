"""Today's round (今日值周): what the duty roster assigns the user on a day, item by item, so that the
round form opens with the date, the item and the classes still to inspect (Get Classes then lists
exactly those, rounds.classes_to_inspect)."""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import escape_html, getdate, today

from class_teacher_appraisal import inspection_rules as rules
from class_teacher_appraisal.county.schools import own_school
from class_teacher_appraisal.duty import assignments, roster
from class_teacher_appraisal.names import CLASS_RECORD, INSPECTION, ROUND
from class_teacher_appraisal.permissions import own_classes


@frappe.whitelist()
@frappe.read_only()
def my_round(day: str | None = None) -> dict:
	"""The user's duties on the day (today if none): each item with the classes assigned and those
	still to inspect; `rosters` is empty on a day no duty roster covers."""
	frappe.has_permission(ROUND, "create", throw=True)
	try:
		day = getdate(day or today())
	except (ValueError, OverflowError):
		frappe.throw(_("{0} is not a date.").format(escape_html(str(day)[:30])))
	user = frappe.session.user
	school = own_school(user)
	rows = roster.rows_on(day, [user], school=school)
	if not rows:
		return {"date": str(day), "rosters": roster.rosters_on(day, school), "items": []}
	classes = frappe.get_all(
		CLASS_RECORD,
		filters={"is_active": 1},
		fields=["name", "class_name", "grade_level"],
		order_by="grade_level asc, class_name asc",
	)
	own = set(own_classes(user))
	assigned = {
		item: [c.name for c in assignments.classes_of(rows, item, classes) if c.name not in own]
		for item in assignments.items_of(rows)
	}
	done = inspected(assigned, day)
	return {
		"date": str(day),
		"rosters": sorted({r.roster for r in rows}),
		"items": [
			{
				"inspection_item": item,
				"classes": len(names),
				"to_inspect": sum((name, item) not in done for name in names),
			}
			for item, names in assigned.items()
		],
	}


def inspected(assigned: dict[str, list[str]], day) -> set[tuple[str, str]]:
	"""(class, item) pairs that already have their regular inspection of the day (one query)."""
	keys = {rules.dedupe_key(c, item, day): (c, item) for item, names in assigned.items() for c in names}
	if not keys:
		return set()
	ins = DocType(INSPECTION)
	found = (frappe.qb.from_(ins).select(ins.dedupe_key).where(ins.dedupe_key.isin(list(keys)))).run(
		pluck=True
	)
	return {keys[k] for k in found}
