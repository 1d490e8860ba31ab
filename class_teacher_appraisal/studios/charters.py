"""Charters as rubrics: a rubric applies to class teachers (a period's appraisals) or to studio
members (a studio's charter, for the annual Studio Assessment); neither is used for the other."""

import frappe
from frappe import _

from class_teacher_appraisal.html_text import text
from class_teacher_appraisal.names import FOR_CLASS_TEACHERS, FOR_STUDIO_MEMBERS, RUBRIC


def applies_to(rubric: str | None) -> str:
	return (rubric and frappe.db.get_value(RUBRIC, rubric, "applies_to")) or FOR_CLASS_TEACHERS


def check_for_class_teachers(rubric: str | None):
	"""A period's class teacher appraisals use a rubric for class teachers only."""
	if rubric and applies_to(rubric) != FOR_CLASS_TEACHERS:
		frappe.throw(
			_(
				"Rubric {0} is a studio's charter (it applies to studio members); a period's class teacher appraisals use a rubric that applies to class teachers."
			).format(text(rubric)),
			title=_("Wrong Rubric"),
		)


def check_charter(rubric: str | None, studio: str | None = None):
	"""A studio's charter is a rubric for studio members."""
	if not rubric:
		frappe.throw(
			_("Studio {0} has no charter; choose its rubric first.").format(text(studio or "")),
			title=_("No Charter"),
		)
	if applies_to(rubric) != FOR_STUDIO_MEMBERS:
		frappe.throw(
			_(
				"Rubric {0} applies to class teachers; a studio's charter is a rubric that applies to studio members."
			).format(text(rubric)),
			title=_("Wrong Rubric"),
		)


def validate_studio(doc, method=None):
	"""Class Teacher Studio (doc_events): its charter, if chosen, is a rubric for studio members."""
	if doc.get("charter"):
		check_charter(doc.charter, doc.name)


__all__ = ["applies_to", "check_charter", "check_for_class_teachers", "validate_studio"]
