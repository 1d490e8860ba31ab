"""The host's term grading (seed 004: 成员由工作室主持人考核，主要从师德表现、工作态度、理论水平、管理能力、
科研能力等方面进行考核; 每学期评选一次优秀工作室成员): one Studio Term Review per member and term,
entered by a host of the studio at the term's end, of their own studio's members only, never of
themselves; at most one outstanding member per studio and term."""

import frappe
from frappe import _
from frappe.utils import get_fullname, getdate

from class_teacher_appraisal.html_text import text
from class_teacher_appraisal.names import HOST, PERIOD, TERM_REVIEW
from class_teacher_appraisal.studios import roster


def validate(doc):
	period = term_of(doc.appraisal_period)
	set_reviewer(doc, period)
	check_member(doc, period)
	roster.lock_studio(doc.studio)  # one review per member and term, one outstanding: checked in turn
	check_unique(doc)
	check_outstanding(doc)
	doc.title = f"{doc.member_name or doc.member} · {doc.appraisal_period}"


def term_of(period_name: str) -> frappe._dict:
	period = frappe.db.get_value(
		PERIOD, period_name, ["name", "period_type", "start_date", "end_date"], as_dict=True
	)
	if not period:
		frappe.throw(_("Appraisal period {0} does not exist.").format(text(period_name)))
	if period.period_type != "Term":
		frappe.throw(
			_("A term review is made for a term; {0} is a {1}.").format(
				text(period.name), _(period.period_type)
			),
			title=_("Not a Term"),
		)
	return period


def set_reviewer(doc, period):
	"""The reviewer is whoever enters the review (kept as stored afterwards), a host of the studio at
	the term's end."""
	if not doc.is_new():
		stored = frappe.db.get_value(
			TERM_REVIEW, doc.name, ["reviewer", "studio", "member", "appraisal_period"], as_dict=True
		)
		for field in ("studio", "member", "appraisal_period"):
			if (doc.get(field) or None) != (stored.get(field) or None):
				frappe.throw(
					_("The {0} of a term review cannot be changed.").format(_(doc.meta.get_label(field))),
					title=_("Not Allowed"),
					exc=frappe.PermissionError,
				)
		doc.reviewer = stored.reviewer
	else:
		doc.reviewer = frappe.session.user
	if frappe.session.user != doc.reviewer and frappe.session.user != "Administrator":
		frappe.throw(
			_("Only the host who entered a term review changes it."),
			title=_("Not Allowed"),
			exc=frappe.PermissionError,
		)
	if doc.studio not in roster.hosted_studios(doc.reviewer, period.end_date, roles=(HOST,)):
		frappe.throw(
			_("Only a host of studio {0} at the end of {1} grades its members.").format(
				text(doc.studio), text(period.name)
			),
			title=_("Not Allowed"),
			exc=frappe.PermissionError,
		)


def check_member(doc, period):
	if doc.member == doc.reviewer:
		frappe.throw(
			_("Nobody grades themselves; a host is assessed by the school's studio leadership group."),
			title=_("Not Allowed"),
			exc=frappe.PermissionError,
		)
	if not roster.memberships_during(doc.studio, period.start_date, period.end_date, doc.member):
		frappe.throw(
			_("{0} was not a member of studio {1} during {2}.").format(
				text(doc.member_name or get_fullname(doc.member)), text(doc.studio), text(period.name)
			),
			title=_("Not a Member"),
		)


def check_unique(doc):
	other = frappe.db.get_value(
		TERM_REVIEW,
		{
			"member": doc.member,
			"studio": doc.studio,
			"appraisal_period": doc.appraisal_period,
			"docstatus": ["<", 2],
			"name": ["!=", doc.name or ""],
		},
		"name",
	)
	if other:
		frappe.throw(
			_("{0} already has a term review for {1}: {2}.").format(
				text(doc.member_name or doc.member), text(doc.appraisal_period), text(other)
			),
			title=_("Duplicate Review"),
			exc=frappe.DuplicateEntryError,
		)


def check_outstanding(doc):
	"""优秀工作室成员: one a studio and term."""
	if not doc.outstanding_member:
		return
	other = frappe.db.get_value(
		TERM_REVIEW,
		{
			"studio": doc.studio,
			"appraisal_period": doc.appraisal_period,
			"outstanding_member": 1,
			"docstatus": ["<", 2],
			"name": ["!=", doc.name or ""],
		},
		["name", "member_name", "member"],
		as_dict=True,
	)
	if other:
		frappe.throw(
			_("{0} is already the outstanding studio member of {1} ({2}).").format(
				text(other.member_name or other.member), text(doc.appraisal_period), text(other.name)
			),
			title=_("One Outstanding Member"),
		)


def reviews_of_year(studio: str, member: str, start, end) -> list[frappe._dict]:
	"""The submitted term reviews of a member within start … end."""
	return frappe.db.sql(  # nosemgrep: frappe-using-db-sql — join with the period for its dates, values bound
		"""select r.name, r.appraisal_period, r.ethics_grade, r.attitude_grade, r.theory_grade,
		r.management_grade, r.research_grade, r.overall_grade, r.outstanding_member, r.suggestions,
		r.reviewer_name
		from `tabStudio Term Review` r join `tabAppraisal Period` p on p.name = r.appraisal_period
		where r.docstatus = 1 and r.studio = %(studio)s and r.member = %(member)s
		and p.start_date >= %(start)s and p.end_date <= %(end)s order by p.start_date""",
		{"studio": studio, "member": member, "start": getdate(start), "end": getdate(end)},
		as_dict=True,
	)


__all__ = ["reviews_of_year", "validate"]
