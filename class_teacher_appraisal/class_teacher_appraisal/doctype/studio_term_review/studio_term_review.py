# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

"""A host's term grading of one member of their studio (studios/term_reviews.py checks who)."""

from frappe.model.document import Document

from class_teacher_appraisal.studios import term_reviews


class StudioTermReview(Document):
	def validate(self):
		term_reviews.validate(self)
