"""Who is in a studio when, from Studio Membership (from_date … to_date; without an end date, from its
start on). The one place that says whether a membership covers a day (`covers` in Python,
`covers_sql` in SQL) and who hosts a studio on a day (`hosted_studios`, `hosted_studios_sql`); the
people checks (studios/people.py), the permissions and the evidence queries use these.

A membership that never began (ended before its first day: to_date = from_date - 1, as a rotation
out ends a place that starts after the year) covers no day."""

from datetime import date

import frappe
from frappe.utils import getdate, today

from class_teacher_appraisal.names import HOSTS, MEMBERSHIP, STUDIO


def end_of(place) -> date:
	"""The last day of a membership (a dict or document with from_date and to_date)."""
	return getdate(place.to_date) if place.to_date else date.max


def covers(place, day) -> bool:
	"""Whether the membership holds on the day."""
	return getdate(place.from_date) <= getdate(day) <= end_of(place)


def covers_sql(membership: str, day: str) -> str:
	"""SQL: the membership (a table or alias) holds on the day (an SQL expression)."""
	return f"{membership}.`from_date` <= {day} and ({membership}.`to_date` is null or {membership}.`to_date` >= {day})"


def lock_studio(studio: str | None) -> None:
	"""Takes the studio's row lock (SELECT … FOR UPDATE) for the rest of the transaction: the checks of
	its places, assessments, term reviews and exit requests read the studio's other records after
	this, so two requests on one studio are checked one after the other, never both against the same
	old state."""
	if studio:
		frappe.db.get_value(STUDIO, studio, "name", for_update=True)


def studio_places(user: str | None) -> list[frappe._dict]:
	"""The user's places in studios, past, present and future."""
	if user in ("Guest", None):
		return []
	return frappe.get_all(
		MEMBERSHIP,
		filters={"member": user},
		fields=["name", "studio", "role", "from_date", "to_date", "status"],
	)


def hosted_studios(user: str | None = None, day=None, roles=HOSTS) -> set[str]:
	"""The studios the user hosts (in the roles: Host or Deputy Host) on the day, today if none."""
	day = getdate(day or today())
	return {
		p.studio for p in studio_places(user or frappe.session.user) if p.role in roles and covers(p, day)
	}


def holds_place(user: str | None, studio: str | None, day, roles=None) -> bool:
	"""Whether the user has a place in the studio on the day (in one of the roles, if given)."""
	if not (user and studio and day):
		return False
	return any(
		p.studio == studio and (not roles or p.role in roles) and covers(p, day) for p in studio_places(user)
	)


def member_studios_sql(user: str) -> str:
	"""SQL: the studios the user belongs or belonged to, in any role."""
	return (
		f"select `tab{MEMBERSHIP}`.`studio` from `tab{MEMBERSHIP}`"
		f" where `tab{MEMBERSHIP}`.`member` = {frappe.db.escape(user)}"
	)


def hosted_studios_sql(user: str) -> str:
	"""SQL: the studios the user hosts (Host or Deputy Host) today."""
	return (
		f"{member_studios_sql(user)} and `tab{MEMBERSHIP}`.`role` in ({', '.join(frappe.db.escape(r) for r in HOSTS)})"
		f" and {covers_sql(f'`tab{MEMBERSHIP}`', frappe.db.escape(str(getdate(today()))))}"
	)


def memberships_during(studio: str, start, end, member: str | None = None) -> list[frappe._dict]:
	"""The studio's memberships that overlap start … end (the latest first for each member)."""
	conditions = "m.studio = %(studio)s and m.from_date <= %(end)s"
	conditions += " and (m.to_date is null or (m.to_date >= %(start)s and m.to_date >= m.from_date))"
	if member:
		conditions += " and m.member = %(member)s"
	return frappe.db.sql(  # nosemgrep: frappe-using-db-sql — conditions are fixed fragments, values bound
		f"""select m.name, m.member, m.member_name, m.role, m.from_date, m.to_date, m.status
		from `tabStudio Membership` m where {conditions}
		order by m.member, m.from_date desc, m.creation desc""",
		{"studio": studio, "start": getdate(start), "end": getdate(end), "member": member},
		as_dict=True,
	)


def members_during(studio: str, start, end) -> dict[str, frappe._dict]:
	"""Each member of the studio during start … end, with their latest membership."""
	out: dict[str, frappe._dict] = {}
	for m in memberships_during(studio, start, end):
		out.setdefault(m.member, m)
	return out


__all__ = [
	"covers",
	"covers_sql",
	"end_of",
	"holds_place",
	"hosted_studios",
	"hosted_studios_sql",
	"lock_studio",
	"member_studios_sql",
	"members_during",
	"memberships_during",
	"studio_places",
]
