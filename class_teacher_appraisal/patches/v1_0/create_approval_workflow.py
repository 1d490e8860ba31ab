from class_teacher_appraisal.setup.workflow import create_workflow


def execute():
	"""Sites that had the app before the approval workflow shipped get it (if they have none)."""
	create_workflow()
