"""Who is in a studio when, read set-based from Studio Membership (from_date … to_date; without an
end date, from its start on), as studios/people.py counts places."""

import frappe
from frappe.utils import getdate

from class_teacher_appraisal.names import HOST


def _on(day):
	"""Conditions of a membership that holds on the day."""
	return "m.from_date <= %(day)s and (m.to_date >= %(day)s or m.to_date is null)"


def hosts_on(studio: str, day) -> set[str]:
	"""The studio's hosts on the day."""
	rows = frappe.db.sql(
		f"select m.member from `tabStudio Membership` m where m.studio = %(studio)s and m.role = %(host)s"
		f" and {_on(day)}",
		{"studio": studio, "host": HOST, "day": getdate(day)},
	)
	return {r[0] for r in rows}


def memberships_during(studio: str, start, end, member: str | None = None) -> list[frappe._dict]:
	"""The studio's memberships that overlap start … end (the latest first for each member)."""
	conditions = "m.studio = %(studio)s and m.from_date <= %(end)s"
	conditions += " and (m.to_date >= %(start)s or m.to_date is null)"
	if member:
		conditions += " and m.member = %(member)s"
	return frappe.db.sql(
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


__all__ = ["hosts_on", "members_during", "memberships_during"]
