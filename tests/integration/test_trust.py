"""Trust: nobody raises their own score, reads a colleague's file or rewrites what the server
computed. Every check here decides from the database's stored state, not from the request."""

import frappe
import pytest
from frappe.client import get_list as client_get_list
from frappe.client import get_value as client_get_value
from frappe.model.workflow import WorkflowTransitionError, apply_workflow

from class_teacher_appraisal import api
from tests.factories import (
	S6,
	appraisal_of,
	approve,
	fill_manual,
	inspect,
	make_period,
	make_user,
	two_teacher_school,
)

APPRAISAL, RATING, LINE = "Class Teacher Appraisal", "Appraisal Rating", "Class Teacher Appraisal Line"
TERM_RUBRIC = "班主任学期综合考核 v1"


@pytest.fixture
def school():
	return two_teacher_school(incidents={"打架": 1})  # an incident for the child-row checks


@pytest.fixture
def term(school):
	users, classes, _ = school
	period = make_period("学期", "2025-09-01", "2026-01-18", rubric=TERM_RUBRIC)
	period.generate_appraisals()
	return {k: appraisal_of(period.name, c) for k, c in classes.items()}, period


def rating(appraisal, rater=None, group=None, score=90):
	doc = {"doctype": RATING, "appraisal": appraisal, "scores": [{"criterion_code": "T-03", "score": score}]}
	if rater:
		doc["rater"] = rater
	if group:
		doc["rater_group"] = group
	return frappe.get_doc(doc)


# ------------------------------------------------------------------ ratings


def test_a_class_teacher_cannot_rate_their_own_appraisal(school, term, as_user):
	users = school[0]
	mine = term[0]["a"]
	with as_user(users["teacher_a"]), pytest.raises(frappe.PermissionError):
		rating(mine.name, group="Leadership").insert()
	assert not frappe.db.exists(RATING, {"appraisal": mine.name})


def test_the_rater_is_who_enters_it_and_the_group_follows_from_who_they_are(school, term, as_user):
	users = school[0]
	colleague = term[0]["b"]
	with as_user(users["principal"]):
		doc = rating(colleague.name, rater=users["teacher_a"], group="Teachers").insert()
	assert (doc.rater, doc.rater_group) == (users["principal"], "Leadership")
	with as_user(users["principal"]), pytest.raises(frappe.DuplicateEntryError):
		rating(colleague.name).insert()  # one rating per rater and appraisal
	with as_user(users["principal"]):
		doc.reload()
		doc.rater_group, doc.rater = "Parents", users["teacher_a"]
		doc.save()
	assert frappe.db.get_value(RATING, doc.name, ["rater", "rater_group"]) == (
		users["principal"],
		"Leadership",
	)


def test_a_period_names_raters_in_other_groups_and_people_without_a_group_cannot_rate(school, term, as_user):
	users, _, _ = school
	period = term[1]
	nobody = make_user("no.role@example.cn")
	with as_user(nobody), pytest.raises(frappe.PermissionError):
		rating(term[0]["b"].name).insert()
	period.append("raters", {"user": users["teacher_a"], "rater_group": "Leadership"})
	period.save()
	with as_user(users["teacher_a"]):
		assert rating(term[0]["b"].name).insert().rater_group == "Leadership"


def test_nobody_takes_over_another_raters_rating(school, term, as_user):
	users = school[0]
	with as_user(users["principal"]):
		theirs = rating(term[0]["a"].name).insert()
	with as_user(users["teacher_b"]):
		forged = frappe.get_doc(theirs.as_dict())
		forged.rater = users["teacher_b"]  # the request claims the rating is theirs
		forged.scores[0].score = 1
		with pytest.raises(frappe.PermissionError):
			forged.save()
	assert frappe.db.get_value("Appraisal Rating Score", {"parent": theirs.name}, "score") == 90


# ------------------------------------------------------------------ child rows and counts


def test_child_rows_are_listed_only_under_a_parent_the_user_may_read(school, as_user):
	users, classes, period = school
	mine, theirs = appraisal_of(period.name, classes["a"]), appraisal_of(period.name, classes["b"])
	with as_user(users["teacher_a"]):
		rows = client_get_list(LINE, fields=["parent"], parent=APPRAISAL, limit_page_length=0)
		assert {r["parent"] for r in rows} == {mine.name}
		assert client_get_list(LINE, filters={"parent": theirs.name}, parent=APPRAISAL) == []
		assert client_get_value(LINE, "points", {"parent": theirs.name}, parent=APPRAISAL) == {}
		incidents = client_get_list("Inspection Incident", fields=["parent"], parent="Inspection")
		own = set(frappe.get_all("Inspection", {"class_record": classes["a"]}, pluck="name"))
		assert incidents and {r["parent"] for r in incidents} <= own
		assert api.get_count(LINE, {"parent": theirs.name}, parent=APPRAISAL) == 0
		assert api.get_count(LINE, {"parent": mine.name}, parent=APPRAISAL) == len(mine.lines)
		assert api.get_count(APPRAISAL) == 1
	with as_user(users["office"]):
		assert api.get_count(LINE, parent=APPRAISAL) == len(mine.lines) + len(theirs.lines)


def test_a_rated_teacher_cannot_count_or_list_the_scores_given_to_them(school, term, as_user):
	users = school[0]
	with as_user(users["principal"]):
		rating(term[0]["a"].name).insert()
	with as_user(users["teacher_a"]):
		assert client_get_list("Appraisal Rating Score", fields=["score"], parent=RATING) == []
		assert api.get_count("Appraisal Rating Score", parent=RATING) == 0
		assert api.get_count(RATING) == 0


def test_other_classes_weekly_averages_and_ranks_are_the_offices(school, as_user):
	users, classes, period = school
	period.award_weekly_flags()
	with as_user(users["teacher_a"]):
		rows = frappe.get_list("Red Flag Award", fields=["class_record", "rank", "average_score"])
		assert api.get_count("Red Flag Award", {"class_record": classes["b"]}) == 0
	assert rows and {r.class_record for r in rows} == {classes["a"]}
	with as_user(users["office"]):
		rows = frappe.get_list("Red Flag Award", fields=["class_record", "rank", "average_score"])
	assert {r.class_record for r in rows} == {classes["a"], classes["b"]}


# ------------------------------------------------------------------ stored state and computed fields


def test_a_forged_document_does_not_open_another_teachers_appraisal(school, as_user):
	users, classes, period = school
	theirs = appraisal_of(period.name, classes["b"])
	forged = frappe.get_doc(theirs.as_dict())
	forged.class_teacher = users["teacher_a"]
	with as_user(users["teacher_a"]):
		assert not frappe.has_permission(APPRAISAL, "read", forged)
		assert not frappe.has_permission(APPRAISAL, "print", forged)


def test_computed_fields_sent_by_a_client_are_recomputed(school, as_user):
	users, classes, period = school
	doc = appraisal_of(period.name, classes["b"])
	expected = (doc.total_score, doc.allowance, [ln.points for ln in doc.lines])
	with as_user(users["office"]):
		forged = frappe.get_doc(APPRAISAL, doc.name)
		forged.total_score, forged.allowance, forged.grade = 999, 88888, "优秀"
		for line in forged.lines:
			line.points = line.computed_points = line.max_points
			line.explanation = "<b>full marks</b>"
		forged.save()
	stored = frappe.get_doc(APPRAISAL, doc.name)
	assert (stored.total_score, stored.allowance, [ln.points for ln in stored.lines]) == expected
	assert "full marks" not in "".join(ln.explanation or "" for ln in stored.lines)


def test_lines_cannot_be_removed_or_added_and_the_class_cannot_change(school, as_user):
	users, classes, period = school
	doc = appraisal_of(period.name, classes["b"])
	with as_user(users["office"]):
		emptied = frappe.get_doc(APPRAISAL, doc.name)
		emptied.lines = []
		emptied.total_score, emptied.allowance = 999, 88888
		with pytest.raises(frappe.PermissionError):
			emptied.save()
	with as_user(users["principal"]):
		moved = frappe.get_doc(APPRAISAL, doc.name)
		moved.class_teacher = users["principal"]
		with pytest.raises(frappe.PermissionError):
			moved.save()
	assert frappe.db.get_value(APPRAISAL, doc.name, "class_teacher") == users["teacher_b"]


def test_a_new_appraisal_is_scored_by_the_server_whatever_the_client_sends(school, as_user):
	users, classes, period = school
	other = make_period("2026年1月", "2026-01-01", "2026-01-31", rubric=S6, period_type="Month")
	with as_user(users["office"]):
		doc = frappe.get_doc(
			{
				"doctype": APPRAISAL,
				"appraisal_period": other.name,
				"class_record": classes["b"],
				"class_teacher": users["office"],
				"total_score": 999,
				"allowance": 88888,
			}
		).insert()
	assert doc.class_teacher == users["teacher_b"]
	assert doc.total_score < 100 and doc.allowance < 1000 and doc.lines


# ------------------------------------------------------------------ separation of duties


def test_a_duty_inspector_forwards_drafts_but_enters_no_points_and_never_their_own_class(school, as_user):
	users, classes, period = school
	frappe.get_doc("Class Record", classes["b"]).db_set("deputy_teacher", users["inspector"])
	a, b = appraisal_of(period.name, classes["a"]), appraisal_of(period.name, classes["b"])
	with as_user(users["inspector"]):
		doc = frappe.get_doc(APPRAISAL, a.name)
		manual = next(ln for ln in doc.lines if ln.rule_kind == "Manual Points")
		manual.manual_points, manual.manual_entered = manual.max_points, 1
		with pytest.raises(frappe.PermissionError):
			doc.save()
		assert apply_workflow(frappe.get_doc(APPRAISAL, a.name), "Submit for Review").workflow_state
		with pytest.raises(frappe.PermissionError):
			apply_workflow(frappe.get_doc(APPRAISAL, b.name), "Submit for Review")
		with pytest.raises(frappe.PermissionError):
			inspect(classes["b"], "卫生", "2025-12-03", 10)
	assert frappe.db.get_value(APPRAISAL, b.name, "workflow_state") == "Draft"


def test_the_office_confirms_vetoes_but_cannot_remove_one_found_in_the_incidents(school, as_user):
	users, classes, period = school
	doc = appraisal_of(period.name, classes["a"])
	doc.append("veto_cases", {"rule_code": "否决1", "reason": "x", "automatic": 1})
	doc.flags.skip_rescore = True
	doc.db_update_all()
	with as_user(users["office"]):
		edited = frappe.get_doc(APPRAISAL, doc.name)
		edited.veto_cases = [v for v in edited.veto_cases if not v.automatic]
		with pytest.raises(frappe.PermissionError):
			edited.save()


def test_a_principal_who_teaches_a_class_cannot_approve_or_move_their_own(school, as_user):
	users, classes, period = school
	frappe.get_doc("Class Record", classes["a"]).db_set("class_teacher", users["principal"])
	doc = appraisal_of(period.name, classes["a"])
	frappe.db.set_value(APPRAISAL, doc.name, "class_teacher", users["principal"])
	doc = fill_manual(frappe.get_doc(APPRAISAL, doc.name))
	doc = apply_workflow(doc, "Submit for Review")
	with as_user(users["office"]):
		doc = apply_workflow(frappe.get_doc(APPRAISAL, doc.name), "Forward to Principal")
	with as_user(users["principal"]):
		mine = frappe.get_doc(APPRAISAL, doc.name)
		assert not frappe.has_permission(APPRAISAL, "submit", mine)
		assert not frappe.has_permission(APPRAISAL, "write", mine)
		with pytest.raises((frappe.PermissionError, WorkflowTransitionError)):
			apply_workflow(mine, "Approve")
		mine.reload()
		mine.return_reason = "x"
		with pytest.raises(frappe.PermissionError):
			mine.save()
	assert frappe.db.get_value(APPRAISAL, doc.name, "docstatus") == 0


def test_a_class_teacher_cannot_write_the_decision_on_their_own_appeal(school, as_user):
	users, classes, period = school
	doc = approve(fill_manual(appraisal_of(period.name, classes["a"])))
	with as_user(users["teacher_a"]):
		appeal = frappe.get_doc(
			{
				"doctype": "Appraisal Appeal",
				"appraisal": doc.name,
				"reason": "不服",
				"status": "Accepted",
				"decision": "accepted by myself",
				"lines": [{"criterion_code": doc.lines[0].criterion_code, "reason": "x"}],
			}
		).insert()
		assert (appeal.status, appeal.decision) == ("Open", None)
		appeal.status, appeal.decision = "Accepted", "accepted by myself"
		appeal.save()
		with pytest.raises(frappe.PermissionError):
			appeal.reject("no")
	assert frappe.db.get_value("Appraisal Appeal", appeal.name, ["status", "decision"]) == ("Open", None)


def test_private_files_of_an_appraisal_are_listed_only_to_its_readers(school, as_user):
	users, classes, period = school
	theirs = appraisal_of(period.name, classes["b"])
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "pupil-photo.txt",
			"content": b"a pupil's photo",
			"is_private": 1,
			"attached_to_doctype": APPRAISAL,
			"attached_to_name": theirs.name,
		}
	).insert(ignore_permissions=True)
	with as_user(users["teacher_a"]):
		assert file.name not in frappe.get_list("File", pluck="name", limit_page_length=0)
		assert not frappe.has_permission("File", "read", frappe.get_doc("File", file.name))
	with as_user(users["teacher_b"]):
		assert file.name in frappe.get_list("File", pluck="name", limit_page_length=0)


def test_nobody_gets_a_colleagues_private_file_by_naming_it_in_their_own_record(school, as_user):
	users, classes, period = school
	theirs = appraisal_of(period.name, classes["b"])
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "their-evidence.txt",
			"content": b"a colleague's evidence",
			"is_private": 1,
			"attached_to_doctype": APPRAISAL,
			"attached_to_name": theirs.name,
		}
	).insert(ignore_permissions=True)
	mine = approve(fill_manual(appraisal_of(period.name, classes["a"])))
	with as_user(users["teacher_a"]):
		appeal = frappe.get_doc(
			{
				"doctype": "Appraisal Appeal",
				"appraisal": mine.name,
				"reason": "不服",
				"evidence": file.file_url,
				"lines": [{"criterion_code": mine.lines[0].criterion_code, "reason": "x"}],
			}
		)
		with pytest.raises(frappe.PermissionError):
			appeal.insert()
		own = frappe.get_doc(
			{"doctype": "File", "file_name": "mine.txt", "content": b"my evidence", "is_private": 1}
		).insert()
		appeal.evidence = own.file_url
		appeal.insert()  # a file the teacher uploaded is fine
	assert not frappe.db.exists(
		"File", {"file_url": file.file_url, "attached_to_doctype": "Appraisal Appeal"}
	)


def test_a_teacher_who_handed_over_their_class_still_cannot_rate_its_appraisal(school, term, as_user):
	users, classes, _ = school
	appraisal = term[0]["a"]  # made while teacher_a taught the class
	# handed over today, as the office does it: the dated assignments say who is on post
	cls = frappe.get_doc("Class Record", classes["a"])
	today = frappe.utils.getdate()
	next(row for row in cls.assignments if not row.to_date).to_date = frappe.utils.add_days(today, -1)
	cls.append("assignments", {"teacher": users["teacher_b"], "from_date": today})
	cls.save()
	period = term[1]
	period.append("raters", {"user": users["teacher_a"], "rater_group": "Leadership"})
	period.save()
	with as_user(users["teacher_a"]), pytest.raises(frappe.PermissionError):
		rating(appraisal.name).insert()
	with as_user(users["teacher_b"]):  # the new teacher is now about the class too
		assert not frappe.has_permission(RATING, "create", rating(appraisal.name))
