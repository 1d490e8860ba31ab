"""A period's long work (generating, recomputing, awarding red flags) as background jobs.

One job id per period and action: a second click while the job is queued or running does not
queue another (Frappe's `deduplicate`). Different actions on the same period, or the same
action from two sites' workers, still meet at `utils.lock_period` (SELECT ... FOR UPDATE),
so they run one after the other. The job reports its progress to everyone who has the period
open, and says when it is done or why it failed."""

import frappe
from frappe import _
from frappe.utils.background_jobs import is_job_enqueued

from class_teacher_appraisal import appraisals
from class_teacher_appraisal.names import PERIOD

DONE_EVENT = "appraisal_period_job"
ACTIONS = {
	"generate": appraisals.generate,
	"recompute": appraisals.recompute,
	"award_flags": appraisals.award_flags,
}


def title(action: str) -> str:
	return {
		"generate": _("Generating Appraisals"),
		"recompute": _("Recomputing Appraisals"),
		"award_flags": _("Awarding Weekly Red Flags"),
	}[action]


def job_id(period_name: str, action: str) -> str:
	return f"class_teacher_appraisal::{action}::{period_name}"


def start(period_name: str, action: str) -> dict:
	"""Queues the action on the long queue once it is committed. Returns {"queued": 1} or,
	while the same job is still queued or running, {"already_running": 1}. In tests (and with
	now=True) the job runs at once and its summary is returned."""
	if action not in ACTIONS:
		frappe.throw(_("Unknown period action {0}.").format(action))
	jid = job_id(period_name, action)
	if is_job_enqueued(jid):
		return {"already_running": 1, "job_id": jid}
	result = frappe.enqueue(
		"class_teacher_appraisal.period_jobs.run",
		queue="long",
		timeout=3600,
		job_id=jid,
		deduplicate=True,
		enqueue_after_commit=True,
		now=bool(frappe.flags.in_test),
		period_name=period_name,
		action=action,
	)
	if frappe.flags.in_test:
		return result
	return {"queued": 1, "job_id": jid}


def run(period_name: str, action: str) -> dict:
	"""The job: runs the action, publishing progress; the worker commits (or rolls back) after it."""

	def progress(percent: int, stage: str):
		frappe.publish_progress(
			percent, title=title(action), doctype=PERIOD, docname=period_name, description=stage
		)

	in_worker = not frappe.flags.in_test  # (in tests the job runs at once, in the test's transaction)
	if in_worker:
		read_committed()
	try:
		if action == "award_flags":
			progress(10, _("Ranking the classes week by week"))
			summary = ACTIONS[action](period_name)
			progress(100, _("Done"))
		else:
			summary = ACTIONS[action](period_name, progress=progress)
	except Exception as e:
		if in_worker and isinstance(e, frappe.QueryDeadlockError):
			# a deadlock despite read_committed: the worker runs the job again (Frappe's retry)
			raise frappe.RetryBackgroundJobError(str(e)) from e
		# A message the office can act on (e.g. no rubric); anything else is in the Error Log.
		message = str(e) if isinstance(e, frappe.ValidationError) else _("See the Error Log for details.")
		frappe.publish_realtime(
			DONE_EVENT,
			{"action": action, "failed": 1, "message": message},
			doctype=PERIOD,
			docname=period_name,
		)
		raise
	frappe.publish_realtime(
		DONE_EVENT,
		{"action": action, "summary": summary},
		doctype=PERIOD,
		docname=period_name,
		after_commit=True,
	)
	return summary


def read_committed():
	"""The job's transaction reads committed rows and locks no gaps (READ COMMITTED). Jobs of many
	periods run side by side (a county's recompute: one job per school); under InnoDB's default
	REPEATABLE READ, deleting a period's child rows locks the index gaps around them, and two schools'
	jobs writing neighbouring rows deadlocked (2 of 100 with 2 workers; docs/benchmarks.md). Jobs of
	one period still run one after the other (utils.lock_period), and the hand inputs are read with
	locking reads after that lock, as before. The connection's next transactions (after the job's
	commit) are back at the default."""
	# nosemgrep: frappe-using-db-sql — the session's isolation level, no values
	frappe.db.sql("set session transaction isolation level read committed")
	frappe.db.rollback()  # nothing is written yet: the job's transaction starts at that level
	# nosemgrep: frappe-using-db-sql — see above: only the job's own transaction reads committed rows
	frappe.db.sql("set session transaction isolation level repeatable read")


def running(period_name: str) -> list[str]:
	"""The actions of the period that are queued or running now."""
	return [action for action in ACTIONS if is_job_enqueued(job_id(period_name, action))]
