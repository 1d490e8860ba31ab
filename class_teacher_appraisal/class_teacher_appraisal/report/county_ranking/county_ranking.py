# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

"""县级排名 (S7): a county term's appraisals ranked county-wide and within each school, by class,
by class teacher, or by school. A county term is every school's period of the same type and dates
(county/terms.py); the ranking itself is the scoring core's (scoring/county.py). The bureau's and
the System Manager's report: a school's office ranks its own school with *Appraisal Ranking*."""

from collections import Counter

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import cint

from class_teacher_appraisal import html_text
from class_teacher_appraisal.county import schools, terms
from class_teacher_appraisal.names import APPRAISAL
from class_teacher_appraisal.reports import column, number
from class_teacher_appraisal.scoring import D
from class_teacher_appraisal.scoring.county import CLASSES, SCHOOLS, TEACHERS, TermAppraisal, standings
from class_teacher_appraisal.utils import grade_name

VIEWS = (CLASSES, TEACHERS, SCHOOLS)


def execute(filters=None):
	filters = frappe._dict(filters or {})
	terms.require_county_role()
	view = filters.get("rank_by") or CLASSES
	if view not in VIEWS:
		frappe.throw(_("Rank by Classes, Class Teachers or Schools."), title=_("Invalid Filter"))
	periods = terms.term_periods(filters.get("appraisal_period"))
	approved_only = not cint(filters.get("include_unapproved"))  # a Check left empty is not sent
	rows = fetch(periods, approved_only, cint(filters.get("grade_level")))
	term = [to_term(r) for r in rows]
	ranked = standings(term, view)
	by_name = {r.name: r for r in rows}
	out = [build_row(view, s, by_name) for s in ranked]
	if filters.get("school"):
		out = [r for r in out if r["school"] == filters.school]  # ranks stay the county's
	return html_text.report(columns(view), out, None, chart(view, out), summary(periods, rows, out, view))


def fetch(periods: list[frappe._dict], approved_only: bool, grade_level: int = 0) -> list[frappe._dict]:
	"""The term's appraisals in one query: approved ones (or every one not cancelled)."""
	if not periods:
		return []
	a = DocType(APPRAISAL)
	query = (
		frappe.qb.from_(a)
		.select(
			a.name,
			a.appraisal_period,
			a.school,
			a.class_record,
			a.class_name,
			a.grade_level,
			a.class_teacher,
			a.teacher_name,
			a.days_served,
			a.total_score,
			a.grade,
			a.workflow_state,
			a.docstatus,
			a.red_flags,
		)
		.where(a.appraisal_period.isin([p.name for p in periods]))
		.where(a.docstatus == 1 if approved_only else a.docstatus < 2)
	)
	if grade_level:
		query = query.where(a.grade_level == grade_level)
	allowed = schools.user_schools(doctype=APPRAISAL)
	rows = query.run(as_dict=True)
	if allowed is not None:  # a System Manager kept to some schools ranks those
		rows = [r for r in rows if schools.allowed(r.school, doctype=APPRAISAL)]
	return rows


def to_term(r) -> TermAppraisal:
	return TermAppraisal(
		name=r.name,
		school=r.school or "",
		class_id=r.class_record,
		total=D(r.total_score),
		days=r.days_served or 0,
		teacher=r.class_teacher or "",
	)


def build_row(view: str, s, by_name: dict) -> dict:
	found = [by_name[a.name] for a in s.appraisals]
	grades = Counter(_(r.grade) for r in found if r.grade)
	row = {
		"county_rank": s.county_rank,
		"school_rank": s.school_rank if view != SCHOOLS else None,
		"school": s.school or None,
		"total_score": number(s.total),
		"appraisals": len(found),
		"grade": " / ".join(grades) if view != SCHOOLS else "",
		"red_flags": number(sum(number(r.red_flags) for r in found)),
	}
	if view == CLASSES:
		first = found[0]
		row.update(
			class_record=s.key,
			class_name=first.class_name,
			grade_name=grade_name(first.grade_level),
			teacher_name=", ".join(dict.fromkeys(r.teacher_name or r.class_teacher or "" for r in found)),
		)
	elif view == TEACHERS:
		row.update(
			class_teacher=s.key,
			teacher_name=found[0].teacher_name or s.key,
			class_name=", ".join(dict.fromkeys(r.class_name for r in found)),
			grade_name=", ".join(dict.fromkeys(grade_name(r.grade_level) for r in found)),
		)
	else:
		row.update(
			classes=len({r.class_record for r in found}),
			grade=", ".join(f"{g} {n}" for g, n in sorted(grades.items())),
		)
	return row


def columns(view: str) -> list[dict]:
	rank = [column(_("County Rank"), "county_rank", "Int", 90, disable_total=1)]
	if view != SCHOOLS:
		rank.append(column(_("Rank in School"), "school_rank", "Int", 100, disable_total=1))
	school = [
		column(_("School", context="County Ranking"), "school", "Link", 160, options="Appraisal School")
	]
	if view == CLASSES:
		who = [
			column(_("Class"), "class_name", "Data", 120),
			column(_("Grade Level"), "grade_name", "Data", 80),
			column(_("Class Teacher"), "teacher_name", "Data", 140),
		]
	elif view == TEACHERS:
		who = [
			column(_("Class Teacher"), "teacher_name", "Data", 140),
			column(_("Class"), "class_name", "Data", 140),
			column(_("Grade Level"), "grade_name", "Data", 80),
		]
	else:
		who = [column(_("Classes"), "classes", "Int", 80)]
	tail = [
		column(_("Total"), "total_score", "Float", 80, precision=2),
		column(
			_("Grade") if view != SCHOOLS else _("Grade Counts"),
			"grade",
			"Data",
			160 if view == SCHOOLS else 90,
		),
		column(_("Red Flags"), "red_flags", "Float", 80, precision=1),
		column(_("Appraisals"), "appraisals", "Int", 90),
	]
	if view == CLASSES:
		tail.append(column(_("Class Record"), "class_record", "Link", 160, options="Class Record"))
	if view == TEACHERS:
		tail.append(column(_("User"), "class_teacher", "Link", 160, options="User"))
	return rank + school + who + tail


def chart(view: str, rows: list[dict]) -> dict | None:
	"""The schools' averages (by school), else the first 30 places."""
	if not rows:
		return None
	shown = rows if view == SCHOOLS else rows[:30]
	label = {CLASSES: "class_name", TEACHERS: "teacher_name", SCHOOLS: "school"}[view]
	return {
		"data": {
			"labels": [
				r[label] if view == SCHOOLS else f"{r[label]} · {r['school'] or ''}".strip(" ·")
				for r in shown
			],
			"datasets": [{"name": _("Total"), "values": [r["total_score"] for r in shown]}],
		},
		"type": "bar",
		"colors": ["#2490ef"],
		"fieldtype": "Float",
	}


def summary(periods, appraisals, rows, view) -> list[dict]:
	if not periods:
		return []
	ranked_schools = {r.school for r in appraisals}
	cards = [
		{"label": _("Schools in the Term"), "value": len(periods), "datatype": "Int"},
		{
			"label": _("Schools Without Appraisals"),
			"value": len({p.school for p in periods} - ranked_schools),
			"datatype": "Int",
			"indicator": "Orange",
		},
		{"label": _("Classes Ranked"), "value": len({r.class_record for r in appraisals}), "datatype": "Int"},
	]
	if rows:
		totals = [r["total_score"] for r in rows]
		cards.append(
			{"label": _("Average Total"), "value": round(sum(totals) / len(totals), 2), "datatype": "Float"}
		)
	return cards
