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
from class_teacher_appraisal.quota_reports import only_missing, progress_columns, quota_rows, summary
from class_teacher_appraisal.reports import column, require_period
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
	rows = only_missing(rows, filters)
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
	own = {
		"studio": studio,
		"member": ev.class_id,
		"member_name": ev.label,
		"role": _(membership.role) if membership.role else "",
	}
	return [own | row for row in quota_rows(rubric, ev, rubric.criteria)]


def columns() -> list[dict]:
	return [
		column(_("Studio"), "studio", "Link", 140, options=STUDIO),
		column(_("Member"), "member", "Link", 150, options="User"),
		column(_("Member Name"), "member_name", "Data", 90),
		column(_("Role in the Studio"), "role", "Data", 80),
		*progress_columns(records_width=180),
		column(_("Studio Activities"), "studio_records", "Data", 180),
	]
