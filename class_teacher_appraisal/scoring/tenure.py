"""Who was a class's class teacher when: its dated assignments (one teacher at a time), the current
teacher on a given day, and the days of a period each teacher served (001, 职责4: 因特殊情况班主任
岗位中途变动的，学校对其岗位津贴作相应调整，班主任在岗，享受岗位津贴，离岗后不再享受).

Plain Python, no database: the Class Record checks and syncs its assignments with it, generation
makes one appraisal per teacher who served in a period, and scoring pays the allowance by the
days on post."""

from dataclasses import dataclass
from datetime import date
from itertools import pairwise


@dataclass(frozen=True)
class Assignment:
	"""One teacher's time as a class's class teacher: from the first to the last day on post."""

	teacher: str
	from_date: date | None = None  # None: since before any period
	to_date: date | None = None  # None: still on post
	rank: str = ""  # the teacher's rank (职级) while on post; "": the class's


@dataclass(frozen=True)
class Stint:
	"""The days of one period a teacher was on post, and their rank on the last of those days
	("": the class's)."""

	teacher: str
	served_from: date
	served_to: date
	days_served: int
	days_in_period: int
	rank: str = ""

	@property
	def whole_period(self) -> bool:
		return self.days_served >= self.days_in_period


def days_between(start: date, end: date) -> int:
	"""Days from start to end, both counted (1 for one day)."""
	return (end - start).days + 1


def _overlap(a: Assignment, start: date, end: date) -> tuple[date, date] | None:
	first = max(start, a.from_date) if a.from_date else start
	last = min(end, a.to_date) if a.to_date else end
	return (first, last) if first <= last else None


def stints(assignments: list[Assignment], start: date, end: date) -> list[Stint]:
	"""Each teacher on post in the period from start to end, with the days they served, in the
	order they served. A teacher with two separate times on post in one period has one stint from
	the first day of the first to the last day of the last, and the days of both."""
	spans: dict[str, list[tuple[date, date]]] = {}
	ranks: dict[str, tuple[date, str]] = {}
	for a in assignments:
		found = _overlap(a, start, end)
		if found:
			spans.setdefault(a.teacher, []).append(found)
			if a.teacher not in ranks or found[1] >= ranks[a.teacher][0]:
				ranks[a.teacher] = (found[1], a.rank or "")
	period_days = days_between(start, end)
	out = [
		Stint(
			teacher,
			min(f for f, _t in found),
			max(t for _f, t in found),
			min(sum(days_between(f, t) for f, t in found), period_days),
			period_days,
			ranks[teacher][1],
		)
		for teacher, found in spans.items()
	]
	return sorted(out, key=lambda s: (s.served_from, s.teacher))


def overlapping(assignments: list[Assignment]) -> tuple[int, int] | None:
	"""The positions (0-based) of the first two assignments whose days overlap: a class has one
	class teacher at a time."""
	ordered = sorted(range(len(assignments)), key=lambda i: assignments[i].from_date or date.min)
	for a, b in pairwise(ordered):
		end_of_a = assignments[a].to_date or date.max
		if (assignments[b].from_date or date.min) <= end_of_a:
			return tuple(sorted((a, b)))
	return None


def current_teacher(assignments: list[Assignment], today: date) -> str | None:
	"""The teacher on post today; before anyone's first day, the next to come; after the last
	one left, nobody."""
	for a in assignments:
		if (a.from_date or date.min) <= today <= (a.to_date or date.max):
			return a.teacher
	if assignments and all(a.from_date and a.from_date > today for a in assignments):
		return min(assignments, key=lambda a: a.from_date).teacher
	return None


__all__ = ["Assignment", "Stint", "current_teacher", "days_between", "overlapping", "stints"]
