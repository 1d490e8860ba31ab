"""Helpers that create test records through the ORM (rolled back with the test)."""

import frappe


def make_user(email: str, *roles: str, first_name: str | None = None) -> str:
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name or email.split("@")[0],
				"send_welcome_email": 0,
				"user_type": "System User",
			}
		)
		user.insert(ignore_permissions=True)
	if roles:
		frappe.get_doc("User", email).add_roles(*roles)
	return email


def make_class(class_name: str = "三年级(2)班", grade_level: int = 3, academic_year: str = "2025-2026", **kw):
	doc = frappe.get_doc(
		{
			"doctype": "Class Record",
			"class_name": class_name,
			"grade_level": grade_level,
			"academic_year": academic_year,
			**kw,
		}
	)
	return doc.insert()
