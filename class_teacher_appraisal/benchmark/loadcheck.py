"""What the load test (scripts/loadtest) checks after the burst, in plain Python: the requests the
load generator logged (one JSON line per round it submitted and per hand-scored line the office
saved) against the rows the database holds, and Locust's statistics as a table.

Every inspection a round submitted must be stored exactly once, for its class, item and day, by
the inspector who sent it and in that round; nothing else may be stored for that day; and the
last value the office saved for a line must be the value stored (no edit lost to a recompute)."""

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

SUBMITTED, FAILED = "submitted", "failed"
SAVED, REFUSED = "saved", "refused"


class Key(NamedTuple):
	class_record: str
	item: str
	day: str


@dataclass
class Outcome:
	problems: list[str] = field(default_factory=list)
	figures: dict = field(default_factory=dict)

	@property
	def ok(self) -> bool:
		return not self.problems


def compare(events: list[dict], inspections: list[dict], rounds: list[dict], lines: list[dict]) -> Outcome:
	"""events: what the load generator logged; inspections: the stored Inspections of the burst
	day (class_record, inspection_item, inspection_date, inspector, inspection_round, docstatus);
	rounds: the stored Inspection Rounds of that day (name, inspector, docstatus, class_count);
	lines: the stored appraisal lines the office edited (parent, criterion_code, manual_points,
	manual_entered)."""
	out = Outcome()
	check_rounds(out, [e for e in events if e.get("kind") == "round"], inspections, rounds)
	check_edits(out, [e for e in events if e.get("kind") == "edit"], lines)
	recomputes = [e for e in events if e.get("kind") == "recompute"]
	out.figures["recomputes_done"] = sum(1 for e in recomputes if e.get("outcome") == "done")
	out.figures["recomputes_failed"] = sum(1 for e in recomputes if e.get("outcome") != "done")
	for e in recomputes:
		if e.get("outcome") != "done":
			out.problems.append(f"a recompute did not finish: {e.get('error') or e.get('outcome')}")
	return out


def check_rounds(out: Outcome, sent: list[dict], inspections: list[dict], rounds: list[dict]) -> None:
	expected: dict[Key, dict] = {}
	failed_keys: dict[Key, dict] = {}
	for e in sent:
		keys = [Key(c, e["item"], str(e["date"])) for c in e["classes"]]
		if e.get("outcome") == SUBMITTED:
			for key in keys:
				if key in expected:
					out.problems.append(
						f"{fmt(key)} was accepted twice: rounds {expected[key]['round']} and {e['round']}"
					)
				expected[key] = e
		else:
			failed_keys.update((key, e) for key in keys)
	stored: dict[Key, list[dict]] = defaultdict(list)
	for row in inspections:
		if row["docstatus"] == 1:
			stored[Key(row["class_record"], row["inspection_item"], str(row["inspection_date"]))].append(row)
	found = 0
	for key, e in expected.items():
		rows = stored.get(key, [])
		if not rows:
			out.problems.append(f"{fmt(key)}: submitted by {e['inspector']} in {e['round']}, but not stored")
			continue
		if len(rows) > 1:
			out.problems.append(
				f"{fmt(key)}: stored {len(rows)} times ({', '.join(r['inspection_round'] or '-' for r in rows)})"
			)
		found += 1
		row = rows[0]
		if row["inspector"] != e["inspector"]:
			out.problems.append(
				f"{fmt(key)}: stored as inspected by {row['inspector']}, sent by {e['inspector']}"
			)
		if row["inspection_round"] != e["round"]:
			out.problems.append(
				f"{fmt(key)}: stored in round {row['inspection_round']}, sent in {e['round']}"
			)
	for key in sorted(set(stored) - set(expected)):
		rows = stored[key]
		if key in failed_keys:
			e = failed_keys[key]
			out.problems.append(
				f"{fmt(key)}: stored ({rows[0]['inspection_round']}) although {e['inspector']} was told the round failed"
				f" ({e.get('error') or 'no answer'})"
			)
		else:
			out.problems.append(f"{fmt(key)}: stored ({rows[0]['inspection_round']}) but never sent")
	by_name = {r["name"]: r for r in rounds}
	for e in sent:
		if e.get("outcome") != SUBMITTED:
			continue
		stored_round = by_name.get(e["round"])
		if stored_round is None:
			out.problems.append(f"round {e['round']} of {e['inspector']} is not stored")
		elif stored_round["docstatus"] != 1 or stored_round["class_count"] != len(e["classes"]):
			out.problems.append(
				f"round {e['round']}: stored with docstatus {stored_round['docstatus']} and {stored_round['class_count']}"
				f" classes, submitted with {len(e['classes'])}"
			)
	out.figures.update(
		rounds_sent=len(sent),
		rounds_submitted=sum(1 for e in sent if e.get("outcome") == SUBMITTED),
		rounds_failed=sum(1 for e in sent if e.get("outcome") != SUBMITTED),
		rounds_left_as_drafts=sum(1 for r in rounds if r["docstatus"] == 0),
		inspections_submitted=len(expected),
		inspections_stored_once=sum(1 for key in expected if len(stored.get(key, [])) == 1),
		inspections_stored=sum(len(rows) for rows in stored.values()),
		inspections_found=found,
	)


def check_edits(out: Outcome, sent: list[dict], lines: list[dict]) -> None:
	"""The office's last saved value of each line is the value stored (events in the order sent)."""
	last: dict[tuple[str, str], dict] = {}
	for e in sent:
		if e.get("outcome") == SAVED:
			last[(e["appraisal"], e["criterion"])] = e
	stored = {(r["parent"], r["criterion_code"]): r for r in lines}
	lost = 0
	for (appraisal, criterion), e in sorted(last.items()):
		row = stored.get((appraisal, criterion))
		if row is None:
			out.problems.append(f"{appraisal} {criterion}: the line the office saved is gone")
			lost += 1
		elif not row["manual_entered"] or abs(float(row["manual_points"]) - float(e["value"])) > 1e-6:
			out.problems.append(
				f"{appraisal} {criterion}: the office saved {e['value']}, stored "
				f"{row['manual_points'] if row['manual_entered'] else 'nothing entered'}: the edit was lost"
			)
			lost += 1
	out.figures.update(
		edits_saved=sum(1 for e in sent if e.get("outcome") == SAVED),
		edits_refused_changed_meanwhile=sum(1 for e in sent if e.get("outcome") == REFUSED),
		edits_failed=sum(1 for e in sent if e.get("outcome") not in (SAVED, REFUSED)),
		lines_edited=len(last),
		edits_lost=lost,
	)


def fmt(key: Key) -> str:
	return f"{key.class_record} / {key.item} / {key.day}"


# ------------------------------------------------------------------ Locust's statistics


class Row(NamedTuple):
	kind: str
	requests: int
	failures: int
	median_ms: float
	p95_ms: float
	p99_ms: float
	max_ms: float
	rps: float


def read_stats(path: str) -> list[Row]:
	"""The rows of Locust's `<prefix>_stats.csv` (one per request kind, then "Aggregated")."""
	rows = []
	with open(path, newline="") as f:
		for r in csv.DictReader(f):
			rows.append(
				Row(
					kind=r["Name"] if r["Name"] != "Aggregated" else "all requests",
					requests=int(r["Request Count"]),
					failures=int(r["Failure Count"]),
					median_ms=num(r["50%"]),
					p95_ms=num(r["95%"]),
					p99_ms=num(r["99%"]),
					max_ms=num(r["Max Response Time"]),
					rps=num(r["Requests/s"]),
				)
			)
	return rows


def num(value: str) -> float:
	try:
		return float(value)
	except (TypeError, ValueError):
		return 0.0


def stats_table(rows: list[Row]) -> str:
	lines = [
		"| request kind | requests | errors | p50 ms | p95 ms | p99 ms | max ms |",
		"| --- | --- | --- | --- | --- | --- | --- |",
	]
	for r in rows:
		lines.append(
			f"| {r.kind} | {r.requests:,} | {r.failures} | {r.median_ms:,.0f} | {r.p95_ms:,.0f} "
			f"| {r.p99_ms:,.0f} | {r.max_ms:,.0f} |"
		)
	return "\n".join(lines) + "\n"


def read_failures(path: str) -> Counter:
	"""Locust's `<prefix>_failures.csv`: (kind, error) -> occurrences."""
	found: Counter = Counter()
	try:
		with open(path, newline="") as f:
			for r in csv.DictReader(f):
				found[(r["Name"], r["Error"])] += int(r["Occurrences"])
	except FileNotFoundError:
		pass
	return found
