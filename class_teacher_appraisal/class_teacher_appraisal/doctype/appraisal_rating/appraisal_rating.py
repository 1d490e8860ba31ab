# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt


class AppraisalRating(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from class_teacher_appraisal.class_teacher_appraisal.doctype.appraisal_rating_score.appraisal_rating_score import (
			AppraisalRatingScore,
		)

		amended_from: DF.Link | None
		appraisal: DF.Link
		appraisal_period: DF.Link | None
		class_record: DF.Link | None
		class_teacher: DF.Link | None
		comment: DF.SmallText | None
		rater: DF.Link
		rater_group: DF.Literal["Leadership", "Teachers", "Students", "Parents", "Self"]
		scores: DF.Table[AppraisalRatingScore]

	# end: auto-generated types
	def validate(self):
		self.validate_scores()
		self.validate_duplicate()

	def validate_scores(self):
		rubric = frappe.get_cached_doc(
			"Appraisal Rubric", frappe.db.get_value("Class Teacher Appraisal", self.appraisal, "rubric")
		)
		rated = {c.criterion_code: c for c in rubric.criteria if c.rule_kind == "Weighted Rating"}
		groups = {(r.criterion_code, r.rater_group) for r in rubric.rater_weights}
		scale = flt(rubric.rating_scale) or 100
		if not self.scores:
			frappe.throw(_("Enter at least one score."), title=_("Invalid Rating"))
		for row in self.scores:
			if row.criterion_code not in rated:
				frappe.throw(
					_("Row {0}: {1} is not a rated criterion of rubric {2}.").format(
						row.idx, row.criterion_code, rubric.name
					),
					title=_("Invalid Rating"),
				)
			if (row.criterion_code, self.rater_group) not in groups:
				frappe.throw(
					_("Row {0}: the {1} group does not rate {2} in this rubric.").format(
						row.idx, _(self.rater_group), row.criterion_code
					),
					title=_("Invalid Rating"),
				)
			if not 0 <= flt(row.score) <= scale:
				frappe.throw(
					_("Row {0}: the score must be between 0 and {1}, not {2}.").format(
						row.idx, scale, row.score
					),
					title=_("Invalid Rating"),
				)
			row.criterion_title = rated[row.criterion_code].criterion_title

	def validate_duplicate(self):
		other = frappe.db.get_value(
			"Appraisal Rating",
			{
				"appraisal": self.appraisal,
				"rater": self.rater,
				"docstatus": ["<", 2],
				"name": ["!=", self.name or ""],
			},
			"name",
		)
		if other:
			frappe.throw(
				_("{0} has already rated this appraisal ({1}).").format(self.rater, other),
				title=_("Duplicate Rating"),
			)
