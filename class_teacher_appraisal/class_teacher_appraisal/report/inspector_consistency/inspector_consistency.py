# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

"""值周检查员评分一致性: how each duty inspector's results on an item compare with the other
inspectors' over a range of days, on the same classes and weeks (consistency.compare), with how
often the inspections behind appealed lines were appealed and overturned. For the office and the
principal only: the inspectors and the class teachers they inspect are refused, here as well as
by the report's roles. Two set-based reads (the inspections, the appealed lines); the comparison
is plain Python."""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Coalesce, NullIf
from frappe.utils import cint, flt, getdate

from class_teacher_appraisal import adapters, html_text
from class_teacher_appraisal.consistency import (
	IN_LINE,
	LENIENT,
	SEVERE,
	TOO_FEW,
	AppealedLine,
	Check,
	compare,
	line_items,
)
from class_teacher_appraisal.names import APPEAL, APPRAISAL, INSPECTION, ITEM, PERIOD
from class_teacher_appraisal.permissions import INSPECTOR_REVIEWERS, sees_all
from class_teacher_appraisal.reports import column, number, restrict_to_visible
from class_teacher_appraisal.scoring.amounts import D
from class_teacher_appraisal.utils import full_names

MAX_DAYS = 800  # two school years: a longer range is a typing error


def execute(filters=None):
	filters = frappe._dict(filters or {})
	check_may_compare()
	start, end = date_range(filters)
	item = filters.get("inspection_item")
	if item and not frappe.db.exists(ITEM, item):
		frappe.throw(_("Inspection item {0} does not exist.").format(html_text.text(item)))
	threshold = flt(filters.get("threshold") if filters.get("threshold") not in (None, "") else 1)
	if threshold < 0:
		frappe.throw(_("The threshold cannot be negative."), title=_("Invalid Filter"))
	min_compared = cint(filters.get("min_compared") if filters.get("min_compared") not in (None, "") else 3)
	checks = fetch_checks(start, end, item)
	results = compare(checks, fetch_appealed_lines(start, end), D(str(threshold)), max(min_compared, 1))
	names = full_names({r.inspector for r in results})
	rows = [build_row(r, names) for r in results]
	return html_text.report(columns(), rows, None, chart(rows), summary(rows, threshold))


def check_may_compare():
	if not sees_all(roles=INSPECTOR_REVIEWERS):
		frappe.throw(
			_("Only the office and the principal compare how the inspectors score."),
			exc=frappe.PermissionError,
			title=_("Not Permitted"),
		)


def date_range(filters):
	if not filters.get("from_date") or not filters.get("to_date"):
		frappe.throw(_("Choose the first and the last day."), title=_("Missing Filter"))
	try:
		start, end = getdate(filters.from_date), getdate(filters.to_date)
	except (ValueError, TypeError, OverflowError):
		frappe.throw(_("Choose the first and the last day as dates."), title=_("Invalid Filter"))
	if end < start:
		frappe.throw(_("The end of the range is before its start."), title=_("Invalid Filter"))
	if (end - start).days > MAX_DAYS:
		frappe.throw(_("Choose at most {0} days.").format(MAX_DAYS), title=_("Invalid Filter"))
	return start, end


def fetch_checks(start, end, item=None) -> list[Check]:
	"""The submitted regular inspections of the range (spot checks record no comparable result)."""
	ins = DocType(INSPECTION)
	query = (
		frappe.qb.from_(ins)
		.select(
			ins.name,
			Coalesce(NullIf(ins.inspector, ""), ins.owner).as_("inspector"),
			ins.inspection_item,
			ins.class_record,
			ins.inspection_date,
			ins.week_start,
			ins.score,
			ins.deduction,
		)
		.where((ins.docstatus == 1) & (ins.is_spot_check == 0) & ins.inspection_date[start:end])
	)
	if item:
		query = query.where(ins.inspection_item == item)
	query = restrict_to_visible(query, ins.class_record)  # a county site: the user's school's classes
	return [
		Check(
			name=r.name,
			inspector=r.inspector,
			item=r.inspection_item,
			class_record=r.class_record,
			day=getdate(r.inspection_date),
			week=getdate(r.week_start),
			score=D(r.score),
			deduction=D(r.deduction),
		)
		for r in query.run(as_dict=True)
	]


def fetch_appealed_lines(start, end) -> list[AppealedLine]:
	"""Every appealed line of an appraisal whose days meet the range, with the appeal's status and
	the line's evidence (which items its points come from)."""
	appeal, appeal_line = DocType(APPEAL), DocType("Appraisal Appeal Line")
	appraisal, period, line = DocType(APPRAISAL), DocType(PERIOD), DocType("Class Teacher Appraisal Line")
	first = Coalesce(appraisal.served_from, period.start_date)
	last = Coalesce(appraisal.served_to, period.end_date)
	query = (
		frappe.qb.from_(appeal)
		.join(appeal_line)
		.on((appeal_line.parent == appeal.name) & (appeal_line.parenttype == APPEAL))
		.join(appraisal)
		.on(appraisal.name == appeal.appraisal)
		.join(period)
		.on(period.name == appraisal.appraisal_period)
		.join(line)
		.on(
			(line.parent == appraisal.name)
			& (line.parenttype == APPRAISAL)
			& (line.criterion_code == appeal_line.criterion_code)
		)
		.select(
			appeal.name,
			appeal.status,
			appraisal.class_record,
			first.as_("start"),
			last.as_("end"),
			line.evidence,
		)
		.where((first <= end) & (last >= start))
	)
	rows = restrict_to_visible(query, appraisal.class_record).run(as_dict=True)  # the user's school's
	out = []
	for r in rows:
		items = line_items(adapters.load_json(r.evidence))
		if items:
			out.append(
				AppealedLine(
					appeal=r.name,
					status=r.status,
					class_record=r.class_record,
					items=items,
					start=getdate(r.start),
					end=getdate(r.end),
				)
			)
	return out


def labels() -> dict[str, str]:
	return {
		LENIENT: _("Lenient"),
		SEVERE: _("Severe"),
		IN_LINE: _("In Line"),
		TOO_FEW: _("Too Few to Compare"),
	}


def optional(value):
	return None if value is None else number(value)


def build_row(r, names) -> dict:
	return {
		"inspector": r.inspector,
		"inspector_name": names.get(r.inspector, r.inspector),
		"inspection_item": r.item,
		"inspections": r.inspections,
		"mean_score": number(r.mean_score),
		"mean_deduction": number(r.mean_deduction),
		"mean_net": number(r.mean_net),
		"others_mean_net": optional(r.others_mean_net),
		"compared": r.compared,
		"mean_difference": optional(r.mean_difference),
		"label": labels()[r.label],
		"label_code": r.label,
		"appealed": r.appealed,
		"appealed_percent": round(100 * r.appealed / r.inspections, 1) if r.inspections else 0,
		"overturned": r.overturned,
		"overturned_percent": round(100 * r.overturned / r.appealed, 1) if r.appealed else 0,
	}


def columns() -> list[dict]:
	return [
		column(_("Inspector"), "inspector_name", "Data", 110),
		column(_("Inspection Item"), "inspection_item", "Link", 110, options=ITEM),
		column(_("Inspections"), "inspections", "Int", 90),
		column(_("Mean Score"), "mean_score", "Float", 90, precision=2),
		column(_("Mean Deduction"), "mean_deduction", "Float", 100, precision=2),
		column(_("Mean Net Result"), "mean_net", "Float", 110, precision=2),
		column(_("Other Inspectors' Mean (Item)"), "others_mean_net", "Float", 150, precision=2),
		column(_("Compared (Same Class and Week)"), "compared", "Int", 150),
		column(_("Mean Difference to the Others"), "mean_difference", "Float", 150, precision=2),
		column(_("Scoring"), "label", "Data", 120),
		column(_("Appealed"), "appealed", "Int", 80),
		column(_("Appealed %"), "appealed_percent", "Percent", 90),
		column(_("Overturned on Appeal"), "overturned", "Int", 120),
		column(_("Overturned % of Appealed"), "overturned_percent", "Percent", 140),
		column(_("User"), "inspector", "Link", 160, options="User"),
	]


def chart(rows) -> dict | None:
	compared = [r for r in rows if r["mean_difference"] is not None and r["label_code"] != TOO_FEW]
	if not compared:
		return None
	return {
		"data": {
			"labels": [f"{r['inspector_name']} · {r['inspection_item']}" for r in compared],
			"datasets": [
				{
					"name": _("Mean Difference to the Others"),
					"values": [r["mean_difference"] for r in compared],
				}
			],
		},
		"type": "bar",
		"colors": ["#5e64ff"],
	}


def summary(rows, threshold) -> list[dict]:
	def count(code):
		return sum(1 for r in rows if r["label_code"] == code)

	return [
		{"label": _("Lenient"), "value": count(LENIENT), "datatype": "Int", "indicator": "Orange"},
		{"label": _("Severe"), "value": count(SEVERE), "datatype": "Int", "indicator": "Red"},
		{"label": _("In Line"), "value": count(IN_LINE), "datatype": "Int", "indicator": "Green"},
		{"label": _("Threshold (Points)"), "value": threshold, "datatype": "Float"},
	]
