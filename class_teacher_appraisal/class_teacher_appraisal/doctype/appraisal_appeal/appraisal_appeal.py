# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, escape_html, get_datetime, now_datetime

from class_teacher_appraisal import notifications
from class_teacher_appraisal.html_text import text
from class_teacher_appraisal.names import OFFICE
from class_teacher_appraisal.permissions import appraisal_is_about, check_attachments
from class_teacher_appraisal.validation import require_post


def appeal_days() -> int:
	"""How many days after approval a class teacher may appeal (the settings', 7 by default)."""
	return frappe.db.get_single_value("Class Teacher Appraisal Settings", "appeal_days") or 7


def appeal_closes_on(approved_on, days: int | None = None):
	"""The moment after which an appraisal approved at approved_on can no longer be appealed."""
	return add_days(get_datetime(approved_on), appeal_days() if days is None else days)


class AppraisalAppeal(Document):
	DECISION_FIELDS = ("status", "decision", "decided_by", "decided_on", "amended_appraisal")

	def validate(self):
		check_attachments(self)
		if self.is_new():
			self.validate_appraisal()
			self.validate_window()
			self.validate_not_open_twice()
			self.update({f: None for f in self.DECISION_FIELDS})
			self.status = "Open"
		else:
			before = self.get_doc_before_save()
			if before.status != "Open":
				frappe.throw(_("This appeal was decided; it cannot be changed."), title=_("Appeal Decided"))
			if self.appraisal != before.appraisal:
				frappe.throw(_("An appeal cannot move to another appraisal."), exc=frappe.PermissionError)
			# the decision is made by accept/reject only, never written through a save
			self.update({f: before.get(f) for f in self.DECISION_FIELDS})
		self.class_teacher = frappe.db.get_value("Class Teacher Appraisal", self.appraisal, "class_teacher")
		self.validate_lines()

	def after_insert(self):
		notifications.appeal_opened(self)

	def appraisal_doc(self):
		return frappe.get_doc("Class Teacher Appraisal", self.appraisal)

	def validate_appraisal(self):
		appraisal = self.appraisal_doc()
		if appraisal.docstatus != 1:
			frappe.throw(_("Only an approved appraisal can be appealed."), title=_("Not Approved"))
		if frappe.session.user != appraisal.class_teacher and not frappe.has_permission(
			"Class Teacher Appraisal", "write", appraisal
		):
			frappe.throw(_("Only the appraised class teacher can appeal."), exc=frappe.PermissionError)

	def validate_window(self):
		approved_on = self.appraisal_doc().approved_on
		days = appeal_days()
		if approved_on and now_datetime() > appeal_closes_on(approved_on, days):
			frappe.throw(
				_(
					"Appeals are possible for {0} days after approval; this appraisal was approved on {1}."
				).format(days, frappe.format(approved_on, {"fieldtype": "Datetime"})),
				title=_("Too Late to Appeal"),
			)

	def validate_not_open_twice(self):
		other = frappe.db.exists("Appraisal Appeal", {"appraisal": self.appraisal, "status": "Open"})
		if other:
			frappe.throw(
				_("This appraisal already has an open appeal: {0}.").format(text(other)),
				title=_("Open Appeal"),
			)

	def validate_lines(self):
		if not self.lines:
			frappe.throw(_("Name at least one line you appeal."), title=_("No Lines"))
		lines = {row.criterion_code: row for row in self.appraisal_doc().lines}
		for row in self.lines:
			line = lines.get(row.criterion_code)
			if not line:
				frappe.throw(
					_("Row {0}: {1} is not a line of the appraisal.").format(
						row.idx, text(row.criterion_code)
					),
					title=_("Invalid Appeal"),
				)
			row.criterion_title, row.points = line.criterion_title, line.points

	def decide(self, status: str, decision: str, amended: str | None = None):
		self.update(
			{
				"status": status,
				"decision": decision,
				"decided_by": frappe.session.user,
				"decided_on": now_datetime(),
				"amended_appraisal": amended,
			}
		)
		self.flags.deciding = True
		self.db_update()
		# the timeline shows a comment as HTML: the typed decision goes in as text
		self.add_comment("Info", _("Appeal {0}: {1}").format(_(status), escape_html(decision)))
		notifications.appeal_decided(self)

	def check_open_for_decision(self):
		frappe.only_for([OFFICE, "System Manager"])
		self.reload()  # decide on what is stored, not on the document the request sent
		if appraisal_is_about(frappe.session.user, self.appraisal):
			frappe.throw(
				_("Nobody rules on an appeal about their own class."),
				title=_("Not Allowed"),
				exc=frappe.PermissionError,
			)
		if self.status != "Open":
			frappe.throw(_("This appeal was decided; it cannot be changed."), title=_("Appeal Decided"))

	@frappe.whitelist(methods=["POST"])
	def accept(self, decision: str = "") -> str:
		"""Cancels the approved appraisal and opens an amended copy that goes through the workflow again
		(the old version stays on record)."""
		require_post()
		self.check_open_for_decision()
		old = apply_workflow(self.appraisal_doc(), "Cancel")
		amended = frappe.copy_doc(old)
		amended.update(
			{"amended_from": old.name, "docstatus": 0, "workflow_state": None, "approved_on": None}
		)
		amended.insert()
		self.decide("Accepted", decision or _("Accepted; the appraisal is being revised."), amended.name)
		return amended.name

	@frappe.whitelist(methods=["POST"])
	def reject(self, decision: str) -> None:
		require_post()
		self.check_open_for_decision()
		if not (decision or "").strip():
			frappe.throw(
				_("Say why the appeal is rejected."), title=_("Reason Required"), exc=frappe.MandatoryError
			)
		self.decide("Rejected", decision)
