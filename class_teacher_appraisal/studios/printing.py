"""What the printed annual record of a studio member (工作室成员年度考核表) shows, worked out here so
that the print format's Jinja only lays it out: the charter's parts and lines with how each was
found (in the reader's language), the host's term grades, the outcome and the signatures."""

import frappe
from frappe import _
from frappe.utils import format_date, get_fullname, getdate

from class_teacher_appraisal.names import (
	APPROVED,
	DRAFT,
	LEADERSHIP_APPROVAL,
	PERIOD,
	STUDIO,
	STUDIO_ASSESSMENT,
)
from class_teacher_appraisal.printing import _state_change, explain, points
from class_teacher_appraisal.studios.term_reviews import reviews_of_year

# Signature boxes: who signs, and the workflow state their step moves the assessment into.
SIGNATURES = (("Studio Host", LEADERSHIP_APPROVAL), ("Principal", APPROVED))


def assessment_record(doc) -> dict:
	"""The print format's data for one studio assessment (a Jinja method, see hooks.py)."""
	if doc.doctype != STUDIO_ASSESSMENT:
		frappe.throw(_("The annual record prints Studio Assessments only, not {0}.").format(_(doc.doctype)))
	if not frappe.flags.ignore_print_permissions:
		frappe.has_permission(STUDIO_ASSESSMENT, "print", doc=doc, throw=True)
	period = (
		frappe.db.get_value(PERIOD, doc.appraisal_period, ["start_date", "end_date"], as_dict=True)
		or frappe._dict()
	)
	studio = frappe.db.get_value(STUDIO, doc.studio, ["studio_name", "level", "host_school"], as_dict=True)
	rubric_total = frappe.db.get_value("Appraisal Rubric", doc.rubric, "total_points") if doc.rubric else None
	return {
		"school": frappe.db.get_single_value("Class Teacher Appraisal Settings", "school_name") or "",
		"studio": (studio and studio.studio_name) or doc.studio,
		"member": doc.member_name or get_fullname(doc.member),
		"role": _(doc.member_role) if doc.member_role else "",
		# the member's own days of the year (Assessed From: later for someone who joined during it)
		"period_dates": _dates(doc.get("assessed_from") or period.start_date, period.end_date),
		"total": points(doc.total_score),
		"total_max": points(rubric_total) if rubric_total else "",
		"parts": parts(doc),
		"reviews": [
			{
				"term": r.appraisal_period,
				"grades": [
					r.ethics_grade,
					r.attitude_grade,
					r.theory_grade,
					r.management_grade,
					r.research_grade,
				],
				"overall": r.overall_grade,
				"outstanding": bool(r.outstanding_member),
				"suggestions": r.suggestions or "",
			}
			for r in (
				reviews_of_year(doc.studio, doc.member, period.start_date, period.end_date)
				if period.start_date
				else []
			)
		],
		"signatures": signatures(doc),
		"printed_on": format_date(getdate()),
	}


def _dates(start, end) -> str:
	return f"{format_date(start)} – {format_date(end)}" if start and end else ""


def parts(doc) -> list[dict]:
	by_part: dict[str, list[dict]] = {}
	for row in doc.lines:
		by_part.setdefault(row.section_code or "", []).append(
			{
				"code": row.criterion_code,
				"title": row.criterion_title,
				"max": points(row.max_points),
				"points": points(row.points),
				"how": explain(row),
			}
		)
	out = [
		{
			"code": s.section_code,
			"title": s.section_title,
			"max": points(s.max_points),
			"points": points(s.points),
			"lines": by_part.pop(s.section_code, []),
		}
		for s in doc.sections
	]
	for code, lines in by_part.items():
		out.append({"code": code, "title": code or _("Other"), "max": "", "points": "", "lines": lines})
	return out


def signatures(doc) -> list[dict]:
	"""Who submitted the assessment for approval (the host, or the office for the host's own) and
	who approved it, from the document's history (a return to Draft voids the steps before it)."""
	done: dict[str, tuple[str, object]] = {}
	if doc.name and not doc.is_new():
		for v in frappe.get_all(
			"Version",
			filters={"ref_doctype": STUDIO_ASSESSMENT, "docname": doc.name},
			fields=["owner", "creation", "data"],
			order_by="creation asc",
		):
			change = _state_change(v.data)
			if change == DRAFT:
				done.clear()
			elif change:
				done[change] = (v.owner, v.creation)
	boxes = []
	for role, state in SIGNATURES:
		user, when = done.get(state, (None, None))
		boxes.append(
			{
				"role": _(role),
				"name": get_fullname(user) if user else "",
				"date": format_date(when) if when else "",
			}
		)
	return boxes
