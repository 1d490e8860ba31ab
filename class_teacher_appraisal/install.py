"""Set-up that the app does in code rather than with fixtures.

Fixtures are re-imported with force on every migrate and would overwrite a
school's edits; everything here creates only what is missing.
"""

import frappe

SCHOOL_DEFAULTS = {
	"country": "China",
	"timezone": "Asia/Shanghai",
	"currency": "CNY",
}


def after_install():
	create_setup_records()
	create_delivery_records()
	show_people_by_name()


def show_people_by_name():
	"""Link fields to a person (User) show the full name, with the user id under it in the search:
	Frappe's *Show Title in Link Fields* on User, as a Property Setter. Run once (at install and by a
	patch), never on migrate: a site that has decided it either way keeps its choice, and unticking it
	in Customize Form (which deletes the Property Setter) is not undone."""
	from frappe.custom.doctype.property_setter.property_setter import make_property_setter

	decided = frappe.db.exists(
		"Property Setter", {"doc_type": "User", "property": "show_title_field_in_link"}
	)
	if decided or frappe.get_meta("User").show_title_field_in_link:
		return
	make_property_setter(
		"User",
		None,
		"show_title_field_in_link",
		"1",
		"Check",
		for_doctype=True,
		validate_fields_for_doctype=False,
	)
	frappe.clear_cache(doctype="User")


def create_delivery_records():
	"""The disabled scheduled emails and group-robot Webhook (integrations/delivery.py)."""
	from class_teacher_appraisal.integrations.delivery import create_delivery_records

	create_delivery_records()


def create_roles():
	"""The app's roles (English names, shown translated: 值周检查员, 教导处/德育处, 校长, 班主任, 值周学生)."""
	from class_teacher_appraisal.names import ROLES

	for role in ROLES:
		if not frappe.db.exists("Role", role):
			frappe.get_doc({"doctype": "Role", "role_name": role, "desk_access": 1}).insert(
				ignore_permissions=True
			)


def create_setup_records():
	"""Roles, seed inspection items and rubrics, each only if the school has none of that name."""
	from class_teacher_appraisal.raters import create_default_rater_roles
	from class_teacher_appraisal.setup.exit_workflow import create_exit_workflow
	from class_teacher_appraisal.setup.seed_rubrics import ACTIVITY_KINDS, INSPECTION_ITEMS, RUBRICS
	from class_teacher_appraisal.setup.workflow import create_workflow
	from class_teacher_appraisal.studios.workflow import create_studio_workflow

	create_roles()
	create_workflow()
	create_exit_workflow()
	create_studio_workflow()
	create_default_rater_roles()
	for item in INSPECTION_ITEMS:
		if not frappe.db.exists("Inspection Item", item["item_name"]):
			frappe.get_doc({"doctype": "Inspection Item", **item}).insert(ignore_permissions=True)
	for name, measure, category, description in ACTIVITY_KINDS:  # what the studio charters count
		if not frappe.db.exists("Activity Kind", name):
			frappe.get_doc(
				{
					"doctype": "Activity Kind",
					"activity_kind_name": name,
					"measure": measure,
					"archive_category": category,
					"description": description,
				}
			).insert(ignore_permissions=True)
	for rubric in RUBRICS:
		# Any version of the rubric counts: a school that edited or replaced it keeps its own.
		if not frappe.db.exists("Appraisal Rubric", {"rubric_name": rubric["rubric_name"]}):
			frappe.get_doc({"doctype": "Appraisal Rubric", **rubric}).insert(ignore_permissions=True)


def before_tests():
	"""Test sites start with the setup wizard done, in English, with Chinese school defaults."""
	frappe.clear_cache()
	complete_setup_wizard("en")
	frappe.db.commit()  # nosemgrep: frappe-manual-commit — runs once per test session, before the per-test rollbacks


def erpnext_wizard_args() -> dict:
	"""ERPNext's setup wizard stages also make the site's first company and fiscal year, and fail
	without them: on a site with ERPNext (as a school's often is) the school itself is the company."""
	if "erpnext" not in frappe.get_installed_apps():
		return {}
	year = frappe.utils.getdate().year
	return {
		"company_name": "示范学校",
		"company_abbr": "SFXX",
		"chart_of_accounts": "Standard",
		"fy_start_date": f"{year}-01-01",
		"fy_end_date": f"{year}-12-31",
		"setup_demo": 0,
	}


def prepare_site(language: str = "zh"):
	"""Makes a new site usable at first login (scripts/run): the setup wizard is done."""
	complete_setup_wizard(language)
	frappe.db.commit()  # nosemgrep: frappe-manual-commit — called from bench execute, which does not commit


def complete_setup_wizard(language: str = "en"):
	"""Finishes Frappe's setup wizard without a browser, if it is not done yet."""
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	if not frappe.db.get_single_value("System Settings", "setup_complete"):
		name = frappe.db.get_value("Language", language, "language_name") or "English"
		# Frappe 15 reads the language's name from "language" and, for non-English, from "lang" too.
		args = {"language": name, "lang": name, "full_name": "Administrator", **SCHOOL_DEFAULTS}
		setup_complete({**args, **erpnext_wizard_args()})
		# ERPNext's install sets the site-wide date format to dd-mm-yyyy, and the wizard's System
		# Settings (the country's yyyy-mm-dd) leave it so when they do not change the field
		frappe.db.set_default("date_format", frappe.db.get_single_value("System Settings", "date_format"))
	# Frappe alone keeps no default currency (ERPNext does); allowances are paid in yuan.
	if not frappe.db.get_default("currency"):
		frappe.db.set_default("currency", SCHOOL_DEFAULTS["currency"])
