# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

"""What a scored document (a class teacher's appraisal, a studio member's assessment) does with
its lines on every save: what identifies it and what scoring computed come from the database,
never from the request, and each hand input on a line is checked against the line."""

import frappe
from frappe import _
from frappe.utils import flt

from class_teacher_appraisal import results
from class_teacher_appraisal.html_text import text
from class_teacher_appraisal.scoring.kinds import KINDS, hand_entered


def keep_stored_values(doc, fixed_fields, computed_fields, fixed_message: str, lines_message: str):
	"""On save: the fixed fields cannot change (`fixed_message` names the field as {0}), computed
	fields and each line's computed and rubric fields are the stored ones, the lines are the stored
	lines (`lines_message` otherwise) and the sections are the stored sections."""
	before = doc.get_doc_before_save()
	for field in fixed_fields:
		if (doc.get(field) or None) != (before.get(field) or None):
			frappe.throw(
				fixed_message.format(_(doc.meta.get_label(field))),
				title=_("Not Allowed"),
				exc=frappe.PermissionError,
			)
	for field in computed_fields:
		doc.set(field, before.get(field))
	stored = {row.criterion_code: row for row in before.lines}
	if sorted(row.criterion_code or "" for row in doc.lines) != sorted(stored):
		frappe.throw(lines_message, title=_("Not Allowed"), exc=frappe.PermissionError)
	for row in doc.lines:
		for field in results.LINE_COMPUTED_FIELDS + results.LINE_RUBRIC_FIELDS:
			row.set(field, stored[row.criterion_code].get(field))
	doc.set("sections", [row.as_dict() for row in before.sections])
	return before


def check_line_inputs(row, label: str, rule_kind: str, max_points, throw=frappe.throw):
	"""Hand-entered points only on a hand-scored line and within it; an adjustment says why and,
	unless the line's kind is signed, keeps the line within 0 … its maximum."""
	by_hand = hand_entered(rule_kind)
	if by_hand and (row.manual_entered or row.manual_points):
		if not 0 <= flt(row.manual_points) <= flt(max_points):
			throw(
				_("{0}: hand-entered points must be between 0 and {1}, not {2}.").format(
					label, max_points, row.manual_points
				)
			)
	elif not by_hand and flt(row.manual_points):
		throw(_("{0}: points are computed; use an adjustment with a reason instead.").format(label))
	if flt(row.adjustment) and not (row.adjustment_reason or "").strip():
		throw(_("{0}: give the reason for the adjustment.").format(label))
	if flt(row.adjustment) and flt(max_points):
		base = flt(row.manual_points) if by_hand else flt(row.computed_points)
		result = base + flt(row.adjustment)
		signed = rule_kind in KINDS and KINDS[rule_kind].signed
		if not signed and not 0 <= result <= flt(max_points):
			throw(
				_("{0}: the adjustment would give {1} points, outside 0 … {2}.").format(
					label, text(result), max_points
				)
			)
