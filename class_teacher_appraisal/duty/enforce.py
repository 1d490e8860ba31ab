"""Inspections and rounds held to the duty roster, from the rosters and rows the database holds.

On a day a roster covers, an inspector (a teacher or a pupil monitor) records only the items and
classes their rows assign them that day, never their own class; what a pupil monitor recorded is
changed and submitted only by the teacher their row names to confirm it (or the office). The
Academic Office is exempt. On a day no roster covers nothing changes, except that pupil monitors
record only on the roster's days (nobody would confirm what they record)."""

from datetime import date

import frappe
from frappe import _
from frappe.utils import getdate

from class_teacher_appraisal.county.schools import own_school
from class_teacher_appraisal.duty import assignments, roster
from class_teacher_appraisal.html_text import text
from class_teacher_appraisal.names import INSPECTOR, OFFICE, PUPIL_MONITOR, SYSTEM_MANAGER
from class_teacher_appraisal.permissions import is_office, roles_of
from class_teacher_appraisal.utils import full_names


def is_pupil_monitor(user=None) -> bool:
	"""A pupil monitor and nothing more: they record, a teacher confirms."""
	roles = roles_of(user)
	return PUPIL_MONITOR in roles and not roles & {INSPECTOR, OFFICE, SYSTEM_MANAGER}


def shown_date(day: date) -> str:
	return frappe.format(day, {"fieldtype": "Date"})


class Duty:
	"""An inspector's duty for one item on one day, as the rosters covering the day give it; `user`
	is whoever records or changes (the inspector, or the teacher confirming a pupil's records)."""

	def __init__(self, inspector: str, user: str, day, item: str):
		self.inspector, self.user, self.day, self.item = inspector, user, getdate(day), item
		self.exempt = is_office(user)
		school = own_school(inspector)  # on a county site, the rosters of the inspector's school
		self.rosters = [] if self.exempt else roster.rosters_on(self.day, school)
		rows = roster.rows_on(self.day, [inspector], school=school) if self.rosters else []
		self.items = assignments.items_of(rows)
		self.rows = [r for r in rows if r.inspection_item == item]
		self.own = assignments.pupil_classes(rows)  # a pupil monitor's own class

	@property
	def on_roster(self) -> bool:
		return bool(self.rosters)

	def name(self) -> str:
		return text(full_names([self.inspector]).get(self.inspector, self.inspector))

	def day_error(self) -> str | None:
		"""What keeps the inspector from recording the item that day at all, if anything."""
		if self.exempt:
			return None
		if not self.rosters:
			if is_pupil_monitor(self.inspector):
				return _(
					"No duty roster covers {0}: pupil monitors record inspections only on the days a duty roster assigns them."
				).format(shown_date(self.day))
			return None
		if not self.items:
			return _("The duty roster {0} does not put {1} on duty on {2}.").format(
				text(", ".join(self.rosters)), self.name(), shown_date(self.day)
			)
		if not self.rows:
			return _("On {0} the duty roster assigns {1} {2}, not {3}.").format(
				shown_date(self.day), self.name(), text(", ".join(self.items)), text(self.item)
			)
		return None

	def class_error(self, cls) -> str | None:
		"""What keeps the inspector from recording the class (name, class_name, grade_level), if anything."""
		if self.exempt or not self.rosters:
			return None
		if cls.name in self.own:
			return _("{0} is your own class; another inspector inspects it.").format(text(cls.class_name))
		rows = assignments.matching(self.rows, self.item, cls.name, cls.grade_level)
		if not rows:
			return _("The duty roster does not assign {0} to inspect {1} for {2} on {3}.").format(
				self.name(), text(cls.class_name), text(self.item), shown_date(self.day)
			)
		if self.user != self.inspector and self.user not in assignments.confirmers(rows):
			return _(
				"Only the teacher the duty roster names to confirm {0}'s inspections of {1} may change or submit them."
			).format(self.name(), text(cls.class_name))
		return None

	def assigned(self, classes: list) -> list:
		"""The classes the inspector may record for the item that day (all of them off the roster)."""
		if self.exempt or not self.rosters:
			return classes
		return [c for c in assignments.classes_of(self.rows, self.item, classes) if c.name not in self.own]


def check_inspection(doc) -> None:
	"""An inspection's class, item and day against its inspector's duty (validate, on every save and
	on submit)."""
	user = frappe.session.user
	duty = Duty(doc.inspector or user, user, doc.inspection_date, doc.inspection_item)
	if duty.exempt:
		return
	cls = frappe.db.get_value(
		"Class Record", doc.class_record, ["name", "class_name", "grade_level"], as_dict=True
	)
	error = duty.day_error() or (duty.class_error(cls) if cls else None)
	if error:
		frappe.throw(error, title=_("Not on the Duty Roster"))
