"""Bad input gets a clear error and saves nothing."""

import frappe
import pytest

from tests.factories import (
	S1,
	S6,
	appraisal_of,
	inspect,
	lines_of,
	make_class,
	make_period,
	make_school,
	make_user,
)


def rubric_doc(**kw):
	return frappe.get_doc(
		{
			"doctype": "Appraisal Rubric",
			"rubric_name": "测试方案",
			"total_points": 100,
			"sections": [
				{"section_code": "A", "section_title": "甲", "max_points": 60},
				{"section_code": "B", "section_title": "乙", "max_points": 40},
			],
			"criteria": [
				{
					"criterion_code": "A1",
					"criterion_title": "甲一",
					"section_code": "A",
					"rule_kind": "Manual Points",
					"max_points": 60,
				},
				{
					"criterion_code": "B1",
					"criterion_title": "乙一",
					"section_code": "B",
					"rule_kind": "Manual Points",
					"max_points": 40,
				},
			],
			**kw,
		}
	)


def test_a_valid_rubric_saves():
	assert rubric_doc().insert().name == "测试方案 v1"


def test_parts_whose_maxima_do_not_add_up_to_the_total_are_refused():
	doc = rubric_doc(total_points=120)
	with pytest.raises(frappe.ValidationError, match="add up to 100.0, but the rubric's total is 120"):
		doc.insert()
	assert not frappe.db.exists("Appraisal Rubric", {"rubric_name": "测试方案"})


def test_weighted_parts_must_add_up_to_100_percent():
	doc = rubric_doc()
	doc.sections[0].weight_percent = 50
	doc.sections[1].weight_percent = 30
	with pytest.raises(frappe.ValidationError, match="weights add up to 80.0%, not 100%"):
		doc.insert()


def test_a_criterion_above_its_parts_maximum_is_refused():
	doc = rubric_doc()
	doc.criteria[1].max_points = 45
	with pytest.raises(frappe.ValidationError, match="its maximum 45 is above its part's maximum 40"):
		doc.insert()


def test_a_broken_formula_is_refused_when_the_rubric_is_saved():
	doc = rubric_doc()
	doc.criteria[1].rule_kind = "Formula"
	doc.criteria[1].formula = "__import__('os')"
	with pytest.raises(frappe.ValidationError, match="the formula cannot be used"):
		doc.insert()


def test_a_deduction_without_incident_types_is_refused():
	doc = rubric_doc()
	doc.append(
		"criteria",
		{
			"criterion_code": "B2",
			"criterion_title": "扣分",
			"section_code": "B",
			"rule_kind": "Deduction per Incident",
			"unit_points": 2,
		},
	)
	with pytest.raises(frappe.ValidationError, match="list the incident types it counts"):
		doc.insert()


def test_a_period_without_a_rubric_is_refused():
	with pytest.raises(frappe.ValidationError, match="Choose the rubric this period is appraised with"):
		make_period(rubric=None)
	assert not frappe.db.exists("Appraisal Period", "2025秋季学期")


def test_a_period_that_ends_before_it_starts_is_refused():
	with pytest.raises(frappe.ValidationError, match="ends"):
		make_period(start="2026-01-18", end="2025-09-01")


def test_an_inspection_for_an_inactive_class_is_refused():
	make_period()
	cls = make_class("三年级(8)班", 3, is_active=0).name
	with pytest.raises(frappe.ValidationError, match="is not active; it cannot be inspected"):
		inspect(cls, "卫生", "2025-09-02", 9)
	assert not frappe.db.exists("Inspection", {"class_record": cls})


def test_an_inspection_outside_every_period_is_refused():
	(cls,) = make_school(1)
	with pytest.raises(frappe.ValidationError, match="is outside every appraisal period"):
		inspect(cls, "卫生", "2024-05-06", 9)


def test_a_duplicate_inspection_is_refused_but_a_spot_check_is_not():
	make_period()
	(cls,) = make_school(1)
	inspect(cls, "卫生", "2025-09-02", 9)
	with pytest.raises(frappe.ValidationError, match="was already inspected for 卫生 on 2025-09-02"):
		inspect(cls, "卫生", "2025-09-02", 8)
	assert frappe.db.count("Inspection", {"class_record": cls}) == 1
	inspect(cls, "卫生", "2025-09-02", 5, is_spot_check=1, revokes_flag=1)
	assert frappe.db.count("Inspection", {"class_record": cls}) == 2


def test_a_cancelled_inspection_can_be_replaced():
	make_period()
	(cls,) = make_school(1)
	first = inspect(cls, "卫生", "2025-09-02", 9)
	first.cancel()
	assert inspect(cls, "卫生", "2025-09-02", 7).score == 7


@pytest.mark.parametrize("score", [-1, 10.5])
def test_an_inspection_score_outside_the_items_range_is_refused(score):
	make_period()
	(cls,) = make_school(1)
	with pytest.raises(frappe.ValidationError, match="must be between 0 and 10"):
		inspect(cls, "卫生", "2025-09-02", score)


def test_an_unknown_level_or_incident_type_is_refused():
	make_period()
	(cls,) = make_school(1)
	with pytest.raises(frappe.ValidationError, match="Level 极好 is not one of"):
		inspect(cls, "主题队会", "2025-09-02", level="极好")
	with pytest.raises(frappe.ValidationError, match="incident type 吵架 is not one of"):
		inspect(cls, "纪律", "2025-09-02", 9, incidents={"吵架": 1})


@pytest.fixture
def monthly():
	(cls,) = make_school(1, grade_level=4)
	period = make_period("2025年10月", "2025-10-01", "2025-10-31", rubric=S6, period_type="Month")
	period.generate_appraisals()
	return appraisal_of(period.name, cls)


@pytest.mark.parametrize("points", [-1, 11])
def test_hand_entered_points_outside_the_line_are_refused(monthly, points):
	lines_of(monthly)["S6-01"].manual_points = points
	with pytest.raises(frappe.ValidationError, match="must be between 0 and 10"):
		monthly.save()
	assert (
		frappe.db.get_value("Class Teacher Appraisal Line", lines_of(monthly)["S6-01"].name, "manual_points")
		== 0
	)


def test_an_adjustment_needs_a_reason_and_must_stay_within_the_line(monthly):
	def edit(**values):
		doc = frappe.get_doc("Class Teacher Appraisal", monthly.name)  # as the Desk reloads after an error
		lines_of(doc)["S6-03"].update({"manual_points": 35, "manual_entered": 1, **values})
		doc.save()
		return doc

	with pytest.raises(frappe.ValidationError, match="give the reason for the adjustment"):
		edit(adjustment=-3)
	assert edit(adjustment=-3, adjustment_reason="班级日志缺两周").total_score == 32
	with pytest.raises(frappe.ValidationError, match="would give 43.0 points, outside 0 … 40"):
		edit(adjustment=8, adjustment_reason="x")


def test_a_veto_case_for_a_rule_not_in_the_rubric_is_refused(monthly):
	monthly.append("veto_cases", {"rule_code": "X9", "reason": "?"})
	with pytest.raises(frappe.ValidationError, match="rule X9 is not in the rubric"):
		monthly.save()


def test_a_rating_outside_the_scale_is_refused():
	(cls,) = make_school(1, grade_level=6)
	term = make_period("学期", "2025-09-01", "2026-01-18", rubric="班主任学期综合考核 v1")
	term.generate_appraisals()
	appraisal = appraisal_of(term.name, cls)
	rater = make_user("principal@example.cn")
	rating = frappe.get_doc(
		{
			"doctype": "Appraisal Rating",
			"appraisal": appraisal.name,
			"rater": rater,
			"rater_group": "Leadership",
			"scores": [{"criterion_code": "T-03", "score": 101}],
		}
	)
	with pytest.raises(frappe.ValidationError, match="must be between 0 and 100.0, not 101"):
		rating.insert()
	rating.scores[0].score = 90
	rating.rater_group = "Parents"
	with pytest.raises(frappe.ValidationError, match="the Parents group does not rate T-03"):
		rating.insert()
	assert not frappe.db.exists("Appraisal Rating", {"appraisal": appraisal.name})


def test_two_appraisals_of_one_class_in_one_period_are_refused(monthly):
	copy = frappe.copy_doc(monthly)
	with pytest.raises(frappe.DuplicateEntryError):
		copy.insert()


def test_s1_is_shipped():
	assert frappe.db.exists("Appraisal Rubric", S1)
