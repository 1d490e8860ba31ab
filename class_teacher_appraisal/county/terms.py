"""A county term: every school's Appraisal Period of the same Period Type, Start Date and End Date.

The bureau publishes a term's dates (S7: results monthly, summed each term); each school appraises
its own classes in its own period of those dates (created by its office, or by the System Manager
for every school), usually of the same name. Periods are grouped by their dates, not their names,
so a school that names its period its own way is still in the term. A period without a school (a
site of one school) is a term of its own.

The bureau (or the System Manager) recomputes a whole term at once: one *Recompute Appraisals* job
per period on the long queue (period_jobs: the same job, lock and progress as the period's own
button), so that as many workers as the site runs recompute schools side by side."""

import frappe
from frappe import _
from frappe.utils import get_datetime, now_datetime

from class_teacher_appraisal import period_jobs
from class_teacher_appraisal.county import schools
from class_teacher_appraisal.html_text import text
from class_teacher_appraisal.names import BUREAU, PERIOD, SYSTEM_MANAGER

COUNTY_ROLES = {BUREAU, SYSTEM_MANAGER}
PERIOD_FIELDS = ["name", "period_name", "school", "period_type", "start_date", "end_date", "rubric"]


def require_county_role():
	"""The county's actions and ranking are the bureau's and the System Manager's."""
	user = frappe.session.user
	if user != "Administrator" and not COUNTY_ROLES & set(frappe.get_roles(user)):
		frappe.throw(
			_("Only the Education Bureau and the System Manager rank and recompute the county."),
			exc=frappe.PermissionError,
			title=_("Not Permitted"),
		)


def term_of(period: str | None) -> frappe._dict:
	"""The term a period belongs to: its type and dates."""
	if not period:
		frappe.throw(_("Choose an appraisal period of the term."), title=_("Missing Filter"))
	found = frappe.db.get_value(PERIOD, period, PERIOD_FIELDS, as_dict=True)
	if not found or not schools.allowed(found.school, doctype=PERIOD):
		frappe.throw(
			_("Appraisal period {0} does not exist.").format(text(period)),
			exc=frappe.DoesNotExistError,
			title=_("Missing Filter"),
		)
	return found


def term_periods(period: str | None) -> list[frappe._dict]:
	"""Every period of the term of the given period, one per school (of the user's schools)."""
	term = term_of(period)
	filters = {"period_type": term.period_type, "start_date": term.start_date, "end_date": term.end_date}
	if not term.school:
		filters = {"name": term.name}  # a period without a school is a term of its own
	else:
		filters["school"] = ["is", "set"]
	found = frappe.get_all(
		PERIOD,
		filters=filters,
		fields=[*PERIOD_FIELDS, "last_recomputed_on", "appraisal_count"],
		order_by="school asc, name asc",
	)
	return [p for p in found if schools.allowed(p.school, doctype=PERIOD)]


@frappe.whitelist(methods=["POST"])
def recompute_term(period: str | None = None) -> dict:
	"""Queues *Recompute Appraisals* for every school's period of the term (one job each, on the
	long queue); a period whose job is already queued or running is not queued again."""
	require_county_role()
	periods = term_periods(period)
	started = now_datetime()
	queued, running, results = [], [], {}
	for p in periods:
		if not p.rubric:
			continue
		result = period_jobs.start(p.name, "recompute")
		if result.get("already_running"):
			running.append(p.name)
		else:
			queued.append(p.name)
			results[p.name] = result
	return {
		"periods": len(periods),
		"queued": len(queued),
		"already_running": len(running),
		"started_on": str(started),
		# in tests (and with the job run at once) each period's summary
		**({"summaries": results} if frappe.flags.in_test else {}),
	}


@frappe.whitelist(methods=["GET"])
@frappe.read_only()
def term_progress(period: str | None = None, since: str | None = None) -> dict:
	"""How far the term's recompute is: periods whose job is still queued or running, those
	recomputed since `since` (when the button was pressed), and the others (not yet, or failed:
	the Error Log says why)."""
	require_county_role()
	periods = term_periods(period)
	try:
		since_dt = get_datetime(since) if since else None
	except (ValueError, TypeError, OverflowError):
		frappe.throw(
			_("{0} is not a date and time.").format(text(str(since)[:40])), title=_("Invalid Filter")
		)
	running, done, other = [], [], []
	for p in periods:
		if set(period_jobs.running(p.name)) & {"recompute", "generate"}:
			running.append(p.name)
		elif since_dt and p.last_recomputed_on and get_datetime(p.last_recomputed_on) >= since_dt:
			done.append(p.name)
		else:
			other.append(p.name)
	return {
		"periods": len(periods),
		"running": len(running),
		"done": len(done),
		"not_recomputed": other,
	}
