"""Payroll handoff (issue 15): an approved period's class teacher allowances (班主任津贴) as an .xlsx that
HRMS's Data Import takes for *Additional Salary* (Insert New Records), one row per teacher and appraisal.

The columns are the labels of HRMS's `hrms/payroll/doctype/additional_salary/additional_salary.json`, which
Frappe's Data Import matches a header against (label or fieldname). The file holds no total row: Data Import
would import it as a record.

The employee is the teacher's *Teacher Payroll ID* (a list the office fills or imports); on a site where HRMS
runs, a teacher without one falls back to the Employee whose User ID is the teacher. A teacher with neither is
still listed, with an empty Employee, so the file's sum always equals the approved allowances and the payroll
clerk sees whom to map (Data Import refuses that row until it is filled).
"""

import frappe
from frappe import _
from frappe.utils import flt, getdate

from class_teacher_appraisal.html_text import text
from class_teacher_appraisal.names import (
	APPRAISAL,
	APPROVED,
	OFFICE,
	PERIOD,
	PRINCIPAL,
	SETTINGS,
	SYSTEM_MANAGER,
)
from class_teacher_appraisal.permissions import sees_all

PAYROLL_ID = "Teacher Payroll ID"

# (fieldname in HRMS's Additional Salary, its label there): the header row, in this order.
COLUMNS = (
	("employee", "Employee"),
	("salary_component", "Salary Component"),
	("amount", "Amount"),
	("payroll_date", "Payroll Date"),
	("company", "Company"),
	("overwrite_salary_structure_amount", "Overwrite Salary Structure Amount"),
	("deduct_full_tax_on_selected_payroll_date", "Deduct Full Tax on Selected Payroll Date"),
	("ref_doctype", "Reference Document Type"),
	("ref_docname", "Reference Document"),
)
# For the payroll clerk's eyes only: after the HRMS columns, which Data Import skips
# (it leaves out columns it does not know, with a warning).
EXTRA_COLUMNS = (("teacher_name", "Teacher"), ("class_name", "Class"), ("teacher", "User ID"))


def approved_appraisals(period: str) -> list[frappe._dict]:
	"""Approved appraisals of the period with an allowance, in class order."""
	appraisal = frappe.qb.DocType(APPRAISAL)
	return (
		frappe.qb.from_(appraisal)
		.select(
			appraisal.name,
			appraisal.class_teacher,
			appraisal.teacher_name,
			appraisal.class_name,
			appraisal.class_record,
			appraisal.allowance,
		)
		.where(
			(appraisal.appraisal_period == period)
			& (appraisal.docstatus == 1)
			& (appraisal.workflow_state == APPROVED)
			& (appraisal.allowance > 0)
		)
		.orderby(appraisal.class_record)
		.orderby(appraisal.served_from)
		.run(as_dict=True)
	)


def payroll_ids(teachers: set[str]) -> dict[str, str]:
	if not teachers:
		return {}
	ids = dict(
		frappe.get_all(
			PAYROLL_ID,
			filters={"teacher": ("in", list(teachers))},
			fields=["teacher", "employee"],
			as_list=True,
		)
	)
	missing = [t for t in teachers if not ids.get(t)]
	if missing and frappe.db.exists("DocType", "Employee") and frappe.db.has_column("Employee", "user_id"):
		for user_id, employee in frappe.get_all(
			"Employee",
			filters={"user_id": ("in", missing), "status": "Active"},
			fields=["user_id", "name"],
			as_list=True,
		):
			ids.setdefault(user_id, employee)
	return ids


def payroll_rows(period: str) -> list[dict]:
	"""One dict per approved appraisal with an allowance, keyed by HRMS's fieldnames (and the extra ones)."""
	period_doc = frappe.get_doc(PERIOD, period)
	settings = frappe.get_cached_doc(SETTINGS)
	appraisals = approved_appraisals(period)
	ids = payroll_ids({a.class_teacher for a in appraisals if a.class_teacher})
	payroll_date = getdate(period_doc.end_date)
	return [
		{
			"employee": ids.get(a.class_teacher) or "",
			"salary_component": settings.salary_component or "",
			"amount": flt(a.allowance, 2),
			"payroll_date": payroll_date,
			"company": settings.payroll_company or "",
			"overwrite_salary_structure_amount": 1,
			"deduct_full_tax_on_selected_payroll_date": 0,
			"ref_doctype": APPRAISAL,
			"ref_docname": a.name,
			"teacher_name": a.teacher_name or a.class_teacher,  # the teacher by name
			"class_name": a.class_name,
			"teacher": a.class_teacher,  # to find them in payroll (HRMS: the Employee's User ID)
		}
		for a in appraisals
	]


def to_xlsx(data: list[list]) -> bytes:
	"""The rows as one sheet; text stays text (a class name typed as `=…` is not a formula)."""
	from io import BytesIO

	from openpyxl import Workbook
	from openpyxl.styles import Font

	wb = Workbook()
	ws = wb.active
	ws.title = "Additional Salary"
	for row in data:
		ws.append(row)
	for cells in ws.iter_rows():
		for cell in cells:
			if isinstance(cell.value, str):
				cell.data_type = "s"
	for cell in ws[1]:
		cell.font = Font(bold=True)
	out = BytesIO()
	wb.save(out)
	return out.getvalue()


def sheet(rows: list[dict]) -> list[list]:
	columns = COLUMNS + EXTRA_COLUMNS
	return [[label for _fieldname, label in columns]] + [
		[row[fieldname] for fieldname, _label in columns] for row in rows
	]


def rows_to_pay(period: str | None) -> list[dict]:
	"""The period's payroll rows, for the office and the principal; a clear error for anyone else, an
	unknown period or one with nothing approved."""
	if not sees_all(roles={OFFICE, PRINCIPAL, SYSTEM_MANAGER}):  # not frappe.only_for: tests skip it
		frappe.throw(
			_("Only the Academic Office and the Principal get the payroll file."),
			exc=frappe.PermissionError,
			title=_("Not Permitted"),
		)
	if not period or not frappe.db.exists(PERIOD, period):
		frappe.throw(
			_("Appraisal Period {0} does not exist.").format(text(period or "")), exc=frappe.DoesNotExistError
		)
	frappe.has_permission(PERIOD, "read", period, throw=True)
	rows = payroll_rows(period)
	if not rows:
		frappe.throw(
			_("Appraisal Period {0} has no approved appraisal with an allowance.").format(text(period)),
			title=_("Nothing to Pay"),
		)
	return rows


def hrms_installed() -> bool:
	return "hrms" in frappe.get_installed_apps()


@frappe.whitelist(methods=["POST"])
def create_additional_salaries(period: str | None = None) -> dict:
	"""On a site with HRMS, the payroll file's rows as Additional Salary drafts, without a file: one per
	approved appraisal, never two for the same appraisal (a draft or submitted one is kept), for the
	payroll office to check and submit in HRMS. All or nothing: a teacher without an Employee, or a
	settings field left empty, stops it before any draft is made. The user needs HRMS's own permission
	to create Additional Salary."""
	rows = rows_to_pay(period)
	if not hrms_installed():
		frappe.throw(_("HRMS is not installed on this site: download the payroll file instead."))
	frappe.has_permission("Additional Salary", "create", throw=True)
	settings = frappe.get_cached_doc(SETTINGS)
	for fieldname in ("salary_component", "payroll_company"):
		if not settings.get(fieldname):
			label = _(frappe.get_meta(SETTINGS).get_label(fieldname))
			frappe.throw(_("Enter the {0} in Class Teacher Appraisal Settings first.").format(label))
	unmapped = [row["teacher_name"] for row in rows if not row["employee"]]
	if unmapped:
		frappe.throw(
			_(
				"No Employee for {0}: enter their Teacher Payroll ID, or the User ID on their Employee."
			).format(", ".join(text(name) for name in unmapped)),
			title=_("Teachers Without an Employee"),
		)
	done = set(
		frappe.get_all(
			"Additional Salary",
			filters={
				"ref_doctype": APPRAISAL,
				"ref_docname": ["in", [row["ref_docname"] for row in rows]],
				"docstatus": ["<", 2],
			},
			pluck="ref_docname",
		)
	)
	created = []
	for row in rows:
		if row["ref_docname"] in done:
			continue
		salary = frappe.get_doc({"doctype": "Additional Salary", **{f: row[f] for f, _label in COLUMNS}})
		created.append(salary.insert().name)
	return {"created": created, "kept": len(done)}


@frappe.whitelist(methods=["GET"])
@frappe.read_only()
def additional_salary_xlsx(period: str | None = None) -> None:
	"""Sends the period's approved allowances as `<period> Additional Salary.xlsx` (office and principal)."""
	rows = rows_to_pay(period)
	frappe.response["filename"] = f"{period} Additional Salary.xlsx"
	frappe.response["filecontent"] = to_xlsx(sheet(rows))
	frappe.response["type"] = "binary"
