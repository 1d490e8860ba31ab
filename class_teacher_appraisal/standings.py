"""Where each appraisal of a period stands among the others once all are scored: the grade with
limited places (seed 002's share of 优秀 places), the rubric's honour (seed 000's 十佳), and the
consequences an approved grade leaves on the teacher's history (seeds 001 and 002).

Like ranks, places and honours follow the other appraisals' changes: they are allotted again
whenever the period is recomputed or one of its appraisals is saved. Approved appraisals keep
their grade and allowance (and hold the places they took); only drafts change."""

import frappe

from class_teacher_appraisal import adapters
from class_teacher_appraisal.names import APPRAISAL, CLASS_RECORD, CONSEQUENCE, PERIOD, RUBRIC
from class_teacher_appraisal.scoring import ClassEvidence, D
from class_teacher_appraisal.scoring.engine import allowance_for_grade
from class_teacher_appraisal.scoring.i18n import _, msg
from class_teacher_appraisal.scoring.places import Standing, allot_places, choose_honours
from class_teacher_appraisal.utils import lock_period

FIELDS = [
	"name", "docstatus", "total_score", "grade", "grade_by_score", "vetoed", "veto_reason",
	"excluded_from_honours", "exclusion_reason", "class_teacher", "class_record", "honour",
	"places_note", "honour_note", "allowance", "allowance_note", "days_served", "days_in_period",
	"teacher_rank",
]  # fmt: skip


def allot(period_name: str, current=None):
	"""Allots the period's limited places and honour. `current` is an appraisal being saved: it
	takes part with its values in memory and gets its place there (saved with it, so its history
	shows the grade it ends with); the others' places are written at once."""
	period = frappe.db.get_value(PERIOD, period_name, ["rubric", "academic_year"], as_dict=True)
	if not period or not period.rubric:
		return
	# one period's places at a time, the period's row locked first (as every recompute does), so
	# two saves never count each other's old totals nor wait on each other's rows
	lock_period(period_name)
	rubric = adapters.to_rubric(frappe.get_cached_doc(RUBRIC, period.rubric))
	rows = frappe.get_all(
		APPRAISAL, filters={"appraisal_period": period_name, "docstatus": ["<", 2]}, fields=FIELDS
	)
	if current is not None and not current.is_new():
		rows = [r for r in rows if r.name != current.name]
		# a draft being saved or approved: its grade is being decided now
		rows.append(frappe._dict({f: current.get(f) for f in FIELDS}, docstatus=0))
	if not rows:
		return
	barred = bars(period.academic_year, rows, period_name)
	standings = [
		Standing(
			id=r.name,
			total=D(r.total_score),
			grade=r.grade_by_score or r.grade or "",
			fixed=r.docstatus == 1,
			held_grade=r.grade or "",
			held_honour=bool(r.honour),
			barred=barred.get(r.name),
		)
		for r in rows
	]
	grades = allot_places(rubric.places, standings)
	honours = choose_honours(rubric.honour, standings)
	classes = class_facts([r.class_record for r in rows if r.docstatus == 0])
	for r in rows:
		values = {}
		if r.docstatus == 0:
			grade, why = grades[r.name]
			values["places_note"] = adapters.render([why]) if why else None
			if grade != (r.grade or ""):
				values["grade"] = grade
				allowance, how = allowance_for_grade(rubric, grade, facts(classes, r))
				values["allowance"] = allowance
				values["allowance_note"] = adapters.render([how]) if how else None
		if r.docstatus == 0:
			chosen, why = honours.get(r.name, (False, None))
			values["honour"] = rubric.honour.title if chosen else None
			values["honour_note"] = adapters.render([why]) if why else None
		changed = {k: v for k, v in values.items() if _differs(r.get(k), v)}
		if current is not None and current.name == r.name:
			current.update(changed)
		elif changed:
			frappe.db.set_value(APPRAISAL, r.name, changed, update_modified=False)


def _differs(stored, new) -> bool:
	if isinstance(new, int | float) or hasattr(new, "as_tuple"):
		return D(stored or 0) != D(new or 0)
	return (stored or None) != (new or None)


def class_facts(class_records: list[str]) -> dict[str, frappe._dict]:
	"""What a class's allowance depends on besides the grade: its pupils and its teacher's rank."""
	return {
		c.name: c
		for c in frappe.get_all(
			CLASS_RECORD,
			filters={"name": ["in", list(set(class_records)) or [""]]},
			fields=["name", "pupil_count", "teacher_rank"],
		)
	}


def facts(classes: dict, row) -> ClassEvidence:
	"""The appraisal's class as its allowance sees it, with the teacher's days on post (seed 001)."""
	c = classes.get(row.class_record) or frappe._dict()
	return ClassEvidence(
		class_id=row.class_record,
		pupils=int(c.pupil_count or 0),
		teacher_rank=row.get("teacher_rank") or c.teacher_rank or "",  # the teacher's, else the class's
		days_on_post=int(row.days_served or 0),
		days_in_period=int(row.days_in_period or 0),
	)


def bars(academic_year: str | None, rows, period_name: str) -> dict:
	"""Why an appraisal cannot be honoured: a veto, an honours exclusion rule, or a consequence of
	another approved appraisal of the teacher in the same academic year (seed 002: a year's
	不合格 means no honours that year)."""
	out = {}
	for r in rows:
		if r.vetoed:
			out[r.name] = msg(_("vetoed: {0}"), r.veto_reason or "")
		elif r.excluded_from_honours:
			out[r.name] = msg(_("excluded: {0}"), r.exclusion_reason or "")
	if not academic_year:
		return out
	teachers = {r.class_teacher for r in rows if r.class_teacher}
	barring = frappe.get_all(
		CONSEQUENCE,
		filters={
			"bars_honours": 1,
			"academic_year": academic_year,
			"teacher": ["in", list(teachers) or [""]],
		},
		fields=["teacher", "grade", "appraisal_period", "consequence"],
		order_by="creation asc",
	)
	by_teacher = {c.teacher: c for c in barring}
	for r in rows:
		c = by_teacher.get(r.class_teacher)
		if c and r.name not in out:
			out[r.name] = msg(_("{0} in {1}: {2}"), c.grade, c.appraisal_period, c.consequence)
	return out


def record_consequences(doc):
	"""On approval: the rubric's consequences of the appraisal's grade, on the teacher's history."""
	rubric = frappe.get_cached_doc(RUBRIC, doc.rubric)
	academic_year = frappe.db.get_value(PERIOD, doc.appraisal_period, "academic_year")
	for rule in rubric.get("consequence_rules") or []:
		if rule.grade != doc.grade or (rule.period_type and rule.period_type != doc.period_type):
			continue
		frappe.get_doc(
			{
				"doctype": CONSEQUENCE,
				"teacher": doc.class_teacher,
				"consequence": rule.consequence,
				"bars_honours": rule.bars_honours,
				"grade": doc.grade,
				"academic_year": academic_year,
				"appraisal": doc.name,
				"appraisal_period": doc.appraisal_period,
				"period_type": doc.period_type,
				"class_record": doc.class_record,
			}
		).insert(ignore_permissions=True)  # the server records them; nobody enters them


def remove_consequences(doc):
	"""When an approved appraisal is cancelled, what its grade brought goes with it."""
	frappe.db.delete(CONSEQUENCE, {"appraisal": doc.name})


__all__ = ["allot", "record_consequences", "remove_consequences"]
