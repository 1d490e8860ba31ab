"""Seed rules the office sets up as data (issue 13): each in the seed's own words and numbers."""

import frappe
import pytest

from class_teacher_appraisal import appraisals
from tests.conftest import acting_as
from tests.factories import S1, appraisal_of, fill_manual, inspect, make_period, make_school

OFFICE = "office@example.cn"
S6 = "班主任月度考核（百分制） v1"


# ------------------------------------------------------------------ a deduction of 0 stays 0


def test_an_incident_entered_with_no_deduction_costs_nothing_and_an_empty_one_the_items_rate():
	"""A fight costs the discipline item its rate (2 a time, set by the school); an incident the
	duty teacher records as costing 0 (e.g. already settled) stays 0 instead of the rate."""
	(cls,) = make_school(1, grade_level=4)
	make_period()
	rate = frappe.db.get_value(
		"Inspection Item Incident Type", {"parent": "纪律", "incident_type": "打架"}, "default_deduction"
	)
	assert rate == 2
	charged = inspect(cls, "纪律", "2025-09-01", 10, incidents={"打架": 2})
	assert charged.deduction == 4
	settled = frappe.get_doc(
		{
			"doctype": "Inspection",
			"inspection_date": "2025-09-08",
			"class_record": cls,
			"inspection_item": "纪律",
			"score": 10,
			"incidents": [{"incident_type": "打架", "count": 2, "deduction": 0}],
		}
	).insert()
	assert settled.deduction == 0 and settled.incidents[0].deduction == 0


# ------------------------------------------------------------------ a spot check without a score


def test_a_failed_spot_check_is_recorded_without_a_score_and_takes_one_flag_back():
	"""S1: 大队委抽查不合格 takes one flag back; the spot check has no score of its own."""
	classes = make_school(2, grade_level=4)
	period = make_period(rubric=S1)
	for cls, score in zip(classes, (10, 9), strict=True):
		inspect(cls, "卫生", "2025-09-01", score)
	spot = inspect(classes[0], "卫生", "2025-09-03", None, is_spot_check=1, revokes_flag=1)
	assert (spot.docstatus, spot.score, spot.level) == (1, 0, None)
	period.award_weekly_flags()
	row = frappe.get_all(
		"Red Flag Award",
		filters={"appraisal_period": period.name, "class_record": classes[0], "inspection_item": "卫生"},
		fields=["weekly_award", "revoked", "red_flags", "average_score"],
	)[0]
	assert (row.weekly_award, row.revoked, row.red_flags, row.average_score) == (1, 1, 0, 10)


def test_a_regular_inspection_still_needs_its_score():
	(cls,) = make_school(1, grade_level=4)
	make_period()
	with pytest.raises(frappe.ValidationError, match="The score must be between 0 and"):
		inspect(cls, "卫生", "2025-09-01", None)


# ------------------------------------------------------------------ dismissing a veto found in the incidents


@pytest.fixture
def vetoed_month():
	(cls,) = make_school(1, grade_level=5)
	period = make_period("2025年10月", "2025-10-01", "2025-10-31", rubric=S6, period_type="Month")
	inspect(cls, "安全检查", "2025-10-20", incidents={"较大安全事故": 1})
	period.generate_appraisals()
	fill_manual(appraisal_of(period.name, cls))  # every hand-scored line at its maximum
	return period, cls


def test_the_office_dismisses_a_veto_found_in_the_incidents_with_a_reason_and_it_stays_dismissed(
	vetoed_month,
):
	"""S6: 一票否决 for a major safety accident; the office finds the recorded accident was not the
	class teacher's (e.g. recorded against the wrong class) and dismisses it, saying why."""
	period, cls = vetoed_month
	doc = appraisal_of(period.name, cls)
	assert doc.vetoed and doc.grade == "不合格" and doc.pending_questions
	with acting_as(OFFICE):
		doc = appraisal_of(period.name, cls)
		doc.veto_cases[0].dismissed = 1
		with pytest.raises(frappe.ValidationError, match="say why the veto is dismissed"):
			doc.save()
		doc = appraisal_of(period.name, cls)  # as the form reloads after a refused save
		doc.veto_cases[0].dismissed = 1
		doc.veto_cases[0].dismissal_reason = "记错班级：事故发生在五年级(3)班"
		doc.save()
	doc = appraisal_of(period.name, cls)
	assert not doc.vetoed and doc.grade != "不合格" and doc.allowance > 0
	assert doc.pending_questions == 0
	appraisals.recompute(period.name)
	doc = appraisal_of(period.name, cls)
	(case,) = doc.veto_cases
	assert (case.automatic, case.dismissed, case.dismissal_reason) == (
		1,
		1,
		"记错班级：事故发生在五年级(3)班",
	)
	assert not doc.vetoed and doc.grade != "不合格"


def test_a_veto_is_confirmed_or_dismissed_not_both(vetoed_month):
	period, cls = vetoed_month
	with acting_as(OFFICE):
		doc = appraisal_of(period.name, cls)
		case = doc.veto_cases[0]
		case.confirmed, case.dismissed, case.dismissal_reason = 1, 1, "?"
		with pytest.raises(frappe.ValidationError, match="either confirmed or dismissed"):
			doc.save()


# ------------------------------------------------------------------ honours exclusions have their own rules


def s6_with_exclusion():
	"""S6's monthly rubric, plus S5's kind of condition as the office would add it: corporal
	punishment (体罚学生) excludes the class teacher from the top ten without changing the score."""
	rubric = frappe.get_doc("Appraisal Rubric", S6)
	rubric.append(
		"exclusion_rules", {"rule_code": "十佳-1", "rule_title": "体罚学生", "incident_types": "体罚学生"}
	)
	rubric.save()
	return rubric


def test_an_honours_exclusion_is_its_own_rule_and_changes_neither_score_nor_grade(vetoed_month):
	period, cls = vetoed_month
	s6_with_exclusion()
	before = appraisal_of(period.name, cls)
	doc = appraisal_of(period.name, cls)
	doc.veto_cases[0].dismissed, doc.veto_cases[0].dismissal_reason = 1, "记错班级"
	doc.append("veto_cases", {"rule_code": "十佳-1", "reason": "家长投诉：罚站"})
	doc.save()
	assert doc.excluded_from_honours and "体罚学生" in doc.exclusion_reason
	assert not doc.vetoed and doc.total_score == before.total_score
	assert doc.grade != "不合格"


def test_a_code_names_one_rule_across_the_veto_and_exclusion_tables():
	rubric = frappe.get_doc("Appraisal Rubric", S6)
	code = rubric.veto_rules[0].rule_code
	rubric.append("exclusion_rules", {"rule_code": code, "rule_title": "重复"})
	with pytest.raises(frappe.ValidationError, match="can be used only once"):
		rubric.save()


def test_older_rubrics_move_their_exclusions_out_of_the_veto_table():
	from class_teacher_appraisal.patches.v1_1 import move_honours_exclusions

	rubric = frappe.get_doc("Appraisal Rubric", S6)
	rubric.append(
		"veto_rules", {"rule_code": "X9", "rule_title": "体罚学生", "effect": "Exclude from Honours"}
	)
	rubric.save()
	move_honours_exclusions.execute()
	rubric = frappe.get_doc("Appraisal Rubric", S6)
	assert "X9" not in [v.rule_code for v in rubric.veto_rules]
	assert [(e.rule_code, e.rule_title) for e in rubric.exclusion_rules] == [("X9", "体罚学生")]


# ------------------------------------------------------------------ criteria by grade level


def test_criteria_apply_and_take_their_maximum_by_grade_level_as_the_office_sets_them():
	"""S1 as shipped: 升旗仪式轮值 applies to grades 3–6; the office gives 主题队会 记录 a smaller
	maximum for grade 6 (Maxima by Grade): each class's appraisal has its own lines."""
	rubric = frappe.get_doc("Appraisal Rubric", S1)
	duty = next(c for c in rubric.criteria if c.criterion_code == "S1-02")
	if not duty.grade_levels:  # a site created before the seed said so
		duty.grade_levels = "3-6"
	manual = next(c for c in rubric.criteria if c.rule_kind == "Manual Points")
	rubric.append(
		"grade_maxima", {"criterion_code": manual.criterion_code, "grade_levels": "6", "max_points": 1}
	)
	rubric.save()
	grade2 = make_school(1, grade_level=2)[0]
	grade6 = make_school(1, grade_level=6)[0]
	period = make_period(rubric=S1)
	period.generate_appraisals()
	lines2 = {ln.criterion_code: ln for ln in appraisal_of(period.name, grade2).lines}
	lines6 = {ln.criterion_code: ln for ln in appraisal_of(period.name, grade6).lines}
	assert "S1-02" not in lines2 and "S1-02" in lines6
	assert lines2[manual.criterion_code].max_points == manual.max_points
	assert lines6[manual.criterion_code].max_points == 1


def test_grades_the_office_writes_wrongly_are_refused_with_the_way_to_write_them():
	rubric = frappe.get_doc("Appraisal Rubric", S1)
	rubric.criteria[0].grade_levels = "三到六年级"
	with pytest.raises(frappe.ValidationError, match="grades are written like 3-6"):
		rubric.save()


# ------------------------------------------------------------------ paper ballots


TERM_RUBRIC = "班主任学期综合考核 v1"


def test_teachers_paper_ballots_are_counted_by_the_office_and_weighted_like_the_leaders_ratings():
	"""S5: 评议分 = leadership group's rating × 60% + all teachers' rating × 40%. The leaders rate in
	the app; the teachers vote on paper, and the office counts the ballots per level: 20 优秀 (95),
	8 良好 (85), 2 合格 (70), an average of 2720 / 30 = 90.67."""
	rubric = frappe.get_doc("Appraisal Rubric", TERM_RUBRIC)
	rubric.rater_weights = []
	rubric.append(
		"rater_weights", {"criterion_code": "T-03", "rater_group": "Leadership", "weight_percent": 60}
	)
	rubric.append(
		"rater_weights", {"criterion_code": "T-03", "rater_group": "Teachers", "weight_percent": 40}
	)
	rubric.save()
	(cls,) = make_school(1, grade_level=5)
	period = make_period("学期（选票）", "2025-09-01", "2026-01-18", rubric=TERM_RUBRIC)
	period.generate_appraisals()
	appraisal = appraisal_of(period.name, cls)
	with acting_as("head@example.cn"):
		frappe.get_doc(
			{
				"doctype": "Appraisal Rating",
				"appraisal": appraisal.name,
				"scores": [{"criterion_code": "T-03", "score": 90}],
			}
		).insert().submit()
	with acting_as(OFFICE):
		tally = frappe.get_doc(
			{
				"doctype": "Appraisal Ballot Tally",
				"appraisal": appraisal.name,
				"criterion_code": "T-03",
				"rater_group": "Teachers",
				"average_score": 1,  # computed by the server, whatever is sent
				"counts": [
					{"level": "优秀", "score": 95, "ballots": 20},
					{"level": "良好", "score": 85, "ballots": 8},
					{"level": "合格", "score": 70, "ballots": 2},
				],
			}
		).insert()
	assert (tally.total_ballots, round(tally.average_score, 2)) == (30, 90.67)
	appraisals.recompute(period.name)
	line = next(ln for ln in appraisal_of(period.name, cls).lines if ln.criterion_code == "T-03")
	assert line.points == 27.08  # 30 × (60% × 90 + 40% × 90.67) ÷ 100


def test_a_ballot_tally_is_for_a_group_that_rates_the_criterion_and_counted_once():
	(cls,) = make_school(1, grade_level=5)
	period = make_period("学期（选票二）", "2025-09-01", "2026-01-18", rubric=TERM_RUBRIC)
	period.generate_appraisals()
	appraisal = appraisal_of(period.name, cls)

	def tally(group, ballots=3):
		return frappe.get_doc(
			{
				"doctype": "Appraisal Ballot Tally",
				"appraisal": appraisal.name,
				"criterion_code": "T-03",
				"rater_group": group,
				"counts": [{"level": "优秀", "score": 95, "ballots": ballots}],
			}
		)

	with pytest.raises(frappe.ValidationError, match="does not rate T-03"):
		tally("Parents").insert()
	with pytest.raises(frappe.ValidationError, match="Count at least one ballot"):
		tally("Leadership", ballots=0).insert()
	tally("Leadership").insert()
	with pytest.raises(frappe.ValidationError, match="already counted"):
		tally("Leadership").insert()


# ------------------------------------------------------------------ allowance by rank


def test_the_office_sets_an_allowance_by_rank_and_the_class_record_names_the_teachers_rank():
	"""Seed 002: the allowance differs by the class teacher's rank (职级); the amounts are the school's."""
	rubric = frappe.get_doc("Appraisal Rubric", S6)
	rubric.append("rank_allowances", {"teacher_rank": "高级", "amount": 50})
	rubric.save()
	senior, junior = make_school(2, grade_level=5)
	frappe.db.set_value("Class Record", senior, "teacher_rank", "高级")
	period = make_period("2025年11月（职级）", "2025-11-01", "2025-11-30", rubric=S6, period_type="Month")
	period.generate_appraisals()
	a, b = fill_manual(appraisal_of(period.name, senior)), fill_manual(appraisal_of(period.name, junior))
	assert a.grade == b.grade and a.allowance == b.allowance + 50
	assert "50 (高级)" in a.allowance_note
