"""Which duty roster rows apply to a day, an item and a class: plain Python, no database.

A row (a Duty Roster Assignment with its roster's dates) applies on a day within its roster's dates
and its own (each empty: the roster's), on its weekday (empty: every day). It covers its class, or
with no class the classes of its grade, or with neither every class. A pupil monitor never inspects
their own class (the row's `pupil_class`)."""

from collections.abc import Iterable
from datetime import date

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TEACHER, PUPIL = "Teacher", "Pupil Monitor"  # a row's duty_role


def applies_on(row, day: date) -> bool:
	"""Whether the row puts its inspector on duty on the day."""
	starts = [d for d in (row.roster_from, row.from_date) if d]
	ends = [d for d in (row.roster_to, row.to_date) if d]
	if (starts and day < max(starts)) or (ends and day > min(ends)):
		return False
	return not row.weekday or row.weekday == WEEKDAYS[day.weekday()]


def covers_class(row, class_record: str, grade_level: int) -> bool:
	if row.class_record:
		return row.class_record == class_record
	return not row.grade_level or int(row.grade_level) == int(grade_level or 0)


def matching(rows: Iterable, item: str, class_record: str, grade_level: int) -> list:
	"""The rows that assign the item for the class."""
	return [r for r in rows if r.inspection_item == item and covers_class(r, class_record, grade_level)]


def pupil_classes(rows: Iterable) -> set[str]:
	"""A pupil monitor's own classes, as their rows name them: never theirs to inspect."""
	return {r.pupil_class for r in rows if r.pupil_class}


def items_of(rows: Iterable) -> list[str]:
	return sorted({r.inspection_item for r in rows})


def confirmers(rows: Iterable) -> set[str]:
	"""Who confirms (submits) what a pupil monitor recorded under these rows."""
	return {r.confirming_teacher for r in rows if r.duty_role == PUPIL and r.confirming_teacher}


def classes_of(rows: Iterable, item: str, classes: Iterable) -> list:
	"""The classes (with name and grade_level) the rows assign for the item, in their order, less
	the pupil monitor's own (as any of the rows names it)."""
	own = pupil_classes(rows)
	rows = [r for r in rows if r.inspection_item == item]
	return [
		c for c in classes if c.name not in own and any(covers_class(r, c.name, c.grade_level) for r in rows)
	]
