"""Shared pieces of the app's Script Reports: filters, columns and permission scoping."""

import frappe
from frappe import _

from class_teacher_appraisal.permissions import visible_classes


def require_period(filters) -> frappe._dict:
	name = (filters or {}).get("appraisal_period")
	if not name:
		frappe.throw(_("Choose an appraisal period."), title=_("Missing Filter"))
	period = frappe.db.get_value(
		"Appraisal Period",
		name,
		["name", "period_type", "start_date", "end_date", "rubric"],
		as_dict=True,
	)
	if not period:
		# shown as HTML, and the filter is whatever the address said
		frappe.throw(
			_("Appraisal period {0} does not exist.").format(frappe.utils.escape_html(name)),
			title=_("Missing Filter"),
		)
	return period


def restrict_to_visible(query, class_field):
	"""Adds "only the classes this user may see" to a frappe.qb query over inspections."""
	classes = visible_classes()
	if classes is None:
		return query
	# no classes of their own: `in ("")` matches nothing, since every record names its class
	return query.where(class_field.isin(classes or [""]))


def column(label: str, fieldname: str, fieldtype: str = "Data", width: int = 100, **extra) -> dict:
	return {"label": label, "fieldname": fieldname, "fieldtype": fieldtype, "width": width, **extra}


def number(value) -> float:
	return float(value or 0)
