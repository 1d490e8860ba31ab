"""A studio's people over time (Studio Membership): no person twice at once, at most the studio's
number of members (and of members from the host school) on any day, one or two hosts, and a
membership that ends says when and why. Every check reads the other memberships as stored."""

from datetime import date

import frappe
from frappe import _
from frappe.utils import add_days, format_date, getdate

from class_teacher_appraisal.html_text import text
from class_teacher_appraisal.names import HOST, MEMBER, MEMBERSHIP, STUDIO
from class_teacher_appraisal.studios.roster import covers, end_of

MOST_HOSTS = 2  # seed 004: 每个工作室由1—2名领衔人 … 组成
ENDED = ("Left", "Rotated Out")
FIELDS = ["name", "member", "member_name", "role", "school", "from_date", "to_date", "status"]


def places(studio: str, exclude: str | None = None, **filters) -> list[frappe._dict]:
	"""The studio's memberships as stored (all of them, past and future), but `exclude`."""
	rows = frappe.get_all(MEMBERSHIP, filters={"studio": studio, **filters}, fields=FIELDS)
	return [r for r in rows if r.name != exclude]


def places_on(studio: str, day, roles=None) -> list[frappe._dict]:
	"""The memberships of the studio that cover the day (in the roles, if given)."""
	return [p for p in places(studio) if covers(p, day) and (not roles or p.role in roles)]


def most_at_once(start: date, end: date, others: list) -> tuple[int, date]:
	"""The most of `others` holding a place on one day between start and end, and the first such
	day. The count only rises on a day someone starts, so those days (and the start) are enough."""
	days = {start} | {getdate(o.from_date) for o in others if start <= getdate(o.from_date) <= end}
	best = (0, start)
	for day in sorted(days):
		count = sum(1 for o in others if covers(o, day))
		if count > best[0]:
			best = (count, day)
	return best


def throw(message, title=None):
	frappe.throw(message, title=title or _("Invalid Membership"))


def check_membership(doc) -> None:
	"""The checks of a membership against the studio's other memberships, as stored: read after
	taking the studio's lock, so two memberships saved at once are checked one after the other."""
	studio = frappe.db.get_value(
		STUDIO,
		doc.studio,
		["name", "max_members", "max_from_host_school", "host_school"],
		as_dict=True,
		for_update=True,  # the studio's lock (roster.lock_studio)
	)
	if not studio:
		throw(_("Studio {0} does not exist.").format(text(doc.studio)))
	start, end = getdate(doc.from_date), end_of(doc)
	if end < start:  # a place that never began (ended before its first day) takes no place
		check_a_host_stays(doc)
		return
	others = [
		p
		for p in places(doc.studio, exclude=doc.name)
		if getdate(p.from_date) <= end and start <= end_of(p) and getdate(p.from_date) <= end_of(p)
	]
	check_no_overlap(doc, others)
	if doc.role == MEMBER:
		check_member_places(doc, studio, [p for p in others if p.role == MEMBER], start, end)
	if doc.role == HOST:
		hosts = [p for p in others if p.role == HOST]
		count, day = most_at_once(start, end, hosts)
		if count + 1 > MOST_HOSTS:
			throw(
				_("{0} would have {1} hosts on {2}; a studio has one or two.").format(
					text(doc.studio), count + 1, format_date(day)
				)
			)
	check_a_host_stays(doc)


def check_no_overlap(doc, others):
	for p in others:
		if p.member == doc.member:
			throw(
				_(
					"{0} already has a place in {1} from {2} to {3}; one person holds one place at a time."
				).format(
					text(p.member_name or p.member),
					text(doc.studio),
					format_date(p.from_date),
					format_date(p.to_date) if p.to_date else _("now"),
				)
			)


def check_member_places(doc, studio, members, start, end):
	"""At most `max_members` Members on any day, and at most `max_from_host_school` of them from the
	host school (hosts, deputies and trainees are not counted)."""
	if studio.max_members:
		count, day = most_at_once(start, end, members)
		if count + 1 > studio.max_members:
			throw(
				_(
					"{0} would have {1} members on {2}; it takes at most {3} (hosts and trainees are not counted)."
				).format(text(doc.studio), count + 1, format_date(day), studio.max_members),
				title=_("No Place Free"),
			)
	if studio.max_from_host_school and (doc.school or "").strip() == (studio.host_school or "").strip():
		same = [p for p in members if (p.school or "").strip() == studio.host_school.strip()]
		count, day = most_at_once(start, end, same)
		if count + 1 > studio.max_from_host_school:
			throw(
				_(
					"{0} would have {1} members from {2} on {3}; it takes at most {4} from the host school."
				).format(
					text(doc.studio),
					count + 1,
					text(studio.host_school),
					format_date(day),
					studio.max_from_host_school,
				),
				title=_("No Place Free"),
			)


def check_a_host_stays(doc):
	"""A host's place ends only if someone hosts the studio the day after, when the studio still
	has people then (enter the next host first)."""
	if doc.role != HOST or not doc.to_date:
		return
	before = doc.get_doc_before_save()
	if before and before.role == HOST and before.to_date and getdate(before.to_date) <= getdate(doc.to_date):
		return  # it ends no earlier than it did
	after = add_days(getdate(doc.to_date), 1)
	remaining = [p for p in places_on(doc.studio, after) if p.name != doc.name]
	if remaining and not any(p.role == HOST for p in remaining):
		throw(
			_("{0} would have no host from {1}: enter the next host's membership first.").format(
				text(doc.studio), format_date(after)
			)
		)


def check_studio_limits(doc) -> None:
	"""A studio's limits: the host school when members from it are limited, and a lower limit only
	if today's members fit it."""
	if doc.max_from_host_school and not (doc.host_school or "").strip():
		frappe.throw(_("Enter the host school to limit the members from it."), title=_("Invalid Studio"))
	if doc.max_members and doc.max_from_host_school and doc.max_from_host_school > doc.max_members:
		frappe.throw(
			_("At most {0} members from the host school cannot be more than the {1} members in all.").format(
				doc.max_from_host_school, doc.max_members
			),
			title=_("Invalid Studio"),
		)
	if doc.is_new() or not doc.max_members:
		return
	today = getdate()
	members = places_on(doc.name, today, roles=(MEMBER,))
	if len(members) > doc.max_members:
		frappe.throw(
			_("{0} has {1} members today; end some memberships before lowering the limit to {2}.").format(
				text(doc.name), len(members), doc.max_members
			),
			title=_("Invalid Studio"),
		)
