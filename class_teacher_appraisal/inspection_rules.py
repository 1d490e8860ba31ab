"""The rules a regular inspection must meet. One inspection (its controller) and an inspection
round of many classes (checked together, the item read once) apply the same functions, so a
score, level or incident is accepted or refused the same way whichever form it came from.
Each check returns a translated message, or None when the value is fine."""

from dataclasses import dataclass, field

import frappe
from frappe import _
from frappe.utils import cint, flt, getdate

from class_teacher_appraisal.html_text import text
from class_teacher_appraisal.utils import week_start


@dataclass(frozen=True)
class ItemRules:
	"""What an inspection item accepts."""

	name: str
	is_active: bool
	method: str
	max_score: float
	levels: dict[str, float] = field(default_factory=dict)  # level -> score
	incident_types: dict[str, float] = field(default_factory=dict)  # type -> deduction per incident


def item_rules(item_name: str) -> ItemRules:
	item = frappe.get_cached_doc("Inspection Item", item_name)
	return ItemRules(
		name=item.name,
		is_active=bool(item.is_active),
		method=item.scoring_method,
		max_score=flt(item.max_score),
		levels={row.level: flt(row.score) for row in item.levels},
		incident_types={row.incident_type: flt(row.default_deduction) for row in item.incident_types},
	)


def inactive_item_error(item: ItemRules) -> str | None:
	return None if item.is_active else _("Inspection item {0} is not active.").format(text(item.name))


def result_error(item: ItemRules, score, level, spot_check=False) -> str | None:
	"""A score out of range, or a level the item does not have. A spot check may record no result:
	it is there to take a flag back (its results never count in the averages)."""
	if spot_check and no_result(score, level):
		return None
	if item.method == "Score":
		if score is None or not 0 <= flt(score) <= item.max_score:
			return _("The score must be between 0 and {0}, not {1}.").format(item.max_score, score)
	elif item.method == "Level" and level not in item.levels:
		return _("Level {0} is not one of {1}.").format(text(level or "—"), text(", ".join(item.levels)))
	return None


def no_result(score, level) -> bool:
	return (score is None or (isinstance(score, str) and not score.strip())) and not level


def normalised_result(item: ItemRules, score, level) -> tuple[float, str | None]:
	"""The (score, level) stored: a level sets the score, an incident-count item keeps neither."""
	if no_result(score, level) and item.method != "Incident Count":
		return 0, None  # a spot check without a result
	if item.method == "Score":
		return flt(score), None
	if item.method == "Level":
		return item.levels[level], level
	return 0, None


def incident_error(item: ItemRules, incident_type: str, count, deduction) -> str | None:
	known = item.incident_types
	if known and incident_type not in known:
		return _("incident type {0} is not one of {1}.").format(text(incident_type), text(", ".join(known)))
	if (count or 0) < 1:
		return _("the count must be at least 1.")
	if deduction is not None and flt(deduction) < 0:
		return _("a deduction cannot be negative.")
	return None


def incident_deduction(item: ItemRules, incident_type: str, count, deduction) -> float:
	"""An empty deduction is the count times the item's deduction per incident; a deduction entered
	as 0 stays 0 (an incident recorded without costing points)."""
	if deduction is None or (isinstance(deduction, str) and not deduction.strip()):
		return flt(item.incident_types.get(incident_type)) * cint(count)
	return flt(deduction)


def period_error(date) -> str | None:
	found = frappe.db.exists("Appraisal Period", {"start_date": ["<=", date], "end_date": [">=", date]})
	if found:
		return None
	return _("{0} is outside every appraisal period; set up the period first.").format(
		frappe.format(getdate(date), {"fieldtype": "Date"})
	)


def derived_fields(
	class_record: str, item: str, date, is_spot_check, revokes_flag, incident_deductions, scoring_method: str
) -> dict:
	"""What an inspection's other fields give, the same for one saved in the Desk and for rounds
	written in bulk: its deduction, week, whether it takes a flag back, the day key and method."""
	spot = cint(is_spot_check)
	return {
		"deduction": sum(flt(d) for d in incident_deductions),
		"week_start": week_start(date),
		"is_spot_check": spot,
		"revokes_flag": cint(revokes_flag) if spot else 0,
		"dedupe_key": None if spot else dedupe_key(class_record, item, date),
		"scoring_method": scoring_method,
	}


def dedupe_key(class_record: str, item: str, date) -> str:
	"""One regular inspection per class, item and day (a unique column backs this up)."""
	return f"{class_record}|{item}|{getdate(date)}"
