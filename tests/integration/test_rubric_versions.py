"""A rubric used by approved appraisals is frozen; edits go to a new version."""

import frappe
import pytest

from class_teacher_appraisal import appraisals
from class_teacher_appraisal.class_teacher_appraisal.doctype.appraisal_rubric.appraisal_rubric import (
	make_new_version,
)
from tests.factories import S6, appraisal_of, approve, fill_manual, lines_of, make_period, make_school


def approved_month():
	(cls,) = make_school(1, grade_level=2)
	period = make_period("2025年11月", "2025-11-01", "2025-11-30", rubric=S6, period_type="Month")
	period.generate_appraisals()
	return period, approve(fill_manual(appraisal_of(period.name, cls)))


def test_a_rubric_in_use_cannot_be_changed_but_can_be_renamed_into_a_new_version():
	period, approved = approved_month()
	rubric = frappe.get_doc("Appraisal Rubric", S6)
	rubric.grade_bands[0].allowance = 200
	with pytest.raises(frappe.ValidationError, match="was used by 1 approved appraisals"):
		rubric.save()
	new_name = make_new_version(S6)
	assert new_name == "班主任月度考核（百分制） v2"
	new = frappe.get_doc("Appraisal Rubric", new_name)
	assert (new.previous_version, new.is_active) == (S6, 1)
	assert frappe.db.get_value("Appraisal Rubric", S6, "is_active") == 0
	new.grade_bands[0].allowance = 200
	new.save()
	# The approved appraisal keeps the version it was scored with.
	approved.reload()
	assert approved.rubric == S6 and approved.allowance == 360


def test_unused_rubrics_can_be_edited_in_place():
	rubric = frappe.get_doc("Appraisal Rubric", S6)
	rubric.base_allowance = 250
	rubric.save()
	assert frappe.db.get_value("Appraisal Rubric", S6, "base_allowance") == 250


def test_monthly_results_roll_up_into_the_term():
	classes = make_school(2, grade_level=1)
	totals = {}
	for month, (start, end) in {
		"9月": ("2025-09-01", "2025-09-30"),
		"10月": ("2025-10-01", "2025-10-31"),
	}.items():
		period = make_period(month, start, end, rubric=S6, period_type="Month")
		period.generate_appraisals()
		for i, cls in enumerate(classes):
			doc = fill_manual(appraisal_of(period.name, cls), short_by=i + (1 if month == "10月" else 0))
			doc = approve(doc)
			totals.setdefault(cls, []).append(doc.total_score)
	# 月考核累计分 summed, as a school may set it (the shipped term averages the months)
	rubric = frappe.get_doc("Appraisal Rubric", "班主任学期综合考核 v1")
	t01 = next(c for c in rubric.criteria if c.criterion_code == "T-01")
	t01.aggregate, t01.max_points = "Sum", 0
	rubric.save()
	term = make_period("第一学期", "2025-09-01", "2026-01-18", rubric=rubric.name)
	term.generate_appraisals()
	first = appraisal_of(term.name, classes[0])
	assert lines_of(first)["T-01"].points == sum(totals[classes[0]]) == 194  # 100 + 94
	assert "Sum of 2 periods (9月: 100, 10月: 94)" in lines_of(first)["T-01"].explanation
	second = appraisal_of(term.name, classes[1])
	assert lines_of(second)["T-01"].points == 94 + 88
	t01.aggregate = "Average"
	rubric.save()
	appraisals.recompute(term.name)
	first = appraisal_of(term.name, classes[0])
	assert lines_of(first)["T-01"].points == 97
	assert "Average of 2 periods (9月: 100, 10月: 94)" in lines_of(first)["T-01"].explanation
