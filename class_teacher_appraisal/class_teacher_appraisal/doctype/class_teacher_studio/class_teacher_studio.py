# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

"""A master class-teacher studio (名班主任工作室): its limits. Its charter is checked to be a rubric
for studio members by studios.charters.validate_studio (hooks: doc_events); its people are its
Studio Memberships, its work its Studio Activities and its members' Appraisal Activities."""

from frappe import _
from frappe.model.document import Document

from class_teacher_appraisal.studios.people import check_studio_limits
from class_teacher_appraisal.validation import COUNT, check_numbers


class ClassTeacherStudio(Document):
	def validate(self):
		check_numbers(
			self, {"max_members": (0, COUNT), "max_from_host_school": (0, COUNT)}, title=_("Invalid Studio")
		)
		self.studio_name = (self.studio_name or "").strip()
		self.host_school = (self.host_school or "").strip()
		check_studio_limits(self)
