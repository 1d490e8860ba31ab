# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

from frappe.model.document import Document


class ClassTeacherAppraisalLine(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		adjustment: DF.Float
		adjustment_reason: DF.SmallText | None
		computed_points: DF.Float
		criterion_code: DF.Data | None
		criterion_title: DF.Data | None
		evidence: DF.JSON | None
		explanation: DF.SmallText | None
		manual_entered: DF.Check
		manual_points: DF.Float
		max_points: DF.Float
		needs_input: DF.Check
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		points: DF.Float
		rule_kind: DF.Data | None
		section_code: DF.Data | None
	# end: auto-generated types
	pass
