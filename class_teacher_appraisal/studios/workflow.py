"""The Studio Assessment's workflow, created in code (Workflow records do not sync from files) and
only where missing, so a school's changes to it survive migrations:

	Draft (the studio's host enters the hand-scored lines; the host's own: the office)
	→ Pending Leadership Approval (校长; never approved by whoever submitted it for approval)
	→ Approved (submitted: the grade's consequences happen);
	the leadership returns it to Draft with a reason; the office cancels an approved one."""

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
from class_teacher_appraisal.setup.workflow import ensure_workflow

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
	# allow_self_approval: ownership is not the point here; see NOT_OWN
	ensure_workflow(STUDIO_WORKFLOW, STUDIO_ASSESSMENT, STATES, TRANSITIONS)
