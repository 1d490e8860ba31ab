# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from class_teacher_appraisal import period_jobs
from class_teacher_appraisal.html_text import text
from class_teacher_appraisal.validation import check_numbers, require_post


class AppraisalPeriod(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from class_teacher_appraisal.class_teacher_appraisal.doctype.appraisal_rater.appraisal_rater import (
			AppraisalRater,
		)

		academic_year: DF.Data | None
		appraisal_count: DF.Int
		end_date: DF.Date
		flags_awarded_on: DF.Datetime | None
		last_recomputed_on: DF.Datetime | None
		period_name: DF.Data
		period_type: DF.Literal["Week", "Month", "Term", "Year"]
		raters: DF.Table[AppraisalRater]
		rubric: DF.Link
		school: DF.Link | None
		start_date: DF.Date

	# end: auto-generated types
	def autoname(self):
		"""A period is named by its name ("2025年10月"), and on a county site with its school ("城关一小
		2025年10月"): every school has its own period of a county term, of the same dates and maybe the
		same name. The name never follows a later change of the period's name."""
		from class_teacher_appraisal.county import schools

		self.period_name = (self.period_name or "").strip()
		school = self.school or schools.own_school()
		if self.period_name:  # else the mandatory check says what is missing
			self.name = f"{school} {self.period_name}" if school else self.period_name

	def validate(self):
		check_numbers(self, title=_("Invalid Period"))
		self.validate_rubric()
		self.validate_dates()

	def validate_rubric(self):
		if not self.rubric:
			frappe.throw(
				_("Choose the rubric this period is appraised with."),
				title=_("No Rubric"),
				exc=frappe.MandatoryError,
			)

	def validate_dates(self):
		if self.start_date and self.end_date and getdate(self.end_date) < getdate(self.start_date):
			frappe.throw(
				_("The period ends ({0}) before it starts ({1}).").format(
					text(self.end_date), text(self.start_date)
				),
				title=_("Invalid Dates"),
			)

	@frappe.whitelist(methods=["POST"])
	def generate_appraisals(self) -> dict:
		"""One draft appraisal for every active class that has none, all scored (in the background)."""
		require_post()
		self.check_permission("write")
		frappe.has_permission("Class Teacher Appraisal", "create", throw=True)
		return period_jobs.start(self.name, "generate")

	@frappe.whitelist(methods=["POST"])
	def recompute_appraisals(self) -> dict:
		"""Scores the drafts again from the evidence (in the background); approved ones stay."""
		require_post()
		self.check_permission("write")
		return period_jobs.start(self.name, "recompute")

	@frappe.whitelist(methods=["POST"])
	def award_weekly_flags(self) -> dict:
		require_post()
		self.check_permission("write")
		return period_jobs.start(self.name, "award_flags")

	@frappe.whitelist(methods=["GET", "POST"])
	@frappe.read_only()
	def running_jobs(self) -> list[str]:
		"""The period's actions queued or running now, by title (the form says so)."""
		return [period_jobs.title(action) for action in period_jobs.running(self.name)]
