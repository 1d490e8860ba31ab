"""Set up through the DocTypes as an office would (issue 13): limited 优秀 places and the 十佳 with
their consequences (rule 6, seeds 000, 001, 002), and parts entered and confirmed by their own
offices (rule 3, seed 000)."""

import frappe
import pytest

from class_teacher_appraisal import parts
from tests.conftest import acting_as
from tests.factories import S6, appraisal_of, make_period, make_school, make_user, walk

OFFICE = "office@example.cn"


def scored(period, classes, totals):
	"""Enters the S6 month's hand-scored lines so that each class reaches its total (常规管理, out
	of 40, takes the difference), as the office does."""
	docs = {}
	for cls, total in zip(classes, totals, strict=True):
		doc = appraisal_of(period.name, cls)
		for row in doc.lines:
			row.manual_entered = 1
			row.manual_points = row.max_points - (100 - total if row.criterion_code == "S6-03" else 0)
		with acting_as(OFFICE):
			doc.save()
		docs[cls] = doc
	return {cls: frappe.get_doc(d.doctype, d.name) for cls, d in docs.items()}


def s6(**values):
	rubric = frappe.get_doc("Appraisal Rubric", S6)
	rubric.update(values)
	rubric.save()
	return rubric


def month(name="2025年12月", start="2025-12-01", end="2025-12-31"):
	period = make_period(name, start, end, rubric=S6, period_type="Month", academic_year="2025-2026")
	period.generate_appraisals()
	return period


# ------------------------------------------------------------------ rule 6: places and honours


def test_a_share_of_excellent_places_goes_by_rank_and_pays_the_grade_it_gives():
	"""002: 学校要按一定比例将优秀指标划分给在岗的班主任. Five classes, 20% of the 优 places: one
	place. Three reach 优 by score (98, 95, 92): 98 keeps 优 (200 + 160), 95 and 92 get 良 (200 +
	100), each saying why; 85 and 70 are untouched."""
	s6(places_grade="优", places_share=20, grade_beyond_places="良")
	classes = make_school(5, grade_level=4)
	period = month()
	docs = scored(period, classes, (98, 95, 92, 85, 70))
	got = [(d.total_score, d.grade_by_score, d.grade, d.allowance) for d in docs.values()]
	assert got == [
		(98, "优", "优", 360),
		(95, "优", "良", 300),
		(92, "优", "良", 300),
		(85, "良", "良", 300),
		(70, "合格", "合格", 240),
	]
	second = docs[classes[1]]
	assert "优 places: 1 for 5 appraisals" in second.places_note and "ranked 2 of the 3" in second.places_note
	assert docs[classes[0]].places_note and not docs[classes[3]].places_note

	# the best drops below the others: the place moves, on the next save, to the new best
	top = docs[classes[0]]
	for row in top.lines:
		if row.criterion_code == "S6-03":
			row.manual_points -= 7  # 91
	with acting_as(OFFICE):
		top.save()
	assert (top.grade, top.allowance) == ("良", 300)
	assert frappe.db.get_value("Class Teacher Appraisal", docs[classes[1]].name, ["grade", "allowance"]) == (
		"优",
		360,
	)


def test_the_whole_period_recomputed_allots_the_same_places():
	s6(places_grade="优", places_count=1, grade_beyond_places="良")
	classes = make_school(3, grade_level=4)
	period = month()
	scored(period, classes, (96, 97, 93))
	period.recompute_appraisals()
	grades = [appraisal_of(period.name, c).grade for c in classes]
	assert grades == ["良", "优", "良"]


def test_an_approved_excellent_appraisal_holds_its_place():
	s6(places_grade="优", places_count=1, grade_beyond_places="良")
	classes = make_school(2, grade_level=4)
	period = month()
	docs = scored(period, classes, (92, 91))
	first = walk(
		docs[classes[0]],
		("duty@example.cn", "Submit for Review"),
		(OFFICE, "Forward to Principal"),
		("head@example.cn", "Approve"),
	)
	assert (first.docstatus, first.grade) == (1, "优")
	second = appraisal_of(period.name, classes[1])
	for row in second.lines:
		if row.criterion_code == "S6-03":
			row.manual_points += 5  # 96, above the approved one: the place is still taken
	with acting_as(OFFICE):
		second.save()
	assert (second.total_score, second.grade_by_score, second.grade) == (96, "优", "良")


def test_the_ten_best_leave_out_an_excluded_teacher_and_a_year_failed_bars_honours():
	"""000: 十佳 from the top scores, an exclusion condition (班级中发生安全责任事故) leaves the best
	out. 002: 学年度考评不合格 … 当年不得评优晋级, reported to the county: recorded on approval on
	the teacher's history, and it keeps the teacher out of the honour in the same academic year."""
	s6(
		honour_title="十佳班主任",
		honour_places=2,
		consequence_rules=[
			{
				"grade": "不合格",
				"consequence": "当年不得评优晋级，报县教育局",
				"bars_honours": 1,
			},
			{"grade": "优", "period_type": "Term", "consequence": "获优秀班主任参评资格"},
		],
	)
	rubric = frappe.get_doc("Appraisal Rubric", S6)
	assert rubric.veto_rules, "S6 ships its vetoes"
	classes = make_school(4, grade_level=4)
	november = month("2025年11月", "2025-11-01", "2025-11-30")
	docs = scored(november, classes, (99, 95, 90, 85))
	assert [d.honour for d in docs.values()] == ["十佳班主任", "十佳班主任", None, None]

	# the best class has a veto (一票否决) entered: it is out, the third comes in
	vetoed = docs[classes[0]]
	vetoed.append("veto_cases", {"rule_code": rubric.veto_rules[0].rule_code, "reason": "家长投诉"})
	with acting_as(OFFICE):
		vetoed.save()
	assert (vetoed.grade, vetoed.honour) == ("不合格", None)
	assert "not eligible" in vetoed.honour_note
	assert frappe.db.get_value("Class Teacher Appraisal", docs[classes[2]].name, "honour") == "十佳班主任"

	# approved as 不合格: the consequence outlives the appraisal
	vetoed = walk(
		vetoed,
		("duty@example.cn", "Submit for Review"),
		(OFFICE, "Forward to Principal"),
		("head@example.cn", "Approve"),
	)
	consequence = frappe.get_all(
		"Appraisal Consequence",
		filters={"appraisal": vetoed.name},
		fields=["teacher", "grade", "consequence", "bars_honours", "academic_year"],
	)
	assert [dict(c) for c in consequence] == [
		{
			"teacher": vetoed.class_teacher,
			"grade": "不合格",
			"consequence": "当年不得评优晋级，报县教育局",
			"bars_honours": 1,
			"academic_year": "2025-2026",
		}
	]
	# the next month of the same year: the same teacher scores best and still gets no honour
	december = month()
	dec = scored(december, classes, (100, 95, 90, 85))
	best = dec[classes[0]]
	assert best.honour is None and "当年不得评优晋级" in best.honour_note
	assert [d.honour for d in dec.values()] == [None, "十佳班主任", "十佳班主任", None]

	# the ranking report shows the honour as the appraisals hold it, not a top N of its own
	from class_teacher_appraisal.class_teacher_appraisal.report.appraisal_ranking import appraisal_ranking

	_columns, rows, _msg, _chart, cards = appraisal_ranking.execute({"appraisal_period": december.name})
	assert [(r["total_score"], r["honour"]) for r in rows] == [
		(100, ""),
		(95, "十佳班主任"),
		(90, "十佳班主任"),
		(85, ""),
	]
	assert {"label": "十佳班主任", "value": 2} in [{k: c[k] for k in ("label", "value")} for c in cards]

	# the teacher's history shows it
	from class_teacher_appraisal.class_teacher_appraisal.report.teacher_history import teacher_history

	with acting_as(vetoed.class_teacher):
		columns, rows, *_ = teacher_history.execute({"class_teacher": vetoed.class_teacher})
	nov = next(r for r in rows if r["appraisal_period"] == november.name)
	assert "当年不得评优晋级" in nov["consequences"]

	# cancelled, the appraisal takes its consequence with it
	with acting_as(OFFICE):
		frappe.get_doc("Class Teacher Appraisal", vetoed.name).cancel()
	assert not frappe.db.exists("Appraisal Consequence", {"appraisal": vetoed.name})


def test_places_and_consequences_name_grades_of_the_rubric():
	with pytest.raises(frappe.ValidationError, match="is not one of the grade bands"):
		s6(places_grade="优秀", places_share=20, grade_beyond_places="良")
	with pytest.raises(frappe.ValidationError, match="enter their share or their number"):
		s6(places_grade="优", grade_beyond_places="良")
	with pytest.raises(frappe.ValidationError, match="is not one of the grade bands"):
		s6(consequence_rules=[{"grade": "不及格", "consequence": "x"}])
	with pytest.raises(frappe.ValidationError, match="how many teachers"):
		s6(honour_title="十佳班主任")


def test_a_teacher_reads_only_their_own_consequences():
	s6(consequence_rules=[{"grade": "优", "consequence": "获优秀班主任参评资格"}])
	classes = make_school(2, grade_level=4)
	period = month()
	docs = scored(period, classes, (95, 94))
	for doc in docs.values():
		walk(
			doc,
			("duty@example.cn", "Submit for Review"),
			(OFFICE, "Forward to Principal"),
			("head@example.cn", "Approve"),
		)
	own, other = (docs[c].class_teacher for c in classes)
	with acting_as(own):
		mine = frappe.get_list("Appraisal Consequence", fields=["teacher"])
		assert [r.teacher for r in mine] == [own]
		theirs = frappe.get_all("Appraisal Consequence", filters={"teacher": other}, pluck="name")
		assert not frappe.has_permission("Appraisal Consequence", "read", doc=theirs[0])
		assert not frappe.has_permission("Appraisal Consequence", "write", doc=mine and theirs[0])
	with acting_as(OFFICE):
		assert len(frappe.get_list("Appraisal Consequence")) == 2


# ------------------------------------------------------------------ rule 3: parts and their offices

PIONEERS = "少先队大队部"


def pioneers_own_part_three():
	"""S6's 常规管理 (part 三) entered and confirmed by the Young Pioneers' office (a role the school
	makes); the rest stays the academic office's."""
	if not frappe.db.exists("Role", PIONEERS):
		frappe.get_doc({"doctype": "Role", "role_name": PIONEERS, "desk_access": 1}).insert()
	rubric = frappe.get_doc("Appraisal Rubric", S6)
	for s in rubric.sections:
		if s.section_code == "三":
			s.owner_role = PIONEERS
	rubric.save()
	return make_user("pioneer@example.cn", PIONEERS)


def office_enters_the_rest(doc):
	for row in doc.lines:
		if row.section_code != "三":
			row.manual_points, row.manual_entered = row.max_points, 1
	with acting_as(OFFICE):
		doc.save()
	return doc


def test_a_part_of_its_own_office_is_entered_and_confirmed_by_that_office_only():
	pioneer = pioneers_own_part_three()
	classes = make_school(2, grade_level=4)
	period = month()
	doc = office_enters_the_rest(appraisal_of(period.name, classes[0]))
	assert doc.pending_questions == 2  # S6-03 not entered, part 三 not confirmed

	# the academic office cannot enter the Young Pioneers' part
	for row in doc.lines:
		if row.criterion_code == "S6-03":
			row.manual_points, row.manual_entered = 35, 1
	with acting_as(OFFICE), pytest.raises(frappe.PermissionError, match="entered and confirmed by"):
		doc.save()

	# nor can anyone without the role use the part's sheet
	with acting_as(OFFICE), pytest.raises(frappe.PermissionError):
		parts.part_sheet(period.name, "三")

	# the Young Pioneers enter 35 and confirm the part in one go
	with acting_as(pioneer):
		sheet = parts.part_sheet(period.name, "三")
		assert [a["class_name"] for a in sheet["appraisals"]] == ["四年级(1)班", "四年级(2)班"]
		assert sheet["criteria"] == [
			{"code": "S6-03", "title": "常规管理", "hand_entered": 1, "max_points": 40}
		]
		parts.save_part(period.name, "三", {doc.name: {"S6-03": 35}}, confirm_part=1)
	doc.reload()
	assert (doc.total_score, doc.pending_questions) == (95, 0)
	(c,) = doc.part_confirmations
	assert (c.section_code, c.confirmed_points, c.confirmed_by, c.owner_role) == ("三", 35, pioneer, PIONEERS)

	# the workflow goes on to the principal only now
	doc = walk(doc, ("duty@example.cn", "Submit for Review"), (OFFICE, "Forward to Principal"))
	assert doc.workflow_state == "Pending Principal Approval"


def test_the_workflow_waits_for_the_part_and_a_confirmation_lapses_when_its_points_change():
	pioneer = pioneers_own_part_three()
	classes = make_school(1, grade_level=4)
	period = month()
	doc = office_enters_the_rest(appraisal_of(period.name, classes[0]))
	with acting_as(pioneer):
		parts.save_part(period.name, "三", {doc.name: {"S6-03": 30}})  # entered, not confirmed
	doc.reload()
	assert doc.pending_questions == 1
	doc = walk(doc, ("duty@example.cn", "Submit for Review"))
	with acting_as(OFFICE):
		doc = frappe.get_doc(doc.doctype, doc.name)
		doc.workflow_state = "Pending Principal Approval"  # straight through the REST API
		with pytest.raises(frappe.ValidationError):
			doc.save()
	with acting_as(pioneer):
		parts.save_part(period.name, "三", {doc.name: {"S6-03": 32}}, confirm_part=1)
		parts.save_part(period.name, "三", {doc.name: {"S6-03": 31}})  # changed again, unconfirmed
	doc.reload()
	assert doc.pending_questions == 1 and doc.part_confirmations[0].confirmed_points == 32
	with acting_as(pioneer):
		sheet = parts.part_sheet(period.name, "三")
	assert sheet["appraisals"][0]["confirmed"] == 0


def test_a_part_is_not_confirmed_with_lines_missing_and_never_for_ones_own_class():
	pioneer = pioneers_own_part_three()
	classes = make_school(2, grade_level=4)
	frappe.db.set_value("Class Record", classes[1], "deputy_teacher", pioneer)  # a deputy is own too
	period = month()
	doc = appraisal_of(period.name, classes[0])
	with acting_as(pioneer), pytest.raises(frappe.ValidationError, match="before confirming"):
		parts.save_part(period.name, "三", {doc.name: {}}, confirm_part=1)
	own = appraisal_of(period.name, classes[1])
	with acting_as(pioneer), pytest.raises(frappe.PermissionError, match="your own class"):
		parts.save_part(period.name, "三", {own.name: {"S6-03": 40}}, confirm_part=1)
	with acting_as(pioneer):
		sheet = parts.part_sheet(period.name, "三")
	assert [(a["own"], a["editable"]) for a in sheet["appraisals"]] == [(0, 1), (1, 0)]
	# only the part's hand-scored lines: nothing of another part, nothing computed
	with acting_as(pioneer), pytest.raises(frappe.ValidationError, match="not a hand-scored line"):
		parts.save_part(period.name, "三", {doc.name: {"S6-01": 10}})
	with acting_as(pioneer), pytest.raises(frappe.ValidationError):
		parts.save_part(period.name, "三", {doc.name: {"S6-03": 41}})


def test_an_approved_appraisal_keeps_its_honour_and_holds_its_place():
	"""An honour, like a grade, stands once approved: a draft that overtakes it later finds the one
	place taken."""
	s6(honour_title="十佳班主任", honour_places=1)
	classes = make_school(2, grade_level=4)
	period = month()
	docs = scored(period, classes, (95, 90))
	first = walk(
		docs[classes[0]],
		("duty@example.cn", "Submit for Review"),
		(OFFICE, "Forward to Principal"),
		("head@example.cn", "Approve"),
	)
	assert (first.docstatus, first.honour) == (1, "十佳班主任")
	second = appraisal_of(period.name, classes[1])
	for row in second.lines:
		if row.criterion_code == "S6-03":
			row.manual_points += 9  # 99
	with acting_as(OFFICE):
		second.save()
	assert (second.total_score, second.honour) == (99, None)
	assert frappe.db.get_value("Class Teacher Appraisal", first.name, "honour") == "十佳班主任"


def test_a_part_changed_since_the_sheet_was_opened_is_not_overwritten():
	"""Two members of the office have the sheet open; the second one's save does not silently put
	back what their page showed over what the first saved."""
	pioneer = pioneers_own_part_three()
	classes = make_school(1, grade_level=4)
	period = month()
	doc = appraisal_of(period.name, classes[0])
	with acting_as(pioneer):
		sheet = parts.part_sheet(period.name, "三")
		seen = {a["appraisal"]: a["modified"] for a in sheet["appraisals"]}
		parts.save_part(period.name, "三", {doc.name: {"S6-03": 30}}, seen=seen)  # the first
		with pytest.raises(frappe.TimestampMismatchError, match="after you opened the sheet"):
			parts.save_part(period.name, "三", {doc.name: {"S6-03": 25}}, confirm_part=1, seen=seen)
	line = next(
		r for r in frappe.get_doc("Class Teacher Appraisal", doc.name).lines if r.criterion_code == "S6-03"
	)
	assert line.manual_points == 30
