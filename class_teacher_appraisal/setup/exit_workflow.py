"""The approval of a studio member's exit request (seed 004: 学员申请退出工作室需事先提出并经领衔人
报学校…审批同意方可有效), created in code (Workflow records do not sync from files) and only where
missing, so a school's changes to it survive migrations:

	Requested (the member) → Approved by Host (the studio's host) → Approved (the school's
	leadership, Principal); Reject at either step, with the step's reason.

The conditions only decide who sees which button; the controller (studio_exit_request.py) checks
every step again from the stored request and memberships."""

import frappe

from class_teacher_appraisal.names import (
	APPROVE,
	CLASS_TEACHER,
	EXIT_APPROVED,
	EXIT_HOST_APPROVED,
	EXIT_REJECTED,
	EXIT_REQUEST,
	EXIT_REQUESTED,
	EXIT_WORKFLOW,
	PRINCIPAL,
	REJECT,
)

STATES = [
	# state, docstatus, who may edit, style
	(EXIT_REQUESTED, 0, CLASS_TEACHER, ""),
	(EXIT_HOST_APPROVED, 0, PRINCIPAL, "Primary"),
	(EXIT_APPROVED, 1, PRINCIPAL, "Success"),
	(EXIT_REJECTED, 1, PRINCIPAL, "Danger"),
]
# the studio's Host on post, never the member
HOST_STEP = (
	"doc.member != frappe.session.user and frappe.db.get_value('Studio Membership', {'studio': doc.studio,"
	" 'member': frappe.session.user, 'role': 'Host', 'status': 'Active'}) != None"
)
# the school's leadership, never the member nor the host who approved
LEADERSHIP_STEP = "doc.member != frappe.session.user and doc.host_decided_by != frappe.session.user"
TRANSITIONS = [
	# state, action, next state, allowed role, condition
	(EXIT_REQUESTED, APPROVE, EXIT_HOST_APPROVED, CLASS_TEACHER, HOST_STEP),
	(EXIT_REQUESTED, REJECT, EXIT_REJECTED, CLASS_TEACHER, HOST_STEP),
	(EXIT_HOST_APPROVED, APPROVE, EXIT_APPROVED, PRINCIPAL, LEADERSHIP_STEP),
	(EXIT_HOST_APPROVED, REJECT, EXIT_REJECTED, PRINCIPAL, LEADERSHIP_STEP),
]


def create_exit_workflow():
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
	if frappe.db.exists("Workflow", EXIT_WORKFLOW):
		return
	frappe.get_doc(
		{
			"doctype": "Workflow",
			"workflow_name": EXIT_WORKFLOW,
			"document_type": EXIT_REQUEST,
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
					"allow_self_approval": 0,  # the owner is the member, who never decides
				}
				for state, action, next_state, role, condition in TRANSITIONS
			],
		}
	).insert(ignore_permissions=True)
