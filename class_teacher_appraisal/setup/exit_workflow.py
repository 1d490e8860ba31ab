"""The approval of a studio member's exit request (seed 004: 学员申请退出工作室需事先提出并经领衔人
报学校…审批同意方可有效), created in code (Workflow records do not sync from files) and only where
missing, so a school's changes to it survive migrations:

	Requested (the member) → Approved by Host (the studio's host) → Approved (the school's
	leadership, Principal); Reject at either step, with the step's reason.

The conditions only decide who sees which button; the controller (studio_exit_request.py) checks
every step again from the stored request and memberships."""

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
from class_teacher_appraisal.setup.workflow import ensure_workflow

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
	# no self approval: the owner is the member, who never decides
	ensure_workflow(EXIT_WORKFLOW, EXIT_REQUEST, STATES, TRANSITIONS, allow_self_approval=0)
