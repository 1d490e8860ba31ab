# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

from frappe.model.document import Document


class AppraisalGradeBand(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		allowance: DF.Currency
		grade: DF.Data
		min_score: DF.Float
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		set_by_school: DF.Check
		withhold_all: DF.Check
	# end: auto-generated types
	pass
