"""The seed rubrics as a new site gets them (issue 13, faithful seed data): built from the seed
data inside the test (a site keeps the seed rubrics it was installed with), then used the way the
seeds describe. Figures in the seeds' own words: seed 000 (班主任岗位职责及考核办法1) and seed 001
(小学班主任工作职责 4)."""

import copy

import frappe
import pytest

from class_teacher_appraisal import appraisals
from class_teacher_appraisal.setup import seed_rubrics
from tests.conftest import acting_as
from tests.factories import (
	appraisal_of,
	approve,
	fill_manual,
	inspect,
	lines_of,
	make_period,
	make_school,
)

OFFICE = "office@example.cn"


def fresh(seed: dict) -> str:
	"""The seed rubric as install creates it on a new site (under a name of its own)."""
	data = copy.deepcopy(seed)
	data["rubric_name"] += "（新装）"
	return frappe.get_doc({"doctype": "Appraisal Rubric", **data}).insert(ignore_permissions=True).name


def test_the_rows_the_school_sets_are_ticked_in_the_desk_and_named_in_the_notes():
	rubric = frappe.get_doc("Appraisal Rubric", fresh(seed_rubrics.S6_TERM))
	assert [c.set_by_school for c in rubric.criteria] == [1, 1, 1]
	assert [b.set_by_school for b in rubric.grade_bands] == [1, 1, 1, 1]
	assert "由学校自定" in rubric.notes
	for doctype in ("Appraisal Rubric Criterion", "Appraisal Grade Band", "Inspection Item Incident Type"):
		field = frappe.get_meta(doctype).get_field("set_by_school")
		assert (field.fieldtype, field.label, field.in_list_view) == ("Check", "Set by Your School", 1)


# ------------------------------------------------------------------ (a) a term of four months


def test_a_term_of_four_months_reaches_the_shipped_term_grades():
	"""学期综合考核为：月考核累计分+奖励性活动分+考核组综评. Four months (9月–12月) of 100, 100, 94
	and 94 count as their average 97; 奖励性活动分 15; the leaders' 考核组综评 90 of 100 gives 27 of
	30: 97 + 15 + 27 = 139, 优秀 (from 135). With the months summed against 495 of 550, as shipped
	before, no four-month term could be 优秀."""
	month_rubric, term_rubric = fresh(seed_rubrics.S6), fresh(seed_rubrics.S6_TERM)
	(cls,) = make_school(1, grade_level=4)
	months = [
		("2025年9月", "2025-09-01", "2025-09-30", 0),
		("2025年10月", "2025-10-01", "2025-10-31", 0),
		("2025年11月", "2025-11-01", "2025-11-30", 1),  # each part 1 short: 94
		("2025年12月", "2025-12-01", "2025-12-31", 1),
	]
	totals = []
	for name, start, end, short_by in months:
		period = make_period(name, start, end, rubric=month_rubric, period_type="Month")
		period.generate_appraisals()
		month = approve(fill_manual(appraisal_of(period.name, cls), short_by=short_by))
		totals.append((month.total_score, month.grade))
	assert totals == [(100, "优"), (100, "优"), (94, "优"), (94, "优")]

	term = make_period("2025秋季学期（四个月）", "2025-09-01", "2025-12-31", rubric=term_rubric)
	term.generate_appraisals()
	with acting_as("head@example.cn"):  # the principal, of the leadership group
		frappe.get_doc(
			{
				"doctype": "Appraisal Rating",
				"appraisal": appraisal_of(term.name, cls).name,
				"scores": [{"criterion_code": "T-03", "score": 90}],
			}
		).insert().submit()
	appraisals.recompute(term.name)
	doc = appraisal_of(term.name, cls)
	bonus = lines_of(doc)["T-02"]
	bonus.manual_points, bonus.manual_entered = 15, 1
	doc.save()
	lines = lines_of(appraisal_of(term.name, cls))
	assert (lines["T-01"].points, lines["T-02"].points, lines["T-03"].points) == (97, 15, 27)
	assert "Average of 4 periods" in lines["T-01"].explanation
	doc = appraisal_of(term.name, cls)
	assert (doc.total_score, doc.grade) == (139, "优秀")


# ------------------------------------------------------------------ (c) S6's vetoes are 职责4's


@pytest.fixture
def s6_month():
	rubric = fresh(seed_rubrics.S6)
	(cls,) = make_school(1, grade_level=5)
	period = make_period("2025年10月", "2025-10-01", "2025-10-31", rubric=rubric, period_type="Month")
	return rubric, period, cls


def test_s6_vetoes_are_the_three_of_its_seed_and_no_other_documents(s6_month):
	rubric, _period, _cls = s6_month
	vetoes = frappe.get_doc("Appraisal Rubric", rubric).veto_rules
	assert [v.rule_code for v in vetoes] == ["否决1", "否决2", "否决3"]
	assert not any("收费" in v.rule_title or "转学" in v.rule_title for v in vetoes)


def test_corporal_punishment_vetoes_when_it_had_serious_consequences_as_the_office_finds(s6_month):
	"""3、因体罚或变相体罚产生不良影响，造成严重后果者: a recorded 体罚 alone does not decide the grade;
	the office names the veto with what followed, and the month is 不合格 with no allowance."""
	_rubric, period, cls = s6_month
	inspect(cls, "安全检查", "2025-10-20", incidents={"体罚或变相体罚": 1})
	period.generate_appraisals()
	doc = fill_manual(appraisal_of(period.name, cls))
	assert (doc.vetoed, doc.grade, doc.allowance) == (0, "优", 360)
	with acting_as(OFFICE):
		doc = appraisal_of(period.name, cls)
		doc.append("veto_cases", {"rule_code": "否决3", "reason": "罚站致学生受伤，家长投诉，造成严重后果"})
		doc.save()
	doc = appraisal_of(period.name, cls)
	assert (doc.vetoed, doc.grade, doc.allowance) == (1, "不合格", 0)


def test_a_recorded_major_safety_accident_raises_veto_2_for_the_office(s6_month):
	"""2、有重大违法违纪现象或因失职、渎职造成班级较大安全事故者."""
	_rubric, period, cls = s6_month
	inspect(cls, "安全检查", "2025-10-20", incidents={"较大安全事故": 1})
	period.generate_appraisals()
	doc = fill_manual(appraisal_of(period.name, cls))
	assert [(c.rule_code, c.automatic) for c in doc.veto_cases] == [("否决2", 1)]
	assert (doc.vetoed, doc.grade) == (1, "不合格")


# ------------------------------------------------------------------ (d) what S1 part 一 caps


def test_s1_part_one_gives_the_top_class_40_for_its_flags_and_counts_duty_points_and_deductions_beyond():
	"""一、5: 第一名的班级为满分40分，其他班级：40分÷第一名班级红旗数×该班红旗数; 4: 优秀加3分 … 较差扣1分;
	6①: 每人次扣0.5分. Class 1 wins a hygiene flag and a theme meeting 优秀 (two flags): 3 flags, the
	top, 40; duty 优秀 +3; 3 pupils missing −1.5: part 一 41.5. Class 2: a flag and a 合格 meeting,
	40 ÷ 3 × 2 = 26.67; duty 较差 −1; 1 pupil missing −0.5: 25.17."""
	rubric = fresh(seed_rubrics.S1)
	first, second, third = make_school(3, grade_level=4)
	period = make_period(rubric=rubric)
	for cls, score in ((first, 10), (second, 9), (third, 8)):
		inspect(cls, "卫生", "2025-09-01", score)  # the top two win the week's flag
	inspect(first, "主题队会", "2025-09-03", level="优秀")
	inspect(second, "主题队会", "2025-09-03", level="合格")
	inspect(first, "升旗仪式轮值", "2025-09-08", level="优秀")
	inspect(second, "升旗仪式轮值", "2025-09-15", level="较差")
	inspect(first, "升旗出勤", "2025-09-08", incidents={"学生缺席升旗": 3})
	inspect(second, "升旗出勤", "2025-09-15", incidents={"学生缺席升旗": 1})
	period.generate_appraisals()

	top = appraisal_of(period.name, first)
	lines = lines_of(top)
	assert (lines["S1-01"].points, lines["S1-02"].points, lines["S1-03"].points) == (40, 3, -1.5)
	part = next(s for s in top.sections if s.section_code == "一")
	assert (part.max_points, part.points) == (40, 41.5)

	other = appraisal_of(period.name, second)
	lines = lines_of(other)
	assert (lines["S1-01"].points, lines["S1-02"].points, lines["S1-03"].points) == (26.67, -1, -0.5)
	assert next(s for s in other.sections if s.section_code == "一").points == 25.17
