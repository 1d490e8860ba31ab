"""What a scored result writes on a Class Teacher Appraisal, and which of its fields are computed,
taken from the rubric, or entered by the office. Used by the period's recompute (many appraisals
at once) and by the appraisal's own save (one)."""

import json

from class_teacher_appraisal import adapters

# What scoring decides on an appraisal and its lines: recomputed on every save and never taken
# from a request (the controller restores the stored values before rescoring).
COMPUTED_FIELDS = (
	"total_score", "grade", "rank", "rank_out_of", "red_flags", "allowance", "allowance_note", "vetoed",
	"veto_reason", "excluded_from_honours", "exclusion_reason", "pending_questions", "computed_on",
	"approved_on", "grade_by_score", "honour", "places_note", "honour_note",
)  # fmt: skip
# The days of the period the appraised teacher was on post: set from the class's dated assignments
# on creation and by the period's recompute, never taken from a request.
TENURE_FIELDS = ("served_from", "served_to", "days_served", "days_in_period", "teacher_rank")
# Fetched by Frappe from the stored class and period on every save.
FETCHED_FIELDS = ("period_type", "class_name", "grade_level")
LINE_COMPUTED_FIELDS = ("computed_points", "points", "needs_input", "explanation", "evidence")
LINE_RUBRIC_FIELDS = ("criterion_title", "section_code", "rule_kind", "max_points")
LINE_INPUT_FIELDS = ("manual_points", "manual_entered", "adjustment", "adjustment_reason")


def pending_questions(needs_input, vetoes) -> int:
	"""What stops an appraisal from going to the principal: lines nobody scored yet (needs_input
	flags), and vetoes found in the incidents that the office has neither confirmed nor dismissed
	((automatic, settled) pairs)."""
	return sum(1 for flag in needs_input if flag) + sum(
		1 for automatic, confirmed in vetoes if automatic and not confirmed
	)


def line_values(ln) -> dict:
	"""What a line shows of its criterion and of the office's input."""
	return {
		"criterion_code": ln.code,
		"criterion_title": ln.title,
		"section_code": ln.section,
		"rule_kind": ln.kind,
		"max_points": ln.max_points,
		"manual_points": ln.manual or 0,
		"adjustment": ln.adjustment,
		"adjustment_reason": ln.adjustment_reason or None,
	}


def computed_values(ln) -> dict:
	"""What scoring decides on a line: its points, and the evidence and words behind them."""
	return {
		"computed_points": ln.computed or 0,
		"manual_entered": int(ln.manual is not None),
		"points": ln.points,
		"needs_input": int(ln.needs_input),
		"explanation": adapters.render(ln.explanation),
		"evidence": json.dumps(
			{**ln.evidence, "messages": adapters.messages_to_json(ln.explanation)},
			ensure_ascii=False,
			default=str,
		),
	}


def section_values(s) -> dict:
	return {
		"section_code": s.code,
		"section_title": s.title,
		"max_points": s.max_points,
		"weight_percent": s.weight_percent,
		"raw_points": s.raw_points,
		"points": s.points,
	}


def summary_fields(result) -> dict:
	return {
		"total_score": result.total,
		"grade": result.grade,  # until the period's limited places are allotted (places.py)
		"grade_by_score": result.grade,
		"vetoed": int(result.vetoed),
		"veto_reason": adapters.render(result.veto_reasons, "\n") or None,
		"excluded_from_honours": int(result.excluded_from_honours),
		"exclusion_reason": adapters.render(result.exclusion_reasons, "\n") or None,
		"allowance": result.allowance,
		"allowance_note": adapters.render([result.allowance_note]) if result.allowance_note else None,
	}


def changed_inputs(before, doc) -> set[str]:
	"""Which kinds of the office's input differ between the stored appraisal and `doc`:
	"lines" (hand-scored points, adjustments), "achievements", "vetoes", "return_reason"."""

	def lines(d):
		return {row.criterion_code: tuple(_normal(row.get(f)) for f in LINE_INPUT_FIELDS) for row in d.lines}

	def rows(d, field, keys):
		return sorted(tuple(_normal(row.get(k)) for k in keys) for row in d.get(field))

	changed = set()
	if lines(before) != lines(doc):
		changed.add("lines")
	keys = ("criterion_code", "title", "level", "base_points")
	if rows(before, "achievements", keys) != rows(doc, "achievements", keys):
		changed.add("achievements")
	keys = ("rule_code", "reason", "attachment", "automatic", "confirmed", "dismissed", "dismissal_reason")
	if rows(before, "veto_cases", keys) != rows(doc, "veto_cases", keys):
		changed.add("vetoes")
	if _normal(before.return_reason) != _normal(doc.return_reason):
		changed.add("return_reason")
	return changed


def changed_criteria(before, doc) -> set[str]:
	"""The criteria whose hand input (points, adjustment, achievements) differs from the stored one."""

	def inputs(d):
		values: dict[str, list] = {
			row.criterion_code: [tuple(_normal(row.get(f)) for f in LINE_INPUT_FIELDS)] for row in d.lines
		}
		for row in d.get("achievements"):
			values.setdefault(row.criterion_code, []).append(
				tuple(_normal(row.get(k)) for k in ("title", "level", "base_points"))
			)
		return {code: sorted(v, key=repr) for code, v in values.items()}

	old, new = inputs(before), inputs(doc)
	return {code for code in old.keys() | new.keys() if old.get(code) != new.get(code)}


def _normal(value):
	"""Compares what a form sends with what the database holds: '' and None and 0 alike, 1 and 1.0."""
	if value in (None, ""):
		return None
	if isinstance(value, bool | int | float):
		return float(value) or None
	value = str(value).strip()
	try:
		return float(value) or None
	except ValueError:
		return value or None
