"""Small helpers shared across the app."""

import frappe
from frappe.utils import add_days, getdate


def week_start(date) -> object:
	"""Monday of the date's week."""
	d = getdate(date)
	return add_days(d, -d.weekday())


def lock_period(period_name: str):
	"""Serialises work on one period (recompute, generation, places): a second waits for the first
	to commit (SELECT ... FOR UPDATE on the period's row, always taken first)."""
	frappe.db.sql("select name from `tabAppraisal Period` where name=%s for update", period_name)
