# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt

from class_teacher_appraisal.html_text import text
from class_teacher_appraisal.names import APPRAISAL, RUBRIC
from class_teacher_appraisal.scoring import Kind
from class_teacher_appraisal.validation import COUNT, POINTS, check_numbers


class AppraisalBallotTally(Document):
	"""The office's count of paper ballots for one appraisal, one rated criterion and one rater
	group (issue 13, rule 7): each level's ballots weigh in the group's average like that many
	ratings of the level's score."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from class_teacher_appraisal.class_teacher_appraisal.doctype.appraisal_ballot_count.appraisal_ballot_count import (
			AppraisalBallotCount,
		)

		appraisal: DF.Link
		appraisal_period: DF.Link | None
		average_score: DF.Float
		class_record: DF.Link | None
		class_teacher: DF.Link | None
		counts: DF.Table[AppraisalBallotCount]
		criterion_code: DF.Data
		rater_group: DF.Literal["Leadership", "Teachers", "Students", "Parents", "Self"]
		remarks: DF.SmallText | None
		tally_key: DF.Data | None
		title: DF.Data | None
		total_ballots: DF.Int
	# end: auto-generated types

	def validate(self):
		check_numbers(
			self,
			{"counts.ballots": (0, COUNT * 10), "counts.score": (0, POINTS)},
			title=_("Invalid Ballot Tally"),
		)
		appraisal = frappe.db.get_value(
			APPRAISAL, self.appraisal, ["docstatus", "rubric", "class_name", "appraisal_period"], as_dict=True
		)
		if not appraisal:
			self.throw(_("Choose the appraisal the ballots are for."))
		if not self.is_new() and self.appraisal != self.get_doc_before_save().appraisal:
			frappe.throw(_("A ballot tally cannot move to another appraisal."), exc=frappe.PermissionError)
		if appraisal.docstatus != 0:
			self.throw(_("Appraisal {0} is no longer open for ratings.").format(text(self.appraisal)))
		self.validate_criterion(appraisal.rubric)
		self.validate_counts(appraisal.rubric)
		self.title = f"{appraisal.class_name} · {self.criterion_code} · {_(self.rater_group)}"
		self.tally_key = f"{self.appraisal}|{self.criterion_code}|{self.rater_group}"
		other = frappe.db.get_value(
			self.doctype, {"tally_key": self.tally_key, "name": ["!=", self.name or ""]}, "name"
		)
		if other:
			self.throw(
				_("The {0} group's ballots for {1} are already counted in {2}.").format(
					_(self.rater_group), text(self.criterion_code), other
				)
			)

	def throw(self, message):
		frappe.throw(message, title=_("Invalid Ballot Tally"))

	def validate_criterion(self, rubric_name: str):
		rubric = frappe.get_cached_doc(RUBRIC, rubric_name)
		rated = {c.criterion_code for c in rubric.criteria if c.rule_kind == Kind.RATING}
		if self.criterion_code not in rated:
			self.throw(
				_("{0} is not a rated criterion of rubric {1}.").format(
					text(self.criterion_code), text(rubric_name)
				)
			)
		groups = {r.rater_group for r in rubric.rater_weights if r.criterion_code == self.criterion_code}
		if self.rater_group not in groups:
			self.throw(
				_("The {0} group does not rate {1} in this rubric.").format(
					_(self.rater_group), text(self.criterion_code)
				)
			)

	def validate_counts(self, rubric_name: str):
		"""Scores on the rubric's rating scale; the count and the average are the server's."""
		scale = flt(frappe.get_cached_doc(RUBRIC, rubric_name).rating_scale) or 100
		for row in self.counts:
			if not 0 <= flt(row.score) <= scale:
				self.throw(
					_("Row {0}: the score of a ballot must be between 0 and {1}, not {2}.").format(
						row.idx, f"{scale:g}", f"{flt(row.score):g}"
					)
				)
		self.total_ballots = sum(cint(row.ballots) for row in self.counts)
		if not self.total_ballots:
			self.throw(_("Count at least one ballot."))
		self.average_score = (
			sum(flt(row.score) * cint(row.ballots) for row in self.counts) / self.total_ballots
		)
