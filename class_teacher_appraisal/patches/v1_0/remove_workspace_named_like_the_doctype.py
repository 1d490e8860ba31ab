import frappe


def execute():
	"""The first workspace was named "Class Teacher Appraisal", like the DocType, and took over
	its route (/app/class-teacher-appraisal); it is now "Class Teacher Appraisals"."""
	if frappe.db.exists(
		"Workspace", {"name": "Class Teacher Appraisal", "module": "Class Teacher Appraisal"}
	):
		frappe.delete_doc("Workspace", "Class Teacher Appraisal", ignore_permissions=True, force=True)
