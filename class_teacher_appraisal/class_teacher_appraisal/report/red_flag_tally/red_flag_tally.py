# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

"""流动红旗统计: a term's published red flags per class and inspection item, and each flag
part of the rubric normalised the seeds' way (top class full marks, the others
full × own ÷ top), compared across the school or within the grade level as the rubric says."""

from collections import defaultdict
from decimal import Decimal

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Sum
from frappe.utils import cint

from class_teacher_appraisal import html_text
from class_teacher_appraisal.reports import column, number, require_period
from class_teacher_appraisal.scoring import Kind
from class_teacher_appraisal.scoring.amounts import ZERO, D, points
from class_teacher_appraisal.scoring.flags import comparison_groups, flag_share_points


def execute(filters=None):
	filters = frappe._dict(filters or {})
	period = require_period(filters)
	classes = fetch_classes(period.name)
	tally = fetch_tally(period.name)
	items = sorted({item for per in tally.values() for item in per["items"]})
	criteria = flag_criteria(period.rubric)
	shares = normalised(criteria, classes, tally)
	grade_level = cint(filters.get("grade_level"))
	rows = [
		build_row(c, tally.get(c.name), items, criteria, shares)
		for c in classes
		if not grade_level or c.grade_level == grade_level
	]
	rows.sort(key=lambda r: (-r["total_flags"], r["class_name"]))
	return html_text.report(columns(items, criteria), rows, None, chart(rows, items), summary(rows))


def fetch_classes(period: str) -> list[frappe._dict]:
	"""The classes appraised in the period, or every active class before appraisals exist."""
	appraised = frappe.get_all(
		"Class Teacher Appraisal",
		filters={"appraisal_period": period, "docstatus": ["<", 2]},
		pluck="class_record",
	)
	filters = {"name": ["in", appraised]} if appraised else {"is_active": 1}
	return frappe.get_all(
		"Class Record",
		filters=filters,
		fields=["name", "class_name", "grade_level", "class_teacher"],
		order_by="grade_level asc, class_name asc",
	)


def fetch_tally(period: str) -> dict[str, dict]:
	"""class -> flags per item, and the weekly awards, result flags and take-backs behind them.
	Red flags are the school's published bulletin, readable by every role."""
	award = DocType("Red Flag Award")
	rows = (
		frappe.qb.from_(award)
		.select(
			award.class_record,
			award.inspection_item,
			Sum(award.red_flags).as_("flags"),
			Sum(award.weekly_award).as_("weekly"),
			Sum(award.level_flags).as_("from_results"),
			Sum(award.revoked).as_("revoked"),
		)
		.where(award.appraisal_period == period)
		.groupby(award.class_record, award.inspection_item)
	).run(as_dict=True)
	out: dict[str, dict] = defaultdict(lambda: {"items": {}, "weekly": 0, "from_results": ZERO, "revoked": 0})
	for r in rows:
		entry = out[r.class_record]
		entry["items"][r.inspection_item] = D(r.flags)
		entry["weekly"] += cint(r.weekly)
		entry["from_results"] += D(r.from_results)
		entry["revoked"] += cint(r.revoked)
	return out


def flag_criteria(rubric: str | None) -> list[frappe._dict]:
	if not rubric:
		return []
	return frappe.get_all(
		"Appraisal Rubric Criterion",
		filters={"parent": rubric, "parenttype": "Appraisal Rubric", "rule_kind": Kind.FLAG_SHARE},
		fields=["criterion_code", "criterion_title", "max_points", "inspection_item", "compare_within"],
		order_by="idx",
	)


def flags_for(entry, item: str | None) -> Decimal:
	"""A class's flags for one item (or all), never below zero, as the scoring core counts them."""
	if not entry:
		return ZERO
	total = sum((v for k, v in entry["items"].items() if not item or k == item), ZERO)
	return max(total, ZERO)


def normalised(criteria, classes, tally) -> dict[tuple[str, str], Decimal]:
	"""(criterion, class) -> points, with the top taken among the classes compared."""
	out = {}
	for c in criteria:
		levels = {cls.name: cls.grade_level for cls in classes}
		for members in comparison_groups(levels, c.compare_within):
			own = {name: flags_for(tally.get(name), c.inspection_item) for name in members}
			top = max(own.values(), default=ZERO)
			for name, flags in own.items():
				out[(c.criterion_code, name)] = points(flag_share_points(flags, top, D(c.max_points)))
	return out


def field_for(prefix: str, name: str) -> str:
	return f"{prefix}_{frappe.scrub(name)}"


def build_row(cls, entry, items, criteria, shares) -> dict:
	row = {
		"class_record": cls.name,
		"class_name": cls.class_name,
		"grade_level": cls.grade_level,
		"class_teacher": cls.class_teacher,
		"total_flags": number(flags_for(entry, None)),
		"weekly": entry["weekly"] if entry else 0,
		"from_results": number(entry["from_results"]) if entry else 0,
		"revoked": entry["revoked"] if entry else 0,
	}
	for item in items:
		row[field_for("item", item)] = number(entry["items"].get(item)) if entry else 0
	for c in criteria:
		row[field_for("part", c.criterion_code)] = number(shares.get((c.criterion_code, cls.name)))
	return row


def columns(items, criteria) -> list[dict]:
	return [
		column(_("Class"), "class_name", "Data", 110),
		column(_("Grade Level"), "grade_level", "Int", 70, disable_total=1),
		column(_("Class Teacher"), "class_teacher", "Link", 120, options="User"),
		*(column(item, field_for("item", item), "Float", 80, precision=1) for item in items),
		column(_("Total Flags"), "total_flags", "Float", 90, precision=1),
		column(_("Weekly Awards"), "weekly", "Int", 90),
		column(_("From Results"), "from_results", "Float", 90, precision=1),
		column(_("Taken Back"), "revoked", "Int", 80),
		*(
			column(
				_("{0} {1} (full {2})").format(
					c.criterion_code, c.criterion_title or "", number(c.max_points)
				),
				field_for("part", c.criterion_code),
				"Float",
				150,
				disable_total=1,
				precision=2,
			)
			for c in criteria
		),
		column(_("Class Record"), "class_record", "Link", 110, options="Class Record"),
	]


def chart(rows, items) -> dict | None:
	"""Flags per class: the total, and what spot checks took back."""
	if not rows:
		return None
	return {
		"data": {
			"labels": [r["class_name"] for r in rows],
			"datasets": [
				{"name": _("Total Flags"), "values": [r["total_flags"] for r in rows]},
				{"name": _("Taken Back"), "values": [r["revoked"] for r in rows]},
			],
		},
		"type": "bar",
		"colors": ["#e24c4c", "#ffa00a"],
	}


def summary(rows) -> list[dict]:
	if not rows:
		return []
	top = max(rows, key=lambda r: r["total_flags"])
	return [
		{"label": _("Red Flags"), "value": sum(r["total_flags"] for r in rows), "datatype": "Float"},
		{
			"label": _("Most Flags"),
			"value": f"{top['class_name']} ({top['total_flags']:g})",
			"datatype": "Data",
		},
		{"label": _("Taken Back"), "value": sum(r["revoked"] for r in rows), "datatype": "Int"},
	]
