"""Timings of one synthetic school: inserting its term, generating and recomputing its
appraisals, reading its evidence (against the bare grouped SQL over the same rows), the
ranking report, and saving an inspection round of 60 classes."""

import random
import resource
import statistics
import time
import tracemalloc
from datetime import timedelta

import frappe

from class_teacher_appraisal import appraisals, evidence
from class_teacher_appraisal.benchmark import school

REPEAT = 3


def timed(fn, *args, **kwargs) -> tuple[float, object]:
	start = time.perf_counter()
	result = fn(*args, **kwargs)
	return time.perf_counter() - start, result


def median_time(fn, repeat: int = REPEAT) -> float:
	return statistics.median(timed(fn)[0] for _ in range(repeat))


def build(n_classes: int, days: int) -> dict:
	"""Writes one school and its term; returns the insert timings."""
	classes = school.classes(n_classes)
	period = school.period(n_classes, days)
	frappe.db.commit()  # nosemgrep: frappe-manual-commit — benchmark set-up
	seconds, rows = timed(school.insert_term, classes, days, seed=n_classes)
	return {"classes": classes, "period": period, "inspections": rows, "insert_s": seconds}


def bare_sql_seconds(period, class_names: list[str]) -> tuple[float, int]:
	"""The lower bound: the very grouped SQL evidence.gather sends for inspections and incidents,
	rows fetched as plain tuples and not looked at."""
	inspections = evidence.inspections_query(period, class_names).get_sql()
	params = evidence.incidents_params(period, class_names)
	count = 0

	def run():
		nonlocal count
		# nosemgrep: frappe-using-db-sql — times the very SQL evidence.gather sends
		count = len(frappe.db.sql(inspections)) + len(frappe.db.sql(evidence.INCIDENTS_SQL, params))

	return median_time(run), count


def round_seconds(built: dict, size: int = 60) -> float:
	"""Saving and submitting an inspection round of `size` classes (scores and a few incidents),
	as the Desk does: insert, then submit. Median of three weekend dates of the term."""
	rng = random.Random(size)
	end = frappe.db.get_value("Appraisal Period", built["period"], "end_date")
	times = []
	for back in range(REPEAT):
		day = end - timedelta(days=1 + 7 * back)  # Saturdays: no daily inspections there
		entries = [
			{"class_record": c["name"], "score": rng.choice([8, 8.5, 9, 9.5, 10])}
			for c in built["classes"][:size]
		]
		for entry in entries[::10]:
			entry.update({"incident_type": "打架", "incident_count": 1})
		doc = frappe.get_doc(
			{
				"doctype": "Inspection Round",
				"inspection_date": day,
				"inspection_item": "纪律",
				"entries": entries,
			}
		)
		start = time.perf_counter()
		doc.insert()
		doc.submit()
		times.append(time.perf_counter() - start)
		frappe.db.commit()  # nosemgrep: frappe-manual-commit — each round is its own request
	return statistics.median(times)


def ranking_seconds(period: str) -> float | None:
	try:
		from class_teacher_appraisal.class_teacher_appraisal.report.appraisal_ranking.appraisal_ranking import (
			execute,
		)
	except ImportError:  # the report is not there yet
		return None
	return median_time(lambda: execute({"appraisal_period": period}))


def peak_mib(fn) -> float:
	"""Peak Python heap while fn runs (tracemalloc, so measured in a separate, untimed run)."""
	tracemalloc.start()
	try:
		fn()
		return tracemalloc.get_traced_memory()[1] / 2**20
	finally:
		tracemalloc.stop()


def measure(built: dict, days: int) -> dict:
	n = len(built["classes"])
	period_name = built["period"]
	generate_s, _ = timed(appraisals.generate, period_name)
	frappe.db.commit()  # nosemgrep: frappe-manual-commit — each step is its own request or job
	school.ratings(period_name, built["classes"], random.Random(n))
	frappe.db.commit()  # nosemgrep: frappe-manual-commit — see above

	def recompute():
		appraisals.recompute(period_name)
		frappe.db.commit()  # nosemgrep: frappe-manual-commit — the job commits its results

	recompute_s = median_time(recompute)
	period = appraisals.get_period(period_name)
	rubric_doc = frappe.get_doc("Appraisal Rubric", period.rubric)
	classes = appraisals.period_classes(period)
	evidence_s = median_time(lambda: evidence.gather(period, rubric_doc, classes))
	bare_s, groups = bare_sql_seconds(period, [c.name for c in classes])
	ranking_s = ranking_seconds(period_name)
	round_s = round_seconds(built) if n >= 60 else None
	return {
		"classes": n,
		"days": days,
		"inspections": built["inspections"],
		"insert_rows_per_s": built["inspections"] / built["insert_s"],
		"insert_s": built["insert_s"],
		"generate_s": generate_s,
		"recompute_s": recompute_s,
		"evidence_s": evidence_s,
		"bare_sql_s": bare_s,
		"evidence_groups": groups,
		"evidence_ratio": evidence_s / bare_s if bare_s else None,
		"ranking_s": ranking_s,
		"round60_s": round_s,
		"recompute_peak_mib": peak_mib(recompute),
		"max_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
		"recompute_us_per_class_day": recompute_s / (n * days) * 1e6,
	}
