"""Shared pieces of the app's Script Reports: filters, columns, permission scoping, and the
red flags as the scoring core awards them (reports never aggregate points their own way)."""

import frappe
from frappe import _

from class_teacher_appraisal import adapters, evidence
from class_teacher_appraisal.appraisals import period_classes
from class_teacher_appraisal.county import schools
from class_teacher_appraisal.names import APPRAISAL
from class_teacher_appraisal.permissions import visible_classes
from class_teacher_appraisal.scoring import Rubric, award_weekly_flags

PERIOD_FIELDS = [
	"name",
	"period_type",
	"academic_year",
	"start_date",
	"end_date",
	"rubric",
	"flags_awarded_on",
	"school",
]


def require_period(filters) -> frappe._dict:
	name = (filters or {}).get("appraisal_period")
	if not name:
		frappe.throw(_("Choose an appraisal period."), title=_("Missing Filter"))
	period = frappe.db.get_value("Appraisal Period", name, PERIOD_FIELDS, as_dict=True)
	if not period or not schools.allowed(period.school, doctype="Appraisal Period"):
		# shown as HTML, and the filter is whatever the address said; another school's period is
		# answered like a missing one (a county site: a school's people see their school only)
		frappe.throw(
			_("Appraisal period {0} does not exist.").format(frappe.utils.escape_html(name)),
			title=_("Missing Filter"),
		)
	return period


def restrict_to_visible(query, class_field):
	"""Adds "only the classes this user may see" to a frappe.qb query over inspections."""
	classes = visible_classes()
	if classes is None:
		return query
	# no classes of their own: `in ("")` matches nothing, since every record names its class
	return query.where(class_field.isin(classes or [""]))


def column(label: str, fieldname: str, fieldtype: str = "Data", width: int = 100, **extra) -> dict:
	return {"label": label, "fieldname": fieldname, "fieldtype": fieldtype, "width": width, **extra}


def number(value) -> float:
	return float(value or 0)


def contested_classes(period) -> list[frappe._dict]:
	"""The classes a period's red flags are contested among, as its recompute scores them: the
	academic year's classes and every class appraised in it (appraisals.period_classes)."""
	appraised = frappe.get_all(
		APPRAISAL, filters={"appraisal_period": period.name, "docstatus": ["<", 2]}, pluck="class_record"
	)
	return period_classes(period, appraised)


def rubric_of(period) -> Rubric | None:
	if not period.rubric:
		return None
	return adapters.to_rubric(frappe.get_doc("Appraisal Rubric", period.rubric))


def awarded_flags(period, rubric: Rubric | None, classes: list[dict], items: dict, start=None, end=None):
	"""The weekly red flags of the classes as the engine awards them: their inspections in the
	period (or in its days from start to end), read set-based as evidence.gather reads them, then
	scoring.award_weekly_flags with the rubric's eligibility rules. Returns the evidence per class
	and the flags per class and (item, week)."""
	span = frappe._dict(
		start_date=max(d for d in (period.start_date, start) if d),
		end_date=min(d for d in (period.end_date, end) if d),
	)
	gathered = evidence.inspection_evidence(span, classes)
	rules = rubric.flag_rules if rubric else ()
	return gathered, award_weekly_flags(items, list(gathered.values()), rules)
