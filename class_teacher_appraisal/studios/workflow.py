"""The Studio Assessment's workflow, created in code (Workflow records do not sync from files) and
only where missing, so a school's changes to it survive migrations:

	Draft (the studio's host enters the hand-scored lines; the host's own: the office)
	→ Pending Leadership Approval (校长; never approved by whoever submitted it for approval)
	→ Approved (submitted: the grade's consequences happen);
	the leadership returns it to Draft with a reason; the office cancels an approved one."""

import frappe

from class_teacher_appraisal.names import (
	APPROVE,
	APPROVED,
	CANCEL,
	CANCELLED,
	CLASS_TEACHER,
	DRAFT,
	LEADERSHIP_APPROVAL,
	OFFICE,
	PRINCIPAL,
	RETURN,
	STUDIO_ASSESSMENT,
	STUDIO_WORKFLOW,
	SUBMIT_FOR_APPROVAL,
)

STATES = [
	# state, docstatus, who may edit, style
	(DRAFT, 0, CLASS_TEACHER, ""),
	(LEADERSHIP_APPROVAL, 0, PRINCIPAL, "Primary"),
	(APPROVED, 1, PRINCIPAL, "Success"),
	(CANCELLED, 2, OFFICE, "Danger"),
]
NOT_OWN = "doc.member != frappe.session.user"
TRANSITIONS = [
	# state, action, next state, allowed role, condition (the host is checked by the permissions
	# and the controller: a class teacher who is not the studio's host cannot save the assessment)
	(
		DRAFT,
		SUBMIT_FOR_APPROVAL,
		LEADERSHIP_APPROVAL,
		CLASS_TEACHER,
		f"doc.pending_questions == 0 and {NOT_OWN}",
	),
	(DRAFT, SUBMIT_FOR_APPROVAL, LEADERSHIP_APPROVAL, OFFICE, f"doc.pending_questions == 0 and {NOT_OWN}"),
	# four eyes: not by whoever submitted it for approval (the controller refuses it too)
	(
		LEADERSHIP_APPROVAL,
		APPROVE,
		APPROVED,
		PRINCIPAL,
		f"{NOT_OWN} and doc.submitted_by != frappe.session.user",
	),
	(LEADERSHIP_APPROVAL, RETURN, DRAFT, PRINCIPAL, None),
	(APPROVED, CANCEL, CANCELLED, OFFICE, None),
]


def create_studio_workflow():
	for state, _docstatus, _role, style in STATES:
		if not frappe.db.exists("Workflow State", state):
			frappe.get_doc(
				{"doctype": "Workflow State", "workflow_state_name": state, "style": style}
			).insert(ignore_permissions=True)
	for action in {t[1] for t in TRANSITIONS}:
		if not frappe.db.exists("Workflow Action Master", action):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
				ignore_permissions=True
			)
	if frappe.db.exists("Workflow", STUDIO_WORKFLOW):
		return
	frappe.get_doc(
		{
			"doctype": "Workflow",
			"workflow_name": STUDIO_WORKFLOW,
			"document_type": STUDIO_ASSESSMENT,
			"workflow_state_field": "workflow_state",
			"is_active": 1,
			"send_email_alert": 0,
			"states": [
				{"state": state, "doc_status": str(docstatus), "allow_edit": role}
				for state, docstatus, role, _style in STATES
			],
			"transitions": [
				{
					"state": state,
					"action": action,
					"next_state": next_state,
					"allowed": role,
					"condition": condition,
					"allow_self_approval": 1,  # ownership is not the point here; see NOT_OWN
				}
				for state, action, next_state, role, condition in TRANSITIONS
			],
		}
	).insert(ignore_permissions=True)
