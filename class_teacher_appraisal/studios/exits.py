"""A member's request to leave a studio, decided by the studio's Host and then the school's
leadership (the Studio Exit Approval workflow). Every step is checked here from the stored request
and the stored memberships, whatever a request sends; the final approval ends the membership (its
last day, status Left, the reason), so a place opens."""

import frappe
from frappe import _
from frappe.utils import format_date, getdate, now, now_datetime

from class_teacher_appraisal.html_text import text
from class_teacher_appraisal.names import (
	EXIT_APPROVED,
	EXIT_HOST_APPROVED,
	EXIT_REJECTED,
	EXIT_REQUEST,
	EXIT_REQUESTED,
	HOST,
	MEMBERSHIP,
	PRINCIPAL,
)
from class_teacher_appraisal.permissions import roles_of
from class_teacher_appraisal.studios.roster import hosted_studios, lock_studio

DECISIONS = ("host_decided_by", "host_decided_on", "leadership_decided_by", "leadership_decided_on")
# what each party may write, in the state the request is stored in
MEMBER_FIELDS, HOST_FIELDS, LEADERSHIP_FIELDS = (
	{"reason", "leaving_on"},
	{"host_decision"},
	{"leadership_decision"},
)
TEXT_FIELDS = (
	"membership",
	"studio",
	"member",
	"reason",
	"leaving_on",
	"host_decision",
	"leadership_decision",
)


def this_day():
	"""Today (frappe.utils.now: Frappe's frappe.flags.current_date when a loader replays a past day,
	as the demo school does; never set by a request)."""
	return getdate(now())


def not_allowed(message):
	frappe.throw(message, title=_("Not Allowed"), exc=frappe.PermissionError)


def invalid(message):
	frappe.throw(message, title=_("Invalid Exit Request"))


def check_request(doc) -> None:
	"""Who changes what, and which step is taken by whom."""
	before = doc.get_doc_before_save()
	if not before:
		check_new(doc)
		return
	check_changes(doc, before)
	check_step(doc, before)


def check_new(doc):
	"""Only the member asks, for a place that has not ended, once at a time, to leave from today on."""
	place = frappe.db.get_value(
		MEMBERSHIP,
		doc.membership,
		["studio", "member", "member_name", "from_date", "to_date", "status"],
		as_dict=True,
	)
	if not place:
		invalid(_("Membership {0} does not exist.").format(text(doc.membership)))
	doc.studio, doc.member, doc.member_name = place.studio, place.member, place.member_name
	user = frappe.session.user
	if user != place.member and user != "Administrator":
		not_allowed(_("Only {0} asks to leave their own place.").format(text(place.member_name)))
	if place.status != "Active" or (place.to_date and getdate(place.to_date) < this_day()):
		invalid(_("This place in {0} has ended already.").format(text(place.studio)))
	check_leaving_on(doc, place)
	lock_studio(place.studio)  # one waiting request a place: two sent at once are checked in turn
	if frappe.db.exists(
		EXIT_REQUEST, {"membership": doc.membership, "docstatus": 0, "name": ["!=", doc.name or ""]}
	):
		invalid(_("An exit request for this place is already waiting for a decision."))
	doc.workflow_state = EXIT_REQUESTED
	for field in ("host_decision", "leadership_decision", *DECISIONS):
		doc.set(field, None)
	doc.reason = (doc.reason or "").strip()
	if not doc.reason:
		invalid(_("Say why you want to leave."))


def check_leaving_on(doc, place):
	"""The last day is today or later (an exit is never backdated: the office corrects past
	memberships itself), within the membership."""
	if not doc.leaving_on:
		invalid(_("Enter your last day in the studio."))
	day = getdate(doc.leaving_on)
	if day < this_day():
		invalid(
			_("The last day ({0}) cannot be in the past; choose today or a later day.").format(
				format_date(day)
			)
		)
	if day < getdate(place.from_date):
		invalid(
			_("The last day ({0}) cannot be before the membership starts ({1}).").format(
				format_date(day), format_date(place.from_date)
			)
		)
	if place.to_date and day > getdate(place.to_date):
		invalid(
			_("The last day ({0}) cannot be after the membership ends ({1}).").format(
				format_date(day), format_date(place.to_date)
			)
		)


def check_changes(doc, before):
	"""The member writes the reason and the day while the request waits for the host; the host
	their opinion; the leadership its decision. The rest is as stored."""
	user, state = frappe.session.user, before.workflow_state
	allowed = set()
	if state == EXIT_REQUESTED and user == before.member:
		allowed |= MEMBER_FIELDS
	hosts = before.studio in hosted_studios(user, roles=(HOST,))
	if state == EXIT_REQUESTED and hosts and user != before.member:
		allowed |= HOST_FIELDS
	if state == EXIT_HOST_APPROVED and PRINCIPAL in roles_of(user) and user != before.member:
		allowed |= LEADERSHIP_FIELDS
	for field in TEXT_FIELDS:
		if str(before.get(field) or "") != str(doc.get(field) or "") and field not in allowed:
			not_allowed(_("You cannot change {0} of this exit request.").format(_(doc.meta.get_label(field))))
	for field in DECISIONS:
		doc.set(field, before.get(field))
	if str(before.leaving_on or "") != str(doc.leaving_on or ""):
		place = frappe.db.get_value(MEMBERSHIP, before.membership, ["from_date", "to_date"], as_dict=True)
		check_leaving_on(doc, place)


def check_step(doc, before):
	old, new = before.workflow_state, doc.workflow_state
	if doc._action == "submit" and new not in (EXIT_APPROVED, EXIT_REJECTED):
		not_allowed(_("An exit request is decided through its workflow: the host, then the leadership."))
	if old == new:
		return
	user = frappe.session.user
	if user == before.member:
		not_allowed(_("Nobody decides on their own exit request."))
	if old == EXIT_REQUESTED and new in (EXIT_HOST_APPROVED, EXIT_REJECTED):
		if before.studio not in hosted_studios(user, roles=(HOST,)):
			not_allowed(_("Only a host of {0} decides here.").format(text(before.studio)))
		if new == EXIT_REJECTED and not (doc.host_decision or "").strip():
			invalid(_("Say why you reject the request (Host's Opinion)."))
		doc.host_decided_by, doc.host_decided_on = user, now_datetime()
	elif old == EXIT_HOST_APPROVED and new in (EXIT_APPROVED, EXIT_REJECTED):
		if PRINCIPAL not in roles_of(user):
			not_allowed(_("Only the school's leadership decides here."))
		if user == before.host_decided_by:
			not_allowed(_("The host who approved the request does not decide on it again."))
		if new == EXIT_REJECTED and not (doc.leadership_decision or "").strip():
			invalid(_("Say why you reject the request (Leadership's Decision)."))
		if new == EXIT_APPROVED and getdate(doc.leaving_on) < this_day():
			doc.leaving_on = this_day()  # the place was held until the approval: it ends on its day
		doc.leadership_decided_by, doc.leadership_decided_on = user, now_datetime()
	else:
		not_allowed(_("An exit request cannot go from {0} to {1}.").format(_(old), _(new)))


def end_membership(doc) -> None:
	"""The approved request ends the place on its day, as Left, for its reason."""
	place = frappe.get_doc(MEMBERSHIP, doc.membership)
	place.to_date = doc.leaving_on
	place.status = "Left"
	place.reason = doc.reason
	place.flags.ignore_permissions = True  # the leadership's approval, checked above
	place.save()
	place.add_comment("Info", _("Ended by exit request {0}.").format(doc.name))
