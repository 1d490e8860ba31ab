# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

from frappe.model.document import Document


class AppraisalSchool(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		is_active: DF.Check
		school_code: DF.Data | None
		school_name: DF.Data
		township: DF.Data | None
	# end: auto-generated types

	def validate(self):
		self.school_name = (self.school_name or "").strip()
		self.school_code = (self.school_code or "").strip() or None
		self.township = (self.township or "").strip() or None
