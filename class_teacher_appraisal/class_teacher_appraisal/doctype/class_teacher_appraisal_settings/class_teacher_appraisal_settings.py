# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

from frappe.model.document import Document

from class_teacher_appraisal.validation import check_numbers


class ClassTeacherAppraisalSettings(Document):
	def validate(self):
		check_numbers(self, {"appeal_days": (0, 365)})
