# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

"""考核排名: every class of one period with its part subtotals, total, grade, rank, veto or
exclusion, allowance, and the top N eligible for honours (e.g. 十佳)."""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import cint, getdate

from class_teacher_appraisal import html_text
from class_teacher_appraisal.names import APPRAISAL
from class_teacher_appraisal.reports import column, number, require_period
from class_teacher_appraisal.scoring.engine import competition_ranks
from class_teacher_appraisal.utils import grade_name

DEFAULT_HONOURS = 10


def execute(filters=None):
	filters = frappe._dict(filters or {})
	if not filters.get("appraisal_period") and filters.get("period_type"):
		# A scheduled email (Auto Email Report) names a kind of period: the latest that has ended.
		filters.appraisal_period = latest_ended_period(filters.period_type)
		if not filters.appraisal_period:
			return [], []
	period = require_period(filters)
	appraisals = fetch_appraisals(period.name, filters.get("grade_level"))
	sections = fetch_sections([a.name for a in appraisals])
	parts = part_columns(period.rubric, sections)
	honour = honour_of(period.rubric, cint(filters.get("honours_count") or DEFAULT_HONOURS))
	rows = build_rows(appraisals, sections, honour)
	totals = summary(rows, honour)  # the honour's places, before recommendations join the column
	add_recommendations(rows, period)
	return html_text.report(columns(parts), rows, None, chart(rows), totals)


def latest_ended_period(period_type: str) -> str | None:
	return frappe.db.get_value(
		"Appraisal Period",
		{"period_type": period_type, "end_date": ["<=", getdate()]},
		"name",
		order_by="end_date desc, start_date desc",
	)


def honour_of(rubric: str | None, top_n: int) -> frappe._dict:
	"""The rubric's honour (e.g. 十佳班主任), as the appraisals hold it (standings.py: vetoes,
	exclusions and a year's 不合格 bar it); without one, the filter's top N as a preview."""
	title = frappe.db.get_value("Appraisal Rubric", rubric, "honour_title") if rubric else None
	if title:
		return frappe._dict(title=title, stored=True)
	return frappe._dict(title=_("Top {0}").format(top_n), places=top_n, stored=False)


def fetch_appraisals(period: str, grade_level=None) -> list[frappe._dict]:
	# get_list: a class teacher sees their own row only (permission query conditions apply).
	filters = {"appraisal_period": period, "docstatus": ["<", 2]}
	if grade_level:
		filters["grade_level"] = cint(grade_level)
	return frappe.get_list(
		APPRAISAL,
		filters=filters,
		fields=[
			"name",
			"class_record",
			"class_name",
			"class_teacher",
			"teacher_name",
			"served_from",
			"served_to",
			"days_served",
			"days_in_period",
			"grade_level",
			"total_score",
			"grade",
			"rank",
			"rank_out_of",
			"vetoed",
			"veto_reason",
			"excluded_from_honours",
			"exclusion_reason",
			"allowance",
			"red_flags",
			"workflow_state",
			"honour",
		],
		order_by="total_score desc, class_name asc",
	)


def fetch_sections(names: list[str]) -> dict[str, dict[str, float]]:
	"""Part subtotals of the given (already permitted) appraisals, in one query."""
	if not names:
		return {}
	s = DocType("Class Teacher Appraisal Section")
	rows = (
		frappe.qb.from_(s)
		.select(s.parent, s.section_code, s.points)
		.where((s.parenttype == APPRAISAL) & (s.parentfield == "sections") & s.parent.isin(names))
	).run(as_dict=True)
	out: dict[str, dict[str, float]] = {}
	for r in rows:
		out.setdefault(r.parent, {})[r.section_code] = number(r.points)
	return out


def part_columns(rubric: str | None, sections: dict) -> list[tuple[str, str]]:
	"""(code, title) of each part, in the rubric's order."""
	parts = []
	if rubric:
		parts = frappe.get_all(
			"Appraisal Rubric Section",
			filters={"parent": rubric, "parenttype": "Appraisal Rubric"},
			fields=["section_code", "section_title"],
			order_by="idx",
		)
	known = [(p.section_code, p.section_title) for p in parts]
	seen = {code for code, _title in known}
	extra = sorted({code for per in sections.values() for code in per} - seen)
	return known + [(code, code) for code in extra]


def part_field(code: str) -> str:
	return "part_" + frappe.scrub(code)


def honour_ranks(appraisals: list[frappe._dict]) -> dict[str, int]:
	"""Positions among the classes that may receive honours (no veto, not excluded)."""
	eligible = {
		a.name: a.total_score or 0 for a in appraisals if not a.vetoed and not a.excluded_from_honours
	}
	return competition_ranks(eligible)


def build_rows(appraisals, sections, honour) -> list[dict]:
	places = {} if honour.stored else honour_ranks(appraisals)
	rows = []
	for a in appraisals:
		row = {
			"rank": a.rank,
			"appraisal": a.name,
			"class_record": a.class_record,
			"class_name": a.class_name,
			"class_teacher": a.class_teacher,
			"teacher_name": a.teacher_name or a.class_teacher,
			"on_post": on_post(a),
			"grade_level": a.grade_level,
			"grade_name": grade_name(a.grade_level),
			"total_score": number(a.total_score),
			"grade": _(a.grade) if a.grade else "",
			"red_flags": number(a.red_flags),
			"allowance": number(a.allowance),
			"status": _(a.workflow_state) if a.workflow_state else "",
			"remark": remark(a),
			"honour": (a.honour or "")
			if honour.stored
			else (honour.title if places.get(a.name, honour.places + 1) <= honour.places else ""),
		}
		for code, points in sections.get(a.name, {}).items():
			row[part_field(code)] = points
		rows.append(row)
	return rows


def add_recommendations(rows: list[dict], period) -> None:
	"""A teacher recommended for honours in the period's school year (a studio's annual assessment:
	优秀 → 推荐参评各级优秀班主任) shows it in the honours column."""
	academic_year = frappe.db.get_value("Appraisal Period", period.name, "academic_year")
	teachers = {r["class_teacher"] for r in rows if r.get("class_teacher")}
	if not academic_year or not teachers:
		return
	recommended: dict[str, list[str]] = {}
	for c in frappe.get_all(
		"Appraisal Consequence",
		filters={"recommendation": 1, "academic_year": academic_year, "teacher": ["in", list(teachers)]},
		fields=["teacher", "consequence", "studio"],
		order_by="creation asc",
	):
		recommended.setdefault(c.teacher, []).append(
			_("Recommended: {0} ({1})").format(c.consequence, c.studio) if c.studio else c.consequence
		)
	for r in rows:
		extra = recommended.get(r.get("class_teacher"))
		if extra:
			r["honour"] = "; ".join([r["honour"], *extra] if r.get("honour") else extra)


def on_post(a) -> str:
	"""The days of a teacher who served part of the period (the class changed teacher), else empty."""
	if not a.days_in_period or a.days_served >= a.days_in_period:
		return ""
	return f"{a.served_from} – {a.served_to} ({a.days_served}/{a.days_in_period})"


def remark(a) -> str:
	if a.vetoed:
		return _("Vetoed: {0}").format(a.veto_reason or "")
	if a.excluded_from_honours:
		return _("No honours: {0}").format(a.exclusion_reason or "")
	return ""


def columns(parts: list[tuple[str, str]]) -> list[dict]:
	return [
		column(_("Rank"), "rank", "Int", 60, disable_total=1),
		column(_("Class"), "class_name", "Data", 120),
		column(_("Class Teacher"), "teacher_name", "Data", 130),
		column(_("On Post"), "on_post", "Data", 170),
		column(_("Grade Level"), "grade_name", "Data", 80),
		*(
			column(f"{code} {title}".strip(), part_field(code), "Float", 110, precision=2)
			for code, title in parts
		),
		column(_("Total"), "total_score", "Float", 80, precision=2),
		column(_("Grade"), "grade", "Data", 70),
		column(_("Honours"), "honour", "Data", 80),
		column(_("Red Flags"), "red_flags", "Float", 80, precision=1),
		column(_("Allowance"), "allowance", "Currency", 100),
		column(_("Veto / Exclusion"), "remark", "Data", 200),
		column(_("Status"), "status", "Data", 110),
		column(_("Appraisal"), "appraisal", "Link", 140, options=APPRAISAL),
		column(_("Class Record"), "class_record", "Link", 120, options="Class Record"),
	]


def chart(rows: list[dict]) -> dict | None:
	if not rows:
		return None
	return {
		"data": {
			"labels": [r["class_name"] for r in rows],
			"datasets": [{"name": _("Total"), "values": [r["total_score"] for r in rows]}],
		},
		"type": "bar",
		"colors": ["#2490ef"],
		"fieldtype": "Float",
	}


def summary(rows: list[dict], honour) -> list[dict]:
	if not rows:
		return []
	totals = [r["total_score"] for r in rows]
	grades: dict[str, int] = {}
	for r in rows:
		grades[r["grade"] or _("Not graded")] = grades.get(r["grade"] or _("Not graded"), 0) + 1
	cards = [
		{"label": _("Number of Classes"), "value": len(rows), "datatype": "Int"},
		{"label": _("Average Total"), "value": round(sum(totals) / len(totals), 2), "datatype": "Float"},
		{
			"label": _("Allowance This Period"),
			"value": sum(r["allowance"] for r in rows),
			"datatype": "Currency",
		},
		{
			"label": honour.title,
			"value": sum(1 for r in rows if r["honour"]),
			"datatype": "Int",
			"indicator": "Green",
		},
	]
	cards += [
		{"label": grade, "value": n, "datatype": "Int", "indicator": "Blue"}
		for grade, n in sorted(grades.items())
	]
	return cards
