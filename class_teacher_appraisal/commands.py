"""bench commands of the app: `bench --site <site> cta-load-demo`, and the benchmark
`bench --site <benchmark site> cta-benchmark` (scripts/benchmark runs it on a site of its own)."""

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


commands = [load_demo, benchmark]
