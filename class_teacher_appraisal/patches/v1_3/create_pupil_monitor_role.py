from class_teacher_appraisal.install import create_roles


def execute():
	"""Sites from before the duty roster get the Pupil Monitor role (值周学生); roles a school already
	has are left as they are."""
	create_roles()
