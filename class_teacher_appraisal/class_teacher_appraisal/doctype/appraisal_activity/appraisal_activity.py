# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

"""A teacher's record of an activity (工作记录). It counts towards quotas once the office confirms
it (submits it), so nobody raises their own points. Who may record, change and confirm which
record is in permissions.activity_permission; this controller checks the record itself."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, now_datetime

from class_teacher_appraisal.html_text import text
from class_teacher_appraisal.permissions import check_attachments, holds_place, is_office, own_classes
from class_teacher_appraisal.validation import COUNT, check_numbers


class AppraisalActivity(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		activity_date: DF.Date
		activity_kind: DF.Link
		amended_from: DF.Link | None
		attachment: DF.Attach | None
		class_record: DF.Link | None
		confirmed_by: DF.Link | None
		confirmed_on: DF.Datetime | None
		description: DF.SmallText | None
		hours: DF.Float
		level: DF.Data | None
		measure: DF.Data | None
		person: DF.Link
		title: DF.Data

	# end: auto-generated types
	def validate(self):
		self.validate_as_recorded()
		check_attachments(self)
		check_numbers(self, {"hours": (0, COUNT)}, title=_("Invalid Activity"))
		self.validate_person_and_class()
		self.validate_studio()
		self.validate_hours()
		self.level = (self.level or "").strip()
		self.published_in = (self.published_in or "").strip()

	def confirming(self) -> bool:
		"""Whether this save confirms (submits) the record; who may is permissions.activity_permission."""
		return self._action == "submit"

	def throw(self, message):
		frappe.throw(message, title=_("Invalid Activity"))

	def validate_person_and_class(self):
		"""A teacher records their own activities, for no class or one of their own classes; the
		office records anyone's (permissions.activity_permission refuses the rest first); a studio's
		host confirms a member's record as it was recorded."""
		if is_office() or self.confirming():
			return
		if self.person != frappe.session.user:
			frappe.throw(
				_("You can record only your own activities."),
				title=_("Not Allowed"),
				exc=frappe.PermissionError,
			)
		if self.class_record and self.class_record not in own_classes():
			frappe.throw(
				_("Class {0} is not one of your classes.").format(text(self.class_record)),
				title=_("Not Allowed"),
				exc=frappe.PermissionError,
			)

	def validate_as_recorded(self):
		"""A studio's host confirms a member's output as the member recorded it: the content is the
		member's (the office may correct it)."""
		if not self.confirming() or is_office() or self.person == frappe.session.user:
			return
		before = self.get_doc_before_save()
		changed = [
			df.label
			for df in self.meta.fields
			if df.fieldtype not in ("Section Break", "Column Break", "Tab Break")
			and df.fieldname not in ("confirmed_by", "confirmed_on", "measure", "amended_from", "school")
			and not same(before.get(df.fieldname), self.get(df.fieldname), df.fieldtype)
		]
		if changed:
			frappe.throw(
				_("Confirm the record as it was recorded; only the teacher changes {0}.").format(
					", ".join(_(label) for label in changed)
				),
				title=_("Not Allowed"),
				exc=frappe.PermissionError,
			)

	def validate_studio(self):
		"""A studio member's output is for a studio the person belongs to on its date, as stored."""
		self.co_authors = (self.co_authors or "").strip()
		if not self.studio:
			return
		if not holds_place(self.person, self.studio, self.activity_date):
			frappe.throw(
				_("{0} has no place in studio {1} on {2}.").format(
					text(frappe.db.get_value("User", self.person, "full_name") or self.person),
					text(self.studio),
					frappe.utils.format_date(self.activity_date),
				),
				title=_("Not Allowed"),
				exc=frappe.ValidationError if is_office() else frappe.PermissionError,
			)

	def validate_hours(self):
		self.measure = frappe.db.get_value("Activity Kind", self.activity_kind, "measure") or "Count"
		if self.measure == "Hours" and flt(self.hours) <= 0:
			self.throw(_("Enter the hours of this {0}.").format(text(self.activity_kind)))
		if self.measure != "Hours":
			self.hours = 0

	def before_submit(self):
		"""Confirming is the office's (DocPerms), never of its own activities (permissions)."""
		self.confirmed_by = frappe.session.user
		self.confirmed_on = now_datetime()


def same(stored, sent, fieldtype) -> bool:
	"""Whether a sent value is the stored one (dates may come as text, numbers as strings)."""
	if fieldtype in ("Float", "Int", "Currency", "Percent", "Check"):
		return flt(stored) == flt(sent)
	return str(stored or "") == str(sent or "")
