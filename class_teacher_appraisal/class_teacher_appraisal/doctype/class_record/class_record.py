# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from class_teacher_appraisal.html_text import text
from class_teacher_appraisal.scoring.tenure import Assignment, current_teacher, overlapping
from class_teacher_appraisal.utils import full_names, grade_source_name
from class_teacher_appraisal.validation import COUNT, check_numbers


class ClassRecord(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from class_teacher_appraisal.class_teacher_appraisal.doctype.class_teacher_assignment.class_teacher_assignment import (
			ClassTeacherAssignment,
		)

		academic_year: DF.Data
		assignments: DF.Table[ClassTeacherAssignment]
		class_name: DF.Data
		class_teacher: DF.Link | None
		deputy_teacher: DF.Link | None
		grade_level: DF.Int
		is_active: DF.Check
		pupil_count: DF.Int
		school: DF.Link | None
		teacher_rank: DF.Data | None

	# end: auto-generated types
	def autoname(self):
		"""On a county site a class is named with its school ("城关一小 2025-2026 一年级(1)班"): two
		schools have a 一年级(1)班 each. Without a school, the DocType's rule ("2025-2026 一年级(1)班")."""
		from class_teacher_appraisal.county import schools

		school = self.school or schools.own_school()
		if school:
			self.name = f"{school} {self.academic_year} {self.class_name}"

	def validate(self):
		check_numbers(self, {"pupil_count": (0, COUNT)})
		self.validate_grade_level()
		self.grade_name = grade_source_name(self.grade_level)
		self.validate_assignments()
		self.set_current_teacher()
		self.validate_teachers()
		self.set_teacher_names()

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

	def set_teacher_names(self):
		"""The full names beside the teacher links. Frappe fetches them before validate, but here the
		class teacher follows the dates and a class set up with a class teacher alone gets its
		assignment, both after the fetch."""
		names = full_names([self.class_teacher, *(row.teacher for row in self.assignments)])
		self.teacher_name = names.get(self.class_teacher) if self.class_teacher else None
		for row in self.assignments:
			row.teacher_name = names.get(row.teacher)

	def tenure(self) -> list[Assignment]:
		return [
			Assignment(
				row.teacher,
				getdate(row.from_date) if row.from_date else None,
				getdate(row.to_date) if row.to_date else None,
			)
			for row in self.assignments
		]

	def validate_assignments(self):
		"""Each assignment ends on or after its first day, and a class has one class teacher at a time."""
		for row in self.assignments:
			if row.from_date and row.to_date and getdate(row.to_date) < getdate(row.from_date):
				frappe.throw(
					_("Class teacher row {0}: the last day on post ({1}) is before the first ({2}).").format(
						row.idx, row.to_date, row.from_date
					),
					title=_("Invalid Assignment"),
				)
		clash = overlapping(self.tenure())
		if clash:
			a, b = (self.assignments[i] for i in clash)
			names = full_names([a.teacher, b.teacher])
			frappe.throw(
				_(
					"Class teacher rows {0} and {1}: {2} and {3} would be on post on the same days; a class has one class teacher at a time. Give the leaving teacher's last day first."
				).format(a.idx, b.idx, text(names.get(a.teacher, "—")), text(names.get(b.teacher, "—"))),
				title=_("Overlapping Assignments"),
			)

	def set_current_teacher(self):
		"""The class teacher is the one on post today, from the assignments as saved; a class set up
		with a class teacher alone gets an open assignment for them (on post since before any period)."""
		if not self.assignments:
			if self.class_teacher:
				self.append("assignments", {"teacher": self.class_teacher})
			return
		current = current_teacher(self.tenure(), getdate())
		stored = None if self.is_new() else frappe.db.get_value(self.doctype, self.name, "class_teacher")
		if self.class_teacher and self.class_teacher not in (current, stored):
			names = full_names([stored or current, self.class_teacher])
			frappe.throw(
				_(
					"The class teacher follows the assignments: give {0}'s last day on post and add {1} from their first day."
				).format(text(names.get(stored or current, "—")), text(names[self.class_teacher])),
				title=_("Change the Class Teacher by Date"),
			)
		self.class_teacher = current
