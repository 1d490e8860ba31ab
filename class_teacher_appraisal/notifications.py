"""Who is told what as an appraisal moves through the workflow: the next approvers when it
reaches them, the class teacher when it is approved or returned (with the reason). Both a
system notification and an email, sent through Frappe's queue."""

import frappe
from frappe import _
from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification
from frappe.desk.doctype.notification_settings.notification_settings import is_email_notifications_enabled
from frappe.utils import flt, get_url_to_form

from class_teacher_appraisal.permissions import OFFICE, PRINCIPAL
from class_teacher_appraisal.setup.workflow import APPROVED, DRAFT, OFFICE_REVIEW, PRINCIPAL_APPROVAL


def users_with_role(role: str) -> list[str]:
	return frappe.get_all(
		"Has Role",
		filters={"role": role, "parenttype": "User", "parent": ["not in", ["Administrator", "Guest"]]},
		pluck="parent",
		distinct=True,
	)


def notify(recipients, doc, subject):
	"""A Desk notification, and an email through the queue (Frappe never emails "Alert"
	notifications itself) to those who keep email notifications on."""
	recipients = sorted({r for r in recipients if r and r != frappe.session.user})
	if not recipients:
		return
	enqueue_create_notification(
		recipients,
		{
			"type": "Alert",
			"document_type": doc.doctype,
			"document_name": doc.name,
			"subject": subject,
			"from_user": frappe.session.user,
		},
	)
	emails = [r for r in recipients if is_email_notifications_enabled(r)]
	# Without an outgoing email account the Desk notification is all there is.
	if not emails or not frappe.db.exists("Email Account", {"enable_outgoing": 1, "default_outgoing": 1}):
		return
	try:
		frappe.sendmail(
			recipients=emails,
			subject=subject,
			message=f'<p>{frappe.utils.escape_html(subject)}</p><p><a href="{get_url_to_form(doc.doctype, doc.name)}">'
			f"{frappe.utils.escape_html(doc.name)}</a></p>",
			reference_doctype=doc.doctype,
			reference_name=doc.name,
		)
	except frappe.OutgoingEmailError:
		# No outgoing email account yet: the Desk notification still reaches them.
		frappe.log_error("Class teacher appraisal: notification email not queued")


def appeal_opened(appeal):
	notify(
		users_with_role(OFFICE),
		appeal,
		_("{0} appeals appraisal {1}").format(appeal.class_teacher, appeal.appraisal),
	)


def appeal_decided(appeal):
	subject = _("Your appeal {0} was {1}: {2}").format(appeal.name, _(appeal.status).lower(), appeal.decision)
	notify([appeal.class_teacher], appeal, subject)


def state_changed(doc, previous: str | None):
	state = doc.workflow_state
	if state == OFFICE_REVIEW:
		recipients = users_with_role(OFFICE)
		subject = _("Appraisal {0} is waiting for the office's review").format(doc.title)
	elif state == PRINCIPAL_APPROVAL:
		recipients = [u for u in users_with_role(PRINCIPAL) if u != doc.class_teacher]
		subject = _("Appraisal {0} is waiting for your approval").format(doc.title)
	elif state == APPROVED:
		recipients = [doc.class_teacher]
		subject = _("Your appraisal {0} is approved: {1} points, grade {2}").format(
			doc.title, f"{flt(doc.total_score, 2):g}", doc.grade or "—"
		)
	elif state == DRAFT and previous in (OFFICE_REVIEW, PRINCIPAL_APPROVAL):
		recipients = [doc.class_teacher]
		subject = _("Your appraisal {0} was returned: {1}").format(doc.title, doc.return_reason)
	else:
		return
	notify(recipients, doc, subject)
