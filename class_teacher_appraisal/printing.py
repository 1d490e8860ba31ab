"""What the printed appraisal sheet (班主任考核表) shows, worked out here so that the print
format's Jinja only lays it out: lines under their parts, explanations in the reader's
language (never the stored JSON), and who moved the appraisal through each approval step."""

import json

import frappe
from frappe import _
from frappe.utils import flt, format_date, get_fullname, getdate

from class_teacher_appraisal import adapters
from class_teacher_appraisal.names import APPRAISAL, APPROVED, DRAFT, OFFICE_REVIEW, PRINCIPAL_APPROVAL
from class_teacher_appraisal.utils import full_names, grade_name

# Signature boxes: who signs, and the workflow state their step moves the appraisal into.
SIGNATURES = (
	("Inspector", OFFICE_REVIEW),
	("Academic Office", PRINCIPAL_APPROVAL),
	("Principal", APPROVED),
)


def appraisal_sheet(doc) -> dict:
	"""The print format's data for one appraisal (a Jinja method, see hooks.py)."""
	if doc.doctype != APPRAISAL:
		frappe.throw(
			_("The appraisal sheet prints Class Teacher Appraisals only, not {0}.").format(_(doc.doctype))
		)
	if not frappe.flags.ignore_print_permissions:
		frappe.has_permission(APPRAISAL, "print", doc=doc, throw=True)
	period = (
		frappe.db.get_value(
			"Appraisal Period", doc.appraisal_period, ["start_date", "end_date"], as_dict=True
		)
		or frappe._dict()
	)
	rubric_total = frappe.db.get_value("Appraisal Rubric", doc.rubric, "total_points") if doc.rubric else None
	return {
		"school": frappe.db.get_single_value("Class Teacher Appraisal Settings", "school_name") or "",
		"teacher": doc.get("teacher_name") or get_fullname(doc.class_teacher) if doc.class_teacher else "",
		"grade_name": grade_name(doc.grade_level) if doc.grade_level else "",  # 一年级 / Grade 1
		"on_post": on_post(doc),
		"period_dates": _date_range(period.start_date, period.end_date),
		"total": points(doc.total_score),
		"red_flags": points(doc.red_flags),
		"achievement_points": [points(a.base_points) for a in doc.achievements],
		"total_max": points(rubric_total) if rubric_total else "",
		"parts": parts(doc),
		"signatures": signatures(doc),
		"printed_on": format_date(getdate()),
	}


def points(value) -> str:
	"""Points as a school writes them: 36, 9.5, 53.12, -4 (no trailing zeros)."""
	text = f"{flt(value, 2):.2f}".rstrip("0").rstrip(".")
	return "0" if text == "-0" else text


def explain(row) -> str:
	"""A line's explanation in the reader's language, rebuilt from the messages kept in its
	evidence (the stored text is in the site's language); the stored text if there are none."""
	try:
		details = adapters.load_json(row.evidence)
	except (TypeError, ValueError):
		details = {}
	messages = adapters.messages_from_json(details.get("messages")) if isinstance(details, dict) else []
	if messages:
		try:
			return "; ".join(m.render(_) for m in messages)
		except (IndexError, KeyError, ValueError):
			pass  # a translation with broken placeholders: the stored text is still right
	return row.explanation or ""


def parts(doc) -> list[dict]:
	"""The parts in the rubric's order, each with its lines and subtotal; lines of a part the
	appraisal has no row for come last, under "Other"."""
	by_part: dict[str, list[dict]] = {}
	for row in doc.lines:
		by_part.setdefault(row.section_code or "", []).append(
			{
				"code": row.criterion_code,
				"title": row.criterion_title or row.criterion_code,
				"points": points(row.points),
				"max": points(row.max_points) if flt(row.max_points) else "",
				"explanation": explain(row),
				"needs_input": bool(row.needs_input),
			}
		)
	result = []
	for s in doc.sections:
		result.append(
			{
				"header": True,
				"code": s.section_code,
				"title": s.section_title or s.section_code,
				"points": points(s.points),
				"raw_points": points(s.raw_points),
				"max": points(s.max_points) if flt(s.max_points) else "",
				"weight": points(s.weight_percent) if flt(s.weight_percent) else "",
				"lines": by_part.pop(s.section_code, []),
			}
		)
	leftover = [line for lines in by_part.values() for line in lines]
	if leftover:
		result.append(
			{
				# a rubric without parts has one list of lines, under no heading
				"header": bool(result),
				"code": "",
				"title": _("Other"),
				"points": points(sum(flt(line["points"]) for line in leftover)),
				"raw_points": "",
				"max": "",
				"weight": "",
				"lines": leftover,
			}
		)
	return result


def signatures(doc) -> list[dict]:
	"""One box per approval step, with the user and date the document's history records for it.
	A return to Draft voids the steps taken before it. Read from Version (language-independent),
	not from the workflow's comments (written in the actor's language)."""
	done: dict[str, tuple[str, object]] = {}
	if not doc.is_new():
		for v in frappe.get_all(
			"Version",
			filters={"ref_doctype": APPRAISAL, "docname": doc.name},
			fields=["owner", "creation", "data"],
			order_by="creation asc",
		):
			change = _state_change(v.data)
			if change == DRAFT:
				done.clear()
			elif change:
				done[change] = (v.owner, v.creation)
	names = full_names(user for user, _when in done.values())  # one query for all the boxes
	boxes = []
	for role, state in SIGNATURES:
		user, when = done.get(state, (None, None))
		boxes.append(
			{
				"role": _(role),
				"name": names.get(user, "") if user else "",
				"date": format_date(when) if when else "",
			}
		)
	return boxes


def _state_change(data) -> str | None:
	try:
		changed = json.loads(data or "{}").get("changed") or []
	except (TypeError, ValueError, AttributeError):
		return None
	for field, _old, new in (c for c in changed if isinstance(c, list | tuple) and len(c) == 3):
		if field == "workflow_state":
			return new
	return None


def on_post(doc) -> str:
	"""The days of a teacher who served part of the period (the class changed teacher), else empty."""
	if not doc.get("days_in_period") or doc.days_served >= doc.days_in_period:
		return ""
	return _("On post {0}: {1} of {2} days").format(
		_date_range(doc.served_from, doc.served_to), doc.days_served, doc.days_in_period
	)


def _date_range(start, end) -> str:
	if not (start and end):
		return ""
	return _("{0} to {1}").format(format_date(start), format_date(end))
