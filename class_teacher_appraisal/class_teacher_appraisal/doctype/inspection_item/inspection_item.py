# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from class_teacher_appraisal.html_text import text
from class_teacher_appraisal.validation import COUNT, POINTS, check_numbers


class InspectionItem(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from class_teacher_appraisal.class_teacher_appraisal.doctype.inspection_item_incident_type.inspection_item_incident_type import (
			InspectionItemIncidentType,
		)
		from class_teacher_appraisal.class_teacher_appraisal.doctype.inspection_item_level.inspection_item_level import (
			InspectionItemLevel,
		)

		description: DF.SmallText | None
		incident_types: DF.Table[InspectionItemIncidentType]
		is_active: DF.Check
		item_name: DF.Data
		levels: DF.Table[InspectionItemLevel]
		max_score: DF.Float
		scoring_method: DF.Literal["Score", "Level", "Incident Count"]
		weekly_flag_winners: DF.Int

	# end: auto-generated types
	def validate(self):
		check_numbers(
			self,
			{
				"max_score": (0, POINTS),
				"weekly_flag_winners": (0, COUNT),
				"levels.red_flags": (0, COUNT),
				"incident_types.default_deduction": (0, POINTS),
			},
			title=_("Invalid Inspection Item"),
		)
		self.validate_scoring()
		self.validate_levels()
		self.validate_incident_types()

	def validate_scoring(self):
		if self.scoring_method == "Incident Count":
			self.max_score = 0
		elif (self.max_score or 0) <= 0:
			frappe.throw(
				_("Inspection item {0} needs a maximum score above 0.").format(text(self.item_name)),
				title=_("Invalid Inspection Item"),
			)

	def validate_levels(self):
		if self.scoring_method == "Level" and not self.levels:
			frappe.throw(
				_("Inspection item {0} is scored by level: add its levels (e.g. 优秀, 合格).").format(
					text(self.item_name)
				),
				title=_("Invalid Inspection Item"),
			)
		seen = set()
		for row in self.levels:
			if row.level in seen:
				frappe.throw(
					_("Level {0} is listed twice.").format(text(row.level)),
					title=_("Invalid Inspection Item"),
				)
			seen.add(row.level)
			if (row.score or 0) < 0 or (row.score or 0) > (self.max_score or 0):
				frappe.throw(
					_("Row {0}: the score of level {1} must be between 0 and the maximum score {2}.").format(
						row.idx, text(row.level), self.max_score
					),
					title=_("Invalid Inspection Item"),
				)

	def validate_incident_types(self):
		seen = set()
		for row in self.incident_types:
			if row.incident_type in seen:
				frappe.throw(
					_("Incident type {0} is listed twice.").format(text(row.incident_type)),
					title=_("Invalid Inspection Item"),
				)
			seen.add(row.incident_type)
