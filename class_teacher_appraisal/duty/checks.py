"""A duty roster's own checks (its controller's validate): its dates, and every row with its number
("Row 3: …"), read set-based (the people's roles, the classes, the items: one query each); a bad
roster is refused whole with every bad row listed."""

import frappe
from frappe import _
from frappe.utils import getdate

from class_teacher_appraisal.duty.assignments import PUPIL, TEACHER
from class_teacher_appraisal.html_text import text
from class_teacher_appraisal.names import CLASS_RECORD, INSPECTOR, ITEM, PERIOD, PUPIL_MONITOR
from class_teacher_appraisal.utils import full_names
from class_teacher_appraisal.validation import GRADE, check_numbers


def check_roster(doc) -> None:
	check_numbers(doc, {"assignments.grade_level": (0, GRADE)}, title=_("Invalid Duty Roster"))
	check_dates(doc)
	errors = row_errors(doc)
	if errors:
		frappe.throw(errors, title=_("Invalid Duty Roster"), as_list=True)


def shown(day) -> str:
	return frappe.format(getdate(day), {"fieldtype": "Date"})


def check_dates(doc) -> None:
	start, end = getdate(doc.from_date), getdate(doc.to_date)
	if start > end:
		frappe.throw(
			_("The roster ends on {0}, before it begins ({1}).").format(shown(end), shown(start)),
			title=_("Invalid Duty Roster"),
		)
	if doc.appraisal_period:
		period = frappe.db.get_value(PERIOD, doc.appraisal_period, ["start_date", "end_date"], as_dict=True)
		if period and not (getdate(period.start_date) <= start and end <= getdate(period.end_date)):
			frappe.throw(
				_("The roster's dates must lie within the appraisal period {0} ({1} – {2}).").format(
					text(doc.appraisal_period), shown(period.start_date), shown(period.end_date)
				),
				title=_("Invalid Duty Roster"),
			)


def row_errors(doc) -> list[str]:
	rows = doc.assignments or []
	people = {p for r in rows for p in (r.inspector, r.confirming_teacher) if p}
	roles: dict[str, set] = {}
	for user, role in frappe.get_all(
		"Has Role",
		filters={"parenttype": "User", "parent": ["in", list(people) or [""]]},
		fields=["parent", "role"],
		as_list=True,
	):
		roles.setdefault(user, set()).add(role)
	active = set(
		frappe.get_all("User", filters={"name": ["in", list(people) or [""]], "enabled": 1}, pluck="name")
	)
	names = full_names(people)
	classes = {
		c.name: c
		for c in frappe.get_all(
			CLASS_RECORD,
			filters={
				"name": ["in", list({c for r in rows for c in (r.class_record, r.pupil_class) if c}) or [""]]
			},
			fields=[
				"name",
				"class_name",
				"grade_level",
				"is_active",
				"class_teacher",
				"deputy_teacher",
				"school",
			],  # fmt: skip
		)
	}
	items = dict(
		frappe.get_all(
			ITEM,
			filters={"name": ["in", list({r.inspection_item for r in rows if r.inspection_item}) or [""]]},
			fields=["name", "is_active"],
			as_list=True,
		)
	)
	teachers = {r.inspector for r in rows if r.duty_role == TEACHER}
	errors = []
	for row in rows:
		if row.duty_role != PUPIL:  # only a pupil's row has a confirming teacher and a class of their own
			row.confirming_teacher = row.pupil_class = None
		cls = classes.get(row.class_record)
		if cls:
			row.grade_level = cls.grade_level  # a class's row is for its grade
		error = row_error(doc, row, cls, roles, active, names, items, classes, teachers)
		if error:
			errors.append(_("Row {0}: {1}").format(row.idx, error))
	return errors


def row_error(doc, row, cls, roles, active, names, items, classes, teachers) -> str | None:
	who = text(names.get(row.inspector, row.inspector))
	if row.inspector not in active:
		return _("{0} is not an active user.").format(who)
	if items.get(row.inspection_item) is None:
		return _("Inspection item {0} does not exist.").format(text(row.inspection_item))
	if not items[row.inspection_item]:
		return _("Inspection item {0} is not active.").format(text(row.inspection_item))
	if row.class_record and not cls:
		return _("Class {0} does not exist.").format(text(row.class_record))
	if cls and not cls.is_active:
		return _("Class {0} is not active; it cannot be inspected.").format(text(cls.class_name))
	if cls and doc.get("school") and cls.school != doc.school:
		return _("Class {0} is not of {1}, the school of this roster.").format(
			text(cls.class_name), text(doc.school)
		)
	if error := dates_error(doc, row):
		return error
	if row.duty_role == TEACHER:
		if INSPECTOR not in roles.get(row.inspector, ()):
			return _(
				"{0} is not a Duty Inspector: give them the role first, or put them on duty as a pupil monitor."
			).format(who)
		if cls and row.inspector in (cls.class_teacher, cls.deputy_teacher):
			return _("{0} is {1}'s own class: nobody inspects their own class.").format(
				text(cls.class_name), who
			)
		return None
	if PUPIL_MONITOR not in roles.get(row.inspector, ()):
		return _("{0} does not have the Pupil Monitor role.").format(who)
	if cls and row.class_record == row.pupil_class:
		return _("{0} is the pupil's own class: nobody inspects their own class.").format(
			text(cls.class_name)
		)
	confirmer = row.confirming_teacher
	if not confirmer:
		return _("Choose the teacher who confirms what {0} records.").format(who)
	shown_confirmer = text(names.get(confirmer, confirmer))
	if confirmer not in active or INSPECTOR not in roles.get(confirmer, ()):
		return _("{0} confirms pupils' inspections only as an active Duty Inspector.").format(shown_confirmer)
	if confirmer not in teachers:
		return _(
			"{0} is not on duty as a teacher on this roster: add their row before naming them to confirm."
		).format(shown_confirmer)
	return None


def dates_error(doc, row) -> str | None:
	start, end = getdate(doc.from_date), getdate(doc.to_date)
	row_start = getdate(row.from_date) if row.from_date else start
	row_end = getdate(row.to_date) if row.to_date else end
	if row_start > row_end:
		return _("The row ends on {0}, before it begins ({1}).").format(shown(row_end), shown(row_start))
	if row_start < start or row_end > end:
		return _("The row's dates lie outside the roster's ({0} – {1}).").format(shown(start), shown(end))
	return None
