"""The access model of the README ("Who may do what"), tried over HTTP against the served demo
school, logged in as each role: every cell is one request (or a few) through the paths a user who
knows the REST API would take, and a refused change must leave the database as it was.

Roles: CT (王丽, class teacher of 一年级(1)班), CT2 (李娜, 一年级(2)班), DI (the duty inspector, made
deputy of 一年级(2)班 for these tests, as a teacher on rotation is), AO (the office), PR (the principal),
NR (a user with none of the app's roles), Guest, PM (a pupil monitor on a duty roster of the tests'); for
the studio (明德名班主任工作室): HO (张伟, its host) and MB (刘洋, a member); CT, CT2 and DI have no place in it."""

import json
from collections.abc import Callable
from dataclasses import dataclass

import frappe
import pytest
import requests

from tests.e2e.conftest import PASSWORD

APPRAISAL, RATING, APPEAL, INSPECTION = (
	"Class Teacher Appraisal",
	"Appraisal Rating",
	"Appraisal Appeal",
	"Inspection",
)
USERS = {
	"CT": "wangli@demo-school.cn",
	"CT2": "lina@demo-school.cn",
	"DI": "zhao.duty@demo-school.cn",
	"AO": "li.office@demo-school.cn",
	"PR": "zhang.principal@demo-school.cn",
	"HO": "zhangwei@demo-school.cn",  # host of the demo studio (a class teacher)
	"MB": "liuyang@demo-school.cn",  # a member of the demo studio (a class teacher)
	"PM": "matrix.monitor@demo-school.cn",  # a pupil monitor (值周学生) on the tests' duty roster
	"BU": "matrix.bureau@demo-school.cn",  # the county's Education Bureau (教育局): reads every school
	"NR": "matrix.nobody@demo-school.cn",
	"Guest": None,
}
OWN_CLASS, OTHER_CLASS = "一年级(1)班", "一年级(2)班"
MONTH, TERM, OVERALL = "2025年10月", "2025-2026学年第一学期", "2025-2026学年第一学期（综合）"
MARK = "access-matrix"


# ------------------------------------------------------------------ the world the cells act on


def class_of(class_name):
	return frappe.db.get_value("Class Record", {"class_name": class_name, "academic_year": "2025-2026"})


def appraisal(period, class_name):
	return frappe.db.get_value(APPRAISAL, {"appraisal_period": period, "class_name": class_name})


def nobody():
	if not frappe.db.exists("User", USERS["NR"]):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": USERS["NR"],
				"first_name": "无角色",
				"user_type": "Website User",
				"send_welcome_email": 0,
				"new_password": PASSWORD,
			}
		).insert(ignore_permissions=True)


def bureau():
	"""A user of the county's Education Bureau (issue 17), kept to no school: reads every school."""
	if not frappe.db.exists("User", USERS["BU"]):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": USERS["BU"],
				"first_name": "教育局",
				"send_welcome_email": 0,
				"new_password": PASSWORD,
				"roles": [{"role": "Education Bureau"}],
			}
		).insert(ignore_permissions=True)


@pytest.fixture(scope="module")
def world(e2e_site):
	"""Names of the demo's records each cell reads or tries to change, plus an appeal, a private
	file and a deputy made for these tests and removed afterwards; for the studio, the host's term
	reviews and the members' assessments of a school year and a term of the tests' own."""
	nobody()
	bureau()
	own, other = class_of(OWN_CLASS), class_of(OTHER_CLASS)
	w = frappe._dict(
		own_class=own,
		other_class=other,
		own=appraisal(MONTH, OWN_CLASS),
		other=appraisal(MONTH, OTHER_CLASS),
		own_draft=appraisal(TERM, OWN_CLASS),
		other_draft=appraisal(TERM, OTHER_CLASS),
		third_draft=appraisal(TERM, "二年级(1)班"),
		own_inspection=frappe.db.get_value(INSPECTION, {"class_record": own, "docstatus": 1}),
		other_inspection=frappe.db.sql(
			"""select i.name from `tabInspection` i join `tabInspection Incident` n on n.parent = i.name
			where i.class_record = %s and i.docstatus = 1 limit 1""",
			other,
		)[0][0],
		vetoed=frappe.db.get_value(APPRAISAL, {"appraisal_period": MONTH, "vetoed": 1}),
		rating_of_own=frappe.db.get_value(
			RATING, {"class_record": own, "rater": USERS["PR"], "docstatus": ["<", 2]}
		),
	)
	# the duty inspector is deputy of the other class (an ordinary teacher on rotation)
	frappe.db.set_value("Class Record", other, "deputy_teacher", USERS["DI"], update_modified=False)
	# an appeal of the other teacher (written as stored, whatever the appeal window says)
	other_doc = frappe.get_doc(APPRAISAL, w.other)
	appeal = frappe.get_doc(
		{
			"doctype": APPEAL,
			"appraisal": w.other,
			"class_teacher": other_doc.class_teacher,
			"class_name": other_doc.class_name,
			"appraisal_period": MONTH,
			"status": "Open",
			"reason": MARK,
			"lines": [{"criterion_code": other_doc.lines[0].criterion_code, "reason": MARK}],
		}
	)
	appeal.set_new_name()
	appeal.db_insert()
	for line in appeal.lines:
		line.parent, line.parenttype, line.parentfield = appeal.name, APPEAL, "lines"
		line.set_new_name()
		line.db_insert()
	w.other_appeal = appeal.name
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{MARK}-pupil-photo.txt",
			"content": b"a pupil's photo",
			"is_private": 1,
			"attached_to_doctype": APPRAISAL,
			"attached_to_name": w.other,
		}
	).insert(ignore_permissions=True)
	w.other_file, w.other_file_url = file.name, file.file_url
	# the teachers' paper ballots for the other class, counted by the office
	tally = frappe.get_doc(
		{
			"doctype": "Appraisal Ballot Tally",
			"appraisal": appraisal(OVERALL, OTHER_CLASS),
			"criterion_code": "T-03",
			"rater_group": "Leadership",
			"counts": [{"level": "优秀", "score": 95, "ballots": 3}],
		}
	).insert(ignore_permissions=True)
	w.other_tally = tally.name
	# what the other teacher's approved grade brought (recorded by the server on approval), and a
	# part of the other's appraisal confirmed by its office
	consequence = frappe.get_doc(
		{
			"doctype": "Appraisal Consequence",
			"teacher": other_doc.class_teacher,
			"appraisal": w.other,
			"appraisal_period": MONTH,
			"grade": other_doc.grade,
			"consequence": MARK,
		}
	).insert(ignore_permissions=True)
	w.other_consequence = consequence.name
	confirmation = frappe.get_doc(
		{
			"doctype": "Appraisal Part Confirmation",
			"parent": w.other,
			"parenttype": APPRAISAL,
			"parentfield": "part_confirmations",
			"section_code": MARK,
			"confirmed_points": 1,
		}
	)
	confirmation.db_insert()
	w.other_confirmation = confirmation.name
	add_activities(w)
	add_studio(w)
	add_studio_grading(w)
	add_duty(w)
	frappe.db.commit()
	w.snapshot = snapshot(w)
	try:
		yield w
	finally:
		now = snapshot(w)
		changed = [key for key in now if now[key] != w.snapshot.get(key)]
		frappe.db.rollback()
		frappe.db.set_value("Class Record", other, "deputy_teacher", None, update_modified=False)
		frappe.db.delete("Appraisal Appeal Line", {"parent": appeal.name})
		frappe.db.delete(APPEAL, {"name": appeal.name})
		frappe.delete_doc("File", file.name, force=True, ignore_permissions=True)
		frappe.delete_doc("Appraisal Ballot Tally", tally.name, force=True, ignore_permissions=True)
		frappe.db.delete("Appraisal Consequence", {"name": consequence.name})
		frappe.db.delete("Appraisal Part Confirmation", {"name": confirmation.name})
		remove_activities()
		remove_studio(w)
		remove_studio_grading()
		remove_duty()
		frappe.db.commit()
		assert not changed, "a refused request changed something: " + "; ".join(
			f"{key}: {w.snapshot.get(key)!r} -> {now[key]!r}" for key in changed
		)


ACTIVITY, ACTIVITY_KIND = "Appraisal Activity", f"{MARK} 主题班会"


def new_activity(person, class_record, confirm=False, title=MARK) -> str:
	"""An activity of the test's kind, written as the office would (committed by the caller)."""
	doc = frappe.get_doc(
		{
			"doctype": ACTIVITY,
			"activity_kind": ACTIVITY_KIND,
			"activity_date": "2025-10-15",
			"title": title,
			"person": person,
			"class_record": class_record,
		}
	).insert(ignore_permissions=True)
	if confirm:
		doc.submit()
	return doc.name


def add_activities(w):
	"""A theme meeting of each class teacher: the teacher's own draft, the colleague's confirmed one."""
	if not frappe.db.exists("Activity Kind", ACTIVITY_KIND):
		frappe.get_doc({"doctype": "Activity Kind", "activity_kind_name": ACTIVITY_KIND}).insert(
			ignore_permissions=True
		)
	w.own_activity = new_activity(USERS["CT"], w.own_class)
	w.other_activity = new_activity(USERS["CT2"], w.other_class, confirm=True)


def remove_activities():
	frappe.db.delete(ACTIVITY, {"activity_kind": ACTIVITY_KIND})
	frappe.db.delete("Activity Kind", {"name": ACTIVITY_KIND})


STUDIO, MEMBERSHIP, STUDIO_ACTIVITY, EXIT = (
	"明德名班主任工作室",
	"Studio Membership",
	"Studio Activity",
	"Studio Exit Request",
)


def place_of(login_key) -> str:
	return frappe.db.get_value(MEMBERSHIP, {"studio": STUDIO, "member": USERS[login_key], "status": "Active"})


def last_day() -> str:
	"""A member's last day a month from today (an exit is never backdated)."""
	return str(frappe.utils.add_days(frappe.utils.today(), 30))


def exit_request(member, place, reason=MARK) -> str:
	"""A member's exit request, as the member makes it (committed by the caller)."""
	frappe.set_user(member)
	try:
		return (
			frappe.get_doc({"doctype": EXIT, "membership": place, "leaving_on": last_day(), "reason": reason})
			.insert()
			.name
		)
	finally:
		frappe.set_user("Administrator")


def add_studio(w):
	"""The demo studio's records the cells read, a private file on one of its activities, and the
	member's exit request waiting for the host."""
	w.studio = STUDIO
	w.host_place = place_of("HO")
	w.member_place = place_of("MB")
	w.studio_activity = frappe.db.get_value(STUDIO_ACTIVITY, {"studio": STUDIO, "docstatus": 1})
	w.member_output = frappe.db.get_value(ACTIVITY, {"studio": STUDIO, "person": USERS["MB"], "docstatus": 1})
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{MARK}-studio-minutes.txt",
			"content": b"the studio's minutes",
			"is_private": 1,
			"attached_to_doctype": STUDIO_ACTIVITY,
			"attached_to_name": w.studio_activity,
		}
	).insert(ignore_permissions=True)
	w.studio_file, w.studio_file_url = file.name, file.file_url
	w.exit_request = exit_request(USERS["MB"], w.member_place)


def remove_studio(w):
	frappe.delete_doc("File", w.studio_file, force=True, ignore_permissions=True)
	for name in frappe.get_all(EXIT, filters={"reason": ["like", f"{MARK}%"]}, pluck="name"):
		frappe.db.delete("Comment", {"reference_doctype": EXIT, "reference_name": name})
		frappe.db.delete(EXIT, {"name": name})
	for name in frappe.get_all(STUDIO_ACTIVITY, filters={"title": ["like", f"{MARK}%"]}, pluck="name"):
		frappe.db.delete("Studio Attendance", {"parent": name})
		frappe.db.delete(STUDIO_ACTIVITY, {"name": name})
	frappe.db.delete(ACTIVITY, {"studio": STUDIO, "title": ["like", f"{MARK}%"]})


TERM_REVIEW, STUDIO_ASSESSMENT = "Studio Term Review", "Studio Assessment"
# periods of the tests' own: the studio's school year (its assessments) and a second term (a review
# the host enters in a cell)
YEAR, SPRING = f"{MARK} 2025-2026学年", f"{MARK} 2025-2026学年第二学期"
PEER = "yangfan@demo-school.cn"  # another member of the studio
GRADES = {f"{g}_grade": "良好" for g in ("ethics", "attitude", "theory", "management", "research", "overall")}


def period(name, kind, start, end, rubric):
	frappe.get_doc(
		{
			"doctype": "Appraisal Period",
			"period_name": name,
			"period_type": kind,
			"academic_year": "2025-2026",
			"start_date": start,
			"end_date": end,
			"rubric": rubric,
		}
	).insert(ignore_permissions=True)


def term_review(member) -> str:
	"""The host's submitted review of a member for the demo's first term, as the host enters it."""
	frappe.set_user(USERS["HO"])
	try:
		doc = frappe.get_doc(
			{
				"doctype": TERM_REVIEW,
				"studio": STUDIO,
				"member": member,
				"appraisal_period": TERM,
				"suggestions": MARK,
				**GRADES,
			}
		).insert()
		doc.submit()
		return doc.name
	finally:
		frappe.set_user("Administrator")


def studio_assessment(member) -> str:
	"""A member's draft assessment for the tests' school year, its hand-scored lines entered in
	full (nothing left open: it may be submitted for approval)."""
	doc = frappe.get_doc(
		{"doctype": STUDIO_ASSESSMENT, "studio": STUDIO, "member": member, "appraisal_period": YEAR}
	).insert(ignore_permissions=True)
	for line in doc.lines:
		if line.rule_kind == "Manual Points":
			line.manual_points, line.manual_entered = line.max_points, 1
	doc.save(ignore_permissions=True)
	assert not doc.pending_questions and doc.workflow_state == "Draft", doc.name
	return doc.name


def add_studio_grading(w):
	"""The host's term reviews of the member and of a peer, and their assessments of a school year
	of the tests' own (the demo has neither)."""
	remove_studio_grading()  # what an interrupted run may have left
	charter = frappe.db.get_value("Class Teacher Studio", STUDIO, "charter")
	period(YEAR, "Year", "2025-09-01", "2026-06-30", charter)
	period(
		SPRING, "Term", "2026-03-02", "2026-06-30", frappe.db.get_value("Appraisal Period", TERM, "rubric")
	)
	w.member_review, w.peer_review = term_review(USERS["MB"]), term_review(PEER)
	w.member_assessment, w.peer_assessment = studio_assessment(USERS["MB"]), studio_assessment(PEER)


def remove_studio_grading():
	"""The tests' periods and the reviews and assessments made in them (committed by the caller)."""
	reviews = frappe.get_all(
		TERM_REVIEW,
		filters={"appraisal_period": ["in", [TERM, SPRING]], "studio": STUDIO},
		or_filters={"suggestions": MARK, "appraisal_period": SPRING},
		pluck="name",
	)
	assessments = frappe.get_all(STUDIO_ASSESSMENT, filters={"appraisal_period": YEAR}, pluck="name")
	for doctype, names in ((TERM_REVIEW, reviews), (STUDIO_ASSESSMENT, assessments)):
		remove_records(doctype, names)
	frappe.db.delete("Appraisal Period", {"name": ["in", [YEAR, SPRING]]})


def remove_records(doctype, names):
	"""Records of the tests with their rows and what Frappe wrote about them."""
	if not names:
		return
	for child in ("Class Teacher Appraisal Line", "Class Teacher Appraisal Section"):
		frappe.db.delete(child, {"parenttype": doctype, "parent": ["in", names]})
	frappe.db.delete("Appraisal Consequence", {"studio_assessment": ["in", names]})
	for action in frappe.get_all(
		"Workflow Action",
		filters={"reference_doctype": doctype, "reference_name": ["in", names]},
		pluck="name",
	):
		frappe.db.delete("Workflow Action Permitted Role", {"parent": action})
		frappe.db.delete("Workflow Action", {"name": action})
	frappe.db.delete("Comment", {"reference_doctype": doctype, "reference_name": ["in", names]})
	frappe.db.delete("Version", {"ref_doctype": doctype, "docname": ["in", names]})
	frappe.db.delete(doctype, {"name": ["in", names]})


def snapshot(w) -> dict:
	"""What the refused changes must leave as it was."""
	frappe.db.rollback()  # read what the server committed
	docs = {}
	for name in (w.own, w.other, w.own_draft, w.other_draft, w.third_draft):
		doc = frappe.get_doc(APPRAISAL, name)
		docs[name] = (
			doc.total_score,
			doc.allowance,
			doc.class_teacher,
			doc.workflow_state,
			[(ln.criterion_code, ln.points, ln.manual_points, ln.adjustment) for ln in doc.lines],
			[(v.rule_code, v.confirmed) for v in doc.veto_cases],
		)
	docs["ratings"] = frappe.db.count(RATING)
	docs["appeal"] = frappe.db.get_value(APPEAL, w.other_appeal, ["status", "decision"])
	docs["inspections"] = frappe.db.count(INSPECTION)
	docs["class teachers"] = frappe.get_all(
		"Class Teacher Assignment",
		filters={"parent": ["in", [w.own_class, w.other_class]]},
		fields=["parent", "teacher", "from_date", "to_date"],
		order_by="parent, idx",
	) + frappe.get_all(
		"Class Record",
		filters={"name": ["in", [w.own_class, w.other_class]]},
		fields=["name", "class_teacher"],
	)
	docs["studio"] = (
		frappe.get_all(
			MEMBERSHIP,
			filters={"studio": STUDIO},
			fields=["name", "member", "role", "status", "to_date", "reason"],
			order_by="name",
		),
		frappe.get_all(
			STUDIO_ACTIVITY,
			filters={"studio": STUDIO},
			fields=["name", "docstatus", "title"],
			order_by="name",
		),
		frappe.get_all(
			EXIT, fields=["name", "docstatus", "workflow_state", "host_decision"], order_by="name"
		),
		frappe.get_all(
			ACTIVITY, filters={"studio": STUDIO}, fields=["name", "docstatus", "person"], order_by="name"
		),
	)
	docs["term reviews"] = frappe.get_all(
		TERM_REVIEW,
		filters={"studio": STUDIO},
		fields=[
			"name",
			"member",
			"reviewer",
			"appraisal_period",
			"docstatus",
			"overall_grade",
			"suggestions",
		],
		order_by="name",
	)
	docs["studio assessments"] = [
		(
			a.name,
			a.member,
			a.docstatus,
			a.workflow_state,
			a.total_score,
			a.grade,
			a.pending_questions,
			a.return_reason,
			a.approved_on,
			a.outcome,
			frappe.get_all(
				"Class Teacher Appraisal Line",
				filters={"parenttype": STUDIO_ASSESSMENT, "parent": a.name},
				fields=["criterion_code", "points", "manual_points", "adjustment", "docstatus"],
				order_by="idx",
			),
		)
		for a in frappe.get_all(
			STUDIO_ASSESSMENT,
			filters={"studio": STUDIO},
			fields=[
				"name",
				"member",
				"docstatus",
				"workflow_state",
				"total_score",
				"grade",
				"pending_questions",
				"return_reason",
				"approved_on",
				"outcome",
			],
			order_by="name",
		)
	]
	docs["studio consequences"] = frappe.db.count(
		"Appraisal Consequence", {"studio_assessment": ["is", "set"]}
	)
	docs["activities"] = frappe.get_all(
		ACTIVITY,
		filters={"activity_kind": ACTIVITY_KIND},
		fields=["name", "docstatus", "person", "class_record", "title"],
		order_by="name",
	)
	return docs


@pytest.fixture(scope="module")
def sessions(server, world):
	"""One logged-in HTTP session per role (Guest: none)."""
	out = {}
	for role, user in USERS.items():
		s = requests.Session()
		s.base = server
		if user:
			r = s.post(f"{server}/api/method/login", data={"usr": user, "pwd": PASSWORD}, timeout=30)
			assert r.ok, f"{user} cannot log in: {r.status_code} {r.text[:200]}"
		out[role] = s
	yield out
	for s in out.values():
		s.close()


# ------------------------------------------------------------------ requests


def get(s, path, **params):
	return s.get(s.base + path, params={k: _param(v) for k, v in params.items()}, timeout=60)


def post(s, path, **data):
	return s.post(s.base + path, data={k: _param(v) for k, v in data.items()}, timeout=60)


def _param(value):
	return json.dumps(value) if isinstance(value, dict | list) else value


def resource(doctype):
	return f"/api/resource/{doctype}"


def listed(r) -> list:
	"""The rows a list call answered with ([] when it was refused)."""
	if r.status_code != 200:
		return []
	body = r.json()
	return body.get("data", body.get("message")) or []


def message(r):
	return r.json().get("message") if r.status_code == 200 else None


# ------------------------------------------------------------------ the cells

ALLOW, DENY = "allow", "deny"


@dataclass
class Cell:
	role: str
	what: str
	expect: str
	check: Callable  # (session, world) -> bool: True when the outcome is the expected one

	@property
	def id(self):
		return f"{self.role}:{self.what}:{self.expect}"


def read_doc(doctype, key):
	def check(s, w, expect):
		r = get(s, f"{resource(doctype)}/{w[key]}")
		return r.status_code == 200 if expect == ALLOW else r.status_code in (403, 401)

	return check


def list_contains(doctype, key, field="name"):
	def check(s, w, expect):
		rows = listed(get(s, resource(doctype), fields=[field], limit_page_length=0))
		found = w[key] in {row[field] for row in rows}
		return found if expect == ALLOW else not found

	return check


def child_rows(child, parent_doctype, key):
	"""Rows of a child table under one parent, by every list path Frappe offers."""

	def check(s, w, expect):
		filters = [["parent", "=", w[key]]]
		paths = [
			listed(get(s, resource(child), fields=["name"], filters=filters, parent=parent_doctype)),
			listed(
				post(
					s,
					"/api/method/frappe.client.get_list",
					doctype=child,
					fields=["name"],
					filters=filters,
					parent=parent_doctype,
				)
			),
		]
		value = message(
			post(
				s,
				"/api/method/frappe.client.get_value",
				doctype=child,
				fieldname="name",
				filters=filters,
				parent=parent_doctype,
			)
		)
		count = message(
			post(
				s,
				"/api/method/frappe.client.get_count",
				doctype=child,
				filters=filters,
				parent=parent_doctype,
			)
		)
		seen = any(paths) or bool(value) or bool(count)
		return seen if expect == ALLOW else not seen

	return check


def count_of(doctype, key_filter):
	def check(s, w, expect):
		field, key = key_filter
		count = message(
			post(s, "/api/method/frappe.client.get_count", doctype=doctype, filters={field: w[key]})
		)
		return bool(count) if expect == ALLOW else not count

	return check


def pdf_of(key):
	def check(s, w, expect):
		r = get(
			s,
			"/api/method/frappe.utils.print_format.download_pdf",
			doctype=APPRAISAL,
			name=w[key],
			format="Class Teacher Appraisal Sheet",
		)
		is_pdf = r.status_code == 200 and r.content[:4] == b"%PDF"
		return is_pdf if expect == ALLOW else not is_pdf

	return check


def multi_pdf_of(key):
	"""Several sheets at once: a sheet the user may not read is left out."""

	def check(s, w, expect):
		from io import BytesIO

		from pypdf import PdfReader

		r = get(
			s,
			"/api/method/frappe.utils.print_format.download_multi_pdf",
			doctype=APPRAISAL,
			name=json.dumps([w[key]]),
			format="Class Teacher Appraisal Sheet",
		)
		pages = 0
		if r.status_code == 200 and r.content[:4] == b"%PDF":
			pages = len(PdfReader(BytesIO(r.content)).pages)
		return pages > 0 if expect == ALLOW else pages == 0

	return check


def printview_of(key):
	def check(s, w, expect):
		r = get(s, "/printview", doctype=APPRAISAL, name=w[key], format="Class Teacher Appraisal Sheet")
		shows = r.status_code == 200 and w[key] in r.text and "班主任考核表" in r.text
		return shows if expect == ALLOW else not shows

	return check


def docinfo_of(key):
	"""The form's load: the document with its comments, versions and attachments."""

	def check(s, w, expect):
		r = get(s, "/api/method/frappe.desk.form.load.getdoc", doctype=APPRAISAL, name=w[key])
		return r.status_code == 200 if expect == ALLOW else r.status_code in (403, 401)

	return check


def comments_of(key):
	def check(s, w, expect):
		rows = listed(
			get(s, resource("Comment"), fields=["name"], filters=[["reference_name", "=", w[key]]])
		) + listed(get(s, resource("Version"), fields=["name"], filters=[["docname", "=", w[key]]]))
		return bool(rows) if expect == ALLOW else not rows

	return check


def private_file(listing: bool):
	def check(s, w, expect):
		if listing:
			seen = w.other_file in {
				r["name"] for r in listed(get(s, resource("File"), fields=["name"], limit_page_length=0))
			}
		else:
			r = s.get(s.base + w.other_file_url, timeout=30)
			seen = r.status_code == 200 and b"pupil" in r.content
		return seen if expect == ALLOW else not seen

	return check


def ranking_rows(expect_only_own: bool):
	def check(s, w, expect):
		r = post(
			s,
			"/api/method/frappe.desk.query_report.run",
			report_name="Appraisal Ranking",
			filters={"appraisal_period": MONTH},
		)
		if expect == DENY:
			return r.status_code in (403, 401)
		rows = [
			row
			for row in (message(r) or {}).get("result", [])
			if isinstance(row, dict) and row.get("class_record")
		]
		classes = {row["class_record"] for row in rows}
		return classes == {w.own_class} if expect_only_own else len(classes) > 2

	return check


def chart(method):
	def check(s, w, expect):
		r = post(s, f"/api/method/{method}", filters={"appraisal_period": MONTH})
		return r.status_code == 200 if expect == ALLOW else r.status_code in (403, 401)

	return check


def red_flags_of(key):
	def check(s, w, expect):
		count = message(
			post(
				s,
				"/api/method/frappe.client.get_count",
				doctype="Red Flag Award",
				filters={"class_record": w[key]},
			)
		)
		rows = listed(
			get(
				s,
				resource("Red Flag Award"),
				fields=["name", "class_record"],
				filters={"class_record": w[key]},
			)
		)
		seen = bool(count) or bool(rows)
		return seen if expect == ALLOW else not seen

	return check


# refused changes: each must answer with an error and leave the database as it was (checked per
# cell and again at the end against the module's snapshot)


def refused(r) -> bool:
	return r.status_code in (401, 403, 404, 409, 417) and r.status_code != 200


STICKY = ("total_score", "allowance", "grade", "class_teacher", "member", "workflow_state", "docstatus")
STICKY += ("pending_questions", "approved_on", "outcome")


def put_appraisal(key, change, refuse=True, doctype=APPRAISAL):
	"""A change sent as the REST API's update. refuse: it must be refused; else it may be saved,
	but what it forged must not stick (the server recomputes)."""

	def check(s, w, expect):
		frappe.db.rollback()  # a fresh snapshot: what the server committed so far
		before = frappe.get_doc(doctype, w[key]).as_dict()
		body = change(before)
		r = s.put(
			f"{s.base}{resource(doctype)}/{w[key]}",
			data={"data": json.dumps(body, default=str)},
			timeout=60,
		)
		frappe.db.rollback()
		after = frappe.get_doc(doctype, w[key])
		unchanged = [after.get(f) for f in STICKY] == [before.get(f) for f in STICKY] and [
			(ln.points, ln.manual_points) for ln in after.lines
		] == [(ln.points, ln.manual_points) for ln in before.lines]
		if expect == ALLOW:
			if r.status_code != 200:
				return False
			# the allowed change is put back as it was, by the same user
			back = {"lines": [dict(ln) for ln in before.lines], "modified": str(after.modified)}
			undo = s.put(
				f"{s.base}{resource(doctype)}/{w[key]}",
				data={"data": json.dumps(back, default=str)},
				timeout=60,
			)
			return not unchanged and undo.status_code == 200
		return unchanged and (refused(r) if refuse else r.status_code in (200, 401, 403, 417))

	return check


def hand_points(doc):
	lines = [dict(ln) for ln in doc.lines]
	manual = next(ln for ln in lines if ln["rule_kind"] == "Manual Points")
	full = manual["max_points"]
	manual["manual_points"] = full - 1 if manual["manual_points"] == full else full  # a real change
	manual["manual_entered"] = 1
	return {"lines": lines, "modified": str(doc.modified)}


def forged_total(doc):
	return {"total_score": 999, "allowance": 88888, "grade": "优秀", "modified": str(doc.modified)}


def new_teacher(doc):
	return {"class_teacher": USERS["PR"], "modified": str(doc.modified)}


def insert(doctype, body):
	def check(s, w, expect):
		frappe.db.rollback()
		count = frappe.db.count(doctype)
		doc = body(w)
		r = post(s, "/api/method/frappe.client.insert", doc={"doctype": doctype, **doc})
		frappe.db.rollback()
		return (
			(r.status_code == 200) if expect == ALLOW else (refused(r) and frappe.db.count(doctype) == count)
		)

	return check


def put_doc(doctype, key, change):
	"""A change through the REST API's update that must be refused and leave the record as it was."""

	def check(s, w, expect):
		frappe.db.rollback()
		before = frappe.get_doc(doctype, w[key]).as_dict()
		r = s.put(f"{s.base}{resource(doctype)}/{w[key]}", data={"data": json.dumps(change)}, timeout=60)
		frappe.db.rollback()
		after = frappe.get_doc(doctype, w[key]).as_dict()
		same = all(after.get(k) == before.get(k) for k in change)
		return refused(r) and same

	return check


def part_sheet():
	def check(s, w, expect):
		r = get(s, "/api/method/class_teacher_appraisal.parts.part_sheet", period=TERM, section="一")
		return refused(r)

	return check


def payroll_file():
	"""The period's approved allowances as HRMS's Additional Salary import file (issue 15)."""

	def check(s, w, expect):
		r = get(
			s, "/api/method/class_teacher_appraisal.integrations.payroll.additional_salary_xlsx", period=MONTH
		)
		if expect == ALLOW:  # the file, or a month with nothing approved yet to pay
			return (r.status_code == 200 and r.content[:2] == b"PK") or r.status_code == 417
		return refused(r) and r.content[:2] != b"PK"

	return check


def additional_salary_drafts():
	"""The period's approved allowances as HRMS Additional Salary drafts (a site with HRMS): nobody of the
	demo school holds HRMS's HR User role, so nobody makes them; nothing is created either way."""

	def check(s, w, expect):
		before = frappe.db.count("Additional Salary") if frappe.db.table_exists("Additional Salary") else 0
		r = post(
			s,
			"/api/method/class_teacher_appraisal.integrations.payroll.create_additional_salaries",
			period=MONTH,
		)
		frappe.db.rollback()
		after = frappe.db.count("Additional Salary") if frappe.db.table_exists("Additional Salary") else 0
		return refused(r) and after == before

	return check


def inspector_consistency():
	"""The office's report on how the duty inspectors score (值周检查员评分一致性)."""

	def check(s, w, expect):
		r = post(
			s,
			"/api/method/frappe.desk.query_report.run",
			report_name="Inspector Consistency",
			filters={"from_date": "2025-09-01", "to_date": "2026-01-31"},
		)
		rows = [row for row in (message(r) or {}).get("result", []) if isinstance(row, dict)]
		if expect == DENY:
			return refused(r) and not rows
		return r.status_code == 200 and USERS["DI"] in {row.get("inspector") for row in rows}

	return check


QR_SHEET = "/api/method/class_teacher_appraisal.inspection_qr.sheet"


def qr_sheet(pdf=False):
	"""The classes' QR codes for rounds: a page to print, or its A4 PDF."""

	def check(s, w, expect):
		r = get(s, QR_SHEET, inspection_item="卫生", pdf=int(pdf))
		if expect == DENY:
			return refused(r) and b"cta-qr-cell" not in r.content and not r.content.startswith(b"%PDF")
		if pdf:
			return r.status_code == 200 and r.content.startswith(b"%PDF")
		classes = frappe.db.count("Class Record", {"is_active": 1})
		return r.status_code == 200 and r.text.count('class="cta-qr-cell"') == classes

	return check


def qr_scan(key):
	"""Where a class's scanned code leads today (the round or the inspection to open)."""

	def check(s, w, expect):
		r = get(
			s,
			"/api/method/class_teacher_appraisal.inspection_qr.scan_target",
			inspection_item="卫生",
			class_record=w[key],
		)
		if expect == DENY:
			return refused(r)
		return r.status_code == 200 and message(r)["class_record"] == w[key]

	return check


def desk_page(name):
	def check(s, w, expect):
		r = get(s, "/api/method/frappe.desk.desk_page.getpage", name=name)
		return r.status_code == 200 if expect == ALLOW else refused(r)

	return check


def inspection_review_cells(add, outsiders):
	"""Issue 16: how consistently the inspectors score (the office's), and the QR codes on the
	classroom doors (the inspectors' and the office's)."""
	add(["AO", "PR"], "the inspector consistency report", inspector_consistency(), ALLOW)
	add(["CT", "CT2", "DI", *outsiders], "the inspector consistency report", inspector_consistency(), DENY)
	add(["DI", "AO"], "the classes' QR sheet", qr_sheet(), ALLOW)
	add(["AO"], "the classes' QR sheet as PDF", qr_sheet(pdf=True), ALLOW)
	add(["CT", "CT2", "PR", *outsiders], "the classes' QR sheet", qr_sheet(), DENY)
	add(["CT", "PR", *outsiders], "the classes' QR sheet as PDF", qr_sheet(pdf=True), DENY)
	add(["DI", "AO"], "scan another class's QR code", qr_scan("own_class"), ALLOW)
	add(["DI"], "scan the QR code of a class they teach", qr_scan("other_class"), DENY)
	add(["CT", "CT2", "PR", *outsiders], "scan a class's QR code", qr_scan("other_class"), DENY)
	add(["DI", "AO"], "the QR codes' landing page", desk_page("inspect-class"), ALLOW)
	add(["CT", "CT2", "PR", *outsiders], "the QR codes' landing page", desk_page("inspect-class"), DENY)


def scoreboard_off():
	"""The hall scoreboard (/scoreboard and its JSON) while the school has it switched off, as it
	ships: not found for anyone (tests/e2e/test_scoreboard.py tries it switched on)."""

	def check(s, w, expect):
		page = s.get(s.base + "/scoreboard", timeout=60)
		data = get(s, "/api/method/class_teacher_appraisal.scoreboard.board.data")
		if expect == ALLOW:
			return (page.status_code, data.status_code) == (200, 200)
		return (page.status_code, data.status_code) == (404, 404) and OWN_CLASS not in page.text + data.text

	return check


def save_part(key):
	def check(s, w, expect):
		frappe.db.rollback()
		before = frappe.get_doc(APPRAISAL, w[key])
		code = before.lines[0].criterion_code
		r = post(
			s,
			"/api/method/class_teacher_appraisal.parts.save_part",
			period=TERM,
			section=before.lines[0].section_code,
			entries={w[key]: {code: 1}},
			confirm_part=1,
		)
		frappe.db.rollback()
		after = frappe.get_doc(APPRAISAL, w[key])
		same = [(ln.manual_points, ln.points) for ln in after.lines] == [
			(ln.manual_points, ln.points) for ln in before.lines
		] and not after.part_confirmations
		return refused(r) and same

	return check


def workflow(key, action):
	def check(s, w, expect):
		frappe.db.rollback()
		state = frappe.db.get_value(APPRAISAL, w[key], "workflow_state")
		doc = frappe.get_doc(APPRAISAL, w[key]).as_dict()
		r = post(
			s,
			"/api/method/frappe.model.workflow.apply_workflow",
			doc=json.dumps(doc, default=str),
			action=action,
		)
		frappe.db.rollback()
		return refused(r) and frappe.db.get_value(APPRAISAL, w[key], "workflow_state") == state

	return check


def appeal_decision(status):
	def check(s, w, expect):
		frappe.db.rollback()
		before = frappe.db.get_value(APPEAL, w.other_appeal, ["status", "decision"])
		r = s.put(
			f"{s.base}{resource(APPEAL)}/{w.other_appeal}",
			data={"data": json.dumps({"status": status, "decision": "decided by the teacher"})},
			timeout=60,
		)
		frappe.db.rollback()
		after = frappe.db.get_value(APPEAL, w.other_appeal, ["status", "decision"])
		return after == before and (refused(r) or r.status_code == 200)

	return check


def appeal_method(method, http="GET"):
	def check(s, w, expect):
		frappe.db.rollback()
		before = frappe.db.get_value(APPEAL, w.other_appeal, ["status", "decision"])
		doc = json.dumps(frappe.get_doc(APPEAL, w.other_appeal).as_dict(), default=str)
		send = get if http == "GET" else post
		r = send(s, "/api/method/run_doc_method", docs=doc, method=method, args=json.dumps({"decision": "x"}))
		frappe.db.rollback()
		return refused(r) and frappe.db.get_value(APPEAL, w.other_appeal, ["status", "decision"]) == before

	return check


def veto_through_child_endpoint(key):
	def check(s, w, expect):
		frappe.db.rollback()
		before = frappe.db.count("Appraisal Veto Case", {"parent": w[key]})
		r = post(
			s,
			"/api/method/frappe.client.insert",
			doc={
				"doctype": "Appraisal Veto Case",
				"parenttype": APPRAISAL,
				"parentfield": "veto_cases",
				"parent": w[key],
				"rule_code": "否决1",
				"reason": MARK,
			},
		)
		frappe.db.rollback()
		return refused(r) and frappe.db.count("Appraisal Veto Case", {"parent": w[key]}) == before

	return check


def assignment_through_child_endpoint(key):
	def check(s, w, expect):
		frappe.db.rollback()
		before = frappe.db.count("Class Teacher Assignment", {"parent": w[key]})
		r = post(
			s,
			"/api/method/frappe.client.insert",
			doc={
				"doctype": "Class Teacher Assignment",
				"parenttype": "Class Record",
				"parentfield": "assignments",
				"parent": w[key],
				"teacher": USERS["PR"],
				"from_date": "2025-10-16",
			},
		)
		frappe.db.rollback()
		return refused(r) and frappe.db.count("Class Teacher Assignment", {"parent": w[key]}) == before

	return check


def put_settings():
	def check(s, w, expect):
		frappe.db.rollback()
		days = frappe.db.get_single_value("Class Teacher Appraisal Settings", "appeal_days")
		r = s.put(
			f"{s.base}{resource('Class Teacher Appraisal Settings')}/Class Teacher Appraisal Settings",
			data={"data": json.dumps({"appeal_days": 365})},
			timeout=60,
		)
		frappe.db.rollback()
		return (
			refused(r)
			and frappe.db.get_single_value("Class Teacher Appraisal Settings", "appeal_days") == days
		)

	return check


def rating_body(key):
	return lambda w: {
		"appraisal": w[key],
		"rater_group": "Leadership",
		"scores": [{"criterion_code": "T-03", "score": 100}],
	}


def inspection_body(key):
	return lambda w: {
		"inspection_date": "2025-10-08",
		"class_record": w[key],
		"inspection_item": "卫生",
		"score": 10,
		"docstatus": 1,
	}


def activity_insert(person_key, class_key):
	"""A teacher records an activity through the REST API; an allowed one must be theirs, and is
	deleted again by the same user (a teacher deletes their own unconfirmed record)."""

	def check(s, w, expect):
		frappe.db.rollback()
		before = frappe.db.count(ACTIVITY)
		body = {
			"doctype": ACTIVITY,
			"activity_kind": ACTIVITY_KIND,
			"activity_date": "2025-10-16",
			"title": MARK,
		}
		if person_key:
			body["person"] = USERS[person_key]
		if class_key:
			body["class_record"] = w[class_key]
		r = post(s, "/api/method/frappe.client.insert", doc=body)
		frappe.db.rollback()
		if expect == DENY:
			return refused(r) and frappe.db.count(ACTIVITY) == before
		if r.status_code != 200:
			return False
		name = message(r)["name"]
		owner, person, docstatus = frappe.db.get_value(ACTIVITY, name, ["owner", "person", "docstatus"])
		gone = s.delete(f"{s.base}{resource(ACTIVITY)}/{name}", timeout=60)
		return person == owner and docstatus == 0 and gone.status_code in (200, 202)

	return check


def activity_submit(key=None):
	"""Confirming (submitting) an activity: a world record, or a fresh draft of a teacher's (removed)."""

	def check(s, w, expect):
		frappe.db.rollback()
		name = w[key] if key else new_activity(USERS["CT2"], w.other_class, title=f"{MARK} to confirm")
		frappe.db.commit()
		doc = frappe.get_doc(ACTIVITY, name).as_dict()
		r = post(s, "/api/method/frappe.client.submit", doc=json.dumps(doc, default=str))
		frappe.db.rollback()
		docstatus, confirmed_by = frappe.db.get_value(ACTIVITY, name, ["docstatus", "confirmed_by"])
		if not key:
			frappe.db.delete(ACTIVITY, {"name": name})
			frappe.db.commit()
		if expect == ALLOW:
			return r.status_code == 200 and docstatus == 1 and confirmed_by == USERS["AO"]
		return refused(r) and docstatus == 0

	return check


def activity_handed_over(key, person_key):
	def check(s, w, expect):
		frappe.db.rollback()
		before = frappe.db.get_value(ACTIVITY, w[key], ["person", "modified"], as_dict=True)
		r = s.put(
			f"{s.base}{resource(ACTIVITY)}/{w[key]}",
			data={"data": json.dumps({"person": USERS[person_key], "modified": str(before.modified)})},
			timeout=60,
		)
		frappe.db.rollback()
		return refused(r) and frappe.db.get_value(ACTIVITY, w[key], "person") == before.person

	return check


def quota_progress(class_teacher_key=None):
	def check(s, w, expect):
		filters = {"appraisal_period": TERM}
		if class_teacher_key:
			filters["class_teacher"] = USERS[class_teacher_key]
		r = post(s, "/api/method/frappe.desk.query_report.run", report_name="Quota Progress", filters=filters)
		return r.status_code == 200 if expect == ALLOW else r.status_code in (403, 401, 417)

	return check


def studio_activity_insert():
	"""A studio activity recorded over REST; an allowed one is removed again (not by the cell's user)."""

	def check(s, w, expect):
		frappe.db.rollback()
		before = frappe.db.count(STUDIO_ACTIVITY)
		body = {
			"doctype": STUDIO_ACTIVITY,
			"studio": STUDIO,
			"activity_kind": "集中学习",
			"title": f"{MARK} 集中学习",
			"activity_date": "2026-05-06",
			"hours": 2,
			"attendance": [{"member": USERS["HO"], "present": 1}, {"member": USERS["MB"], "present": 1}],
		}
		r = post(s, "/api/method/frappe.client.insert", doc=body)
		frappe.db.rollback()
		if expect == DENY:
			return refused(r) and frappe.db.count(STUDIO_ACTIVITY) == before
		ok = r.status_code == 200 and frappe.db.exists(STUDIO_ACTIVITY, message(r)["name"])
		remove_studio_records()
		return bool(ok)

	return check


def remove_studio_records():
	for name in frappe.get_all(STUDIO_ACTIVITY, filters={"title": ["like", f"{MARK}%"]}, pluck="name"):
		frappe.db.delete("Studio Attendance", {"parent": name})
		frappe.db.delete(STUDIO_ACTIVITY, {"name": name})
	frappe.db.delete(ACTIVITY, {"studio": STUDIO, "title": ["like", f"{MARK}%"]})
	frappe.db.commit()


def studio_draft_submit():
	"""Submitting a draft of the studio's, made by its host for the cell and removed afterwards."""

	def check(s, w, expect):
		frappe.db.rollback()
		frappe.set_user(USERS["HO"])
		draft = frappe.get_doc(
			{
				"doctype": STUDIO_ACTIVITY,
				"studio": STUDIO,
				"activity_kind": "推进会",
				"title": f"{MARK} 推进会",
				"activity_date": "2026-05-20",
				"hours": 1,
			}
		).insert()
		frappe.set_user("Administrator")
		frappe.db.commit()
		r = post(s, "/api/method/frappe.client.submit", doc=json.dumps(draft.as_dict(), default=str))
		frappe.db.rollback()
		docstatus = frappe.db.get_value(STUDIO_ACTIVITY, draft.name, "docstatus")
		remove_studio_records()
		return (
			(r.status_code == 200 and docstatus == 1) if expect == ALLOW else (refused(r) and docstatus == 0)
		)

	return check


def output_insert():
	"""A member's output for the studio over REST; an allowed one is removed again."""

	def check(s, w, expect):
		frappe.db.rollback()
		before = frappe.db.count(ACTIVITY)
		body = {
			"doctype": ACTIVITY,
			"activity_kind": "读书心得",
			"activity_date": "2026-04-08",
			"title": f"{MARK} 读书心得",
			"studio": STUDIO,
		}
		r = post(s, "/api/method/frappe.client.insert", doc=body)
		frappe.db.rollback()
		if expect == DENY:
			return refused(r) and frappe.db.count(ACTIVITY) == before
		ok = r.status_code == 200 and message(r)["studio"] == STUDIO
		remove_studio_records()
		return ok

	return check


def output_confirm():
	"""Confirming a fresh draft output of the member's (removed afterwards)."""

	def check(s, w, expect):
		frappe.db.rollback()
		frappe.set_user(USERS["MB"])
		draft = frappe.get_doc(
			{
				"doctype": ACTIVITY,
				"activity_kind": "教育叙事",
				"activity_date": "2026-04-08",
				"title": f"{MARK} 教育叙事",
				"person": USERS["MB"],
				"studio": STUDIO,
			}
		).insert()
		frappe.set_user("Administrator")
		frappe.db.commit()
		r = post(s, "/api/method/frappe.client.submit", doc=json.dumps(draft.as_dict(), default=str))
		frappe.db.rollback()
		docstatus, by = frappe.db.get_value(ACTIVITY, draft.name, ["docstatus", "confirmed_by"])
		remove_studio_records()
		if expect == ALLOW:
			return r.status_code == 200 and docstatus == 1 and by == USERS["HO"]
		return refused(r) and docstatus == 0

	return check


def exit_step(action):
	"""A workflow action on the member's exit request (waiting for the host); an allowed one is
	put back as it was."""

	def check(s, w, expect):
		frappe.db.rollback()
		state = frappe.db.get_value(EXIT, w.exit_request, "workflow_state")
		doc = frappe.get_doc(EXIT, w.exit_request).as_dict()
		r = post(
			s,
			"/api/method/frappe.model.workflow.apply_workflow",
			doc=json.dumps(doc, default=str),
			action=action,
		)
		frappe.db.rollback()
		after = frappe.db.get_value(EXIT, w.exit_request, ["workflow_state", "host_decided_by"], as_dict=True)
		if expect == DENY:
			return refused(r) and after.workflow_state == state
		ok = r.status_code == 200 and (after.workflow_state, after.host_decided_by) == (
			"Approved by Host",
			USERS["HO"],
		)
		frappe.db.set_value(
			EXIT,
			w.exit_request,
			{"workflow_state": state, "host_decided_by": None, "host_decided_on": None},
			update_modified=False,
		)
		frappe.db.delete("Comment", {"reference_doctype": EXIT, "reference_name": w.exit_request})
		frappe.db.commit()
		return ok

	return check


def exit_final_approval():
	"""The leadership's approval of a request the host approved: it ends the membership (put back
	afterwards, and the request removed)."""

	def check(s, w, expect):
		frappe.db.rollback()
		place = frappe.db.get_value(
			MEMBERSHIP, {"studio": STUDIO, "member": "yangfan@demo-school.cn", "status": "Active"}
		)
		before = frappe.db.get_value(MEMBERSHIP, place, ["status", "to_date", "reason"], as_dict=True)
		name = exit_request("yangfan@demo-school.cn", place, reason=f"{MARK} final")
		frappe.db.set_value(
			EXIT,
			name,
			{"workflow_state": "Approved by Host", "host_decided_by": USERS["HO"]},
			update_modified=False,
		)
		frappe.db.commit()
		doc = frappe.get_doc(EXIT, name).as_dict()
		r = post(
			s,
			"/api/method/frappe.model.workflow.apply_workflow",
			doc=json.dumps(doc, default=str),
			action="Approve",
		)
		frappe.db.rollback()
		ended = frappe.db.get_value(MEMBERSHIP, place, ["status", "to_date"], as_dict=True)
		state = frappe.db.get_value(EXIT, name, "workflow_state")
		frappe.db.set_value(MEMBERSHIP, place, before, update_modified=False)  # as it was
		frappe.db.delete("Comment", {"reference_name": ["in", [name, place]]})
		frappe.db.delete(EXIT, {"name": name})
		frappe.db.commit()
		if expect == ALLOW:
			return r.status_code == 200 and state == "Approved" and ended.status == "Left"
		return refused(r) and state == "Approved by Host" and ended.status == "Active"

	return check


def archive(studio=STUDIO):
	def check(s, w, expect):
		r = post(
			s,
			"/api/method/frappe.desk.query_report.run",
			report_name="Studio Archive",
			filters={"studio": studio},
		)
		if expect == DENY:
			return r.status_code in (401, 403, 417)
		rows = (message(r) or {}).get("result", [])
		return r.status_code == 200 and any(
			isinstance(row, dict) and row.get("record") == w.studio_activity for row in rows
		)

	return check


def studio_file(listing: bool):
	def check(s, w, expect):
		if listing:
			seen = w.studio_file in {
				r["name"] for r in listed(get(s, resource("File"), fields=["name"], limit_page_length=0))
			}
		else:
			r = s.get(s.base + w.studio_file_url, timeout=30)
			seen = r.status_code == 200 and b"minutes" in r.content
		return seen if expect == ALLOW else not seen

	return check


def studio_cells(add, outsiders):
	"""The studio's records (issue 14): its people read, its host manages, nobody else sees them."""
	readers, others = ["AO", "PR", "HO", "MB"], ["CT", "CT2", "DI", *outsiders]
	for doctype, key in (
		("Class Teacher Studio", "studio"),
		(MEMBERSHIP, "host_place"),
		(STUDIO_ACTIVITY, "studio_activity"),
		(ACTIVITY, "member_output"),
		(EXIT, "exit_request"),
	):
		add(readers, f"read the studio's {doctype}", read_doc(doctype, key), ALLOW)
		add(others, f"read the studio's {doctype}", read_doc(doctype, key), DENY)
		add(others, f"list the studio's {doctype}", list_contains(doctype, key), DENY)
	add(["HO", "AO"], "list the member's exit request", list_contains(EXIT, "exit_request"), ALLOW)
	add(["CT"], "count the studio's memberships", count_of(MEMBERSHIP, ("studio", "studio")), DENY)
	add(
		["AO", "MB", "HO"],
		"attendance of the studio's activity",
		child_rows("Studio Attendance", STUDIO_ACTIVITY, "studio_activity"),
		ALLOW,
	)
	add(
		["CT", "DI", *outsiders],
		"attendance of the studio's activity",
		child_rows("Studio Attendance", STUDIO_ACTIVITY, "studio_activity"),
		DENY,
	)
	add(
		["HO", "MB", "CT", "PR", *outsiders],
		"admit a member to the studio",
		insert(
			MEMBERSHIP,
			lambda w: {"studio": STUDIO, "member": USERS["CT2"], "role": "Member", "from_date": "2026-03-01"},
		),
		DENY,
	)
	add(
		["HO", "MB", "PR", *outsiders],
		"end the host's membership",
		put_doc(MEMBERSHIP, "host_place", {"status": "Left", "to_date": "2026-01-31", "reason": MARK}),
		DENY,
	)
	add(["HO", "AO"], "record a studio activity", studio_activity_insert(), ALLOW)
	add(["MB", "CT", "PR", *outsiders], "record a studio activity", studio_activity_insert(), DENY)
	add(["HO"], "submit the studio's draft activity", studio_draft_submit(), ALLOW)
	add(["MB", "CT", "PR", *outsiders], "submit the studio's draft activity", studio_draft_submit(), DENY)
	add(
		["MB", "CT", "PR", *outsiders],
		"retitle the studio's activity",
		put_doc(STUDIO_ACTIVITY, "studio_activity", {"title": MARK}),
		DENY,
	)
	add(["MB"], "record an output for the own studio", output_insert(), ALLOW)
	add(["CT", "CT2", "DI", *outsiders], "record an output for a studio of others", output_insert(), DENY)
	add(["HO"], "confirm a member's output", output_confirm(), ALLOW)
	add(["MB", "CT", "CT2", "PR", *outsiders], "confirm a member's output", output_confirm(), DENY)
	add(
		["CT", "HO", "AO", *outsiders],
		"ask for the member's exit",
		insert(EXIT, lambda w: {"membership": w.member_place, "reason": MARK, "leaving_on": last_day()}),
		DENY,
	)
	add(
		["MB", "HO", "CT", *outsiders],
		"write the leadership's decision early",
		put_doc(EXIT, "exit_request", {"leadership_decision": MARK}),
		DENY,
	)
	add(
		["MB", "PR", "AO", "CT", "CT2", "DI", *outsiders],
		"approve the exit as the host",
		exit_step("Approve"),
		DENY,
	)
	add(["MB", "PR", "CT", *outsiders], "reject the exit as the host", exit_step("Reject"), DENY)
	add(["HO"], "approve the exit as the host", exit_step("Approve"), ALLOW)
	add(["PR"], "approve the exit as the leadership", exit_final_approval(), ALLOW)
	add(
		["HO", "MB", "AO", "CT", *outsiders],
		"approve the exit as the leadership",
		exit_final_approval(),
		DENY,
	)
	add(["HO", "MB", "AO", "PR"], "the studio archive", archive(), ALLOW)
	add(["CT", "CT2", "DI", *outsiders], "the studio archive", archive(), DENY)
	add(["MB", "AO"], "list a private file of the studio's activity", studio_file(listing=True), ALLOW)
	add(
		["CT", "DI", *outsiders],
		"list a private file of the studio's activity",
		studio_file(listing=True),
		DENY,
	)
	add(["MB", "HO"], "download a private file of the studio's activity", studio_file(listing=False), ALLOW)
	add(
		["CT", "DI", *outsiders],
		"download a private file of the studio's activity",
		studio_file(listing=False),
		DENY,
	)


def term_review_insert(member):
	"""A term review of the member for the tests' second term, over REST; an allowed one must name
	its enterer as the reviewer, and is removed again."""

	def check(s, w, expect):
		frappe.db.rollback()
		before = frappe.db.count(TERM_REVIEW)
		body = {
			"doctype": TERM_REVIEW,
			"studio": STUDIO,
			"member": member,
			"appraisal_period": SPRING,
			"suggestions": MARK,
			**GRADES,
		}
		r = post(s, "/api/method/frappe.client.insert", doc=body)
		frappe.db.rollback()
		if expect == DENY:
			return refused(r) and frappe.db.count(TERM_REVIEW) == before
		name = message(r)["name"] if r.status_code == 200 else None
		reviewer = frappe.db.get_value(TERM_REVIEW, name, "reviewer") if name else None
		remove_records(TERM_REVIEW, [name] if name else [])
		frappe.db.commit()
		return reviewer == USERS["HO"]

	return check


def cancel_review(key):
	"""Cancelling a submitted term review (which would open it to amendment)."""

	def check(s, w, expect):
		frappe.db.rollback()
		r = post(s, "/api/method/frappe.client.cancel", doctype=TERM_REVIEW, name=w[key])
		frappe.db.rollback()
		return refused(r) and frappe.db.get_value(TERM_REVIEW, w[key], "docstatus") == 1

	return check


def forged_grade(doc):
	return {
		"total_score": 999,
		"grade": "优秀",
		"pending_questions": 0,
		"approved_on": "2026-07-01 08:00:00",
		"outcome": MARK,
		"modified": str(doc.modified),
	}


def other_member(doc):
	return {"member": USERS["CT2"], "modified": str(doc.modified)}


def put_assessment_back(name):
	"""The member's assessment as the world made it: a draft (whatever a cell's step did)."""
	frappe.db.rollback()
	frappe.db.set_value(
		STUDIO_ASSESSMENT,
		name,
		{
			"workflow_state": "Draft",
			"docstatus": 0,
			"approved_on": None,
			"outcome": None,
			"rotation": None,
			"return_reason": None,
		},
		update_modified=False,
	)
	for child in ("Class Teacher Appraisal Line", "Class Teacher Appraisal Section"):
		frappe.db.set_value(
			child, {"parenttype": STUDIO_ASSESSMENT, "parent": name}, "docstatus", 0, update_modified=False
		)
	frappe.db.delete("Appraisal Consequence", {"studio_assessment": name})
	frappe.db.delete("Comment", {"reference_doctype": STUDIO_ASSESSMENT, "reference_name": name})
	frappe.db.commit()


def assessment_step(action, state, reached=None):
	"""A workflow action on the member's assessment, put in the state for the cell (the world's
	draft has every hand-scored line entered); put back to a draft afterwards."""

	def check(s, w, expect):
		name = w.member_assessment
		frappe.db.rollback()
		frappe.db.set_value(STUDIO_ASSESSMENT, name, "workflow_state", state, update_modified=False)
		frappe.db.commit()
		doc = frappe.get_doc(STUDIO_ASSESSMENT, name).as_dict()
		doc["return_reason"] = MARK
		r = post(
			s,
			"/api/method/frappe.model.workflow.apply_workflow",
			doc=json.dumps(doc, default=str),
			action=action,
		)
		frappe.db.rollback()
		after = frappe.db.get_value(STUDIO_ASSESSMENT, name, ["workflow_state", "docstatus"], as_dict=True)
		put_assessment_back(name)
		if expect == DENY:
			return refused(r) and (after.workflow_state, after.docstatus) == (state, 0)
		return r.status_code == 200 and after.workflow_state == reached

	return check


def generate_assessments():
	"""Generate Studio Assessments for the studio and the tests' year: an allowed call makes the
	missing members' drafts (the member's and the peer's exist), which are removed again."""

	def check(s, w, expect):
		frappe.db.rollback()
		before = set(frappe.get_all(STUDIO_ASSESSMENT, pluck="name"))
		r = post(
			s,
			"/api/method/class_teacher_appraisal.studios.assessments.generate_studio_assessments",
			studio=STUDIO,
			appraisal_period=YEAR,
		)
		frappe.db.rollback()
		made = sorted(set(frappe.get_all(STUDIO_ASSESSMENT, pluck="name")) - before)
		remove_records(STUDIO_ASSESSMENT, made)
		frappe.db.commit()
		if expect == DENY:
			return refused(r) and not made
		answer = message(r) or {}
		return bool(made) and sorted(answer.get("assessments") or []) == made and answer.get("existing") == 2

	return check


def studio_grading_cells(add, outsiders):
	"""The host's term reviews and the members' annual assessments (issue 14): the member reads their
	own, the studio's host grades its members (never themselves), the office and the principal
	read all; the leadership approves."""
	readers, others = ["HO", "AO", "PR", "MB"], ["CT", "CT2", "DI", *outsiders]
	for doctype, key in ((TERM_REVIEW, "member_review"), (STUDIO_ASSESSMENT, "member_assessment")):
		add(readers, f"read the member's {doctype}", read_doc(doctype, key), ALLOW)
		add(readers, f"list the member's {doctype}", list_contains(doctype, key), ALLOW)
		add(others, f"read the member's {doctype}", read_doc(doctype, key), DENY)
		add(others, f"list the member's {doctype}", list_contains(doctype, key), DENY)
	for doctype, key in ((TERM_REVIEW, "peer_review"), (STUDIO_ASSESSMENT, "peer_assessment")):
		add(["HO", "AO", "PR"], f"read a peer's {doctype}", read_doc(doctype, key), ALLOW)
		add(["MB", "CT", *outsiders], f"read a peer's {doctype}", read_doc(doctype, key), DENY)
		add(["MB", "CT"], f"list a peer's {doctype}", list_contains(doctype, key), DENY)
	# term reviews: the host enters them, never of themselves; submitted ones stay as they are
	add(["HO"], "review a member for a term", term_review_insert(USERS["MB"]), ALLOW)
	add(
		["MB", "CT", "CT2", "DI", "AO", "PR", *outsiders],
		"review a member for a term",
		term_review_insert(USERS["MB"]),
		DENY,
	)
	add(["MB"], "review a peer for a term", term_review_insert(PEER), DENY)
	add(["HO"], "review themselves for a term", term_review_insert(USERS["HO"]), DENY)
	add(
		["HO", "MB", "CT", "AO", "PR", *outsiders],
		"change a submitted term review",
		put_doc(TERM_REVIEW, "member_review", {"overall_grade": "不合格", "suggestions": "forged"}),
		DENY,
	)
	add(
		["MB", "CT", "AO", "PR", *outsiders],
		"cancel a submitted term review",
		cancel_review("member_review"),
		DENY,
	)
	# assessments: rows only through a readable parent, hand-scored lines by the host, totals by
	# the server
	for child in ("Class Teacher Appraisal Line", "Class Teacher Appraisal Section"):
		add(
			readers,
			f"rows of {child} under the member's assessment",
			child_rows(child, STUDIO_ASSESSMENT, "member_assessment"),
			ALLOW,
		)
		add(
			others,
			f"rows of {child} under the member's assessment",
			child_rows(child, STUDIO_ASSESSMENT, "member_assessment"),
			DENY,
		)
		add(
			["MB"],
			f"rows of {child} under a peer's assessment",
			child_rows(child, STUDIO_ASSESSMENT, "peer_assessment"),
			DENY,
		)
	hand = put_appraisal("member_assessment", hand_points, doctype=STUDIO_ASSESSMENT)
	add(["HO", "AO"], "enter hand points on the member's assessment", hand, ALLOW)
	add(["MB"], "enter hand points on the own assessment", hand, DENY)
	add(["CT", "CT2", "DI", "PR", *outsiders], "enter hand points on the member's assessment", hand, DENY)
	add(
		["HO", "AO", "MB", "PR", "CT", *outsiders],
		"forge an assessment's total and grade",
		put_appraisal("member_assessment", forged_grade, refuse=False, doctype=STUDIO_ASSESSMENT),
		DENY,
	)
	add(
		["HO", "AO", "PR"],
		"give the member's assessment to another teacher",
		put_appraisal("member_assessment", other_member, doctype=STUDIO_ASSESSMENT),
		DENY,
	)
	submit = assessment_step("Submit for Approval", "Draft", reached="Pending Leadership Approval")
	add(["HO", "AO"], "submit the member's assessment for approval", submit, ALLOW)
	add(
		["MB", "CT", "CT2", "DI", "PR", *outsiders],
		"submit the member's assessment for approval",
		submit,
		DENY,
	)
	approve = assessment_step("Approve", "Pending Leadership Approval", reached="Approved")
	add(["PR"], "approve the member's assessment", approve, ALLOW)
	add(["MB", "HO", "AO", "CT", "CT2", *outsiders], "approve the member's assessment", approve, DENY)
	add(
		["MB", "HO", "CT", *outsiders],
		"return the member's assessment",
		assessment_step("Return", "Pending Leadership Approval"),
		DENY,
	)
	add(["HO", "AO"], "generate the studio's assessments", generate_assessments(), ALLOW)
	add(
		["MB", "CT", "CT2", "DI", "PR", *outsiders],
		"generate the studio's assessments",
		generate_assessments(),
		DENY,
	)


# ------------------------------------------------------------------ the duty roster (值周安排)

ROSTER, ROSTER_DAY = "Duty Roster", "2025-10-05"  # a Sunday of the October holiday: no demo inspections
PUPIL_CLASS, PUPILS_CLASS_TO_INSPECT = "三年级(1)班", "二年级(1)班"


def monitor():
	"""The pupil monitor of these tests (值周学生), with exactly that role."""
	if not frappe.db.exists("User", USERS["PM"]):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": USERS["PM"],
				"first_name": "值周学生",
				"send_welcome_email": 0,
				"new_password": PASSWORD,
			}
		).insert(ignore_permissions=True)
	user = frappe.get_doc("User", USERS["PM"])
	user.remove_roles(*({r.role for r in user.roles} - {"Pupil Monitor"}))
	user.add_roles("Pupil Monitor")


def add_duty(w):
	"""A roster for the holiday Sunday: the duty inspector (deputy of the other class) inspects 卫生 in
	grade 1, the pupil monitor 卫生 in 二年级(1)班, confirmed by the duty inspector."""
	remove_duty()  # what an interrupted run may have left
	monitor()
	w.roster = (
		frappe.get_doc(
			{
				"doctype": ROSTER,
				"title": f"{MARK} 值周安排",
				"from_date": ROSTER_DAY,
				"to_date": ROSTER_DAY,
				"assignments": [
					{"inspector": USERS["DI"], "inspection_item": "卫生", "grade_level": 1},
					{
						"inspector": USERS["PM"],
						"duty_role": "Pupil Monitor",
						"inspection_item": "卫生",
						"class_record": class_of(PUPILS_CLASS_TO_INSPECT),
						"confirming_teacher": USERS["DI"],
						"pupil_class": class_of(PUPIL_CLASS),
					},
				],
			}
		)
		.insert(ignore_permissions=True)
		.name
	)
	w.pupils_class = class_of(PUPILS_CLASS_TO_INSPECT)


def forget_inspections(filters):
	names = frappe.get_all(INSPECTION, filters=filters, pluck="name")
	for child in ("Inspection Incident", "Inspection Photo"):
		frappe.db.delete(child, {"parent": ["in", names or [""]]})
	frappe.db.delete(INSPECTION, {"name": ["in", names or [""]]})
	frappe.db.delete("Version", {"ref_doctype": INSPECTION, "docname": ["in", names or [""]]})


def remove_duty():
	forget_inspections({"inspection_date": ROSTER_DAY})
	for name in frappe.get_all(ROSTER, filters={"title": ["like", f"{MARK}%"]}, pluck="name"):
		frappe.db.delete("Duty Roster Assignment", {"parent": name})
		frappe.db.delete("Version", {"ref_doctype": ROSTER, "docname": name})
		frappe.db.delete(ROSTER, {"name": name})


def record_on_roster(class_key, item="卫生", docstatus=1):
	"""An inspection of the roster's day over REST; an allowed one is the user's and is removed again."""

	def check(s, w, expect):
		frappe.db.rollback()
		before = frappe.db.count(INSPECTION)
		body = {
			"doctype": INSPECTION,
			"inspection_date": ROSTER_DAY,
			"class_record": w[class_key],
			"inspection_item": item,
			"score": 9,
			"docstatus": docstatus,
		}
		r = post(s, "/api/method/frappe.client.insert", doc=body)
		frappe.db.rollback()
		made = frappe.get_all(
			INSPECTION, filters={"inspection_date": ROSTER_DAY}, fields=["inspector", "docstatus"]
		)
		forget_inspections({"inspection_date": ROSTER_DAY})
		frappe.db.commit()
		if expect == DENY:
			return refused(r) and frappe.db.count(INSPECTION) == before and not made
		return r.status_code == 200 and [(m.inspector, m.docstatus) for m in made] == [
			(message(r)["inspector"], docstatus)
		]

	return check


def confirm_pupils_draft():
	"""The pupil monitor's draft of the roster's day, submitted (confirmed) over REST; removed again."""

	def check(s, w, expect):
		frappe.db.rollback()
		frappe.set_user(USERS["PM"])
		try:
			draft = frappe.get_doc(
				{
					"doctype": INSPECTION,
					"inspection_date": ROSTER_DAY,
					"class_record": w.pupils_class,
					"inspection_item": "卫生",
					"score": 8,
				}
			).insert()
		finally:
			frappe.set_user("Administrator")
		frappe.db.commit()
		r = post(s, "/api/method/frappe.client.submit", doc=json.dumps(draft.as_dict(), default=str))
		frappe.db.rollback()
		docstatus, inspector = frappe.db.get_value(INSPECTION, draft.name, ["docstatus", "inspector"])
		forget_inspections({"inspection_date": ROSTER_DAY})
		frappe.db.commit()
		if expect == DENY:
			return refused(r) and docstatus == 0
		return r.status_code == 200 and (docstatus, inspector) == (1, USERS["PM"])

	return check


def regrade_row():
	"""The roster's first row moved to grade 2 over REST; an allowed change is put back."""

	def check(s, w, expect):
		frappe.db.rollback()
		doc = frappe.get_doc(ROSTER, w.roster)
		rows = [dict(r.as_dict(), grade_level=2 if r.idx == 1 else r.grade_level) for r in doc.assignments]
		r = s.put(
			f"{s.base}{resource(ROSTER)}/{w.roster}",
			data={"data": json.dumps({"assignments": rows, "modified": str(doc.modified)}, default=str)},
			timeout=60,
		)
		frappe.db.rollback()
		grade = frappe.db.get_value("Duty Roster Assignment", {"parent": w.roster, "idx": 1}, "grade_level")
		if expect == DENY:
			return refused(r) and grade == 1
		frappe.db.set_value("Duty Roster Assignment", {"parent": w.roster, "idx": 1}, "grade_level", 1)
		frappe.db.commit()
		return r.status_code == 200 and grade == 2

	return check


def roster_insert():
	"""A roster of the office's over REST; an allowed one is removed again."""

	def check(s, w, expect):
		frappe.db.rollback()
		before = frappe.db.count(ROSTER)
		body = {
			"doctype": ROSTER,
			"title": f"{MARK} 第二份",
			"from_date": "2025-10-06",
			"to_date": "2025-10-07",
			"assignments": [{"inspector": USERS["DI"], "inspection_item": "纪律"}],
		}
		r = post(s, "/api/method/frappe.client.insert", doc=body)
		frappe.db.rollback()
		made = frappe.get_all(ROSTER, filters={"title": f"{MARK} 第二份"}, pluck="name")
		for name in made:
			frappe.db.delete("Duty Roster Assignment", {"parent": name})
			frappe.db.delete(ROSTER, {"name": name})
		frappe.db.commit()
		if expect == DENY:
			return refused(r) and frappe.db.count(ROSTER) == before
		return r.status_code == 200 and len(made) == 1

	return check


def coverage_report():
	def check(s, w, expect):
		r = post(
			s,
			"/api/method/frappe.desk.query_report.run",
			report_name="Inspection Coverage",
			filters={"date": ROSTER_DAY},
		)
		if expect == DENY:
			return r.status_code in (401, 403)
		rows = [row for row in (message(r) or {}).get("result", []) if isinstance(row, dict)]
		return r.status_code == 200 and any(
			row.get("class_record") == w.own_class and row.get("duty_roster") == w.roster for row in rows
		)

	return check


def my_round():
	"""Today's round for the roster's day: the duty inspector's grade-1 卫生 (their own class left out),
	the pupil's one class."""

	def check(s, w, expect):
		r = get(s, "/api/method/class_teacher_appraisal.duty.today.my_round", day=ROSTER_DAY)
		if expect == DENY:
			return r.status_code in (401, 403)
		items = (message(r) or {}).get("items")
		return r.status_code == 200 and items == [{"inspection_item": "卫生", "classes": 1, "to_inspect": 1}]

	return check


def classes_listed(item, expected_key):
	"""Get Classes on the roster's day lists only the classes the roster assigns the user."""

	def check(s, w, expect):
		r = get(
			s,
			"/api/method/class_teacher_appraisal.rounds.classes_to_inspect",
			inspection_date=ROSTER_DAY,
			inspection_item=item,
		)
		listed = [c["name"] for c in (message(r) or {}).get("classes", [])]
		return r.status_code == 200 and listed == ([w[expected_key]] if expected_key else [])

	return check


def duty_cells(add, outsiders):
	"""The duty roster: the staff read it, the office sets and reassigns it; on its days inspectors and
	pupil monitors record what it assigns them, pupils' drafts are confirmed by their teacher; the
	coverage report is the office's and the principal's."""
	staff, others = ["CT", "CT2", "DI", "AO", "PR"], ["PM", *outsiders]
	add(staff, "read the duty roster", read_doc(ROSTER, "roster"), ALLOW)
	add(others, "read the duty roster", read_doc(ROSTER, "roster"), DENY)
	add(others, "list the duty roster", list_contains(ROSTER, "roster"), DENY)
	add(
		["AO", "DI"], "rows of the duty roster", child_rows("Duty Roster Assignment", ROSTER, "roster"), ALLOW
	)
	add(others, "rows of the duty roster", child_rows("Duty Roster Assignment", ROSTER, "roster"), DENY)
	add(["AO"], "set up a duty roster", roster_insert(), ALLOW)
	add(["CT", "DI", "PR", *others], "set up a duty roster", roster_insert(), DENY)
	add(["AO"], "reassign a row of the duty roster", regrade_row(), ALLOW)
	add(["CT", "DI", "PR", *others], "reassign a row of the duty roster", regrade_row(), DENY)
	add(["DI"], "record an assigned class on a roster day", record_on_roster("own_class"), ALLOW)
	add(["DI"], "record an unassigned item on a roster day", record_on_roster("own_class", "纪律"), DENY)
	add(["DI"], "record an unassigned class on a roster day", record_on_roster("pupils_class"), DENY)
	add(["DI"], "record the own class on a roster day", record_on_roster("other_class"), DENY)
	add(
		["AO"],
		"record an unassigned item on a roster day (exempt)",
		record_on_roster("pupils_class", "纪律"),
		ALLOW,
	)
	add(["PM"], "record a draft of the assigned class", record_on_roster("pupils_class", docstatus=0), ALLOW)
	add(["PM"], "submit an inspection", record_on_roster("pupils_class"), DENY)
	add(["PM"], "record a draft of an unassigned class", record_on_roster("own_class", docstatus=0), DENY)
	add(["DI"], "confirm the pupil monitor's draft", confirm_pupils_draft(), ALLOW)
	add(
		["PM", "CT", "CT2", "PR", *outsiders],
		"confirm the pupil monitor's draft",
		confirm_pupils_draft(),
		DENY,
	)
	add(["DI"], "get classes on a roster day", classes_listed("卫生", "own_class"), ALLOW)
	add(["PM"], "get classes on a roster day", classes_listed("卫生", "pupils_class"), ALLOW)
	add(["DI", "PM"], "get classes of an unassigned item", classes_listed("纪律", None), ALLOW)
	add(["DI", "PM"], "today's round", my_round(), ALLOW)
	add(["CT", "PR", *outsiders], "today's round", my_round(), DENY)
	add(["PM"], "read another class's inspection", read_doc(INSPECTION, "other_inspection"), DENY)
	add(["PM"], "list another class's inspection", list_contains(INSPECTION, "other_inspection"), DENY)
	add(["PM"], "read the other's appraisal", read_doc(APPRAISAL, "other"), DENY)
	add(["PM"], "read a class record", read_doc("Class Record", "own_class"), DENY)
	add(["PM"], "read the own class's weekly standing", red_flags_of("own_class"), DENY)
	add(["AO", "PR"], "the inspection coverage report", coverage_report(), ALLOW)
	add(["CT", "CT2", "DI", *others], "the inspection coverage report", coverage_report(), DENY)


def county_ranking():
	"""The bureau's County Ranking of the demo's month (a period without a school: its own term)."""

	def check(s, w, expect):
		r = post(
			s,
			"/api/method/frappe.desk.query_report.run",
			report_name="County Ranking",
			filters={"appraisal_period": MONTH, "include_unapproved": 1},
		)
		if expect == DENY:
			return refused(r)
		rows = [row for row in (message(r) or {}).get("result", []) if isinstance(row, dict)]
		classes = {row.get("class_record") for row in rows}
		return len(classes) > 2 and rows[0]["county_rank"] == 1 and w.other_class in classes

	return check


def county_recompute():
	"""Queuing the recompute of a county term: refused, and nothing queued."""

	def check(s, w, expect):
		from frappe.utils.background_jobs import is_job_enqueued

		from class_teacher_appraisal.period_jobs import job_id

		r = post(s, "/api/method/class_teacher_appraisal.county.terms.recompute_term", period=MONTH)
		return refused(r) and not is_job_enqueued(job_id(MONTH, "recompute"))

	return check


def period_action(method):
	"""A period's own button (run_doc_method on the period): refused, and nothing queued."""

	def check(s, w, expect):
		from frappe.utils.background_jobs import is_job_enqueued

		from class_teacher_appraisal.period_jobs import job_id

		doc = frappe.get_doc("Appraisal Period", MONTH).as_dict()
		r = post(s, "/api/method/run_doc_method", docs=json.dumps(doc, default=str), method=method)
		return refused(r) and not is_job_enqueued(job_id(MONTH, "recompute"))

	return check


def county_cells(add, outsiders):
	"""A county on one site (issue 17): the Education Bureau reads every school, changes nothing and
	approves nothing; the County Ranking and the county recompute are the bureau's (the school
	restriction itself is tried over HTTP with two schools in test_county.py)."""
	bu = ["BU"]
	add(bu, "read the other's appraisal", read_doc(APPRAISAL, "other"), ALLOW)
	add(bu, "list the other's appraisal", list_contains(APPRAISAL, "other"), ALLOW)
	add(bu, "count the other's appraisal", count_of(APPRAISAL, ("name", "other")), ALLOW)
	add(bu, "PDF of the other's sheet", pdf_of("other"), ALLOW)
	add(bu, "read another class's draft", read_doc(APPRAISAL, "third_draft"), ALLOW)
	add(
		bu,
		"rows of Class Teacher Appraisal Line under the other's",
		child_rows("Class Teacher Appraisal Line", APPRAISAL, "other"),
		ALLOW,
	)
	add(bu, "read another class's inspection", read_doc(INSPECTION, "other_inspection"), ALLOW)
	add(bu, "read the other's appeal", read_doc(APPEAL, "other_appeal"), ALLOW)
	add(bu, "read a consequence", read_doc("Appraisal Consequence", "other_consequence"), ALLOW)
	add(bu, "read the other's activity", read_doc(ACTIVITY, "other_activity"), ALLOW)
	add(bu, "another class's weekly standing", red_flags_of("other_class"), ALLOW)
	add(bu, "the ranking report, every class", ranking_rows(expect_only_own=False), ALLOW)
	add(bu, "the county ranking", county_ranking(), ALLOW)
	# a rater's ratings and the paper ballots stay in the school
	add(bu, "read a rating of the own class", read_doc(RATING, "rating_of_own"), DENY)
	add(bu, "read a ballot tally", read_doc("Appraisal Ballot Tally", "other_tally"), DENY)
	# read-only: no points, no workflow step, no records, no settings
	add(bu, "enter hand points on another's draft", put_appraisal("third_draft", hand_points), DENY)
	add(bu, "forge totals", put_appraisal("third_draft", forged_total, refuse=False), DENY)
	add(bu, "forward another class's draft", workflow("third_draft", "Submit for Review"), DENY)
	add(
		bu,
		"create an appraisal",
		insert(APPRAISAL, lambda w: {"appraisal_period": MONTH, "class_record": w.own_class}),
		DENY,
	)
	add(bu, "record an inspection of a class", insert(INSPECTION, inspection_body("own_class")), DENY)
	add(bu, "change the settings", put_settings(), DENY)
	add(bu, "write a decision on an appeal", appeal_decision("Accepted"), DENY)
	add(
		bu,
		"hand another class over to themselves",
		put_doc(
			"Class Record",
			"other_class",
			{"assignments": [{"teacher": USERS["BU"], "from_date": "2025-09-01"}]},
		),
		DENY,
	)
	add(
		bu,
		"change a consequence",
		put_doc("Appraisal Consequence", "other_consequence", {"consequence": "forged", "bars_honours": 0}),
		DENY,
	)
	add(bu, "download the payroll file (Additional Salary)", payroll_file(), DENY)
	add(bu, "recompute one school's period", period_action("recompute_appraisals"), DENY)
	# the county's ranking and recompute are the bureau's (and the System Manager's)
	add(["CT", "CT2", "DI", "AO", "PR", *outsiders], "the county ranking", county_ranking(), DENY)
	add(["CT", "DI", "AO", "PR", *outsiders], "recompute the county", county_recompute(), DENY)


MY_CLASS = "/api/method/class_teacher_appraisal.my_class.overview"


def my_class_of(key):
	"""My Class (我的班级, issue 16) of a class: its figures, or a refusal that shows none of them."""

	def check(s, w, expect):
		r = get(s, MY_CLASS, class_record=w[key], day="2025-10-15")
		if expect == ALLOW:
			body = message(r) or {}
			return (body.get("class") or {}).get("name") == w[key] and "deductions" in body
		return refused(r) and '"deductions"' not in r.text

	return check


def my_class_page():
	def check(s, w, expect):
		r = get(s, "/api/method/frappe.desk.desk_page.getpage", name="my-class")
		return r.status_code == 200 if expect == ALLOW else refused(r)

	return check


def my_class_cells(add, outsiders):
	"""The class teacher's own page: their own classes (also as deputy), the office and the
	principal any class, nobody else, whatever class a request names."""
	own, other = "My Class of CT's class", "My Class of CT2's class (DI deputises it)"
	add(["CT", "AO", "PR"], own, my_class_of("own_class"), ALLOW)
	add(["CT2", "DI", "HO", "MB", "PM", "BU", *outsiders], own, my_class_of("own_class"), DENY)
	add(["CT2", "DI", "AO", "PR"], other, my_class_of("other_class"), ALLOW)
	add(["CT", "PM", "BU", *outsiders], other, my_class_of("other_class"), DENY)
	add(["CT", "CT2", "DI", "AO", "PR"], "open the My Class page", my_class_page(), ALLOW)
	add(["PM", "BU", *outsiders], "open the My Class page", my_class_page(), DENY)


def cells() -> list[Cell]:
	out = []

	def add(roles, what, check, expect):
		for role in roles:
			out.append(Cell(role, what, expect, check))

	outsiders = ["NR", "Guest"]
	# appraisals: read, list, print, PDF, form load, comments
	add(["AO", "PR", "CT2"], "read the other's appraisal", read_doc(APPRAISAL, "other"), ALLOW)
	add(["CT", "DI", *outsiders], "read the other's appraisal", read_doc(APPRAISAL, "other"), DENY)
	add(["CT", "AO", "PR"], "read the own appraisal", read_doc(APPRAISAL, "own"), ALLOW)
	add(["DI", "AO", "PR"], "read another class's draft", read_doc(APPRAISAL, "third_draft"), ALLOW)
	add(["CT", *outsiders], "read another class's draft", read_doc(APPRAISAL, "third_draft"), DENY)
	add(["AO", "PR"], "list the other's appraisal", list_contains(APPRAISAL, "other"), ALLOW)
	add(["CT", "DI", *outsiders], "list the other's appraisal", list_contains(APPRAISAL, "other"), DENY)
	add(["CT"], "list the own appraisal", list_contains(APPRAISAL, "own"), ALLOW)
	add(["AO", "PR"], "count the other's appraisal", count_of(APPRAISAL, ("name", "other")), ALLOW)
	add(["CT", "DI", *outsiders], "count the other's appraisal", count_of(APPRAISAL, ("name", "other")), DENY)
	add(["AO", "PR", "CT2"], "PDF of the other's sheet", pdf_of("other"), ALLOW)
	add(["CT", "DI", *outsiders], "PDF of the other's sheet", pdf_of("other"), DENY)
	add(["CT", "DI", *outsiders], "multi-PDF of the other's sheet", multi_pdf_of("other"), DENY)
	add(["AO"], "multi-PDF of the other's sheet", multi_pdf_of("other"), ALLOW)
	add(["AO", "CT2"], "print view of the other's sheet", printview_of("other"), ALLOW)
	add(["CT", "DI", *outsiders], "print view of the other's sheet", printview_of("other"), DENY)
	add(["AO", "PR", "CT2"], "form load of the other's appraisal", docinfo_of("other"), ALLOW)
	add(["CT", "DI", *outsiders], "form load of the other's appraisal", docinfo_of("other"), DENY)
	add(
		["CT", "CT2", "DI", "PR", *outsiders],
		"comments and versions of the other's appraisal",
		comments_of("other"),
		DENY,
	)
	# child tables of appraisals, inspections, ratings and appeals
	for child, parent, key in (
		("Class Teacher Appraisal Line", APPRAISAL, "other"),
		("Class Teacher Appraisal Section", APPRAISAL, "other"),
		("Appraisal Veto Case", APPRAISAL, "vetoed"),
		("Appraisal Appeal Line", APPEAL, "other_appeal"),
	):
		add(["AO"], f"rows of {child} under the other's", child_rows(child, parent, key), ALLOW)
		add(
			["CT", "DI", *outsiders],
			f"rows of {child} under the other's",
			child_rows(child, parent, key),
			DENY,
		)
	add(
		["AO", "DI"],
		"rows of Inspection Incident of another class",
		child_rows("Inspection Incident", INSPECTION, "other_inspection"),
		ALLOW,
	)
	add(
		["CT", *outsiders],
		"rows of Inspection Incident of another class",
		child_rows("Inspection Incident", INSPECTION, "other_inspection"),
		DENY,
	)
	add(
		["AO", "PR"],
		"scores of a rating of the own class",
		child_rows("Appraisal Rating Score", RATING, "rating_of_own"),
		ALLOW,
	)
	add(
		["CT", "DI", *outsiders],
		"scores of a rating of the own class",
		child_rows("Appraisal Rating Score", RATING, "rating_of_own"),
		DENY,
	)
	# inspections
	add(
		["CT", "DI", "AO", "PR"],
		"read the own class's inspection",
		read_doc(INSPECTION, "own_inspection"),
		ALLOW,
	)
	add(
		["DI", "AO", "PR", "CT2"],
		"read another class's inspection",
		read_doc(INSPECTION, "other_inspection"),
		ALLOW,
	)
	add(["CT", *outsiders], "read another class's inspection", read_doc(INSPECTION, "other_inspection"), DENY)
	add(
		["CT", "CT2", *outsiders],
		"record an inspection of a class",
		insert(INSPECTION, inspection_body("own_class")),
		DENY,
	)
	add(
		["DI"],
		"record an inspection of their own class",
		insert(INSPECTION, inspection_body("other_class")),
		DENY,
	)
	# ratings
	add(["AO", "PR"], "read a rating of the own class", read_doc(RATING, "rating_of_own"), ALLOW)
	add(["CT", "DI", *outsiders], "read a rating of the own class", read_doc(RATING, "rating_of_own"), DENY)
	add(["CT"], "count ratings of the own class", count_of(RATING, ("class_record", "own_class")), DENY)
	add(["CT"], "rate the own appraisal", insert(RATING, rating_body("own_draft")), DENY)
	add(["DI", *outsiders], "rate an appraisal", insert(RATING, rating_body("third_draft")), DENY)
	# appeals
	add(["AO", "PR", "CT2"], "read the other's appeal", read_doc(APPEAL, "other_appeal"), ALLOW)
	add(["CT", "DI", *outsiders], "read the other's appeal", read_doc(APPEAL, "other_appeal"), DENY)
	add(["CT2", "CT", *outsiders], "write a decision on an appeal", appeal_decision("Accepted"), DENY)
	add(["AO", "CT2"], "reject an appeal by GET", appeal_method("reject", "GET"), DENY)
	add(["CT2", "CT", "DI", *outsiders], "reject an appeal", appeal_method("reject", "POST"), DENY)
	# changes to appraisals (each refused and leaving the appraisal as it was)
	add(["CT"], "enter hand points on the own draft", put_appraisal("own_draft", hand_points), DENY)
	add(
		["DI", "PR", "CT2", *outsiders],
		"enter hand points on another's draft",
		put_appraisal("third_draft", hand_points),
		DENY,
	)
	add(["AO"], "enter hand points on another's draft", put_appraisal("third_draft", hand_points), ALLOW)
	add(["PR", "AO"], "give an appraisal to another teacher", put_appraisal("third_draft", new_teacher), DENY)
	add(
		["CT", "DI", "AO", *outsiders],
		"forge totals",
		put_appraisal("third_draft", forged_total, refuse=False),
		DENY,
	)
	add(
		["CT", "DI", "CT2", *outsiders],
		"add a veto through the child endpoint",
		veto_through_child_endpoint("third_draft"),
		DENY,
	)
	add(["DI"], "forward the draft of their own class", workflow("other_draft", "Submit for Review"), DENY)
	add(["CT", *outsiders], "forward the own draft", workflow("own_draft", "Submit for Review"), DENY)
	add(
		["CT", "DI", "PR"],
		"create an appraisal",
		insert(APPRAISAL, lambda w: {"appraisal_period": MONTH, "class_record": w.own_class}),
		DENY,
	)
	add(["CT", "DI", "PR", *outsiders], "change the settings", put_settings(), DENY)
	# paper ballots: counted by the office, read by the principal, nobody else's business
	add(["AO", "PR"], "read a ballot tally", read_doc("Appraisal Ballot Tally", "other_tally"), ALLOW)
	add(
		["CT", "CT2", "DI", *outsiders],
		"read a ballot tally",
		read_doc("Appraisal Ballot Tally", "other_tally"),
		DENY,
	)
	add(
		["CT2", "DI", *outsiders],
		"list ballot tallies",
		list_contains("Appraisal Ballot Tally", "other_tally"),
		DENY,
	)
	add(
		["CT2", "CT", *outsiders],
		"ballot counts of a tally",
		child_rows("Appraisal Ballot Count", "Appraisal Ballot Tally", "other_tally"),
		DENY,
	)
	add(
		["CT", "CT2", "DI", "PR", *outsiders],
		"count ballots",
		insert(
			"Appraisal Ballot Tally",
			lambda w: {
				"appraisal": w.own_draft,
				"criterion_code": "T-03",
				"rater_group": "Teachers",
				"counts": [{"level": "优秀", "score": 100, "ballots": 99}],
			},
		),
		DENY,
	)
	# consequences of an approved grade: the teacher's own, the office's and the principal's; the
	# server records them, nobody enters or changes one
	add(
		["AO", "PR", "CT2"],
		"read a consequence",
		read_doc("Appraisal Consequence", "other_consequence"),
		ALLOW,
	)
	add(
		["CT", "DI", *outsiders],
		"read a consequence",
		read_doc("Appraisal Consequence", "other_consequence"),
		DENY,
	)
	add(
		["CT", "DI", *outsiders],
		"list consequences",
		list_contains("Appraisal Consequence", "other_consequence"),
		DENY,
	)
	add(
		["CT", "CT2", "DI", "AO", "PR", *outsiders],
		"record a consequence",
		insert(
			"Appraisal Consequence",
			lambda w: {"teacher": USERS["CT"], "appraisal": w.own, "consequence": "获优秀班主任参评资格"},
		),
		DENY,
	)
	add(
		["CT", "CT2", "DI", "AO", "PR", *outsiders],
		"change a consequence",
		put_doc("Appraisal Consequence", "other_consequence", {"consequence": "forged", "bars_honours": 0}),
		DENY,
	)
	# parts entered by their own office: the part's role only (none of the demo's roles)
	add(
		["AO", "CT2"],
		"part confirmations of an appraisal",
		child_rows("Appraisal Part Confirmation", APPRAISAL, "other"),
		ALLOW,
	)
	add(
		["CT", *outsiders],
		"part confirmations of an appraisal",
		child_rows("Appraisal Part Confirmation", APPRAISAL, "other"),
		DENY,
	)
	add(["CT", "CT2", "DI", "AO", "PR", *outsiders], "a part's sheet without its role", part_sheet(), DENY)
	add(
		["CT", "CT2", "DI", "AO", "PR", *outsiders],
		"enter a part without its role",
		save_part("other_draft"),
		DENY,
	)
	# activities (工作记录): a teacher records their own, the office confirms, never its own
	add(["AO", "PR", "CT2"], "read the other's activity", read_doc(ACTIVITY, "other_activity"), ALLOW)
	add(["CT", "DI", *outsiders], "read the other's activity", read_doc(ACTIVITY, "other_activity"), DENY)
	add(["AO", "PR"], "list the other's activity", list_contains(ACTIVITY, "other_activity"), ALLOW)
	add(
		["CT", "DI", *outsiders], "list the other's activity", list_contains(ACTIVITY, "other_activity"), DENY
	)
	add(["CT"], "list the own activity", list_contains(ACTIVITY, "own_activity"), ALLOW)
	add(["CT"], "count the other's activity", count_of(ACTIVITY, ("name", "other_activity")), DENY)
	add(["CT"], "record an own activity for the own class", activity_insert(None, "own_class"), ALLOW)
	add(["CT"], "record an activity of a colleague", activity_insert("CT2", None), DENY)
	add(["CT"], "record an activity for another class", activity_insert(None, "other_class"), DENY)
	add(["DI", "PR", *outsiders], "record an activity", activity_insert(None, None), DENY)
	add(
		["CT", "CT2", "PR", *outsiders],
		"confirm the own draft activity",
		activity_submit("own_activity"),
		DENY,
	)
	add(["AO"], "confirm a teacher's activity", activity_submit(), ALLOW)
	add(["CT"], "hand the own activity to a colleague", activity_handed_over("own_activity", "CT2"), DENY)
	add(["CT", "CT2", "AO", "PR"], "the quota progress report", quota_progress(), ALLOW)
	add(["CT"], "the quota progress of a colleague", quota_progress("CT2"), DENY)
	add(["DI", *outsiders], "the quota progress report", quota_progress(), DENY)
	# a class's class teachers over time: read with the class, changed by the office only
	add(
		["CT", "CT2", "DI", "AO", "PR"],
		"class teacher assignments of another class",
		child_rows("Class Teacher Assignment", "Class Record", "other_class"),
		ALLOW,
	)
	add(
		outsiders,
		"class teacher assignments of another class",
		child_rows("Class Teacher Assignment", "Class Record", "other_class"),
		DENY,
	)
	add(
		["CT", "CT2", "DI", "PR", *outsiders],
		"hand another class over to themselves",
		put_doc(
			"Class Record",
			"other_class",
			{"assignments": [{"teacher": USERS["PR"], "from_date": "2025-09-01"}]},
		),
		DENY,
	)
	add(
		["CT", "CT2", "DI", "PR", *outsiders],
		"add a class teacher through the child endpoint",
		assignment_through_child_endpoint("own_class"),
		DENY,
	)
	# files, red flags, reports, dashboard
	add(["AO", "CT2"], "list the other's private file", private_file(listing=True), ALLOW)
	add(["CT", "DI", *outsiders], "list the other's private file", private_file(listing=True), DENY)
	add(["AO", "CT2"], "download the other's private file", private_file(listing=False), ALLOW)
	add(["CT", "DI", *outsiders], "download the other's private file", private_file(listing=False), DENY)
	add(["AO", "PR", "CT2"], "another class's weekly standing", red_flags_of("other_class"), ALLOW)
	add(["CT", *outsiders], "another class's weekly standing", red_flags_of("other_class"), DENY)
	add(["CT"], "the ranking report, own row only", ranking_rows(expect_only_own=True), ALLOW)
	add(["AO", "PR"], "the ranking report, every class", ranking_rows(expect_only_own=False), ALLOW)
	add(outsiders, "the ranking report", ranking_rows(expect_only_own=True), DENY)
	for method in (
		"class_teacher_appraisal.class_teacher_appraisal.dashboard_chart_source.appraisal_grade_distribution.appraisal_grade_distribution.get",
		"class_teacher_appraisal.class_teacher_appraisal.dashboard_chart_source.appraisal_points_by_part.appraisal_points_by_part.get",
	):
		short = method.rsplit(".", 2)[-2]
		add(["CT", "DI", "AO", "PR"], f"chart {short}", chart(method), ALLOW)
		add(outsiders, f"chart {short}", chart(method), DENY)
	add(list(USERS), "the hall scoreboard while switched off", scoreboard_off(), DENY)
	add(["AO", "PR"], "download the payroll file (Additional Salary)", payroll_file(), ALLOW)
	add(
		["CT", "CT2", "DI", *outsiders], "download the payroll file (Additional Salary)", payroll_file(), DENY
	)
	add(list(USERS), "create Additional Salary drafts in HRMS", additional_salary_drafts(), DENY)
	studio_cells(add, outsiders)
	studio_grading_cells(add, outsiders)
	county_cells(add, outsiders)
	duty_cells(add, outsiders)
	my_class_cells(add, outsiders)
	inspection_review_cells(add, outsiders)
	return out


CELLS = cells()


@pytest.mark.parametrize("cell", CELLS, ids=[c.id for c in CELLS])
def test_cell(cell, sessions, world):
	assert cell.check(sessions[cell.role], world, cell.expect), (
		f"{cell.role} could not {cell.what}" if cell.expect == ALLOW else f"{cell.role} could {cell.what}"
	)


def test_the_matrix_covers_every_role():
	assert {c.role for c in CELLS} == set(USERS)
	assert {c.expect for c in CELLS} == {ALLOW, DENY}
