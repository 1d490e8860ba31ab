"""Frappe endpoints the app wraps so that they respect row-level permissions.

`frappe.client.get_count` in Frappe 15.44 counts the rows of any doctype with `frappe.db.count`,
without a permission check: a class teacher could count another teacher's incidents or ratings.
It is overridden (hooks: override_whitelisted_methods) to count what `frappe.get_list` would list
to the same user, so the count never says more than the list."""

import frappe
from frappe import _

from class_teacher_appraisal import compat


@frappe.whitelist()
@frappe.read_only()
def get_count(
	doctype: str | None = None, filters=None, debug=False, cache=False, parent: str | None = None
) -> int:
	from class_teacher_appraisal.validation import required

	required(doctype, _("Document Type"))
	if frappe.is_table(doctype):
		compat.check_parent_permission(parent, doctype)
	from frappe.client import get_safe_filters

	return compat.count_listed(doctype, get_safe_filters(filters), parent)
