# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

"""Progress against every quota of a period's rubric (读书心得 1/2, 培训 22/40 课时): per class (or
its teacher) and quota, what is done, what is missing, the points it is worth so far and the
confirmed records behind each count. Scored by the same rule the appraisal line is (rules.quota).
A class teacher sees only the classes whose appraisal is theirs."""

import frappe
from frappe import _

from class_teacher_appraisal import adapters, html_text
from class_teacher_appraisal.evidence import activity_evidence, class_teachers
from class_teacher_appraisal.names import ACTIVITY
from class_teacher_appraisal.permissions import READ_ALL, sees_all
from class_teacher_appraisal.quota_reports import only_missing, progress_columns, quota_rows, summary
from class_teacher_appraisal.reports import column, contested_classes, require_period
from class_teacher_appraisal.scoring import ClassEvidence, Kind
from class_teacher_appraisal.scoring.model import criteria_for
from class_teacher_appraisal.utils import full_names


def execute(filters=None):
	filters = frappe._dict(filters or {})
	period = require_period(filters)
	rubric_doc = frappe.get_doc("Appraisal Rubric", period.rubric)
	rubric = adapters.to_rubric(rubric_doc)
	classes = visible(period, filters)  # refuses a teacher asking for a colleague's, first
	if not any(c.kind == Kind.QUOTA for c in rubric.criteria):
		return html_text.report(columns(), [], _("The rubric of this period has no quotas."))
	evidence = {
		c.name: ClassEvidence(
			class_id=c.name, label=c.class_name or c.name, grade_level=int(c.grade_level or 0)
		)
		for c in classes
	}
	teachers = class_teachers(period, list(evidence))
	activity_evidence(period, rubric_doc, evidence)
	names = full_names(teachers.values())
	rows = []
	for c in classes:
		teacher = teachers.get(c.name)
		rows += class_rows(rubric, evidence[c.name], teacher, names.get(teacher, ""))
	rows = only_missing(rows, filters)
	return html_text.report(columns(), rows, None, None, summary(rows))


def visible(period, filters) -> list[frappe._dict]:
	"""The period's classes the user may see progress of: every class for the office and the
	principal, else those whose appraisal in the period is about the user."""
	classes = contested_classes(period)
	if filters.get("class_record"):
		classes = [c for c in classes if c.name == filters.class_record]
	teacher = filters.get("class_teacher")
	user = frappe.session.user
	if not sees_all(user, READ_ALL[ACTIVITY]):
		if teacher and teacher != user:
			frappe.throw(
				_("You can only see your own progress."), title=_("Not Permitted"), exc=frappe.PermissionError
			)
		teacher = user
	if teacher:
		teachers = class_teachers(period, [c.name for c in classes])
		classes = [c for c in classes if teachers.get(c.name) == teacher]
	return sorted(classes, key=lambda c: (int(c.grade_level or 0), c.class_name or c.name))


def class_rows(rubric, ev: ClassEvidence, teacher: str | None, teacher_name: str = "") -> list[dict]:
	own = {
		"class_record": ev.class_id,
		"class_name": ev.label,
		"class_teacher": teacher,
		"teacher_name": teacher_name,
	}
	return [own | row for row in quota_rows(rubric, ev, criteria_for(rubric, ev.grade_level))]


def columns() -> list[dict]:
	return [
		column(_("Class"), "class_record", "Link", 120, options="Class Record"),
		column(_("Class Teacher"), "teacher_name", "Data", 150),
		*progress_columns(),
	]
