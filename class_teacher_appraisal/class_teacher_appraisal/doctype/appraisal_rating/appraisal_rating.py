# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from class_teacher_appraisal import raters
from class_teacher_appraisal.html_text import text
from class_teacher_appraisal.permissions import is_about
from class_teacher_appraisal.validation import check_numbers


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
		rater_key: DF.Data | None
		scores: DF.Table[AppraisalRatingScore]

	# end: auto-generated types
	def validate(self):
		check_numbers(self, title=_("Invalid Rating"))  # the scale is checked with the rubric below
		self.set_rater()
		self.validate_appraisal()
		self.validate_scores()
		self.validate_duplicate()

	def set_rater(self):
		"""The rater is whoever enters the rating (the administrator may enter one for a rater), and
		their group follows from who they are, never from what the form says."""
		user = frappe.session.user
		if self.is_new() and not (user == "Administrator" or "System Manager" in frappe.get_roles(user)):
			self.rater = user
		elif not self.is_new():
			self.rater = self.get_doc_before_save().rater
		if not self.rater:
			frappe.throw(_("A rating needs its rater."), title=_("Invalid Rating"))
		period = frappe.db.get_value("Class Teacher Appraisal", self.appraisal, "appraisal_period")
		group = raters.group_of(self.rater, period)
		if not group:
			frappe.throw(
				_(
					"{0} is not a rater: the office names raters on the period or by role in the settings."
				).format(frappe.utils.get_fullname(self.rater)),
				title=_("Not a Rater"),
				exc=frappe.PermissionError,
			)
		self.rater_group = group

	def validate_appraisal(self):
		"""Only drafts under review are rated, never by anyone about their own class."""
		row = frappe.db.get_value(
			"Class Teacher Appraisal",
			self.appraisal,
			["docstatus", "class_teacher", "class_record"],
			as_dict=True,
		)
		if not row:
			frappe.throw(_("Choose the appraisal to rate."), title=_("Invalid Rating"))
		if self.is_new() and row.docstatus != 0:
			frappe.throw(
				_("Appraisal {0} is no longer open for ratings.").format(text(self.appraisal)),
				title=_("Invalid Rating"),
			)
		if not self.is_new() and self.appraisal != self.get_doc_before_save().appraisal:
			frappe.throw(_("A rating cannot move to another appraisal."), exc=frappe.PermissionError)
		if is_about(self.rater, row.class_teacher, row.class_record):
			frappe.throw(
				_("Nobody rates the appraisal of their own class."),
				title=_("Not Allowed"),
				exc=frappe.PermissionError,
			)

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
						row.idx, text(row.criterion_code), text(rubric.name)
					),
					title=_("Invalid Rating"),
				)
			if (row.criterion_code, self.rater_group) not in groups:
				frappe.throw(
					_("Row {0}: the {1} group does not rate {2} in this rubric.").format(
						row.idx, _(self.rater_group), text(row.criterion_code)
					),
					title=_("Invalid Rating"),
				)
			if not 0 <= flt(row.score) <= scale:
				frappe.throw(
					_("Row {0}: the score must be between 0 and {1}, not {2}.").format(
						row.idx, text(scale), row.score
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
				_("{0} has already rated this appraisal ({1}).").format(
					text(frappe.utils.get_fullname(self.rater)), text(other)
				),
				title=_("Duplicate Rating"),
				exc=frappe.DuplicateEntryError,
			)
		self.rater_key = f"{self.appraisal}|{self.rater}"

	def on_cancel(self):
		self.db_set("rater_key", None)  # a cancelled rating may be amended
