"""The approval workflow of Class Teacher Appraisal, created in code (Workflow records do not
sync from files) and only where missing, so a school's changes to it survive migrations:

	Draft (inspector) → Pending Office Review (教导处/德育处) → Pending Principal Approval (校长)
	→ Approved (submitted); the office and the principal can Return it to Draft with a reason;
	an approved appraisal can be cancelled by the office and amended, and goes round again."""

import frappe

from class_teacher_appraisal.names import (
	APPROVE,
	APPROVED,
	CANCEL,
	CANCELLED,
	DRAFT,
	FORWARD,
	INSPECTOR,
	OFFICE,
	OFFICE_REVIEW,
	PRINCIPAL,
	PRINCIPAL_APPROVAL,
	RETURN,
	SUBMIT,
	WORKFLOW,
)

STATES = [
	# state, docstatus, who may edit, style
	(DRAFT, 0, INSPECTOR, ""),
	(OFFICE_REVIEW, 0, OFFICE, "Warning"),
	(PRINCIPAL_APPROVAL, 0, PRINCIPAL, "Primary"),
	(APPROVED, 1, PRINCIPAL, "Success"),
	(CANCELLED, 2, OFFICE, "Danger"),
]
NOT_OWN = "doc.class_teacher != frappe.session.user"
TRANSITIONS = [
	# state, action, next state, allowed role, condition
	(DRAFT, SUBMIT, OFFICE_REVIEW, INSPECTOR, None),
	(DRAFT, SUBMIT, OFFICE_REVIEW, OFFICE, None),
	(OFFICE_REVIEW, FORWARD, PRINCIPAL_APPROVAL, OFFICE, "doc.pending_questions == 0"),
	(OFFICE_REVIEW, RETURN, DRAFT, OFFICE, None),
	(PRINCIPAL_APPROVAL, APPROVE, APPROVED, PRINCIPAL, f"doc.pending_questions == 0 and {NOT_OWN}"),
	(PRINCIPAL_APPROVAL, RETURN, DRAFT, PRINCIPAL, None),
	(APPROVED, CANCEL, CANCELLED, OFFICE, None),
]


def ensure_workflow(name: str, doctype: str, states: list, transitions: list, allow_self_approval: int = 1):
	"""Creates a workflow, its states and its actions where missing (never over a school's edits).
	states: (state, docstatus, who may edit, style); transitions: (state, action, next state, role,
	condition). Our own notifications tell the next approvers, so Frappe's email alert is off."""
	for state, _docstatus, _role, style in states:
		if not frappe.db.exists("Workflow State", state):
			frappe.get_doc(
				{"doctype": "Workflow State", "workflow_state_name": state, "style": style}
			).insert(ignore_permissions=True)
	for action in {t[1] for t in transitions}:
		if not frappe.db.exists("Workflow Action Master", action):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
				ignore_permissions=True
			)
	if frappe.db.exists("Workflow", name):
		return
	frappe.get_doc(
		{
			"doctype": "Workflow",
			"workflow_name": name,
			"document_type": doctype,
			"workflow_state_field": "workflow_state",
			"is_active": 1,
			# Frappe's alert would also attach a PDF of the document to every email
			"send_email_alert": 0,
			"states": [
				{"state": state, "doc_status": str(docstatus), "allow_edit": role}
				for state, docstatus, role, _style in states
			],
			"transitions": [
				{
					"state": state,
					"action": action,
					"next_state": next_state,
					"allowed": role,
					"condition": condition,
					"allow_self_approval": allow_self_approval,
				}
				for state, action, next_state, role, condition in transitions
			],
		}
	).insert(ignore_permissions=True)


def create_workflow():
	# allow_self_approval: ownership is not the point here; see NOT_OWN
	ensure_workflow(WORKFLOW, "Class Teacher Appraisal", STATES, TRANSITIONS)
