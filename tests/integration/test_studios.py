"""Master class-teacher studios (issue 14, seed 004) set up through the DocTypes as the office, a
host and a member would: the seed's numbers (at most 12 members, in general at most 2 from the
host's school, one or two hosts), an exit request approved by the host and then the leadership
that ends the membership, a host recording an activity with attendance, members recording their
outputs that the host confirms, the archive, and who sees and changes what."""

from unittest.mock import patch

import frappe
import pytest
from frappe.utils import add_days, getdate, today

from class_teacher_appraisal.class_teacher_appraisal.report.studio_archive import studio_archive
from tests.conftest import acting_as
from tests.factories import walk

OFFICE, PRINCIPAL = "office@example.cn", "head@example.cn"
HOST, DEPUTY, COHOST = "teacher11@example.cn", "teacher12@example.cn", "teacher13@example.cn"
OTHER_HOST = "teacher14@example.cn"  # hosts studio B
OUTSIDER = "b.teacher@example.cn"  # a class teacher in no studio
TEACHERS = [f"teacher{g}{i}@example.cn" for g in range(2, 7) for i in range(1, 5)]  # 20 teachers
A, B = "测试名班主任工作室", "另一名班主任工作室"
HOST_SCHOOL, OTHER_SCHOOL = "城关小学", "实验小学"
REFUSED = (frappe.ValidationError, frappe.PermissionError)


def kinds():
	for name, measure, category in (
		("集中学习", "Count", "Others"),
		("计划会", "Count", "Plans and Summaries"),
		("读书心得", "Count", "Research"),
		("德育论文", "Count", "Research"),
		("获奖", "Count", "Achievements"),
	):
		if not frappe.db.exists("Activity Kind", name):
			frappe.get_doc(
				{
					"doctype": "Activity Kind",
					"activity_kind_name": name,
					"measure": measure,
					"archive_category": category,
				}
			).insert()


def place(studio, member, role="Member", school=OTHER_SCHOOL, from_date="2025-09-01", **kw):
	with acting_as(OFFICE):
		return frappe.get_doc(
			{
				"doctype": "Studio Membership",
				"studio": studio,
				"member": member,
				"role": role,
				"school": school,
				"from_date": from_date,
				**kw,
			}
		).insert()


@pytest.fixture
def studios(db):
	"""Studio A (district: 12 members, at most 2 from the host school) with a host, a deputy, four
	members (one from the host school) and a trainee; studio B with its own host."""
	kinds()
	with acting_as(OFFICE):
		for name in (A, B):
			frappe.get_doc(
				{
					"doctype": "Class Teacher Studio",
					"studio_name": name,
					"level": "District",
					"host_school": HOST_SCHOOL,
					"max_members": 12,
					"max_from_host_school": 2,
				}
			).insert()
	w = frappe._dict(places={})
	w.places[HOST] = place(A, HOST, "Host", HOST_SCHOOL).name
	w.places[DEPUTY] = place(A, DEPUTY, "Deputy Host", HOST_SCHOOL).name
	for i, member in enumerate(TEACHERS[:4]):
		w.places[member] = place(A, member, school=HOST_SCHOOL if i == 0 else OTHER_SCHOOL).name
	w.trainee = TEACHERS[4]
	w.places[w.trainee] = place(A, w.trainee, "Trainee").name
	w.members = TEACHERS[:4]
	place(B, OTHER_HOST, "Host", HOST_SCHOOL)
	return w


def active_members(studio, day="2026-03-01"):
	return frappe.get_all(
		"Studio Membership",
		filters={
			"studio": studio,
			"role": "Member",
			"from_date": ["<=", day],
		},
		or_filters=[["to_date", "is", "not set"], ["to_date", ">=", day]],
		pluck="member",
	)


# ------------------------------------------------------------------ people and places


def test_a_studio_takes_at_most_twelve_members_and_hosts_and_trainees_do_not_count(studios):
	for member in TEACHERS[5:13]:  # 4 + 8 = 12 members
		place(A, member)
	assert len(active_members(A)) == 12
	with pytest.raises(frappe.ValidationError, match="would have 13 members on .*at most 12"):
		place(A, TEACHERS[13])
	place(A, TEACHERS[14], "Trainee")  # trainees have their own places
	# a member leaves at the end of January: a place opens from 1 February, not before
	with acting_as(OFFICE):
		leaving = frappe.get_doc("Studio Membership", studios.places[TEACHERS[1]])
		leaving.update({"to_date": "2026-01-31", "status": "Left", "reason": "调往外区"})
		leaving.save()
	with pytest.raises(frappe.ValidationError, match="13 members on"):
		place(A, TEACHERS[13], from_date="2026-01-15")
	place(A, TEACHERS[13], from_date="2026-02-01")
	assert len(active_members(A)) == 12


def test_in_general_at_most_two_members_come_from_the_host_school(studios):
	place(A, TEACHERS[5], school=HOST_SCHOOL)  # the second from 城关小学
	with pytest.raises(frappe.ValidationError, match="3 members from 城关小学"):
		place(A, TEACHERS[6], school=HOST_SCHOOL)
	place(A, TEACHERS[6], school=OTHER_SCHOOL)
	# the host and the deputy are from the host school too, but they are not members
	with pytest.raises(frappe.ValidationError, match="Enter .*school"):
		place(A, TEACHERS[7], school="")


def test_a_studio_has_one_or_two_hosts(studios):
	place(A, COHOST, "Host")
	with pytest.raises(frappe.ValidationError, match="3 hosts"):
		place(A, TEACHERS[10], "Host")
	# the last host leaves only once the next one is entered
	with acting_as(OFFICE):
		frappe.get_doc("Studio Membership", studios.places[HOST]).update(
			{"to_date": "2026-01-31", "status": "Left", "reason": "退休"}
		).save()
		cohost = frappe.get_doc("Studio Membership", {"studio": A, "member": COHOST})
		cohost.update({"to_date": "2026-01-31", "status": "Left", "reason": "调离"})
		with pytest.raises(frappe.ValidationError, match="no host from"):
			cohost.save()
	place(A, TEACHERS[10], "Host", from_date="2026-02-01")
	with acting_as(OFFICE):
		cohost.reload()
		cohost.update({"to_date": "2026-01-31", "status": "Left", "reason": "调离"})
		cohost.save()


def test_one_person_holds_one_place_at_a_time(studios):
	with pytest.raises(frappe.ValidationError, match="already has a place"):
		place(A, TEACHERS[0], "Trainee", from_date="2026-01-01")
	place(B, TEACHERS[0])  # another studio is another place


def test_an_ended_membership_says_when_and_why(studios):
	def change(member, **values):
		with acting_as(OFFICE):
			return frappe.get_doc("Studio Membership", studios.places[member]).update(values).save()

	with pytest.raises(frappe.ValidationError, match="needs its last day"):
		change(TEACHERS[2], status="Rotated Out")
	with pytest.raises(frappe.ValidationError, match="Say why"):
		change(TEACHERS[2], status="Rotated Out", to_date="2026-06-30")
	change(TEACHERS[2], status="Rotated Out", to_date="2026-06-30", reason="年度考核不合格，按制度流动")
	with pytest.raises(frappe.ValidationError, match="set the status to Left"):
		change(TEACHERS[3], to_date="2025-12-31")  # ended, yet still active
	with pytest.raises(frappe.ValidationError, match="cannot end"):
		change(TEACHERS[3], to_date="2025-08-01")
	with acting_as(HOST), pytest.raises(frappe.PermissionError):
		frappe.get_doc("Studio Membership", studios.places[TEACHERS[3]]).update(
			{"role": "Deputy Host"}
		).save()


def test_a_charter_is_a_rubric_for_studio_members(studios):
	if not frappe.get_meta("Appraisal Rubric").has_field("applies_to"):
		pytest.skip("rubrics do not say whom they are for")
	class_rubric = frappe.db.get_value("Appraisal Rubric", {"applies_to": ["!=", "Studio Members"]})
	with acting_as(OFFICE):
		studio = frappe.get_doc("Class Teacher Studio", A)
		studio.charter = class_rubric
		with pytest.raises(frappe.ValidationError, match="applies to studio members"):
			studio.save()
		studio.reload()
		studio.max_members = 3
		with pytest.raises(frappe.ValidationError, match="has 4 members today"):
			studio.save()


# ------------------------------------------------------------------ exit requests


def in_days(n: int) -> str:
	return str(add_days(getdate(today()), n))


def request_exit(member, place_name, day=None, reason="身体原因，申请退出"):
	"""The member asks to leave; their last day a month from today unless given."""
	day = day or in_days(30)
	with acting_as(member):
		return frappe.get_doc(
			{"doctype": "Studio Exit Request", "membership": place_name, "leaving_on": day, "reason": reason}
		).insert()


def test_an_exit_approved_by_the_host_and_the_leadership_ends_the_membership(studios):
	member = TEACHERS[1]
	request = request_exit(member, studios.places[member])
	assert (request.studio, request.member, request.workflow_state) == (A, member, "Requested")
	# nobody decides on their own; the principal waits for the host; another studio's host never acts
	for user in (member, PRINCIPAL, OTHER_HOST, DEPUTY, OUTSIDER):
		with pytest.raises(REFUSED):
			walk(request, (user, "Approve"))
	request = walk(request, (HOST, "Approve"))
	assert (request.workflow_state, request.host_decided_by) == ("Approved by Host", HOST)
	assert frappe.db.get_value("Studio Membership", studios.places[member], "status") == "Active"
	for user in (member, HOST, OFFICE):
		with pytest.raises(REFUSED):
			walk(request, (user, "Approve"))
	request = walk(request, (PRINCIPAL, "Approve"))
	assert (request.docstatus, request.workflow_state, request.leadership_decided_by) == (
		1,
		"Approved",
		PRINCIPAL,
	)
	ended = frappe.db.get_value(
		"Studio Membership", studios.places[member], ["status", "to_date", "reason"], as_dict=True
	)
	assert (ended.status, str(ended.to_date), ended.reason) == ("Left", in_days(30), "身体原因，申请退出")
	assert member not in active_members(A, in_days(31))


def test_a_rejection_needs_the_steps_reason_and_leaves_the_membership(studios):
	member = TEACHERS[2]
	request = request_exit(member, studios.places[member])
	with pytest.raises(frappe.ValidationError, match="Host's Opinion"):
		walk(request, (HOST, "Reject"))
	with acting_as(HOST):
		doc = frappe.get_doc("Studio Exit Request", request.name)
		doc.host_decision = "课题结题在即，请坚持到学期末"
		doc.save()
	request = walk(request, (HOST, "Reject"))
	assert (request.docstatus, request.workflow_state) == (1, "Rejected")
	assert frappe.db.get_value("Studio Membership", studios.places[member], "status") == "Active"
	# the leadership's rejection needs its own reason
	again = request_exit(member, studios.places[member], reason="再次申请")
	again = walk(again, (HOST, "Approve"))
	with pytest.raises(frappe.ValidationError, match="Leadership's Decision"):
		walk(again, (PRINCIPAL, "Reject"))


def test_only_the_member_asks_to_leave_and_nobody_forges_a_decision(studios):
	with pytest.raises(frappe.PermissionError):
		request_exit(TEACHERS[0], studios.places[TEACHERS[1]])  # a colleague's place
	with pytest.raises(frappe.PermissionError):
		request_exit(HOST, studios.places[TEACHERS[1]])
	request = request_exit(TEACHERS[1], studios.places[TEACHERS[1]])
	with acting_as(TEACHERS[1]):
		doc = frappe.get_doc("Studio Exit Request", request.name)
		doc.host_decision = "同意"
		with pytest.raises(frappe.PermissionError):
			doc.save()
		doc.reload()
		with pytest.raises(REFUSED):
			doc.submit()  # straight to a decision, past the workflow
	assert frappe.db.get_value("Studio Exit Request", request.name, ["docstatus", "workflow_state"]) == (
		0,
		"Requested",
	)
	with pytest.raises(frappe.ValidationError, match="already waiting"):
		request_exit(TEACHERS[1], studios.places[TEACHERS[1]])
	with acting_as(OUTSIDER):
		assert not frappe.has_permission("Studio Exit Request", "read", request.name)
		assert request.name not in frappe.get_list("Studio Exit Request", pluck="name")
	with acting_as(HOST):
		assert request.name in frappe.get_list("Studio Exit Request", pluck="name")


# ------------------------------------------------------------------ activities and attendance


def activity(studio, day="2025-10-08", attendance=(), kind="集中学习", submit=False, **kw):
	doc = frappe.get_doc(
		{
			"doctype": "Studio Activity",
			"studio": studio,
			"activity_kind": kind,
			"title": f"{day} 集中学习研讨",
			"activity_date": day,
			"hours": 2,
			"attendance": [{"member": m, "present": 1} for m in attendance],
			**kw,
		}
	).insert()
	if submit:
		doc.submit()
	return doc


def test_a_host_records_an_activity_with_its_people_on_the_day(studios):
	people = [HOST, DEPUTY, *studios.members, studios.trainee]
	with acting_as(HOST):
		doc = activity(A, attendance=people, submit=True)
	assert doc.docstatus == 1 and len(doc.attendance) == 7
	assert {r.member_name for r in doc.attendance} >= {"teacher21", "teacher31"}
	with acting_as(DEPUTY):  # the deputy host records too
		activity(A, day="2025-11-05", attendance=[HOST])
	with acting_as(HOST):
		with pytest.raises(frappe.ValidationError, match="Row 2: .* has no place"):
			activity(A, attendance=[HOST, OUTSIDER])
		with pytest.raises(frappe.ValidationError, match="Row 2: .* is listed twice"):
			activity(A, attendance=[HOST, HOST])
		with pytest.raises(frappe.PermissionError, match="Only a host or deputy host"):
			activity(A, day="2025-08-20")  # before the studio began, nobody hosted it
		with pytest.raises(frappe.ValidationError, match="Class Hours"):
			activity(A, hours=-1)
	# a member reads the studio's activities and their attendance, but records none
	with acting_as(TEACHERS[0]):
		assert frappe.has_permission("Studio Activity", "read", doc.name)
		assert frappe.get_all("Studio Attendance", filters={"parent": doc.name}) and frappe.get_list(
			"Studio Attendance", filters={"parent": doc.name}, parent_doctype="Studio Activity"
		)
		with pytest.raises(frappe.PermissionError):
			activity(A)


def test_a_host_never_touches_another_studio(studios):
	with acting_as(HOST):
		doc = activity(A, attendance=[HOST])
	with acting_as(OTHER_HOST):
		with pytest.raises(frappe.PermissionError):
			activity(A)
		assert not frappe.has_permission("Studio Activity", "read", doc.name)
		assert doc.name not in frappe.get_list("Studio Activity", pluck="name")
		assert A not in frappe.get_list("Class Teacher Studio", pluck="name")
		assert not frappe.get_list("Studio Membership", filters={"studio": A})
		assert not frappe.get_list(
			"Studio Attendance", filters={"parent": doc.name}, parent_doctype="Studio Activity"
		)
		with pytest.raises(frappe.PermissionError):
			frappe.get_doc("Studio Activity", doc.name).submit()
		moved = frappe.get_doc("Studio Activity", doc.name)
		with pytest.raises(frappe.PermissionError):
			moved.save()
	with acting_as(HOST):
		moved = frappe.get_doc("Studio Activity", doc.name)
		moved.studio = B
		with pytest.raises(frappe.PermissionError):
			moved.save()
	with acting_as(OUTSIDER):
		assert not frappe.get_list("Class Teacher Studio") and not frappe.get_list("Studio Activity")
	with acting_as(PRINCIPAL):
		assert doc.name in frappe.get_list("Studio Activity", pluck="name")
		assert not frappe.has_permission("Studio Activity", "write", doc.name)


def test_a_host_on_post_records_only_for_the_days_they_host(studios):
	place(A, COHOST, "Host", from_date="2026-03-01")
	with acting_as(COHOST), pytest.raises(frappe.PermissionError, match="host or deputy host"):
		activity(A, day="2026-02-10")  # not yet a host then (and not host today either)


# ------------------------------------------------------------------ members' outputs


def output(person, studio, title="《给教师的建议》读书心得", kind="读书心得", day="2025-10-20", **kw):
	with acting_as(person):
		return frappe.get_doc(
			{
				"doctype": "Appraisal Activity",
				"activity_kind": kind,
				"activity_date": day,
				"title": title,
				"person": person,
				"studio": studio,
				**kw,
			}
		).insert()


def test_members_record_their_outputs_and_the_host_confirms_them_never_their_own(studios):
	member = TEACHERS[0]
	notes = output(member, A)
	paper = output(
		member, A, "班级自主管理的实践研究", "德育论文", level="区级", published_in="区德育论文评比二等奖"
	)
	with pytest.raises(frappe.PermissionError, match="no place in studio"):
		output(member, B)
	with pytest.raises(frappe.PermissionError):
		output(OUTSIDER, A)
	# the member never confirms their own; another studio's host never confirms it
	for user in (member, OTHER_HOST, TEACHERS[1]):
		with acting_as(user), pytest.raises(frappe.PermissionError):
			frappe.get_doc("Appraisal Activity", notes.name).submit()
	# the host confirms as recorded, not a changed record
	with acting_as(HOST):
		changed = frappe.get_doc("Appraisal Activity", paper.name)
		changed.level = "市级"
		with pytest.raises(frappe.PermissionError, match="as it was recorded"):
			changed.submit()
		frappe.get_doc("Appraisal Activity", notes.name).submit()
		frappe.get_doc("Appraisal Activity", paper.name).submit()
	assert frappe.db.get_value("Appraisal Activity", paper.name, ["docstatus", "confirmed_by", "level"]) == (
		1,
		HOST,
		"区级",
	)
	# the host's own output is confirmed by someone else
	own = output(HOST, A, "主持人读书心得")
	with acting_as(HOST), pytest.raises(frappe.PermissionError):
		frappe.get_doc("Appraisal Activity", own.name).submit()
	with acting_as(DEPUTY):
		frappe.get_doc("Appraisal Activity", own.name).submit()
	# members read their own outputs only; the hosts read the studio's
	with acting_as(TEACHERS[1]):
		assert notes.name not in frappe.get_list("Appraisal Activity", pluck="name")
		assert not frappe.has_permission("Appraisal Activity", "read", notes.name)
	with acting_as(HOST):
		assert {notes.name, paper.name} <= set(frappe.get_list("Appraisal Activity", pluck="name"))
	with acting_as(OTHER_HOST):
		assert notes.name not in frappe.get_list("Appraisal Activity", pluck="name")


# ------------------------------------------------------------------ the archive


def test_the_archive_files_records_by_category_with_their_files(studios):
	with acting_as(HOST):
		meeting = activity(A, attendance=[HOST, *studios.members], submit=True)
		planning = activity(A, day="2025-09-10", kind="计划会", attendance=[HOST], submit=True)
		activity(A, day="2025-12-03", attendance=[HOST])  # a draft is not filed
	notes = output(TEACHERS[0], A)
	with acting_as(HOST):
		frappe.get_doc("Appraisal Activity", notes.name).submit()
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "会议签到表.txt",
				"content": b"sign-in",
				"is_private": 1,
				"attached_to_doctype": "Studio Activity",
				"attached_to_name": meeting.name,
			}
		).insert()

	def archive(user, **filters):
		with acting_as(user):
			_columns, rows, *_ = studio_archive.execute(frappe._dict(studio=A, **filters))
		return rows

	rows = archive(HOST, academic_year="2025-2026")
	assert [(r["category"], r.get("record")) for r in rows if r["indent"] == 0] == [
		("Plans and Summaries", None),
		("Research", None),
		("Others", None),
	]  # headings, in the seed's order
	records = [r for r in rows if r["indent"] == 1]
	assert [(r["category"], r["record"]) for r in records] == [
		("Plans and Summaries", planning.name),
		("Research", notes.name),
		("Others", meeting.name),
	]
	filed = next(r for r in records if r["record"] == meeting.name)
	assert (filed["attendance"], filed["hours"]) == (5, 2)
	files = [r for r in rows if r["indent"] == 2]
	assert [f["title"] for f in files] == ["会议签到表.txt"] and files[0]["file_url"].startswith(
		"/private/files/"
	)
	# a member sees the studio's activities and files, and their own outputs only
	assert {r["record"] for r in archive(TEACHERS[1]) if r["indent"] == 1} == {planning.name, meeting.name}
	assert notes.name in {r.get("record") for r in archive(TEACHERS[0])}
	assert not [r for r in archive(HOST, from_date="2026-01-01") if r["indent"] == 1]
	for user in (OUTSIDER, OTHER_HOST):
		with pytest.raises(frappe.PermissionError):
			archive(user)
	with pytest.raises(frappe.ValidationError, match="2025-2026"):
		archive(HOST, academic_year="2025")


def test_the_archive_escapes_what_users_typed(studios):
	with acting_as(HOST):
		activity(A, attendance=[HOST], title="读书会 & 分享 <3", submit=True)
		_columns, rows, *_ = studio_archive.execute(frappe._dict(studio=A))
	titles = [r["title"] for r in rows if r["indent"] == 1]
	assert titles == ["读书会 &amp; 分享 &lt;3"]


def test_the_exit_workflow_is_created_once_and_keeps_a_schools_changes(db):
	from class_teacher_appraisal.setup.exit_workflow import create_exit_workflow

	create_exit_workflow()
	workflow = frappe.get_doc("Workflow", "Studio Exit Approval")
	assert workflow.document_type == "Studio Exit Request"
	assert [(t.state, t.action, t.next_state, t.allowed) for t in workflow.transitions] == [
		("Requested", "Approve", "Approved by Host", "Class Teacher"),
		("Requested", "Reject", "Rejected", "Class Teacher"),
		("Approved by Host", "Approve", "Approved", "Principal"),
		("Approved by Host", "Reject", "Rejected", "Principal"),
	]
	workflow.transitions[2].allowed = "Academic Office"
	workflow.save()
	create_exit_workflow()
	assert frappe.get_doc("Workflow", "Studio Exit Approval").transitions[2].allowed == "Academic Office"


# ------------------------------------------------------------------ review findings


def test_an_exit_is_never_backdated(studios):
	member, place_name = TEACHERS[1], studios.places[TEACHERS[1]]
	with pytest.raises(frappe.ValidationError, match="cannot be in the past"):
		request_exit(member, place_name, day=in_days(-1))
	with pytest.raises(frappe.ValidationError, match="cannot be in the past"):
		request_exit(member, place_name, day="2025-12-31")  # after the place began, yet past
	request = request_exit(member, place_name, day=in_days(0))  # today is fine
	with acting_as(member):
		doc = frappe.get_doc("Studio Exit Request", request.name)
		doc.leaving_on = in_days(-10)
		with pytest.raises(frappe.ValidationError, match="cannot be in the past"):
			doc.save()
	assert str(frappe.db.get_value("Studio Exit Request", request.name, "leaving_on")) == in_days(0)
	# a place that ends on a known day: the last day is not after it
	with acting_as(OFFICE):
		frappe.get_doc("Studio Membership", studios.places[TEACHERS[2]]).update(
			{"to_date": in_days(20)}
		).save()
	with pytest.raises(frappe.ValidationError, match="after the membership ends"):
		request_exit(TEACHERS[2], studios.places[TEACHERS[2]], day=in_days(40))
	# approved after the day asked for has passed: the place ends on the approval day, not before
	walk(request, (HOST, "Approve"))
	frappe.db.set_value("Studio Exit Request", request.name, "leaving_on", in_days(-5))
	walk(request, (PRINCIPAL, "Approve"))
	assert str(frappe.db.get_value("Studio Membership", place_name, "to_date")) == in_days(0)


def test_an_attendance_row_has_no_more_hours_than_the_activity(studios):
	def with_hours(hours):
		doc = activity(A, attendance=[TEACHERS[0]])
		doc.attendance[0].hours = hours
		doc.save()
		return doc

	with acting_as(HOST):
		with pytest.raises(frappe.ValidationError, match="cannot attend 5.0 hours of an activity of 2.0"):
			with_hours(5)
		assert with_hours(2).attendance[0].hours == 2


def sql_run_by(action) -> list[str]:
	"""The SQL statements the action runs, flattened and in lower case."""
	db = frappe.local.db
	with patch.object(db, "sql", wraps=db.sql) as sql:
		action()
	return [" ".join(str(c.args[0]).split()).lower() for c in sql.call_args_list]


def locked_before_reading(queries: list[str], table: str) -> bool:
	"""Whether the studio's row was locked (select … for update) before the first read of the table."""
	lock = next(
		(i for i, q in enumerate(queries) if "`tabclass teacher studio`" in q and "for update" in q), None
	)
	read = next(
		i for i, q in enumerate(queries) if q.startswith("select") and f"from `tab{table.lower()}`" in q
	)
	return lock is not None and lock < read


def test_places_and_exit_requests_are_checked_under_the_studios_lock(studios):
	"""Two requests at once on one studio are checked one after the other: each takes the studio's
	row lock before it reads the studio's places (limits, hosts) or waiting requests."""
	queries = sql_run_by(lambda: place(A, TEACHERS[5]))
	assert locked_before_reading(queries, "Studio Membership")
	queries = sql_run_by(lambda: request_exit(TEACHERS[1], studios.places[TEACHERS[1]]))
	assert locked_before_reading(queries, "Studio Exit Request")


def test_a_membership_covers_its_days_in_python_and_in_sql(studios):
	"""One rule for 'a place holds on a day', in Python (roster.covers) and SQL (roster.covers_sql),
	also for a place that never began (ended the day before its first day)."""
	from class_teacher_appraisal.studios import roster

	never = place(A, TEACHERS[6], from_date="2026-09-01")
	with acting_as(OFFICE):
		never = frappe.get_doc("Studio Membership", never.name)
		never.update({"to_date": "2026-08-31", "status": "Rotated Out", "reason": "年度考核不合格"})
		never.save()
		with pytest.raises(frappe.ValidationError, match="cannot end"):
			never.update({"to_date": "2026-08-30"}).save()
	for name in (studios.places[TEACHERS[0]], never.name):
		m = frappe.db.get_value("Studio Membership", name, ["from_date", "to_date"], as_dict=True)
		for day in ("2025-08-31", "2025-09-01", "2026-08-31", "2026-09-01", "2027-01-01"):
			in_sql = frappe.db.sql(
				f"select count(*) from `tabStudio Membership` m where m.name = %(name)s"
				f" and {roster.covers_sql('m', '%(day)s')}",
				{"name": name, "day": day},
			)[0][0]
			assert bool(in_sql) == roster.covers(m, day), (name, day)
	assert roster.holds_place(TEACHERS[0], A, "2026-01-01") and not roster.holds_place(
		TEACHERS[6], A, "2026-09-01"
	)
	assert A in roster.hosted_studios(HOST, "2026-01-01") and A not in roster.hosted_studios(
		TEACHERS[0], "2026-01-01"
	)
	assert not roster.memberships_during(A, "2026-08-01", "2026-10-01", TEACHERS[6])
