# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

from frappe.model.document import Document


class InspectionRoundEntry(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		class_name: DF.Data | None
		class_record: DF.Link
		deduction: DF.Float
		incident_count: DF.Int
		incident_type: DF.Autocomplete | None
		level: DF.Autocomplete | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		remarks: DF.Data | None
		score: DF.Float
	# end: auto-generated types
	pass
