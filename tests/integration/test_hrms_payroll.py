"""The payroll file imported for real into HRMS, and the direct path (Additional Salary drafts without a
file), on a site with ERPNext and HRMS as a school's often is: a teacher is an Employee by the Employee's
User ID, the allowance is a Salary Component the school pays from its Company. On a site without HRMS
these tests do not apply (scripts/test runs them on the ERPNext + HRMS sites: .ci/run)."""

import io

import frappe
import pytest
from openpyxl import load_workbook

from class_teacher_appraisal.integrations import payroll
from tests.conftest import acting_as
from tests.factories import appraisal_of, approve, fill_manual, make_user, two_teacher_school

COMPONENT = "班主任津贴"
HR = "payroll.clerk@example.cn"


@pytest.fixture
def hrms_school():
	"""Two class teachers who are Employees of the site's company (by User ID), each with a salary
	structure, the allowance's Salary Component, and a December month with one teacher approved."""
	if not payroll.hrms_installed():
		pytest.skip("HRMS is not installed on this site (the ERPNext + HRMS sites run these)")
	company = frappe.get_all("Company", pluck="name", limit=1)[0]
	currency = frappe.get_cached_value("Company", company, "default_currency")
	users, classes, period = two_teacher_school()
	frappe.get_doc(
		{
			"doctype": "Salary Component",
			"salary_component": COMPONENT,
			"salary_component_abbr": "BZRJT",
			"type": "Earning",
		}
	).insert()
	structure = frappe.get_doc(
		{
			"doctype": "Salary Structure",
			"name": "教师月薪",
			"company": company,
			"currency": currency,
			"payroll_frequency": "Monthly",
			"earnings": [{"salary_component": COMPONENT, "abbr": "BZRJT", "amount": 0}],
		}
	).insert()
	structure.submit()
	employees = {}
	for key in ("teacher_a", "teacher_b"):
		employee = frappe.get_doc(
			{
				"doctype": "Employee",
				"first_name": frappe.db.get_value("User", users[key], "first_name"),
				"gender": frappe.get_all("Gender", pluck="name", limit=1)[0],
				"date_of_birth": "1985-03-01",
				"date_of_joining": "2015-09-01",
				"company": company,
				"status": "Active",
				"user_id": users[key],
			}
		).insert()
		frappe.get_doc(
			{
				"doctype": "Salary Structure Assignment",
				"employee": employee.name,
				"salary_structure": structure.name,
				"company": company,
				"currency": currency,
				"from_date": "2025-01-01",
				"base": 6000,
			}
		).insert().submit()
		employees[key] = employee.name
	frappe.db.set_single_value(
		"Class Teacher Appraisal Settings", {"salary_component": COMPONENT, "payroll_company": company}
	)
	frappe.clear_document_cache("Class Teacher Appraisal Settings", "Class Teacher Appraisal Settings")
	approved = approve(fill_manual(appraisal_of(period.name, classes["a"])))
	make_user(HR, "HR User", "Academic Office")
	return frappe._dict(
		users=users, period=period, company=company, employees=employees, approved=approved, classes=classes
	)


def salaries_of(appraisal: str) -> list[frappe._dict]:
	return frappe.get_all(
		"Additional Salary",
		filters={"ref_doctype": "Class Teacher Appraisal", "ref_docname": appraisal},
		fields=["employee", "salary_component", "amount", "payroll_date", "company", "docstatus"],
	)


def test_the_payroll_file_imports_into_hrms_additional_salary(hrms_school):
	s = hrms_school
	previous = frappe.local.response
	frappe.local.response = frappe._dict()
	try:
		payroll.additional_salary_xlsx(s.period.name)
		content = frappe.local.response["filecontent"]
	finally:
		frappe.local.response = previous
	header = next(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
	assert header[:4] == ("Employee", "Salary Component", "Amount", "Payroll Date")
	file = frappe.get_doc(
		{"doctype": "File", "file_name": "allowances.xlsx", "content": content, "is_private": 1}
	).insert()
	data_import = frappe.get_doc(
		{
			"doctype": "Data Import",
			"reference_doctype": "Additional Salary",
			"import_type": "Insert New Records",
			"import_file": file.file_url,
		}
	).insert()
	data_import.start_import()  # at once under test, as the worker runs it
	data_import.reload()
	assert data_import.status == "Success", frappe.get_all(
		"Data Import Log", filters={"data_import": data_import.name}, fields=["messages"]
	)
	[salary] = salaries_of(s.approved.name)
	assert salary.employee == s.employees["teacher_a"]
	assert (salary.salary_component, salary.company) == (COMPONENT, s.company)
	assert salary.amount == pytest.approx(s.approved.allowance) and salary.amount > 0
	assert str(salary.payroll_date) == str(s.period.end_date)


def test_with_hrms_the_office_creates_the_drafts_without_a_file_and_never_twice(hrms_school):
	s = hrms_school
	with acting_as(HR):
		first = payroll.create_additional_salaries(s.period.name)
		again = payroll.create_additional_salaries(s.period.name)
	assert len(first["created"]) == 1 and again == {"created": [], "kept": 1}
	[salary] = salaries_of(s.approved.name)
	assert (salary.employee, salary.docstatus) == (s.employees["teacher_a"], 0)  # a draft for payroll
	assert salary.amount == pytest.approx(s.approved.allowance)
	draft = appraisal_of(s.period.name, s.classes["b"])
	assert not salaries_of(draft.name)  # not approved: not paid


def test_the_direct_path_needs_hrms_permission_and_an_employee_for_every_teacher(hrms_school):
	s = hrms_school
	with acting_as(s.users["office"]), pytest.raises(frappe.PermissionError):  # no HR role
		payroll.create_additional_salaries(s.period.name)
	frappe.db.set_value("Employee", s.employees["teacher_a"], "user_id", None)
	with acting_as(HR), pytest.raises(frappe.ValidationError, match="没有对应的员工|No Employee for"):
		payroll.create_additional_salaries(s.period.name)
	assert not salaries_of(s.approved.name)  # nothing half-made
