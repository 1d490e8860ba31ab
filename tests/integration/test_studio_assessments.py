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
from tests.factories import make_class, make_period, make_user

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
