"""A master class-teacher studio's obligations and assessment (issue 14, seed 004) through the DocTypes:
the shipped 40-hour charter (学习活动制度: 每月集中学习, 每学期一篇读书体会, 每年40课时培训其中一次市级以上专家讲座),
a studio with a host and two members, the studio's activities with attendance and the members'
own confirmed records; the annual Studio Assessment's lines and grade, the host's hand-scored lines,
the host's term reviews, approval (优秀 → 推荐参评各级优秀班主任 on the teacher's history and in the
ranking's honours column; 不合格 → rotated out, a place opens), cancellation and return."""

import json

import frappe
import pytest
from frappe.model.workflow import apply_workflow

from class_teacher_appraisal.class_teacher_appraisal.report.appraisal_ranking import appraisal_ranking
from class_teacher_appraisal.class_teacher_appraisal.report.teacher_history import teacher_history
from class_teacher_appraisal.studios.assessments import generate_studio_assessments
from tests.conftest import acting_as
from tests.factories import appraisal_of, make_class, make_period, make_user

CHARTER = "名班主任工作室成员考核（学习活动制度·40课时） v1"
STUDIO = "德育名班主任工作室"
HOST, LI, WANG = "zhu.host@example.cn", "teacher11@example.cn", "teacher12@example.cn"
OTHER = "teacher13@example.cn"
OFFICE, PRINCIPAL = "office@example.cn", "head@example.cn"
YEAR, AUTUMN = "2025-2026学年", "2025秋季学期"


def studio_activity(kind, date, title, attendance, hours=0, level=None, submit=True):
	doc = frappe.get_doc(
		{
			"doctype": "Studio Activity",
			"studio": STUDIO,
			"activity_kind": kind,
			"title": title,
			"activity_date": date,
			"hours": hours,
			"level": level,
			"attendance": [
				{"member": member, "present": present, "hours": own_hours}
				for member, present, own_hours in attendance
			],
		}
	).insert(ignore_permissions=True)
	if submit:
		doc.submit()
	return doc.name


def record(user, kind, date, title, hours=0, level=None):
	"""A member records an activity of their own; the office confirms it."""
	with acting_as(user):
		name = (
			frappe.get_doc(
				{
					"doctype": "Appraisal Activity",
					"activity_kind": kind,
					"activity_date": date,
					"title": title,
					"hours": hours,
					"level": level,
				}
			)
			.insert()
			.name
		)
	with acting_as(OFFICE):
		frappe.get_doc("Appraisal Activity", name).submit()
	return name


def membership(member, role, from_date="2025-09-01"):
	return frappe.get_doc(
		{
			"doctype": "Studio Membership",
			"studio": STUDIO,
			"member": member,
			"role": role,
			"from_date": from_date,
		}
	).insert(ignore_permissions=True)


@pytest.fixture
def studio():
	make_user(HOST, "Class Teacher", first_name="朱主持")
	frappe.get_doc(
		{"doctype": "Class Teacher Studio", "studio_name": STUDIO, "charter": CHARTER, "max_members": 2}
	).insert(ignore_permissions=True)
	places = {m: membership(m, role).name for m, role in ((HOST, "Host"), (LI, "Member"), (WANG, "Member"))}
	year = make_period(
		YEAR, "2025-09-01", "2026-07-15", rubric=CHARTER, period_type="Year", academic_year="2025-2026"
	)
	autumn = make_period(AUTUMN, "2025-09-01", "2026-01-18", academic_year="2025-2026")
	both, li_only = [(LI, 1, 0), (WANG, 1, 0)], [(LI, 1, 0), (WANG, 0, 0)]
	done = {
		"study_1": studio_activity("集中学习", "2025-09-03", "九月集中学习", both, hours=2),
		"study_2": studio_activity("集中学习", "2025-10-08", "十月集中学习", li_only, hours=2),
		"study_3": studio_activity("集中学习", "2025-11-05", "十一月集中学习", li_only, hours=2),
		"study_draft": studio_activity(
			"集中学习", "2025-12-03", "十二月（草稿）", both, hours=2, submit=False
		),
		# a city-level expert lecture of 10 class hours; 王 attended its first 4
		"lecture": studio_activity(
			"培训", "2025-10-15", "市级专家讲座", [(LI, 1, 0), (WANG, 1, 4)], 10, "市级"
		),
		"notes": record(LI, "读书心得", "2025-10-20", "《班主任兵法》读书体会"),
		"training": record(LI, "培训", "2025-11-12", "区班主任培训", hours=12, level="区级"),
	}
	return frappe._dict(year=year, autumn=autumn, places=places, done=done)


def generate():
	with acting_as(OFFICE):
		frappe.local.request = frappe._dict(method="POST")
		try:
			return generate_studio_assessments(STUDIO, YEAR)
		finally:
			del frappe.local.request


def assessment_of(member):
	return frappe.get_doc(
		"Studio Assessment", {"member": member, "appraisal_period": YEAR, "docstatus": ["<", 2]}
	)


def lines(doc):
	return {row.criterion_code: row for row in doc.lines}


def enter(doc, user, points):
	"""Enters the five hand-scored lines (J1 … J5) as the user."""
	with acting_as(user):
		doc = frappe.get_doc("Studio Assessment", doc.name)
		for row in doc.lines:
			if row.criterion_code in points:
				row.manual_points = points[row.criterion_code]
				row.manual_entered = 1
		doc.save()
	return frappe.get_doc("Studio Assessment", doc.name)


JUDGED = {f"A-J{n}": 8 for n in range(1, 6)}


def act(doc, user, action):
	with acting_as(user):
		apply_workflow(frappe.get_doc("Studio Assessment", doc.name), action)
	return frappe.get_doc("Studio Assessment", doc.name)


def test_each_member_is_scored_from_records_attendance_and_the_studios_activities(studio):
	summary = generate()
	assert (summary["created"], summary["existing"]) == (3, 0)
	li = assessment_of(LI)
	assert (li.rubric, li.member_role, li.academic_year) == (CHARTER, "Member", "2025-2026")
	got = lines(li)
	# 集中学习: present at 3 of the submitted meetings (not the draft): 15 ÷ 10 × 3 = 4.5
	assert got["A-01"].points == 4.5
	assert json.loads(got["A-01"].evidence)["studio_activities"] == [
		studio.done["study_1"],
		studio.done["study_2"],
		studio.done["study_3"],
	]
	# 读书心得 1/2: 15 ÷ 2 × 1 = 7.5
	assert got["A-02"].points == 7.5
	# 培训 22/40 课时: 12 recorded + 10 attended (the lecture's hours): 20 ÷ 40 × 22 = 11
	assert got["A-03"].points == 11
	assert "培训 22/40" in got["A-03"].explanation
	evidence = json.loads(got["A-03"].evidence)
	assert (evidence["activities"], evidence["studio_activities"]) == (
		[studio.done["training"]],
		[studio.done["lecture"]],
	)
	# one city-level expert lecture: met
	assert got["A-04"].points == 10
	assert (li.total_score, li.grade, li.pending_questions) == (33, "不合格", 5)
	wang = lines(assessment_of(WANG))
	# 王: one meeting, and 4 of the lecture's hours (his own row's): 1.5, 0, 20 ÷ 40 × 4 = 2, 10
	assert [wang[c].points for c in ("A-01", "A-02", "A-03", "A-04")] == [1.5, 0, 2, 10]
	assert generate()["created"] == 0


def test_the_host_enters_the_hand_scored_lines_never_their_own(studio):
	generate()
	li = enter(assessment_of(LI), HOST, JUDGED)
	assert (li.total_score, li.grade, li.pending_questions) == (73, "合格", 0)
	for user, doc in ((LI, li), (OTHER, li), (HOST, assessment_of(HOST))):
		with pytest.raises(frappe.PermissionError):
			enter(doc, user, {"A-J1": 1})
	# computed points and the total come from the evidence, never from the request
	with acting_as(HOST):
		doc = frappe.get_doc("Studio Assessment", li.name)
		doc.total_score = 99
		lines(doc)["A-01"].points = 15
		doc.save()
	assert (
		frappe.db.get_value("Studio Assessment", li.name, "total_score"),
		lines(frappe.get_doc("Studio Assessment", li.name))["A-01"].points,
	) == (73, 4.5)
	# the host's own assessment is the office's
	host = enter(assessment_of(HOST), OFFICE, JUDGED)
	assert host.pending_questions == 0


def test_an_adjustment_says_why_and_keeps_the_line_within_its_points(studio):
	"""The same line checks as an appraisal's (scored_lines.check_line_inputs)."""
	generate()
	li = assessment_of(LI)

	def adjust(amount, reason):
		with acting_as(HOST):
			doc = frappe.get_doc("Studio Assessment", li.name)
			row = lines(doc)["A-01"]  # 4.5 of 15 points
			row.adjustment, row.adjustment_reason = amount, reason
			doc.save()
		return lines(frappe.get_doc("Studio Assessment", li.name))["A-01"]

	with pytest.raises(frappe.ValidationError, match="give the reason"):
		adjust(1, "")
	with pytest.raises(frappe.ValidationError, match="outside 0"):
		adjust(11, "讲座补记")
	with pytest.raises(frappe.ValidationError, match="outside 0"):
		adjust(-5, "缺勤")
	assert adjust(1.5, "讲座补记").points == 6


def test_excellent_is_recommended_on_the_teachers_history_and_in_the_ranking(studio):
	record(LI, "读书心得", "2026-03-10", "《给教师的建议》读书体会")
	record(LI, "培训", "2026-04-02", "市班主任高级研修", hours=18, level="市级")
	generate()
	li = enter(assessment_of(LI), HOST, JUDGED)
	assert (li.total_score, li.grade) == (89.5, "优秀")  # 4.5 + 15 + 20 + 10 + 40
	li = act(li, HOST, "Submit for Approval")
	with pytest.raises(frappe.ValidationError):  # not the member's to approve
		act(li, LI, "Approve")
	li = act(li, PRINCIPAL, "Approve")
	assert (li.docstatus, li.workflow_state) == (1, "Approved")
	recommended = frappe.get_all(
		"Appraisal Consequence",
		filters={"studio_assessment": li.name},
		fields=["teacher", "consequence", "recommendation", "academic_year"],
		order_by="consequence",
	)
	assert [(c.teacher, c.consequence, c.recommendation) for c in recommended] == [
		(LI, "推荐参评各级优秀班主任", 1),
		(LI, "颁发荣誉证书", 0),
	]
	with acting_as(LI):
		columns, rows = teacher_history.execute({"class_teacher": LI})[:2]
	studio_rows = [r for r in rows if r.get("studio_assessment") == li.name]
	assert studio_rows and "推荐参评各级优秀班主任" in studio_rows[0]["consequences"]
	# the teacher's appraisal of a term of that school year shows the recommendation as an honour
	make_class("四年级(1)班", 4, class_teacher=LI)
	studio.autumn.generate_appraisals()
	with acting_as(OFFICE):
		rows = appraisal_ranking.execute({"appraisal_period": AUTUMN})[1]
	assert "推荐参评各级优秀班主任" in next(r for r in rows if r["class_teacher"] == LI)["honour"]
	# cancelling takes the recommendation back
	li = act(li, OFFICE, "Cancel")
	assert not frappe.db.exists("Appraisal Consequence", {"studio_assessment": li.name})


def test_failing_rotates_the_member_out_at_the_years_end_and_a_place_opens(studio):
	generate()
	wang = enter(assessment_of(WANG), HOST, {code: 0 for code in JUDGED})
	assert (wang.total_score, wang.grade) == (13.5, "不合格")
	wang = act(act(wang, HOST, "Submit for Approval"), PRINCIPAL, "Approve")
	place = frappe.get_doc("Studio Membership", studio.places[WANG])
	assert (str(place.to_date), place.status, place.reason) == ("2026-07-15", "Rotated Out", "年度考核不合格")
	assert "年度考核不合格" in wang.outcome
	# the studio takes two members: with 王 gone, a new member is admitted from the next day
	make_user("new.member@example.cn", "Class Teacher")
	with pytest.raises(frappe.ValidationError):
		membership("new.member@example.cn", "Member", "2026-07-01")
	membership("new.member@example.cn", "Member", "2026-07-16")
	frappe.delete_doc(
		"Studio Membership",
		frappe.db.get_value("Studio Membership", {"member": "new.member@example.cn"}),
		force=True,
	)
	# cancelling the assessment gives the place back as it was
	act(wang, OFFICE, "Cancel")
	place.reload()
	assert (place.to_date, place.status) == (None, "Active")


def test_the_leadership_returns_an_assessment_with_a_reason(studio):
	generate()
	li = act(enter(assessment_of(LI), HOST, JUDGED), HOST, "Submit for Approval")
	assert li.workflow_state == "Pending Leadership Approval"
	with pytest.raises(frappe.MandatoryError):
		act(li, PRINCIPAL, "Return")
	with acting_as(PRINCIPAL):  # the Desk asks for the reason and saves it before applying the action
		doc = frappe.get_doc("Studio Assessment", li.name)
		doc.return_reason = "公众号推文评分依据不足"
		doc.save()
		apply_workflow(doc, "Return")
	li = frappe.get_doc("Studio Assessment", li.name)
	assert (li.workflow_state, li.return_reason) == ("Draft", "公众号推文评分依据不足")
	# neither the member nor a colleague who is not the host sends it on
	with pytest.raises(frappe.ValidationError):
		act(li, LI, "Submit for Approval")
	with pytest.raises(frappe.PermissionError):
		act(li, OTHER, "Submit for Approval")


def test_term_reviews_by_the_host_of_their_own_members_once_a_term(studio):
	def review(user, member, period=AUTUMN, outstanding=0):
		with acting_as(user):
			return frappe.get_doc(
				{
					"doctype": "Studio Term Review",
					"studio": STUDIO,
					"member": member,
					"appraisal_period": period,
					"reviewer": OTHER,  # the server decides
					**{
						f: "良好"
						for f in (
							"ethics_grade",
							"attitude_grade",
							"theory_grade",
							"management_grade",
							"research_grade",
						)
					},
					"overall_grade": "优秀" if outstanding else "良好",
					"outstanding_member": outstanding,
					"suggestions": "多写教育叙事",
				}
			).insert()

	first = review(HOST, LI, outstanding=1)
	assert first.reviewer == HOST
	with acting_as(HOST):
		first.submit()
	with pytest.raises(frappe.DuplicateEntryError):
		review(HOST, LI)
	with pytest.raises(frappe.ValidationError, match="outstanding"):
		review(HOST, WANG, outstanding=1)
	with pytest.raises(frappe.PermissionError):
		review(LI, WANG)  # not a host
	with pytest.raises(frappe.PermissionError):
		review(HOST, HOST)  # nobody grades themselves
	with pytest.raises(frappe.ValidationError, match="term"):
		review(HOST, WANG, period=YEAR)
	# the year's assessment shows the term's grade as context
	generate()
	assert assessment_of(LI).term_reviews.startswith(f"{AUTUMN}: 优秀")


def test_charters_and_class_teacher_rubrics_are_not_mixed(studio):
	with pytest.raises(frappe.ValidationError, match="charter"):
		studio.year.generate_appraisals()
	doc = frappe.get_doc("Class Teacher Studio", STUDIO)
	doc.charter = "班主任岗位职责及考核办法（流动红旗） v1"
	with pytest.raises(frappe.ValidationError, match="studio members"):
		doc.save(ignore_permissions=True)


def test_progress_shows_each_member_what_is_done_and_missing_with_the_records(studio):
	from class_teacher_appraisal.class_teacher_appraisal.report.studio_progress import studio_progress

	with acting_as(LI):
		rows = studio_progress.execute({"appraisal_period": YEAR})[1]
	assert {r["member"] for r in rows} == {LI}  # a member sees their own
	by_code = {r["criterion"].split()[0]: r for r in rows}
	notes, hours = by_code["A-02"], by_code["A-03"]
	assert (notes["done"], notes["quota"], notes["missing"]) == (1, 2, 1)
	assert (hours["done"], hours["quota"], hours["missing"], hours["unit"]) == (22, 40, 18, "hours")
	assert hours["record_names"] == [studio.done["training"]]
	assert hours["studio_record_names"] == [studio.done["lecture"]]
	with acting_as(LI), pytest.raises(frappe.PermissionError):
		studio_progress.execute({"appraisal_period": YEAR, "member": WANG})
	with acting_as(HOST):  # the host sees the studio's members (and their own place)
		assert {r["member"] for r in studio_progress.execute({"appraisal_period": YEAR})[1]} == {
			HOST,
			LI,
			WANG,
		}
	with acting_as(OTHER):
		assert studio_progress.execute({"appraisal_period": YEAR})[1] == []


def test_the_annual_record_prints_in_chinese(studio):
	generate()
	li = enter(assessment_of(LI), HOST, JUDGED)
	with acting_as(HOST):
		html = frappe.get_print("Studio Assessment", li.name, "Studio Assessment Record")
	for text in ("工作室成员年度考核表", STUDIO, "培训 22/40", "总分", "73", "合格"):
		assert text in html
	with acting_as(OTHER), pytest.raises(frappe.PermissionError):
		frappe.get_print("Studio Assessment", li.name, "Studio Assessment Record")


# ------------------------------------------------------------------ review findings


def evidence_of(doc, code, key):
	return json.loads(lines(doc)[code].evidence or "{}").get(key) or []


def output(user, kind, date, title, studio=STUDIO, confirm_as=HOST):
	"""A member's output for the studio, confirmed by its host."""
	with acting_as(user):
		name = (
			frappe.get_doc(
				{
					"doctype": "Appraisal Activity",
					"activity_kind": kind,
					"activity_date": date,
					"title": title,
					"studio": studio,
				}
			)
			.insert()
			.name
		)
	with acting_as(confirm_as):
		frappe.get_doc("Appraisal Activity", name).submit()
	return name


def test_a_hosts_own_attendance_counts_only_when_someone_else_submits_the_activity(studio):
	with acting_as(HOST):
		own = frappe.get_doc(
			{
				"doctype": "Studio Activity",
				"studio": STUDIO,
				"activity_kind": "集中学习",
				"title": "三月集中学习",
				"activity_date": "2026-03-04",
				"hours": 2,
				"attendance": [{"member": HOST, "present": 1}, {"member": LI, "present": 1}],
			}
		).insert()
		own.submit()
		vouched = frappe.get_doc(
			{
				"doctype": "Studio Activity",
				"studio": STUDIO,
				"activity_kind": "集中学习",
				"title": "四月集中学习",
				"activity_date": "2026-04-01",
				"hours": 2,
				"attendance": [{"member": HOST, "present": 1}],
			}
		).insert()
	with acting_as(OFFICE):
		frappe.get_doc("Studio Activity", vouched.name).submit()
	generate()
	# the host submitted the March meeting: it counts for 李, not for the host's own obligation
	assert evidence_of(assessment_of(HOST), "A-01", "studio_activities") == [vouched.name]
	assert own.name in evidence_of(assessment_of(LI), "A-01", "studio_activities")
	assert frappe.db.get_value("Studio Activity", own.name, "submitted_by") == HOST


def class_teacher_rubric():
	def quota(code, kind, number, **kw):
		return {
			"criterion_code": code,
			"criterion_title": kind,
			"section_code": "任务",
			"rule_kind": "Quota",
			"activity_kind": kind,
			"quota": number,
			"max_points": 10,
			"quota_scope": "Person",
			**kw,
		}

	return frappe.get_doc(
		{
			"doctype": "Appraisal Rubric",
			"rubric_name": "班主任工作记录",
			"period_type": "Term",
			"total_points": 30,
			"sections": [{"section_code": "任务", "section_title": "常规任务", "max_points": 30}],
			"criteria": [
				quota("Q1", "读书心得", 2),
				quota("Q2", "培训", 40, quota_measure="Hours"),
				quota("Q3", "集中学习", 3),
			],
		}
	).insert(ignore_permissions=True)


def test_a_class_teachers_appraisal_counts_only_what_the_office_confirmed(studio):
	"""The allowance is the office's: a studio's records (an output its host confirmed, attendance at
	its activities) count for the studio's charter, never towards a class teacher's appraisal."""
	studio_notes = output(LI, "读书心得", "2025-10-25", "工作室共读《做温暖的班主任》")
	rubric = class_teacher_rubric()
	cls = make_class("四年级(1)班", 4, class_teacher=LI)
	term = make_period("2025秋季学期工作记录", "2025-09-01", "2026-01-18", rubric=rubric.name)
	term.generate_appraisals()
	got = lines(appraisal_of(term.name, cls.name))
	assert evidence_of_line(got["Q1"]) == ([studio.done["notes"]], [])  # not the studio's output
	assert evidence_of_line(got["Q2"]) == ([studio.done["training"]], [])  # 12 hours, not the lecture's 10
	assert got["Q2"].points == 3  # 10 ÷ 40 × 12
	assert evidence_of_line(got["Q3"]) == ([], []) and got["Q3"].points == 0  # studio meetings
	# the studio's charter counts them
	generate()
	assert sorted(evidence_of(assessment_of(LI), "A-02", "activities")) == sorted(
		[studio.done["notes"], studio_notes]
	)


def evidence_of_line(line):
	found = json.loads(line.evidence or "{}")
	return found.get("activities") or [], found.get("studio_activities") or []


def approved(member, points, submitter=HOST):
	generate()
	doc = enter(assessment_of(member), HOST if member != HOST else OFFICE, points)
	return act(act(doc, submitter, "Submit for Approval"), PRINCIPAL, "Approve")


def test_a_cancelling_request_writes_nothing_and_ends_no_membership(studio):
	li = approved(LI, JUDGED)
	assert (li.grade, li.rotation) == ("合格", None)
	forged = [{"name": studio.places[WANG], "to_date": "2025-10-01", "status": "Rotated Out", "reason": "x"}]
	with acting_as(OFFICE):  # PUT /api/resource/Studio Assessment/<name> {"docstatus": 2, …}
		doc = frappe.get_doc("Studio Assessment", li.name)
		doc.update({"docstatus": 2, "rotation": json.dumps(forged), "grade": "优秀", "total_score": 100})
		doc.save()
	place = frappe.db.get_value("Studio Membership", studio.places[WANG], ["to_date", "status"], as_dict=True)
	assert (place.to_date, place.status) == (None, "Active")
	stored = frappe.db.get_value(
		"Studio Assessment", li.name, ["docstatus", "grade", "total_score", "workflow_state"], as_dict=True
	)
	assert (stored.docstatus, stored.grade, stored.total_score, stored.workflow_state) == (
		2,
		"合格",
		73,
		"Cancelled",
	)


def test_cancelling_is_refused_when_the_freed_place_was_filled(studio):
	wang = approved(WANG, {code: 0 for code in JUDGED})
	assert frappe.db.get_value("Studio Membership", studio.places[WANG], "status") == "Rotated Out"
	make_user("new.member@example.cn", "Class Teacher")
	membership("new.member@example.cn", "Member", "2026-07-16")  # the studio takes two members
	with pytest.raises(frappe.ValidationError, match="cannot be given back as it was"):
		act(wang, OFFICE, "Cancel")


def test_rotating_out_keeps_a_host_and_ends_the_places_after_the_year(studio):
	# a failed host leaves only once the next host is entered
	frappe.db.savepoint("host_fails")
	with pytest.raises(frappe.ValidationError, match="cannot be rotated out.*no host from"):
		approved(HOST, {code: 0 for code in JUDGED}, submitter=OFFICE)
	frappe.db.rollback(save_point="host_fails")  # the refused approval is undone as a request's would be
	# 王's place ended at the year's end and a new one began after it: both end
	first = frappe.get_doc("Studio Membership", studio.places[WANG])
	first.update({"to_date": "2026-07-15", "status": "Left", "reason": "任期结束"}).save(
		ignore_permissions=True
	)
	second = membership(WANG, "Member", "2026-07-16")
	wang = approved(WANG, {code: 0 for code in JUDGED})
	rows = {
		r.name: (str(r.to_date), r.status)
		for r in frappe.get_all(
			"Studio Membership", filters={"member": WANG}, fields=["name", "to_date", "status"]
		)
	}
	assert rows == {first.name: ("2026-07-15", "Rotated Out"), second.name: ("2026-07-15", "Rotated Out")}
	act(wang, OFFICE, "Cancel")
	second.reload()
	first.reload()
	assert (second.to_date, second.status, str(first.to_date), first.status) == (
		None,
		"Active",
		"2026-07-15",
		"Left",
	)


def test_who_is_assessed_and_on_which_days(studio):
	"""Members, deputy hosts and hosts who hold a place at the year's end; a trainee or someone who
	left is not assessed; a member who joined during the year on their own days only."""
	frappe.db.set_value("Class Teacher Studio", STUDIO, "max_members", 4)
	trainee, left, joiner = (
		make_user(f"{u}@example.cn", "Class Teacher") for u in ("trainee", "left", "joiner")
	)
	membership(trainee, "Trainee")
	gone = membership(left, "Member")
	gone.update({"to_date": "2026-03-31", "status": "Left", "reason": "调离"}).save(ignore_permissions=True)
	membership(joiner, "Member", "2025-11-01")
	before = record(joiner, "读书心得", "2025-10-10", "入室前的读书体会")
	after = record(joiner, "读书心得", "2025-12-10", "入室后的读书体会")
	assert generate()["created"] == 4  # the host, 李, 王 and the joiner
	assert not frappe.db.exists("Studio Assessment", {"member": ["in", [trainee, left]]})
	joined = assessment_of(joiner)
	assert (str(joined.assessed_from), str(assessment_of(LI).assessed_from)) == ("2025-11-01", "2025-09-01")
	assert evidence_of(joined, "A-02", "activities") == [after]
	assert before not in evidence_of(joined, "A-02", "activities")
	for person, message in ((trainee, "only members, deputy hosts and hosts"), (left, "ended on")):
		with pytest.raises(frappe.ValidationError, match=message):
			frappe.get_doc(
				{"doctype": "Studio Assessment", "studio": STUDIO, "member": person, "appraisal_period": YEAR}
			).insert(ignore_permissions=True)
	# the studio's own activities count from the member's first day too (Quota "Studio")
	from class_teacher_appraisal.evidence import member_evidence
	from class_teacher_appraisal.scoring import QuotaScope

	for day in ("2025-09-10", "2025-11-12"):
		studio_activity("计划会", day, f"{day} 计划会", [])
	charter = frappe.get_cached_doc("Appraisal Rubric", "班主任工作室成员考核（工作室制度·30课时） v1")
	found = member_evidence(studio.year, charter, {LI: STUDIO, joiner: STUDIO})
	assert found[LI].activities[(QuotaScope.STUDIO, "计划会", "")].count == 2
	assert found[joiner].activities[(QuotaScope.STUDIO, "计划会", "")].count == 1


def test_a_person_in_two_studios_has_an_assessment_of_each(studio):
	second = "家校共育名班主任工作室"
	frappe.get_doc(
		{"doctype": "Class Teacher Studio", "studio_name": second, "charter": CHARTER, "max_members": 2}
	).insert(ignore_permissions=True)
	for member, role in ((OTHER, "Host"), (LI, "Member")):
		frappe.get_doc(
			{
				"doctype": "Studio Membership",
				"studio": second,
				"member": member,
				"role": role,
				"from_date": "2025-09-01",
			}
		).insert(ignore_permissions=True)
	generate()
	with acting_as(OFFICE):
		frappe.local.request = frappe._dict(method="POST")
		try:
			assert generate_studio_assessments(second, YEAR)["created"] == 2
		finally:
			del frappe.local.request
	assert sorted(
		frappe.get_all("Studio Assessment", filters={"member": LI, "appraisal_period": YEAR}, pluck="studio")
	) == sorted([STUDIO, second])


def test_whoever_submits_for_approval_does_not_approve(studio):
	cohost = make_user("zhu.head@example.cn", "Class Teacher", "Principal", first_name="朱校长")
	membership(cohost, "Host")  # a principal who also hosts the studio
	generate()
	li = act(enter(assessment_of(LI), cohost, JUDGED), cohost, "Submit for Approval")
	with pytest.raises((frappe.ValidationError, frappe.PermissionError)):
		act(li, cohost, "Approve")
	assert li.submitted_by == cohost
	assert frappe.db.get_value("Studio Assessment", li.name, "docstatus") == 0
	assert act(li, PRINCIPAL, "Approve").docstatus == 1


def test_term_reviews_and_generation_are_checked_under_the_studios_lock(studio):
	from tests.integration.test_studios import locked_before_reading, sql_run_by

	def review():
		with acting_as(HOST):
			frappe.get_doc(
				{
					"doctype": "Studio Term Review",
					"studio": STUDIO,
					"member": LI,
					"appraisal_period": AUTUMN,
					**{
						f: "良好"
						for f in (
							"ethics_grade",
							"attitude_grade",
							"theory_grade",
							"management_grade",
							"research_grade",
							"overall_grade",
						)
					},
				}
			).insert()

	assert locked_before_reading(sql_run_by(review), "Studio Term Review")
	assert locked_before_reading(sql_run_by(generate), "Studio Assessment")
