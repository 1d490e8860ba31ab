"""Row-level permissions: who may read and change which record, decided from the database's stored
state (never from the fields of the incoming document), for the Desk, the REST API, frappe.get_list,
reports and child tables alike (hooks: permission_query_conditions, has_permission).

The access model (README, "Who may do what") in short:
- the Academic Office and the Principal read everything; the office sets up and corrects, the
  principal approves; neither acts on an appraisal, rating or appeal about their own class;
- a Duty Inspector reads inspections and the draft appraisals its workflow step forwards, records
  inspections of other classes than their own, and edits no points;
- a Class Teacher (or deputy) reads their own classes' inspections and their own appraisals and
  appeals, and the ratings they gave; never a colleague's file, never a rating of themselves;
- child rows are reachable only through a parent the user may read.

Frappe's hooks can only take a permission away; what a role may do at all is in the DocPerms."""

import frappe
from frappe import _

from class_teacher_appraisal.duty import roster as duty_roster
from class_teacher_appraisal.html_text import text
from class_teacher_appraisal.names import (
	ACTIVITY,
	APPEAL,
	APPRAISAL,
	BALLOT_TALLY,
	BUREAU,
	CLASS_RECORD,
	CONSEQUENCE,
	DRAFT,
	DUTY_ROSTER,
	EXIT_HOST_APPROVED,
	EXIT_REQUEST,
	EXIT_REQUESTED,
	HOST,
	HOSTS,
	INSPECTION,
	INSPECTOR,
	MEMBERSHIP,
	OFFICE,
	PRINCIPAL,
	RATING,
	RED_FLAG,
	ROUND,
	STUDIO,
	STUDIO_ACTIVITY,
	STUDIO_ASSESSMENT,
	SYSTEM_MANAGER,
	TERM_REVIEW,
)
from class_teacher_appraisal.studios import roster

# Reading, as opposed to changing: what a reader of a record may do with it.
READ_TYPES = {"read", "select", "print", "email", "report", "export"}

# Roles that read every record of the kind.
# (The Education Bureau reads the schools' records of a county site, never a rater's ratings; its
# DocPerms are read-only.)
READ_ALL = {
	INSPECTION: {SYSTEM_MANAGER, OFFICE, PRINCIPAL, INSPECTOR, BUREAU},
	APPRAISAL: {SYSTEM_MANAGER, OFFICE, PRINCIPAL, BUREAU},
	RATING: {SYSTEM_MANAGER, OFFICE, PRINCIPAL},
	APPEAL: {SYSTEM_MANAGER, OFFICE, PRINCIPAL, BUREAU},
	ROUND: {SYSTEM_MANAGER, OFFICE, PRINCIPAL, BUREAU},
	RED_FLAG: {SYSTEM_MANAGER, OFFICE, PRINCIPAL, BUREAU},
	ACTIVITY: {SYSTEM_MANAGER, OFFICE, PRINCIPAL, BUREAU},
	CONSEQUENCE: {SYSTEM_MANAGER, OFFICE, PRINCIPAL, BUREAU},
	STUDIO: {SYSTEM_MANAGER, OFFICE, PRINCIPAL},
	MEMBERSHIP: {SYSTEM_MANAGER, OFFICE, PRINCIPAL},
	STUDIO_ACTIVITY: {SYSTEM_MANAGER, OFFICE, PRINCIPAL},
	EXIT_REQUEST: {SYSTEM_MANAGER, OFFICE, PRINCIPAL},
	TERM_REVIEW: {SYSTEM_MANAGER, OFFICE, PRINCIPAL},
	STUDIO_ASSESSMENT: {SYSTEM_MANAGER, OFFICE, PRINCIPAL},
}
# Kept for callers that ask "does this user see every class's inspections".
SEE_ALL = READ_ALL[INSPECTION]
SEE_ALL_RATINGS = READ_ALL[RATING]
# Who compares how the inspectors score (report Inspector Consistency): the office and the
# principal, never the inspectors themselves nor the class teachers they inspect.
INSPECTOR_REVIEWERS = {SYSTEM_MANAGER, OFFICE, PRINCIPAL}
# Who prints the classes' QR codes for rounds (inspection_qr.sheet): the staff who record
# inspections, and the office.
QR_SHEET_ROLES = {SYSTEM_MANAGER, OFFICE, INSPECTOR}


def _user(user):
	return user or frappe.session.user


def roles_of(user=None) -> set[str]:
	return set(frappe.get_roles(_user(user)))


def is_administrator(user=None) -> bool:
	user = _user(user)
	return user == "Administrator" or SYSTEM_MANAGER in roles_of(user)


def sees_all(user=None, roles=SEE_ALL) -> bool:
	user = _user(user)
	return user == "Administrator" or bool(roles & roles_of(user))


def is_office(user=None) -> bool:
	"""The Academic Office, the System Manager or the Administrator: who corrects anyone's records."""
	user = _user(user)
	return user == "Administrator" or bool({OFFICE, SYSTEM_MANAGER} & roles_of(user))


def own_classes(user=None) -> list[str]:
	"""The classes a user teaches today, as class teacher or deputy. The class teacher is read from
	the dated assignments (a handover takes effect on its day, whether or not the daily job has
	moved the class's teacher field yet), and from the field for a class without assignments."""
	user = _user(user)
	if user in ("Guest", None):
		return []
	return [
		r[0]
		# nosemgrep: frappe-using-db-sql — exists subqueries over the dated assignments, values bound
		for r in frappe.db.sql(
			"""select c.name from `tabClass Record` c
			where c.deputy_teacher = %(user)s
			or exists (select 1 from `tabClass Teacher Assignment` a where a.parent = c.name
				and a.parenttype = 'Class Record' and a.teacher = %(user)s
				and (a.from_date is null or a.from_date <= %(today)s)
				and (a.to_date is null or a.to_date >= %(today)s))
			or (c.class_teacher = %(user)s and not exists (select 1 from `tabClass Teacher Assignment` a
				where a.parent = c.name and a.parenttype = 'Class Record'))""",
			{"user": user, "today": frappe.utils.today()},
		)
	]


def past_stints(user=None) -> list[frappe._dict]:
	"""The user's ended times on post as class teacher (parent: the class, from_date, to_date): they
	keep reading that class's inspections of those days, the evidence behind their own appraisal."""
	user = _user(user)
	if user in ("Guest", None):
		return []
	return frappe.get_all(
		"Class Teacher Assignment",
		filters={"parenttype": CLASS_RECORD, "teacher": user, "to_date": ["is", "set"]},
		fields=["parent", "from_date", "to_date"],
	)


def served_on(user, class_record: str | None, day) -> bool:
	"""Whether the user was class teacher of the class on that day, in a time on post that ended."""
	if not (class_record and day):
		return False
	day = frappe.utils.getdate(day)
	return any(
		s.parent == class_record
		and (not s.from_date or frappe.utils.getdate(s.from_date) <= day)
		and day <= frappe.utils.getdate(s.to_date)
		for s in past_stints(user)
	)


def _in_list(column: str, values: list[str]) -> str:
	if not values:
		return "1=0"
	return "{} in ({})".format(column, ", ".join(frappe.db.escape(v) for v in values))


def stored(doc, fields: list[str]) -> frappe._dict:
	"""The document's values as the database holds them; the incoming values for a new document.
	Permission checks read these, so that a request cannot change a field and the check at once."""
	if doc.name and not doc.is_new():
		row = frappe.db.get_value(doc.doctype, doc.name, fields, as_dict=True)
		if row:
			row.in_db = True
			return row
	return frappe._dict({f: doc.get(f) for f in fields}, in_db=False)


def is_about(user, class_teacher: str | None, class_record: str | None) -> bool:
	"""Whether a record concerns the user's own class or own appraisal (then they may not act on it)."""
	user = _user(user)
	return bool((class_teacher and class_teacher == user) or (class_record in own_classes(user)))


def appraisal_is_about(user, appraisal: str | None) -> bool:
	if not appraisal:
		return False
	row = frappe.db.get_value(APPRAISAL, appraisal, ["class_teacher", "class_record"], as_dict=True)
	return bool(row) and is_about(user, row.class_teacher, row.class_record)


# ------------------------------------------------------------ list conditions


def inspection_conditions(user=None, doctype=None) -> str:
	user = _user(user)
	if sees_all(user, READ_ALL[INSPECTION]):
		return ""
	own = _in_list("`tabInspection`.`class_record`", own_classes(user))
	# what they recorded themselves (a pupil monitor's drafts, and the inspections confirmed from them)
	own = (
		f"({own} or `tabInspection`.`inspector` = {frappe.db.escape(user)}"
		f" or `tabInspection`.`owner` = {frappe.db.escape(user)})"
	)
	served = [
		f"(`tabInspection`.`class_record` = {frappe.db.escape(s.parent)} and `tabInspection`.`inspection_date`"
		f" between {frappe.db.escape(str(s.from_date or '1900-01-01'))} and {frappe.db.escape(str(s.to_date))})"
		for s in past_stints(user)
	]
	return "(" + " or ".join([own, *served]) + ")" if served else own


def appraisal_conditions(user=None, doctype=None) -> str:
	user = _user(user)
	if sees_all(user, READ_ALL[APPRAISAL]):
		return ""
	own = f"`tabClass Teacher Appraisal`.`class_teacher` = {frappe.db.escape(user)}"
	if INSPECTOR in roles_of(user):
		# the inspector's workflow step: drafts to check and forward
		return (
			f"({own} or (`tabClass Teacher Appraisal`.`docstatus` = 0"
			f" and `tabClass Teacher Appraisal`.`workflow_state` = {frappe.db.escape(DRAFT)}))"
		)
	return own


def rating_conditions(user=None, doctype=None) -> str:
	user = _user(user)
	if sees_all(user, READ_ALL[RATING]):
		return ""
	return f"`tabAppraisal Rating`.`rater` = {frappe.db.escape(user)}"


def appeal_conditions(user=None, doctype=None) -> str:
	user = _user(user)
	if sees_all(user, READ_ALL[APPEAL]):
		return ""
	return f"`tabAppraisal Appeal`.`class_teacher` = {frappe.db.escape(user)}"


def round_conditions(user=None, doctype=None) -> str:
	user = _user(user)
	if sees_all(user, READ_ALL[ROUND]):
		return ""
	# a pupil monitor's rounds also list for the teacher the duty roster names to confirm them
	return (
		f"(`tabInspection Round`.`owner` = {frappe.db.escape(user)}"
		f" or {duty_roster.confirmed_rounds_sql(user)})"
	)


def red_flag_conditions(user=None, doctype=None) -> str:
	"""A class's weekly standing (its average and rank among the others) is the office's; teachers
	read their own classes' rows (the published flags of all classes are in the reports)."""
	user = _user(user)
	if sees_all(user, READ_ALL[RED_FLAG]):
		return ""
	return _in_list("`tabRed Flag Award`.`class_record`", own_classes(user))


def consequence_conditions(user=None, doctype=None) -> str:
	"""What an approved grade brought: the office's and the principal's to read, and the teacher's own."""
	user = _user(user)
	if sees_all(user, READ_ALL[CONSEQUENCE]):
		return ""
	return f"`tabAppraisal Consequence`.`teacher` = {frappe.db.escape(user)}"


def activity_conditions(user=None, doctype=None) -> str:
	"""A teacher lists their own activities and those recorded for their own classes."""
	user = _user(user)
	if sees_all(user, READ_ALL[ACTIVITY]):
		return ""
	return (
		f"(`tabAppraisal Activity`.`person` = {frappe.db.escape(user)}"
		f" or {_in_list('`tabAppraisal Activity`.`class_record`', own_classes(user))}"
		f" or `tabAppraisal Activity`.`studio` in ({hosted_studios_sql(user)}))"
	)


# ------------------------------------------------------------ studios (名班主任工作室)
# A studio's people are its memberships (Studio Membership: studio, member, role, from, to). Anyone
# who holds or held a place in a studio reads the studio, its memberships and its activities; its
# Hosts and Deputy Hosts on post today manage its activities and read and confirm its members'
# outputs (Appraisal Activity with the studio); nobody else sees a studio's records.


def studio_places(user=None) -> list[frappe._dict]:
	"""The user's places in studios, past, present and future."""
	return roster.studio_places(_user(user))


def member_studios(user=None) -> set[str]:
	"""The studios the user belongs or belonged to, in any role: they read its records."""
	return {p.studio for p in studio_places(user)}


def hosted_studios(user=None, day=None, roles=HOSTS) -> set[str]:
	"""The studios the user hosts (as Host or Deputy Host) on the day, today if none."""
	return roster.hosted_studios(_user(user), day, roles)


# whether a membership covers a day, and the same in SQL: studios/roster.py
holds_place = roster.holds_place
member_studios_sql = roster.member_studios_sql
hosted_studios_sql = roster.hosted_studios_sql


def studio_conditions(user=None, doctype=None) -> str:
	user = _user(user)
	if sees_all(user, READ_ALL[STUDIO]):
		return ""
	return f"`tabClass Teacher Studio`.`name` in ({member_studios_sql(user)})"


def membership_conditions(user=None, doctype=None) -> str:
	user = _user(user)
	if sees_all(user, READ_ALL[MEMBERSHIP]):
		return ""
	return f"`tabStudio Membership`.`studio` in ({member_studios_sql(user)})"


def studio_activity_conditions(user=None, doctype=None) -> str:
	user = _user(user)
	if sees_all(user, READ_ALL[STUDIO_ACTIVITY]):
		return ""
	return f"`tabStudio Activity`.`studio` in ({member_studios_sql(user)})"


def exit_request_conditions(user=None, doctype=None) -> str:
	"""A member's own requests, and those of the studios the user hosts."""
	user = _user(user)
	if sees_all(user, READ_ALL[EXIT_REQUEST]):
		return ""
	return (
		f"(`tabStudio Exit Request`.`member` = {frappe.db.escape(user)}"
		f" or `tabStudio Exit Request`.`studio` in ({hosted_studios_sql(user)}))"
	)


def term_review_conditions(user=None, doctype=None) -> str:
	"""A host's term reviews: the reviewer, the member reviewed and the studio's hosts read them."""
	user = _user(user)
	if sees_all(user, READ_ALL[TERM_REVIEW]):
		return ""
	t = "`tabStudio Term Review`"
	return (
		f"({t}.`reviewer` = {frappe.db.escape(user)} or {t}.`member` = {frappe.db.escape(user)}"
		f" or {_in_list(t + '.`studio`', hosted_studios(user))})"
	)


def studio_assessment_conditions(user=None, doctype=None) -> str:
	"""A member reads their own assessments, a host those of their studio."""
	user = _user(user)
	if sees_all(user, READ_ALL[STUDIO_ASSESSMENT]):
		return ""
	t = "`tabStudio Assessment`"
	return f"({t}.`member` = {frappe.db.escape(user)} or {_in_list(t + '.`studio`', hosted_studios(user))})"


PARENT_CONDITIONS = {
	INSPECTION: inspection_conditions,
	APPRAISAL: appraisal_conditions,
	RATING: rating_conditions,
	APPEAL: appeal_conditions,
	ROUND: round_conditions,
	RED_FLAG: red_flag_conditions,
	ACTIVITY: activity_conditions,
	BALLOT_TALLY: lambda user=None, doctype=None: "",  # read by role: the office and the principal
	CLASS_RECORD: lambda user=None, doctype=None: "",  # read by role: every role of the app
	DUTY_ROSTER: lambda user=None, doctype=None: "",  # read by role: the staff, not pupil monitors
	CONSEQUENCE: consequence_conditions,
	STUDIO: studio_conditions,
	MEMBERSHIP: membership_conditions,
	STUDIO_ACTIVITY: studio_activity_conditions,
	EXIT_REQUEST: exit_request_conditions,
	TERM_REVIEW: term_review_conditions,
	STUDIO_ASSESSMENT: studio_assessment_conditions,
}

# Child tables of the parents above: their rows are listed only under a parent the user may read
# (Frappe checks a child table's list against the parent's role permissions only).
CHILD_PARENTS = {
	"Inspection Incident": (INSPECTION,),
	"Inspection Photo": (INSPECTION,),
	"Class Teacher Appraisal Line": (APPRAISAL, STUDIO_ASSESSMENT),
	"Class Teacher Appraisal Section": (APPRAISAL, STUDIO_ASSESSMENT),
	"Appraisal Achievement": (APPRAISAL,),
	"Appraisal Veto Case": (APPRAISAL,),
	"Appraisal Part Confirmation": (APPRAISAL,),
	"Appraisal Rating Score": (RATING,),
	"Appraisal Appeal Line": (APPEAL,),
	"Inspection Round Entry": (ROUND,),
	"Appraisal Ballot Count": (BALLOT_TALLY,),
	"Class Teacher Assignment": (CLASS_RECORD,),
	"Studio Attendance": (STUDIO_ACTIVITY,),
	"Duty Roster Assignment": (DUTY_ROSTER,),
}


def child_conditions(user=None, doctype=None) -> str:
	"""A child row is listed only if its parent is one the user may list."""
	user = _user(user)
	parents = CHILD_PARENTS.get(doctype or "", ())
	if not parents:
		return "1=0"
	table = f"`tab{doctype}`"
	clauses = []
	for parent in parents:
		condition = with_school(PARENT_CONDITIONS[parent](user), parent, user)
		clause = f"{table}.`parenttype` = {frappe.db.escape(parent)}"
		if condition:
			clause += (
				f" and {table}.`parent` in (select `tab{parent}`.`name` from `tab{parent}` where {condition})"
			)
		clauses.append(f"({clause})")
	return "(" + " or ".join(clauses) + ")"


def file_conditions(user=None, doctype=None) -> str:
	"""Files attached to the app's records are listed only to those who may read the record
	(Frappe lists any private file of a doctype the user can read at all)."""
	user = _user(user)
	if user == "Administrator":
		return ""
	clauses = []
	for parent, condition in PARENT_CONDITIONS.items():
		condition = with_school(condition(user), parent, user)
		if not condition:
			continue
		clauses.append(
			f"(`tabFile`.`attached_to_doctype` = {frappe.db.escape(parent)} and `tabFile`.`owner` != "
			f"{frappe.db.escape(user)} and `tabFile`.`attached_to_name` not in "
			f"(select `tab{parent}`.`name` from `tab{parent}` where {condition}))"
		)
	if not clauses:
		return ""
	return "not (" + " or ".join(clauses) + ")"


# ------------------------------------------------------------ single documents


def school_first(rule):
	"""One has_permission hook per DocType, asking the user's schools first, then the DocType's own
	rule, and always answering True or False: Frappe combines several hooks differently by major
	(15: the last hook that answers decides, so one hook's True passes over the others; 16: every
	hook must answer yes, None denies), so each DocType registers this one."""

	def checked(doc, ptype=None, user=None):
		if school_permission(doc, ptype, user) is False:
			return False
		return bool(rule(doc, ptype, user))

	checked.__name__, checked.__doc__, checked.__wrapped__ = rule.__name__, rule.__doc__, rule
	return checked


@school_first
def school_record_permission(doc, ptype=None, user=None) -> bool:
	"""Classes, periods and duty rosters: their role permissions, within the user's schools."""
	return True


@school_first
def inspection_permission(doc, ptype=None, user=None) -> bool:
	user = _user(user)
	if is_administrator(user):
		return True
	row = stored(
		doc, ["class_record", "owner", "inspector", "docstatus", "inspection_date", "inspection_item"]
	)
	roles = roles_of(user)
	own = own_classes(user)
	if ptype in READ_TYPES or ptype is None:
		return (
			bool(READ_ALL[INSPECTION] & roles)
			or row.class_record in own
			or (row.in_db and user in (row.owner, row.inspector))
			or (row.in_db and served_on(user, row.class_record, row.inspection_date))
		)
	# nobody records or changes inspections of their own class, nor moves one onto it
	if row.class_record in own or doc.class_record in own:
		if frappe.flags.in_import:  # Data Import logs the refused row with this reason
			frappe.msgprint(
				_("{0} is your own class: nobody inspects their own class.").format(
					text(doc.class_record or row.class_record)
				),
				title=_("Not Permitted"),
			)
		return False
	if OFFICE in roles:
		return True
	# an inspector changes only what they recorded themselves
	if not row.in_db or row.owner == user or row.inspector == user:
		return True
	# … and the teacher the duty roster names confirms (changes and submits) a pupil monitor's drafts
	return (
		ptype in ("write", "submit")
		and not row.docstatus
		and duty_roster.confirms(
			user, row.inspector, row.inspection_date, row.inspection_item, row.class_record
		)
	)


@school_first
def round_permission(doc, ptype=None, user=None) -> bool:
	user = _user(user)
	if is_administrator(user) or OFFICE in roles_of(user):
		return True
	row = stored(doc, ["owner", "inspector", "inspection_date", "inspection_item", "docstatus"])
	if not row.in_db or row.owner == user:
		return True
	reading = ptype in READ_TYPES or ptype is None
	if reading and sees_all(user, READ_ALL[ROUND]):
		return True
	if not reading and (ptype not in ("write", "submit") or row.docstatus):
		return False
	# a pupil monitor's round: the teacher the duty roster names to confirm it reads, changes and
	# submits it (the round's checks hold every class to that teacher's rows)
	return duty_roster.confirms(user, row.inspector, row.inspection_date, row.inspection_item)


@school_first
def red_flag_permission(doc, ptype=None, user=None) -> bool:
	user = _user(user)
	if sees_all(user, READ_ALL[RED_FLAG]):
		return True
	return stored(doc, ["class_record"]).class_record in own_classes(user)


@school_first
def consequence_permission(doc, ptype=None, user=None) -> bool:
	"""Recorded by the server on approval: read by the office, the principal and the teacher; no
	role changes one (only the System Manager may delete)."""
	user = _user(user)
	if is_administrator(user):
		return True
	if ptype not in READ_TYPES and ptype is not None:
		return False
	return sees_all(user, READ_ALL[CONSEQUENCE]) or stored(doc, ["teacher"]).teacher == user


@school_first
def appraisal_permission(doc, ptype=None, user=None) -> bool:
	user = _user(user)
	if user == "Administrator":
		return True
	row = stored(doc, ["class_teacher", "class_record", "docstatus", "workflow_state"])
	if not row.in_db:  # a new appraisal's teacher is its class's, as stored
		row.class_teacher = frappe.db.get_value(CLASS_RECORD, doc.class_record, "class_teacher")
	roles = roles_of(user)
	if ptype in READ_TYPES or ptype is None:
		if READ_ALL[APPRAISAL] & roles or row.class_teacher == user:
			return True
		return INSPECTOR in roles and row.docstatus == 0 and row.workflow_state == DRAFT
	# nobody changes, forwards, approves or cancels an appraisal about their own class
	if is_about(user, row.class_teacher, row.class_record):
		return False
	if ptype == "share":
		return bool({OFFICE, SYSTEM_MANAGER} & roles)
	return True


@school_first
def rating_permission(doc, ptype=None, user=None) -> bool:
	user = _user(user)
	if user == "Administrator":
		return True
	row = stored(doc, ["rater", "appraisal"])
	roles = roles_of(user)
	if ptype in READ_TYPES or ptype is None:
		return bool(READ_ALL[RATING] & roles) or row.rater == user
	if appraisal_is_about(user, row.appraisal):
		return False
	if {OFFICE, SYSTEM_MANAGER} & roles and ptype in ("cancel", "delete", "amend"):
		return True
	# a rating is the rater's own: nobody else writes or submits it
	return not row.in_db or row.rater == user


@school_first
def ballot_tally_permission(doc, ptype=None, user=None) -> bool:
	"""The office counts paper ballots, never for its own class."""
	user = _user(user)
	if user == "Administrator" or ptype in READ_TYPES or ptype is None:
		return True  # who reads at all is the DocPerms' (the office and the principal)
	return not appraisal_is_about(user, stored(doc, ["appraisal"]).appraisal)


@school_first
def appeal_permission(doc, ptype=None, user=None) -> bool:
	user = _user(user)
	if user == "Administrator":
		return True
	row = stored(doc, ["class_teacher", "appraisal"])
	if not row.in_db:
		# the appeal's teacher is the appraisal's, as stored
		row.class_teacher = (
			frappe.db.get_value(APPRAISAL, doc.appraisal, "class_teacher") if doc.appraisal else None
		)
	roles = roles_of(user)
	if ptype in READ_TYPES or ptype is None:
		return bool(READ_ALL[APPEAL] & roles) or row.class_teacher == user
	if row.class_teacher == user:
		return True  # the teacher writes their own appeal; the controller keeps the decision to the office
	if appraisal_is_about(user, row.appraisal):
		return False
	return bool({OFFICE, SYSTEM_MANAGER} & roles)


@school_first
def activity_permission(doc, ptype=None, user=None) -> bool:
	"""A class teacher records and changes their own activities, for no class or their own classes;
	the office confirms (submits) them, never its own: only confirmed ones count towards quotas.
	A studio member's outputs (with the studio) are also read and confirmed by the studio's hosts
	on post, never their own."""
	user = _user(user)
	if user == "Administrator":
		return True
	row = stored(doc, ["person", "class_record", "docstatus", "studio"])
	own = set(own_classes(user))
	if ptype in READ_TYPES or ptype is None:
		return (
			sees_all(user, READ_ALL[ACTIVITY])
			or row.person == user
			or row.class_record in own
			or bool(row.studio and row.studio in hosted_studios(user))
		)
	# as stored and as sent: nobody moves a record onto or off themselves or their class
	people = {row.person, doc.person}
	classes = {c for c in (row.class_record, doc.class_record) if c}
	mine = user in people or bool(classes & own)
	confirming = ptype == "submit" or (ptype == "write" and doc.docstatus == 1 and not row.docstatus)
	if confirming:  # Frappe checks "write" too when it submits
		hosts_it = bool(row.studio) and row.studio == doc.studio and row.studio in hosted_studios(user)
		return not mine and (is_office(user) or hosts_it)
	if ptype in ("cancel", "amend"):
		return not mine  # the DocPerms keep these to the office
	if ptype == "share" or is_office(user):
		return is_office(user)
	if ptype == "delete" and row.docstatus:
		return False  # a cancelled record stays on file for the office
	return people == {user} and classes <= own


def studio_permission(doc, ptype=None, user=None) -> bool:
	"""A studio is read by its people (any role, also after they left), the office and the
	principal; set up by the office only (DocPerms)."""
	user = _user(user)
	if user == "Administrator":
		return True
	if ptype in READ_TYPES or ptype is None:
		return sees_all(user, READ_ALL[STUDIO]) or stored(doc, ["name"]).name in member_studios(user)
	return is_office(user)


def membership_permission(doc, ptype=None, user=None) -> bool:
	"""A studio's memberships are read by its people; the office admits, rotates and ends them
	(an approved exit request ends one on the server)."""
	user = _user(user)
	if user == "Administrator":
		return True
	if ptype in READ_TYPES or ptype is None:
		return sees_all(user, READ_ALL[MEMBERSHIP]) or stored(doc, ["studio"]).studio in member_studios(user)
	return is_office(user)


def studio_activity_permission(doc, ptype=None, user=None) -> bool:
	"""A studio's activities are read by its people and recorded, changed, submitted and cancelled
	by its hosts on post (the studio as stored and as sent) and the office."""
	user = _user(user)
	if user == "Administrator":
		return True
	row = stored(doc, ["studio"])
	if ptype in READ_TYPES or ptype is None:
		return sees_all(user, READ_ALL[STUDIO_ACTIVITY]) or row.studio in member_studios(user)
	if is_office(user):
		return True
	if ptype == "share":
		return False
	hosted = hosted_studios(user)
	return row.studio in hosted and (doc.studio or row.studio) in hosted


def exit_request_permission(doc, ptype=None, user=None) -> bool:
	"""A member asks to leave their own studio; the studio's Host approves or rejects it, then the
	school's leadership (Principal); nobody decides on their own request."""
	user = _user(user)
	if user == "Administrator":
		return True
	row = stored(doc, ["member", "studio", "membership", "workflow_state", "docstatus"])
	if not row.in_db:  # a new request's member and studio are its membership's, as stored
		place = frappe.db.get_value(MEMBERSHIP, doc.membership, ["member", "studio"], as_dict=True)
		row.member, row.studio = (place.member, place.studio) if place else (None, None)
	roles = roles_of(user)
	if ptype in READ_TYPES or ptype is None:
		return (
			sees_all(user, READ_ALL[EXIT_REQUEST]) or row.member == user or row.studio in hosted_studios(user)
		)
	if ptype == "create":
		return row.member == user and doc.member in (None, "", user)
	requested = not row.docstatus and (row.workflow_state or EXIT_REQUESTED) == EXIT_REQUESTED
	if row.member == user or doc.member == user:
		return ptype in ("write", "delete") and requested
	if ptype in ("write", "submit"):
		if requested:
			return row.studio in hosted_studios(user, roles=(HOST,))
		return not row.docstatus and row.workflow_state == EXIT_HOST_APPROVED and PRINCIPAL in roles
	return False


def term_review_permission(doc, ptype=None, user=None) -> bool:
	"""The host grades their own studio's members, never themselves; the reviewer alone changes a
	review (the controller checks that they host the studio at the term's end)."""
	user = _user(user)
	if user == "Administrator":
		return True
	row = stored(doc, ["studio", "member", "reviewer"])
	if ptype in READ_TYPES or ptype is None:
		return (
			sees_all(user, READ_ALL[TERM_REVIEW])
			or user in (row.member, row.reviewer)
			or row.studio in hosted_studios(user)
		)
	if user in (row.member, doc.member):
		return False
	if ptype == "share":
		return is_office(user)
	if row.in_db:
		return row.reviewer == user
	return doc.studio in hosted_studios(user, roles=(HOST,)) or is_administrator(user)


def studio_assessment_permission(doc, ptype=None, user=None) -> bool:
	"""A member reads their own; the studio's host reads its members' and enters their drafts, never
	their own (the office enters the host's); the leadership approves, never their own."""
	user = _user(user)
	if user == "Administrator":
		return True
	row = stored(doc, ["studio", "member"])
	if ptype in READ_TYPES or ptype is None:
		return (
			sees_all(user, READ_ALL[STUDIO_ASSESSMENT])
			or row.member == user
			or row.studio in hosted_studios(user)
		)
	# nobody changes, approves or cancels an assessment about themselves, nor moves one onto themselves
	if user in (row.member, doc.member):
		return False
	if ptype == "share":
		return is_office(user)
	roles = roles_of(user)
	if is_office(user) or PRINCIPAL in roles:
		return True  # what each may do is the DocPerms' and the workflow's
	hosts = hosted_studios(user, roles=(HOST,))
	return ptype == "write" and row.in_db and row.studio in hosts and doc.studio == row.studio


def set_inspector(doc):
	"""An inspection's (or round's) inspector is whoever records it; the office and the administrator
	may record one for a named inspector. It never changes afterwards."""
	user = frappe.session.user
	if not doc.is_new():
		doc.inspector = frappe.db.get_value(doc.doctype, doc.name, "inspector") or doc.inspector
	elif not (user == "Administrator" or {OFFICE, SYSTEM_MANAGER} & roles_of(user)):
		doc.inspector = user
	elif not doc.inspector:
		doc.inspector = user


ATTACH_TYPES = ("Attach", "Attach Image")


def attached_urls(doc) -> set[str]:
	"""The file URLs in a document's attach fields and its rows'."""
	urls = {doc.get(df.fieldname) for df in doc.meta.get("fields", {"fieldtype": ["in", ATTACH_TYPES]})}
	for table in doc.meta.get_table_fields():
		fields = [
			df.fieldname
			for df in frappe.get_meta(table.options).get("fields", {"fieldtype": ["in", ATTACH_TYPES]})
		]
		for row in doc.get(table.fieldname) or []:
			urls.update(row.get(f) for f in fields)
	return {u for u in urls if u}


def check_attachments(doc):
	"""A private file can be named in a record only by someone who may read it: Frappe attaches the
	file of any URL put in an attach field to the record on save (attach_files_to_document), which
	would hand a colleague's private file (a pupil's photo, appeal evidence) to whoever names it."""
	user = frappe.session.user
	if user == "Administrator":
		return
	before = doc.get_doc_before_save() if not doc.is_new() else None
	known = attached_urls(before) if before else set()
	for url in attached_urls(doc) - known:
		if not url.startswith("/private/files/"):
			continue
		files = frappe.get_all(
			"File",
			filters={"file_url": url},
			fields=["name", "owner", "attached_to_doctype", "attached_to_name"],
		)
		readable = any(
			f.owner == user
			or (f.attached_to_doctype == doc.doctype and f.attached_to_name == doc.name)
			or frappe.has_permission("File", "read", frappe.get_doc("File", f.name), user=user)
			for f in files
		)
		if not readable:
			frappe.throw(
				frappe._("{0} is not a file you uploaded or may read.").format(frappe.utils.escape_html(url)),
				title=frappe._("Not Allowed"),
				exc=frappe.PermissionError,
			)


def visible_classes(user=None) -> list[str] | None:
	"""The classes whose inspections a user may read: None means every class (used by reports
	whose grouped queries cannot go through frappe.get_list)."""
	user = _user(user)
	if not sees_all(user):
		return own_classes(user)
	condition = school_condition(CLASS_RECORD, user, "school")
	if not condition:
		return None
	# a county site: every class of the user's schools
	# nosemgrep: frappe-using-db-sql — the school condition is built from escaped values (school_condition)
	return [r[0] for r in frappe.db.sql(f"select name from `tabClass Record` where {condition}")]


# ------------------------------------------------------------ schools (a county on one site)
# Classes, periods and what hangs off them carry a school (county/schools.py). Frappe's User
# Permissions (Allow: Appraisal School) keep a school's people to their school in lists, link search,
# reports on get_list and for the document as sent; the hooks below make it hold for what the
# database holds (school_permission, ahead of each DocType's own rule) and beside each DocType's own
# list conditions (school_conditions), and with_school adds it to the app's own SQL over them. A user
# kept to no school (the bureau, everyone on a site of one school) is not restricted here at all.


def school_condition(doctype: str, user=None, column: str | None = None) -> str:
	"""SQL keeping a query over a DocType with a school to the user's schools; "" when the user is
	kept to none. Like Frappe's own condition, a record without a school is everyone's unless the
	site applies strict user permissions."""
	from class_teacher_appraisal.county import schools

	if doctype not in schools.DOCTYPES:
		return ""
	allowed = schools.user_schools(_user(user), doctype)
	if allowed is None:
		return ""
	column = f"`tab{doctype}`.`school`" if column is None else column
	condition = _in_list(column, allowed)
	return condition if schools.strict() else f"({condition} or ifnull({column}, '') = '')"


def with_school(condition: str, doctype: str, user=None) -> str:
	"""A DocType's own list condition and the user's schools, both."""
	school = school_condition(doctype, user)
	return " and ".join(f"({c})" for c in (condition, school) if c) if school else condition


def school_conditions(user=None, doctype=None) -> str:
	"""permission_query_conditions hook of every DocType with a school, beside its own."""
	return school_condition(doctype or "", user)


def shared_setup_permission(doc, ptype=None, user=None) -> bool:
	"""has_permission hook of county-wide set-up (items, activity kinds, rubrics, settings)."""
	return school_permission(doc, ptype, user) is not False


def school_permission(doc, ptype=None, user=None) -> bool | None:
	"""Asked before each DocType's own rule (school_first): a record of another school is neither
	read nor changed (its school as stored, and for a change also the school the server gives it
	from what is sent: a request cannot move a record into or out of the user's school); a user kept
	to a school changes no county-wide set-up. None leaves the decision to the other rules."""
	from class_teacher_appraisal.county import schools

	user = _user(user)
	# Frappe 16 asks a Single's hooks with no document, by the DocType's name
	doctype = doc if isinstance(doc, str) else doc.doctype
	if user == "Administrator" or schools.user_schools(user, doctype) is None:
		return None
	reading = ptype in READ_TYPES or ptype is None
	if doctype in schools.SHARED:
		return None if reading else False
	row = stored(doc, ["school"])
	if row.in_db and not schools.allowed(row.school, user, doc.doctype):
		return False
	if reading:
		return None
	if not all(schools.allowed(s, user, doc.doctype) for s in schools.sent_schools(doc)):
		return False
	return None
