"""The duty rosters as the database holds them, read set-based: which rosters cover a day, the rows
that apply on it (one query, the day's weekday and dates checked in `assignments`), who confirms a
pupil monitor's records, and the same in SQL for list conditions."""

import frappe
from frappe.query_builder import DocType
from frappe.utils import getdate

from class_teacher_appraisal.county.schools import own_school
from class_teacher_appraisal.duty import assignments
from class_teacher_appraisal.names import CLASS_RECORD, DUTY_ROSTER, ROSTER_ASSIGNMENT

ROW_FIELDS = (
	"inspector", "duty_role", "inspection_item", "class_record", "grade_level", "weekday", "from_date",
	"to_date", "confirming_teacher", "pupil_class",
)  # fmt: skip


def rosters_on(day, school: str | None = None) -> list[str]:
	"""The rosters that cover the day: on such a day inspectors record only what their rows assign.
	On a county site, those of the school (and any without a school) when one is given."""
	day = getdate(day)
	r = DocType(DUTY_ROSTER)
	query = (
		frappe.qb.from_(r)
		.select(r.name)
		.where((r.from_date <= day) & (r.to_date >= day))
		.orderby(r.from_date, order=frappe.qb.desc)
		.orderby(r.name)
	)
	return [row[0] for row in of_school(query, r, school).run()]


def of_school(query, r, school: str | None):
	"""A school's rosters and those without a school; every roster when no school is given."""
	if not school:
		return query
	return query.where(r.school.isnull() | (r.school == "") | (r.school == school))


def rows_on(day, inspectors=None, item: str | None = None, school: str | None = None) -> list[frappe._dict]:
	"""The roster rows that apply on the day (of these inspectors, for this item, of the school's
	rosters), each with its roster's name and dates."""
	day = getdate(day)
	a, r = DocType(ROSTER_ASSIGNMENT), DocType(DUTY_ROSTER)
	query = (
		frappe.qb.from_(a)
		.join(r)
		.on(a.parent == r.name)
		.select(
			*(getattr(a, f) for f in ROW_FIELDS),
			a.idx,
			r.name.as_("roster"),
			r.from_date.as_("roster_from"),
			r.to_date.as_("roster_to"),
		)
		.where((a.parenttype == DUTY_ROSTER) & (a.parentfield == "assignments"))
		.where((r.from_date <= day) & (r.to_date >= day))
		.orderby(r.from_date, order=frappe.qb.desc)
		.orderby(r.name)
		.orderby(a.idx)
	)
	if inspectors is not None:
		query = query.where(a.inspector.isin(list(inspectors) or [""]))
	if item:
		query = query.where(a.inspection_item == item)
	query = of_school(query, r, school)
	return [row for row in query.run(as_dict=True) if assignments.applies_on(row, day)]


def confirms(
	user: str, inspector: str | None, day, item: str | None, class_record: str | None = None
) -> bool:
	"""Whether a roster row of the pupil monitor names the user to confirm what they recorded for
	the item on the day (for the class, if one is given)."""
	if not (user and inspector and day and item) or user == inspector:
		return False
	rows = rows_on(day, [inspector], school=own_school(inspector))
	if class_record is None:
		return user in assignments.confirmers(r for r in rows if r.inspection_item == item)
	if class_record in assignments.pupil_classes(rows):
		return False
	grade = frappe.db.get_value(CLASS_RECORD, class_record, "grade_level")
	return user in assignments.confirmers(assignments.matching(rows, item, class_record, grade))


def confirmed_rounds_sql(user: str) -> str:
	"""SQL: the Inspection Round (`tabInspection Round`) is a pupil monitor's whose roster rows of its
	date and item name the user as confirming teacher (the same rows `rows_on` applies)."""
	t = "`tabInspection Round`"
	day = f"{t}.`inspection_date`"
	weekdays = ", ".join(frappe.db.escape(w) for w in assignments.WEEKDAYS)
	return f"""exists (select 1 from `tabDuty Roster Assignment` a join `tabDuty Roster` r on r.name = a.parent
		where a.parenttype = 'Duty Roster' and a.parentfield = 'assignments'
		and a.duty_role = {frappe.db.escape(assignments.PUPIL)}
		and a.confirming_teacher = {frappe.db.escape(user)}
		and a.inspector = {t}.`inspector` and a.inspection_item = {t}.`inspection_item`
		and {day} between r.from_date and r.to_date
		and (a.from_date is null or a.from_date <= {day}) and (a.to_date is null or a.to_date >= {day})
		and (ifnull(a.weekday, '') = '' or a.weekday = elt(weekday({day}) + 1, {weekdays})))"""
