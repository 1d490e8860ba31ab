# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

from frappe.model.document import Document


class RedFlagAward(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		appraisal_period: DF.Link
		average_score: DF.Float
		class_name: DF.Data | None
		class_record: DF.Link
		class_teacher: DF.Link | None
		grade_level: DF.Int
		ineligible: DF.Check
		inspection_item: DF.Link
		level_flags: DF.Float
		rank: DF.Int
		red_flags: DF.Float
		revoked: DF.Int
		week_start: DF.Date
		weekly_award: DF.Int
	# end: auto-generated types
	pass
