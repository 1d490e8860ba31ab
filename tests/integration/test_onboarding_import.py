"""Onboarding a school from its spreadsheets (issue 15), the rest of the lists: people with their
roles, paper rating tallies and studio activities with their attendance, each a real .xlsx written
with openpyxl and imported through Frappe's own Data Import (as test_data_import.py does for classes
and inspections).

What Frappe's importer does, and what is checked here: each record (a row with the continuation
rows of its child table) is inserted (and submitted) on its own and committed; a record that fails
is rolled back whole and logged with its row numbers and the reason; the others are kept. So a bad
record leaves nothing behind (no parent, no child row, no side record), while the good ones are
there with every child row. The importer commits, so these tests commit their set-up under names
no other test uses and delete everything at the end."""

import frappe
import pytest

from class_teacher_appraisal.names import APPRAISAL
from tests.conftest import SITE_MANAGER, acting_as
from tests.integration.test_data_import import run_import

# Frappe's importer commits each row: these tests commit and clean up themselves.
pytestmark = pytest.mark.commits

OFFICE = "office@example.cn"
DOMAIN = "onboarding.example.cn"
TERM_RUBRIC = "班主任学期综合考核 v1"  # T-03 is rated by the leadership (rating scale 100)
YEAR = "2088-2089"
PERIOD = "导入测试 2088学年第一学期"
STUDIO = "导入测试名班主任工作室"
HOST, MEMBER, TRAINEE = "teacher61@example.cn", "teacher62@example.cn", "teacher63@example.cn"
OUTSIDER = "teacher64@example.cn"  # no place in the studio
AUTOMATIC = {"All", "Guest", "Desk User"}  # roles Frappe gives every desk user


def failures(log) -> dict:
	"""The failed records of an import's log: their row numbers → the log entry, with `said`: the
	messages the user is shown for it."""
	failed = {}
	for row in log:
		if not row.success:
			row.said = " ".join(m.get("message", "") for m in frappe.parse_json(row.messages or "[]"))
			failed[tuple(frappe.parse_json(row.row_indexes))] = row
	return failed


def cleanup():
	frappe.db.rollback()
	frappe.set_user("Administrator")
	for user in frappe.get_all("User", {"name": ["like", f"%@{DOMAIN}"]}, pluck="name"):
		frappe.delete_doc("User", user, ignore_permissions=True, force=True, delete_permanently=True)
	# ballot tallies, the appraisals they count for, the period and the classes
	appraisals = frappe.get_all(APPRAISAL, {"appraisal_period": PERIOD}, pluck="name") or [""]
	tallies = frappe.get_all("Appraisal Ballot Tally", {"appraisal": ["in", appraisals]}, pluck="name") or [
		""
	]
	frappe.db.delete("Appraisal Ballot Count", {"parent": ["in", tallies]})
	frappe.db.delete("Appraisal Ballot Tally", {"name": ["in", tallies]})
	for table in frappe.get_all("DocField", {"parent": APPRAISAL, "fieldtype": "Table"}, pluck="options"):
		frappe.db.delete(table, {"parent": ["in", appraisals], "parenttype": APPRAISAL})
	frappe.db.delete("Workflow Action", {"reference_name": ["in", appraisals]})
	frappe.db.delete(APPRAISAL, {"name": ["in", appraisals]})
	frappe.db.delete("Appraisal Period", {"period_name": PERIOD})
	classes = frappe.get_all("Class Record", {"academic_year": YEAR}, pluck="name") or [""]
	frappe.db.delete("Class Teacher Assignment", {"parent": ["in", classes]})
	frappe.db.delete("Class Record", {"name": ["in", classes]})
	# the studio, its places and activities
	activities = frappe.get_all("Studio Activity", {"studio": STUDIO}, pluck="name") or [""]
	frappe.db.delete("Studio Attendance", {"parent": ["in", activities]})
	frappe.db.delete("Studio Activity", {"name": ["in", activities]})
	frappe.db.delete("Studio Membership", {"studio": STUDIO})
	frappe.db.delete("Class Teacher Studio", {"name": STUDIO})
	frappe.db.delete("Version", {"docname": ["in", appraisals + tallies + classes + activities]})
	ours = {"import_file": ["like", "%/import-%.xlsx"]}
	for di, file_url in frappe.get_all("Data Import", ours, ["name", "import_file"], as_list=True):
		frappe.db.delete("Data Import Log", {"data_import": di})
		frappe.db.delete("Data Import", {"name": di})
		frappe.db.delete("File", {"file_url": file_url})
	frappe.db.commit()  # nosemgrep: frappe-manual-commit — the importer commits, so the clean-up must


@pytest.fixture
def committed(frappe_site):
	cleanup()
	yield
	cleanup()


# ------------------------------------------------------------------ people with their roles

USER_HEADER = [
	"Email",
	"First Name",
	"Language",
	"Send Welcome Email",
	"Role (Roles Assigned)",
]


def people(prefix: str) -> list[list]:
	a, b, c = (f"{prefix}{i}@{DOMAIN}" for i in range(1, 4))
	return [
		USER_HEADER,
		# a class teacher who is also on the duty rota: two roles, one line each
		[a, "王芳", "zh", 0, "Class Teacher"],
		[None, None, None, None, "Duty Inspector"],
		[b, "李明", "zh", 0, "Academic Office"],
		# bad: not an e-mail address (with two roles: neither is given to anyone)
		["zhang.wei-at-school", "张伟", "zh", 0, "Class Teacher"],
		[None, None, None, None, "Principal"],
		# bad: the first person again, with other roles: they are not added to the first
		[a, "王芳", "zh", 0, "Academic Office"],
		[None, None, None, None, "Principal"],
		[c, "陈静", "zh", 0, None],  # a person without a role yet
	]


def test_people_import_with_their_roles_and_bad_rows_leave_nothing(committed):
	data_import, log = run_import("User", people("staff"), SITE_MANAGER)
	assert data_import.status == "Partial Success"
	a, b, c = (f"staff{i}@{DOMAIN}" for i in range(1, 4))
	assert {row.docname for row in log if row.success} == {a, b, c}
	for user, name, roles in (
		(a, "王芳", {"Class Teacher", "Duty Inspector"}),
		(b, "李明", {"Academic Office"}),
	):
		stored = frappe.db.get_value(
			"User", user, ["full_name", "language", "user_type", "enabled"], as_dict=True
		)
		assert stored == {"full_name": name, "language": "zh", "user_type": "System User", "enabled": 1}
		assert set(frappe.get_roles(user)) - AUTOMATIC == roles
	assert not set(frappe.get_roles(c)) - AUTOMATIC
	failed = failures(log)
	assert set(failed) == {(5, 6), (7, 8)}
	assert "zhang.wei-at-school" in failed[(5, 6)].said
	assert "DuplicateEntryError" in failed[(7, 8)].exception
	# the refused records left nothing: no account, no role, no contact; the first person's roles
	# are theirs, none of the duplicate's
	assert not frappe.db.exists("User", "zhang.wei-at-school")
	assert not frappe.db.exists("Has Role", {"parent": "zhang.wei-at-school"})
	assert not frappe.db.exists("Contact", {"email_id": "zhang.wei-at-school"})
	assert sorted(frappe.get_all("Has Role", {"parent": a, "parenttype": "User"}, pluck="role")) == [
		"Class Teacher",
		"Duty Inspector",
	]


def test_a_value_the_site_does_not_have_stops_the_whole_sheet(committed):
	"""A link to something the site lacks (a role nobody set up) is not a row's error in Frappe's
	Data Import: the importer checks every link column first and imports nothing, listing each
	missing value with its row, until the sheet is corrected."""
	sheet = people("unknown")
	sheet.insert(3, [None, None, None, None, "Head of Year"])  # a second role of the first person
	data_import, log = run_import("User", sheet, SITE_MANAGER)
	assert data_import.status == "Pending" and log == []
	warnings = frappe.parse_json(data_import.template_warnings)
	assert [(w.get("row"), w["message"]) for w in warnings if w.get("row")] == [
		(4, "Value <strong>Head of Year</strong> missing for <strong>Role</strong>")
	]
	assert not frappe.db.exists("User", {"name": ["like", f"unknown%@{DOMAIN}"]})


def test_the_office_cannot_make_accounts_through_data_import(committed):
	"""People and their roles are the System Manager's (the access table): the office's import of
	the same sheet makes nobody."""
	data_import, log = run_import("User", people("office-made"), OFFICE)
	assert data_import.status == "Error"
	failed = failures(log)
	assert log and len(failed) == len(log)
	for rows in ((2, 3), (4,), (9,)):  # the good people: refused for want of permission
		assert "PermissionError" in failed[rows].exception
	assert not frappe.db.exists("User", {"name": ["like", f"office-made%@{DOMAIN}"]})


# ------------------------------------------------------------------ paper rating tallies


def appraisals_to_tally():
	"""Two classes of other teachers and the office user's own class, each with a draft term
	appraisal (inserted like the office's generation does, one by one)."""
	period = frappe.get_doc(
		{
			"doctype": "Appraisal Period",
			"period_name": PERIOD,
			"period_type": "Term",
			"start_date": "2088-09-01",
			"end_date": "2089-01-15",
			"rubric": TERM_RUBRIC,
		}
	).insert(ignore_permissions=True)
	names = {}
	for class_name, teacher in (
		("一年级(1)班", "teacher11@example.cn"),
		("一年级(2)班", "teacher12@example.cn"),
		("一年级(3)班", OFFICE),
	):
		cls = frappe.get_doc(
			{
				"doctype": "Class Record",
				"class_name": class_name,
				"grade_level": 1,
				"academic_year": YEAR,
				"class_teacher": teacher,
			}
		).insert(ignore_permissions=True)
		names[class_name] = (
			frappe.get_doc(
				{
					"doctype": APPRAISAL,
					"appraisal_period": period.name,
					"class_record": cls.name,
					"class_teacher": teacher,
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
	return names


TALLY_HEADER = [
	"Appraisal",
	"Criterion Code",
	"Rater Group",
	"Level (Ballots by Level)",
	"Score of a Ballot (Ballots by Level)",
	"Ballots (Ballots by Level)",
]


def test_paper_tallies_import_with_their_counts_and_bad_ones_leave_nothing(committed):
	one, two, own = appraisals_to_tally().values()
	rows = [
		TALLY_HEADER,
		[one, "T-03", "Leadership", "优秀", 95, 20],
		[None, None, None, "良好", 85, 8],
		[None, None, None, "合格", 70, 2],
		# bad: its second count is off the rating scale (0 … 100); its first is fine
		[two, "T-03", "Leadership", "优秀", 95, 3],
		[None, None, None, "良好", 150, 1],
		[two, "T-03", "Leadership", "优秀", 90, 5],
		# bad: the teachers do not rate T-03 under this rubric
		[two, "T-03", "Teachers", "优秀", 95, 12],
		# bad: the office user's own class
		[own, "T-03", "Leadership", "优秀", 95, 4],
		# bad: counted already (rows 2-4)
		[one, "T-03", "Leadership", "优秀", 90, 1],
	]
	data_import, log = run_import("Appraisal Ballot Tally", rows, OFFICE)
	assert data_import.status == "Partial Success"
	tallies = frappe.get_all(
		"Appraisal Ballot Tally",
		{"appraisal": ["in", [one, two, own]]},
		["name", "appraisal", "criterion_code", "rater_group", "total_ballots", "average_score"],
		order_by="appraisal",
	)
	assert [(t.appraisal, t.criterion_code, t.rater_group, t.total_ballots) for t in tallies] == [
		(one, "T-03", "Leadership", 30),
		(two, "T-03", "Leadership", 5),
	]
	assert round(tallies[0].average_score, 2) == 90.67  # (95 × 20 + 85 × 8 + 70 × 2) ÷ 30
	counts = frappe.get_all(
		"Appraisal Ballot Count", {"parent": tallies[0].name}, ["level", "score", "ballots"], order_by="idx"
	)
	assert [(c.level, c.score, c.ballots) for c in counts] == [
		("优秀", 95, 20),
		("良好", 85, 8),
		("合格", 70, 2),
	]
	failed = failures(log)
	assert set(failed) == {(5, 6), (8,), (9,), (10,)}
	assert "Row 2: the score of a ballot must be between 0 and 100, not 150" in failed[(5, 6)].said
	assert "does not rate T-03" in failed[(8,)].said
	assert "PermissionError" in failed[(9,)].exception
	assert "already counted" in failed[(10,)].said
	# the refused tallies left no tally and no count
	all_counts = frappe.get_all(
		"Appraisal Ballot Count", {"parenttype": "Appraisal Ballot Tally"}, pluck="parent"
	)
	assert set(all_counts) & {t.name for t in tallies} == {t.name for t in tallies}
	assert frappe.db.count("Appraisal Ballot Count", {"parent": ["in", [t.name for t in tallies]]}) == 4
	assert not frappe.db.exists("Appraisal Ballot Count", {"score": 150})
	assert not frappe.db.exists("Appraisal Ballot Tally", {"appraisal": own})


# ------------------------------------------------------------------ studio activities


def studio():
	with acting_as(OFFICE):
		frappe.get_doc(
			{
				"doctype": "Class Teacher Studio",
				"studio_name": STUDIO,
				"level": "District",
				"host_school": "城关小学",
				"max_members": 12,
				"max_from_host_school": 2,
			}
		).insert()
		for member, role in ((HOST, "Host"), (MEMBER, "Member"), (TRAINEE, "Trainee")):
			frappe.get_doc(
				{
					"doctype": "Studio Membership",
					"studio": STUDIO,
					"member": member,
					"role": role,
					"school": "城关小学" if role == "Host" else "实验小学",
					"from_date": "2088-09-01",
				}
			).insert()


ACTIVITY_HEADER = [
	"Studio",
	"Activity Kind",
	"Title",
	"Date",
	"Class Hours",
	"Person (Attendance)",
	"Present (Attendance)",
	"Class Hours (Attendance)",
]


def test_studio_activities_import_with_their_attendance_and_bad_ones_leave_nothing(committed):
	studio()
	rows = [
		ACTIVITY_HEADER,
		[STUDIO, "集中学习", "班会课观摩研讨", "2088-10-10", 2, HOST, 1, 2],
		[None, None, None, None, None, MEMBER, 1, 2],
		[None, None, None, None, None, TRAINEE, 0, 0],
		[STUDIO, "计划会", "学年工作计划会", "2088-09-20", 1, HOST, 1, 1],
		# bad: a teacher with no place in the studio attends (the member's row before it is fine)
		[STUDIO, "公开课讲座", "专题讲座", "2088-10-12", 1.5, MEMBER, 1, 1.5],
		[None, None, None, None, None, OUTSIDER, 1, 1.5],
		# bad: more hours than the activity had
		[STUDIO, "集中学习", "读书交流", "2088-10-15", 1, MEMBER, 1, 3],
		# bad: before the studio had anyone in it
		[STUDIO, "集中学习", "筹备会", "2088-08-20", 1, HOST, 1, 1],
	]
	data_import, log = run_import("Studio Activity", rows, OFFICE, submit=True)
	assert data_import.status == "Partial Success"
	done = frappe.get_all(
		"Studio Activity",
		{"studio": STUDIO},
		["name", "title", "activity_date", "hours", "docstatus", "submitted_by"],
		order_by="activity_date",
	)
	assert [(a.title, str(a.activity_date), a.hours, a.docstatus, a.submitted_by) for a in done] == [
		("学年工作计划会", "2088-09-20", 1, 1, OFFICE),
		("班会课观摩研讨", "2088-10-10", 2, 1, OFFICE),
	]
	attendance = frappe.get_all(
		"Studio Attendance",
		{"parent": done[1].name},
		["member", "member_name", "present", "hours"],
		order_by="idx",
	)
	names = {u: frappe.db.get_value("User", u, "full_name") for u in (HOST, MEMBER, TRAINEE)}
	assert [(r.member, r.member_name, r.present, r.hours) for r in attendance] == [
		(HOST, names[HOST], 1, 2),
		(MEMBER, names[MEMBER], 1, 2),
		(TRAINEE, names[TRAINEE], 0, 0),
	]
	failed = failures(log)
	assert set(failed) == {(6, 7), (8,), (9,)}
	outsider = frappe.db.get_value("User", OUTSIDER, "full_name")
	assert f"Row 2: {outsider} has no place in {STUDIO}" in failed[(6, 7)].said
	assert "cannot attend 3.0 hours of an activity of 1.0 hours" in failed[(8,)].said
	assert "has no place in" in failed[(9,)].said
	# the refused activities left no activity and no attendance row
	assert frappe.db.count("Studio Attendance", {"parent": ["in", [a.name for a in done]]}) == 4
	assert frappe.db.count("Studio Attendance", {"parenttype": "Studio Activity", "member": OUTSIDER}) == 0
	assert not frappe.db.exists("Studio Activity", {"title": ["in", ["专题讲座", "读书交流", "筹备会"]]})
