"""The hall scoreboard (scoreboard/board.py, /scoreboard): off until the school switches it on,
then a week's published red flags and each grade level's classes ranked by the week's points (the
Weekly Inspection Bulletin's net averages, summed), with no teacher's id, and names only when the
school shows them; served from Redis without a database query once built."""

import json

import frappe
import pytest
from frappe.utils import add_days, getdate, nowdate

from class_teacher_appraisal import appraisals
from class_teacher_appraisal.class_teacher_appraisal.report.weekly_inspection_bulletin import (
	weekly_inspection_bulletin as bulletin,
)
from class_teacher_appraisal.names import SETTINGS
from class_teacher_appraisal.scoreboard import board
from class_teacher_appraisal.utils import week_start
from class_teacher_appraisal.www import scoreboard as page
from tests.factories import inspect, make_class, make_period, make_school, make_user

MONDAY = getdate("2025-10-13")
ITEMS = ("纪律", "卫生")


@pytest.fixture(autouse=True)
def english():
	"""The board's words in English, whatever the test site's language."""
	before = frappe.local.lang
	frappe.local.lang = "en"
	yield
	frappe.local.lang = before


def set_board(**values):
	settings = frappe.get_single(SETTINGS)
	settings.update(values)
	settings.save(ignore_permissions=True)


@pytest.fixture
def switched_on():
	"""The board switched on (names hidden) and no board cached; afterwards the settings as they
	were, and their cached copy and the boards dropped (a rollback does not reach Redis)."""
	set_board(scoreboard_enabled=1, scoreboard_show_teachers=0, scoreboard_title="")
	board.forget()
	yield
	frappe.db.rollback()
	frappe.clear_document_cache(SETTINGS, SETTINGS)
	board.forget()


@pytest.fixture
def this_week(switched_on):
	"""A period of this school week, so that classes can be inspected today."""
	monday = week_start(nowdate())
	return make_period("本周", str(monday), str(add_days(monday, 6)), period_type="Week")


@pytest.fixture
def week():
	"""Three grade-3 classes and a grade-4 class inspected in the week of 2025-10-13 for 纪律 and
	卫生 (top two of each win a flag), the flags published by the term."""
	c1, c2, c3 = make_school(3, grade_level=3)
	teacher = make_user("teacher41@example.cn")
	c4 = make_class("四年级(1)班", 4, class_teacher=teacher).name
	term = make_period()
	day = "2025-10-14"
	for cls, discipline, hygiene in ((c1, 10, 9), (c2, 9, 10), (c3, 9, 8)):
		inspect(cls, "纪律", day, score=discipline, incidents={"打架": 1} if cls == c3 else ())
		inspect(cls, "卫生", day, score=hygiene)
	inspect(c4, "纪律", "2025-10-15", score=7)
	appraisals.award_flags(term.name)
	return frappe._dict(classes=(c1, c2, c3, c4), term=term.name)


def names_of(classes):
	return dict(
		frappe.get_all("Class Record", {"name": ["in", classes]}, ["name", "class_name"], as_list=True)
	)


def standing(built, grade_index) -> list[tuple]:
	return [
		(c["class_name"], c["rank"], c["points"], c["flags"]) for c in built["grades"][grade_index]["classes"]
	]


def test_the_scoreboard_is_off_until_the_school_switches_it_on(db):
	assert not board.options().enabled
	assert not board.options().show_teachers
	assert board.get() is None
	with pytest.raises(frappe.DoesNotExistError):
		board.data()
	with pytest.raises(frappe.PageDoesNotExistError):
		page.get_context(frappe._dict())
	# and Frappe is told not to remember the 404 (it would answer 404 after the board is switched on)
	assert frappe.local.no_cache == 1
	frappe.local.no_cache = 0


def test_switching_it_on_or_off_forgets_a_remembered_not_found(switched_on):
	url = "http://school.example/scoreboard"
	frappe.cache.hset("website_404", url, True)
	set_board(scoreboard_title="本周红旗榜")
	assert frappe.cache.hget("website_404", url)
	set_board(scoreboard_enabled=0)
	assert not frappe.cache.hget("website_404", url)


def test_a_week_of_inspections_and_flags_gives_each_grade_its_standings(week):
	c1, c2, c3, c4 = week.classes
	name = names_of(week.classes)
	built = board.build(MONDAY, frappe._dict(show_teachers=False, title="", school="实验小学"))
	assert (built["week_start"], built["week_end"], built["school"]) == (
		"2025-10-13",
		"2025-10-19",
		"实验小学",
	)
	grades = [g["grade"] for g in built["grades"]]
	assert grades[-2:] == ["Grade 3", "Grade 4"]
	# 纪律 10 + 卫生 9 = 19 for both of the first two (one place shared; then by flags and name),
	# the third 纪律 9 less 2 for a fight = 7, + 8 = 15
	assert standing(built, -2) == [
		(name[c1], 1, 19.0, 2.0),
		(name[c2], 1, 19.0, 2.0),
		(name[c3], 3, 15.0, 0.0),
	]
	assert standing(built, -1) == [(name[c4], 1, 7.0, 0.0)]
	# the flags as published: the top two of each item
	flags = {i["item"]: [c["class_name"] for c in i["classes"]] for i in built["flags"]["items"]}
	assert flags == {"卫生": [name[c1], name[c2]], "纪律": [name[c1], name[c2]]}
	assert built["flags"]["this_week"] and built["flags"]["heading"] == "This Week's Red Flags"
	published = frappe.get_all(
		"Red Flag Award",
		filters={"appraisal_period": week.term, "week_start": MONDAY, "red_flags": [">", 0]},
		fields=["class_record", "inspection_item"],
	)
	assert sorted((r.inspection_item, name[r.class_record]) for r in published) == sorted(
		(item, c) for item, classes in flags.items() for c in classes
	)


def test_the_points_are_the_bulletins_net_averages_summed(week):
	built = board.build(MONDAY, frappe._dict(show_teachers=False, title="", school=""))
	_columns, rows, *_ = bulletin.execute({"week": str(MONDAY)})
	summed = {}
	for r in rows:
		if r["net_average"] is not None:
			summed[r["class_name"]] = summed.get(r["class_name"], 0) + r["net_average"]
	shown = {c["class_name"]: c["points"] for g in built["grades"] for c in g["classes"]}
	for class_name in names_of(week.classes).values():
		assert shown[class_name] == pytest.approx(summed[class_name])


def test_last_weeks_flags_are_shown_until_this_weeks_are_published(week):
	built = board.build(add_days(MONDAY, 7), frappe._dict(show_teachers=False, title="", school=""))
	assert not built["flags"]["this_week"]
	assert built["flags"]["heading"] == "Last Week's Red Flags"
	assert built["flags"]["week"] == "Week of 2025-10-13 to 2025-10-19"
	assert {i["item"] for i in built["flags"]["items"]} == set(ITEMS)
	# the standings are this week's: nobody inspected yet, so none are shown
	assert built["grades"] == []
	# two weeks on, nothing is published any more
	later = board.build(add_days(MONDAY, 14), frappe._dict(show_teachers=False, title="", school=""))
	assert later["flags"]["items"] == []


def test_no_teacher_is_named_or_identified_unless_the_school_shows_names(week):
	teachers = frappe.get_all("Class Record", {"name": ["in", list(week.classes)]}, pluck="class_teacher")
	full_names = [frappe.db.get_value("User", t, "full_name") for t in teachers]
	hidden = json.dumps(board.build(MONDAY, frappe._dict(show_teachers=False, title="", school="")))
	assert '"teacher"' not in hidden
	for user, full_name in zip(teachers, full_names, strict=True):
		assert user not in hidden and full_name not in hidden
	shown = board.build(MONDAY, frappe._dict(show_teachers=True, title="", school=""))
	text = json.dumps(shown, ensure_ascii=False)
	assert all(full_name in text for full_name in full_names)
	assert not any(user in text for user in teachers)  # names only, never the user id
	first = shown["grades"][-2]["classes"][0]
	assert first["teacher"] == full_names[0]
	assert shown["flags"]["items"][0]["classes"][0]["teacher"] == full_names[0]
	# nothing about a teacher's appraisal in any case
	for word in ("total_score", "grade_by_score", "allowance", "rating", "appraisal"):
		assert word not in text


def test_a_teacher_without_a_full_name_is_not_shown_by_user_id(db):
	user = make_user("nameless.teacher@example.cn")
	frappe.db.set_value("User", user, {"first_name": "", "full_name": ""}, update_modified=False)
	cls = make_class("五年级(9)班", 5, class_teacher=user).name
	assert (
		board.current_teachers(frappe.get_all("Class Record", {"name": cls}, ["name", "class_teacher"])) == {}
	)


def test_a_hit_is_served_from_the_cache_without_a_query(switched_on, monkeypatch):
	queries = []
	real_sql = frappe.db.sql

	def counting(*args, **kwargs):
		queries.append(args[0] if args else kwargs.get("query"))
		return real_sql(*args, **kwargs)

	monkeypatch.setattr(frappe.db, "sql", counting)
	first = board.data()  # built: the classes, items, inspections and flags are read
	assert queries, "the first request builds the board from the database"
	queries.clear()
	assert board.data() == first
	context = page.get_context(frappe._dict())
	assert context.board == first
	assert queries == []
	# kept for a minute at most
	key = frappe.cache.make_key(board.cache_key(board.options(), week_start(nowdate())))
	assert 0 < frappe.cache.ttl(key) <= board.CACHE_SECONDS


def test_a_committed_change_drops_the_cached_board(this_week):
	cls = make_class("六年级(7)班", 6).name
	before = board.get()
	assert all(c["class_name"] != "六年级(7)班" for g in before["grades"] for c in g["classes"])
	inspect(cls, "纪律", nowdate(), score=8)
	assert board.get() == before  # cached: the inspection is not committed yet
	# the inspection's hook queues forget() for the commit (run here by hand: tests roll back)
	assert board.forget in frappe.db.after_commit._functions
	board.forget()
	rows = {c["class_name"]: c for g in board.get()["grades"] for c in g["classes"]}
	assert rows["六年级(7)班"]["points"] == 8.0 and rows["六年级(7)班"]["rank"] == 1


def test_settings_take_effect_at_once_whatever_is_cached(this_week):
	teacher = make_user("teacher61@example.cn")
	frappe.db.set_value("User", teacher, "first_name", "周老师")
	cls = make_class("六年级(8)班", 6, class_teacher=teacher).name
	inspect(cls, "卫生", nowdate(), score=9)
	full_name = frappe.db.get_value("User", teacher, "full_name")
	assert full_name not in json.dumps(board.get(), ensure_ascii=False)
	set_board(scoreboard_show_teachers=1, scoreboard_title="本周红旗榜")
	shown = board.get()
	assert shown["title"] == "本周红旗榜"
	assert full_name in json.dumps(shown, ensure_ascii=False)
	set_board(scoreboard_show_teachers=0)
	assert full_name not in json.dumps(board.get(), ensure_ascii=False)
	set_board(scoreboard_enabled=0)
	assert board.get() is None
	with pytest.raises(frappe.DoesNotExistError):
		board.data()
	with pytest.raises(frappe.PageDoesNotExistError):
		page.get_context(frappe._dict())


def test_guest_gets_the_same_board(switched_on):
	built = board.get()
	frappe.set_user("Guest")
	try:
		assert board.data() == built
	finally:
		frappe.set_user("Administrator")


def test_class_names_cannot_break_out_of_the_pages_script(this_week):
	typed = '</script><img src=x onerror=alert(1)> & "quoted"'
	cls = make_class("二年级(9)班", 2).name
	# a record's name cannot hold < or >, its class name can (changed after the class was made)
	frappe.db.set_value("Class Record", cls, "class_name", typed)
	inspect(cls, "纪律", nowdate(), score=9)
	board.forget()
	context = page.get_context(frappe._dict())
	assert "<" not in context.board_json and ">" not in context.board_json and "&" not in context.board_json
	shown = [c["class_name"] for g in json.loads(context.board_json)["grades"] for c in g["classes"]]
	assert typed in shown
