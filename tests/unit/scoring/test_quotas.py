"""Quotas (issue 13, rule 2): a count or hours of confirmed activities of a kind in the period, at
or above a level, of the class or of its teacher, against a quota; what meeting or missing it is
worth. In the seeds' own numbers: S1/S2 theme meetings two a term (初三 one), S9's charters
读书心得 ≥ 2 a year and 培训 ≥ 40 hours a year, one of them city level or above."""

from decimal import Decimal

import pytest

from class_teacher_appraisal.scoring import (
	ActivityTally,
	ClassEvidence,
	Kind,
	QuotaMode,
	QuotaScope,
	Rubric,
	Section,
	render_all,
	score_period,
)
from class_teacher_appraisal.scoring.kinds import settings_errors
from class_teacher_appraisal.scoring.model import Criterion, criteria_for
from class_teacher_appraisal.scoring.rules import quota_progress

D = Decimal
CLASS, PERSON = QuotaScope.CLASS, QuotaScope.PERSON
RANKS = {"校级": D(1), "县级": D(2), "市级": D(3), "省级": D(4)}


def quota_criterion(code="Q", kind="主题班会", quota=2, max_points=10, **kw) -> Criterion:
	return Criterion(
		code=code,
		title=kind,
		kind=Kind.QUOTA,
		max_points=D(max_points),
		activity_kind=kind,
		quota=D(quota),
		**kw,
	)


def evidence(*rows, grade_level=8, class_id="八年级(1)班") -> ClassEvidence:
	"""rows: (scope, kind, level, count, hours, names)."""
	ev = ClassEvidence(class_id, grade_level=grade_level)
	for scope, kind, level, count, hours, names in rows:
		ev.activities[(scope, kind, level)] = ActivityTally(count, D(hours), tuple(names))
	return ev


def score(c: Criterion, ev: ClassEvidence):
	(result,) = score_period(Rubric("r", D(100), (c,)), {}, [ev])
	(line,) = result.lines
	return line


def test_one_of_two_theme_meetings_a_term_earns_half():
	"""S1/S2 班会: two theme meetings a term; one held and confirmed: 10 ÷ 2 × 1 = 5."""
	line = score(quota_criterion(), evidence((CLASS, "主题班会", "", 1, 0, ["ACT-1"])))
	assert line.points == D(5)
	assert render_all(line.explanation) == "主题班会 1/2: 10 ÷ 2 × 1 = 5"
	assert line.evidence["activities"] == ["ACT-1"]
	assert (line.evidence["done"], line.evidence["quota"], line.evidence["missing"]) == ("1", "2", "1")


def test_grade_nine_holds_one_theme_meeting_a_term_and_meets_its_quota_with_it():
	"""初三 (grade 9): one a term instead of two, set in Maxima by Grade (grade_quota)."""
	c = quota_criterion(grade_quota={9: D(1)})
	rubric = Rubric("S1", D(10), (c,), sections=(Section("一", "少先队", D(10)),))
	(c9,) = criteria_for(rubric, 9)
	(c8,) = criteria_for(rubric, 8)
	assert (c9.quota, c8.quota) == (1, 2)
	held_once = [(CLASS, "主题班会", "", 1, 0, ["ACT-9"])]
	grade9 = evidence(*held_once, grade_level=9, class_id="九年级(1)班")
	grade8 = evidence(*held_once, grade_level=8, class_id="八年级(1)班")
	results = {r.class_id: r.lines[0] for r in score_period(rubric, {}, [grade9, grade8])}
	assert results["九年级(1)班"].points == D(10)
	assert render_all(results["九年级(1)班"].explanation) == "主题班会 1/1: quota met: full 10"
	assert results["八年级(1)班"].points == D(5)


def test_a_class_quota_counts_only_the_class_records_and_a_person_quota_only_the_teachers():
	ev = evidence(
		(CLASS, "主题班会", "", 2, 0, ["ACT-1", "ACT-2"]),
		(PERSON, "主题班会", "", 1, 0, ["ACT-3"]),
	)
	assert score(quota_criterion(quota_scope=CLASS), ev).points == D(10)
	assert score(quota_criterion(quota_scope=PERSON), ev).points == D(5)


def test_reading_notes_two_a_year_all_or_nothing():
	"""S9 (one charter): ≥ 2 reading notes a year; one is not enough."""
	c = quota_criterion("S9-1", "读书心得", quota=2, max_points=5, quota_scope=PERSON)
	c = Criterion(**{**c.__dict__, "quota_mode": QuotaMode.ALL_OR_NOTHING})
	one = score(c, evidence((PERSON, "读书心得", "", 1, 0, ["ACT-7"])))
	assert one.points == 0
	assert render_all(one.explanation) == "读书心得 1/2: quota not met, 1 missing: 0"
	two = score(c, evidence((PERSON, "读书心得", "", 2, 0, ["ACT-7", "ACT-8"])))
	assert two.points == D(5)


def test_training_hours_22_of_40_in_proportion():
	"""S9: ≥ 40 class hours of training a year; 12 h at school level and 10 h at city level so far."""
	c = quota_criterion("S9-2", "培训", quota=40, quota_measure="Hours", quota_scope=PERSON)
	ev = evidence(
		(PERSON, "培训", "校级", 2, 12, ["ACT-11", "ACT-12"]),
		(PERSON, "培训", "市级", 1, 10, ["ACT-13"]),
	)
	line = score(c, ev)
	assert line.points == D("5.5")
	assert render_all(line.explanation) == "培训 22/40 hours: 10 ÷ 40 × 22 = 5.5"
	assert sorted(line.evidence["activities"]) == ["ACT-11", "ACT-12", "ACT-13"]
	assert line.evidence["levels"] == {"校级": "12", "市级": "10"}


def test_thirty_hours_in_another_charter_is_met_by_thirty_two():
	c = quota_criterion("S9-2", "培训", quota=30, quota_measure="Hours", quota_scope=PERSON)
	assert score(c, evidence((PERSON, "培训", "区级", 4, 32, ["A", "B", "C", "D"]))).points == D(10)


def test_one_city_level_lecture_or_above_counts_only_those_at_or_above_the_level():
	"""S9: of the 40 hours, one a city-level-or-above expert lecture: 校级 and 县级 do not count,
	省级 does; a level the criterion does not rank never counts."""
	c = quota_criterion(
		"S9-3",
		"培训",
		quota=1,
		quota_scope=PERSON,
		quota_mode=QuotaMode.ALL_OR_NOTHING,
		min_level="市级",
		levels=RANKS,
	)
	below = evidence((PERSON, "培训", "校级", 2, 12, ["A", "B"]), (PERSON, "培训", "县级", 1, 4, ["C"]))
	line = score(c, below)
	assert line.points == 0
	assert render_all(line.explanation) == (
		"培训 at 市级 or above 0/1: quota not met, 1 missing: 0; 3 below 市级 not counted"
	)
	assert score(c, evidence((PERSON, "培训", "省级", 1, 3, ["P"]))).points == D(10)
	assert score(c, evidence((PERSON, "培训", "市级", 1, 3, ["M"]))).points == D(10)
	assert score(c, evidence((PERSON, "培训", "国际", 1, 3, ["X"]))).points == 0


def test_home_visits_deduct_per_missing_one_and_as_a_penalty_without_a_maximum():
	"""S3-like: each missing one costs the unit points; without a maximum the line is a penalty
	taken from its part, capped at the cap."""
	visits = evidence((CLASS, "家访", "", 3, 0, ["V1", "V2", "V3"]))
	c = quota_criterion(
		"H", "家访", quota=5, max_points=10, quota_mode=QuotaMode.PER_MISSING, unit_points=D(2)
	)
	line = score(c, visits)
	assert line.points == D(6)
	assert render_all(line.explanation) == "家访 3/5: 10 − 2 per missing × 2 = 6"
	penalty = Criterion(**{**c.__dict__, "max_points": D(0), "unit_points": D(20), "cap": D(30)})
	assert score(penalty, visits).points == D(-30)  # 2 missing × 20 = 40, capped at 30
	assert score(penalty, evidence()).points == D(-30)
	met = evidence((CLASS, "家访", "", 5, 0, ["V1", "V2", "V3", "V4", "V5"]))
	assert score(penalty, met).points == 0


def test_more_than_the_quota_earns_no_more_than_the_maximum():
	line = score(quota_criterion(), evidence((CLASS, "主题班会", "", 3, 0, ["A", "B", "C"])))
	assert line.points == D(10)


def test_nothing_recorded_in_proportion_is_zero_and_says_what_is_missing():
	c = quota_criterion("P", "工作计划", quota=1, max_points=5)
	line = score(c, evidence())
	assert line.points == 0
	assert render_all(line.explanation) == "工作计划 0/1: 5 ÷ 1 × 0 = 0"
	assert quota_progress(c, evidence())["missing"] == 1


def test_other_kinds_do_not_count():
	ev = evidence((CLASS, "家访", "", 4, 0, ["V"]))
	assert score(quota_criterion(), ev).points == 0


@pytest.mark.parametrize(
	("settings", "missing"),
	[
		({}, "choose the activity kind it counts"),
		({"activity_kind": "主题班会"}, "enter the quota: how many, or how many hours"),
		({"activity_kind": "主题班会", "quota": D(2)}, "a {0} criterion needs a maximum above 0"),
		(
			{"activity_kind": "主题班会", "quota": D(2), "quota_mode": QuotaMode.PER_MISSING},
			"enter the points per missing one",
		),
		(
			{"activity_kind": "主题班会", "quota": D(2), "quota_mode": "Lottery"},
			"{0} is not a way of scoring a quota",
		),
		({"activity_kind": "主题班会", "quota": D(2), "max_points": D(10)}, None),
		(
			{
				"activity_kind": "家访",
				"quota": D(5),
				"quota_mode": QuotaMode.PER_MISSING,
				"unit_points": D(2),
			},
			None,
		),
	],
)
def test_a_quota_criterion_is_told_what_it_lacks(settings, missing):
	errors = settings_errors(Criterion(code="Q", title="q", kind=Kind.QUOTA, **settings))
	assert (errors[0].template if errors else None) == missing
