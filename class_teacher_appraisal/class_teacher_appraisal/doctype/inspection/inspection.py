# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, getdate

from class_teacher_appraisal.appraisals import week_start


class Inspection(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from class_teacher_appraisal.class_teacher_appraisal.doctype.inspection_incident.inspection_incident import (
			InspectionIncident,
		)
		from class_teacher_appraisal.class_teacher_appraisal.doctype.inspection_photo.inspection_photo import (
			InspectionPhoto,
		)

		amended_from: DF.Link | None
		class_name: DF.Data | None
		class_record: DF.Link
		class_teacher: DF.Link | None
		deduction: DF.Float
		dedupe_key: DF.Data | None
		grade_level: DF.Int
		incidents: DF.Table[InspectionIncident]
		inspection_date: DF.Date
		inspection_item: DF.Link
		inspector: DF.Link | None
		is_spot_check: DF.Check
		level: DF.Autocomplete | None
		photos: DF.Table[InspectionPhoto]
		remarks: DF.SmallText | None
		revokes_flag: DF.Check
		score: DF.Float
		scoring_method: DF.Data | None
		week_start: DF.Date | None

	# end: auto-generated types
	def validate(self):
		self.validate_class()
		self.validate_period()
		self.validate_item_and_result()
		self.validate_incidents()
		self.set_derived_fields()
		self.validate_duplicate()

	def throw(self, message, title=None):
		frappe.throw(message, title=title or _("Invalid Inspection"))

	def validate_class(self):
		if not frappe.db.get_value("Class Record", self.class_record, "is_active"):
			self.throw(_("Class {0} is not active; it cannot be inspected.").format(self.class_record))

	def validate_period(self):
		found = frappe.db.exists(
			"Appraisal Period",
			{"start_date": ["<=", self.inspection_date], "end_date": [">=", self.inspection_date]},
		)
		if not found:
			self.throw(
				_("{0} is outside every appraisal period; set up the period first.").format(
					frappe.format(getdate(self.inspection_date), {"fieldtype": "Date"})
				),
				title=_("No Appraisal Period"),
			)

	def validate_item_and_result(self):
		item = frappe.get_cached_doc("Inspection Item", self.inspection_item)
		if not item.is_active:
			self.throw(_("Inspection item {0} is not active.").format(item.name))
		self.scoring_method = item.scoring_method
		if item.scoring_method == "Score":
			if self.score is None or not 0 <= flt(self.score) <= flt(item.max_score):
				self.throw(
					_("The score must be between 0 and {0}, not {1}.").format(item.max_score, self.score)
				)
			self.level = None
		elif item.scoring_method == "Level":
			levels = {row.level: row.score for row in item.levels}
			if self.level not in levels:
				self.throw(_("Level {0} is not one of {1}.").format(self.level or "—", ", ".join(levels)))
			self.score = levels[self.level]
		else:
			self.score, self.level = 0, None

	def validate_incidents(self):
		item = frappe.get_cached_doc("Inspection Item", self.inspection_item)
		known = {row.incident_type: row.default_deduction for row in item.incident_types}
		for row in self.incidents:
			if known and row.incident_type not in known:
				self.throw(
					_("Row {0}: incident type {1} is not one of {2}.").format(
						row.idx, row.incident_type, ", ".join(known)
					)
				)
			if (row.count or 0) < 1:
				self.throw(_("Row {0}: the count must be at least 1.").format(row.idx))
			if row.deduction is None or (row.deduction == 0 and known.get(row.incident_type)):
				row.deduction = flt(known.get(row.incident_type)) * row.count
			if flt(row.deduction) < 0:
				self.throw(_("Row {0}: a deduction cannot be negative.").format(row.idx))

	def set_derived_fields(self):
		self.deduction = sum(flt(row.deduction) for row in self.incidents)
		self.week_start = week_start(self.inspection_date)
		if not self.is_spot_check:
			self.revokes_flag = 0

	def validate_duplicate(self):
		"""One regular inspection per class, item and day; a unique key backs this up under concurrency."""
		if self.is_spot_check:
			self.dedupe_key = None
			return
		self.dedupe_key = f"{self.class_record}|{self.inspection_item}|{getdate(self.inspection_date)}"
		other = frappe.db.get_value(
			"Inspection", {"dedupe_key": self.dedupe_key, "name": ["!=", self.name or ""]}, "name"
		)
		if other:
			self.throw(
				_("{0} was already inspected for {1} on {2} ({3}).").format(
					self.class_record, self.inspection_item, getdate(self.inspection_date), other
				),
				title=_("Duplicate Inspection"),
			)

	def on_cancel(self):
		# A cancelled inspection frees its day for a corrected one (amend).
		self.db_set("dedupe_key", None)
