"""The performance benchmark (scripts/benchmark; docs/benchmarks.md): synthetic schools of
several sizes on one site, measured one after the other."""

import json
import os
import platform
from pathlib import Path

import frappe

from class_teacher_appraisal.benchmark import measure, school

SIZES = (30, 120, 600)
DAYS = 100  # a term of school days


def run(sizes=SIZES, days: int = DAYS, out_dir: str | None = None, profile: bool = False) -> list[dict]:
	"""Builds every school first (a county site holds them all), then measures each."""
	frappe.set_user("Administrator")
	school.wipe()
	school.rubric()
	school.raters()
	frappe.db.commit()  # nosemgrep: frappe-manual-commit — benchmark set-up
	built = {}
	for n in sizes:
		print(f"building {n} classes × {days} days …", flush=True)
		built[n] = measure.build(n, days)
	results = []
	for n in sizes:
		print(f"measuring {n} classes …", flush=True)
		results.append(measure.measure(built[n], days))
		print(json.dumps(results[-1]), flush=True)
	text = report(results)
	print(text)
	if out_dir:
		Path(out_dir).mkdir(parents=True, exist_ok=True)
		Path(out_dir, "benchmark.json").write_text(json.dumps(results, indent=1))
		Path(out_dir, "benchmark.md").write_text(text)
		if profile:
			profile_recompute(school.period_name(max(sizes)), Path(out_dir, "benchmark-profile.txt"))
	return results


def profile_recompute(period: str, path: Path):
	"""A pyinstrument profile of the largest school's recompute (dev-requirements.txt)."""
	try:
		from pyinstrument import Profiler
	except ImportError:
		print("pyinstrument is not installed (dev-requirements.txt); no profile", flush=True)
		return
	from class_teacher_appraisal import appraisals

	profiler = Profiler(interval=0.001)
	with profiler:
		appraisals.recompute(period)
		frappe.db.commit()  # nosemgrep: frappe-manual-commit — as the job does
	path.write_text(profiler.output_text(unicode=True, color=False, show_all=False))
	print(f"profile: {path}", flush=True)


def fmt(value, digits=3) -> str:
	if value is None:
		return "—"
	return f"{value:,.{digits}f}"


def report(results: list[dict]) -> str:
	head = (
		"| classes | inspections | insert rows/s | generate s | recompute s | µs per class-day "
		"| evidence read s | bare grouped SQL s | ratio | ranking report s | round of 60 s | peak heap MiB |"
	)
	lines = [
		f"Machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.platform()}",
		"",
		head,
		"|" + " --- |" * (head.count("|") - 1),
	]
	for r in results:
		lines.append(
			f"| {r['classes']} | {r['inspections']:,} | {r['insert_rows_per_s']:,.0f} | {fmt(r['generate_s'], 2)} "
			f"| {fmt(r['recompute_s'], 2)} | {fmt(r['recompute_us_per_class_day'], 1)} | {fmt(r['evidence_s'])} "
			f"| {fmt(r['bare_sql_s'])} | {fmt(r['evidence_ratio'], 2)} | {fmt(r['ranking_s'])} "
			f"| {fmt(r['round60_s'])} | {fmt(r['recompute_peak_mib'], 1)} |"
		)
	return "\n".join(lines) + "\n"
