"""A county on one site (issue 17), over HTTP: two schools of their own on the served demo site, each
kept to its people by User Permissions (Allow: Appraisal School), and the county's Education Bureau.
Logged in as each role, the REST API, frappe.client, run_doc_method, reports and PDFs answer a
school's people with their school only; the bureau reads both schools, ranks them county-wide and
per school, queues the county's recompute (one job per school) and changes nothing else. Every
refused change leaves the database as it was. Everything made here is removed afterwards."""

import json

import frappe
import pytest
import requests

from tests.e2e.conftest import PASSWORD
from tests.e2e.test_access_matrix import get, listed, message, post, refused, resource

APPRAISAL, INSPECTION = "Class Teacher Appraisal", "Inspection"
X, Y = "E2E县城关一小", "E2E县城关二小"
YEAR = "E2E-COUNTY"
MONTH = "2025年12月"
S6 = "班主任月度考核（百分制） v1"
PEOPLE = {
	"AO_X": ("e2e.county.office.x@demo-school.cn", "Academic Office", X),
	"PR_X": ("e2e.county.head.x@demo-school.cn", "Principal", X),
	"DI_X": ("e2e.county.duty.x@demo-school.cn", "Duty Inspector", X),
	"CT_X": ("e2e.county.teacher.x@demo-school.cn", "Class Teacher", X),
	"CT_Y": ("e2e.county.teacher.y@demo-school.cn", "Class Teacher", Y),
	"AO_Y": ("e2e.county.office.y@demo-school.cn", "Academic Office", Y),
	"BU": ("e2e.county.bureau@demo-school.cn", "Education Bureau", None),
}


def user(email, role):
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": email.split("@")[0],
				"send_welcome_email": 0,
				"new_password": PASSWORD,
				"roles": [{"role": role}],
			}
		).insert(ignore_permissions=True)


@pytest.fixture(scope="module")
def county(e2e_site):
	"""Schools X and Y, a class of each (of the same name) with its teacher, a month of each school
	of the same dates with one inspection of each class, and the drafts generated (committed: the
	server is another process)."""
	from class_teacher_appraisal import appraisals

	frappe.set_user("Administrator")
	for email, role, _school in PEOPLE.values():
		user(email, role)
	made = {"schools": [], "periods": [], "classes": []}
	try:
		for school in (X, Y):
			frappe.get_doc({"doctype": "Appraisal School", "school_name": school}).insert()
			made["schools"].append(school)
		for email, _role, school in PEOPLE.values():
			if school:
				frappe.get_doc(
					{
						"doctype": "User Permission",
						"user": email,
						"allow": "Appraisal School",
						"for_value": school,
					}
				).insert(ignore_permissions=True)
		w = frappe._dict()
		for key, school, teacher in (("x", X, "CT_X"), ("y", Y, "CT_Y")):
			cls = frappe.get_doc(
				{
					"doctype": "Class Record",
					"class_name": "一年级(1)班",
					"grade_level": 1,
					"academic_year": YEAR,
					"school": school,
					"class_teacher": PEOPLE[teacher][0],
				}
			).insert()
			made["classes"].append(cls.name)
			w[f"class_{key}"] = cls.name
			period = frappe.get_doc(
				{
					"doctype": "Appraisal Period",
					"period_name": MONTH,
					"period_type": "Month",
					"academic_year": YEAR,
					"school": school,
					"start_date": "2025-12-01",
					"end_date": "2025-12-31",
					"rubric": S6,
				}
			).insert()
			made["periods"].append(period.name)
			w[f"period_{key}"] = period.name
			doc = frappe.get_doc(
				{
					"doctype": INSPECTION,
					"inspection_date": "2025-12-02",
					"class_record": cls.name,
					"inspection_item": "卫生",
					"score": 9,
				}
			).insert()
			doc.submit()
			w[f"inspection_{key}"] = doc.name
			appraisals.generate(period.name)
			w[f"appraisal_{key}"] = frappe.db.get_value(APPRAISAL, {"appraisal_period": period.name})
		frappe.db.commit()
		yield w
	finally:
		frappe.set_user("Administrator")
		frappe.db.rollback()
		remove(made)
		frappe.db.commit()


def remove(made):
	from frappe.utils.background_jobs import get_job

	from class_teacher_appraisal.period_jobs import job_id
	from tests.e2e.conftest import delete_period

	appraisals = frappe.get_all(
		APPRAISAL, filters={"appraisal_period": ["in", made["periods"] or [""]]}, pluck="name"
	)
	actions = frappe.get_all(
		"Workflow Action",
		filters={"reference_doctype": APPRAISAL, "reference_name": ["in", appraisals or [""]]},
		pluck="name",
	)
	frappe.db.delete("Workflow Action Permitted Role", {"parent": ["in", actions or [""]]})
	frappe.db.delete("Workflow Action", {"name": ["in", actions or [""]]})
	for period in made["periods"]:
		job = get_job(job_id(period, "recompute"))
		if job:  # the bureau's queued recompute: no worker runs on the test site
			job.delete()
		delete_period(period)
	inspections = frappe.get_all(
		INSPECTION, filters={"class_record": ["in", made["classes"] or [""]]}, pluck="name"
	)
	frappe.db.delete("Inspection Incident", {"parent": ["in", inspections or [""]]})
	frappe.db.delete(INSPECTION, {"name": ["in", inspections or [""]]})
	frappe.db.delete("Class Teacher Assignment", {"parent": ["in", made["classes"] or [""]]})
	frappe.db.delete("Class Record", {"name": ["in", made["classes"] or [""]]})
	frappe.db.delete(
		"User Permission", {"allow": "Appraisal School", "for_value": ["in", made["schools"] or [""]]}
	)
	frappe.db.delete("Appraisal School", {"name": ["in", made["schools"] or [""]]})
	frappe.cache.delete_value("user_permissions")


@pytest.fixture(scope="module")
def sessions(server, county):
	out = {}
	for key, (email, _role, _school) in PEOPLE.items():
		s = requests.Session()
		s.base = server
		r = s.post(f"{server}/api/method/login", data={"usr": email, "pwd": PASSWORD}, timeout=30)
		assert r.ok, f"{email} cannot log in: {r.status_code} {r.text[:200]}"
		out[key] = s
	guest = requests.Session()
	guest.base = server
	out["Guest"] = guest
	yield out
	for s in out.values():
		s.close()


def names(s, doctype, **filters):
	return {
		row["name"]
		for row in listed(get(s, resource(doctype), fields=["name"], filters=filters, limit_page_length=0))
	}


def report(s, name, **filters):
	return post(s, "/api/method/frappe.desk.query_report.run", report_name=name, filters=filters)


def rows_of(r) -> list[dict]:
	return [row for row in (message(r) or {}).get("result", []) if isinstance(row, dict)]


# ------------------------------------------------------------------ a school's people


@pytest.mark.parametrize("who", ["AO_X", "PR_X", "DI_X", "CT_X"])
def test_a_schools_people_read_nothing_of_the_other_school(sessions, county, who):
	s = sessions[who]
	for doctype, key in (
		(APPRAISAL, "appraisal_y"),
		(INSPECTION, "inspection_y"),
		("Class Record", "class_y"),
	):
		assert get(s, f"{resource(doctype)}/{county[key]}").status_code in (403, 401), doctype
		assert county[key] not in names(s, doctype)
	assert county.period_y not in names(s, "Appraisal Period")
	assert names(s, "Appraisal School") <= {X}
	count = message(
		post(
			s, "/api/method/frappe.client.get_count", doctype=APPRAISAL, filters={"name": county.appraisal_y}
		)
	)
	assert not count
	lines = listed(
		post(
			s,
			"/api/method/frappe.client.get_list",
			doctype="Class Teacher Appraisal Line",
			fields=["name"],
			filters=[["parent", "=", county.appraisal_y]],
			parent=APPRAISAL,
		)
	)
	assert not lines
	pdf = get(
		s,
		"/api/method/frappe.utils.print_format.download_pdf",
		doctype=APPRAISAL,
		name=county.appraisal_y,
		format="Class Teacher Appraisal Sheet",
	)
	assert pdf.content[:4] != b"%PDF"


def test_a_schools_office_lists_its_own_school(sessions, county):
	s = sessions["AO_X"]
	assert county.appraisal_x in names(s, APPRAISAL) and county.class_x in names(s, "Class Record")
	assert get(s, f"{resource(APPRAISAL)}/{county.appraisal_x}").status_code == 200
	rows = rows_of(report(s, "Appraisal Ranking", appraisal_period=county.period_x))
	assert {r.get("class_record") for r in rows if r.get("class_record")} == {county.class_x}
	assert refused(report(s, "Appraisal Ranking", appraisal_period=county.period_y))


def test_a_schools_office_changes_nothing_of_the_other_school(sessions, county):
	s = sessions["AO_X"]
	frappe.db.rollback()
	before = frappe.get_doc(APPRAISAL, county.appraisal_y).as_dict()
	lines = [dict(row) for row in before["lines"]]
	manual = next(row for row in lines if row["rule_kind"] == "Manual Points")
	manual["manual_points"], manual["manual_entered"] = 1, 1
	r = s.put(
		f"{s.base}{resource(APPRAISAL)}/{county.appraisal_y}",
		data={"data": json.dumps({"lines": lines, "modified": str(before["modified"])}, default=str)},
		timeout=60,
	)
	assert refused(r)
	period = frappe.get_doc("Appraisal Period", county.period_y).as_dict()
	for method in ("recompute_appraisals", "generate_appraisals", "award_weekly_flags"):
		r = post(s, "/api/method/run_doc_method", docs=json.dumps(period, default=str), method=method)
		assert refused(r), method
	r = post(
		s,
		"/api/method/frappe.client.insert",
		doc={
			"doctype": INSPECTION,
			"inspection_date": "2025-12-03",
			"class_record": county.class_y,
			"inspection_item": "卫生",
			"score": 5,
			"school": X,  # sent as the office's own school
		},
	)
	assert refused(r)
	frappe.db.rollback()
	after = frappe.get_doc(APPRAISAL, county.appraisal_y)
	assert after.modified == before["modified"]
	assert [row.manual_points for row in after.lines] == [row["manual_points"] for row in before["lines"]]
	assert not frappe.db.exists(INSPECTION, {"class_record": county.class_y, "inspection_date": "2025-12-03"})


def test_a_school_set_in_a_request_is_not_what_is_stored(sessions, county):
	s = sessions["AO_X"]

	def insert(**school):
		doc = {
			"doctype": INSPECTION,
			"inspection_date": "2025-12-04",
			"class_record": county.class_x,
			"inspection_item": "卫生",
			"score": 8,
		}
		r = post(s, "/api/method/frappe.client.insert", doc={**doc, **school})
		frappe.db.rollback()
		return r, frappe.db.get_value(
			INSPECTION, {"class_record": county.class_x, "inspection_date": "2025-12-04"}
		)

	try:
		# another school's value is refused (Frappe's User Permission checks a new record's links) …
		r, name = insert(school=Y)
		assert refused(r) and not name
		# … and the school stored is the class's, from the server
		r, name = insert()
		assert r.status_code == 200 and name
		assert frappe.db.get_value(INSPECTION, name, "school") == X
	finally:
		frappe.db.delete(INSPECTION, {"class_record": county.class_x, "inspection_date": "2025-12-04"})
		frappe.db.commit()
	before = frappe.db.get_value(APPRAISAL, county.appraisal_x, ["school", "modified"])
	r = s.put(
		f"{s.base}{resource(APPRAISAL)}/{county.appraisal_x}",
		data={"data": json.dumps({"school": Y})},
		timeout=60,
	)
	frappe.db.rollback()
	assert refused(r) and frappe.db.get_value(APPRAISAL, county.appraisal_x, ["school", "modified"]) == before


def test_a_schools_principal_approves_nothing_of_the_other_school(sessions, county):
	s = sessions["PR_X"]
	frappe.db.rollback()
	state = frappe.db.get_value(APPRAISAL, county.appraisal_y, "workflow_state")
	doc = frappe.get_doc(APPRAISAL, county.appraisal_y).as_dict()
	for action in ("Approve", "Return"):
		r = post(
			s,
			"/api/method/frappe.model.workflow.apply_workflow",
			doc=json.dumps(doc, default=str),
			action=action,
		)
		assert refused(r)
	frappe.db.rollback()
	assert frappe.db.get_value(APPRAISAL, county.appraisal_y, "workflow_state") == state


# ------------------------------------------------------------------ the county's bureau


@pytest.mark.parametrize("who", ["AO_X", "PR_X", "CT_X", "DI_X", "Guest"])
def test_the_county_ranking_and_recompute_are_the_bureaus(sessions, county, who):
	s = sessions[who]
	assert refused(report(s, "County Ranking", appraisal_period=county.period_x))
	r = post(s, "/api/method/class_teacher_appraisal.county.terms.recompute_term", period=county.period_x)
	assert refused(r)


def test_the_bureau_reads_both_schools_and_changes_nothing(sessions, county):
	s = sessions["BU"]
	for key in ("appraisal_x", "appraisal_y", "inspection_y", "class_y"):
		doctype = {"a": APPRAISAL, "i": INSPECTION, "c": "Class Record"}[key[0]]
		assert get(s, f"{resource(doctype)}/{county[key]}").status_code == 200, key
	assert {county.appraisal_x, county.appraisal_y} <= names(s, APPRAISAL)
	assert {X, Y} <= names(s, "Appraisal School")
	frappe.db.rollback()
	before = frappe.db.get_value(APPRAISAL, county.appraisal_y, ["modified", "workflow_state"])
	r = s.put(
		f"{s.base}{resource(APPRAISAL)}/{county.appraisal_y}",
		data={"data": json.dumps({"remarks": "x"})},
		timeout=60,
	)
	assert refused(r)
	doc = frappe.get_doc(APPRAISAL, county.appraisal_y).as_dict()
	r = post(
		s,
		"/api/method/frappe.model.workflow.apply_workflow",
		doc=json.dumps(doc, default=str),
		action="Submit for Review",
	)
	assert refused(r)
	frappe.db.rollback()
	assert frappe.db.get_value(APPRAISAL, county.appraisal_y, ["modified", "workflow_state"]) == before


def test_the_bureau_ranks_the_county_and_each_school(sessions, county):
	s = sessions["BU"]
	rows = rows_of(report(s, "County Ranking", appraisal_period=county.period_y, include_unapproved=1))
	by_class = {r["class_record"]: r for r in rows}
	assert set(by_class) == {county.class_x, county.class_y}
	assert {r["school"] for r in rows} == {X, Y}
	assert {r["school_rank"] for r in rows} == {1} and sorted(r["county_rank"] for r in rows)[0] == 1
	only_y = rows_of(
		report(s, "County Ranking", appraisal_period=county.period_x, include_unapproved=1, school=Y)
	)
	assert [r["class_record"] for r in only_y] == [county.class_y]
	assert only_y[0]["county_rank"] == by_class[county.class_y]["county_rank"]
	schools = rows_of(
		report(s, "County Ranking", appraisal_period=county.period_x, include_unapproved=1, rank_by="Schools")
	)
	assert {r["school"] for r in schools} == {X, Y}
	assert not rows_of(report(s, "County Ranking", appraisal_period=county.period_x))  # none approved


def test_the_bureau_queues_one_recompute_per_school(sessions, county):
	from frappe.utils.background_jobs import is_job_enqueued

	from class_teacher_appraisal.period_jobs import job_id

	s = sessions["BU"]
	r = post(s, "/api/method/class_teacher_appraisal.county.terms.recompute_term", period=county.period_x)
	assert r.status_code == 200, r.text[:300]
	assert {k: message(r)[k] for k in ("periods", "queued", "already_running")} == {
		"periods": 2,
		"queued": 2,
		"already_running": 0,
	}
	for period in (county.period_x, county.period_y):
		assert is_job_enqueued(job_id(period, "recompute")), period
	again = message(
		post(s, "/api/method/class_teacher_appraisal.county.terms.recompute_term", period=county.period_y)
	)
	assert (again["queued"], again["already_running"]) == (0, 2)  # a second click queues nothing
	progress = message(
		get(s, "/api/method/class_teacher_appraisal.county.terms.term_progress", period=county.period_x)
	)
	assert (progress["periods"], progress["running"]) == (2, 2)
	assert refused(
		get(s, "/api/method/class_teacher_appraisal.county.terms.recompute_term", period=county.period_x)
	)


# ------------------------------------------------------------------ the Desk


def test_the_bureau_opens_the_county_ranking_in_the_desk(login, county):
	from urllib.parse import quote

	from playwright.sync_api import expect

	from tests.e2e.conftest import shot

	page = login(PEOPLE["BU"][0])
	page.goto(f"/app/query-report/{quote('County Ranking')}?appraisal_period={quote(county.period_x)}")
	expect(page.locator(".page-title").first).to_contain_text("县级排名")
	page.get_by_role("checkbox", name="包括尚未审批的考核").check()  # nothing is approved yet
	expect(page.locator(".dt-row").nth(1)).to_be_visible()
	for school in (X, Y):
		expect(page.locator(".dt-scrollable").first).to_contain_text(school)
	expect(page.get_by_role("button", name="全县重新计算")).to_be_visible()
	# the chart of the first places (the drafts' hand-scored lines are empty: bars of 0 points)
	expect(page.locator(".chart-container .frappe-chart").first).to_be_visible()
	shot(page, "county-ranking")


def test_a_schools_office_sees_its_school_in_the_desk(login, county):
	from playwright.sync_api import expect

	page = login(PEOPLE["AO_X"][0])
	page.goto("/app/class-record?academic_year=" + YEAR)
	# the list's rows (Frappe 16 puts its column heads in a row container too)
	rows = page.locator(".list-row-container").filter(has=page.locator(".list-row"))
	expect(rows.first).to_be_visible()
	expect(rows).to_have_count(1)
	expect(rows.first).to_contain_text("一年级(1)班")
	page.goto("/app/query-report/County%20Ranking")
	expect(page.locator("body")).not_to_contain_text("全县重新计算", timeout=5000)


def test_the_county_endpoints_refuse_bad_input_with_a_message(sessions, county):
	"""Never a server error: the recompute and the ranking refuse with a message (4xx); the read-only
	progress answers or refuses. Nothing is queued for a period that is not there."""
	from tests.e2e.test_bad_requests import BAD

	s = sessions["BU"]
	base = "/api/method/class_teacher_appraisal.county.terms."
	for value in [*BAD, None]:
		sent = {} if value is None else {"period": value}
		for r in (
			post(s, base + "recompute_term", **sent),
			report(
				s,
				"County Ranking",
				**({} if value is None else {"appraisal_period": value, "rank_by": value}),
			),
		):
			assert 400 <= r.status_code < 500 and r.json().get("exc_type"), (value, r.url, r.text[:200])
		for r in (
			get(s, base + "term_progress", **sent),
			get(s, base + "term_progress", period=county.period_x, since=value or ""),
		):
			assert r.status_code == 200 or (400 <= r.status_code < 500 and r.json().get("exc_type")), (
				value,
				r.url,
				r.text[:200],
			)
