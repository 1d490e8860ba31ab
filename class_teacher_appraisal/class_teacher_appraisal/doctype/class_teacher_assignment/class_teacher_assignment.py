# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

from frappe.model.document import Document


class ClassTeacherAssignment(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from_date: DF.Date | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		teacher: DF.Link
		teacher_name: DF.Data | None
		to_date: DF.Date | None
	# end: auto-generated types
	pass
