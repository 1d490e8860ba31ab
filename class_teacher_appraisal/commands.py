"""bench commands of the app: `bench --site <site> cta-load-demo`, and the benchmark
`bench --site <benchmark site> cta-benchmark` (scripts/benchmark runs it on a site of its own), and the
load test's `cta-loadtest-prepare` and `cta-loadtest-check` (scripts/loadtest, on a site of its own)."""

import click
import frappe
from frappe.commands import get_site, pass_context


@click.command("cta-load-demo")
@pass_context
def load_demo(context):
	"""Load the demo school (12 classes, a term of inspections, appraisals) into the site."""
	from class_teacher_appraisal import demo

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		summary = demo.load()
		# nosemgrep: frappe-manual-commit — a bench command: the CLI connection does not commit by itself
		frappe.db.commit()
	finally:
		frappe.destroy()
	if summary["loaded"]:
		click.echo(
			f"Demo school loaded on {site}: {summary['classes']} classes, {summary['inspections']} inspections."
		)
	else:
		click.echo(f"Nothing to do on {site}: {summary['reason']}.")


@click.command("cta-benchmark")
@click.option("--sizes", default="30,120,600", help="School sizes in classes, comma-separated")
@click.option("--days", default=100, type=int, help="School days in the term")
@click.option("--out", default=None, help="Folder for benchmark.md, benchmark.json and the profile")
@click.option("--profile", is_flag=True, help="Profile the largest recompute with pyinstrument")
@click.option("--yes", is_flag=True, help="Confirm that the site's appraisal data may be emptied")
@pass_context
def benchmark(context, sizes, days, out, profile, yes):
	"""Build synthetic schools and time entering, recomputing and ranking (empties the site's data)."""
	from class_teacher_appraisal import benchmark as bench

	if not yes:
		raise click.UsageError("the benchmark empties this site's inspections and appraisals: pass --yes")
	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		bench.run(tuple(int(n) for n in sizes.split(",")), days, out, profile)
	finally:
		frappe.destroy()


@click.command("cta-loadtest-prepare")
@click.option("--classes", default=300, type=int, help="Classes, each with a class teacher who logs in")
@click.option(
	"--inspectors", default=60, type=int, help="Duty inspectors, each submitting rounds of 10 classes"
)
@click.option("--rounds", default=1, type=int, help="Rounds each inspector submits on the burst day")
@click.option("--days", default=10, type=int, help="School days of inspections before the burst day")
@click.option("--password", default=None, help="The load users' password")
@click.option("--plan", "plan_path", required=True, help="Where to write the plan the load generator follows")
@pass_context
def loadtest_prepare(context, classes, inspectors, rounds, days, password, plan_path):
	"""Build the load test's school on this site (once per size) and empty the burst day."""
	from class_teacher_appraisal.benchmark import load

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		plan = load.prepare(
			classes,
			inspectors,
			rounds,
			days,
			password=password or load.DEFAULT_PASSWORD,
			plan_path=plan_path,
			commit=frappe.db.commit,  # stage by stage: 360 accounts take minutes on a busy machine
		)
		# nosemgrep: frappe-manual-commit — a bench command: the CLI connection does not commit by itself
		frappe.db.commit()
	finally:
		frappe.destroy()
	click.echo(
		f"Load school ready on {site}: {len(plan['teachers'])} classes and teachers, "
		f"{len(plan['inspectors'])} inspectors, burst day {plan['burst_day']} emptied "
		f"({plan['emptied_inspections']} inspections taken away); plan: {plan_path}"
	)


@click.command("cta-loadtest-check")
@click.option("--plan", "plan_path", required=True)
@click.option("--events", "events_path", required=True, help="What the load generator logged (JSON lines)")
@click.option("--csv", "csv_prefix", required=True, help="Locust's --csv prefix")
@click.option("--params", default="{}", help="The run's parameters (JSON), for the report")
@click.option("--out", "out_dir", required=True)
@pass_context
def loadtest_check(context, plan_path, events_path, csv_prefix, params, out_dir):
	"""Report the load test's figures and check the database against what was sent."""
	import json

	from class_teacher_appraisal.benchmark import load

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		text, passed = load.report(plan_path, events_path, csv_prefix, json.loads(params), out_dir)
	finally:
		frappe.destroy()
	click.echo(text)
	if not passed:
		raise click.ClickException("the load test had errors or the database check failed (see above)")


@click.command("cta-snapshot")
@click.option("--out", help="Write the site's snapshot (JSON) to this file")
@click.option("--compare", "compare_with", help="Compare the site with this snapshot; exit 1 if it differs")
@pass_context
def snapshot(context, out, compare_with):
	"""What a restore must reproduce: every appraisal (total, lines, workflow state, every field), the
	app's record counts and the files (scripts/restore-check)."""
	import json

	from class_teacher_appraisal.backups import compare, snapshot

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		taken = snapshot.take()
	finally:
		frappe.destroy()
	click.echo(f"{site}: {compare.summary(taken)}")
	if out:
		with open(out, "w") as f:
			json.dump(taken, f, ensure_ascii=False, sort_keys=True)
	if compare_with:
		with open(compare_with) as f:
			expected = json.load(f)
		found = compare.differences(expected, taken)
		if found:
			click.echo("\n".join(f"  {line}" for line in found))
			raise click.ClickException(f"{site} differs from {expected.get('site')} ({compare_with})")
		click.echo(f"{site} is the same as {expected.get('site')} was (taken {expected.get('taken_at')})")


@click.command("cta-benchmark-county")
@click.option("--schools", default=100, type=int, help="Schools of the county")
@click.option("--classes", default=40, type=int, help="Classes of each school")
@click.option("--days", default=100, type=int, help="School days in the term")
@click.option("--workers", default="1,2", help="Long-queue workers to time the recompute with, e.g. 1,2")
@click.option("--build-only", is_flag=True, help="Build the county (and its logins plan) without timing")
@click.option("--measure-only", is_flag=True, help="Time the county an earlier run built, without building")
@click.option("--password", default=None, help="The bureau's, offices' and principals' password")
@click.option("--out", default=None, help="Folder for county.md, county.json and county-plan.json")
@click.option("--yes", is_flag=True, help="Confirm that the site's appraisal data may be emptied")
@pass_context
def benchmark_county(context, schools, classes, days, workers, build_only, measure_only, password, out, yes):
	"""Build a county (N schools × M classes) and time its recompute and ranking (empties the site's data)."""
	from class_teacher_appraisal.benchmark import county

	if not yes:
		raise click.UsageError("the county benchmark empties this site's appraisal data: pass --yes")
	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		county.run(
			schools,
			classes,
			days,
			tuple(int(n) for n in workers.split(",") if n.strip()),
			out,
			build_only,
			password or county.DEFAULT_PASSWORD,
			measure_only,
		)
	finally:
		frappe.destroy()


commands = [load_demo, benchmark, loadtest_prepare, loadtest_check, snapshot, benchmark_county]
