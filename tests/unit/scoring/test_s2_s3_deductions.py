"""S2 (300-point rules) and S3 (deduction table): deductions per incident, "item scores 0", bonuses, caps."""

from decimal import Decimal

from class_teacher_appraisal.scoring import Kind, Section, render_all, score_period
from tests.unit.builders import criterion, ev, incident, line, rubric

MEETING = criterion(
	"S2-会议",
	Kind.DEDUCTION,
	10,
	unit_points=2,
	inspection_item="班主任会议",
	incident_types=("迟到",),
	zero_incident_types=("无故缺席",),
)
SURVEY = criterion("S2-调查班会", Kind.BONUS, 0, unit_points=5, cap=5, incident_types=("学生调查主题班会",))


def one(evidence, *criteria):
	(result,) = score_period(rubric(*criteria), {}, [evidence])
	return result


def test_minus_two_per_late_arrival_at_the_class_teachers_meeting():
	evidence = incident(incident(ev("A"), "班主任会议", 2, "迟到"), "班主任会议", 5, "迟到")
	result = one(evidence, MEETING)
	assert line(result, "S2-会议").points == 6
	assert render_all(line(result, "S2-会议").explanation) == "10 − 2 per incident × 2 (迟到 × 2) = 6"


def test_absence_without_leave_makes_the_item_score_zero():
	evidence = incident(ev("A"), "班主任会议", 3, "无故缺席")
	result = one(evidence, MEETING)
	assert line(result, "S2-会议").points == 0
	assert render_all(line(result, "S2-会议").explanation) == "The item scores 0: 无故缺席 × 1"


def test_deductions_never_take_an_item_below_zero():
	evidence = incident(ev("A"), "班主任会议", 3, "迟到", 7)
	assert line(one(evidence, MEETING), "S2-会议").points == 0


def test_deductions_from_a_part_can_be_capped():
	capped = criterion("S3-出勤", Kind.DEDUCTION, 0, unit_points=5, cap=15, incident_types=("值日迟到",))
	evidence = incident(ev("A"), "学生值日", 1, "值日迟到", 4)
	result = one(evidence, capped)
	assert line(result, "S3-出勤").points == -15
	assert "deductions capped at 15" in render_all(line(result, "S3-出勤").explanation)


def test_s3_deductions_come_off_the_part_which_does_not_go_below_zero():
	part = Section("任务", "任务完成", Decimal(60))
	base = criterion("S3-基础", Kind.MANUAL, 60, section="任务")
	plan = criterion(
		"S3-计划", Kind.DEDUCTION, 0, section="任务", unit_points=20, incident_types=("计划未按时",)
	)
	lessons = criterion(
		"S3-班会课", Kind.DEDUCTION, 0, section="任务", unit_points=20, incident_types=("班会课未上",)
	)
	from class_teacher_appraisal.scoring import ManualInput

	evidence = ev("A", manual={"S3-基础": ManualInput(Decimal(60))})
	incident(evidence, "任务检查", 1, "计划未按时")
	incident(evidence, "任务检查", 4, "班会课未上", 3)
	(result,) = score_period(rubric(base, plan, lessons, sections=(part,)), {}, [evidence])
	assert [line(result, c).points for c in ("S3-基础", "S3-计划", "S3-班会课")] == [60, -20, -60]
	assert result.sections[0].raw_points == -20
	assert result.sections[0].points == 0
	assert result.total == 0


def test_a_theme_meeting_based_on_a_pupil_survey_earns_five_capped():
	evidence = incident(ev("A"), "班会", 2, "学生调查主题班会", 2)
	result = one(evidence, SURVEY)
	assert line(result, "S2-调查班会").points == 5
	assert (
		render_all(line(result, "S2-调查班会").explanation)
		== "+5 per event × 2 (学生调查主题班会 × 2); capped at 5"
	)


def test_bonus_without_events_is_zero():
	assert line(one(ev("A"), SURVEY), "S2-调查班会").points == 0
