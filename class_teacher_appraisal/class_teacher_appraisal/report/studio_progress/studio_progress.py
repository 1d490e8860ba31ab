# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

"""Studio members' progress against their studio's charter (读书心得 1/2 本学年, 培训 22/40 课时): per
member and quota, what is done and missing, the points so far and the records behind each count
(their own confirmed records, the studio activities they attended, the studio's own activities),
scored by the same rule the assessment line is (rules.quota). A member sees their own rows, a host
those of their studio's members, the office and the principal everyone's."""

import frappe
from frappe import _

from class_teacher_appraisal import adapters, html_text
from class_teacher_appraisal.evidence import member_evidence
from class_teacher_appraisal.names import HOST, RUBRIC, STUDIO, STUDIO_ASSESSMENT
from class_teacher_appraisal.permissions import READ_ALL, hosted_studios, sees_all
from class_teacher_appraisal.reports import column, number, require_period
from class_teacher_appraisal.scoring import Kind
from class_teacher_appraisal.scoring.rules import Context, quota, quota_progress
from class_teacher_appraisal.studios.roster import members_during


def execute(filters=None):
	filters = frappe._dict(filters or {})
	period = require_period(filters)
	rows = []
	for studio, charter in studios(filters):
		members = visible_members(studio, period, filters)
		if not members:
			continue
		rubric_doc = frappe.get_cached_doc(RUBRIC, charter)
		rubric = adapters.to_rubric(rubric_doc)
		evidence = member_evidence(
			period, rubric_doc, {m: studio for m in members}, {m: r.member_name for m, r in members.items()}
		)
		for member in sorted(members, key=lambda m: members[m].member_name or m):
			rows += member_rows(studio, rubric, evidence[member], members[member])
	if filters.get("only_missing"):
		rows = [r for r in rows if r["missing"] > 0]
	return html_text.report(columns(), rows, None, None, summary(rows))


def studios(filters) -> list[tuple[str, str]]:
	"""The studios asked for (or every active one) that have a charter."""
	conditions = {"charter": ["is", "set"]}
	if filters.get("studio"):
		conditions["name"] = filters.studio
	else:
		conditions["is_active"] = 1
	return [
		(s.name, s.charter) for s in frappe.get_all(STUDIO, filters=conditions, fields=["name", "charter"])
	]


def visible_members(studio: str, period, filters) -> dict:
	"""The studio's members during the period whose progress the user may see: everyone's for the
	office and the principal, a host's studio's members, else the user's own."""
	user = frappe.session.user
	members = members_during(studio, period.start_date, period.end_date)
	if filters.get("member"):
		members = {m: r for m, r in members.items() if m == filters.member}
	if sees_all(user, READ_ALL[STUDIO_ASSESSMENT]) or studio in hosted_studios(user, roles=(HOST,)):
		return members
	if filters.get("member") and filters.member != user:
		frappe.throw(
			_("You can only see your own progress."), title=_("Not Permitted"), exc=frappe.PermissionError
		)
	return {m: r for m, r in members.items() if m == user}


def member_rows(studio: str, rubric, ev, membership) -> list[dict]:
	rows = []
	ctx = Context(rubric=rubric, items={}, evidence=ev, flags={}, top_flags={})
	for c in rubric.criteria:
		if c.kind != Kind.QUOTA:
			continue
		found = quota_progress(c, ev)
		outcome = quota(c, ctx)
		done, target = number(found["done"]), number(found["quota"])
		rows.append(
			{
				"studio": studio,
				"member": ev.class_id,
				"member_name": ev.label,
				"role": _(membership.role) if membership.role else "",
				"criterion": f"{c.code} {c.title}",
				"activity_kind": c.activity_kind,
				"scope": _(c.quota_scope) if c.quota_scope else "",
				"min_level": c.min_level,
				"done": done,
				"quota": target,
				"unit": _("hours") if c.quota_measure == "Hours" else _("times"),
				"missing": number(found["missing"]),
				"progress": round(min(done / target, 1) * 100, 1) if target else 100.0,
				"points": number(outcome.points),
				"max_points": number(c.max_points),
				"explanation": adapters.render(outcome.explanation),
				"records": ", ".join(found["activities"]),
				"record_names": found["activities"],
				"studio_records": ", ".join(found["studio_activities"]),
				"studio_record_names": found["studio_activities"],
			}
		)
	return rows


def columns() -> list[dict]:
	return [
		column(_("Studio"), "studio", "Link", 140, options=STUDIO),
		column(_("Member"), "member", "Link", 150, options="User"),
		column(_("Member Name"), "member_name", "Data", 90),
		column(_("Role in the Studio"), "role", "Data", 80),
		column(_("Criterion"), "criterion", "Data", 180),
		column(_("Activity Kind"), "activity_kind", "Link", 90, options="Activity Kind"),
		column(_("Activities Of"), "scope", "Data", 80),
		column(_("Minimum Level"), "min_level", "Data", 80),
		column(_("Done"), "done", "Float", 70, precision=1),
		column(_("Quota"), "quota", "Float", 70, precision=1),
		column(_("Counted In"), "unit", "Data", 70),
		column(_("Missing"), "missing", "Float", 70, precision=1),
		column(_("Progress"), "progress", "Percent", 80),
		column(_("Points"), "points", "Float", 70, precision=2),
		column(_("Maximum Points"), "max_points", "Float", 70, precision=2),
		column(_("How the points were found"), "explanation", "Data", 260),
		column(_("Confirmed Records"), "records", "Data", 180),
		column(_("Studio Activities"), "studio_records", "Data", 180),
	]


def summary(rows) -> list[dict]:
	if not rows:
		return []
	met = sum(1 for r in rows if r["missing"] <= 0)
	return [
		{"label": _("Quotas"), "value": len(rows), "datatype": "Int"},
		{"label": _("Met"), "value": met, "datatype": "Int", "indicator": "Green"},
		{
			"label": _("Not Met Yet"),
			"value": len(rows) - met,
			"datatype": "Int",
			"indicator": "Red" if len(rows) > met else "Green",
		},
	]
