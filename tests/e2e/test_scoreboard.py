"""The hall scoreboard (/scoreboard and its JSON) served by the web server: not found for anyone
while switched off; switched on, the same class-level board for Guest and every role, with no
teacher's name (unless the school shows names), user id or appraisal figure; laid out for a
1920×1080 hall screen and a 390×844 phone; refreshing itself when the week's red flags are
published; a class name typed as HTML shown as text; served from Redis (figures printed).

The demo school has no period this week: the module makes one (a week, the flag rubric), inspects
every class on its Monday, adds a class whose name is HTML, and removes all of it afterwards."""

import json
import statistics
import threading
import time
from datetime import datetime

import frappe
import pytest
import requests
from frappe.utils import add_days, nowdate
from playwright.sync_api import expect

from class_teacher_appraisal import appraisals
from class_teacher_appraisal.demo import TEACHERS
from class_teacher_appraisal.names import SETTINGS
from class_teacher_appraisal.scoreboard import board
from class_teacher_appraisal.utils import week_start
from tests.e2e.conftest import PASSWORD, shot

ENDPOINT = "/api/method/class_teacher_appraisal.scoreboard.board.data"
USERS = {
	"CT": "wangli@demo-school.cn",
	"DI": "zhao.duty@demo-school.cn",
	"AO": "li.office@demo-school.cn",
	"PR": "zhang.principal@demo-school.cn",
	"SM": "it.admin@demo-school.cn",
	"NR": "matrix.nobody@demo-school.cn",  # a user with none of the app's roles
	"Guest": None,
}
TYPED = "<img src=x onerror=alert(1)>"
MARK = "E2E scoreboard"
FLAG_RUBRIC = "班主任岗位职责及考核办法（流动红旗） v1"  # 纪律 and 卫生: the top two win a flag
BOARD_KEYS = {"title", "school", "week_start", "week_end", "week", "updated", "refresh_seconds"}
BOARD_KEYS |= {"show_teachers", "flags", "grades", "labels"}


def set_board(enabled: int, names: int = 0, title: str = ""):
	settings = frappe.get_single(SETTINGS)
	settings.update(
		{"scoreboard_enabled": enabled, "scoreboard_show_teachers": names, "scoreboard_title": title}
	)
	settings.save(ignore_permissions=True)
	frappe.db.commit()
	board.forget()


def remove():
	"""What this module made (also what a run that was stopped half-way left behind)."""
	frappe.db.rollback()
	inspections = frappe.get_all("Inspection", filters={"remarks": MARK}, pluck="name")
	frappe.db.delete("Inspection Incident", {"parent": ["in", inspections or [""]]})
	frappe.db.delete("Inspection", {"name": ["in", inspections or [""]]})
	periods = frappe.get_all("Appraisal Period", filters={"period_name": ["like", f"{MARK}%"]}, pluck="name")
	frappe.db.delete("Red Flag Award", {"appraisal_period": ["in", periods or [""]]})
	frappe.db.delete("Appraisal Period", {"name": ["in", periods or [""]]})
	frappe.db.delete("Class Record", {"class_name": TYPED})
	frappe.db.commit()


@pytest.fixture(scope="module")
def week(e2e_site):
	"""This week's period with every active class inspected on its Monday for 纪律 and 卫生 (the
	flags not published yet), a class named with HTML among them, and a user without roles. The
	board is switched off at the start and at the end."""
	from tests.e2e.test_access_matrix import nobody

	monday = week_start(nowdate())
	remove()
	nobody()
	set_board(0)  # commits
	typed = frappe.get_doc(
		{
			"doctype": "Class Record",
			"class_name": "六年级(9)班",
			"grade_level": 6,
			"academic_year": "2025-2026",
		}
	).insert()
	# a record's name cannot hold < or >, a class's name can (changed after it was made)
	frappe.db.set_value("Class Record", typed.name, "class_name", TYPED)
	period = frappe.get_doc(
		{
			"doctype": "Appraisal Period",
			"period_name": f"{MARK} {datetime.now():%Y%m%d-%H%M%S}",
			"period_type": "Week",
			"academic_year": "2025-2026",
			"start_date": str(monday),
			"end_date": str(add_days(monday, 6)),
			"rubric": FLAG_RUBRIC,
		}
	).insert()
	try:
		classes = frappe.get_all(
			"Class Record",
			filters={"is_active": 1},
			fields=["name", "class_name", "grade_level", "class_teacher"],
			order_by="grade_level asc, class_name asc",
		)
		for i, c in enumerate(classes):
			for item, score in (("纪律", 10 - (i % 5) * 0.5), ("卫生", 6 + (i * 7) % 5)):
				frappe.get_doc(
					{
						"doctype": "Inspection",
						"inspection_date": str(monday),
						"class_record": c.name,
						"inspection_item": item,
						"score": score,
						"remarks": MARK,
						"docstatus": 1,
					}
				).insert()
		frappe.db.commit()
		yield frappe._dict(period=period.name, classes=classes, typed=typed.name, monday=monday)
	finally:
		set_board(0)
		remove()


@pytest.fixture
def switched_on(week):
	set_board(1)
	yield week
	set_board(0)


@pytest.fixture(scope="module")
def sessions(server, week):
	"""An HTTP session per role, logged in (Guest: none)."""
	out = {}
	for role, user in USERS.items():
		s = requests.Session()
		if user:
			r = s.post(f"{server}/api/method/login", data={"usr": user, "pwd": PASSWORD}, timeout=30)
			assert r.ok, f"{user} cannot log in: {r.status_code}"
		out[role] = s
	yield out
	for s in out.values():
		s.close()


def teacher_ids() -> list[str]:
	return frappe.get_all("User", filters={"name": ["like", "%@demo-school.cn"]}, pluck="name")


def leaks(text: str, names=True) -> list[str]:
	"""What a board's page or JSON must not hold: user ids and (unless shown) teachers' names, and
	words of appraisals and ratings."""
	found = [u for u in teacher_ids() if u in text]
	if names:
		found += [n for n in TEACHERS if n in text]
	found += [w for w in ("total_score", "allowance", "grade_by_score", "rater_group", "veto") if w in text]
	return found


@pytest.mark.parametrize("role", USERS)
def test_switched_off_the_page_and_its_json_are_not_found(role, sessions, server, week):
	s = sessions[role]
	page = s.get(f"{server}/scoreboard", timeout=30)
	api = s.get(f"{server}{ENDPOINT}", timeout=30)
	assert (page.status_code, api.status_code) == (404, 404)
	for r in (page, api):
		assert not any(c.class_name in r.text for c in week.classes if c.class_name != TYPED)
		assert not leaks(r.text)


@pytest.mark.parametrize("role", USERS)
def test_switched_on_everyone_gets_class_level_data_only(role, sessions, server, switched_on):
	s = sessions[role]
	page = s.get(f"{server}/scoreboard", timeout=30)
	api = s.get(f"{server}{ENDPOINT}", timeout=30)
	assert (page.status_code, api.status_code) == (200, 200)
	data = api.json()["message"]
	assert set(data) == BOARD_KEYS
	assert data["show_teachers"] is False
	rows = [c for g in data["grades"] for c in g["classes"]]
	assert {c.class_name for c in switched_on.classes} <= {r["class_name"] for r in rows} | {TYPED}
	assert all(set(r) == {"rank", "class_name", "points", "flags"} for r in rows)
	for item in data["flags"]["items"]:
		assert all(set(c) == {"class_name", "grade", "flags"} for c in item["classes"])
	assert not leaks(page.text) and not leaks(api.text)
	# the page holds the same board, written out for its script
	assert all(r["class_name"] in page.text for r in rows if r["class_name"] != TYPED)
	assert TYPED not in page.text  # the script's copy has < and > escaped


def test_names_are_shown_only_when_the_school_chooses(sessions, server, week):
	set_board(1, names=1, title="本周红旗榜")
	try:
		for role in ("Guest", "CT"):
			data = sessions[role].get(f"{server}{ENDPOINT}", timeout=30).json()["message"]
			teachers = {r["class_name"]: r.get("teacher") for g in data["grades"] for r in g["classes"]}
			assert data["title"] == "本周红旗榜"
			assert teachers["一年级(1)班"] == "王丽" and teachers["一年级(2)班"] == "李娜"
			text = json.dumps(data, ensure_ascii=False)
			assert not leaks(text, names=False)
	finally:
		set_board(0)
	data = sessions["Guest"].get(f"{server}/scoreboard", timeout=30)
	assert data.status_code == 404


def test_the_board_speaks_the_readers_language(sessions, server, switched_on):
	guest = sessions["Guest"]
	zh = guest.get(f"{server}{ENDPOINT}", headers={"Accept-Language": "zh-CN,zh"}, timeout=30).json()
	en = guest.get(f"{server}{ENDPOINT}", params={"_lang": "en"}, timeout=30).json()
	assert zh["message"]["labels"]["standings"] == "本周班级评比"
	assert zh["message"]["grades"][0]["grade"] == "一年级"
	assert en["message"]["labels"]["standings"] == "Class Standings This Week"
	assert en["message"]["grades"][0]["grade"] == "Grade 1"


def open_board(browser, server, width, height, clock=False):
	context = browser.new_context(
		base_url=server, locale="zh-CN", viewport={"width": width, "height": height}
	)
	context.set_default_timeout(30_000)
	page = context.new_page()
	seen = {"requests": [], "dialogs": [], "errors": []}
	page.on("request", lambda r: seen["requests"].append(r.url))
	page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
	page.on("pageerror", lambda e: seen["errors"].append(str(e)))
	if clock:
		page.clock.install()
	page.goto("/scoreboard")
	return context, page, seen


def overflow(page) -> dict:
	return page.evaluate(
		"""() => {
			const d = document.documentElement;
			const out = [...document.querySelectorAll('.row, .chip, h1, h2, footer span')].filter(e => {
				const r = e.getBoundingClientRect();
				return r.width > 0 && (r.right > innerWidth + 0.5 || r.left < -0.5);
			}).length;
			const below = [...document.querySelectorAll('.row, .chip, footer')].filter(e =>
				e.getBoundingClientRect().bottom > innerHeight + 0.5).length;
			return {scrollWidth: d.scrollWidth, scrollHeight: d.scrollHeight, width: innerWidth,
				height: innerHeight, outside: out, below: below,
				rows: document.querySelectorAll('.row').length};
		}"""
	)


def test_the_big_screen_shows_everything_at_once(browser, server, switched_on):
	context, page, seen = open_board(browser, server, 1920, 1080)
	try:
		expect(page.locator("h2").filter(has_text="本周班级评比")).to_be_visible()
		shot(page, "scoreboard-1920x1080")
		found = overflow(page)
		assert found["rows"] == len(switched_on.classes)
		assert found["scrollWidth"] <= found["width"] and found["scrollHeight"] <= found["height"], found
		assert found["outside"] == 0 and found["below"] == 0, found
		# one column per grade level, side by side
		tops = page.evaluate(
			"() => [...document.querySelectorAll('.grade')].map(g => g.getBoundingClientRect().top)"
		)
		assert len(tops) == 6 and max(tops) - min(tops) < 1
		assert not seen["errors"] and not seen["dialogs"]
		assert all(url.startswith(server) for url in seen["requests"]), seen["requests"]
	finally:
		context.close()


def test_the_phone_scrolls_down_never_sideways(browser, server, switched_on):
	context, page, seen = open_board(browser, server, 390, 844)
	try:
		expect(page.locator(".row").first).to_be_visible()
		shot(page, "scoreboard-390x844")
		found = overflow(page)
		assert found["rows"] == len(switched_on.classes)
		assert found["scrollWidth"] <= found["width"] and found["outside"] == 0, found
		widths = page.evaluate(
			"() => [...document.querySelectorAll('.grade')].map(g => g.getBoundingClientRect().width)"
		)
		assert all(w <= 390 for w in widths)
		assert not seen["errors"]
	finally:
		context.close()


def test_the_page_refreshes_itself_when_the_weeks_flags_are_published(browser, server, switched_on):
	context, page, seen = open_board(browser, server, 1920, 1080, clock=True)
	try:
		flags = page.locator("#flags")
		expect(flags).to_contain_text("本周和上周尚未公布流动红旗")
		# the office publishes the week's flags (Award Weekly Red Flags): the period's change drops
		# the cached board once committed
		appraisals.award_flags(switched_on.period)
		frappe.db.commit()
		winners = frappe.get_all(
			"Red Flag Award",
			filters={"appraisal_period": switched_on.period, "red_flags": [">", 0]},
			fields=["class_name", "inspection_item"],
		)
		assert winners
		page.clock.run_for(board.REFRESH_SECONDS * 1000 + 1000)
		expect(flags.locator(".item")).to_have_count(len({w.inspection_item for w in winners}))
		for w in winners:
			expect(flags.locator(".item", has_text=w.inspection_item)).to_contain_text(w.class_name)
		shot(page, "scoreboard-refreshed")
		fetched = [url for url in seen["requests"] if ENDPOINT in url]
		assert fetched and all(url.startswith(server) for url in seen["requests"])
		# switched off: the next refresh finds nothing and the page goes with it
		set_board(0)
		page.clock.run_for(board.REFRESH_SECONDS * 1000 + 1000)
		expect(page.locator("#board")).to_have_count(0)
	finally:
		context.close()
		frappe.db.delete("Red Flag Award", {"appraisal_period": switched_on.period})
		frappe.db.set_value("Appraisal Period", switched_on.period, "flags_awarded_on", None)
		frappe.db.commit()


def test_a_class_named_with_html_shows_as_text(browser, server, switched_on):
	context, page, seen = open_board(browser, server, 1920, 1080, clock=True)
	try:
		typed = page.locator(".row .name", has_text=TYPED)
		expect(typed).to_have_text(TYPED)
		page.clock.run_for(board.REFRESH_SECONDS * 1000 + 1000)  # written again from the JSON
		expect(typed).to_have_text(TYPED)
		assert page.locator("img").count() == 0
		assert not seen["dialogs"] and not seen["errors"]
	finally:
		context.close()


def test_a_lost_connection_keeps_the_last_board(browser, server, switched_on):
	context, page, seen = open_board(browser, server, 390, 844, clock=True)
	try:
		rows = page.locator(".row")
		expect(rows).to_have_count(len(switched_on.classes))
		page.route(f"**{ENDPOINT}*", lambda route: route.abort())
		page.clock.run_for(board.REFRESH_SECONDS * 1000 + 1000)
		expect(page.locator("#offline")).to_be_visible()
		expect(page.locator("#offline")).to_contain_text("网络中断")
		expect(rows).to_have_count(len(switched_on.classes))
		page.unroute(f"**{ENDPOINT}*")
		page.clock.run_for(board.REFRESH_SECONDS * 1000 + 1000)
		expect(page.locator("#offline")).to_be_hidden()
		assert not seen["errors"]
	finally:
		context.close()


def timed(session, url, n, before=None) -> list[float]:
	took = []
	for _ in range(n):
		if before:
			before()
		start = time.perf_counter()
		r = session.get(url, timeout=30)
		took.append((time.perf_counter() - start) * 1000)
		assert r.status_code == 200
	return took


def test_a_cached_board_is_cheap_to_serve(server, switched_on, capsys):
	"""Milliseconds per request from the cache and with the board built each time (the cache
	dropped before each), one after another; then requests per second from the cache with four
	screens polling at once. The cached request must be the cheaper."""
	s = requests.Session()
	url = f"{server}{ENDPOINT}"
	timed(s, url, 5)
	hit = timed(s, url, 60)
	miss = timed(s, url, 30, before=board.forget)
	page_hit = timed(s, f"{server}/scoreboard", 30)
	done, stop = [], time.perf_counter() + 5

	def poll():
		with requests.Session() as own:
			while time.perf_counter() < stop:
				assert own.get(url, timeout=30).status_code == 200
				done.append(1)

	threads = [threading.Thread(target=poll) for _ in range(4)]
	for t in threads:
		t.start()
	for t in threads:
		t.join()
	figures = {
		"endpoint cached ms (median)": round(statistics.median(hit), 1),
		"endpoint built ms (median)": round(statistics.median(miss), 1),
		"page cached ms (median)": round(statistics.median(page_hit), 1),
		"endpoint cached req/s (4 clients)": round(len(done) / 5, 1),
	}
	with capsys.disabled():
		print(f"\nscoreboard: {figures}")
	assert statistics.median(hit) < statistics.median(miss)
