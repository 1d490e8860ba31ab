# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

from frappe.model.document import Document


class InspectionItemIncidentType(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		default_deduction: DF.Float
		incident_type: DF.Data
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		set_by_school: DF.Check
	# end: auto-generated types
	pass
