"""A county on one site (issue 17): two schools on one site, each kept to its own by User Permissions
(Allow: Appraisal School); the Education Bureau reads both, ranks them county-wide and per school,
and recomputes a county term one job per school. A school's office, principal, inspector and
teachers neither read nor act on the other school's classes, appraisals, inspections and reports,
and a record's school is the server's, never the request's."""

import frappe
import pytest
from frappe.model.workflow import apply_workflow

from class_teacher_appraisal import reports
from class_teacher_appraisal.class_teacher_appraisal.report.appraisal_ranking import appraisal_ranking
from class_teacher_appraisal.class_teacher_appraisal.report.county_ranking import county_ranking
from class_teacher_appraisal.class_teacher_appraisal.report.weekly_inspection_bulletin import (
	weekly_inspection_bulletin,
)
from class_teacher_appraisal.county import terms
from class_teacher_appraisal.permissions import child_conditions, visible_classes
from tests.factories import S6, appraisal_of, approve, inspect, make_class, make_period, make_user

APPRAISAL = "Class Teacher Appraisal"
A, B = "城关一小", "城关二小"
# Users of this module only: their User Permissions are made and rolled back in each test.
PEOPLE = {
	"office_a": ("county.office.a@example.cn", "Academic Office", A),
	"principal_a": ("county.head.a@example.cn", "Principal", A),
	"inspector_a": ("county.duty.a@example.cn", "Duty Inspector", A),
	"teacher_a1": ("county.t.a1@example.cn", "Class Teacher", A),
	"teacher_a2": ("county.t.a2@example.cn", "Class Teacher", A),
	"office_b": ("county.office.b@example.cn", "Academic Office", B),
	"teacher_b1": ("county.t.b1@example.cn", "Class Teacher", B),
	"teacher_b2": ("county.t.b2@example.cn", "Class Teacher", B),
	"bureau": ("county.bureau@example.cn", "Education Bureau", None),
}


@pytest.fixture(scope="module")
def people(frappe_site):
	"""The county's users, created once (a user costs seconds) and kept, like the session's users."""
	for email, role, _school in PEOPLE.values():
		make_user(email, role)
	frappe.db.commit()
	return {key: email for key, (email, _role, _school) in PEOPLE.items()}


def forget_user_permissions():
	frappe.cache.delete_value("user_permissions")
	for email, _role, _school in PEOPLE.values():
		frappe.clear_cache(user=email)


@pytest.fixture
def county(people, db):
	"""Two schools with two grade-4 classes each (of the same names), each kept to its own users, a
	December month (S6) of each school of the same dates, one discipline inspection of every class,
	and the drafts generated."""
	forget_user_permissions()
	for school in (A, B):
		frappe.get_doc({"doctype": "Appraisal School", "school_name": school}).insert()
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
	classes = {}
	for key, school, teacher in (
		("a1", A, people["teacher_a1"]),
		("a2", A, people["teacher_a2"]),
		("b1", B, people["teacher_b1"]),
		("b2", B, people["teacher_b2"]),
	):
		classes[key] = make_class(f"四年级({key[1]})班", 4, class_teacher=teacher, school=school).name
	periods = {
		school: make_period(
			"2025年12月", "2025-12-01", "2025-12-31", rubric=S6, period_type="Month", school=school
		)
		for school in (A, B)
	}
	for key, cls in classes.items():
		inspect(cls, "纪律", "2025-12-02", 9 if key.endswith("1") else 8)
	for period in periods.values():
		period.generate_appraisals()
	yield frappe._dict(people=people, classes=classes, periods={k: p.name for k, p in periods.items()})
	frappe.db.rollback()
	forget_user_permissions()


def as_(user):
	from tests.conftest import acting_as

	return acting_as(user)


# ------------------------------------------------------------------ the dimension


def test_two_schools_hold_classes_and_periods_of_the_same_names(county):
	c = county.classes
	assert c["a1"] == f"{A} 2025-2026 四年级(1)班" and c["b1"] == f"{B} 2025-2026 四年级(1)班"
	assert county.periods == {A: f"{A} 2025年12月", B: f"{B} 2025年12月"}
	assert frappe.db.get_value("Appraisal Period", county.periods[A], "period_name") == "2025年12月"


def test_a_site_of_one_school_names_and_generates_as_before(people, db):
	cls = make_class("五年级(1)班", 5, class_teacher=people["teacher_a1"]).name
	period = make_period("2026年1月", "2026-01-01", "2026-01-31", rubric=S6, period_type="Month")
	period.generate_appraisals()
	assert (cls, period.name) == ("2025-2026 五年级(1)班", "2026年1月")
	doc = appraisal_of(period.name, cls)
	assert doc.school is None and frappe.db.get_value("Class Record", cls, "school") is None
	with as_(people["bureau"]):
		assert appraisal_ranking.execute({"appraisal_period": period.name})[1]


def test_each_schools_period_generates_its_own_classes_only(county):
	c = county.classes
	for school, own in ((A, {c["a1"], c["a2"]}), (B, {c["b1"], c["b2"]})):
		rows = frappe.get_all(
			APPRAISAL, filters={"appraisal_period": county.periods[school]}, fields=["class_record", "school"]
		)
		assert {r.class_record for r in rows} == own
		assert {r.school for r in rows} == {school}
	assert set(frappe.get_all("Inspection", filters={"class_record": c["b1"]}, pluck="school")) == {B}


def test_the_school_is_the_servers_never_the_requests(county):
	c, p = county.classes, county.people
	with as_(p["inspector_a"]):
		# another school's value in a new record is refused (Frappe's User Permission checks the
		# links a new record is sent with, as it does on a save: below) …
		with pytest.raises(frappe.PermissionError):
			inspect(c["a2"], "卫生", "2025-12-03", 9, school=B)
		with pytest.raises(frappe.PermissionError):  # B's class, sent as A's
			inspect(c["b2"], "卫生", "2025-12-03", 9, school=A)
		assert inspect(c["a2"], "卫生", "2025-12-03", 9).school == A  # from the class
	assert not frappe.db.exists("Inspection", {"class_record": c["b2"], "inspection_date": "2025-12-03"})
	# … and from anyone who may send it, the class's school is kept
	assert inspect(c["a2"], "纪律", "2025-12-03", 9, school=B).school == A
	with as_(p["office_a"]):
		draft = appraisal_of(county.periods[A], c["a1"])
		draft.school = B  # another school's value in a request is refused (Frappe's User Permission) …
		with pytest.raises(frappe.PermissionError):
			draft.save()
	draft = appraisal_of(county.periods[A], c["a1"])
	draft.school = B  # … and from anyone who may send it, the class's school is kept
	draft.save()
	assert frappe.db.get_value(APPRAISAL, draft.name, "school") == A
	term = make_period("学期", "2025-09-01", "2026-01-18", rubric="班主任学期综合考核 v1", school=A)
	term.generate_appraisals()

	def rating(school):
		return frappe.get_doc(
			{
				"doctype": "Appraisal Rating",
				"appraisal": appraisal_of(term.name, c["a1"]).name,
				"rater": p["principal_a"],
				"rater_group": "Leadership",
				"school": school,
				"scores": [{"criterion_code": "T-03", "score": 90}],
			}
		)

	with as_(p["principal_a"]):
		with pytest.raises(frappe.PermissionError):  # sent as B's
			rating(B).insert()
		assert not frappe.db.exists("Appraisal Rating", {"rater": p["principal_a"]})
		done = rating(None).insert()
		assert frappe.db.get_value("Appraisal Rating", done.name, "school") == A


def test_a_round_is_of_one_school_and_its_inspections_of_it(county):
	c, p = county.classes, county.people

	def round_of(*classes):
		return frappe.get_doc(
			{
				"doctype": "Inspection Round",
				"inspection_date": "2025-12-05",
				"inspection_item": "卫生",
				"entries": [{"class_record": cls, "score": 9} for cls in classes],
			}
		)

	with as_(p["inspector_a"]):
		done = round_of(c["a1"], c["a2"]).insert()
		done.submit()
		assert done.school == A
		assert set(frappe.get_all("Inspection", {"inspection_round": done.name}, pluck="school")) == {A}
		with pytest.raises(frappe.PermissionError):  # another school's class in the round
			round_of(c["b1"]).insert()
	with pytest.raises(frappe.ValidationError, match="one school"):
		round_of(c["a1"], c["b1"]).insert()
	assert not frappe.db.exists("Inspection", {"class_record": c["b1"], "inspection_date": "2025-12-05"})


def test_a_class_never_moves_school(county):
	c, p = county.classes, county.people
	with as_(p["office_a"]):
		doc = frappe.get_doc("Class Record", c["a1"])
		doc.school = B
		with pytest.raises(frappe.PermissionError):
			doc.save()
	doc = frappe.get_doc("Class Record", c["a1"])
	doc.school = B
	with pytest.raises(frappe.ValidationError, match="do not move"):
		doc.save()
	assert frappe.db.get_value("Class Record", c["a1"], "school") == A


def test_an_office_kept_to_one_school_sets_up_its_school_only(county):
	p = county.people
	with as_(p["office_a"]):
		period = make_period("2026年1月", "2026-01-01", "2026-01-31", rubric=S6, period_type="Month")
		assert (period.school, period.name) == (A, f"{A} 2026年1月")
		cls = make_class("六年级(1)班", 6)
		assert cls.school == A
		with pytest.raises(frappe.PermissionError):
			make_class("六年级(2)班", 6, school=B)
		# the county's shared set-up: read, never changed by a school
		item = frappe.get_doc("Inspection Item", "纪律")
		item.description = "changed by one school"
		with pytest.raises(frappe.PermissionError):
			item.save()
		rubric = frappe.get_doc("Appraisal Rubric", S6)
		rubric.base_allowance = 1000
		with pytest.raises(frappe.PermissionError):
			rubric.save()
	assert frappe.db.get_value("Appraisal Rubric", S6, "base_allowance") == 200


# ------------------------------------------------------------------ one school's people


def test_a_schools_office_lists_reads_and_counts_its_school_only(county):
	c, p = county.classes, county.people
	b_draft = appraisal_of(county.periods[B], c["b1"])
	with as_(p["office_a"]):
		assert set(frappe.get_list("Class Record", pluck="name")) >= {c["a1"], c["a2"]}
		assert not {c["b1"], c["b2"]} & set(frappe.get_list("Class Record", pluck="name"))
		assert set(frappe.get_list(APPRAISAL, pluck="school")) == {A}
		assert set(frappe.get_list("Inspection", pluck="school")) == {A}
		assert set(frappe.get_list("Appraisal Period", pluck="name")) == {county.periods[A]}
		assert frappe.get_list("Appraisal School", pluck="name") == [A]
		assert not frappe.has_permission(APPRAISAL, "read", b_draft)
		with pytest.raises(frappe.PermissionError):
			frappe.get_doc(APPRAISAL, b_draft.name).check_permission("read")
		# child rows: the lines of B's appraisals are not listed under their parent
		lines = frappe.get_list(
			"Class Teacher Appraisal Line", parent_doctype=APPRAISAL, fields=["parent"], limit_page_length=0
		)
		assert lines and b_draft.name not in {r.parent for r in lines}
		condition = child_conditions(doctype="Class Teacher Appraisal Line")
		assert A in condition and B not in condition
		assert set(visible_classes()) == {c["a1"], c["a2"]}


def test_a_schools_office_neither_lists_nor_reads_the_other_schools_files(county):
	c, p = county.classes, county.people
	b_draft = appraisal_of(county.periods[B], c["b1"])
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "county-b-evidence.txt",
			"content": b"a pupil's photo of school B",
			"is_private": 1,
			"attached_to_doctype": APPRAISAL,
			"attached_to_name": b_draft.name,
		}
	).insert(ignore_permissions=True)
	with as_(p["office_b"]):
		assert file.name in frappe.get_list("File", pluck="name")
		assert frappe.has_permission("File", "read", file)
	with as_(p["office_a"]):
		assert file.name not in frappe.get_list("File", pluck="name")
		assert not frappe.has_permission("File", "read", file)


def test_a_schools_office_cannot_act_on_the_other_school(county):
	c, p = county.classes, county.people
	b_draft = appraisal_of(county.periods[B], c["b1"])
	with as_(p["office_a"]):
		doc = frappe.get_doc(APPRAISAL, b_draft.name)
		doc.lines[0].manual_points, doc.lines[0].manual_entered = 1, 1
		with pytest.raises(frappe.PermissionError):
			doc.save()
		period = frappe.get_doc("Appraisal Period", county.periods[B])
		for action in (period.recompute_appraisals, period.generate_appraisals, period.award_weekly_flags):
			with pytest.raises(frappe.PermissionError):
				action()
		with pytest.raises(frappe.PermissionError):
			inspect(c["b1"], "卫生", "2025-12-05", 9)
		with pytest.raises(frappe.PermissionError):
			terms.recompute_term(county.periods[A])
	assert frappe.db.get_value(APPRAISAL, b_draft.name, "modified") == b_draft.modified


def test_a_schools_principal_cannot_approve_the_other_schools_appraisal(county):
	from class_teacher_appraisal.county.schools import user_schools

	c, p = county.classes, county.people
	doc = appraisal_of(county.periods[B], c["b2"])
	for row in doc.lines:
		if row.rule_kind == "Manual Points":
			row.manual_points, row.manual_entered = row.max_points, 1
	doc.save()
	doc = approve_until_principal(doc)
	with as_(p["principal_a"]):
		assert user_schools() == [A]
		with pytest.raises(frappe.PermissionError):
			apply_workflow(frappe.get_doc(APPRAISAL, doc.name), "Approve")
	assert frappe.db.get_value(APPRAISAL, doc.name, "docstatus") == 0


def approve_until_principal(doc):
	from tests.factories import walk

	return walk(doc, ("duty@example.cn", "Submit for Review"), ("office@example.cn", "Forward to Principal"))


def test_a_schools_reports_show_its_school_only(county):
	c, p = county.classes, county.people
	with as_(p["office_a"]):
		with pytest.raises(frappe.ValidationError):  # another school's period is not there for them
			appraisal_ranking.execute({"appraisal_period": county.periods[B]})
		with pytest.raises(frappe.ValidationError):
			reports.require_period({"appraisal_period": county.periods[B]})
		rows = appraisal_ranking.execute({"appraisal_period": county.periods[A]})[1]
		assert {r["class_record"] for r in rows} == {c["a1"], c["a2"]}
		bulletin = weekly_inspection_bulletin.execute({"week": "2025-12-01"})[1]
		assert {r["class_record"] for r in bulletin if r.get("class_record")} <= {c["a1"], c["a2"]}
		with pytest.raises(frappe.PermissionError):
			county_ranking.execute({"appraisal_period": county.periods[A]})


# ------------------------------------------------------------------ the bureau


def test_the_bureau_reads_every_school_and_changes_nothing(county):
	c, p = county.classes, county.people
	with as_(p["bureau"]):
		assert set(frappe.get_list(APPRAISAL, pluck="school")) == {A, B}
		assert {c["b1"], c["a1"]} <= set(frappe.get_list("Class Record", pluck="name"))
		assert visible_classes() is None
		doc = appraisal_of(county.periods[B], c["b1"])
		assert frappe.has_permission(APPRAISAL, "read", doc)
		for ptype in ("write", "submit", "cancel", "create"):
			assert not frappe.has_permission(APPRAISAL, ptype, doc)
		doc.lines[0].manual_points, doc.lines[0].manual_entered = 1, 1
		with pytest.raises(frappe.PermissionError):
			doc.save()
		with pytest.raises((frappe.PermissionError, frappe.ValidationError)):  # no action of theirs
			apply_workflow(frappe.get_doc(APPRAISAL, doc.name), "Submit for Review")
		with pytest.raises(frappe.PermissionError):
			frappe.get_doc("Appraisal Period", county.periods[A]).recompute_appraisals()
		with pytest.raises(frappe.PermissionError):
			inspect(c["a1"], "卫生", "2025-12-05", 9)


def test_the_bureau_ranks_classes_teachers_and_schools_county_wide_and_per_school(county):
	c, p = county.classes, county.people
	for key in ("a1", "a2", "b1", "b2"):
		doc = appraisal_of(county.periods[A if key[0] == "a" else B], c[key])
		for row in doc.lines:
			if row.rule_kind == "Manual Points":
				row.manual_points, row.manual_entered = row.max_points - (0 if key == "b1" else 2), 1
		doc.save()
		if key != "b2":
			approve(doc)
	totals = dict(frappe.get_all(APPRAISAL, fields=["class_record", "total_score"], as_list=True))
	with as_(p["bureau"]):
		rows = county_ranking.execute({"appraisal_period": county.periods[B]})[1]
		assert {r["class_record"] for r in rows} == {c["a1"], c["a2"], c["b1"]}  # approved only
		by_class = {r["class_record"]: r for r in rows}
		best = max(by_class, key=lambda k: totals[k])
		assert by_class[best]["county_rank"] == 1 and best == c["b1"]
		assert by_class[c["b1"]]["school_rank"] == 1 and by_class[c["b1"]]["school"] == B
		assert {by_class[c["a1"]]["school_rank"], by_class[c["a2"]]["school_rank"]} <= {1, 2}
		assert [r["county_rank"] for r in rows] == sorted(r["county_rank"] for r in rows)
		every = county_ranking.execute({"appraisal_period": county.periods[A], "include_unapproved": 1})[1]
		assert len(every) == 4
		only_b = county_ranking.execute(
			{"appraisal_period": county.periods[A], "include_unapproved": 1, "school": B}
		)[1]
		assert {r["class_record"] for r in only_b} == {c["b1"], c["b2"]}
		assert [r["county_rank"] for r in only_b] == [r["county_rank"] for r in every if r["school"] == B]
		teachers = county_ranking.execute(
			{"appraisal_period": county.periods[A], "rank_by": "Class Teachers"}
		)[1]
		assert {r["class_teacher"] for r in teachers} == {p["teacher_a1"], p["teacher_a2"], p["teacher_b1"]}
		schools_ = county_ranking.execute({"appraisal_period": county.periods[A], "rank_by": "Schools"})[1]
		assert {r["school"] for r in schools_} == {A, B} and {r["classes"] for r in schools_} == {1, 2}


def test_the_bureau_recomputes_a_county_term_one_job_per_school(county):
	c, p = county.classes, county.people
	before = {
		appraisal_of(county.periods[k], c[key]).name: appraisal_of(county.periods[k], c[key]).computed_on
		for k, key in ((A, "a1"), (B, "b2"))
	}
	with as_(p["bureau"]):
		started = frappe.utils.now_datetime()
		result = terms.recompute_term(county.periods[A])
		assert (result["periods"], result["queued"], result["already_running"]) == (2, 2, 0)
		assert set(result["summaries"]) == set(county.periods.values())
		progress = terms.term_progress(county.periods[B], since=str(started))
	assert progress == {"periods": 2, "running": 0, "done": 2, "not_recomputed": []}
	for name, computed_on in before.items():  # both schools' drafts, scored again
		assert frappe.db.get_value(APPRAISAL, name, "computed_on") >= started > computed_on


# ------------------------------------------------------------------ duty rosters


def test_a_schools_duty_roster_assigns_its_own_classes_and_binds_its_own_inspectors(county):
	"""A roster carries its school: the office kept to a school sets up its own, lists no other
	school's, names no other school's classes on it; a roster of one school does not restrict the
	inspectors of another (on a day only school B has a roster, A's inspector records as before)."""
	c, p = county.classes, county.people
	wednesday = "2025-12-03"

	def roster(rows):
		return frappe.get_doc(
			{
				"doctype": "Duty Roster",
				"title": "值周安排",
				"from_date": wednesday,
				"to_date": wednesday,
				"assignments": rows,
			}
		).insert()

	with as_(p["office_b"]):
		b_roster = roster(
			[{"inspector": p["inspector_a"], "inspection_item": "卫生", "class_record": c["b1"]}]
		)
	assert b_roster.school == B
	with as_(p["office_a"]):
		assert b_roster.name not in frappe.get_list("Duty Roster", pluck="name")
		assert not frappe.has_permission("Duty Roster", "read", b_roster.name)
		with pytest.raises(frappe.ValidationError, match="is not of"):
			roster([{"inspector": p["inspector_a"], "inspection_item": "纪律", "class_record": c["b2"]}])
	with as_(p["inspector_a"]):
		# only B's roster covers the day: A's inspector is not bound by it
		inspect(c["a2"], "纪律", wednesday, 9)
	with as_(p["office_a"]):
		a_roster = roster(
			[{"inspector": p["inspector_a"], "inspection_item": "纪律", "class_record": c["a1"]}]
		)
	assert a_roster.school == A
	with as_(p["inspector_a"]):
		inspect(c["a1"], "纪律", wednesday, 9)
		with pytest.raises(frappe.ValidationError, match="does not assign"):
			inspect(c["a2"], "纪律", wednesday, 8)


# ------------------------------------------------------------------ the hall scoreboard


def test_each_schools_hall_scoreboard_shows_its_own_classes(county):
	"""/scoreboard?school=…: a school's board ranks its own classes only; without a school, every
	class of the site; a school the site does not have is not found."""
	from class_teacher_appraisal.scoreboard import board
	from tests.integration.test_scoreboard import set_board

	set_board(scoreboard_enabled=1, scoreboard_show_teachers=0, scoreboard_title="")
	board.forget()
	try:
		monday = frappe.utils.getdate("2025-12-01")  # the week of the fixture's inspections
		built = {school: board.build(monday, board.options(), school) for school in (A, B, None)}
		shown = {
			school: sorted(c["class_name"] for g in b["grades"] for c in g["classes"])
			for school, b in built.items()
		}
		of = {
			school: sorted(
				frappe.get_all("Class Record", filters={"school": school, "is_active": 1}, pluck="class_name")
			)
			for school in (A, B)
		}
		assert (shown[A], shown[B]) == (of[A], of[B]) and shown[A]
		assert len(shown[None]) >= len(of[A]) + len(of[B])
		assert built[A]["school"] == A
		assert board.get("没有这所学校") is None
		assert board.get(A)["school"] == A
	finally:
		frappe.db.rollback()
		frappe.clear_document_cache("Class Teacher Appraisal Settings", "Class Teacher Appraisal Settings")
		board.forget()
