"""Quotas of studio members (issue 14, seed 004 名班主任工作室): per person, a member's own records and
their attendance at the studio's activities count; per studio ("Studio"), the studio's own
activities (a group obligation). In the charters' own numbers: 读书心得 ≥ 2 a year; 培训 ≥ 40 (or 30)
class hours a year, one of them 市级 or above; each term 计划会 1, 推进会 ≥ 2, 总结会 1; ≥ 5 papers a term."""

from decimal import Decimal

from class_teacher_appraisal.scoring import (
	ActivityTally,
	ClassEvidence,
	Kind,
	QuotaMode,
	QuotaScope,
	Rubric,
	render_all,
	score_period,
)
from class_teacher_appraisal.scoring.kinds import settings_errors
from class_teacher_appraisal.scoring.model import Criterion
from class_teacher_appraisal.scoring.rules import quota_progress

D = Decimal
PERSON, STUDIO = QuotaScope.PERSON, QuotaScope.STUDIO
RANKS = {"校级": D(1), "区级": D(2), "市级": D(3), "省级": D(4)}


def criterion(code, kind, quota, max_points=10, **kw) -> Criterion:
	return Criterion(
		code=code,
		title=kind,
		kind=Kind.QUOTA,
		max_points=D(max_points),
		activity_kind=kind,
		quota=D(quota),
		**kw,
	)


def member(*groups) -> ClassEvidence:
	"""groups: (scope, kind, level, count, hours, names, from a studio activity)."""
	ev = ClassEvidence("li.member@example.cn", label="李老师")
	for scope, kind, level, count, hours, names, studio in groups:
		ev.activities.setdefault((scope, kind, level), ActivityTally()).add(
			count, D(hours), tuple(names), studio=studio
		)
	return ev


def line(c: Criterion, ev: ClassEvidence):
	(result,) = score_period(Rubric("charter", D(100), (c,)), {}, [ev])
	return result.lines[0]


def test_two_reading_notes_a_year_one_recorded_earns_half():
	"""读书心得 ≥ 2 a year (一学期一篇): one confirmed note, 10 ÷ 2 × 1 = 5."""
	ln = line(
		criterion("A-02", "读书心得", 2, quota_scope=PERSON),
		member((PERSON, "读书心得", "", 1, 0, ["ACT-1"], False)),
	)
	assert ln.points == D(5)
	assert render_all(ln.explanation) == "读书心得 1/2: 10 ÷ 2 × 1 = 5"


def test_training_hours_count_records_and_attendance_at_the_studios_activities():
	"""培训 ≥ 40 class hours a year: 12 hours recorded by the member and 10 attended at a studio
	lecture make 22/40; 20 ÷ 40 × 22 = 11."""
	c = criterion("A-03", "培训", 40, 20, quota_scope=PERSON, quota_measure="Hours")
	ev = member(
		(PERSON, "培训", "区级", 1, 12, ["ACT-7"], False),
		(PERSON, "培训", "区级", 1, 10, ["SA-2026-00003"], True),
	)
	found = quota_progress(c, ev)
	assert (found["done"], found["missing"]) == (D(22), D(18))
	assert found["activities"] == ["ACT-7"] and found["studio_activities"] == ["SA-2026-00003"]
	ln = line(c, ev)
	assert ln.points == D(11)
	assert render_all(ln.explanation) == "培训 22/40 hours: 20 ÷ 40 × 22 = 11"
	assert ln.evidence["studio_activities"] == ["SA-2026-00003"]


def test_thirty_hours_a_year_is_met_by_thirty():
	"""The 30-hour charter (班主任工作室制度: 每年不少于30课时): 30 hours meet it in full."""
	c = criterion("B-02", "培训", 30, 10, quota_scope=PERSON, quota_measure="Hours")
	ln = line(c, member((PERSON, "培训", "校级", 3, 30, ["ACT-1", "ACT-2", "SA-1"], False)))
	assert ln.points == D(10)
	assert render_all(ln.explanation) == "培训 30/30 hours: quota met: full 10"


def test_one_city_level_lecture_a_year_district_ones_do_not_count():
	"""其中一次是市级以上的专家讲座: two 区级 lectures do not meet it, one 省级 does."""
	c = criterion(
		"A-04",
		"培训",
		1,
		10,
		quota_scope=PERSON,
		quota_mode=QuotaMode.ALL_OR_NOTHING,
		min_level="市级",
		levels=RANKS,
	)
	district = (PERSON, "培训", "区级", 2, 6, ["SA-1", "SA-2"], True)
	ln = line(c, member(district))
	assert ln.points == D(0)
	assert (
		render_all(ln.explanation)
		== "培训 at 市级 or above 0/1: quota not met, 1 missing: 0; 2 below 市级 not counted"
	)
	ln = line(c, member(district, (PERSON, "培训", "省级", 1, 3, ["SA-3"], True)))
	assert ln.points == D(10)


def test_per_term_meetings_are_the_studios_and_count_for_every_member():
	"""每学期 计划会 1, 推进会 ≥ 2, 总结会 1 (a term): the studio's own activities, scope Studio; a
	member's own records of the kind do not count for it."""
	plan = criterion("C-06", "计划会", 1, 5, quota_scope=STUDIO, quota_mode=QuotaMode.ALL_OR_NOTHING)
	progress = criterion("C-07", "推进会", 2, 5, quota_scope=STUDIO)
	summary = criterion("C-08", "总结会", 1, 5, quota_scope=STUDIO, quota_mode=QuotaMode.ALL_OR_NOTHING)
	ev = member(
		(STUDIO, "计划会", "", 1, 2, ["SA-1"], True),
		(STUDIO, "推进会", "", 1, 2, ["SA-4"], True),
		(PERSON, "推进会", "", 3, 0, ["ACT-9"], False),  # attended: the person's, not the studio's
	)
	assert line(plan, ev).points == D(5)
	assert line(progress, ev).points == D("2.5")
	assert render_all(line(progress, ev).explanation) == "推进会 1/2: 5 ÷ 2 × 1 = 2.5"
	assert line(summary, ev).points == D(0)


def test_five_papers_a_term():
	"""学习有关德育、心理健康研究论文不少于5篇 (a term): 4 read, one missing, −2 per missing."""
	c = criterion(
		"P", "论文研读", 5, 10, quota_scope=PERSON, quota_mode=QuotaMode.PER_MISSING, unit_points=D(2)
	)
	ln = line(c, member((PERSON, "论文研读", "", 4, 0, ["ACT-1", "ACT-2", "ACT-3", "ACT-4"], False)))
	assert ln.points == D(8)
	assert render_all(ln.explanation) == "论文研读 4/5: 10 − 2 per missing × 1 = 8"


def test_a_scope_that_is_nobodys_is_refused():
	c = criterion("X", "计划会", 1, quota_scope="Group")
	assert [m.template for m in settings_errors(c)] == ["{0} is not whose activities a quota counts"]
