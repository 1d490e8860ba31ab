# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from class_teacher_appraisal import inspection_rules as rules
from class_teacher_appraisal.duty import enforce as duty
from class_teacher_appraisal.html_text import text
from class_teacher_appraisal.permissions import check_attachments, set_inspector
from class_teacher_appraisal.validation import COUNT, POINTS, check_numbers


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
		inspection_round: DF.Link | None
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
		set_inspector(self)
		check_attachments(self)
		check_numbers(
			self,
			{"incidents.count": (0, COUNT), "incidents.deduction": (0, POINTS)},
			title=_("Invalid Inspection"),
		)
		self.validate_class()
		self.validate_period()
		self.validate_duty()
		self.validate_item_and_result()
		self.validate_incidents()
		self.set_derived_fields()
		self.validate_duplicate()

	def throw(self, message, title=None):
		frappe.throw(message, title=title or _("Invalid Inspection"))

	def validate_class(self):
		if not frappe.db.get_value("Class Record", self.class_record, "is_active"):
			self.throw(_("Class {0} is not active; it cannot be inspected.").format(text(self.class_record)))

	def validate_period(self):
		if error := rules.period_error(self.inspection_date):
			self.throw(error, title=_("No Appraisal Period"))

	def validate_duty(self):
		"""On a day a duty roster covers, only the items and classes it assigns the inspector."""
		duty.check_inspection(self)

	def validate_item_and_result(self):
		item = rules.item_rules(self.inspection_item)
		if error := rules.inactive_item_error(item):
			self.throw(error)
		self.scoring_method = item.method
		if error := rules.result_error(item, self.score, self.level, spot_check=self.is_spot_check):
			self.throw(error)
		self.score, self.level = rules.normalised_result(item, self.score, self.level)

	def validate_incidents(self):
		item = rules.item_rules(self.inspection_item)
		for row in self.incidents:
			if error := rules.incident_error(item, row.incident_type, row.count, row.deduction):
				self.throw(_("Row {0}: {1}").format(row.idx, error))
			row.deduction = rules.incident_deduction(item, row.incident_type, row.count, row.deduction)

	def set_derived_fields(self):
		self.update(
			rules.derived_fields(
				self.class_record,
				self.inspection_item,
				self.inspection_date,
				self.is_spot_check,
				self.revokes_flag,
				[row.deduction for row in self.incidents],
				self.scoring_method,
			)
		)

	def validate_duplicate(self):
		"""One regular inspection per class, item and day; a unique key backs this up under concurrency."""
		if not self.dedupe_key:
			return
		other = frappe.db.get_value(
			"Inspection", {"dedupe_key": self.dedupe_key, "name": ["!=", self.name or ""]}, "name"
		)
		if other:
			self.throw(
				_("{0} was already inspected for {1} on {2} ({3}).").format(
					text(self.class_record),
					text(self.inspection_item),
					text(getdate(self.inspection_date)),
					text(other),
				),
				title=_("Duplicate Inspection"),
			)

	def on_cancel(self):
		# A cancelled inspection frees its day for a corrected one (amend).
		self.db_set("dedupe_key", None)


def on_doctype_update():
	# Recomputing a period reads its classes' inspections grouped by class, item, week and level
	# (evidence.gather): with every column it reads in one index, MariaDB answers from the index
	# alone, in group order, without touching the rows (measured: scripts/benchmark).
	frappe.db.add_index(
		"Inspection",
		[
			"class_record",
			"inspection_item",
			"week_start",
			"level",
			"docstatus",
			"inspection_date",
			"is_spot_check",
			"score",
			"deduction",
			"revokes_flag",
		],
		index_name="evidence_index",
	)
