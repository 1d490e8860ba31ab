"""Which rater group a person rates in: named on the period by the office, or else by their role
(Class Teacher Appraisal Settings, first matching row). Nobody chooses their own group."""

import frappe

SETTINGS = "Class Teacher Appraisal Settings"

# What a new site starts with; the office edits it in the settings.
DEFAULT_RATER_ROLES = (
	("Principal", "Leadership"),
	("Academic Office", "Leadership"),
	("Class Teacher", "Teachers"),
)


def group_of(user: str, period: str | None) -> str | None:
	if not user or user == "Guest":
		return None
	if period:
		named = frappe.db.get_value(
			"Appraisal Rater",
			{"parenttype": "Appraisal Period", "parent": period, "user": user},
			"rater_group",
		)
		if named:
			return named
	roles = set(frappe.get_roles(user))
	for row in frappe.get_all(
		"Appraisal Rater",
		filters={"parenttype": SETTINGS, "parent": SETTINGS},
		fields=["role", "rater_group"],
		order_by="idx asc",
	):
		if row.role in roles:
			return row.rater_group
	return None


def create_default_rater_roles():
	"""Fills the settings' role → group table once, when it is empty (a school's edits stay)."""
	if frappe.db.count("Appraisal Rater", {"parenttype": SETTINGS}):
		return
	settings = frappe.get_single(SETTINGS)
	for role, group in DEFAULT_RATER_ROLES:
		settings.append("rater_roles", {"role": role, "rater_group": group})
	settings.flags.ignore_permissions = True
	settings.save()
