"""The school dimension of a county site.

Classes and periods carry their school, entered by whoever sets them up (a user kept to one school
gets theirs). What hangs off them carries the school of the class or appraisal it is about, set by
the server on every save (doc_events before_validate) and by the app's bulk writers, never taken
from a request: inspections and red flags (their class), inspection rounds (their classes, all of
one school), appraisals (their class, which must be of the period's school), ratings, appeals, ballot
tallies and consequences (their appraisal), activities (their class, else the teacher's school).

Set-up that the schools share (inspection items, activity kinds, rubrics, the settings) has no
school: a school's people read it, and the System Manager keeps it (permissions.school_permission).
Studios (名班主任工作室) take members from several schools and stay outside the dimension.

Frappe's User Permissions (Allow: Appraisal School) keep a school's office, principal, inspectors
and teachers to their school in lists, link search, reports on get_list and the document as sent;
permissions.py makes it hold for what the database holds and in the app's own SQL. The bureau's
users have no such permission: they see every school."""

import frappe
from frappe import _

from class_teacher_appraisal.html_text import text
from class_teacher_appraisal.names import (
	ACTIVITY,
	ACTIVITY_KIND,
	APPEAL,
	APPRAISAL,
	BALLOT_TALLY,
	CLASS_RECORD,
	CONSEQUENCE,
	DUTY_ROSTER,
	INSPECTION,
	ITEM,
	PERIOD,
	RATING,
	RED_FLAG,
	ROUND,
	RUBRIC,
	SCHOOL,
	SETTINGS,
)

FIELD = "school"

# The school is entered on these (a user kept to one school gets theirs when they leave it empty).
ENTERED = (CLASS_RECORD, PERIOD, DUTY_ROSTER)
# The school of these is the school of the record their link names: (link field, its DocType).
DERIVED = {
	INSPECTION: ("class_record", CLASS_RECORD),
	RED_FLAG: ("class_record", CLASS_RECORD),
	APPRAISAL: ("class_record", CLASS_RECORD),
	ACTIVITY: ("class_record", CLASS_RECORD),  # without a class: the teacher's school
	RATING: ("appraisal", APPRAISAL),
	APPEAL: ("appraisal", APPRAISAL),
	BALLOT_TALLY: ("appraisal", APPRAISAL),
	CONSEQUENCE: ("appraisal", APPRAISAL),
}
# Every DocType with a school (an inspection round's is its classes').
DOCTYPES = (*ENTERED, *DERIVED, ROUND)
# County-wide set-up: read by every school, changed by no user kept to a school.
SHARED = (ITEM, ACTIVITY_KIND, RUBRIC, SETTINGS)


def user_schools(user: str | None = None, doctype: str | None = None) -> list[str] | None:
	"""The schools a user is kept to by User Permissions (Allow: Appraisal School), for the DocType
	if given (a permission may apply to some DocTypes only); None for a user kept to none."""
	user = user or frappe.session.user
	if user == "Administrator":
		return None
	from frappe.core.doctype.user_permission.user_permission import get_user_permissions
	from frappe.permissions import get_allowed_docs_for_doctype

	granted = get_user_permissions(user).get(SCHOOL)
	if not granted:
		return None
	if doctype:
		allowed = get_allowed_docs_for_doctype(granted, doctype)
	else:
		allowed = [p.get("doc") for p in granted if not p.get("applicable_for")]
	return sorted(set(allowed)) or None


def strict() -> bool:
	"""Frappe's "Apply Strict User Permissions": without it a record with no school is everyone's."""
	return bool(frappe.get_system_settings("apply_strict_user_permissions"))


def allowed(school: str | None, user: str | None = None, doctype: str | None = None) -> bool:
	"""Whether the user may see a record of the school, as Frappe decides for a link field."""
	schools = user_schools(user, doctype)
	if schools is None:
		return True
	if not school:
		return not strict()
	return school in schools


def own_school(user: str | None = None) -> str | None:
	"""The one school a user is kept to, if exactly one."""
	schools = user_schools(user)
	return schools[0] if schools and len(schools) == 1 else None


def school_of(doctype: str, name: str | None) -> str | None:
	return frappe.db.get_value(doctype, name, FIELD) if name else None


def sent_schools(doc) -> set[str | None]:
	"""The schools a document gets from what it holds now (the request's links, not its own school
	field for a derived one): what a change must be allowed for."""
	if doc.doctype in ENTERED:
		return {doc.get(FIELD) or own_school()}
	if doc.doctype == ROUND:
		classes = {row.class_record for row in doc.get("entries") or [] if row.class_record}
		return set(classes_schools(classes).values()) or {own_school()}
	link, source = DERIVED[doc.doctype]
	school = school_of(source, doc.get(link))
	if doc.doctype == ACTIVITY and not doc.get(link):
		school = own_school(doc.get("person")) if doc.get("person") else None
	return {school}


def classes_schools(classes) -> dict[str, str | None]:
	classes = list(classes)
	if not classes:
		return {}
	return dict(
		frappe.get_all(CLASS_RECORD, filters={"name": ["in", classes]}, fields=["name", FIELD], as_list=True)
	)


def set_school(doc, method=None):
	"""doc_events before_validate: the document's school, from the server's own reading of it."""
	if doc.doctype in ENTERED:
		stored = None if doc.is_new() else school_of(doc.doctype, doc.name)
		if stored and doc.get(FIELD) != stored:
			# its name, its records and who may see them follow the school: it never moves
			frappe.throw(
				_("{0} belongs to {1}; a school's records do not move to another school.").format(
					text(doc.name), text(stored)
				),
				title=_("Another School"),
			)
		if not doc.get(FIELD):
			doc.set(FIELD, own_school())
		if not doc.get(FIELD) and user_schools() is not None:
			frappe.throw(_("Choose the school."), title=_("Missing School"), exc=frappe.MandatoryError)
		return
	schools = sent_schools(doc)
	if len(schools) > 1:
		frappe.throw(
			_("The classes of one round are of one school: {0}.").format(
				", ".join(text(s or _("no school")) for s in sorted(schools, key=lambda s: s or ""))
			),
			title=_("Classes of Several Schools"),
		)
	school = next(iter(schools))
	if doc.doctype == APPRAISAL and doc.get("appraisal_period"):
		period_school = school_of(PERIOD, doc.appraisal_period)
		if period_school and period_school != school:
			frappe.throw(
				_("Class {0} is not of {1}, the school of period {2}.").format(
					text(doc.class_record), text(period_school), text(doc.appraisal_period)
				),
				title=_("Another School"),
			)
	doc.set(FIELD, school)


def add_hooks(doc_events: dict, has_permission: dict, permission_query_conditions: dict):
	"""hooks.py: every DocType with a school gets it set before validation, and is kept to the
	user's schools by its has_permission hook (which asks the schools before its own rule:
	permissions.school_first) and beside its own list conditions (Frappe joins them with "and");
	shared set-up is read-only to a user kept to a school."""

	def listed(value) -> list:
		return [] if not value else list(value) if isinstance(value, list | tuple) else [value]

	check = "class_teacher_appraisal.permissions."
	for doctype in DOCTYPES:
		events = doc_events.setdefault(doctype, {})
		events["before_validate"] = [*listed(events.get("before_validate")), __name__ + ".set_school"]
		permission_query_conditions[doctype] = [
			*listed(permission_query_conditions.get(doctype)),
			check + "school_conditions",
		]
	for doctype in ENTERED:
		has_permission.setdefault(doctype, check + "school_record_permission")
	for doctype in SHARED:
		has_permission.setdefault(doctype, check + "shared_setup_permission")
	# every other DocType with a school asks the schools in its own hook (permissions.school_first)
