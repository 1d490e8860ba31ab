"""Who is told what as an appraisal moves through the workflow: the next approvers when it
reaches them, the class teacher when it is approved or returned (with the reason). Both a
system notification and an email, sent through Frappe's queue once the change is committed:
a request that fails after the step tells nobody.

Subjects are translated templates filled with what users typed (class names, reasons, …).
The Desk shows a Notification Log's subject as HTML, so those values are escaped into it; the
template itself is the app's own text."""

from functools import partial

import frappe
from frappe import _
from frappe.desk.doctype.notification_log.notification_log import make_notification_logs
from frappe.desk.doctype.notification_settings.notification_settings import is_email_notifications_enabled
from frappe.utils import escape_html, flt, get_fullname, get_url_to_form

from class_teacher_appraisal.names import (
	APPRAISAL,
	APPROVED,
	DRAFT,
	OFFICE,
	OFFICE_REVIEW,
	PRINCIPAL,
	PRINCIPAL_APPROVAL,
)


def users_with_role(role: str) -> list[str]:
	return frappe.get_all(
		"Has Role",
		filters={"role": role, "parenttype": "User", "parent": ["not in", ["Administrator", "Guest"]]},
		pluck="parent",
		distinct=True,
	)


def notify(recipients, doc, template: str, *args):
	"""A Desk notification, and an email (Frappe never emails "Alert" notifications itself) to
	those who keep email notifications on, about `doc`: `template` (translated) filled with
	`args`. Queued when the transaction commits; nothing if it is rolled back."""
	recipients = sorted({r for r in recipients if r and r != frappe.session.user})
	if not recipients or frappe.flags.in_install:
		return
	subject = template.format(*(escape_html(a) for a in args))
	frappe.db.after_commit.add(
		partial(
			enqueue_message,
			recipients=recipients,
			subject=subject,
			# an email's subject is plain text, but Frappe also writes it into the email's <title>
			email_subject=template.format(*args).replace("<", "&lt;").replace(">", "&gt;"),
			doctype=doc.doctype,
			name=doc.name,
			url=get_url_to_form(doc.doctype, doc.name),  # the request's address, not the worker's
			from_user=frappe.session.user,
		)
	)


def enqueue_message(**message):
	"""Runs after the commit: hands the message to a background job (run at once under tests)."""
	frappe.enqueue(
		"class_teacher_appraisal.notifications.deliver", queue="short", now=frappe.flags.in_test, **message
	)


def deliver(recipients, subject, email_subject, doctype, name, url, from_user):
	make_notification_logs(
		frappe._dict(
			type="Alert",
			document_type=doctype,
			document_name=name,
			subject=subject,
			from_user=from_user,
		),
		recipients,
	)
	emails = [r for r in recipients if is_email_notifications_enabled(r)]
	# Without an outgoing email account the Desk notification is all there is.
	if not emails or not frappe.db.exists("Email Account", {"enable_outgoing": 1, "default_outgoing": 1}):
		return
	try:
		frappe.sendmail(
			recipients=emails,
			subject=email_subject,
			message=f'<p>{subject}</p><p><a href="{escape_html(url)}">{escape_html(name)}</a></p>',
			reference_doctype=doctype,
			reference_name=name,
		)
	except frappe.OutgoingEmailError:
		# No outgoing email account yet: the Desk notification still reaches them.
		frappe.log_error("Class teacher appraisal: notification email not queued")


def appeal_opened(appeal):
	notify(
		users_with_role(OFFICE),
		appeal,
		_("{0} appeals appraisal {1}"),
		appeal.teacher_name or get_fullname(appeal.class_teacher),
		# the appraisal by its class and period (its title), not its number
		frappe.db.get_value(APPRAISAL, appeal.appraisal, "title") or appeal.appraisal,
	)


def appeal_decided(appeal):
	notify(
		[appeal.class_teacher],
		appeal,
		_("Your appeal {0} was {1}: {2}"),
		appeal.name,
		_(appeal.status).lower(),
		appeal.decision,
	)


def state_changed(doc, previous: str | None):
	state = doc.workflow_state
	if state == OFFICE_REVIEW:
		notify(users_with_role(OFFICE), doc, _("Appraisal {0} is waiting for the office's review"), doc.title)
	elif state == PRINCIPAL_APPROVAL:
		notify(
			[u for u in users_with_role(PRINCIPAL) if u != doc.class_teacher],
			doc,
			_("Appraisal {0} is waiting for your approval"),
			doc.title,
		)
	elif state == APPROVED:
		notify(
			[doc.class_teacher],
			doc,
			_("Your appraisal {0} is approved: {1} points, grade {2}"),
			doc.title,
			f"{flt(doc.total_score, 2):g}",
			doc.grade or "—",
		)
	elif state == DRAFT and previous in (OFFICE_REVIEW, PRINCIPAL_APPROVAL):
		notify(
			[doc.class_teacher], doc, _("Your appraisal {0} was returned: {1}"), doc.title, doc.return_reason
		)
