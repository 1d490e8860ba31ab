"""Seed 001, 《小学班主任工作职责 4》五、考核说明 3: 因特殊情况班主任岗位中途变动的，学校对其岗位津贴作相应
调整，班主任在岗，享受岗位津贴，离岗后不再享受. A class whose class teacher changes mid-period: each
teacher is appraised on the days they served, and the allowance follows the days on post."""

from datetime import date
from decimal import Decimal

import pytest

from class_teacher_appraisal.scoring import GradeBand, Kind, ManualInput, Section, render_all, score_period
from class_teacher_appraisal.scoring.tenure import (
	Assignment,
	Stint,
	current_teacher,
	days_between,
	overlapping,
	stints,
)
from tests.unit.builders import criterion, ev, rubric

OCT_1, OCT_31 = date(2025, 10, 1), date(2025, 10, 31)
# the class's class teachers: 王老师 until 15 October, 李老师 from the 16th
HANDOVER = [Assignment("王老师", None, date(2025, 10, 15)), Assignment("李老师", date(2025, 10, 16))]

# 职责4: 优 pays 200 with the salary + 160 after the appraisal (the month's allowance is 360)
S6 = rubric(
	criterion("常规管理", Kind.MANUAL, 100, section="三"),
	sections=(Section("三", "常规管理", Decimal(100)),),
	bands=(
		GradeBand("优", Decimal(90), Decimal(160)),
		GradeBand("良", Decimal(80), Decimal(100)),
		GradeBand("合格", Decimal(60), Decimal(40)),
		GradeBand("不合格", Decimal(0), Decimal(0), withhold_all=True),
	),
	base_allowance=Decimal(200),
)


def test_each_teacher_on_post_in_the_month_has_their_own_days():
	assert stints(HANDOVER, OCT_1, OCT_31) == [
		Stint("王老师", OCT_1, date(2025, 10, 15), 15, 31),
		Stint("李老师", date(2025, 10, 16), OCT_31, 16, 31),
	]


def test_a_teacher_on_post_all_month_serves_the_whole_period():
	(stint,) = stints(HANDOVER, date(2025, 11, 1), date(2025, 11, 30))
	assert (stint.teacher, stint.days_served, stint.whole_period) == ("李老师", 30, True)


def test_after_leaving_a_teacher_has_no_days_in_later_periods():
	assert [s.teacher for s in stints(HANDOVER, date(2025, 11, 1), date(2025, 11, 30))] == ["李老师"]
	assert [s.teacher for s in stints(HANDOVER, date(2025, 9, 1), date(2025, 9, 30))] == ["王老师"]


def test_a_teacher_who_comes_back_counts_the_days_of_both_times():
	back = [
		*HANDOVER[:1],
		Assignment("李老师", date(2025, 10, 16), date(2025, 10, 20)),
		Assignment("王老师", date(2025, 10, 21)),
	]
	by_teacher = {s.teacher: s for s in stints(back, OCT_1, OCT_31)}
	assert (by_teacher["王老师"].days_served, by_teacher["李老师"].days_served) == (26, 5)


def test_a_stint_carries_the_teachers_rank_of_their_last_days_on_post():
	"""The rank (职级) is the teacher's: after a handover each is paid by their own; a teacher
	promoted while on post is paid by the rank of their last days in the period."""
	promoted = [
		Assignment("王老师", None, date(2025, 10, 10), "中级"),
		Assignment("王老师", date(2025, 10, 11), date(2025, 10, 15), "高级"),
		Assignment("李老师", date(2025, 10, 16)),
	]
	assert [(s.teacher, s.rank) for s in stints(promoted, OCT_1, OCT_31)] == [
		("王老师", "高级"),
		("李老师", ""),
	]
	assert [(s.teacher, s.rank) for s in stints(promoted, date(2025, 9, 1), date(2025, 9, 30))] == [
		("王老师", "中级")
	]


def test_days_count_both_ends():
	assert days_between(OCT_1, OCT_1) == 1
	assert days_between(OCT_1, OCT_31) == 31


@pytest.mark.parametrize(
	"today, teacher",
	[
		(date(2025, 10, 15), "王老师"),  # the last day on post
		(date(2025, 10, 16), "李老师"),
		(date(2026, 6, 1), "李老师"),
	],
)
def test_the_class_teacher_is_the_one_on_post_that_day(today, teacher):
	assert current_teacher(HANDOVER, today) == teacher


def test_a_class_whose_teacher_left_has_none_until_the_next_arrives():
	gap = [Assignment("王老师", None, date(2025, 10, 15)), Assignment("李老师", date(2025, 11, 1))]
	assert current_teacher(gap, date(2025, 10, 20)) is None
	assert current_teacher([Assignment("李老师", date(2025, 11, 1))], date(2025, 10, 20)) == "李老师"


def test_one_class_teacher_at_a_time():
	assert overlapping(HANDOVER) is None
	late = [Assignment("王老师", None, date(2025, 10, 16)), Assignment("李老师", date(2025, 10, 16))]
	assert overlapping(late) == (0, 1)
	still_open = [Assignment("李老师", date(2025, 10, 16)), Assignment("王老师")]
	assert overlapping(still_open) == (0, 1)


def month(days_on_post=0, points=95):
	return ev(
		"五年级(1)班",
		manual={"常规管理": ManualInput(Decimal(points))},
		days_on_post=days_on_post,
		days_in_period=31 if days_on_post else 0,
	)


def test_on_post_the_allowance_is_paid_for_the_days_on_post_only():
	(leaving,) = score_period(S6, {}, [month(15)])
	(arriving,) = score_period(S6, {}, [month(16)])
	assert (leaving.grade, leaving.allowance) == ("优", Decimal("174.19"))  # 360 × 15 ÷ 31
	assert (arriving.grade, arriving.allowance) == ("优", Decimal("185.81"))  # 360 × 16 ÷ 31
	assert render_all([leaving.allowance_note]) == (
		"Allowance 174.19 = (200 + 160) × 15 ÷ 31: on post 15 of the period's 31 days"
	)


def test_a_teacher_on_post_the_whole_month_gets_the_whole_allowance():
	(whole,) = score_period(S6, {}, [month(0)])
	(all_days,) = score_period(S6, {}, [month(31)])
	assert whole.allowance == all_days.allowance == 360
	assert render_all([all_days.allowance_note]) == "Allowance 360 = 200 + 160"


def test_the_days_on_post_change_neither_the_score_nor_the_grade():
	(part,) = score_period(S6, {}, [month(15, points=85)])
	assert (part.total, part.grade, part.allowance) == (85, "良", Decimal("145.16"))  # 300 × 15 ÷ 31


def test_no_allowance_for_a_failed_month_whatever_the_days():
	(failed,) = score_period(S6, {}, [month(15, points=50)])
	assert (failed.grade, failed.allowance) == ("不合格", 0)
	assert render_all([failed.allowance_note]) == "Grade 不合格: no allowance this period"
