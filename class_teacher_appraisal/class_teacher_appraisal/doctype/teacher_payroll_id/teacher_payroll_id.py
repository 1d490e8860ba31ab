# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class TeacherPayrollID(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		employee: DF.Data
		teacher: DF.Link
		teacher_name: DF.Data | None
	# end: auto-generated types

	def validate(self):
		self.validate_employee()

	def validate_employee(self):
		self.employee = (self.employee or "").strip()
		if not self.employee:
			frappe.throw(_("Employee (Payroll ID) is required."), title=_("Missing Value"))
		taken = frappe.db.get_value(
			"Teacher Payroll ID", {"employee": self.employee, "name": ("!=", self.name or "")}, "teacher"
		)
		if taken:
			frappe.throw(
				_("Payroll ID {0} is already given to {1}.").format(self.employee, taken),
				exc=frappe.DuplicateEntryError,
				title=_("Duplicate Payroll ID"),
			)
