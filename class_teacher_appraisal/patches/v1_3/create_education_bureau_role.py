from class_teacher_appraisal.install import create_roles


def execute():
	"""A county on one site (issue 17): sites that had the app before get the Education Bureau role
	(教育局), created only where missing."""
	create_roles()
