"""Small helpers shared across the app."""

from frappe.utils import add_days, getdate


def week_start(date) -> object:
	"""Monday of the date's week."""
	d = getdate(date)
	return add_days(d, -d.weekday())
