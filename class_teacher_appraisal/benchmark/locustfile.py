"""The break-time burst, for Locust (scripts/loadtest runs it headless; docs/benchmarks.md).

Who does what, each person one Locust user following the plan `cta-loadtest-prepare` wrote:

- duty inspectors log in, open a new Inspection Round (the classes still to inspect), type the
  ten classes' scores, save the round over REST (`POST /api/resource/Inspection Round`) and
  submit it as the Desk does (`frappe.desk.form.save.savedocs`, action Submit), then stop;
- class teachers log in, open the Desk (`/app`), then every two minutes or so their class's form, its
  latest inspections, their appraisals and their appraisal's form (`getdoc`, `/api/resource`);
- the office: one member clicks *Recompute Appraisals* on the period (`run_doc_method`), and
  watches the job until it is done (the time from the click to the end is reported as its own
  kind), a few times during the burst; another enters hand-scored points on appraisals as the
  Desk does (form, live subtotals, save); a save refused because a recompute changed the
  appraisal meanwhile is reloaded and entered again, as a person would.

Everything that changes data is logged (one JSON line per round and per saved line) in
CTA_LOAD_EVENTS, which `cta-loadtest-check` compares with the database afterwards. Only the
standard library and Locust: it runs in Locust's own venv, not in the bench's."""

import itertools
import json
import os
import random
import time
from functools import partial

from locust import FastHttpUser, between, constant, events, task
from locust.exception import StopUser

PLAN = json.load(open(os.environ["CTA_LOAD_PLAN"]))
LOG = open(os.environ["CTA_LOAD_EVENTS"], "a", buffering=1)
ARRIVAL = float(os.environ.get("CTA_LOAD_ARRIVAL", "300"))  # seconds over which people arrive
TEACHER_WAIT = [float(x) for x in os.environ.get("CTA_LOAD_TEACHER_WAIT", "60,180").split(",")]
ENTRY_SECONDS = [float(x) for x in os.environ.get("CTA_LOAD_ENTRY_SECONDS", "20,60").split(",")]
RECOMPUTES = int(os.environ.get("CTA_LOAD_RECOMPUTES", "3"))
EDIT_WAIT = [float(x) for x in os.environ.get("CTA_LOAD_EDIT_WAIT", "5,15").split(",")]
POLL_SECONDS = 2
RECOMPUTE_KIND = "office: recompute job, click to done"
CONFLICT_KIND = "office: save refused, changed meanwhile (reloaded)"

_inspectors = iter(PLAN["inspectors"])
TEACHERS = PLAN["teachers"][: int(os.environ.get("CTA_LOAD_TEACHERS") or len(PLAN["teachers"]))]
_teachers = iter(TEACHERS)
_office = iter(PLAN["office"])
_appraisals = itertools.cycle(PLAN["edit_appraisals"])
_seq = itertools.count(1)


def log(**event):
	"""One line per change sent, in the order the answers came (the check keeps the last saved)."""
	LOG.write(json.dumps({"seq": next(_seq), "t": round(time.time(), 3), **event}, ensure_ascii=False) + "\n")


def exc_type(response) -> str:
	try:
		return response.json().get("exc_type") or ""
	except Exception:
		return ""


def error_text(response) -> str:
	"""Frappe's message of a failed request, short (Locust groups failures by their text)."""
	if response.status_code == 0:
		return f"no answer: {response.error}"
	try:
		body = response.json()
	except Exception:
		return f"HTTP {response.status_code}"
	kind = body.get("exc_type") or ""
	messages = body.get("_server_messages")
	text = ""
	if messages:
		try:
			text = json.loads(json.loads(messages)[0]).get("message", "")
		except Exception:
			text = ""
	return f"HTTP {response.status_code} {kind} {text[:120]}".strip()


class Person(FastHttpUser):
	abstract = True
	weight = 0  # everyone is counted (fixed_count): nobody is added by weight
	kind = "person"
	network_timeout = 180.0
	connection_timeout = 30.0

	def arrive(self, window: float):
		"""People arrive during the break, not all in the same second."""
		self.wait_seconds(random.uniform(0, window))

	def wait_seconds(self, seconds: float):
		if seconds > 0:
			time.sleep(seconds)  # gevent-patched: yields to the other users

	def login(self, user: str):
		self.user_name = user
		with self.client.post(
			"/api/method/login",
			data={"usr": user, "pwd": PLAN["password"]},
			name=f"{self.kind}: login",
			catch_response=True,
		) as r:
			if r.status_code != 200:
				r.failure(error_text(r))
				raise StopUser()

	def getdoc(self, doctype: str, name: str, kind: str) -> dict | None:
		with self.client.get(
			"/api/method/frappe.desk.form.load.getdoc",
			params={"doctype": doctype, "name": name},
			name=kind,
			catch_response=True,
		) as r:
			if r.status_code != 200:
				r.failure(error_text(r))
				return None
			docs = r.json().get("docs") or []
			if not docs:
				r.failure(f"{doctype} {name} not found")
				return None
			return docs[0]

	def get_list(self, doctype: str, filters: list, fields: list, kind: str, **params) -> list | None:
		with self.client.get(
			f"/api/resource/{doctype}",
			params={"filters": json.dumps(filters), "fields": json.dumps(fields), **params},
			name=kind,
			catch_response=True,
		) as r:
			if r.status_code != 200:
				r.failure(error_text(r))
				return None
			return r.json().get("data")


class Inspector(Person):
	"""A duty teacher's rounds of the day, one task each; then they are done."""

	fixed_count = len(PLAN["inspectors"])
	kind = "inspector"
	wait_time = constant(0)

	def on_start(self):
		mine = next(_inspectors, None)
		if mine is None:
			raise StopUser()
		self.rounds = list(mine["rounds"])
		self.arrive(ARRIVAL)
		self.login(mine["user"])

	@task
	def one_round(self):
		if not self.rounds:
			raise StopUser()
		plan = self.rounds.pop(0)
		day = PLAN["burst_day"]
		with self.client.get(
			"/api/method/class_teacher_appraisal.rounds.classes_to_inspect",
			params={
				"inspection_date": day,
				"inspection_item": plan["item"],
				"grade_level": plan["grade_level"],
			},
			name="inspector: new round, classes to inspect",
			catch_response=True,
		) as r:
			if r.status_code != 200:
				r.failure(error_text(r))
				return
			listed = {c["name"] for c in r.json()["message"]["classes"]}
			missing = [c for c in plan["classes"] if c not in listed]
			if missing:
				r.failure(f"{len(missing)} of the round's classes are not listed (inspected already?)")
		self.wait_seconds(random.uniform(*ENTRY_SECONDS))  # typing ten scores on a phone
		entries = [
			{"class_record": c, "score": random.choice([7, 7.5, 8, 8.5, 9, 9.5, 10])} for c in plan["classes"]
		]
		if plan["item"] == "纪律":
			entries[random.randrange(len(entries))].update({"incident_type": "追逐打闹", "incident_count": 1})
		sent = {"kind": "round", "inspector": self.user_name, "item": plan["item"], "date": day}
		sent["classes"] = plan["classes"]
		with self.client.post(
			"/api/resource/Inspection Round",
			json={
				"inspection_date": day,
				"inspection_item": plan["item"],
				"grade_level": plan["grade_level"],
				"entries": entries,
			},
			name="inspector: save round (REST insert)",
			catch_response=True,
		) as r:
			if r.status_code != 200:
				r.failure(error_text(r))
				log(**sent, round=None, outcome="failed", error=error_text(r))
				return
			doc = r.json()["data"]
		self.wait_seconds(random.uniform(1, 3))  # checks the grid, taps Submit, confirms
		with self.client.post(
			"/api/method/frappe.desk.form.save.savedocs",
			data={"doc": json.dumps(doc), "action": "Submit"},
			name="inspector: submit round (savedocs)",
			catch_response=True,
		) as r:
			if r.status_code != 200:
				r.failure(error_text(r))
				log(**sent, round=doc["name"], outcome="failed", error=error_text(r))
				return
			stored = (r.json().get("docs") or [{}])[0]
			if stored.get("docstatus") != 1:
				r.failure("the round came back unsubmitted")
				log(**sent, round=doc["name"], outcome="failed", error="unsubmitted")
				return
		log(**sent, round=doc["name"], outcome="submitted")
		self.get_list(
			"Inspection Round",
			[["inspector", "=", self.user_name], ["inspection_date", "=", day]],
			["name", "inspection_item", "class_count", "docstatus"],
			"inspector: my rounds of the day (REST list)",
		)


class ClassTeacher(Person):
	"""Opens the Desk once, then their class and their appraisal every two minutes or so."""

	fixed_count = len(TEACHERS)
	kind = "teacher"
	wait_time = between(*TEACHER_WAIT)

	def on_start(self):
		mine = next(_teachers, None)
		if mine is None:
			raise StopUser()
		self.mine = mine
		self.arrive(ARRIVAL)
		self.login(mine["user"])
		with self.client.get("/app", name="teacher: open the Desk (/app)", catch_response=True) as r:
			if r.status_code != 200 or "frappe.boot" not in r.text:
				r.failure(error_text(r) if r.status_code != 200 else "the Desk did not boot")

	@task
	def open_class_and_appraisal(self):
		cls = self.mine["class_record"]
		self.getdoc("Class Record", cls, "teacher: class form (getdoc)")
		self.get_list(
			"Inspection",
			[["class_record", "=", cls]],
			["name", "inspection_date", "inspection_item", "score", "level", "deduction", "inspector"],
			"teacher: class inspections (REST list)",
			order_by="inspection_date desc",
			limit_page_length=20,
		)
		with self.client.get(
			"/api/resource/Class Teacher Appraisal",
			params={
				"filters": json.dumps([["class_record", "=", cls]]),
				"fields": json.dumps(["name", "appraisal_period", "total_score", "grade", "workflow_state"]),
			},
			name="teacher: my appraisals (REST list)",
			catch_response=True,
		) as r:
			if r.status_code != 200:
				r.failure(error_text(r))
				return
			names = [a["name"] for a in r.json().get("data") or []]
			if self.mine["appraisal"] and self.mine["appraisal"] not in names:
				r.failure("the teacher's own appraisal is not listed")
		if self.mine["appraisal"]:
			self.getdoc("Class Teacher Appraisal", self.mine["appraisal"], "teacher: appraisal form (getdoc)")


class Office(Person):
	"""The first office member recomputes the period a few times; the others enter hand points."""

	fixed_count = len(PLAN["office"])
	kind = "office"
	wait_time = constant(0)

	def on_start(self):
		self.user_email = next(_office, None)
		if self.user_email is None:
			raise StopUser()
		self.recomputer = self.user_email == PLAN["office"][0]
		self.recomputes = RECOMPUTES
		self.login(self.user_email)
		self.wait_seconds(random.uniform(0.1, 0.3) * ARRIVAL if self.recomputer else random.uniform(0, 10))

	@task
	def work(self):
		if self.recomputer:
			self.recompute()
		else:
			self.enter_hand_points()
			self.wait_seconds(random.uniform(*EDIT_WAIT))

	def recompute(self):
		if self.recomputes <= 0:
			raise StopUser()
		self.recomputes -= 1
		period = self.getdoc("Appraisal Period", PLAN["period"], "office: period form (getdoc)")
		if period is None:
			return
		clicked = time.time()
		with self.client.post(
			"/api/method/run_doc_method",
			data={"docs": json.dumps(period), "method": "recompute_appraisals"},
			name="office: recompute appraisals (run_doc_method)",
			catch_response=True,
		) as r:
			if r.status_code != 200:
				r.failure(error_text(r))
				log(kind="recompute", outcome="failed", error=error_text(r))
				return
		running = True
		while running and time.time() - clicked < 900:
			self.wait_seconds(POLL_SECONDS)
			with self.client.get(
				"/api/method/run_doc_method",
				params={"dt": "Appraisal Period", "dn": PLAN["period"], "method": "running_jobs"},
				name="office: is the recompute running (poll)",
				catch_response=True,
			) as r:
				if r.status_code != 200:
					r.failure(error_text(r))
					continue
				running = bool(r.json().get("message"))
		seconds = time.time() - clicked
		events.request.fire(
			request_type="JOB",
			name=RECOMPUTE_KIND,
			response_time=seconds * 1000,
			response_length=0,
			exception=None if not running else Exception("still running after 15 minutes"),
			context={},
		)
		log(kind="recompute", outcome="done" if not running else "timeout", seconds=round(seconds, 2))
		self.wait_seconds(random.uniform(0.6, 1.0) * ARRIVAL / max(RECOMPUTES, 1))

	def enter_hand_points(self, tries: int = 3):
		name = next(_appraisals)
		for _ in range(tries):
			doc = self.getdoc("Class Teacher Appraisal", name, "office: appraisal form (getdoc)")
			if doc is None or doc.get("docstatus") != 0:
				return
			line = next(
				(r for r in doc.get("lines", []) if r["criterion_code"] == PLAN["hand_criterion"]), None
			)
			if line is None:
				return
			choices = [x / 2 for x in range(0, 2 * int(line.get("max_points") or 10) + 1)]
			value = random.choice([c for c in choices if c != line.get("manual_points")] or choices)
			line["manual_points"] = value
			line["manual_entered"] = 1
			logged = partial(log, kind="edit", appraisal=name, criterion=line["criterion_code"], value=value)
			with self.client.post(
				"/api/method/run_doc_method",
				data={"docs": json.dumps(doc), "method": "preview_scores"},
				name="office: live subtotals while typing (preview_scores)",
				catch_response=True,
			) as r:
				if r.status_code != 200 and exc_type(r) != "TimestampMismatchError":
					r.failure(error_text(r))
				elif r.status_code != 200:
					r.request_meta["name"] = CONFLICT_KIND
					r.success()
					logged(outcome="refused")
					continue
			self.wait_seconds(random.uniform(1, 3))
			with self.client.post(
				"/api/method/frappe.desk.form.save.savedocs",
				data={"doc": json.dumps(doc), "action": "Save"},
				name="office: save hand points (savedocs)",
				catch_response=True,
			) as r:
				if r.status_code == 200:
					logged(outcome="saved")
					return
				if exc_type(r) == "TimestampMismatchError":  # a recompute changed it meanwhile: reload
					r.request_meta["name"] = CONFLICT_KIND
					r.success()
					logged(outcome="refused")
					continue
				r.failure(error_text(r))
				logged(outcome="failed", error=error_text(r))
				return
