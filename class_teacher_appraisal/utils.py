"""Small helpers shared across the app."""

import frappe
from frappe import _
from frappe.utils import add_days, cint, getdate


def week_start(date) -> object:
	"""Monday of the date's week."""
	d = getdate(date)
	return add_days(d, -d.weekday())


def lock_period(period_name: str):
	"""Serialises work on one period (recompute, generation, places): a second waits for the first
	to commit (SELECT ... FOR UPDATE on the period's row, always taken first)."""
	frappe.db.get_value("Appraisal Period", period_name, "name", for_update=True)


# Grade levels by their school names, stored and kept in this (source) form and translated on
# display: zh.csv gives 一年级 … 六年级, 七年级 … 九年级 and 高一 … 高三.
GRADE_NAMES = (
	"Grade 1",
	"Grade 2",
	"Grade 3",
	"Grade 4",
	"Grade 5",
	"Grade 6",
	"Grade 7",
	"Grade 8",
	"Grade 9",
	"Grade 10",
	"Grade 11",
	"Grade 12",
)


def grade_source_name(level) -> str:
	"""The stored (untranslated) name of grade level 1…12, "" for anything else."""
	level = cint(level)
	return GRADE_NAMES[level - 1] if 1 <= level <= len(GRADE_NAMES) else ""


def grade_name(level) -> str:
	"""Grade level 1…12 as the reader calls it: 一年级, 七年级, 高一 in Chinese, "Grade 1" in English;
	the number itself for anything outside 1…12."""
	name = grade_source_name(level)
	return _(name) if name else str(level or "")


def full_names(users) -> dict[str, str]:
	"""Each user's full name in one query; the user id where a user has none (or is gone)."""
	users = {u for u in users if u}
	if not users:
		return {}
	found = dict(
		frappe.get_all(
			"User", filters={"name": ["in", list(users)]}, fields=["name", "full_name"], as_list=True
		)
	)
	return {u: found.get(u) or u for u in users}
