"""Row-level permissions: a class teacher sees only their own classes' inspections and their
own appraisals, and a rater only the ratings they gave. Applied by Frappe to the Desk, the
REST API, frappe.get_list and reports alike (hooks: permission_query_conditions, has_permission)."""

import frappe

OFFICE = "Academic Office"
PRINCIPAL = "Principal"
INSPECTOR = "Duty Inspector"
CLASS_TEACHER = "Class Teacher"
ROLES = (INSPECTOR, OFFICE, PRINCIPAL, CLASS_TEACHER)

# Roles that see every class's records.
SEE_ALL = {"System Manager", OFFICE, PRINCIPAL, INSPECTOR}
SEE_ALL_RATINGS = {"System Manager", OFFICE, PRINCIPAL}


def _user(user):
	return user or frappe.session.user


def sees_all(user=None, roles=SEE_ALL) -> bool:
	user = _user(user)
	return user == "Administrator" or bool(roles & set(frappe.get_roles(user)))


def own_classes(user) -> list[str]:
	return frappe.get_all(
		"Class Record",
		or_filters={"class_teacher": user, "deputy_teacher": user},
		pluck="name",
	)


# ------------------------------------------------------------ list conditions


def inspection_conditions(user=None) -> str:
	user = _user(user)
	if sees_all(user):
		return ""
	classes = own_classes(user)
	if not classes:
		return "1=0"
	return "`tabInspection`.`class_record` in ({})".format(", ".join(frappe.db.escape(c) for c in classes))


def appeal_conditions(user=None) -> str:
	user = _user(user)
	if sees_all(user, SEE_ALL_RATINGS):
		return ""
	return f"`tabAppraisal Appeal`.`class_teacher` = {frappe.db.escape(user)}"


def appeal_permission(doc, ptype=None, user=None) -> bool:
	user = _user(user)
	if sees_all(user, SEE_ALL_RATINGS):
		return True
	if doc.class_teacher:
		return doc.class_teacher == user
	# a new appeal: its teacher is fetched from the appraisal on save
	return frappe.db.get_value("Class Teacher Appraisal", doc.appraisal, "class_teacher") == user


def appraisal_conditions(user=None) -> str:
	user = _user(user)
	if sees_all(user):
		return ""
	return f"`tabClass Teacher Appraisal`.`class_teacher` = {frappe.db.escape(user)}"


def rating_conditions(user=None) -> str:
	user = _user(user)
	if sees_all(user, SEE_ALL_RATINGS):
		return ""
	return f"`tabAppraisal Rating`.`rater` = {frappe.db.escape(user)}"


# ------------------------------------------------------------ single documents


def inspection_permission(doc, ptype=None, user=None) -> bool:
	user = _user(user)
	if sees_all(user):
		return True
	return doc.class_record in own_classes(user)


def appraisal_permission(doc, ptype=None, user=None) -> bool:
	user = _user(user)
	return sees_all(user) or doc.class_teacher == user


def rating_permission(doc, ptype=None, user=None) -> bool:
	user = _user(user)
	return sees_all(user, SEE_ALL_RATINGS) or doc.rater == user


def visible_classes(user=None) -> list[str] | None:
	"""The classes whose inspections a user may read: None means every class (used by reports
	whose grouped queries cannot go through frappe.get_list)."""
	user = _user(user)
	return None if sees_all(user) else own_classes(user)
