"""Onboarding from a spreadsheet (issue 15): a real .xlsx through Frappe's own Data Import.

Frappe's importer commits after every good row and rolls back a bad one, so these tests cannot be
rolled back like the others: they commit their set-up, use names no other test uses (the academic
year 2090-2091, October 2019) and delete what they made at the end.
"""

import datetime
import io

import frappe
import pytest
from openpyxl import Workbook

from tests.conftest import acting_as
from tests.factories import S6

# Frappe's importer commits each row: these tests commit and clean up themselves.
pytestmark = pytest.mark.commits

YEAR = "2090-2091"
OFFICE = "office@example.cn"
A, B, C, D = (f"teacher1{i}@example.cn" for i in range(1, 5))
PERIOD = "导入测试 2019年10月"


def xlsx(rows: list[list]) -> bytes:
	wb = Workbook()
	for row in rows:
		wb.active.append(row)
	out = io.BytesIO()
	wb.save(out)
	return out.getvalue()


def run_import(doctype: str, rows: list[list], user: str, submit: bool = False):
	"""Attaches the sheet to a Data Import (Insert New Records) and runs it as Frappe's worker would,
	as `user` (the import checks that user's permissions). Returns the Data Import and its log."""
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"import-{frappe.generate_hash(length=8)}.xlsx",
			"content": xlsx(rows),
			"is_private": 1,
		}
	).insert(ignore_permissions=True)
	data_import = frappe.get_doc(
		{
			"doctype": "Data Import",
			"reference_doctype": doctype,
			"import_type": "Insert New Records",
			"import_file": file.file_url,
			"submit_after_import": int(submit),
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	with acting_as(user):
		data_import.start_import()  # in tests Frappe runs the job at once (enqueue now=True)
	data_import.reload()
	log = frappe.get_all(
		"Data Import Log",
		filters={"data_import": data_import.name},
		fields=["success", "docname", "row_indexes", "messages", "exception"],
		order_by="log_index",
	)
	return data_import, log


def cleanup():
	frappe.db.rollback()
	names = frappe.get_all("Class Record", {"academic_year": YEAR}, pluck="name") or [""]
	inspections = frappe.get_all("Inspection", {"class_record": ("in", names)}, pluck="name") or [""]
	frappe.db.delete("Inspection Incident", {"parent": ("in", inspections)})
	frappe.db.delete("Inspection", {"name": ("in", inspections)})
	frappe.db.delete("Class Teacher Assignment", {"parent": ("in", names)})
	frappe.db.delete("Class Record", {"name": ("in", names)})
	frappe.db.delete("Version", {"docname": ("in", names + inspections)})
	frappe.db.delete("Appraisal Period", {"period_name": PERIOD})
	ours = {
		"import_file": ("like", "%/import-%.xlsx"),
		"reference_doctype": ("in", ["Class Record", "Inspection"]),
	}
	for di, file_url in frappe.get_all("Data Import", ours, ["name", "import_file"], as_list=True):
		frappe.db.delete("Data Import Log", {"data_import": di})
		frappe.db.delete("Data Import", {"name": di})
		frappe.db.delete("File", {"file_url": file_url})
	frappe.db.commit()


@pytest.fixture
def committed():
	cleanup()
	yield
	cleanup()


CLASS_HEADER = [
	"Class Name",
	"Grade Level",
	"Academic Year",
	"Class Teacher",
	"Deputy Class Teacher",
	"Number of Pupils",
	"Class Teacher (Class Teacher Assignments)",
	"On Post From (Class Teacher Assignments)",
	"On Post To (Class Teacher Assignments)",
]
d = datetime.date


def import_classes():
	rows = [
		CLASS_HEADER,
		# a class that changed teacher: A until the end of 2019, then B (a second row for the class)
		["一年级(1)班", 1, YEAR, None, C, 41, A, d(2019, 9, 1), d(2019, 12, 31)],
		[None, None, None, None, None, None, B, d(2020, 1, 1), None],
		# a class whose teacher is the office user itself
		["一年级(2)班", 1, YEAR, OFFICE, None, 42, None, None, None],
		# bad: two teachers on post on the same days
		["一年级(3)班", 1, YEAR, None, None, 43, C, d(2019, 9, 1), None],
		[None, None, None, None, None, None, D, d(2019, 10, 1), None],
		# bad: grade 13
		["十三年级(1)班", 13, YEAR, D, None, 40, None, None, None],
	]
	return run_import("Class Record", rows, OFFICE)


def test_classes_with_their_teachers_import_and_bad_rows_are_reported(committed):
	data_import, log = import_classes()
	assert data_import.status == "Partial Success"
	good = {row.docname for row in log if row.success}
	assert good == {f"{YEAR} 一年级(1)班", f"{YEAR} 一年级(2)班"}
	one = frappe.get_doc("Class Record", f"{YEAR} 一年级(1)班")
	assert [(r.teacher, str(r.from_date), str(r.to_date or "")) for r in one.assignments] == [
		(A, "2019-09-01", "2019-12-31"),
		(B, "2020-01-01", ""),
	]
	assert one.class_teacher == B and one.deputy_teacher == C and one.pupil_count == 41
	assert frappe.db.get_value("Class Record", f"{YEAR} 一年级(2)班", "class_teacher") == OFFICE
	# each bad row is reported with its row numbers and the controller's message, and left no record
	failed = {tuple(frappe.parse_json(row.row_indexes)): row for row in log if not row.success}
	assert set(failed) == {(5, 6), (7,)}
	assert "one class teacher at a time" in failed[(5, 6)].messages
	assert "Grade level must be between 1 and 12" in failed[(7,)].messages
	assert not frappe.db.exists("Class Record", {"academic_year": YEAR, "class_name": "一年级(3)班"})
	assert not frappe.db.exists("Class Record", {"academic_year": YEAR, "grade_level": 13})
	assert not frappe.db.exists("Class Teacher Assignment", {"teacher": D, "parent": ("like", f"{YEAR}%")})


def test_inspections_import_after_the_classes_through_the_same_rules(committed):
	import_classes()
	frappe.get_doc(
		{
			"doctype": "Appraisal Period",
			"period_name": PERIOD,
			"period_type": "Month",
			"start_date": "2019-10-01",
			"end_date": "2019-10-31",
			"rubric": S6,
		}
	).insert(ignore_permissions=True)
	one, two = f"{YEAR} 一年级(1)班", f"{YEAR} 一年级(2)班"
	rows = [
		["Date", "Class", "Inspection Item", "Score", "Incident Type (Incidents)", "Count (Incidents)"],
		[d(2019, 10, 8), one, "纪律", 9, "打架", 2],
		[None, None, None, None, "乱扔纸屑", 1],
		[d(2019, 10, 9), one, "纪律", 8.5, None, None],
		# the office user is the class teacher of (2): nobody inspects their own class
		[d(2019, 10, 8), two, "纪律", 9, None, None],
		# bad: no appraisal period covers the day
		[d(2018, 10, 8), one, "纪律", 9, "打架", 1],
	]
	data_import, log = run_import("Inspection", rows, OFFICE, submit=True)
	assert data_import.status == "Partial Success"
	done = frappe.get_all(
		"Inspection",
		{"class_record": ("in", [one, two])},
		["name", "class_record", "inspection_date", "score", "docstatus", "inspector"],
		order_by="inspection_date",
	)
	assert [(r.class_record, str(r.inspection_date), r.score, r.docstatus) for r in done] == [
		(one, "2019-10-08", 9, 1),
		(one, "2019-10-09", 8.5, 1),
	]
	incidents = frappe.get_all(
		"Inspection Incident", {"parent": done[0].name}, ["incident_type", "count"], order_by="idx"
	)
	assert [(i.incident_type, i.count) for i in incidents] == [("打架", 2), ("乱扔纸屑", 1)]
	failed = {tuple(frappe.parse_json(row.row_indexes)): row for row in log if not row.success}
	assert set(failed) == {(5,), (6,)}
	assert "PermissionError" in failed[(5,)].exception
	assert "nobody inspects their own class" in failed[(5,)].messages
	assert "outside every appraisal period" in failed[(6,)].messages
	# the refused rows left no inspection and no incident behind
	assert frappe.db.count("Inspection Incident", {"parent": ("in", [r.name for r in done])}) == 2
	assert not frappe.db.exists("Inspection", {"inspection_date": "2018-10-08", "class_record": one})
