# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

from frappe.model.document import Document

from class_teacher_appraisal.duty.checks import check_roster


class DutyRoster(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from class_teacher_appraisal.class_teacher_appraisal.doctype.duty_roster_assignment.duty_roster_assignment import (
			DutyRosterAssignment,
		)

		appraisal_period: DF.Link | None
		assignments: DF.Table[DutyRosterAssignment]
		from_date: DF.Date
		remarks: DF.SmallText | None
		title: DF.Data
		to_date: DF.Date

	# end: auto-generated types
	def validate(self):
		check_roster(self)
