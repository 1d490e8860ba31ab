"""The demo school's master class-teacher studio: its people (a host, a deputy, six members, one
from another school, a trainee), a school year of submitted activities with attendance, the
members' confirmed outputs, and one member's exit approved by the host and the principal."""

import frappe

from class_teacher_appraisal import demo
from class_teacher_appraisal.class_teacher_appraisal.report.studio_archive import studio_archive
from tests.conftest import acting_as

HOST, MEMBER = "zhangwei@demo-school.cn", "liuyang@demo-school.cn"


def test_the_demo_studio_has_its_people_a_year_of_work_and_an_approved_exit(demo_school):
	places = frappe.get_all(
		"Studio Membership",
		filters={"studio": demo.STUDIO},
		fields=["member", "role", "school", "status", "to_date"],
	)
	roles = sorted(p.role for p in places)
	assert roles == ["Deputy Host", "Host", *["Member"] * 6, "Trainee"]
	assert [p.school for p in places if p.school != demo.SCHOOL] == ["城南小学"]
	left = [p for p in places if p.status == "Left"]
	assert [(p.member, str(p.to_date)) for p in left] == [("huanglei@demo-school.cn", "2026-02-28")]
	request = frappe.get_all(
		"Studio Exit Request",
		fields=["workflow_state", "docstatus", "host_decided_by", "leadership_decided_by"],
	)
	assert [tuple(r.values()) for r in request] == [("Approved", 1, HOST, "zhang.principal@demo-school.cn")]

	activities = frappe.get_all(
		"Studio Activity",
		filters={"studio": demo.STUDIO},
		fields=["name", "activity_kind", "docstatus", "hours"],
	)
	kinds = [a.activity_kind for a in activities]
	assert {a.docstatus for a in activities} == {1} and len(activities) == 22
	assert (kinds.count("集中学习"), kinds.count("计划会"), kinds.count("推进会"), kinds.count("总结会")) == (
		9,
		2,
		4,
		2,
	)
	assert sum(a.hours for a in activities if a.activity_kind == "培训") == 13
	# the member who left attends nothing after leaving
	late = frappe.get_all(
		"Studio Attendance",
		filters={"member": "huanglei@demo-school.cn", "parent": ["in", [a.name for a in activities]]},
		fields=["parent"],
	)
	dates = {frappe.db.get_value("Studio Activity", r.parent, "activity_date") for r in late}
	assert dates and max(str(d) for d in dates) <= "2026-02-28"

	outputs = frappe.get_all(
		"Appraisal Activity", filters={"studio": demo.STUDIO}, fields=["docstatus", "confirmed_by", "level"]
	)
	assert len(outputs) == 31 and {o.docstatus for o in outputs} == {1}
	assert {o.confirmed_by for o in outputs} == {HOST}  # the deputy's too; never their own
	assert [o.level for o in outputs if o.level] == ["区级"]
	assert demo.load() == {"loaded": False, "reason": "the demo school is already there"}
	assert frappe.db.count("Class Teacher Studio") == 1


def test_the_demo_studio_archive_shows_each_their_own(demo_school):
	def records(user):
		with acting_as(user):
			_c, rows, *_ = studio_archive.execute(frappe._dict(studio=demo.STUDIO, academic_year="2025-2026"))
		return [r for r in rows if r["indent"] == 1]

	host, member = records(HOST), records(MEMBER)
	assert len(host) == 22 + 31
	assert len(member) == 22 + 5  # the studio's activities and their own five outputs (one a paper)
	assert [r["category"] for r in host if r["indent"] == 1][:1] == ["Plans and Summaries"]


def test_the_demo_studio_year_has_each_members_draft_assessment_from_its_records(demo_school):
	"""The 40-hour charter of seed 004 over the studio's year: one draft per person who holds a place
	at the year's end as member, deputy host or host (not the trainee, nor the member who left in
	February), each scored from the year's records."""
	assessments = frappe.get_all(
		"Studio Assessment",
		filters={"appraisal_period": demo.STUDIO_YEAR},
		fields=["member", "rubric", "docstatus", "workflow_state", "total_score"],
	)
	people = frappe.get_all(
		"Studio Membership",
		filters={"studio": demo.STUDIO, "role": ["!=", "Trainee"], "status": "Active"},
		pluck="member",
	)
	assert len(people) == 7  # the host, the deputy and five of the six members
	assert sorted(a.member for a in assessments) == sorted(people)
	assert {a.rubric for a in assessments} == {f"{demo.CHARTER} v1"}
	assert {(a.docstatus, a.workflow_state) for a in assessments} == {(0, "Draft")}
	member = next(a for a in assessments if a.member == MEMBER)
	assert 0 < member.total_score < 100  # the records count; the host's hand-scored lines wait


def test_the_annual_results_report_lists_a_studio_year_to_each_as_they_may_see_it(demo_school):
	"""Studio Annual Results, a Report Builder report on Studio Assessment: the host sees the
	studio's year, a member their own row only (the report runs through the list's permissions)."""
	from frappe.desk.reportview import get

	report = frappe.get_doc("Report", "Studio Annual Results")
	spec = frappe.parse_json(report.json)
	assert (report.report_type, report.ref_doctype) == ("Report Builder", "Studio Assessment")

	def rows(user):
		try:
			with acting_as(user):
				frappe.local.form_dict = frappe._dict(
					doctype="Studio Assessment",
					fields=[f"`tabStudio Assessment`.`{f}`" for f, _dt in spec["columns"]],
					filters=[["Studio Assessment", "appraisal_period", "=", demo.STUDIO_YEAR]],
					order_by="`tabStudio Assessment`.`total_score` desc",
				)
				result = get()
		finally:
			frappe.local.form_dict = frappe._dict()  # later tests (print) read it
		return [dict(zip(result["keys"], v, strict=True)) for v in result["values"]]

	by_host = rows(HOST)
	assert len(by_host) == frappe.db.count("Studio Assessment", {"appraisal_period": demo.STUDIO_YEAR}) > 1
	assert {r["member_name"] for r in rows(MEMBER)} == {"刘洋"}
