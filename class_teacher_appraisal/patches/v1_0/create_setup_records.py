from class_teacher_appraisal.install import create_setup_records


def execute():
	"""Sites that had the app before the seed rubrics shipped get them (only what is missing)."""
	create_setup_records()
