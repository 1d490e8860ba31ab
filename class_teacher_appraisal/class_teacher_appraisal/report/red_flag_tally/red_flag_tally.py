# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

"""流动红旗统计: a period's red flags per class and inspection item, and each flag part of the
rubric normalised the seeds' way (top class full marks, the others full × own ÷ top), compared
across the school or within the grade level as the rubric says. The flags and the parts are the
scoring core's (award_weekly_flags, flag_total, flag_breakdown, flag_shares) over the evidence
the engine reads, among the classes the period contests, so they are the appraisals' own."""

from decimal import Decimal

import frappe
from frappe import _
from frappe.utils import cint

from class_teacher_appraisal import adapters, html_text
from class_teacher_appraisal.reports import (
	awarded_flags,
	column,
	contested_classes,
	number,
	require_period,
	rubric_of,
)
from class_teacher_appraisal.scoring import Criterion, Kind
from class_teacher_appraisal.scoring.amounts import ZERO, D, points
from class_teacher_appraisal.scoring.flags import flag_breakdown, flag_shares, flag_total, is_published
from class_teacher_appraisal.utils import full_names, grade_name


def execute(filters=None):
	filters = frappe._dict(filters or {})
	period = require_period(filters)
	rubric = rubric_of(period)
	classes = fetch_classes(period)
	inspection_items = adapters.load_items()
	_evidence, flags = awarded_flags(period, rubric, classes, inspection_items)
	items = flag_items(flags, inspection_items)
	criteria = [c for c in rubric.criteria if c.kind == Kind.FLAG_SHARE] if rubric else []
	shares = normalised(criteria, classes, flags)
	grade_level = cint(filters.get("grade_level"))
	rows = [
		build_row(c, flags.get(c.name, {}), items, criteria, shares)
		for c in classes
		if not grade_level or c.grade_level == grade_level
	]
	rows.sort(key=lambda r: (-r["total_flags"], r["class_name"]))
	return html_text.report(columns(items, criteria), rows, None, chart(rows, items), summary(rows))


def fetch_classes(period) -> list[frappe._dict]:
	"""The classes the period contests (its academic year's, and any appraised in it), with their
	class teachers. Red flags are the school's public bulletin: every role sees every class."""
	classes = contested_classes(period)
	teachers = dict(
		frappe.get_all(
			"Class Record",
			filters={"name": ["in", [c.name for c in classes] or [""]]},
			fields=["name", "class_teacher"],
			as_list=True,
		)
	)
	names = full_names(teachers.values())
	for c in classes:
		c.class_teacher = teachers.get(c.name)
		c.teacher_name = names.get(c.class_teacher, "")
	return sorted(classes, key=lambda c: (c.grade_level or 0, c.class_name or "", c.name))


def flag_items(flags, inspection_items) -> list[str]:
	"""The items with published red flags in the period (those a Red Flag Award is written for)."""
	return sorted(
		{
			item
			for weeks in flags.values()
			for (item, _week), fw in weeks.items()
			if is_published(fw, inspection_items[item])
		}
	)


def normalised(criteria: list[Criterion], classes, flags) -> dict[tuple[str, str], Decimal]:
	"""(criterion, class) -> the part's points as the appraisal's line has them."""
	levels = {c.name: cint(c.grade_level) for c in classes}
	out = {}
	for c in criteria:
		# among the classes the criterion applies to, each with its grade's maximum (criteria_for)
		applies = {k: g for k, g in levels.items() if not c.grade_levels or g in c.grade_levels}
		full = {k: c.grade_max.get(g, c.max_points) for k, g in applies.items()}
		for maximum in set(full.values()):
			shares = flag_shares(flags, applies, c.inspection_item, c.compare_within, maximum)
			for name in (k for k, f in full.items() if f == maximum):
				out[(c.code, name)] = points(shares[name][2])
	return out


def field_for(prefix: str, name: str) -> str:
	return f"{prefix}_{frappe.scrub(name)}"


def build_row(cls, weeks, items, criteria, shares) -> dict:
	counts = flag_breakdown(weeks)
	row = {
		"class_record": cls.name,
		"class_name": cls.class_name,
		"grade_level": cls.grade_level,
		"grade_name": grade_name(cls.grade_level),
		"class_teacher": cls.class_teacher,
		"teacher_name": cls.teacher_name,
		"total_flags": number(flag_total(weeks)),
		"weekly": counts["weekly_awards"],
		"from_results": number(D(counts["level_flags"])),
		"revoked": counts["revoked"],
	}
	for item in items:
		row[field_for("item", item)] = number(D(counts["per_item"].get(item)))
	for c in criteria:
		row[field_for("part", c.code)] = number(shares.get((c.code, cls.name)))
	return row


def columns(items, criteria) -> list[dict]:
	return [
		column(_("Class"), "class_name", "Data", 110),
		column(_("Grade Level"), "grade_name", "Data", 80),
		column(_("Class Teacher"), "teacher_name", "Data", 120),
		*(column(item, field_for("item", item), "Float", 80, precision=1) for item in items),
		column(_("Total Flags"), "total_flags", "Float", 90, precision=1),
		column(_("Weekly Awards"), "weekly", "Int", 90),
		column(_("From Results"), "from_results", "Float", 90, precision=1),
		column(_("Taken Back"), "revoked", "Int", 80),
		*(
			column(
				_("{0} {1} (full {2})").format(c.code, c.title or "", number(c.max_points)),
				field_for("part", c.code),
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
		{
			"label": _("Red Flags"),
			"value": number(sum((D(r["total_flags"]) for r in rows), ZERO)),
			"datatype": "Float",
		},
		{
			"label": _("Most Flags"),
			"value": f"{top['class_name']} ({top['total_flags']:g})",
			"datatype": "Data",
		},
		{"label": _("Taken Back"), "value": sum(r["revoked"] for r in rows), "datatype": "Int"},
	]
