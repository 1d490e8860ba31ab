# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

"""周通报: one week of inspections, every class × inspection item: how many checks, the net
average that decides the red flags, the flags won, incidents and deductions with their
reasons, and the change from the week before."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count, GroupConcat, Sum
from frappe.utils import add_days, cint, getdate

from class_teacher_appraisal import html_text
from class_teacher_appraisal.permissions import visible_classes
from class_teacher_appraisal.reports import column, number, restrict_to_visible
from class_teacher_appraisal.utils import week_start

PRECISION = 2


def execute(filters=None):
	filters = frappe._dict(filters or {})
	this_week = week_start(filters.get("week") or getdate())
	last_week = add_days(this_week, -7)
	classes = fetch_classes(filters.get("grade_level"))
	items = fetch_items(filters.get("inspection_item"))
	checks = fetch_checks((this_week, last_week), items)
	incidents = fetch_incidents(this_week, items)
	flags = fetch_flags(this_week, items)
	rows = build_rows(classes, items, checks, incidents, flags, this_week, last_week)
	return html_text.report(columns(), rows, None, chart(rows), summary(rows))


def fetch_classes(grade_level=None) -> list[frappe._dict]:
	filters = {"is_active": 1}
	if grade_level:
		filters["grade_level"] = cint(grade_level)
	visible = visible_classes()
	if visible is not None:
		filters["name"] = ["in", visible or [""]]
	return frappe.get_all(
		"Class Record",
		filters=filters,
		fields=["name", "class_name", "grade_level"],
		order_by="grade_level asc, class_name asc",
	)


def fetch_items(item=None) -> list[str]:
	filters = {"is_active": 1}
	if item:
		filters["name"] = item
	return frappe.get_all("Inspection Item", filters=filters, pluck="name", order_by="name asc")


def fetch_checks(weeks, items) -> dict:
	"""(class, item, week) -> count, score, deduction and levels of the regular checks."""
	ins = DocType("Inspection")
	query = (
		frappe.qb.from_(ins)
		.select(
			ins.class_record,
			ins.inspection_item,
			ins.week_start,
			ins.level,
			Count(ins.name).as_("n"),
			Sum(ins.score).as_("score_sum"),
			Sum(ins.deduction).as_("deduction_sum"),
		)
		.where(
			(ins.docstatus == 1)
			& (ins.is_spot_check == 0)
			& ins.week_start.isin(list(weeks))
			& ins.inspection_item.isin(items or [""])
		)
		.groupby(ins.class_record, ins.inspection_item, ins.week_start, ins.level)
	)
	out: dict = {}
	for r in restrict_to_visible(query, ins.class_record).run(as_dict=True):
		key = (r.class_record, r.inspection_item, r.week_start)
		stats = out.setdefault(key, {"n": 0, "score": 0.0, "deduction": 0.0, "levels": {}})
		stats["n"] += cint(r.n)
		stats["score"] += number(r.score_sum)
		stats["deduction"] += number(r.deduction_sum)
		if r.level:
			stats["levels"][r.level] = stats["levels"].get(r.level, 0) + cint(r.n)
	return out


def fetch_incidents(week, items) -> dict:
	"""(class, item) -> incidents of the week by type, with their deductions and reasons."""
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
			& (ins.week_start == week)
			& ins.inspection_item.isin(items or [""])
		)
		.groupby(ins.class_record, ins.inspection_item, inc.incident_type)
	)
	out: dict = defaultdict(list)
	for r in restrict_to_visible(query, ins.class_record).run(as_dict=True):
		out[(r.class_record, r.inspection_item)].append(r)
	return out


def fetch_flags(week, items) -> dict:
	"""(class, item) -> the published red flags of the week (Red Flag Award is public)."""
	rows = frappe.get_all(
		"Red Flag Award",
		filters={"week_start": week, "inspection_item": ["in", items or [""]]},
		fields=["class_record", "inspection_item", "red_flags", "revoked", "ineligible"],
	)
	return {(r.class_record, r.inspection_item): r for r in rows}


def net_average(stats) -> float | None:
	if not stats or not stats["n"]:
		return None
	return round((stats["score"] - stats["deduction"]) / stats["n"], PRECISION)


def describe_incidents(found) -> tuple[int, float, str]:
	count = sum(cint(r.n) for r in found)
	deduction = sum(number(r.deduction) for r in found)
	parts = []
	for r in sorted(found, key=lambda r: r.incident_type or ""):
		reasons = ", ".join(sorted({x.strip() for x in (r.reasons or "").split(",") if x.strip()}))
		label = f"{r.incident_type} × {cint(r.n)}"
		parts.append(f"{label} ({reasons})" if reasons else label)
	return count, deduction, "; ".join(parts)


def build_rows(classes, items, checks, incidents, flags, this_week, last_week) -> list[dict]:
	rows = []
	for c in classes:
		for item in items:
			now = checks.get((c.name, item, this_week))
			before = checks.get((c.name, item, last_week))
			award = flags.get((c.name, item))
			count, deduction, reasons = describe_incidents(incidents.get((c.name, item), []))
			average, previous = net_average(now), net_average(before)
			rows.append(
				{
					"class_record": c.name,
					"class_name": c.class_name,
					"grade_level": c.grade_level,
					"inspection_item": item,
					"checks": now["n"] if now else 0,
					"net_average": average,
					"levels": ", ".join(f"{lv} × {n}" for lv, n in sorted(now["levels"].items()))
					if now
					else "",
					"red_flags": number(award.red_flags) if award else 0,
					"flag_note": flag_note(award),
					"incidents": count,
					"deduction": deduction,
					"reasons": reasons,
					"last_week": previous,
					"change": round(average - previous, PRECISION)
					if average is not None and previous is not None
					else None,
				}
			)
	return rows


def flag_note(award) -> str:
	if not award:
		return ""
	if award.ineligible:
		return _("Not eligible this week")
	if award.revoked:
		return _("{0} taken back by a spot check").format(award.revoked)
	return ""


def columns() -> list[dict]:
	return [
		column(_("Class"), "class_name", "Data", 110),
		column(_("Grade Level"), "grade_level", "Int", 70, disable_total=1),
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


def chart(rows: list[dict]) -> dict | None:
	"""Flags and deductions per class this week."""
	per_class: dict[str, list[float]] = {}
	for r in rows:
		flags, deductions = per_class.setdefault(r["class_name"], [0.0, 0.0])
		per_class[r["class_name"]] = [flags + r["red_flags"], deductions + r["deduction"]]
	if not per_class:
		return None
	return {
		"data": {
			"labels": list(per_class),
			"datasets": [
				{"name": _("Red Flags"), "values": [v[0] for v in per_class.values()]},
				{"name": _("Deductions"), "values": [v[1] for v in per_class.values()]},
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
			"value": sum(r["red_flags"] for r in rows),
			"datatype": "Float",
			"indicator": "Red",
		},
		{"label": _("Incidents"), "value": sum(r["incidents"] for r in rows), "datatype": "Int"},
		{
			"label": _("Deductions"),
			"value": round(sum(r["deduction"] for r in rows), PRECISION),
			"datatype": "Float",
			"indicator": "Orange",
		},
	]
