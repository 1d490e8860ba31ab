"""The hall scoreboard (大屏 / 电子班牌): this week's published red flags and every grade level's
classes ranked by their points of the week, for a screen in the hall that polls every minute.

Only class-level figures leave this module: class names, grade levels, the week's points and
places, and the published flags; a class teacher's full name beside the class only when the school
ticks *Show Class Teachers' Names*. Never a teacher's user id, score, rating or appraisal.

The figures are the app's own: the week's inspections are read set-based as the engine reads them
(evidence.inspection_evidence), each item's net average is the Weekly Inspection Bulletin's
(weekly_inspection_bulletin.net_average), the flags are the published Red Flag Awards of the period
the bulletin shows first for the week (weekly_inspection_bulletin.flag_periods).

The board is built once per school week, language and settings, and kept in Redis for
CACHE_SECONDS; a new inspection, published flags or a changed class drop it once committed. A hit
reads the settings and the board from the cache and makes no database query."""

import hashlib
import json

import frappe
from frappe import _
from frappe.utils import add_days, cint, format_time, formatdate, getdate, now_datetime, nowdate

from class_teacher_appraisal import class_teachers, evidence
from class_teacher_appraisal.class_teacher_appraisal.report.weekly_inspection_bulletin import (
	weekly_inspection_bulletin as bulletin,
)
from class_teacher_appraisal.names import CLASS_RECORD, RED_FLAG, SCHOOL, SETTINGS
from class_teacher_appraisal.scoreboard.ranking import ClassWeek, standings, week_points
from class_teacher_appraisal.scoring.amounts import ZERO, D
from class_teacher_appraisal.scoring.tenure import current_teacher
from class_teacher_appraisal.utils import grade_name, week_start

REFRESH_SECONDS = 60  # how often the page asks for the board
CACHE_SECONDS = 60  # how long a built board is served without looking at the database
CACHE_KEY = "cta_scoreboard"
GENERATION_KEY = "cta_scoreboard_generation"  # changed to drop every cached board at once
ENDPOINT = "/api/method/class_teacher_appraisal.scoreboard.board.data"


# ------------------------------------------------------------------ settings and cache


def options() -> frappe._dict:
	"""The board's settings, from the cached Settings document (no query once it is cached)."""
	s = frappe.get_cached_doc(SETTINGS)
	return frappe._dict(
		enabled=bool(cint(s.get("scoreboard_enabled"))),
		show_teachers=bool(cint(s.get("scoreboard_show_teachers"))),
		title=(s.get("scoreboard_title") or "").strip(),
		school=(s.get("school_name") or "").strip(),
	)


def cache_key(settings: frappe._dict, monday, school: str | None = None) -> str:
	"""The key of a built board: the school week, the reader's language, the settings it was built
	with and the school shown (a county site), under the current generation (forget() starts a new
	one)."""
	generation = frappe.cache.get_value(GENERATION_KEY, expires=True) or "0"
	digest = hashlib.sha1(json.dumps([settings, school], sort_keys=True).encode()).hexdigest()[:12]
	return f"{CACHE_KEY}:{generation}:{monday}:{frappe.local.lang}:{digest}"


def get(school: str | None = None) -> dict | None:
	"""The board of this school week, from the cache when it is there; None while the school has
	not switched the scoreboard on, or for a school the site does not have. On a county site each
	school's hall shows its own classes (`school`); without one, every class of the site."""
	settings = options()
	if not settings.enabled or not isinstance(school, str | type(None)):
		return None
	school = (school or "").strip() or None
	monday = week_start(nowdate())
	key = cache_key(settings, monday, school)
	board = frappe.cache.get_value(key, expires=True)
	if board is None:
		if school and not frappe.db.exists(SCHOOL, school):
			return None
		board = build(monday, settings, school)
		frappe.cache.set_value(key, board, expires_in_sec=CACHE_SECONDS)
	return board


def forget(*args, **kwargs):
	"""Drops every cached board (the next request builds it again)."""
	frappe.cache.set_value(GENERATION_KEY, frappe.generate_hash(length=10))


def forget_after_commit(doc=None, method=None):
	"""Document hook (an inspection, a class, a period whose flags were published): the board is
	dropped once the change is committed, so that no request rebuilds it from the state before."""
	queued = frappe.db.after_commit._functions  # once per transaction, however many inspections
	if forget not in queued:
		frappe.db.after_commit.add(forget)


def settings_changed(doc=None, method=None):
	"""Settings saved: a /scoreboard that Frappe remembered as not found (before the app had the
	page, or from a request that came while the board was off) is found again."""
	if doc is None or doc.has_value_changed("scoreboard_enabled"):
		frappe.cache.delete_value("website_404")


@frappe.whitelist(allow_guest=True, methods=["GET"])
@frappe.read_only()
def data(school: str | None = None) -> dict:
	"""The board as JSON for the page's refresh (and for a class sign that shows it). Not found,
	for everyone, while the school has not switched the scoreboard on."""
	board = get(school)
	if board is None:
		raise frappe.DoesNotExistError
	return board


# ------------------------------------------------------------------ building the board


def build(monday, settings: frappe._dict, school: str | None = None) -> dict:
	"""The board of the week starting `monday` (language-specific labels included), of the school's
	classes when one is given."""
	monday = getdate(monday)
	sunday = add_days(monday, 6)
	classes = frappe.get_all(
		CLASS_RECORD,
		filters={"is_active": 1, **({"school": school} if school else {})},
		fields=["name", "class_name", "grade_level", "class_teacher"],
		order_by="grade_level asc, class_name asc",
	)
	items = bulletin.fetch_items()  # the active items, in the bulletin's order
	flag_week, awards = published_flags(monday, school)
	teachers = current_teachers(classes) if settings.show_teachers else {}
	award_teachers = names_of({a.class_teacher for a in awards}) if settings.show_teachers else {}
	weeks = class_weeks(classes, items, monday, sunday, awards if flag_week == monday else [], teachers)
	grades = standings(weeks)
	ranked = any(c.points is not None for g in grades for c in g.classes)
	return {
		"title": settings.title or _("Red Flags and Class Standings"),
		"school": school or settings.school,
		"week_start": str(monday),
		"week_end": str(sunday),
		"week": _("Week of {0} to {1}").format(formatdate(monday), formatdate(sunday)),
		"updated": _("Updated at {0}").format(format_time(now_datetime(), "HH:mm")),
		"refresh_seconds": REFRESH_SECONDS,
		"show_teachers": settings.show_teachers,
		"flags": flags_section(
			flag_week, monday, awards, classes, items, award_teachers, settings.show_teachers
		),
		"grades": [grade_section(g, settings.show_teachers) for g in grades] if ranked else [],
		"labels": labels(),
	}


def class_weeks(classes, items, monday, sunday, awards, teachers: dict[str, str]) -> list[ClassWeek]:
	"""Each class's points of the week: its inspections of the week's days read set-based, the net
	average of each active item as the bulletin gives it, summed; with this week's published flags."""
	span = frappe._dict(start_date=monday, end_date=sunday)
	gathered = evidence.inspection_evidence(span, classes)
	items = set(items)
	flags: dict[str, object] = {}
	for a in awards:
		flags[a.class_record] = flags.get(a.class_record, ZERO) + D(a.red_flags)
	out = []
	for c in classes:
		found = [s for (item, week), s in gathered[c.name].weeks.items() if item in items and week == monday]
		out.append(
			ClassWeek(
				key=c.name,
				class_name=c.class_name or c.name,
				grade_level=cint(c.grade_level),
				points=week_points([bulletin.net_average(s) for s in found]),
				checks=sum(s.count for s in found),
				flags=max(flags.get(c.name, ZERO), ZERO),
				teacher=teachers.get(c.name, ""),
			)
		)
	return out


def published_flags(monday, school: str | None = None) -> tuple[object, list[frappe._dict]]:
	"""The red flags published for this week, or else for last week: (their week, the Red Flag
	Award rows with flags) of the first period the bulletin shows for that week that published any
	(for the school's classes, when one is given)."""
	for week in (monday, add_days(monday, -7)):
		periods = [p.name for p in bulletin.flag_periods(week) if p.flags_awarded_on]
		if not periods:
			continue
		rows = frappe.get_all(
			RED_FLAG,
			filters={
				"week_start": week,
				"appraisal_period": ["in", periods],
				"red_flags": [">", 0],
				**({"school": school} if school else {}),
			},
			fields=[
				"appraisal_period",
				"inspection_item",
				"class_record",
				"class_name",
				"grade_level",
				"class_teacher",
				"red_flags",
			],
		)
		for period in periods:
			chosen = [r for r in rows if r.appraisal_period == period]
			if chosen:
				return getdate(week), chosen
	return None, []


def current_teachers(classes) -> dict[str, str]:
	"""Class -> the full name of its class teacher today (from the dated assignments, else the
	class's field); classes whose teacher has no full name get none."""
	tenure = class_teachers.assignments_of([c.name for c in classes])
	today = getdate(nowdate())
	users = {
		c.name: current_teacher(tenure[c.name], today) if c.name in tenure else c.class_teacher
		for c in classes
	}
	names = names_of(set(users.values()))
	return {k: names[u] for k, u in users.items() if u in names}


def names_of(users) -> dict[str, str]:
	"""User -> full name, in one query; users without a full name are left out (a user id is
	never shown in its place)."""
	users = [u for u in users if u]
	if not users:
		return {}
	rows = frappe.get_all("User", filters={"name": ["in", users]}, fields=["name", "full_name"])
	return {r.name: r.full_name.strip() for r in rows if (r.full_name or "").strip()}


def flags_section(flag_week, monday, awards, classes, items, teachers: dict[str, str], show_teachers) -> dict:
	"""The published flags by inspection item (in the bulletin's order), each with its classes."""
	current = {c.name: c for c in classes}
	order = {item: i for i, item in enumerate(items)}
	by_item: dict[str, list[dict]] = {}
	for a in sorted(awards, key=lambda a: (cint(a.grade_level), a.class_name or "", a.class_record)):
		c = current.get(a.class_record)
		entry = {
			"class_name": (c.class_name if c else a.class_name) or "",
			"grade": grade_name(c.grade_level if c else a.grade_level),
			"flags": float(a.red_flags),
		}
		if show_teachers:
			entry["teacher"] = teachers.get(a.class_teacher, "")
		by_item.setdefault(a.inspection_item, []).append(entry)
	return {
		"this_week": flag_week == monday,
		"heading": _("This Week's Red Flags") if flag_week in (None, monday) else _("Last Week's Red Flags"),
		# last week's flags say their week (this week's is the board's, in its header)
		"week": _("Week of {0} to {1}").format(formatdate(flag_week), formatdate(add_days(flag_week, 6)))
		if flag_week and flag_week != monday
		else "",
		"items": [
			{"item": item, "classes": by_item[item]}
			for item in sorted(by_item, key=lambda i: (order.get(i, len(order)), i))
		],
	}


def grade_section(grade, show_teachers: bool) -> dict:
	rows = []
	for c in grade.classes:
		row = {
			"rank": c.rank,
			"class_name": c.class_name,
			"points": float(c.points) if c.points is not None else None,
			"flags": float(c.flags),
		}
		if show_teachers:
			row["teacher"] = c.teacher
		rows.append(row)
	return {"grade": grade_name(grade.grade_level), "classes": rows}


def labels() -> dict[str, str]:
	"""The page's words in the reader's language (the page's script writes them as text)."""
	return {
		"standings": _("Class Standings This Week"),
		"points_note": _("Points: the sum of the week's net average of each inspection item"),
		"rank": _("Rank"),
		"class": _("Class"),
		"points": _("Points"),
		"flags": _("Red Flags"),
		"not_inspected": _("Not inspected yet"),
		"no_flags": _("No red flags have been published for this week or last week."),
		"no_inspections": _("No inspections this week yet."),
		"refresh": _("Refreshes every {0} seconds").format(REFRESH_SECONDS),
		"offline": _("No connection: showing the last board, trying again"),
	}


__all__ = ["build", "data", "forget", "get", "options"]
