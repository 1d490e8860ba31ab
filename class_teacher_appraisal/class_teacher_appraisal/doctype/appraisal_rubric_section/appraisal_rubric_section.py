# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

from frappe.model.document import Document


class AppraisalRubricSection(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		allow_above_max: DF.Check
		evidence_method: DF.SmallText | None
		max_points: DF.Float
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		section_code: DF.Data
		section_title: DF.Data
		weight_percent: DF.Percent
	# end: auto-generated types
	pass
