# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from class_teacher_appraisal.validation import COUNT, check_numbers


class ClassRecord(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		academic_year: DF.Data
		class_name: DF.Data
		class_teacher: DF.Link | None
		deputy_teacher: DF.Link | None
		grade_level: DF.Int
		is_active: DF.Check
		pupil_count: DF.Int
		teacher_rank: DF.Data | None

	# end: auto-generated types
	def validate(self):
		check_numbers(self, {"pupil_count": (0, COUNT)})
		self.validate_grade_level()
		self.validate_teachers()

	def validate_grade_level(self):
		if not 1 <= (self.grade_level or 0) <= 12:
			frappe.throw(
				_("Grade level must be between 1 and 12, not {0}.").format(self.grade_level),
				title=_("Invalid Grade Level"),
			)

	def validate_teachers(self):
		if self.class_teacher and self.class_teacher == self.deputy_teacher:
			frappe.throw(
				_("The deputy class teacher cannot be the class teacher."), title=_("Invalid Teachers")
			)
