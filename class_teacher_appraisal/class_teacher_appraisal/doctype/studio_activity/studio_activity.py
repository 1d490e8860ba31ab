# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

"""Something a studio did (a group study, a planning meeting, a lecture, a demonstration class
meeting, a training), recorded by a host or deputy host of the studio on the day (or the office),
with who of the studio attended; it counts once submitted. Who may record and submit which is in
permissions.studio_activity_permission; this controller checks the record itself."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, format_date

from class_teacher_appraisal.html_text import text
from class_teacher_appraisal.names import HOSTS
from class_teacher_appraisal.permissions import is_office
from class_teacher_appraisal.studios.people import places_on
from class_teacher_appraisal.studios.roster import holds_place
from class_teacher_appraisal.validation import COUNT, check_numbers


class StudioActivity(Document):
	def validate(self):
		check_numbers(
			self, {"hours": (0, COUNT), "attendance.hours": (0, COUNT)}, title=_("Invalid Studio Activity")
		)
		self.keep_studio()
		self.validate_recorder()
		self.validate_attendance()
		self.submitted_by = None  # set when submitted (before_submit), never from a request
		self.title = (self.title or "").strip()
		self.level = (self.level or "").strip()

	def throw(self, message, exc=frappe.ValidationError, title=None):
		frappe.throw(message, exc=exc, title=title or _("Invalid Studio Activity"))

	def keep_studio(self):
		before = self.get_doc_before_save()
		if before and before.studio != self.studio:
			self.throw(_("An activity's studio never changes."))

	def validate_recorder(self):
		"""The recorder hosts the studio (Host or Deputy Host) on the activity's date."""
		user = frappe.session.user
		if is_office(user) or holds_place(user, self.studio, self.activity_date, HOSTS):
			return
		self.throw(
			_("Only a host or deputy host of {0} on {1} records its activities.").format(
				text(self.studio), format_date(self.activity_date)
			),
			exc=frappe.PermissionError,
			title=_("Not Allowed"),
		)

	def validate_attendance(self):
		"""Each row is one of the studio's people (any role) on the activity's date, once, and attended
		no more hours than the activity had."""
		people = {p.member: p for p in places_on(self.studio, self.activity_date)}
		seen, errors = set(), []
		for row in self.attendance:
			place = people.get(row.member)
			# the person by name (fetched from their user), also someone with no place in the studio
			name = place.member_name if place else (row.member_name or row.member)
			if not place:
				errors.append(
					_("Row {0}: {1} has no place in {2} on {3}.").format(
						row.idx, text(name), text(self.studio), format_date(self.activity_date)
					)
				)
			elif row.member in seen:
				errors.append(_("Row {0}: {1} is listed twice.").format(row.idx, text(name)))
			if flt(row.hours) > flt(self.hours):
				errors.append(
					_("Row {0}: {1} cannot attend {2} hours of an activity of {3} hours.").format(
						row.idx, text(name), flt(row.hours), flt(self.hours)
					)
				)
			seen.add(row.member)
			row.member_name = name
		if errors:
			self.throw("<br>".join(errors))

	def before_submit(self):
		"""Who submits it: a host's own attendance counts towards their own obligations only when
		someone else (another host or the office) submitted the activity (evidence.ATTENDANCE_SQL)."""
		self.submitted_by = frappe.session.user

	def attendance_count(self) -> int:
		return sum(1 for row in self.attendance if row.present)
