"""S6 (seed 001, 職責4): monthly 100 points in six parts, grades, allowance and veto."""

from decimal import Decimal

import pytest

from class_teacher_appraisal.scoring import (
	Effect,
	GradeBand,
	Kind,
	ManualInput,
	Section,
	VetoCase,
	VetoRule,
	render_all,
	score_period,
)
from tests.unit.builders import criterion, ev, incident, rubric

PARTS = [
	("師德修養", 10),
	("班務記載", 20),
	("常規管理", 40),
	("中心活動", 10),
	("財產管理", 10),
	("安全教育", 10),
]
BANDS = (
	GradeBand("優", Decimal(90), Decimal(160)),
	GradeBand("良", Decimal(80), Decimal(100)),
	GradeBand("合格", Decimal(60), Decimal(40)),
	GradeBand("不合格", Decimal(0), Decimal(0), withhold_all=True),
)
VETOES = (
	VetoRule("V1", "不深入班級，家長意見較大"),
	VetoRule("V2", "失職造成較大安全事故", incident_types=("較大安全事故",)),
	VetoRule("V3", "體罰造成嚴重后果"),
)
S6 = rubric(
	*(criterion(name, Kind.MANUAL, points, section=name) for name, points in PARTS),
	sections=tuple(Section(name, name, Decimal(points)) for name, points in PARTS),
	bands=BANDS,
	veto_rules=VETOES,
	base_allowance=Decimal(200),
)


def month(*scores, **kw):
	return ev(
		"A", manual={name: ManualInput(Decimal(s)) for (name, _), s in zip(PARTS, scores, strict=True)}, **kw
	)


@pytest.mark.parametrize(
	"scores, total, grade, allowance",
	[
		((10, 20, 38, 10, 10, 9), 97, "優", 360),  # 200 with the salary + 160
		((9, 18, 33, 8, 8, 8), 84, "良", 300),
		((6, 14, 26, 6, 6, 6), 64, "合格", 240),
		((5, 10, 20, 5, 5, 5), 50, "不合格", 0),  # no allowance at all that month
	],
)
def test_monthly_total_grade_and_allowance(scores, total, grade, allowance):
	(result,) = score_period(S6, {}, [month(*scores)])
	assert result.total == total
	assert result.grade == grade
	assert result.allowance == allowance
	assert [s.points for s in result.sections] == [Decimal(s) for s in scores]


def test_grade_band_boundaries_are_inclusive():
	(result,) = score_period(S6, {}, [month(10, 20, 30, 10, 10, 10)])
	assert (result.total, result.grade) == (90, "優")


def test_corporal_punishment_veto_forces_the_lowest_grade_and_no_allowance():
	evidence = month(10, 20, 38, 10, 10, 9)
	evidence.vetoes.append(VetoCase("V3", "2026-03-12 體罰學生，家長投訴"))
	(result,) = score_period(S6, {}, [evidence])
	assert result.total == 97  # the score itself is not changed
	assert (result.grade, result.allowance, result.vetoed) == ("不合格", 0, True)
	assert result.excluded_from_honours
	assert render_all(result.veto_reasons) == "體罰造成嚴重后果: 2026-03-12 體罰學生，家長投訴"
	assert render_all([result.allowance_note]) == "Grade 不合格: no allowance this period"


def test_a_recorded_major_safety_accident_triggers_its_veto_by_itself():
	evidence = month(10, 20, 38, 10, 10, 9)
	incident(evidence, "安全檢查", 2, "較大安全事故")
	(result,) = score_period(S6, {}, [evidence])
	assert result.grade == "不合格"
	assert render_all(result.veto_reasons) == "失職造成較大安全事故: 較大安全事故 × 1"


def test_manual_lines_not_entered_score_zero_and_are_flagged():
	(result,) = score_period(S6, {}, [ev("A")])
	assert result.total == 0
	assert all(line.needs_input for line in result.lines)


def test_exclusion_from_honours_keeps_score_and_grade():
	excluding = rubric(
		criterion("X", Kind.MANUAL, 100),
		bands=BANDS,
		veto_rules=(VetoRule("E1", "班級發生安全事故", Effect.EXCLUDE_FROM_HONOURS),),
	)
	evidence = ev("A", manual={"X": ManualInput(Decimal(95))}, vetoes=[VetoCase("E1", "春游摔傷")])
	(result,) = score_period(excluding, {}, [evidence])
	assert (result.total, result.grade, result.vetoed) == (95, "優", False)
	assert result.excluded_from_honours
	assert render_all(result.exclusion_reasons) == "班級發生安全事故: 春游摔傷"


def test_the_allowance_can_differ_by_the_class_teachers_rank_and_by_class_size():
	"""Seed 002 pays the allowance differentiated by the class teacher's rank (职级), seed 000 by
	class size: here +40 for a 高级 class teacher and 2 a pupil (the amounts are the school's)."""
	from dataclasses import replace

	by_rank = replace(
		S6, rank_allowances={"高级": Decimal(40), "中级": Decimal(20)}, allowance_per_pupil=Decimal(2)
	)
	senior, junior = (
		month(10, 20, 38, 10, 10, 9, teacher_rank="高级", pupils=45),
		month(10, 20, 38, 10, 10, 9, teacher_rank="", pupils=40),
	)
	(a,) = score_period(by_rank, {}, [senior])
	(b,) = score_period(by_rank, {}, [replace(junior, class_id="B")])
	assert a.allowance == 200 + 2 * 45 + 40 + 160
	assert b.allowance == 200 + 2 * 40 + 160
	assert "40 (高级)" in render_all([a.allowance_note])
	(failed,) = score_period(by_rank, {}, [month(5, 10, 20, 5, 5, 5, teacher_rank="高级")])
	assert failed.allowance == 0  # 不合格 withholds everything, the rank's part too
