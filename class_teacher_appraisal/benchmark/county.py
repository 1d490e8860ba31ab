"""The county benchmark (issue 17, docs/benchmarks.md): an education bureau's site of N schools of
M classes (100 × 40 = 4,000 classes), a term of daily inspections and ratings, one period per
school of the same dates (one county term); then times generating, the county's recompute in
process and through the long queue with 1 and 2 workers (one job per school, as *Recompute the
County* queues them), and the County Ranking report.

Everything is written set-based: schools, users (with their roles, User Permissions and one
hashed password), classes, the term's inspections (one school day of every class per bulk write,
as the school benchmark does), drafts and ratings; only the 100 periods go through the ORM. With
`--build-only` it stops after building (and writes a plan of the logins), so that the load test
can be pointed at the county site."""

import json
import os
import signal
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import frappe
from frappe.query_builder import Table
from frappe.utils import now_datetime
from frappe.utils.password import passlibctx

from class_teacher_appraisal import appraisals
from class_teacher_appraisal.benchmark import school
from class_teacher_appraisal.benchmark.measure import REPEAT, timed
from class_teacher_appraisal.county import terms
from class_teacher_appraisal.inspections import insert_submitted
from class_teacher_appraisal.names import BUREAU, CLASS_TEACHER, OFFICE, PRINCIPAL, SCHOOL
from class_teacher_appraisal.utils import grade_source_name

YEAR = "COUNTY"
PERIOD_NAME = "COUNTY term"
DOMAIN = "county.invalid"
BUREAU_USER = f"bureau@{DOMAIN}"
DEFAULT_PASSWORD = "county-Pass-2025"


def school_name(i: int) -> str:
	return f"县测{i:03d}校"


def office_of(i: int) -> str:
	return f"office{i:03d}@{DOMAIN}"


def principal_of(i: int) -> str:
	return f"head{i:03d}@{DOMAIN}"


def teacher_of(i: int, c: int) -> str:
	return f"t{i:03d}-{c:02d}@{DOMAIN}"


def wipe():
	"""The county site holds nothing but the benchmark's county: empty what a run writes."""
	school.wipe()
	frappe.db.delete("Appraisal Period", {"school": ["is", "set"]})
	frappe.db.delete("Class Record", {"academic_year": YEAR})
	frappe.db.delete("User Permission", {"allow": SCHOOL})
	frappe.db.delete(SCHOOL)
	users = frappe.get_all("User", filters={"name": ["like", f"%@{DOMAIN}"]}, pluck="name")
	for chunk in range(0, len(users), 1000):
		part = users[chunk : chunk + 1000]
		frappe.db.delete("Has Role", {"parenttype": "User", "parent": ["in", part]})
		frappe.db.delete("User", {"name": ["in", part]})
	frappe.db.delete("Workflow Action", {"reference_doctype": "Class Teacher Appraisal"})
	frappe.db.commit()  # nosemgrep: frappe-manual-commit — benchmark set-up
	frappe.cache.delete_value("user_permissions")


def _base(now, user) -> tuple:
	return (now, now, user, user, 0)


def build_schools(n_schools: int) -> list[str]:
	now, user = now_datetime(), frappe.session.user
	names = [school_name(i) for i in range(1, n_schools + 1)]
	frappe.db.bulk_insert(
		SCHOOL,
		("name", "creation", "modified", "owner", "modified_by", "docstatus", "school_name", "school_code", "is_active"),
		[(n, *_base(now, user), n, f"C{i:03d}", 1) for i, n in enumerate(names, 1)],
	)  # fmt: skip
	return names


def build_users(n_schools: int, n_classes: int, password: str) -> dict:
	"""A class teacher per class, an office and a principal per school (kept to it by a User
	Permission) and the bureau; the office, principal and bureau log in with the password."""
	now, user = now_datetime(), frappe.session.user
	people = [(BUREAU_USER, "教育局", BUREAU, None)]
	for i in range(1, n_schools + 1):
		people += [
			(office_of(i), f"教导处{i:03d}", OFFICE, i),
			(principal_of(i), f"校长{i:03d}", PRINCIPAL, i),
		]
		people += [
			(teacher_of(i, c), f"班主任{i:03d}-{c:02d}", CLASS_TEACHER, i) for c in range(1, n_classes + 1)
		]
	frappe.db.bulk_insert(
		"User",
		("name", "creation", "modified", "owner", "modified_by", "docstatus", "email", "first_name",
		 "full_name", "enabled", "user_type", "language", "send_welcome_email"),
		[(email, *_base(now, user), email, first, first, 1, "System User", "zh", 0) for email, first, _r, _s in people],
		chunk_size=5000,
	)  # fmt: skip
	frappe.db.bulk_insert(
		"Has Role",
		("name", "creation", "modified", "owner", "modified_by", "docstatus", "parent", "parenttype",
		 "parentfield", "idx", "role"),
		[(frappe.generate_hash(length=12), *_base(now, user), email, "User", "roles", 1, role)
		 for email, _f, role, _s in people],
		chunk_size=5000,
	)  # fmt: skip
	frappe.db.bulk_insert(
		"User Permission",
		("name", "creation", "modified", "owner", "modified_by", "docstatus", "user", "allow", "for_value",
		 "apply_to_all_doctypes", "is_default", "hide_descendants"),
		[(frappe.generate_hash(length=12), *_base(now, user), email, SCHOOL, school_name(i), 1, 1, 0)
		 for email, _f, _r, i in people if i],
		chunk_size=5000,
	)  # fmt: skip
	logins = [BUREAU_USER] + [u for i in range(1, n_schools + 1) for u in (office_of(i), principal_of(i))]
	hashed = passlibctx.hash(password)  # hashed once for all of them, as update_password stores it
	auth = Table("__Auth")
	query = frappe.qb.into(auth).columns("doctype", "name", "fieldname", "password", "encrypted")
	for email in logins:
		query = query.insert("User", email, "password", hashed, 0)
	query.on_duplicate_key_update(auth.password, hashed).on_duplicate_key_update(auth.encrypted, 0).run()
	frappe.cache.delete_value("user_permissions")
	return {"bureau": BUREAU_USER, "logins": logins, "teachers": len(people) - len(logins)}


def build_classes(n_schools: int, n_classes: int) -> list[dict]:
	"""M classes per school over six grades (named with the school, as the form names them), each
	with its teacher and a habit (0 … 1) that shapes its results."""
	import random

	rng = random.Random(n_schools * 1000 + n_classes)
	now, user = now_datetime(), frappe.session.user
	per_grade = -(-n_classes // 6)
	rows, out = [], []
	for i in range(1, n_schools + 1):
		for c in range(n_classes):
			grade, section = c // per_grade + 1, c % per_grade + 1
			class_name = f"{'一二三四五六'[grade - 1]}年级({section})班"
			name = f"{school_name(i)} {YEAR} {class_name}"
			teacher = teacher_of(i, c + 1)
			rows.append(
				(name, *_base(now, user), class_name, grade, grade_source_name(grade), YEAR, rng.randint(38, 50), 1,
				 school_name(i), teacher, f"班主任{i:03d}-{c + 1:02d}")
			)  # fmt: skip
			out.append({"name": name, "habit": rng.random(), "school": school_name(i)})
	frappe.db.bulk_insert(
		"Class Record",
		("name", "creation", "modified", "owner", "modified_by", "docstatus", "class_name", "grade_level",
		 "grade_name", "academic_year", "pupil_count", "is_active", "school", "class_teacher", "teacher_name"),
		rows,
		chunk_size=5000,
	)  # fmt: skip
	return out


def build_periods(schools: list[str], days: int) -> list[str]:
	"""One term per school, of the same dates (one county term), through the ORM."""
	rubric = school.rubric()
	return [
		frappe.get_doc(
			{
				"doctype": "Appraisal Period",
				"period_name": PERIOD_NAME,
				"period_type": "Term",
				"academic_year": YEAR,
				"school": s,
				"start_date": school.TERM_START,
				"end_date": school.term_end(days),
				"rubric": rubric,
			}
		)
		.insert(ignore_permissions=True)
		.name
		for s in schools
	]


def insert_term(classes: list[dict], days: int) -> int:
	"""Every class's inspections, one school day of the whole county per bulk write and commit."""
	import random

	rng = random.Random(len(classes))
	count = 0
	for n, day in enumerate(school.school_days(days), 1):
		rows = school.day_of_inspections(classes, day, rng)
		insert_submitted(rows)
		frappe.db.commit()  # nosemgrep: frappe-manual-commit — a school day at a time, like a real term
		count += len(rows)
		if n % 10 == 0:
			print(f"  {n} of {days} days, {count:,} inspections", flush=True)
	return count


def build(n_schools: int, n_classes: int, days: int, password: str = DEFAULT_PASSWORD) -> dict:
	"""The county, its term, the drafts (generated per school, timed) and the ratings."""
	import random

	frappe.set_user("Administrator")
	wipe()
	school.rubric()
	school.raters()
	started = time.perf_counter()
	schools = build_schools(n_schools)
	people = build_users(n_schools, n_classes, password)
	classes = build_classes(n_schools, n_classes)
	periods = build_periods(schools, days)
	frappe.db.commit()  # nosemgrep: frappe-manual-commit — benchmark set-up
	setup_s = time.perf_counter() - started
	print(
		f"{n_schools} schools, {len(classes):,} classes, {len(people['logins'])} logins: {setup_s:.1f} s",
		flush=True,
	)
	insert_s, inspections = timed(insert_term, classes, days)
	print(f"{inspections:,} inspections in {insert_s:.0f} s", flush=True)
	generate_s = 0.0
	rng = random.Random(n_schools)
	by_school = {}
	for c in classes:
		by_school.setdefault(c["school"], []).append(c)
	for s, period in zip(schools, periods, strict=True):
		seconds, _ = timed(appraisals.generate, period)
		frappe.db.commit()  # nosemgrep: frappe-manual-commit — each school's generation is its own job
		generate_s += seconds
		school.ratings(period, by_school[s], rng)
		frappe.db.commit()  # nosemgrep: frappe-manual-commit — see above
	print(f"generated {len(periods)} periods in {generate_s:.1f} s", flush=True)
	return {
		"schools": n_schools,
		"classes_per_school": n_classes,
		"classes": len(classes),
		"days": days,
		"inspections": inspections,
		"setup_s": setup_s,
		"insert_s": insert_s,
		"generate_s": generate_s,
		"periods": periods,
		"people": people,
	}


def existing() -> dict:
	"""The county a previous run built (--measure-only): its figures as the site holds them."""
	periods = frappe.get_all(
		"Appraisal Period", filters={"school": ["is", "set"]}, pluck="name", order_by="name"
	)
	if not periods:
		raise RuntimeError("no county on this site: build it first (without --measure-only)")
	schools = len(periods)
	classes = frappe.db.count("Class Record", {"academic_year": YEAR})
	end = frappe.db.get_value("Appraisal Period", periods[0], "end_date")
	days = len([d for d in school.school_days(400) if d <= end])
	logins = [BUREAU_USER] + [u for i in range(1, schools + 1) for u in (office_of(i), principal_of(i))]
	return {
		"schools": schools,
		"classes_per_school": classes // schools,
		"classes": classes,
		"days": days,
		"inspections": frappe.db.count("Inspection", {"docstatus": 1}),
		"setup_s": None,
		"insert_s": None,
		"generate_s": None,
		"periods": periods,
		"people": {"bureau": BUREAU_USER, "logins": logins},
	}


# ------------------------------------------------------------------ measuring


def recompute_in_process(periods: list[str]) -> float:
	"""Every school's recompute one after the other in this process (no queue): the baseline."""
	start = time.perf_counter()
	for period in periods:
		appraisals.recompute(period)
		frappe.db.commit()  # nosemgrep: frappe-manual-commit — as each job commits
	return time.perf_counter() - start


def long_queue_workers() -> int:
	"""Workers of this bench listening on the long queue now (ours and anyone else's)."""
	from frappe.utils.background_jobs import generate_qname, get_redis_conn
	from rq import Worker

	qname = generate_qname("long")
	return sum(1 for w in Worker.all(connection=get_redis_conn()) if qname in w.queue_names())


def start_workers(n: int) -> list[subprocess.Popen]:
	"""n background workers on the long queue (`bench worker --queue long`), started by us."""
	before = long_queue_workers()
	command = [
		sys.executable,
		"-m",
		"frappe.utils.bench_helper",
		"frappe",
		"worker",
		"--queue",
		"long",
		"--quiet",
	]
	procs = [
		subprocess.Popen(
			command,
			cwd=frappe.local.sites_path,
			stdout=subprocess.DEVNULL,
			stderr=subprocess.DEVNULL,
			start_new_session=True,
		)
		for _ in range(n)
	]
	for _ in range(240):
		if long_queue_workers() >= before + n:
			break
		time.sleep(0.25)
	else:
		stop_workers(procs)
		raise RuntimeError(f"{n} workers did not start")
	return procs


def stop_workers(procs: list[subprocess.Popen]):
	for p in procs:
		if p.poll() is None:
			os.killpg(p.pid, signal.SIGTERM)
	for p in procs:
		try:
			p.wait(timeout=30)
		except subprocess.TimeoutExpired:
			os.killpg(p.pid, signal.SIGKILL)


def recompute_through_queue(periods: list[str], n_workers: int) -> dict:
	"""*Recompute the County* as the bureau's button does it (terms.recompute_term: one job per
	school's period on the long queue), run by n workers of our own; timed from the commit that
	queues the jobs to the last period recomputed."""
	procs = start_workers(n_workers)
	foreign = long_queue_workers() - n_workers
	try:
		since = now_datetime()
		result = terms.recompute_term(periods[0])
		start = time.perf_counter()
		frappe.db.commit()  # nosemgrep: frappe-manual-commit — the request's commit queues the jobs
		while True:
			time.sleep(0.2)
			frappe.db.rollback()  # a fresh read of what the workers committed
			progress = terms.term_progress(periods[0], str(since))
			if not progress["running"]:
				break
		seconds = time.perf_counter() - start
	finally:
		stop_workers(procs)
	return {
		"workers": n_workers,
		"other_workers": foreign,
		"queued": result["queued"],
		"recomputed": progress["done"],
		"seconds": seconds,
		"not_recomputed": {p: job_state(p) for p in progress["not_recomputed"]},
	}


def job_state(period: str) -> str:
	"""Why a period's job did not recompute it: its RQ status and the end of its traceback."""
	from frappe.utils.background_jobs import get_job

	from class_teacher_appraisal.period_jobs import job_id

	job = get_job(job_id(period, "recompute"))
	if not job:
		return "no job"
	return f"{job.get_status()} {(job.exc_info or '')[-300:]}".strip()


def ranking_seconds(period: str) -> dict:
	from class_teacher_appraisal.class_teacher_appraisal.report.county_ranking import county_ranking

	out = {}
	for view in ("Classes", "Class Teachers", "Schools"):
		filters = {"appraisal_period": period, "include_unapproved": 1, "rank_by": view}
		rows = len(county_ranking.execute(filters)[1])
		out[view] = {
			"rows": rows,
			"seconds": statistics.median(timed(county_ranking.execute, filters)[0] for _ in range(REPEAT)),
		}
	return out


def run(
	n_schools: int = 100,
	n_classes: int = 40,
	days: int = 100,
	workers=(1, 2),
	out_dir: str | None = None,
	build_only: bool = False,
	password: str = DEFAULT_PASSWORD,
	measure_only: bool = False,
) -> dict:
	built = existing() if measure_only else build(n_schools, n_classes, days, password)
	result = {k: v for k, v in built.items() if k not in ("periods", "people")}
	result["logins"] = len(built["people"]["logins"])
	n_schools, days = built["schools"], built["days"]
	plan = {
		"site": frappe.local.site,
		"bureau": built["people"]["bureau"],
		"offices": [office_of(i) for i in range(1, n_schools + 1)],
		"principals": [principal_of(i) for i in range(1, n_schools + 1)],
		"password": password,
		"periods": built["periods"],
		"term_start": str(school.TERM_START),
		"term_end": str(school.term_end(days)),
	}
	if not build_only:
		periods = built["periods"]
		print("recomputing in process …", flush=True)
		result["recompute_in_process_s"] = recompute_in_process(periods)
		result["through_queue"] = []
		for n in workers:
			print(f"recomputing through the long queue with {n} worker(s) …", flush=True)
			result["through_queue"].append(recompute_through_queue(periods, n))
		result["ranking"] = ranking_seconds(periods[0])
	text = report(result)
	print(text)
	if out_dir:
		Path(out_dir).mkdir(parents=True, exist_ok=True)
		Path(out_dir, "county.json").write_text(json.dumps(result, indent=1))
		Path(out_dir, "county.md").write_text(text)
		Path(out_dir, "county-plan.json").write_text(json.dumps(plan, indent=1, ensure_ascii=False))
	return result


def report(r: dict) -> str:
	lines = [
		f"Machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}; measured {date.today()}",
		"",
		f"County: {r['schools']} schools × {r['classes_per_school']} classes = {r['classes']:,} classes, "
		f"{r['days']} school days, {r['inspections']:,} inspections, {r['logins']} logins",
	]
	if r.get("insert_s") is not None:  # built by this run
		lines.append(
			f"Set-up (schools, users, classes, periods) {r['setup_s']:.1f} s; inspections {r['insert_s']:.0f} s "
			f"({r['inspections'] / max(r['insert_s'], 1e-9):,.0f} rows/s); generating every school's drafts "
			f"{r['generate_s']:.1f} s"
		)
	if "recompute_in_process_s" in r:
		lines += [
			"",
			"| county recompute | workers | other workers on the queue | periods | seconds |",
			"| --- | --- | --- | --- | --- |",
			f"| in process, one school after another | — | — | {r['schools']} | {r['recompute_in_process_s']:.1f} |",
		]
		for q in r["through_queue"]:
			lines.append(
				f"| through the long queue | {q['workers']} | {q['other_workers']} | {q['recomputed']} of "
				f"{q['queued']} | {q['seconds']:.1f} |"
			)
		lines += [
			"",
			"| County Ranking (every appraisal) | rows | seconds (median of 3) |",
			"| --- | --- | --- |",
		]
		for view, v in r["ranking"].items():
			lines.append(f"| {view} | {v['rows']:,} | {v['seconds']:.3f} |")
	return "\n".join(lines) + "\n"
