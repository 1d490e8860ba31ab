"""The read replica demonstration (scripts/replica-demo; README, "Beyond one machine").

Run by the bench's Python as a plain script (no site connection): logs in to the site over HTTP as
a user, runs the app's reports through Frappe's report endpoint (`frappe.desk.query_report.run`,
marked `@frappe.read_only()` by Frappe) and the app's read-only endpoints, then saves one change
(the office enters hand-scored points on an appraisal, as the Desk does). With `read_from_replica`
in the site's config, the reads go to the replica and the save to the primary.

`statements_by_user` reads the replica's general log afterwards: which statements each database
user sent to the replica (the replication thread's row events are not logged there)."""

import argparse
import http.cookiejar
import json
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict

WRITES = ("insert", "update", "delete", "replace", "create", "alter", "drop", "truncate", "rename", "grant")

_OPENER = re.compile(r"^/\*M?!\d*\s*")
_TABLE = re.compile(r"\b(?:from|join)\s+`(tab[^`]+)`", re.I)
_ENTRY = re.compile(
	r"^(?:\d{6}\s+\d{1,2}:\d{2}:\d{2})?\s+(\d+)\s+(Connect|Query|Quit|Init DB|Execute|Prepare)\t?(.*)$"
)


def statements(log_text: str) -> list[tuple[str, str]]:
	"""(database user, statement) of every Query and Execute in a MariaDB general log, in order."""
	user_of: dict[str, str] = {}
	out: list[tuple[str, str]] = []
	current: list[str] | None = None  # [thread id, statement so far]
	for line in log_text.splitlines():
		m = _ENTRY.match(line)
		if not m:
			if current is not None:
				current[1] += "\n" + line
			continue
		if current is not None:
			out.append((user_of.get(current[0], "?"), current[1]))
			current = None
		thread, command, argument = m.groups()
		if command == "Connect":
			user_of[thread] = argument.split("@", 1)[0].strip()
		elif command in ("Query", "Execute"):
			current = [thread, argument]
	if current is not None:
		out.append((user_of.get(current[0], "?"), current[1]))
	return out


def kind_of(statement: str) -> str:
	"""A statement's first word (after a leading /*!…*/ version comment's opener), lower case;
	SELECT … FOR UPDATE apart."""
	text = _OPENER.sub("", statement.strip(), count=1)
	words = text.split(None, 1)
	kind = words[0].lower().lstrip("(") if words else ""
	if kind == "select" and re.search(r"\bfor\s+update\b", text, re.I):
		kind = "select … for update"
	return kind


def statements_by_user(log_text: str) -> dict[str, Counter]:
	"""user -> Counter of statement kinds (select, select … for update, set, insert, …)."""
	found: dict[str, Counter] = defaultdict(Counter)
	for user, statement in statements(log_text):
		found[user][kind_of(statement)] += 1
	return dict(found)


def tables_read(log_text: str, user: str) -> Counter:
	"""How many of the user's statements read each table (FROM or JOIN)."""
	found: Counter = Counter()
	for who, statement in statements(log_text):
		if who == user:
			found.update(set(_TABLE.findall(statement)))
	return found


def writes(counts: Counter) -> int:
	return sum(n for kind, n in counts.items() if kind in WRITES)


# ------------------------------------------------------------------ the requests


class Site:
	def __init__(self, url: str):
		self.url = url.rstrip("/")
		self.opener = urllib.request.build_opener(
			urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
		)

	def call(self, path: str, data: dict | None = None, params: dict | None = None) -> tuple[int, dict]:
		url = self.url + path + ("?" + urllib.parse.urlencode(params) if params else "")
		body = urllib.parse.urlencode(data).encode() if data is not None else None
		try:
			with self.opener.open(urllib.request.Request(url, data=body), timeout=120) as r:
				return r.status, json.loads(r.read() or b"{}")
		except urllib.error.HTTPError as e:
			try:
				return e.code, json.loads(e.read() or b"{}")
			except ValueError:
				return e.code, {}


def reports(period: str, week: str, teacher: str, day: str) -> list[tuple[str, dict]]:
	"""The app's reports with filters of the load school (reports a site does not have are skipped)."""
	return [
		("Appraisal Ranking", {"appraisal_period": period}),
		("Weekly Inspection Bulletin", {"week": week}),
		("Red Flag Tally", {"appraisal_period": period}),
		("Teacher History", {"class_teacher": teacher}),
		("Quota Progress", {"appraisal_period": period}),
		("Inspection Coverage", {"date": day}),
		("Inspector Consistency", {"from_date": week, "to_date": day}),
		("County Ranking", {"appraisal_period": period}),
	]


def endpoints(day: str) -> list[tuple[str, dict]]:
	"""Read-only endpoints (`@frappe.read_only()`): the app's and the Desk's list view."""
	return [
		(
			"class_teacher_appraisal.rounds.classes_to_inspect",
			{"inspection_date": day, "inspection_item": "卫生"},
		),
		("class_teacher_appraisal.dashboard.appraisals_waiting_for_me", {}),
		("class_teacher_appraisal.dashboard.red_flags_this_week", {}),
		("class_teacher_appraisal.dashboard.open_appeals", {}),
		("class_teacher_appraisal.api.get_count", {"doctype": "Class Teacher Appraisal"}),
		(
			"frappe.desk.reportview.get",
			{
				"doctype": "Class Teacher Appraisal",
				"fields": json.dumps(["name", "class_name", "total_score", "grade"]),
				"page_length": 100,
			},
		),
	]


def run(
	url: str,
	user: str,
	password: str,
	period: str,
	week: str,
	teacher: str,
	day: str,
	appraisal: str,
	criterion: str,
) -> dict:
	site = Site(url)
	status, body = site.call("/api/method/login", {"usr": user, "pwd": password})
	if status != 200:
		sys.exit(f"cannot log in as {user}: HTTP {status}")
	done = {"reports": [], "skipped": [], "endpoints": [], "write": None}
	for name, filters in reports(period, week, teacher, day):
		start = time.perf_counter()
		status, body = site.call(
			"/api/method/frappe.desk.query_report.run",
			params={"report_name": name, "filters": json.dumps(filters)},
		)
		if status in (403, 404) or (status != 200 and "DoesNotExistError" in json.dumps(body)):
			done["skipped"].append({"report": name, "status": status})  # not on this site, or not this user's
			continue
		rows = len((body.get("message") or {}).get("result") or [])
		done["reports"].append(
			{
				"report": name,
				"status": status,
				"rows": rows,
				"ms": round((time.perf_counter() - start) * 1000),
			}
		)
	for method, params in endpoints(day):
		start = time.perf_counter()
		status, body = site.call(f"/api/method/{method}", params=params)
		done["endpoints"].append(
			{"method": method, "status": status, "ms": round((time.perf_counter() - start) * 1000)}
		)
	done["write"] = save_hand_points(site, appraisal, criterion)
	return done


def save_hand_points(site: Site, appraisal: str, criterion: str) -> dict:
	"""The office enters a line's hand-scored points and saves, as the Desk does (form, save)."""
	status, body = site.call(
		"/api/method/frappe.desk.form.load.getdoc",
		params={"doctype": "Class Teacher Appraisal", "name": appraisal},
	)
	if status != 200:
		return {"status": status, "error": "cannot open the appraisal"}
	doc = body["docs"][0]
	line = next(r for r in doc["lines"] if r["criterion_code"] == criterion)
	value = 7.5 if line.get("manual_points") != 7.5 else 8.5
	line["manual_points"], line["manual_entered"] = value, 1
	status, body = site.call(
		"/api/method/frappe.desk.form.save.savedocs", {"doc": json.dumps(doc), "action": "Save"}
	)
	return {"status": status, "appraisal": appraisal, "criterion": criterion, "value": value}


def main(argv=None):
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	sub = parser.add_subparsers(dest="command", required=True)
	calls = sub.add_parser("calls", help="log in and run the reports, the read-only endpoints and one save")
	for option in ("url", "user", "password", "period", "week", "teacher", "day", "appraisal", "criterion"):
		calls.add_argument(f"--{option}", required=True)
	log = sub.add_parser("log", help="statements per database user in a general log (from an offset)")
	log.add_argument("--file", required=True)
	log.add_argument("--offset", type=int, default=0)
	log.add_argument("--user", help="also the tables this database user's statements read")
	args = vars(parser.parse_args(argv))
	if args.pop("command") == "calls":
		print(json.dumps(run(**args), ensure_ascii=False))
	else:
		with open(args["file"], "rb") as f:
			f.seek(args["offset"])
			text = f.read().decode("utf-8", errors="replace")
		counts = statements_by_user(text)
		result = {"statements": {user: dict(c) for user, c in counts.items()}}
		if args["user"]:
			result["tables"] = dict(tables_read(text, args["user"]).most_common(10))
		print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
	main()
