"""The approval workflow, walked through Frappe's workflow machinery as each role."""

import frappe
import pytest
from frappe.model.workflow import apply_workflow

from tests.conftest import acting_as
from tests.factories import approve, fill_manual, make_user, monthly_appraisal, walk

INSPECTOR, OFFICE, PRINCIPAL = "duty@example.cn", "office@example.cn", "head@example.cn"


@pytest.fixture
def draft():
	doc = monthly_appraisal(
		"五年级(3)班", 5, "a.teacher@example.cn", "2025年11月", "2025-11-01", "2025-11-30"
	)
	return fill_manual(doc, short_by=1)


def notified(user, name):
	frappe.db.after_commit.run()  # as a commit would: notifications go out once the change is committed
	return frappe.get_all(
		"Notification Log", filters={"for_user": user, "document_name": name}, pluck="subject"
	)


def test_draft_review_forward_approve(draft):
	doc = walk(draft, (INSPECTOR, "Submit for Review"))
	assert doc.workflow_state == "Pending Office Review"
	assert any("waiting for the office's review" in s for s in notified(OFFICE, doc.name))
	doc = walk(doc, (OFFICE, "Forward to Principal"))
	assert doc.workflow_state == "Pending Principal Approval"
	assert any("waiting for your approval" in s for s in notified(PRINCIPAL, doc.name))
	doc = walk(doc, (PRINCIPAL, "Approve"))
	assert (doc.workflow_state, doc.docstatus) == ("Approved", 1)
	assert notified(doc.class_teacher, doc.name) == [
		f"Your appraisal {doc.title} is approved: 94 points, grade 优"
	]


def test_the_office_cannot_forward_while_questions_are_open(draft):
	draft.lines[0].manual_points, draft.lines[0].manual_entered = 0, 0
	draft.save()
	assert draft.pending_questions == 1
	doc = walk(draft, (INSPECTOR, "Submit for Review"))
	with acting_as(OFFICE), pytest.raises(frappe.ValidationError):
		apply_workflow(doc, "Forward to Principal")
	assert frappe.db.get_value(doc.doctype, doc.name, "workflow_state") == "Pending Office Review"


@pytest.mark.parametrize("returner, state_before", [(OFFICE, "office"), (PRINCIPAL, "principal")])
def test_returning_needs_a_reason_which_the_teacher_is_told(draft, returner, state_before):
	steps = [(INSPECTOR, "Submit for Review")]
	if state_before == "principal":
		steps.append((OFFICE, "Forward to Principal"))
	doc = walk(draft, *steps)
	with acting_as(returner), pytest.raises(frappe.MandatoryError, match="Say why the appraisal is returned"):
		apply_workflow(frappe.get_doc(doc.doctype, doc.name), "Return")
	with acting_as(returner):  # the Desk asks for the reason and saves it before applying the action
		returned = frappe.get_doc(doc.doctype, doc.name)
		returned.return_reason = "家访记录不全，请补充"
		returned.save()
		returned = apply_workflow(returned, "Return")
	assert returned.workflow_state == "Draft"
	assert notified(doc.class_teacher, doc.name) == [
		f"Your appraisal {doc.title} was returned: 家访记录不全，请补充"
	]
	comments = frappe.get_all(
		"Comment", filters={"reference_name": doc.name, "comment_type": "Workflow"}, pluck="content"
	)
	assert "Returned: 家访记录不全，请补充" in comments


@pytest.mark.parametrize(
	"user, action",
	[
		("a.teacher@example.cn", "Submit for Review"),  # a class teacher cannot move their own appraisal
		(INSPECTOR, "Approve"),
		(OFFICE, "Approve"),
	],
)
def test_wrong_roles_cannot_move_the_appraisal(draft, user, action):
	if action == "Approve":
		draft = walk(draft, (INSPECTOR, "Submit for Review"), (OFFICE, "Forward to Principal"))
	before = frappe.db.get_value(draft.doctype, draft.name, "workflow_state")
	with acting_as(user), pytest.raises((frappe.PermissionError, frappe.ValidationError)):
		apply_workflow(frappe.get_doc(draft.doctype, draft.name), action)
	assert frappe.db.get_value(draft.doctype, draft.name, "workflow_state") == before


def test_a_principal_cannot_approve_their_own_appraisal(draft):
	frappe.db.set_value(draft.doctype, draft.name, "class_teacher", PRINCIPAL)
	doc = walk(
		frappe.get_doc(draft.doctype, draft.name),
		(INSPECTOR, "Submit for Review"),
		(OFFICE, "Forward to Principal"),
	)
	with acting_as(PRINCIPAL), pytest.raises(frappe.ValidationError):
		apply_workflow(doc, "Approve")
	assert frappe.db.get_value(doc.doctype, doc.name, "docstatus") == 0
	other = make_user("deputy.head@example.cn", "Principal")
	assert walk(doc, (other, "Approve")).docstatus == 1


def test_an_approved_appraisal_cannot_be_edited_by_anyone(draft):
	doc = approve(draft)
	doc.lines[0].adjustment, doc.lines[0].adjustment_reason = 1, "x"
	with pytest.raises(frappe.UpdateAfterSubmitError):
		doc.save()
	assert frappe.db.get_value("Class Teacher Appraisal Line", doc.lines[0].name, "adjustment") == 0


def test_a_cancelled_approved_appraisal_is_amended_and_goes_round_again(draft):
	doc = approve(draft)
	doc = walk(doc, (OFFICE, "Cancel"))
	assert (doc.docstatus, doc.workflow_state) == (2, "Cancelled")
	amended = frappe.copy_doc(doc)  # what the Desk's Amend does
	amended.update({"amended_from": doc.name, "docstatus": 0, "workflow_state": None})
	with acting_as(OFFICE):
		amended.insert()
	assert amended.workflow_state == "Draft" and amended.docstatus == 0
	assert approve(amended).docstatus == 1
	assert frappe.db.get_value("Class Teacher Appraisal", doc.name, "docstatus") == 2  # the old version stays


def test_the_next_approvers_are_emailed_through_the_queue(draft, monkeypatch):
	monkeypatch.setattr(frappe.flags, "mute_emails", False)
	frappe.get_doc({"doctype": "Email Account", "email_account_name": "学校", "email_id": "office@school.cn",
		"default_outgoing": 1, "enable_outgoing": 1, "smtp_server": "localhost", "awaiting_password": 0,
		"no_smtp_authentication": 1}).insert(ignore_permissions=True)  # fmt: skip
	walk(draft, (INSPECTOR, "Submit for Review"))
	frappe.db.after_commit.run()  # as a commit would
	queued = frappe.get_all(
		"Email Queue Recipient", filters={"recipient": OFFICE}, fields=["parent"], order_by="creation desc"
	)
	assert queued, "no email queued for the office"
	message = frappe.db.get_value("Email Queue", queued[0].parent, ["reference_name", "status"], as_dict=True)
	assert message.reference_name == draft.name and message.status == "Not Sent"


def test_only_the_states_editor_changes_it_even_through_the_api(draft):
	doc = walk(draft, (INSPECTOR, "Submit for Review"))
	with acting_as(INSPECTOR):
		mine = frappe.get_doc(doc.doctype, doc.name)
		mine.lines[0].adjustment, mine.lines[0].adjustment_reason = -2, "?"
		with pytest.raises(frappe.PermissionError, match="only Academic Office can change it"):
			mine.save()
	with acting_as(OFFICE):
		theirs = frappe.get_doc(doc.doctype, doc.name)
		theirs.lines[0].adjustment, theirs.lines[0].adjustment_reason = -2, "教案缺两周"
		theirs.save()
	assert frappe.db.get_value("Class Teacher Appraisal Line", doc.lines[0].name, "adjustment") == -2
