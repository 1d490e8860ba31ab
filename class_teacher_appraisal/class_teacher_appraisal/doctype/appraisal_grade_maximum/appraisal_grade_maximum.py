# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

from frappe.model.document import Document


class AppraisalGradeMaximum(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		criterion_code: DF.Data
		grade_levels: DF.Data
		max_points: DF.Float
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		quota: DF.Float
	# end: auto-generated types
	pass
