"""The hall scoreboard's standings, in plain Python (no database): each grade level's classes
ranked by their points of the week, ties sharing a place (1, 2, 2, 4), the classes nobody has
inspected yet this week listed after them without a place.

A class's points of the week are the sum of its net averages over the inspection items (each the
Weekly Inspection Bulletin's figure, already rounded the scoring core's way)."""

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class ClassWeek:
	"""One class's week as the board shows it."""

	key: str  # the Class Record (never shown)
	class_name: str
	grade_level: int
	points: Decimal | None = None  # None: not inspected this week
	checks: int = 0
	flags: Decimal = Decimal(0)
	teacher: str = ""  # the class teacher's full name, only when the school shows names
	rank: int | None = None


@dataclass
class GradeStanding:
	grade_level: int
	classes: list[ClassWeek] = field(default_factory=list)


def week_points(nets: list[Decimal | None]) -> Decimal | None:
	"""The sum of a class's net averages of the week; None when no item has an inspection."""
	found = [n for n in nets if n is not None]
	return sum(found, Decimal(0)) if found else None


def rank(classes: list[ClassWeek]) -> list[ClassWeek]:
	"""Competition ranks by points, best first (ties share the place); the classes without points
	follow without a place. Ties are listed by flags, then by name."""
	scored = sorted(
		(c for c in classes if c.points is not None),
		key=lambda c: (-c.points, -c.flags, c.class_name, c.key),
	)
	for place, c in enumerate(scored, start=1):
		before = scored[place - 2] if place > 1 else None
		c.rank = before.rank if before is not None and before.points == c.points else place
	rest = sorted((c for c in classes if c.points is None), key=lambda c: (c.class_name, c.key))
	for c in rest:
		c.rank = None
	return scored + rest


def standings(classes: list[ClassWeek]) -> list[GradeStanding]:
	"""Every grade level's classes ranked among themselves, the grade levels in order."""
	grades: dict[int, list[ClassWeek]] = {}
	for c in classes:
		grades.setdefault(int(c.grade_level or 0), []).append(c)
	return [GradeStanding(level, rank(members)) for level, members in sorted(grades.items())]


__all__ = ["ClassWeek", "GradeStanding", "rank", "standings", "week_points"]
