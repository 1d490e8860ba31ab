"""Builds scoring-core inputs by hand, in the seeds' own terms."""

from datetime import date, timedelta
from decimal import Decimal

from class_teacher_appraisal.scoring import ClassEvidence, Criterion, Kind, Rubric, WeekStats

TERM_START = date(2025, 9, 1)  # a Monday


def week(n: int) -> date:
	"""Monday of the n-th week of the term (1-based)."""
	return TERM_START + timedelta(weeks=n - 1)


def ev(class_id: str, grade_level: int = 3, pupils: int = 40, **kw) -> ClassEvidence:
	return ClassEvidence(class_id=class_id, grade_level=grade_level, pupils=pupils, **kw)


def inspected(evidence: ClassEvidence, item: str, wk: int, *scores, deductions=0, levels=None, revoked=0):
	"""Adds one week's inspections of an item (scores as given, or level counts)."""
	stats = evidence.weeks.setdefault((item, week(wk)), WeekStats())
	stats.count += len(scores) or sum((levels or {}).values())
	stats.score_sum += sum((Decimal(str(s)) for s in scores), Decimal(0))
	stats.deduction_sum += Decimal(str(deductions))
	stats.revocations += revoked
	for level, n in (levels or {}).items():
		stats.levels[level] = stats.levels.get(level, 0) + n
	return evidence


def incident(evidence: ClassEvidence, item: str, wk: int, incident_type: str, count: int = 1):
	key = (item, week(wk), incident_type)
	evidence.incidents[key] = evidence.incidents.get(key, 0) + count
	return evidence


def rubric(*criteria: Criterion, total="100", **kw) -> Rubric:
	return Rubric(name="test", total_points=Decimal(total), criteria=tuple(criteria), **kw)


def criterion(code: str, kind: str = Kind.MANUAL, max_points="0", **kw) -> Criterion:
	for key in ("unit_points", "cap"):
		if key in kw:
			kw[key] = Decimal(str(kw[key]))
	return Criterion(code=code, title=code, kind=kind, max_points=Decimal(str(max_points)), **kw)


def by_class(results):
	return {r.class_id: r for r in results}


def line(result, code):
	return next(line for line in result.lines if line.code == code)
