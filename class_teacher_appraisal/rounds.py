"""Inspection rounds: a duty teacher's scores, levels and incidents for every class of a round
(one item, one date), checked together and submitted together as one inspection per class.

Checks read each kind of record once for the whole round (the item, the classes, the day's
existing inspections), apply the same rules as a single inspection (`inspection_rules`) and
report every bad row by its number; the inspections are then written with two bulk inserts
in the round's transaction, so a round is recorded whole or not at all."""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import cint, escape_html, getdate

from class_teacher_appraisal import inspection_rules as rules
from class_teacher_appraisal.duty.enforce import Duty
from class_teacher_appraisal.html_text import text
from class_teacher_appraisal.inspections import insert_submitted
from class_teacher_appraisal.names import ROUND
from class_teacher_appraisal.permissions import own_classes
from class_teacher_appraisal.validation import COUNT, GRADE, POINTS, check_numbers, finite, required


@frappe.whitelist()
@frappe.read_only()
def classes_to_inspect(
	inspection_date: str | None = None, inspection_item: str | None = None, grade_level: int = 0
) -> dict:
	"""The active classes (of one grade, or all) still to inspect for the item on the date, and
	those already inspected (listed by name, left out). On a day a duty roster covers: only the
	classes it assigns the user for the item, and a note when it assigns none."""
	frappe.has_permission(ROUND, "create", throw=True)
	required(inspection_date, _("Date"))
	try:
		inspection_date = getdate(inspection_date)
	except (ValueError, OverflowError):
		frappe.throw(_("{0} is not a date.").format(escape_html(str(inspection_date)[:30])))
	if not frappe.db.exists("Inspection Item", required(inspection_item, _("Inspection Item"))):
		frappe.throw(_("Inspection item {0} does not exist.").format(escape_html(inspection_item)))
	grade_level = finite(grade_level, _("Grade Level"), 0, GRADE, whole=True)
	filters = {"is_active": 1}
	if grade_level:
		filters["grade_level"] = grade_level
	classes = active_classes(filters)
	duty = Duty(frappe.session.user, frappe.session.user, inspection_date, inspection_item)
	classes = duty.assigned(classes)
	done = existing_inspections([c.name for c in classes], inspection_item, inspection_date)
	own = set(own_classes()) | duty.own
	return {
		"classes": [c for c in classes if c.name not in done and c.name not in own],
		"already_inspected": [c.class_name for c in classes if c.name in done],
		"note": duty.day_error(),
	}


def active_classes(filters: dict) -> list[frappe._dict]:
	"""The classes the user may list. A pupil monitor may only select classes (pick them by name, not
	read them): their grades are read for the names Frappe lets them select."""
	fields, order_by = ["name", "class_name", "grade_level"], "grade_level asc, class_name asc"
	if not frappe.only_has_select_perm("Class Record"):
		return frappe.get_list(
			"Class Record", filters=filters, fields=fields, order_by=order_by, limit_page_length=0
		)
	names = frappe.get_list("Class Record", pluck="name", limit_page_length=0)
	return frappe.get_all(
		"Class Record", filters={**filters, "name": ["in", names or [""]]}, fields=fields, order_by=order_by
	)


def existing_inspections(classes: list[str], item: str, date) -> dict[str, str]:
	"""Class -> the regular inspection it already has for the item on the date (one query)."""
	if not classes:
		return {}
	keys = {rules.dedupe_key(c, item, date): c for c in classes}
	ins = DocType("Inspection")
	rows = (
		frappe.qb.from_(ins).select(ins.dedupe_key, ins.name).where(ins.dedupe_key.isin(list(keys)))
	).run()
	return {keys[key]: name for key, name in rows}


def check(doc) -> None:
	"""Validates a round; throws one message listing every bad row ("Row 3: …"), saves nothing."""
	check_numbers(
		doc,
		{
			"grade_level": (0, GRADE),
			"entries.incident_count": (0, COUNT),
			"entries.deduction": (0, POINTS),
		},
		title=_("Invalid Inspection Round"),
	)
	item = rules.item_rules(doc.inspection_item)
	for error in (rules.inactive_item_error(item), rules.period_error(doc.inspection_date)):
		if error:
			frappe.throw(error, title=_("Invalid Inspection Round"))
	doc.scoring_method = item.method
	user = frappe.session.user
	duty = Duty(doc.inspector or user, user, doc.inspection_date, doc.inspection_item)
	if error := duty.day_error():
		frappe.throw(error, title=_("Not on the Duty Roster"))
	errors = row_errors(doc, item, duty)
	if errors:
		frappe.throw(errors, title=_("Invalid Inspection Round"), as_list=True)
	doc.class_count = len({row.class_record for row in doc.entries})


def row_errors(doc, item: rules.ItemRules, duty: Duty | None = None) -> list[str]:
	names = list({row.class_record for row in doc.entries if row.class_record})
	classes = {
		c.name: c
		for c in frappe.get_all(
			"Class Record",
			filters={"name": ["in", names or [""]]},
			fields=["name", "class_name", "grade_level", "is_active"],
		)
	}
	existing = existing_inspections(names, doc.inspection_item, doc.inspection_date)
	first_row: dict[str, int] = {}
	errors = []
	# nobody inspects their own class: neither the round's inspector nor whoever enters it
	own = set(own_classes(doc.inspector or frappe.session.user)) | set(own_classes())
	for row in doc.entries:
		cls = classes.get(row.class_record)
		if cls and cls.name in own:
			error = _("{0} is your own class; another inspector inspects it.").format(text(cls.class_name))
		else:  # the duty roster's rows of the day, read once for the round
			error = (cls and duty and duty.class_error(cls)) or entry_error(
				doc, item, row, cls, existing, first_row
			)
		if error:
			errors.append(_("Row {0}: {1}").format(row.idx, error))
		elif row.incident_type:
			row.deduction = rules.incident_deduction(
				item, row.incident_type, row.incident_count, row.deduction
			)
	return errors


def entry_error(doc, item, row, cls, existing: dict, first_row: dict) -> str | None:
	"""What is wrong with one row, if anything. A class's first row carries its result; a
	further row for the same class only adds an incident."""
	if cls is None:
		return _("choose a class.")
	if not cls.is_active:
		return _("Class {0} is not active; it cannot be inspected.").format(text(cls.class_name))
	if cint(doc.grade_level) and cls.grade_level != cint(doc.grade_level):
		return _("{0} is in grade {1}, not in this round's grade {2}.").format(
			text(cls.class_name), cls.grade_level, doc.grade_level
		)
	if cls.name in existing:
		return _("{0} was already inspected for {1} on {2} ({3}).").format(
			text(cls.class_name),
			text(doc.inspection_item),
			text(getdate(doc.inspection_date)),
			text(existing[cls.name]),
		)
	if cls.name in first_row:
		if not row.incident_type:
			return _(
				"{0} is already on row {1}; a further row for a class only adds an incident, so choose its incident type."
			).format(cls.class_name, first_row[cls.name])
	else:
		first_row[cls.name] = row.idx
		if error := rules.result_error(item, row.score, row.level):
			return error
	if row.incident_type:
		return rules.incident_error(item, row.incident_type, row.incident_count, row.deduction)
	if cint(row.incident_count):
		return _("choose the type of the {0} incidents.").format(row.incident_count)
	return None


def inspections_of(doc) -> list[dict]:
	"""One inspection per class of the round, with the incidents of all its rows."""
	item = rules.item_rules(doc.inspection_item)
	by_class: dict[str, dict] = {}
	for row in doc.entries:
		found = by_class.get(row.class_record)
		if found is None:
			score, level = rules.normalised_result(item, row.score, row.level)
			found = by_class[row.class_record] = {
				"inspection_date": doc.inspection_date,
				"class_record": row.class_record,
				"inspection_item": doc.inspection_item,
				"inspector": doc.inspector,
				"inspection_round": doc.name,
				"score": score,
				"level": level,
				"remarks": row.remarks or None,
				"incidents": [],
			}
		if row.incident_type:
			found["incidents"].append(
				{
					"incident_type": row.incident_type,
					"count": cint(row.incident_count),
					"deduction": row.deduction,
					"reason": row.remarks or None,
				}
			)
	return list(by_class.values())


def record(doc) -> list[str]:
	"""Writes the round's inspections, submitted. The unique day key stops a class inspected by
	someone else since the round was checked: then nothing of the round is kept."""
	for ptype in ("create", "submit"):
		frappe.has_permission("Inspection", ptype, throw=True)
	try:
		return insert_submitted(inspections_of(doc))
	except Exception as e:
		if not frappe.db.is_unique_key_violation(e):
			raise
		frappe.throw(
			_(
				"A class of this round was inspected for {0} on {1} by someone else meanwhile; reload the round."
			).format(doc.inspection_item, getdate(doc.inspection_date)),
			exc=frappe.DuplicateEntryError,
			title=_("Duplicate Inspection"),
		)


def cancel(doc) -> int:
	"""Cancels the round's submitted inspections in one update; their days are free again."""
	frappe.has_permission("Inspection", "cancel", throw=True)
	ins = DocType("Inspection")
	names = (
		frappe.qb.from_(ins)
		.select(ins.name)
		.where((ins.inspection_round == doc.name) & (ins.docstatus == 1))
		.for_update()
	).run(pluck=True)
	if names:
		(
			frappe.qb.update(ins)
			.set(ins.docstatus, 2)
			.set(ins.dedupe_key, None)
			.set(ins.modified, frappe.utils.now_datetime())
			.set(ins.modified_by, frappe.session.user)
			.where(ins.name.isin(names))
		).run()
		inc = DocType("Inspection Incident")
		(
			frappe.qb.update(inc)
			.set(inc.docstatus, 2)
			.where((inc.parenttype == "Inspection") & inc.parent.isin(names))
		).run()
	return len(names)
