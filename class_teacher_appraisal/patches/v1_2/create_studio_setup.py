from class_teacher_appraisal.install import create_setup_records


def execute():
	"""Sites that had the app before the studios (issue 14) get the studio charters, their activity
	kinds and the Studio Assessment Approval workflow (only what is missing)."""
	create_setup_records()
