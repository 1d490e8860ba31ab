from class_teacher_appraisal.install import show_people_by_name


def execute():
	"""Sites that had the app before: link fields to a person show the full name (once; a site that
	decided otherwise keeps its choice)."""
	show_people_by_name()
