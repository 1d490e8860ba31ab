# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

"""One studio member's annual assessment: scored from the charter by the scoring core, the host's
hand-scored lines kept, everything else from stored state (studios/assessments.py)."""

from frappe.model.document import Document

from class_teacher_appraisal.studios import assessments


class StudioAssessment(Document):
	def validate(self):
		assessments.validate(self)

	def on_submit(self):
		assessments.on_submit(self)

	def before_cancel(self):
		assessments.before_cancel(self)

	def on_cancel(self):
		assessments.on_cancel(self)
