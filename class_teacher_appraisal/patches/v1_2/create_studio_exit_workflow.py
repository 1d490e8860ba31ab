from class_teacher_appraisal.setup.exit_workflow import create_exit_workflow


def execute():
	"""Sites that had the app before the studios (issue 14) get the Studio Exit Approval workflow
	(if they have none)."""
	create_exit_workflow()
