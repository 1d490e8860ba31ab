"""Payroll handoff (issue 15): an approved period's allowances as HRMS's Additional Salary import file."""

import io
import json
from pathlib import Path

import frappe
import pytest
from openpyxl import load_workbook

from class_teacher_appraisal.integrations import payroll
from tests.conftest import acting_as
from tests.factories import approve, fill_manual, two_teacher_school

# HRMS's own field names and labels (hrms/payroll/doctype/additional_salary/additional_salary.json,
# version-15-hotfix), the ones its Data Import template uses: the file's header must be these.
HRMS_ADDITIONAL_SALARY = {
	"employee": "Employee",
	"salary_component": "Salary Component",
	"amount": "Amount",
	"payroll_date": "Payroll Date",
	"company": "Company",
	"overwrite_salary_structure_amount": "Overwrite Salary Structure Amount",
	"deduct_full_tax_on_selected_payroll_date": "Deduct Full Tax on Selected Payroll Date",
	"ref_doctype": "Reference Document Type",
	"ref_docname": "Reference Document",
}
HRMS_REQUIRED = {"employee", "salary_component", "amount", "company"}  # + payroll_date when not recurring


def download(period: str) -> tuple[list, list[list]]:
	previous = frappe.local.response
	frappe.local.response = frappe._dict()
	try:
		payroll.additional_salary_xlsx(period)
		response = frappe.local.response
	finally:
		frappe.local.response = previous
	assert response["type"] == "binary"
	assert response["filename"].endswith(".xlsx")
	rows = list(load_workbook(io.BytesIO(response["filecontent"])).active.iter_rows(values_only=True))
	return list(rows[0]), [list(r) for r in rows[1:]]


@pytest.fixture
def approved_month():
	frappe.db.set_single_value(
		"Class Teacher Appraisal Settings", {"salary_component": "班主任津贴", "payroll_company": "实验小学"}
	)
	frappe.clear_document_cache("Class Teacher Appraisal Settings", "Class Teacher Appraisal Settings")
	users, classes, period = two_teacher_school()
	from tests.factories import appraisal_of

	a = approve(fill_manual(appraisal_of(period.name, classes["a"])))
	b = fill_manual(appraisal_of(period.name, classes["b"]))  # stays a draft: not paid
	frappe.get_doc(
		{"doctype": "Teacher Payroll ID", "teacher": users["teacher_a"], "employee": "HR-EMP-00012"}
	).insert()
	return users, period, a, b


def test_the_file_has_hrms_additional_salary_columns_and_the_approved_allowances(approved_month):
	users, period, a, b = approved_month
	assert a.workflow_state == "Approved" and a.allowance > 0
	with acting_as(users["office"]):
		header, rows = download(period.name)
	assert header[: len(HRMS_ADDITIONAL_SALARY)] == list(HRMS_ADDITIONAL_SALARY.values())
	assert set(HRMS_REQUIRED) <= set(HRMS_ADDITIONAL_SALARY)
	assert len(rows) == 1  # the draft is not paid, and no total row
	row = dict(zip(HRMS_ADDITIONAL_SALARY, rows[0], strict=False))
	assert row["employee"] == "HR-EMP-00012"
	assert row["salary_component"] == "班主任津贴"
	assert row["company"] == "实验小学"
	assert row["amount"] == pytest.approx(a.allowance)
	assert str(row["payroll_date"])[:10] == "2025-12-31"
	assert row["ref_doctype"] == "Class Teacher Appraisal" and row["ref_docname"] == a.name
	assert row["overwrite_salary_structure_amount"] == 1
	# for the clerk's eyes: the teacher by name and the class, then the user id to find them by
	assert header[len(HRMS_ADDITIONAL_SALARY) :] == ["Teacher", "Class", "User ID"]
	name = frappe.db.get_value("User", users["teacher_a"], "full_name")
	assert rows[0][len(HRMS_ADDITIONAL_SALARY) :] == [name, a.class_name, users["teacher_a"]]
	assert name != users["teacher_a"]
	approved_total = frappe.db.sql(
		"""select sum(allowance) from `tabClass Teacher Appraisal`
		where appraisal_period = %s and docstatus = 1 and workflow_state = 'Approved'""",
		period.name,
	)[0][0]
	assert sum(r[2] for r in rows) == pytest.approx(float(approved_total))


def test_every_approved_appraisal_is_a_row_with_its_own_allowance(approved_month):
	users, period, a, b = approved_month
	b = approve(frappe.get_doc("Class Teacher Appraisal", b.name))
	with acting_as(users["principal"]):
		header, rows = download(period.name)
	by_ref = {r[8]: r for r in rows}
	assert set(by_ref) == {a.name, b.name}
	for doc in (a, b):
		assert by_ref[doc.name][2] == pytest.approx(doc.allowance)
	assert by_ref[b.name][0] in (None, "")  # no payroll id yet: listed, for the clerk to fill
	assert sum(r[2] for r in rows) == pytest.approx(a.allowance + b.allowance)


@pytest.mark.parametrize("who", ["teacher_a", "teacher_b", "inspector"])
def test_only_the_office_and_the_principal_get_the_file(approved_month, who):
	users, period, a, b = approved_month
	with acting_as(users[who]), pytest.raises(frappe.PermissionError):
		download(period.name)


def test_payroll_ids_are_one_per_teacher_and_per_employee(approved_month):
	users, period, a, b = approved_month
	with pytest.raises(frappe.DuplicateEntryError):
		frappe.get_doc(
			{"doctype": "Teacher Payroll ID", "teacher": users["teacher_b"], "employee": "HR-EMP-00012"}
		).insert()
	with acting_as(users["teacher_a"]), pytest.raises(frappe.PermissionError):
		frappe.get_doc(
			{"doctype": "Teacher Payroll ID", "teacher": users["teacher_b"], "employee": "HR-EMP-00099"}
		).insert()


def test_the_columns_are_those_of_hrms_json_when_a_copy_is_at_hand():
	"""The constant above was copied from HRMS; the module's columns must equal it."""
	assert dict(payroll.COLUMNS) == HRMS_ADDITIONAL_SALARY
	hrms = Path(
		"/home/frappe/cta-bench/apps/hrms/hrms/payroll/doctype/additional_salary/additional_salary.json"
	)
	if hrms.exists():
		fields = {f["fieldname"]: f.get("label") for f in json.loads(hrms.read_text())["fields"]}
		assert {k: fields[k] for k in HRMS_ADDITIONAL_SALARY} == HRMS_ADDITIONAL_SALARY
