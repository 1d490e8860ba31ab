# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

"""One person's place in a studio over time. The office admits, rotates and ends memberships (an
approved Studio Exit Request ends one on the server); the checks against the studio's other
memberships are in studios.people."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_days, getdate, today

from class_teacher_appraisal.html_text import text
from class_teacher_appraisal.studios.people import ENDED, check_membership


class StudioMembership(Document):
	def validate(self):
		self.keep_studio_and_person()
		self.fill_names()
		self.validate_dates()
		self.validate_status()
		self.validate_school()
		check_membership(self)

	def throw(self, message):
		frappe.throw(message, title=_("Invalid Membership"))

	def keep_studio_and_person(self):
		before = self.get_doc_before_save()
		if before and (before.studio, before.member) != (self.studio, self.member):
			self.throw(_("A membership's studio and person never change: end it and admit anew."))

	def fill_names(self):
		self.member_name = frappe.db.get_value("User", self.member, "full_name") or self.member
		self.school = (self.school or "").strip()
		self.reason = (self.reason or "").strip()

	def validate_dates(self):
		"""A membership ends no earlier than it starts; a place ended before it began (rotated out before
		its first day) ends the day before its first day and covers no day."""
		if not self.to_date or getdate(self.to_date) >= getdate(self.from_date):
			return
		never_began = self.status in ENDED and getdate(self.to_date) == getdate(add_days(self.from_date, -1))
		if not never_began:
			self.throw(
				_("The membership cannot end ({0}) before it starts ({1}).").format(
					frappe.utils.format_date(self.to_date), frappe.utils.format_date(self.from_date)
				)
			)

	def validate_status(self):
		self.status = self.status or "Active"
		if self.status in ENDED:
			if not self.to_date:
				self.throw(_("A membership that ended ({0}) needs its last day.").format(_(self.status)))
			if not self.reason:
				self.throw(_("Say why the membership ended ({0}).").format(_(self.status)))
			return
		before = self.get_doc_before_save()
		changed = not before or (before.status, str(before.to_date or "")) != (
			self.status,
			str(self.to_date or ""),
		)
		if changed and self.to_date and getdate(self.to_date) <= getdate(today()):
			self.throw(
				_(
					"An active membership has no last day, or one still to come; set the status to Left or Rotated Out."
				)
			)

	def validate_school(self):
		if self.role != "Member" or self.school:
			return
		limit, host_school = frappe.db.get_value(
			"Class Teacher Studio", self.studio, ["max_from_host_school", "host_school"]
		) or (0, None)
		if limit:
			self.throw(
				_("Enter {0}'s school: {1} takes at most {2} members from {3}.").format(
					text(self.member_name), text(self.studio), limit, text(host_school)
				)
			)
