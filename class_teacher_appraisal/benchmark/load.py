"""The load test's school and its checks (scripts/loadtest; docs/benchmarks.md, "Load test").

`prepare` builds, on a site of its own, a school of N classes (academic year `LOAD`), each with a
class teacher who has an account and a password, the duty inspectors and the office, a month
with two weeks of daily inspections and ratings, its draft appraisals, and writes the plan the
load generator follows: who logs in with which password, which round of ten classes each
inspector submits on the burst day, which appraisals the office edits. Run again, it keeps the
school and only empties the burst day (rounds and their inspections), so each run starts alike.

`check` compares what the load generator logged with what the database holds (loadcheck.py)."""

import json
import random
from datetime import date, timedelta
from pathlib import Path

import frappe
from frappe.query_builder import Table
from frappe.utils.password import passlibctx

from class_teacher_appraisal import appraisals
from class_teacher_appraisal.benchmark import loadcheck, school
from class_teacher_appraisal.inspections import insert_submitted
from class_teacher_appraisal.names import APPRAISAL, CLASS_TEACHER, INSPECTOR, OFFICE, PERIOD, ROUND

YEAR = "LOAD"
PERIOD_NAME = "LOAD 2026年3月"
MONTH_START, MONTH_END = date(2026, 3, 1), date(2026, 3, 31)
BURST_DAY = date(2026, 3, 16)  # a Monday: the two weeks before it are the month's history
ROUND_ITEMS = ("纪律", "卫生", "路队", "眼保健操")  # scored items a duty teacher rounds on
ROUND_SIZE = 10
GRADES = 6
DOMAIN = "load.invalid"
ADMIN = f"it.admin@{DOMAIN}"
OFFICE_USERS = (f"office1@{DOMAIN}", f"office2@{DOMAIN}")
HAND_CRITERION = "B-09"  # the benchmark rubric's hand-scored line (Manual Points, 10 points)
DEFAULT_PASSWORD = "Load-Pass-2026"


def teacher(i: int) -> str:
	return f"ct{i:03d}@{DOMAIN}"


def inspector(i: int) -> str:
	return f"di{i:03d}@{DOMAIN}"


def class_names(n_classes: int) -> list[tuple[int, str]]:
	"""(grade, class name) of N classes spread over six grades."""
	per_grade = -(-n_classes // GRADES)
	return [
		(i // per_grade + 1, f"{'一二三四五六'[i // per_grade]}年级({i % per_grade + 1})班")
		for i in range(n_classes)
	]


def history_days(days: int) -> list[date]:
	"""The school days of the month before the burst day (at most the days there are)."""
	out, day = [], BURST_DAY - timedelta(days=1)
	while len(out) < days and day >= MONTH_START:
		if day.weekday() < 5:
			out.append(day)
		day -= timedelta(days=1)
	return sorted(out)


def round_plan(classes: list[dict], inspectors: int, rounds: int) -> list[list[dict]]:
	"""Each inspector's rounds: an item and ten classes of one grade, no class inspected twice for
	an item (items in turn: every class's 纪律 first, then 卫生 …)."""
	slots = []
	for item in ROUND_ITEMS:
		for grade in range(1, GRADES + 1):
			of_grade = [c["name"] for c in classes if c["grade"] == grade]
			for start in range(0, len(of_grade), ROUND_SIZE):
				slots.append(
					{"item": item, "grade_level": grade, "classes": of_grade[start : start + ROUND_SIZE]}
				)
	wanted = inspectors * rounds
	if wanted > len(slots):
		raise ValueError(
			f"{inspectors} inspectors × {rounds} rounds need {wanted} rounds of {ROUND_SIZE} classes; "
			f"{len(classes)} classes × {len(ROUND_ITEMS)} items give {len(slots)}: add classes or take fewer rounds"
		)
	return [[slots[i + k * inspectors] for k in range(rounds)] for i in range(inspectors)]


# ------------------------------------------------------------------ the school


def new_user(email: str, first_name: str, roles: list[str]) -> None:
	frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": first_name,
			"enabled": 1,
			"language": "zh",
			"send_welcome_email": 0,
			"roles": [{"role": r} for r in roles],
		}
	).insert(ignore_permissions=True)


def users(n_teachers: int, n_inspectors: int, password: str, commit=None) -> list[str]:
	"""The school's accounts (created once; `commit`, if given, is called every 50 new users). The
	IT administrator comes first: Frappe makes the first system user a System Manager while nobody
	else is one. Every account gets the password, hashed once for all of them (as update_password
	stores it)."""
	wanted = [(ADMIN, "信息中心", ["System Manager"])]
	wanted += [(email, f"教导处{i}", [OFFICE]) for i, email in enumerate(OFFICE_USERS, 1)]
	wanted += [(inspector(i), f"值周{i}", [INSPECTOR]) for i in range(1, n_inspectors + 1)]
	wanted += [(teacher(i), f"班主任{i}", [CLASS_TEACHER]) for i in range(1, n_teachers + 1)]
	have = set(frappe.get_all("User", filters={"name": ["like", f"%@{DOMAIN}"]}, pluck="name"))
	missing = [w for w in wanted if w[0] not in have]
	if missing:
		print(f"creating {len(missing)} users …", flush=True)
	frappe.flags.in_import = True  # as a Data Import of the staff list: no throttle on new users
	try:
		for n, (email, first_name, roles) in enumerate(missing, 1):
			new_user(email, first_name, roles)
			if commit and n % 50 == 0:
				commit()
				print(f"  {n} of {len(missing)}", flush=True)
	finally:
		frappe.flags.in_import = False
	emails = [w[0] for w in wanted]
	hashed = passlibctx.hash(password)
	auth = Table("__Auth")
	query = frappe.qb.into(auth).columns("doctype", "name", "fieldname", "password", "encrypted")
	for email in emails:
		query = query.insert("User", email, "password", hashed, 0)
	query.on_duplicate_key_update(auth.password, hashed).on_duplicate_key_update(auth.encrypted, 0).run()
	return emails


def build(n_classes: int, days: int) -> None:
	"""The classes with their teachers, the month, its history of inspections and ratings, and
	the draft appraisals (generated and scored as the office's Generate does)."""
	rng = random.Random(n_classes)
	for i, (grade, class_name) in enumerate(class_names(n_classes), 1):
		frappe.get_doc(
			{
				"doctype": "Class Record",
				"class_name": class_name,
				"grade_level": grade,
				"academic_year": YEAR,
				"class_teacher": teacher(i),
				"pupil_count": rng.randint(38, 50),
			}
		).insert(ignore_permissions=True)
	frappe.get_doc(
		{
			"doctype": PERIOD,
			"period_name": PERIOD_NAME,
			"period_type": "Month",
			"academic_year": YEAR,
			"start_date": MONTH_START,
			"end_date": MONTH_END,
			"rubric": school.rubric(),
		}
	).insert(ignore_permissions=True)
	classes = [{"name": c["name"], "habit": rng.random()} for c in load_classes()]
	for day in history_days(days):
		insert_submitted(school.day_of_inspections(classes, day, rng))
	appraisals.generate(PERIOD_NAME)
	frappe.flags.in_import = True  # the raters' accounts: no throttle on new users
	try:
		school.raters()
	finally:
		frappe.flags.in_import = False
	school.ratings(PERIOD_NAME, classes, rng)
	appraisals.recompute(PERIOD_NAME)


def load_classes() -> list[dict]:
	return [
		{"name": c.name, "grade": c.grade_level, "teacher": c.class_teacher}
		for c in frappe.get_all(
			"Class Record",
			filters={"academic_year": YEAR},
			fields=["name", "grade_level", "class_teacher", "class_name"],
			order_by="grade_level asc, creation asc",
		)
	]


def wipe() -> None:
	"""Everything a load school wrote (the site is the load test's own)."""
	for doctype in school.BENCH_TABLES:
		frappe.db.delete(doctype)  # in the transaction (truncate would commit)
	frappe.db.delete("Workflow Action", {"reference_doctype": APPRAISAL})
	frappe.db.delete(PERIOD, {"academic_year": YEAR})
	classes = frappe.get_all("Class Record", filters={"academic_year": YEAR}, pluck="name")
	frappe.db.delete("Class Teacher Assignment", {"parent": ["in", classes or [""]]})
	frappe.db.delete("Class Record", {"academic_year": YEAR})


def empty_burst_day() -> int:
	"""Takes away the rounds and inspections of the burst day, so a run starts from the same state."""
	rounds = frappe.get_all(ROUND, filters={"inspection_date": BURST_DAY}, pluck="name")
	inspections = frappe.get_all("Inspection", filters={"inspection_date": BURST_DAY}, pluck="name")
	for child in ("Inspection Incident", "Inspection Photo"):
		frappe.db.delete(child, {"parent": ["in", inspections or [""]]})
	frappe.db.delete("Inspection", {"name": ["in", inspections or [""]]})
	frappe.db.delete("Inspection Round Entry", {"parent": ["in", rounds or [""]]})
	frappe.db.delete(ROUND, {"name": ["in", rounds or [""]]})
	return len(inspections)


def prepare(
	classes: int = 300,
	inspectors: int = 60,
	rounds: int = 1,
	days: int = 10,
	offices: int = 2,
	password: str = DEFAULT_PASSWORD,
	plan_path: str | None = None,
	commit=None,
) -> dict:
	"""Makes the load school ready (built once per size) and returns the plan (also written to
	plan_path). `commit` (the bench command's) is called after each stage; tests pass none."""
	from class_teacher_appraisal.install import complete_setup_wizard

	frappe.set_user("Administrator")
	complete_setup_wizard("zh")
	users(classes, inspectors, password, commit)
	if commit:
		commit()
	have = frappe.db.count("Class Record", {"academic_year": YEAR})
	if have != classes or not frappe.db.exists(PERIOD, PERIOD_NAME):
		print(f"building the load school: {classes} classes, {len(history_days(days))} days …", flush=True)
		wipe()
		build(classes, days)
		if commit:
			commit()
	emptied = empty_burst_day()
	school_classes = load_classes()
	appraisal_of = dict(
		frappe.get_all(
			APPRAISAL,
			filters={"appraisal_period": PERIOD_NAME, "docstatus": 0},
			fields=["class_record", "name"],
			as_list=True,
		)
	)
	plan = {
		"site": frappe.local.site,
		"password": password,
		"burst_day": str(BURST_DAY),
		"period": PERIOD_NAME,
		"hand_criterion": HAND_CRITERION,
		"inspectors": [
			{"user": inspector(i + 1), "rounds": mine}
			for i, mine in enumerate(round_plan(school_classes, inspectors, rounds))
		],
		"teachers": [
			{"user": c["teacher"], "class_record": c["name"], "appraisal": appraisal_of.get(c["name"])}
			for c in school_classes
		],
		"office": list(OFFICE_USERS[:offices]),
		"edit_appraisals": sorted(appraisal_of.values()),
		"emptied_inspections": emptied,
	}
	if plan_path:
		Path(plan_path).write_text(json.dumps(plan, ensure_ascii=False, indent=1))
	return plan


# ------------------------------------------------------------------ after the burst


def stored_state(plan: dict, events: list[dict]) -> dict:
	"""The rows the check compares with what was sent (set-based reads)."""
	day = plan["burst_day"]
	edited = sorted({e["appraisal"] for e in events if e.get("kind") == "edit"})
	return {
		"inspections": frappe.get_all(
			"Inspection",
			filters={"inspection_date": day},
			fields=[
				"class_record",
				"inspection_item",
				"inspection_date",
				"inspector",
				"inspection_round",
				"docstatus",
			],
			limit_page_length=0,
		),
		"rounds": frappe.get_all(
			ROUND,
			filters={"inspection_date": day},
			fields=["name", "inspector", "docstatus", "class_count"],
			limit_page_length=0,
		),
		"lines": frappe.get_all(
			"Class Teacher Appraisal Line",
			filters={"parent": ["in", edited or [""]], "parenttype": APPRAISAL},
			fields=["parent", "criterion_code", "manual_points", "manual_entered"],
			limit_page_length=0,
		),
	}


def read_events(path: str) -> list[dict]:
	with open(path) as f:
		return [json.loads(line) for line in f if line.strip()]


def check(plan_path: str, events_path: str) -> loadcheck.Outcome:
	plan = json.loads(Path(plan_path).read_text())
	events = read_events(events_path)
	state = stored_state(plan, events)
	return loadcheck.compare(events, state["inspections"], state["rounds"], state["lines"])


def report(plan_path: str, events_path: str, csv_prefix: str, params: dict, out_dir: str) -> tuple[str, bool]:
	"""The run's figures (Locust's statistics per request kind, its errors) and the database
	check, as Markdown; also written to out_dir/loadtest.{md,json}. Returns (text, passed)."""
	import os
	import platform

	outcome = check(plan_path, events_path)
	rows = loadcheck.read_stats(f"{csv_prefix}_stats.csv")
	failures = loadcheck.read_failures(f"{csv_prefix}_failures.csv")
	total = next((r for r in rows if r.kind == "all requests"), None)
	errors = total.failures if total else 0
	server = {
		k: params.get(k)
		for k in (
			"run_s",
			"app_cpu_s",
			"mariadb_cpu_s",
			"locust_cpu_s",
			"busy_cpu_s",
			"cores",
			"load_before",
			"load_after",
		)
	}
	lines = [
		f"Load test on {frappe.local.site}: {platform.node()}, {os.cpu_count()} CPUs, "
		f"Python {platform.python_version()}, Frappe {frappe.__version__}",
		"Parameters: " + ", ".join(f"{k} {v}" for k, v in params.items() if k not in server),
	]
	if server["run_s"] and total and total.requests:
		app_ms = float(server["app_cpu_s"]) * 1000 / total.requests
		db_ms = float(server["mariadb_cpu_s"]) * 1000 / total.requests
		lines.append(
			f"Server: {total.requests:,} requests in {server['run_s']} s ({total.requests / float(server['run_s']):.1f}/s); "
			f"CPU of the app's processes {server['app_cpu_s']} s ({app_ms:.0f} ms a request, the recomputes "
			f"included), of MariaDB {server['mariadb_cpu_s']} s ({db_ms:.0f} ms a request, with whatever else "
			f"it served), of Locust {server['locust_cpu_s']} s; the machine's {server['cores']} cores were busy "
			f"{server['busy_cpu_s']} s of "
			f"{int(float(server['run_s']) * int(server['cores'] or 1))} s (everything on it, Locust included); "
			f"load average {server['load_before']} before, {server['load_after']} after"
		)
	lines += ["", loadcheck.stats_table(rows)]
	if failures:
		lines += ["Errors:", ""]
		lines += [f"- {kind}: {error} × {n}" for (kind, error), n in failures.most_common(20)]
		lines.append("")
	lines += ["Database check: " + ("passed" if outcome.ok else f"{len(outcome.problems)} problems"), ""]
	lines += [f"- {k.replace('_', ' ')}: {v}" for k, v in outcome.figures.items()]
	if outcome.problems:
		lines += ["", "Problems (first 50):", ""] + [f"- {p}" for p in outcome.problems[:50]]
	text = "\n".join(lines) + "\n"
	Path(out_dir).mkdir(parents=True, exist_ok=True)
	Path(out_dir, "loadtest.md").write_text(text)
	Path(out_dir, "loadtest.json").write_text(
		json.dumps(
			{
				"params": params,
				"stats": [r._asdict() for r in rows],
				"errors": [{"kind": k, "error": e, "count": n} for (k, e), n in failures.items()],
				"check": {"passed": outcome.ok, "figures": outcome.figures, "problems": outcome.problems},
			},
			ensure_ascii=False,
			indent=1,
		)
	)
	return text, outcome.ok and errors == 0
