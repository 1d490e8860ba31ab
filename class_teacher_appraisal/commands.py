"""bench commands of the app: `bench --site <site> cta-load-demo`."""

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
		frappe.db.commit()
	finally:
		frappe.destroy()
	if summary["loaded"]:
		click.echo(
			f"Demo school loaded on {site}: {summary['classes']} classes, {summary['inspections']} inspections."
		)
	else:
		click.echo(f"Nothing to do on {site}: {summary['reason']}.")


commands = [load_demo]
