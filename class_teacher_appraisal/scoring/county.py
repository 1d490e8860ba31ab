"""A county's ranking (issue 17, S7: 赣榆县 ranks its schools' class teachers): the appraisals of a
county term (every school's period of the same dates) ranked county-wide and within each school,
by class, by class teacher, or by school. Plain Python; the report reads the appraisals.

A class or a teacher with several appraisals in the term (the class changed teacher, 001; a teacher
of two classes) stands at the average of their totals weighted by the days on post of each, so a
month's stand-in weighs a month. Ranks are competition ranks (1, 2, 2, 4) of the totals rounded to
the 2 places every stored point has; a school's classes are ranked among themselves with the same
rule. A school stands at the average of its classes' standings, each class once."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from .amounts import ZERO, D, points
from .engine import competition_ranks

CLASSES, TEACHERS, SCHOOLS = "Classes", "Class Teachers", "Schools"


@dataclass(frozen=True)
class TermAppraisal:
	"""One appraisal of the term, as the report reads it."""

	name: str
	school: str  # "" for a period without a school (a site of one school)
	class_id: str
	total: Decimal
	days: int = 0  # days on post; 0 counts as 1 (an appraisal from before the days were kept)
	teacher: str = ""


@dataclass
class Standing:
	"""A class's, a teacher's or a school's place in the term."""

	key: str
	school: str
	total: Decimal
	appraisals: list[TermAppraisal] = field(default_factory=list)
	county_rank: int = 0
	school_rank: int = 0
	county_out_of: int = 0
	school_out_of: int = 0


def weighted_total(appraisals: list[TermAppraisal]) -> Decimal:
	"""The totals averaged by days on post."""
	weights = [max(a.days or 0, 0) or 1 for a in appraisals]
	if not appraisals:
		return ZERO
	return points(
		sum((D(a.total) * w for a, w in zip(appraisals, weights, strict=True)), ZERO) / sum(weights)
	)


def _school_of(appraisals: list[TermAppraisal]) -> str:
	"""The school where they served longest (a teacher who moved schools in the term)."""
	days: dict[str, int] = defaultdict(int)
	for a in appraisals:
		days[a.school] += max(a.days or 0, 0) or 1
	return min(days, key=lambda s: (-days[s], s))


def _grouped(appraisals: list[TermAppraisal], key) -> list[Standing]:
	groups: dict[str, list[TermAppraisal]] = defaultdict(list)
	for a in appraisals:
		if key(a):
			groups[key(a)].append(a)
	return [Standing(k, _school_of(found), weighted_total(found), found) for k, found in groups.items()]


def by_class(appraisals: list[TermAppraisal]) -> list[Standing]:
	return rank(_grouped(appraisals, lambda a: a.class_id))


def by_teacher(appraisals: list[TermAppraisal]) -> list[Standing]:
	"""Appraisals without a teacher (a class nobody led) have no teacher to rank."""
	return rank(_grouped(appraisals, lambda a: a.teacher))


def by_school(appraisals: list[TermAppraisal]) -> list[Standing]:
	"""Each school at the average of its classes' standings, ranked county-wide."""
	schools: dict[str, list[Standing]] = defaultdict(list)
	for c in by_class(appraisals):
		schools[c.school].append(c)
	out = []
	for school, classes in schools.items():
		total = points(sum((c.total for c in classes), ZERO) / len(classes))
		out.append(Standing(school, school, total, [a for c in classes for a in c.appraisals]))
	return rank(out, within_school=False)


def rank(standings: list[Standing], within_school: bool = True) -> list[Standing]:
	"""County ranks over all, school ranks among each school's own; best first."""
	county = competition_ranks({s.key: s.total for s in standings})
	for s in standings:
		s.county_rank, s.county_out_of = county[s.key], len(standings)
	if within_school:
		schools: dict[str, list[Standing]] = defaultdict(list)
		for s in standings:
			schools[s.school].append(s)
		for found in schools.values():
			ranks = competition_ranks({s.key: s.total for s in found})
			for s in found:
				s.school_rank, s.school_out_of = ranks[s.key], len(found)
	return sorted(standings, key=lambda s: (s.county_rank, s.school, s.key))


def standings(appraisals: list[TermAppraisal], view: str = CLASSES) -> list[Standing]:
	return {CLASSES: by_class, TEACHERS: by_teacher, SCHOOLS: by_school}[view](appraisals)
