# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

"""One class teacher across periods and years: total, grade, rank and allowance of each
appraisal, the days they were on post (a class that changed teacher has an appraisal for each
teacher's days), the change from the previous period of the same kind, and the trend."""

import frappe
from frappe import _
from frappe.utils import getdate

from class_teacher_appraisal import html_text
from class_teacher_appraisal.names import APPRAISAL
from class_teacher_appraisal.permissions import sees_all
from class_teacher_appraisal.reports import column, number


def execute(filters=None):
	filters = frappe._dict(filters or {})
	teacher = filters.get("class_teacher") or frappe.session.user
	if teacher != frappe.session.user and not sees_all():
		frappe.throw(
			_("You can only see your own appraisal history."),
			title=_("Not Permitted"),
			exc=frappe.PermissionError,
		)
	rows = build_rows(fetch(teacher, filters))
	studio_rows = studio_assessment_rows(teacher, filters)
	return html_text.report(columns(), rows + studio_rows, None, chart(rows), summary(rows))


def fetch(teacher: str, filters) -> list[frappe._dict]:
	conditions = {"class_teacher": teacher, "docstatus": ["<", 2]}
	if filters.get("period_type"):
		conditions["period_type"] = filters.period_type
	appraisals = frappe.get_list(
		APPRAISAL,
		filters=conditions,
		fields=[
			"name",
			"appraisal_period",
			"period_type",
			"class_name",
			"served_from",
			"served_to",
			"days_served",
			"days_in_period",
			"total_score",
			"grade",
			"rank",
			"rank_out_of",
			"rubric",
			"allowance",
			"vetoed",
			"workflow_state",
			"honour",
		],
	)
	periods = {
		p.name: p
		for p in frappe.get_all(
			"Appraisal Period",
			filters={"name": ["in", [a.appraisal_period for a in appraisals] or [""]]},
			fields=["name", "academic_year", "start_date", "end_date"],
		)
	}
	start, end = filters.get("from_date"), filters.get("to_date")
	out = []
	for a in appraisals:
		p = periods.get(a.appraisal_period)
		if not p or (start and p.end_date < getdate(start)) or (end and p.start_date > getdate(end)):
			continue
		out.append(
			frappe._dict(a, academic_year=p.academic_year, start_date=p.start_date, end_date=p.end_date)
		)
	# what an approved grade brought beyond the appraisal (seed 002: no honours or promotion that year)
	consequences: dict[str, list[str]] = {}
	for c in frappe.get_all(
		"Appraisal Consequence",
		filters={"teacher": teacher, "appraisal": ["in", [a.name for a in out] or [""]]},
		fields=["appraisal", "consequence"],
		order_by="creation asc",
	):
		consequences.setdefault(c.appraisal, []).append(c.consequence)
	for a in out:
		a.consequences = "; ".join(consequences.get(a.name, []))
	# a term ends after its months: order by end, the longer period last
	out.sort(key=lambda a: (a.end_date, (a.end_date - a.start_date).days, a.name))
	return out


def studio_assessment_rows(teacher: str, filters) -> list[dict]:
	"""The teacher's annual assessments as a member of a master class-teacher studio (issue 14), with
	what an approved grade brought (优秀: 推荐参评各级优秀班主任); rows of their own, not in the trend."""
	assessments = frappe.get_list(
		"Studio Assessment",
		filters={"member": teacher, "docstatus": ["<", 2]},
		fields=[
			"name", "studio", "appraisal_period", "academic_year", "total_score", "grade", "workflow_state",
			"rubric",
		],
		order_by="appraisal_period asc",
	)  # fmt: skip
	if filters.get("period_type") and filters.period_type != "Year":
		return []
	consequences: dict[str, list[str]] = {}
	for c in frappe.get_all(
		"Appraisal Consequence",
		filters={"teacher": teacher, "studio_assessment": ["in", [a.name for a in assessments] or [""]]},
		fields=["studio_assessment", "consequence"],
		order_by="creation asc",
	):
		consequences.setdefault(c.studio_assessment, []).append(c.consequence)
	return [
		{
			"appraisal_period": a.appraisal_period,
			"period_type": _("Year"),
			"academic_year": a.academic_year,
			"class_name": a.studio,
			"total_score": number(a.total_score),
			"grade": _(a.grade) if a.grade else "",
			"consequences": "; ".join(consequences.get(a.name, [])),
			"status": _(a.workflow_state) if a.workflow_state else "",
			"studio_assessment": a.name,
			"series": ("Studio", a.rubric or ""),
		}
		for a in assessments
	]


def series(a) -> tuple[str, str]:
	"""Totals are comparable within one kind of period scored by one rubric."""
	return (a.period_type, a.rubric or "")


def build_rows(appraisals) -> list[dict]:
	previous: dict[tuple[str, str], float] = {}  # last total of each series
	rows = []
	for a in appraisals:
		total = number(a.total_score)
		before = previous.get(series(a))
		previous[series(a)] = total
		rows.append(
			{
				"appraisal_period": a.appraisal_period,
				"period_type": _(a.period_type) if a.period_type else "",
				"academic_year": a.academic_year,
				"start_date": a.start_date,
				"class_name": a.class_name,
				"served_from": a.served_from,
				"served_to": a.served_to,
				"days_served": a.days_served,
				"total_score": total,
				"change": round(total - before, 2) if before is not None else None,
				"grade": _(a.grade) if a.grade else "",
				"rank": f"{a.rank} / {a.rank_out_of}" if a.rank else "",
				"allowance": number(a.allowance),
				"vetoed": a.vetoed,
				"honour": a.honour or "",
				"consequences": a.consequences,
				"status": _(a.workflow_state) if a.workflow_state else "",
				"appraisal": a.name,
				"series": series(a),
			}
		)
	return rows


def columns() -> list[dict]:
	return [
		column(_("Appraisal Period"), "appraisal_period", "Link", 170, options="Appraisal Period"),
		column(_("Period Type"), "period_type", "Data", 80),
		column(_("Academic Year"), "academic_year", "Data", 100),
		column(_("Start Date"), "start_date", "Date", 100),
		column(_("Class"), "class_name", "Data", 110),
		column(_("On Post From"), "served_from", "Date", 100),
		column(_("On Post To"), "served_to", "Date", 100),
		column(_("Days on Post"), "days_served", "Int", 80, disable_total=1),
		column(_("Total"), "total_score", "Float", 80, disable_total=1, precision=2),
		column(_("Change"), "change", "Float", 80, disable_total=1, precision=2),
		column(_("Grade"), "grade", "Data", 70),
		column(_("Rank"), "rank", "Data", 70),
		column(_("Allowance"), "allowance", "Currency", 100),
		column(_("Vetoed"), "vetoed", "Check", 60),
		column(_("Honour"), "honour", "Data", 100),
		column(_("Consequences"), "consequences", "Data", 220),
		column(_("Status"), "status", "Data", 110),
		column(_("Appraisal"), "appraisal", "Link", 140, options=APPRAISAL),
		column(_("Studio Assessment"), "studio_assessment", "Link", 140, options="Studio Assessment"),
	]


def main_series(rows) -> list[dict]:
	"""The rows of the series with the most periods (usually the monthly appraisals)."""
	counts: dict[tuple, int] = {}
	for r in rows:
		counts[r["series"]] = counts.get(r["series"], 0) + 1
	best = max(counts, key=lambda k: (counts[k], k))
	return [r for r in rows if r["series"] == best]


def trend_line(values: list[float]) -> tuple[float, list[float]]:
	"""Least-squares slope (points per period) and the fitted line."""
	n = len(values)
	if n < 2:
		return 0.0, list(values)
	mean_x, mean_y = (n - 1) / 2, sum(values) / n
	spread = sum((x - mean_x) ** 2 for x in range(n))
	slope = sum((x - mean_x) * (y - mean_y) for x, y in enumerate(values)) / spread
	return round(slope, 2), [round(mean_y + slope * (x - mean_x), 2) for x in range(n)]


def chart(rows) -> dict | None:
	"""The main series' totals and their trend line."""
	if not rows:
		return None
	chosen = main_series(rows)
	totals = [r["total_score"] for r in chosen]
	_slope, fitted = trend_line(totals)
	return {
		"data": {
			"labels": [r["appraisal_period"] for r in chosen],
			"datasets": [
				{"name": _("Total"), "values": totals},
				{"name": _("Trend"), "values": fitted},
			],
		},
		"type": "line",
		"colors": ["#2490ef", "#98d85b"],
		"lineOptions": {"regionFill": 0, "dotSize": 5},
		"axisOptions": {"xIsSeries": 1},
	}


def summary(rows) -> list[dict]:
	if not rows:
		return []
	slope, _fitted = trend_line([r["total_score"] for r in main_series(rows)])
	return [
		{"label": _("Appraisals"), "value": len(rows), "datatype": "Int"},
		{"label": _("Latest Grade"), "value": rows[-1]["grade"], "datatype": "Data"},
		{"label": _("Allowance"), "value": sum(r["allowance"] for r in rows), "datatype": "Currency"},
		{
			"label": _("Trend (points per period)"),
			"value": slope,
			"datatype": "Float",
			"indicator": "Green" if slope > 0 else "Red" if slope < 0 else "Blue",
		},
	]
