"""A period's generate / recompute / award-flags as background jobs: queued once per period and
action, progress published to the period's form, safe to re-run, approved appraisals never
touched, and two recomputes of one period never interleave."""

import os
import threading
import time

import frappe
import pytest

from class_teacher_appraisal import appraisals, period_jobs
from tests.factories import appraisal_of, approve, fill_manual, inspect, lines_of, make_period, make_school

APPRAISAL = "Class Teacher Appraisal"


@pytest.fixture
def term():
	classes = make_school(3)
	period = make_period()
	for day, scores in (("2025-09-01", (10, 8, 6)), ("2025-09-08", (9, 10, 7))):
		for cls, score in zip(classes, scores, strict=True):
			inspect(cls, "卫生", day, score)
			inspect(cls, "纪律", day, score)
	return period, classes


@pytest.fixture
def published(monkeypatch):
	"""What the job tells the Desk: progress and realtime events."""
	sent = {"progress": [], "events": []}
	monkeypatch.setattr(
		frappe, "publish_progress", lambda percent, **kw: sent["progress"].append((percent, kw))
	)
	monkeypatch.setattr(
		frappe,
		"publish_realtime",
		lambda event=None, message=None, **kw: sent["events"].append((event, message, kw)),
	)
	return sent


@pytest.fixture
def queued(monkeypatch):
	"""frappe.enqueue as outside tests (nothing reaches Redis): records what would be queued."""
	calls = []
	monkeypatch.setattr(frappe.flags, "in_test", False)
	monkeypatch.setattr(frappe, "in_test", False, raising=False)  # Frappe 16 reads this one
	monkeypatch.setattr(frappe, "enqueue", lambda method, **kw: calls.append((method, kw)))
	return calls


def snapshot(period_name):
	rows = frappe.get_all(
		"Class Teacher Appraisal",
		filters={"appraisal_period": period_name},
		fields=["name", "total_score", "grade", "rank", "red_flags", "modified"],
		order_by="name",
	)
	lines = frappe.get_all(
		"Class Teacher Appraisal Line",
		filters={"parent": ["in", [r.name for r in rows]]},
		fields=["parent", "idx", "criterion_code", "points", "explanation"],
		order_by="parent, idx",
	)
	return rows, [tuple(line.values()) for line in lines]


def test_the_buttons_queue_one_background_job_per_period_and_action(term, queued, monkeypatch):
	period, _ = term
	monkeypatch.setattr(period_jobs, "is_job_enqueued", lambda job_id: False)
	assert period.recompute_appraisals() == {
		"queued": 1,
		"job_id": f"class_teacher_appraisal::recompute::{period.name}",
	}
	method, kw = queued[0]
	assert method == "class_teacher_appraisal.period_jobs.run"
	assert kw["queue"] == "long" and kw["deduplicate"] and kw["enqueue_after_commit"]
	assert kw["job_id"] == f"class_teacher_appraisal::recompute::{period.name}"
	assert (kw["period_name"], kw["action"]) == (period.name, "recompute")

	# A second click while that job is queued or running queues nothing more.
	monkeypatch.setattr(
		period_jobs, "is_job_enqueued", lambda job_id: job_id.endswith(f"recompute::{period.name}")
	)
	assert period.recompute_appraisals()["already_running"] == 1
	assert len(queued) == 1
	assert period.generate_appraisals()["queued"] == 1  # another action has its own job
	assert period.running_jobs() == ["Recomputing Appraisals"]


def test_only_users_who_may_edit_the_period_start_its_jobs(term, queued, as_user):
	period, _ = term
	for user in ("duty@example.cn", "teacher31@example.cn"):
		with as_user(user), pytest.raises(frappe.PermissionError):
			frappe.get_doc("Appraisal Period", period.name).run_method("recompute_appraisals")
	assert not queued


def test_the_job_publishes_its_progress_and_its_end_to_the_period(term, published):
	period, classes = term
	summary = period_jobs.run(period.name, "generate")
	assert summary["created"] == 3 and summary["recomputed"] == 3
	percents = [p for p, _ in published["progress"]]
	assert percents == sorted(percents) and percents[-1] == 100 and len(percents) >= 5
	assert all(
		kw["doctype"] == "Appraisal Period" and kw["docname"] == period.name
		for _, kw in published["progress"]
	)
	assert "Created 3 of 3 appraisals" in [kw["description"] for _, kw in published["progress"]]
	event, message, kw = [e for e in published["events"] if e[0] == period_jobs.DONE_EVENT][-1]
	assert (event, message["action"], message["summary"]["created"]) == (
		"appraisal_period_job",
		"generate",
		3,
	)
	assert kw["after_commit"]  # the form reloads once the results are committed
	assert appraisal_of(period.name, classes[0]).total_score > 0


def test_a_failing_job_tells_the_period_why(term, published):
	period, _ = term
	frappe.db.set_value("Appraisal Period", period.name, "rubric", None)
	with pytest.raises(frappe.ValidationError):
		period_jobs.run(period.name, "recompute")
	event, message, _ = published["events"][-1]
	assert message["failed"] == 1 and "has no rubric" in message["message"]


def test_recomputing_again_changes_nothing(term, published):
	period, _ = term
	period_jobs.run(period.name, "generate")
	before = snapshot(period.name)
	period_jobs.run(period.name, "recompute")
	period_jobs.run(period.name, "generate")  # nothing new to create: a recompute again
	after = snapshot(period.name)
	assert after[1] == before[1]  # same lines, same order, no duplicates
	assert [(r.total_score, r.rank) for r in after[0]] == [(r.total_score, r.rank) for r in before[0]]
	rubric_lines = frappe.db.count("Appraisal Rubric Criterion", {"parent": period.rubric})
	assert len(after[1]) == 3 * rubric_lines


def test_the_job_never_touches_approved_appraisals(term, published):
	period, classes = term
	period_jobs.run(period.name, "generate")
	approved = approve(fill_manual(appraisal_of(period.name, classes[2])))
	assert approved.docstatus == 1
	before = snapshot(period.name)
	draft_flags = lines_of(appraisal_of(period.name, classes[0]))["S1-01"].points
	for day in ("2025-09-15", "2025-09-22"):  # class 3 now wins every week
		for cls, score in zip(classes, (5, 6, 10), strict=True):
			inspect(cls, "卫生", day, score)
	summary = period_jobs.run(period.name, "recompute")
	assert summary == {"recomputed": 2, "approved_untouched": 1, "classes": 3}
	still = frappe.get_doc("Class Teacher Appraisal", approved.name)
	assert (still.total_score, still.modified) == (approved.total_score, approved.modified)
	assert [(ln.criterion_code, ln.points) for ln in still.lines] == [
		(ln.criterion_code, ln.points) for ln in approved.lines
	]
	assert lines_of(appraisal_of(period.name, classes[0]))["S1-01"].points != draft_flags
	assert snapshot(period.name)[0] != before[0]


# ------------------------------------------------------------------ concurrency
# These run on committed data (other connections cannot see a test's open transaction), so
# they build their own school and remove it afterwards.

YEAR = "并发测试"


def connect():
	frappe.init(site=os.environ["CTA_TEST_SITE"], sites_path=os.environ.get("CTA_SITES_PATH") or os.getcwd())
	frappe.connect()
	frappe.set_user("Administrator")


def in_thread(fn, results, key):
	def body():
		connect()
		try:
			results[key] = fn()
			frappe.db.commit()  # nosemgrep: each thread is its own request
		except Exception as e:
			frappe.db.rollback()
			results[key] = e
		finally:
			results[f"{key}_done"] = time.monotonic()
			frappe.destroy()

	thread = threading.Thread(target=body)
	thread.start()
	return thread


@pytest.fixture
def committed_term(db):
	from tests.factories import make_class

	classes = [make_class(f"六年级({i})班", 6, academic_year=YEAR).name for i in range(1, 5)]
	period = make_period("并发测试学期", "2024-09-02", "2024-12-29", academic_year=YEAR)
	for cls, score in zip(classes, (10, 9, 8, 7), strict=True):
		inspect(cls, "卫生", "2024-09-02", score)
	appraisals.generate(period.name)
	frappe.db.commit()  # nosemgrep: the other connections must see it
	yield period, classes
	frappe.db.rollback()
	names = frappe.get_all("Class Teacher Appraisal", {"appraisal_period": period.name}, pluck="name")
	for child in ("Class Teacher Appraisal Line", "Class Teacher Appraisal Section", "Appraisal Veto Case"):
		frappe.db.delete(child, {"parent": ["in", names or [""]]})
	frappe.db.delete("Class Teacher Appraisal", {"appraisal_period": period.name})
	inspections = frappe.get_all("Inspection", {"class_record": ["in", classes]}, pluck="name")
	frappe.db.delete("Inspection Incident", {"parent": ["in", inspections or [""]]})
	frappe.db.delete("Inspection", {"class_record": ["in", classes]})
	frappe.db.delete("Appraisal Period", period.name)
	frappe.db.delete("Class Record", {"academic_year": YEAR})
	frappe.db.commit()  # nosemgrep: removes what this test committed


@pytest.mark.commits
def test_a_recompute_waits_for_another_on_the_same_period(committed_term):
	period, _ = committed_term
	results, holding, release = {}, threading.Event(), threading.Event()

	def first():
		appraisals.lock_period(period.name)  # as a running recompute holds it
		holding.set()
		release.wait(10)
		return time.monotonic()

	a = in_thread(first, results, "first")
	assert holding.wait(10)
	b = in_thread(lambda: appraisals.recompute(period.name), results, "second")
	time.sleep(1.0)
	assert "second_done" not in results  # blocked on the period's lock
	release.set()
	a.join(20)
	b.join(20)
	assert results["second"]["recomputed"] == 4
	assert results["second_done"] >= results["first"]


@pytest.mark.commits
def test_two_recomputes_at_once_leave_every_appraisal_whole(committed_term):
	period, _ = committed_term
	results = {}
	threads = [in_thread(lambda: appraisals.recompute(period.name), results, key) for key in ("a", "b")]
	for thread in threads:
		thread.join(60)
	assert results["a"]["recomputed"] == results["b"]["recomputed"] == 4
	frappe.db.rollback()  # see what the threads committed
	names = frappe.get_all("Class Teacher Appraisal", {"appraisal_period": period.name}, pluck="name")
	criteria = frappe.db.count("Appraisal Rubric Criterion", {"parent": period.rubric})
	for name in names:
		lines = frappe.get_all("Class Teacher Appraisal Line", {"parent": name}, pluck="criterion_code")
		assert sorted(lines) == sorted(set(lines)) and len(lines) == criteria
	ranks = sorted(frappe.get_all("Class Teacher Appraisal", {"appraisal_period": period.name}, pluck="rank"))
	assert ranks[0] == 1 and len(ranks) == 4


@pytest.mark.commits
def test_points_typed_while_a_recompute_waits_for_its_lock_are_kept(committed_term):
	"""The job read something before its lock (as a worker does), so its snapshot predates the
	office's save; the hand inputs must still be read as committed, not from that snapshot."""
	period, classes = committed_term
	name = appraisal_of(period.name, classes[0]).name
	code = next(
		ln.criterion_code for ln in frappe.get_doc(APPRAISAL, name).lines if ln.rule_kind == "Manual Points"
	)
	results, saved, read_before_lock = {}, threading.Event(), threading.Event()

	def office():
		doc = frappe.get_doc(APPRAISAL, name)
		row = next(r for r in doc.lines if r.criterion_code == code)
		row.manual_points, row.manual_entered = 1.5, 1
		doc.save()  # holds the appraisal's row lock until this thread commits
		saved.set()
		read_before_lock.wait(10)
		time.sleep(0.5)  # the recompute now waits for the row
		return True

	def job():
		saved.wait(10)
		frappe.get_all("Inspection", limit=1)  # the transaction's snapshot starts here
		read_before_lock.set()
		return appraisals.recompute(period.name)

	threads = [in_thread(office, results, "office"), in_thread(job, results, "job")]
	for thread in threads:
		thread.join(60)
	assert results["office"] is True and results["job"]["recomputed"] == 4, results
	frappe.db.rollback()  # see what the threads committed
	line = frappe.get_all(
		"Class Teacher Appraisal Line",
		{"parent": name, "criterion_code": code},
		["manual_points", "manual_entered", "points"],
	)[0]
	assert (line.manual_points, line.manual_entered, line.points) == (1.5, 1, 1.5)
