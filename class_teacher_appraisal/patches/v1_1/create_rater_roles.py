"""Sites from before rater groups followed the rater: fill the settings' role → group table once."""

from class_teacher_appraisal.raters import create_default_rater_roles


def execute():
	create_default_rater_roles()
