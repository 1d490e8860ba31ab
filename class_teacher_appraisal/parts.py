"""Parts of a rubric that belong to an office of their own (S1, seed 000: 少先队常规工作,
学校活动, 后勤管理 and 教导处工作 are each entered by that office). A part names the role that
enters its hand-scored points and confirms it; an appraisal goes on to the principal only when
every such part is confirmed, with the points it has now (a confirmation of other points lapses).

The part's office works on all the period's classes at once (`part_sheet`, `save_part`, the
Desk page *Enter a Part*); it needs no permission on appraisals as such, only the part's role,
and never enters or confirms a part of its own appraisal."""

import json

import frappe
from frappe import _
from frappe.utils import flt, now_datetime

from class_teacher_appraisal.county import schools
from class_teacher_appraisal.html_text import text
from class_teacher_appraisal.names import APPRAISAL, DRAFT, OFFICE_REVIEW, PERIOD, RUBRIC
from class_teacher_appraisal.permissions import is_about, roles_of
from class_teacher_appraisal.scoring import D
from class_teacher_appraisal.scoring.kinds import hand_entered
from class_teacher_appraisal.validation import POINTS, finite, required

# the states in which a part is still entered: before the appraisal goes to the principal
OPEN_STATES = (DRAFT, OFFICE_REVIEW)


def owned_parts(rubric_doc) -> dict[str, frappe._dict]:
	"""Part code -> its section row, for the parts that name an owner role."""
	return {s.section_code: s for s in rubric_doc.sections if s.get("owner_role")}


def unconfirmed(owned: dict, sections, confirmations) -> list[str]:
	"""The owned parts not confirmed with the points they have now (sections: the appraisal's
	part rows; confirmations: its confirmation rows)."""
	points = {s.section_code: D(s.points) for s in sections}
	confirmed = {c.section_code: D(c.confirmed_points) for c in confirmations}
	return [
		code
		for code in owned
		if code not in confirmed or (code in points and confirmed[code] != points[code])
	]


def stored_confirmations(appraisals: list[str]) -> dict[str, list]:
	"""Each appraisal's part confirmations, as committed (a locking read, like the office's other
	inputs a recompute keeps)."""
	out: dict[str, list] = {}
	for row in frappe.db.get_values(
		"Appraisal Part Confirmation",
		{"parenttype": APPRAISAL, "parent": ["in", appraisals or [""]]},
		["parent", "section_code", "confirmed_points"],
		as_dict=True,
		for_update=True,
	):
		out.setdefault(row.parent, []).append(row)
	return out


def may_enter(section, user=None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or section.owner_role in roles_of(user)


def confirm(doc, codes: list[str], owned: dict):
	"""Confirms the appraisal's parts (its rows in memory) with their points now, as the user."""
	points = {s.section_code: flt(s.points) for s in doc.sections}
	kept = [c for c in doc.part_confirmations if c.section_code not in codes]
	stamp = now_datetime()
	doc.set("part_confirmations", [c.as_dict() for c in kept])
	for code in codes:
		doc.append(
			"part_confirmations",
			{
				"section_code": code,
				"section_title": owned[code].section_title,
				"owner_role": owned[code].owner_role,
				"confirmed_points": points.get(code, 0),
				"confirmed_by": frappe.session.user,
				"confirmed_on": stamp,
			},
		)


# ------------------------------------------------------------------ the part's office, in the Desk


def _period_part(period: str | None, section: str | None):
	required(period, _("Appraisal Period"))
	required(section, _("Part"))
	rubric_name, school = frappe.db.get_value(PERIOD, period, ["rubric", "school"]) or (None, None)
	if not rubric_name or not schools.allowed(school, doctype=PERIOD):  # another school's: not theirs
		frappe.throw(_("Appraisal period {0} does not exist or has no rubric.").format(text(period)))
	rubric_doc = frappe.get_cached_doc(RUBRIC, rubric_name)
	part = owned_parts(rubric_doc).get(section)
	if part is None:
		frappe.throw(
			_("Part {0} of rubric {1} is not entered by an office of its own.").format(
				text(section), text(rubric_name)
			)
		)
	if not may_enter(part):
		frappe.throw(
			_("Part {0} is entered and confirmed by {1}.").format(text(section), _(part.owner_role)),
			title=_("Not Permitted"),
			exc=frappe.PermissionError,
		)
	return rubric_doc, part


@frappe.whitelist(methods=["GET"])
@frappe.read_only()
def my_parts() -> list[dict]:
	"""The parts the user's roles enter, in the periods that have draft appraisals."""
	roles = roles_of()
	periods = frappe.db.sql(  # nosemgrep: frappe-using-db-sql — select distinct over a join, no user input
		"""select distinct a.appraisal_period as period, p.rubric, p.start_date, p.school
		from `tabClass Teacher Appraisal` a join `tabAppraisal Period` p on p.name = a.appraisal_period
		where a.docstatus = 0 and p.rubric is not null order by p.start_date desc""",
		as_dict=True,
	)
	out = []
	for p in periods:
		if not schools.allowed(p.school, doctype=PERIOD):
			continue  # a county site: the periods of the user's schools
		for code, s in owned_parts(frappe.get_cached_doc(RUBRIC, p.rubric)).items():
			if s.owner_role in roles or frappe.session.user == "Administrator":
				out.append(
					{"period": p.period, "section": code, "title": s.section_title, "role": s.owner_role}
				)
	return out


@frappe.whitelist(methods=["GET"])
@frappe.read_only()
def part_sheet(period: str | None = None, section: str | None = None) -> dict:
	"""Every draft appraisal of the period with the part's lines: what the part's office enters
	and confirms. Its own class's appraisal is listed as not its to enter."""
	rubric_doc, part = _period_part(period, section)
	appraisals = frappe.get_all(
		APPRAISAL,
		filters={"appraisal_period": period, "docstatus": 0},
		fields=[
			"name",
			"class_name",
			"class_record",
			"class_teacher",
			"workflow_state",
			"grade_level",
			"modified",
		],  # fmt: skip
		order_by="grade_level asc, class_name asc",
	)
	names = [a.name for a in appraisals] or [""]
	lines = frappe.get_all(
		"Class Teacher Appraisal Line",
		filters={"parenttype": APPRAISAL, "parent": ["in", names], "section_code": section},
		fields=[
			"parent",
			"criterion_code",
			"criterion_title",
			"rule_kind",
			"max_points",
			"manual_points",
			"manual_entered",
			"points",
			"needs_input",
			"explanation",
		],  # fmt: skip
		order_by="idx asc",
	)
	sections = frappe.get_all(
		"Class Teacher Appraisal Section",
		filters={"parenttype": APPRAISAL, "parent": ["in", names], "section_code": section},
		fields=["parent", "section_code", "points"],
	)
	confirmations = frappe.get_all(
		"Appraisal Part Confirmation",
		filters={"parenttype": APPRAISAL, "parent": ["in", names], "section_code": section},
		fields=["parent", "section_code", "confirmed_points", "confirmed_by", "confirmed_on"],
	)
	by_parent = {}
	for row in lines:
		row.hand_entered = int(hand_entered(row.rule_kind))
		by_parent.setdefault(row.parent, []).append(row)
	points = {s.parent: s for s in sections}
	confirmed = {c.parent: c for c in confirmations}
	criteria = []
	for c in rubric_doc.criteria:
		if c.section_code == section:
			criteria.append(
				{
					"code": c.criterion_code,
					"title": c.criterion_title,
					"hand_entered": int(hand_entered(c.rule_kind)),
					"max_points": c.max_points,
				}
			)
	rows = []
	for a in appraisals:
		s = points.get(a.name)
		c = confirmed.get(a.name)
		open_ = a.workflow_state in OPEN_STATES
		rows.append(
			{
				"appraisal": a.name,
				"modified": str(a.modified),  # sent back on save: what the user saw
				"class_name": a.class_name,
				"workflow_state": a.workflow_state,
				"editable": int(open_ and not is_about(None, a.class_teacher, a.class_record)),
				"own": int(is_about(None, a.class_teacher, a.class_record)),
				"points": flt(s.points) if s else 0,
				"lines": by_parent.get(a.name, []),
				"confirmed": int(bool(c) and bool(s) and D(c.confirmed_points) == D(s.points)),
				"confirmed_by": c.confirmed_by if c else None,
				"confirmed_on": c.confirmed_on if c else None,
			}
		)
	return {
		"period": period,
		"section": section,
		"title": part.section_title,
		"role": part.owner_role,
		"max_points": part.max_points,
		"criteria": criteria,
		"appraisals": rows,
	}


@frappe.whitelist(methods=["POST"])
def save_part(
	period: str | None = None,
	section: str | None = None,
	entries=None,
	confirm_part: int = 0,
	seen=None,
) -> dict:
	"""Saves the part's hand-scored points for the appraisals given ({appraisal: {criterion:
	points or null}}), and confirms the part on each of them if asked. All or nothing: one bad
	entry and nothing is saved. `seen` ({appraisal: modified}, as part_sheet gave it): an
	appraisal changed since the user saw it is refused, so that nobody overwrites or confirms
	points they did not see."""
	_rubric_doc, part = _period_part(period, section)
	entries, seen = _json(entries), _json(seen) or {}
	if not isinstance(entries, dict) or not entries:
		frappe.throw(_("Say which appraisals to save."))
	if not isinstance(seen, dict):
		frappe.throw(_("Send what you saw of each appraisal as it was listed."))
	confirming = bool(finite(confirm_part, _("Confirm"), 0, 1, whole=True))
	saved = 0
	for name, points in entries.items():
		if not isinstance(points, dict):
			frappe.throw(_("Appraisal {0}: send the points by criterion.").format(text(name)))
		doc = _open_appraisal(name, period, section)
		if name in seen and str(seen[name]) != str(doc.modified):
			frappe.throw(
				_(
					"{0} was changed by {1} after you opened the sheet; reload the sheet to see the points as they are now."
				).format(text(doc.class_name), text(doc.modified_by)),
				title=_("Changed Meanwhile"),
				exc=frappe.TimestampMismatchError,
			)
		by_code = {row.criterion_code: row for row in doc.lines if row.section_code == section}
		for code, value in points.items():
			row = by_code.get(code)
			if row is None or not hand_entered(row.rule_kind):
				frappe.throw(
					_("{0}: {1} is not a hand-scored line of part {2}.").format(
						text(doc.class_name), text(code), text(section)
					)
				)
			if value in (None, ""):
				row.manual_points, row.manual_entered = 0, 0
			else:
				row.manual_points = finite(value, row.criterion_title or code, 0, POINTS)
				row.manual_entered = 1
		doc.flags.part_entry = part  # checked again in the controller
		doc.flags.confirm_part = section if confirming else None
		doc.save(ignore_permissions=True)  # the part's role is the permission, checked above
		saved += 1
	return {"saved": saved}


def _json(value):
	if isinstance(value, str):
		try:
			return json.loads(value)
		except ValueError:
			return None
	return value


def _open_appraisal(name, period, section):
	row = frappe.db.get_value(
		APPRAISAL,
		name,
		["name", "appraisal_period", "docstatus", "workflow_state", "class_teacher", "class_record"],
		as_dict=True,
	)
	if not row or row.appraisal_period != period:
		frappe.throw(_("{0} is not an appraisal of {1}.").format(text(name), text(period)))
	if row.docstatus != 0 or row.workflow_state not in OPEN_STATES:
		frappe.throw(
			_("Appraisal {0} is {1}: its parts can no longer be entered.").format(
				text(name), _(row.workflow_state or "")
			)
		)
	if is_about(None, row.class_teacher, row.class_record):
		frappe.throw(
			_("Appraisal {0} is about your own class: another member of your office enters part {1}.").format(
				text(name), text(section)
			),
			title=_("Not Allowed"),
			exc=frappe.PermissionError,
		)
	return frappe.get_doc(APPRAISAL, name)


__all__ = ["confirm", "owned_parts", "part_sheet", "save_part", "unconfirmed"]
