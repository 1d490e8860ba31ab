# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

from frappe.model.document import Document


class DutyRosterAssignment(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		class_record: DF.Link | None
		confirming_teacher: DF.Link | None
		duty_role: DF.Literal["Teacher", "Pupil Monitor"]
		from_date: DF.Date | None
		grade_level: DF.Int
		inspection_item: DF.Link
		inspector: DF.Link
		inspector_name: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		pupil_class: DF.Link | None
		to_date: DF.Date | None
		weekday: DF.Literal["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
	# end: auto-generated types
	pass
