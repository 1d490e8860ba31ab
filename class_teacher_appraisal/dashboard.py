"""The numbers and charts of the workspace "Class Teacher Appraisals": appraisals waiting for
the user, this week's red flags, open appeals, and a period's grades and points per part.

Every figure is read through frappe.get_list, so each user counts only what they may see (a
class teacher their own appraisals and appeals). Nothing is cached across users: Frappe's
chart cache (cache_source) keeps one result per chart for everybody."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.model.workflow import get_workflow_name, is_transition_condition_satisfied
from frappe.utils import cint, escape_html, flt, nowdate

from class_teacher_appraisal import compat, html_text
from class_teacher_appraisal.names import APPRAISAL
from class_teacher_appraisal.utils import week_start

# ------------------------------------------------------------------ number cards


@frappe.whitelist()
@frappe.read_only()
def appraisals_waiting_for_me(filters: str | dict | None = None) -> dict:
	"""Appraisals in a workflow state from which one of the user's roles can act (forward,
	approve or return): a draft for the inspector, Pending Office Review for the office, …"""
	frappe.has_permission(APPRAISAL, "read", throw=True)
	open_states = waiting_states()
	count = 0
	plain = [state for state, transitions in open_states.items() if any(not t.condition for t in transitions)]
	if plain:
		count += count_of(APPRAISAL, {"docstatus": 0, "workflow_state": ["in", plain]})
	# States where every action of the user's roles has a condition: only the documents
	# that meet one of them wait for the user.
	for state, transitions in open_states.items():
		if state in plain:
			continue
		for name in frappe.get_list(
			APPRAISAL, filters={"docstatus": 0, "workflow_state": state}, pluck="name"
		):
			doc = frappe.get_doc(APPRAISAL, name)
			if any(is_transition_condition_satisfied(t, doc) for t in transitions):
				count += 1
	return {
		"value": count,
		"fieldtype": "Int",
		"route": ["List", APPRAISAL],
		"route_options": {"workflow_state": ["in", sorted(open_states)]} if open_states else {},
	}


def waiting_states(user: str | None = None) -> dict[str, list]:
	"""The active workflow's not-yet-approved states with the transitions the user's roles may
	take from each (the school may have changed the workflow, so it is read, not assumed)."""
	workflow = get_workflow_name(APPRAISAL)
	if not workflow:
		return {}
	doc = frappe.get_cached_doc("Workflow", workflow)
	drafts = {s.state for s in doc.states if cint(s.doc_status) == 0}
	roles = set(frappe.get_roles(user))
	found: dict[str, list] = defaultdict(list)
	for t in doc.transitions:
		if t.state in drafts and t.allowed in roles:
			found[t.state].append(t)
	return dict(found)


@frappe.whitelist()
@frappe.read_only()
def red_flags_this_week(filters: str | dict | None = None) -> dict:
	"""Red flags published for this week (its Monday, as the weekly award stores it)."""
	frappe.has_permission("Red Flag Award", "read", throw=True)
	monday = week_start(nowdate())
	rows = frappe.get_list(
		"Red Flag Award",
		filters={"week_start": monday},
		fields=[compat.aggregate("sum", "red_flags", "flags")],
		order_by=None,
	)
	flags = flt(rows[0].flags, 1) if rows else 0
	return {
		"value": flags,
		"fieldtype": "Int" if flags == int(flags) else "Float",
		"precision": 1,
		"route": ["List", "Red Flag Award"],
		"route_options": {"week_start": str(monday)},
	}


@frappe.whitelist()
@frappe.read_only()
def open_appeals(filters: str | dict | None = None) -> dict:
	"""Appeals the office has not decided yet."""
	frappe.has_permission("Appraisal Appeal", "read", throw=True)
	return {
		"value": count_of("Appraisal Appeal", {"status": "Open"}),
		"fieldtype": "Int",
		"route": ["List", "Appraisal Appeal"],
		"route_options": {"status": "Open"},
	}


def count_of(doctype: str, filters: dict) -> int:
	rows = frappe.get_list(
		doctype, filters=filters, fields=[compat.aggregate("count", "name", "n")], order_by=None
	)
	return cint(rows[0].n) if rows else 0


# ------------------------------------------------------------------ chart sources


def chart_period(filters: str | dict | None) -> str | None:
	"""The period a chart shows: the one in its filters, else the latest (by end, then start
	date) that has appraisals the user can see."""
	try:
		filters = frappe.parse_json(filters) or {}
	except ValueError:  # Frappe 16 parses with orjson, which refuses what is not strict JSON
		filters = None
	if not isinstance(filters, dict):
		frappe.throw(_("The chart's filters must be an object of field names and values."))
	if period := filters.get("appraisal_period"):
		if not frappe.db.exists("Appraisal Period", period):
			# the Desk shows the message as HTML, and the filter is whatever the caller sent
			frappe.throw(
				_("Appraisal period {0} does not exist.").format(escape_html(period)),
				frappe.DoesNotExistError,
			)
		return period
	periods = frappe.get_list(
		APPRAISAL,
		filters={"docstatus": ["<", 2]},
		fields=["appraisal_period"],
		group_by="appraisal_period",
		order_by=None,
		pluck="appraisal_period",
	)
	if not periods:
		return None
	latest = frappe.get_all(
		"Appraisal Period",
		filters={"name": ["in", periods]},
		order_by="end_date desc, start_date desc, creation desc",
		limit=1,
		pluck="name",
	)
	return latest[0] if latest else None


def period_appraisals(period: str, fields: list[str]) -> list[dict]:
	return frappe.get_list(
		APPRAISAL, filters={"appraisal_period": period, "docstatus": ["<", 2]}, fields=fields, order_by=None
	)


def grade_distribution(filters: str | dict | None = None) -> dict:
	"""How many of the period's appraisals have each grade, in the rubric's order (best first)."""
	frappe.has_permission(APPRAISAL, "read", throw=True)
	period = chart_period(filters)
	if not period:
		return {"labels": [], "datasets": [{"name": _("Appraisals"), "values": []}]}
	counts: dict[str, int] = defaultdict(int)
	for row in period_appraisals(period, ["grade"]):
		counts[row.grade or ""] += 1
	rubric = frappe.db.get_value("Appraisal Period", period, "rubric")
	grades = frappe.get_all(
		"Appraisal Grade Band",
		filters={"parent": rubric, "parenttype": "Appraisal Rubric"},
		order_by="min_score desc",
		pluck="grade",
	)
	grades += sorted(g for g in counts if g and g not in grades)
	labels = [*grades, *([_("No Grade")] if counts.get("") else [])]
	values = [counts.get(g, 0) for g in grades] + ([counts[""]] if counts.get("") else [])
	# grades and part titles are typed by the school; the chart writes its labels as HTML
	return html_text.chart(
		{"labels": labels, "datasets": [{"name": _("Appraisals in {0}").format(period), "values": values}]}
	)


def points_by_part(filters: str | dict | None = None) -> dict:
	"""The period's average points in each part (section) of the rubric, beside its maximum."""
	frappe.has_permission(APPRAISAL, "read", throw=True)
	period = chart_period(filters)
	names = [r.name for r in period_appraisals(period, ["name"])] if period else []
	if not names:
		return {"labels": [], "datasets": [{"name": _("Average Points"), "values": []}]}
	parts: dict[tuple[str, str], dict] = {}
	for row in frappe.get_all(
		"Class Teacher Appraisal Section",
		filters={"parent": ["in", names], "parenttype": APPRAISAL, "parentfield": "sections"},
		fields=["section_code", "section_title", "points", "max_points", "idx"],
		order_by="idx asc",
	):
		part = parts.setdefault(
			(row.section_code, row.section_title), {"idx": row.idx, "points": [], "max": 0.0}
		)
		part["points"].append(flt(row.points))
		part["max"] = max(part["max"], flt(row.max_points))
	ordered = sorted(parts.items(), key=lambda item: item[1]["idx"])
	return html_text.chart(
		{
			# titles alone: the chart cuts long labels, and 一 … 六 say little
			"labels": [title or code for (code, title), _part in ordered],
			"datasets": [
				{
					"name": _("Average Points in {0}").format(period),
					"values": [flt(sum(p["points"]) / len(p["points"]), 2) for _key, p in ordered],
				},
				{"name": _("Maximum"), "values": [p["max"] for _key, p in ordered]},
			],
		}
	)
