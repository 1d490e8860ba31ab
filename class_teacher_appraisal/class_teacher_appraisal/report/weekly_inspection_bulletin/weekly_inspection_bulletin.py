# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

"""周通报: one week of inspections, every class × inspection item: how many checks, the net
average that decides the red flags, the flags won, incidents and deductions with their
reasons, and the change from the week before.

The averages and the flags are the scoring core's, never summed here: the classes' inspections
are read set-based as the engine reads them (evidence.inspection_evidence), the net average is
WeekStats.net_average rounded the core's way (amounts.points, half up to 2 places), and the flags
are award_weekly_flags among the classes the period contests, with its rubric's eligibility rules.
So the bulletin says what the published Red Flag Awards and the appraisals' lines say."""

from collections import defaultdict
from decimal import Decimal

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import GroupConcat, Sum
from frappe.utils import add_days, cint, date_diff, getdate

from class_teacher_appraisal import adapters, evidence, html_text
from class_teacher_appraisal.permissions import visible_classes
from class_teacher_appraisal.reports import (
	PERIOD_FIELDS,
	awarded_flags,
	column,
	contested_classes,
	number,
	require_period,
	restrict_to_visible,
	rubric_of,
)
from class_teacher_appraisal.scoring import WeekStats
from class_teacher_appraisal.scoring.amounts import ZERO, D, points
from class_teacher_appraisal.scoring.flags import is_published
from class_teacher_appraisal.scoring.model import FlagWeek
from class_teacher_appraisal.utils import grade_name, week_start

PRECISION = 2


def execute(filters=None):
	filters = frappe._dict(filters or {})
	this_week = week_start(filters.get("week") or getdate())
	chosen = require_period(filters) if filters.get("appraisal_period") else None
	classes = fetch_classes(filters.get("grade_level"), chosen)
	items = fetch_items(filters.get("inspection_item"))
	inspection_items = adapters.load_items()
	judged = judge(classes, items, inspection_items, this_week, chosen)
	rows = build_rows(classes, items, inspection_items, judged, this_week)
	return html_text.report(columns(), rows, None, chart(rows), summary(rows))


def fetch_classes(grade_level=None, period=None) -> list[frappe._dict]:
	"""The active classes the user may see (of the chosen period's contest, when one is chosen)."""
	filters = {"is_active": 1}
	if grade_level:
		filters["grade_level"] = cint(grade_level)
	visible = visible_classes()
	names = None if visible is None else set(visible)
	if period:
		contest = {c.name for c in contested_classes(period)}
		names = contest if names is None else names & contest
	if names is not None:
		filters["name"] = ["in", list(names) or [""]]
	return frappe.get_all(
		"Class Record",
		filters=filters,
		fields=["name", "class_name", "grade_level", "pupil_count"],
		order_by="grade_level asc, class_name asc",
	)


def fetch_items(item=None) -> list[str]:
	filters = {"is_active": 1}
	if item:
		filters["name"] = item
	return frappe.get_all("Inspection Item", filters=filters, pluck="name", order_by="name asc")


def flag_periods(monday) -> list[frappe._dict]:
	"""The periods the week falls in, the one whose red flags the bulletin shows first: those whose
	flags were published, then the longest (a term before its months), then by name."""
	periods = frappe.get_all(
		"Appraisal Period",
		filters={"start_date": ["<=", add_days(monday, 6)], "end_date": [">=", monday]},
		fields=PERIOD_FIELDS,
	)
	return sorted(
		periods, key=lambda p: (not p.flags_awarded_on, -date_diff(p.end_date, p.start_date), p.name)
	)


def judge(classes, items, inspection_items, this_week, chosen) -> dict[str, frappe._dict]:
	"""Per class shown: its inspections of this week and the last (WeekStats per item and week),
	the red flags the core awards it, and this week's incidents. A class gets the flags of the
	chosen period, or else of the first period of the week that contests it (flag_periods), read
	for all that period's classes at once and within its dates; a class no period contests gets
	its inspections and no flags."""
	last_week, sunday = add_days(this_week, -7), add_days(this_week, 6)
	left = {c.name: c for c in classes}
	out: dict[str, frappe._dict] = {}
	for period in [chosen] if chosen else flag_periods(this_week):
		if not left:
			break
		contest = contested_classes(period)
		mine = [c.name for c in contest if c.name in left]
		if not mine:
			continue
		gathered, flags = awarded_flags(
			period, rubric_of(period), contest, inspection_items, last_week, sunday
		)
		start, end = max(period.start_date, this_week), min(period.end_date, sunday)
		incidents = fetch_incidents(start, end, mine, items)
		for name in mine:
			out[name] = frappe._dict(weeks=gathered[name].weeks, flags=flags[name], incidents=incidents)
			del left[name]
	if left:
		span = frappe._dict(start_date=last_week, end_date=sunday)
		gathered = evidence.inspection_evidence(span, list(left.values()))
		incidents = fetch_incidents(this_week, sunday, list(left), items)
		for name in left:
			out[name] = frappe._dict(weeks=gathered[name].weeks, flags={}, incidents=incidents)
	return out


def fetch_incidents(start, end, classes: list[str], items) -> dict:
	"""(class, item) -> the incidents of the classes from start to end by type, with their
	deductions and reasons."""
	ins = DocType("Inspection")
	inc = DocType("Inspection Incident")
	query = (
		frappe.qb.from_(inc)
		.join(ins)
		.on(inc.parent == ins.name)
		.select(
			ins.class_record,
			ins.inspection_item,
			inc.incident_type,
			Sum(inc["count"]).as_("n"),
			Sum(inc.deduction).as_("deduction"),
			GroupConcat(inc.reason).as_("reasons"),
		)
		.where(
			(inc.parenttype == "Inspection")
			& (ins.docstatus == 1)
			& (ins.inspection_date[start:end])
			& ins.class_record.isin(classes or [""])
			& ins.inspection_item.isin(items or [""])
		)
		.groupby(ins.class_record, ins.inspection_item, inc.incident_type)
	)
	out: dict = defaultdict(list)
	for r in restrict_to_visible(query, ins.class_record).run(as_dict=True):
		out[(r.class_record, r.inspection_item)].append(r)
	return out


def net_average(stats: WeekStats | None) -> Decimal | None:
	"""The week's net average as the weekly ranking has it, to the 2 places every point has."""
	if not stats or not stats.count:
		return None
	return points(stats.net_average)


def describe_incidents(found) -> tuple[int, Decimal, str]:
	count = sum(cint(r.n) for r in found)
	deduction = sum((D(r.deduction) for r in found), ZERO)
	parts = []
	for r in sorted(found, key=lambda r: r.incident_type or ""):
		reasons = ", ".join(sorted({x.strip() for x in (r.reasons or "").split(",") if x.strip()}))
		label = f"{r.incident_type} × {cint(r.n)}"
		parts.append(f"{label} ({reasons})" if reasons else label)
	return count, deduction, "; ".join(parts)


def optional(value: Decimal | None) -> float | None:
	return None if value is None else number(value)


def build_rows(classes, items, inspection_items, judged, this_week) -> list[dict]:
	last_week = add_days(this_week, -7)
	rows = []
	for c in classes:
		found = judged[c.name]
		for item in items:
			now, before = found.weeks.get((item, this_week)), found.weeks.get((item, last_week))
			week = found.flags.get((item, this_week))
			if week is not None and not is_published(week, inspection_items[item]):
				week = None  # the item gives no flags: nothing to win or lose
			count, deduction, reasons = describe_incidents(found.incidents.get((c.name, item), []))
			average, previous = net_average(now), net_average(before)
			rows.append(
				{
					"class_record": c.name,
					"class_name": c.class_name,
					"grade_level": c.grade_level,
					"grade_name": grade_name(c.grade_level),
					"inspection_item": item,
					"checks": now.count if now else 0,
					"net_average": optional(average),
					"levels": ", ".join(f"{lv} × {n}" for lv, n in sorted(now.levels.items())) if now else "",
					"red_flags": number(week.total) if week else 0.0,
					"flag_note": flag_note(week),
					"incidents": count,
					"deduction": number(points(deduction)),
					"reasons": reasons,
					"last_week": optional(previous),
					"change": optional(average - previous)
					if average is not None and previous is not None
					else None,
				}
			)
	return rows


def flag_note(week: FlagWeek | None) -> str:
	if not week:
		return ""
	if week.ineligible:
		return _("Not eligible this week")
	if week.revoked:
		return _("{0} taken back by a spot check").format(week.revoked)
	return ""


def columns() -> list[dict]:
	return [
		column(_("Class"), "class_name", "Data", 110),
		column(_("Grade Level"), "grade_name", "Data", 70),
		column(_("Inspection Item"), "inspection_item", "Link", 110, options="Inspection Item"),
		column(_("Checks"), "checks", "Int", 70),
		column(_("Net Average"), "net_average", "Float", 90, disable_total=1, precision=PRECISION),
		column(_("Results"), "levels", "Data", 140),
		column(_("Red Flags"), "red_flags", "Float", 80, precision=1),
		column(_("Flag Note"), "flag_note", "Data", 140),
		column(_("Incidents"), "incidents", "Int", 80),
		column(_("Deductions"), "deduction", "Float", 90, precision=PRECISION),
		column(_("Incidents and Reasons"), "reasons", "Data", 240),
		column(_("Last Week"), "last_week", "Float", 90, disable_total=1, precision=PRECISION),
		column(_("Change from Last Week"), "change", "Float", 110, disable_total=1, precision=PRECISION),
		column(_("Class Record"), "class_record", "Link", 110, options="Class Record"),
	]


def total(rows: list[dict], field: str) -> float:
	"""A column's sum, added exactly (the cells are the core's 2-place figures)."""
	return number(sum((D(r[field]) for r in rows), ZERO))


def chart(rows: list[dict]) -> dict | None:
	"""Flags and deductions per class this week."""
	per_class: dict[str, list[dict]] = defaultdict(list)
	for r in rows:
		per_class[r["class_name"]].append(r)
	if not per_class:
		return None
	return {
		"data": {
			"labels": list(per_class),
			"datasets": [
				{"name": _("Red Flags"), "values": [total(v, "red_flags") for v in per_class.values()]},
				{"name": _("Deductions"), "values": [total(v, "deduction") for v in per_class.values()]},
			],
		},
		"type": "bar",
		"colors": ["#e24c4c", "#ffa00a"],
	}


def summary(rows: list[dict]) -> list[dict]:
	if not rows:
		return []
	return [
		{"label": _("Checks"), "value": sum(r["checks"] for r in rows), "datatype": "Int"},
		{
			"label": _("Red Flags"),
			"value": total(rows, "red_flags"),
			"datatype": "Float",
			"indicator": "Red",
		},
		{"label": _("Incidents"), "value": sum(r["incidents"] for r in rows), "datatype": "Int"},
		{
			"label": _("Deductions"),
			"value": total(rows, "deduction"),
			"datatype": "Float",
			"indicator": "Orange",
		},
	]
