from class_teacher_appraisal.install import create_roles


def execute():
	"""Sites that had the app before its roles shipped get them."""
	create_roles()
