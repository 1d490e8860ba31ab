# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from class_teacher_appraisal import rounds
from class_teacher_appraisal.inspections import lock_name_counter
from class_teacher_appraisal.permissions import set_inspector


class InspectionRound(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from class_teacher_appraisal.class_teacher_appraisal.doctype.inspection_round_entry.inspection_round_entry import (
			InspectionRoundEntry,
		)

		amended_from: DF.Link | None
		class_count: DF.Int
		entries: DF.Table[InspectionRoundEntry]
		grade_level: DF.Int
		inspection_date: DF.Date
		inspection_item: DF.Link
		inspector: DF.Link | None
		remarks: DF.SmallText | None
		scoring_method: DF.Data | None

	# end: auto-generated types
	def validate(self):
		set_inspector(self)
		rounds.check(self)

	@frappe.whitelist(methods=["POST"])
	def submit(self):
		"""Submitting names the round's inspections from the shared name counter: its lock is taken
		first, before the save locks the round's rows (Frappe reads them FOR UPDATE), in the order an
		insert takes them (named, then its rows), so that a round being submitted and one being saved
		never wait on each other (a deadlock the load test found: scripts/loadtest)."""
		lock_name_counter()
		return super().submit()

	def on_submit(self):
		rounds.record(self)

	def on_cancel(self):
		rounds.cancel(self)
