"""The load test's database check (benchmark/loadcheck.py): what the load generator logged against
the rows stored. It must pass when every submitted inspection is stored once and every saved edit
is kept, and name each missing, duplicated, unsent or misattributed inspection and each lost edit."""

import copy

from class_teacher_appraisal.benchmark import loadcheck

DAY = "2026-03-16"
A, B = "di001@load.invalid", "di002@load.invalid"


def round_event(inspector, name, classes, item="纪律", outcome="submitted", **extra):
	return {
		"kind": "round",
		"inspector": inspector,
		"item": item,
		"date": DAY,
		"classes": classes,
		"round": name,
		"outcome": outcome,
		**extra,
	}


def stored(classes, inspector, round_name, item="纪律", docstatus=1):
	return [
		{
			"class_record": c,
			"inspection_item": item,
			"inspection_date": DAY,
			"inspector": inspector,
			"inspection_round": round_name,
			"docstatus": docstatus,
		}
		for c in classes
	]


def edit(appraisal, value, outcome="saved"):
	return {"kind": "edit", "appraisal": appraisal, "criterion": "B-09", "value": value, "outcome": outcome}


def line(appraisal, points, entered=1):
	return {"parent": appraisal, "criterion_code": "B-09", "manual_points": points, "manual_entered": entered}


CLASSES_A = [f"LOAD 一年级({i})班" for i in range(1, 11)]
CLASSES_B = [f"LOAD 一年级({i})班" for i in range(11, 21)]
EVENTS = [
	round_event(A, "RND-1", CLASSES_A),
	round_event(B, "RND-2", CLASSES_B),
	edit("CTA-1", 7.5),
	edit("CTA-1", 8.0, outcome="refused"),
	edit("CTA-1", 9.0),
	edit("CTA-2", 6.5),
	{"kind": "recompute", "outcome": "done", "seconds": 3.2},
]
INSPECTIONS = stored(CLASSES_A, A, "RND-1") + stored(CLASSES_B, B, "RND-2")
ROUNDS = [
	{"name": "RND-1", "inspector": A, "docstatus": 1, "class_count": 10},
	{"name": "RND-2", "inspector": B, "docstatus": 1, "class_count": 10},
]
LINES = [line("CTA-1", 9.0), line("CTA-2", 6.5)]


def check(events=EVENTS, inspections=INSPECTIONS, rounds=ROUNDS, lines=LINES):
	return loadcheck.compare(
		copy.deepcopy(events), copy.deepcopy(inspections), copy.deepcopy(rounds), copy.deepcopy(lines)
	)


def test_everything_stored_once_passes():
	outcome = check()
	assert outcome.ok, outcome.problems
	assert outcome.figures["inspections_submitted"] == 20
	assert outcome.figures["inspections_stored_once"] == 20
	assert outcome.figures["edits_saved"] == 3
	assert outcome.figures["edits_refused_changed_meanwhile"] == 1
	assert outcome.figures["lines_edited"] == 2
	assert outcome.figures["recomputes_done"] == 1


def test_a_missing_inspection_is_named():
	outcome = check(inspections=INSPECTIONS[:-1])
	assert outcome.problems == [f"{CLASSES_B[-1]} / 纪律 / {DAY}: submitted by {B} in RND-2, but not stored"]


def test_a_duplicated_inspection_is_named():
	outcome = check(inspections=INSPECTIONS + stored(CLASSES_A[:1], A, "RND-9"))
	assert outcome.problems == [f"{CLASSES_A[0]} / 纪律 / {DAY}: stored 2 times (RND-1, RND-9)"]


def test_a_cancelled_inspection_does_not_count_as_stored():
	cancelled = INSPECTIONS[:-1] + stored(CLASSES_B[-1:], B, "RND-2", docstatus=2)
	assert check(inspections=cancelled).problems == [
		f"{CLASSES_B[-1]} / 纪律 / {DAY}: submitted by {B} in RND-2, but not stored"
	]


def test_an_inspection_never_sent_is_named():
	extra = stored(["LOAD 二年级(1)班"], A, "RND-7", item="卫生")
	assert check(inspections=INSPECTIONS + extra).problems == [
		f"LOAD 二年级(1)班 / 卫生 / {DAY}: stored (RND-7) but never sent"
	]


def test_a_round_the_client_saw_fail_but_was_stored_is_named():
	events = [
		*EVENTS[:1],
		round_event(B, "RND-2", CLASSES_B, outcome="failed", error="no answer"),
		*EVENTS[2:],
	]
	outcome = check(events=events)
	assert len(outcome.problems) == 10
	assert outcome.problems[0].endswith(f"although {B} was told the round failed (no answer)")
	assert outcome.figures["rounds_failed"] == 1


def test_stored_under_another_inspector_or_round_is_named():
	wrong = stored(CLASSES_A, B, "RND-1") + stored(CLASSES_B, B, "RND-3")
	problems = check(inspections=wrong).problems
	assert f"{CLASSES_A[0]} / 纪律 / {DAY}: stored as inspected by {B}, sent by {A}" in problems
	assert f"{CLASSES_B[0]} / 纪律 / {DAY}: stored in round RND-3, sent in RND-2" in problems


def test_a_round_stored_unsubmitted_is_named():
	rounds = [ROUNDS[0], {**ROUNDS[1], "docstatus": 0}]
	assert check(rounds=rounds).problems == [
		"round RND-2: stored with docstatus 0 and 10 classes, submitted with 10"
	]


def test_a_lost_edit_is_named():
	# the last saved value was 9.0; a recompute that wrote back an older value loses the edit
	outcome = check(lines=[line("CTA-1", 7.5), line("CTA-2", 6.5)])
	assert outcome.problems == ["CTA-1 B-09: the office saved 9.0, stored 7.5: the edit was lost"]
	assert outcome.figures["edits_lost"] == 1


def test_an_edit_whose_entry_was_cleared_is_lost():
	outcome = check(lines=[line("CTA-1", 9.0), line("CTA-2", 0, entered=0)])
	assert outcome.problems == ["CTA-2 B-09: the office saved 6.5, stored nothing entered: the edit was lost"]


def test_a_refused_edit_is_not_expected_to_be_stored():
	events = [edit("CTA-1", 9.0), edit("CTA-1", 4.0, outcome="refused")]
	assert check(events=events, inspections=[], rounds=[], lines=[line("CTA-1", 9.0)]).ok


def test_an_unfinished_recompute_is_a_problem():
	events = [*EVENTS, {"kind": "recompute", "outcome": "timeout"}]
	assert check(events=events).problems == ["a recompute did not finish: timeout"]


def test_locust_statistics_become_a_table(tmp_path):
	prefix = tmp_path / "run"
	head = (
		"Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,"
		"Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,"
		"50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%"
	)
	(tmp_path / "run_stats.csv").write_text(
		head
		+ "\nPOST,inspector: submit round (savedocs),60,0,180,200,90,950,500,0.1,0,180,200,220,240,300,420,700,800,950,950,950"
		+ "\n,Aggregated,1000,2,120,150,20,2600,900,1.7,0,120,140,160,170,250,380,600,900,2600,2600,2600\n"
	)
	(tmp_path / "run_failures.csv").write_text(
		"Method,Name,Error,Occurrences\nGET,teacher: login,HTTP 500 QueryDeadlockError,2\n"
	)
	rows = loadcheck.read_stats(f"{prefix}_stats.csv")
	assert [r.kind for r in rows] == ["inspector: submit round (savedocs)", "all requests"]
	assert (rows[0].requests, rows[0].median_ms, rows[0].p95_ms, rows[0].p99_ms) == (60, 180, 420, 800)
	table = loadcheck.stats_table(rows)
	assert "| inspector: submit round (savedocs) | 60 | 0 | 180 | 420 | 800 | 950 |" in table
	assert "| all requests | 1,000 | 2 | 120 | 380 | 900 | 2,600 |" in table
	assert loadcheck.read_failures(f"{prefix}_failures.csv") == {
		("teacher: login", "HTTP 500 QueryDeadlockError"): 2
	}
