"""The annual Studio Assessment (seed 004, 工作室考核制度): one per member of a studio and school year,
scored against the studio's charter by the scoring core from the member's evidence (their confirmed
records, their attendance at the studio's activities, the studio's own activities) and the host's
hand-scored lines. Like a class teacher appraisal, it is scored again on every save from what the
database holds; a request changes only the hand-entered points and adjustments (while a draft), and
the return reason.

Who is assessed: whoever holds a place in the studio on the year's last day as Member, Deputy Host or
Host (the host's own assessment is the office's); Trainees are not assessed, nor is anyone whose place
ended before the year's end (they left or were rotated out). A member who joined during the year is
assessed on their own days (Assessed From): each member's evidence is read on the days of their places
in the studio within the year. One assessment per studio, member and year (a person may be in two
studios).

On approval the grade has consequences: the charter's consequence rules (优秀 → 推荐参评各级优秀班主任, on
the teacher's history and in the ranking's honours column), and the charter's lowest grade (不合格)
ends the membership at the year's end (rotated out: a place opens; a place that starts after the
year's end ends before it begins). Approval is never by whoever submitted the assessment for approval.
Cancelling undoes both, from the stored record only (a cancelling request writes nothing), through
the memberships' own checks: if the place cannot be given back (it was filled meanwhile), the
cancellation is refused."""

import json

import frappe
from frappe import _
from frappe.model import no_value_fields, table_fields
from frappe.utils import add_days, escape_html, flt, format_date, get_fullname, getdate, now_datetime

from class_teacher_appraisal import adapters, results, scored_lines
from class_teacher_appraisal.evidence import entered_points, member_evidence
from class_teacher_appraisal.html_text import text
from class_teacher_appraisal.names import (
	APPROVED,
	CANCELLED,
	CONSEQUENCE,
	DEPUTY_HOST,
	DRAFT,
	HOST,
	LEADERSHIP_APPROVAL,
	MEMBER,
	MEMBERSHIP,
	PERIOD,
	PRINCIPAL,
	RUBRIC,
	STUDIO,
	STUDIO_ASSESSMENT,
)
from class_teacher_appraisal.permissions import hosted_studios, is_office
from class_teacher_appraisal.scoring import D, ManualInput, score_period
from class_teacher_appraisal.studios import charters, roster, term_reviews
from class_teacher_appraisal.validation import check_appraisal_numbers, require_post, required

# What identifies an assessment: set on creation, never changed afterwards.
FIXED_FIELDS = ("studio", "member", "appraisal_period", "rubric", "amended_from")
# What the server decides: taken from the database on every save, never from a request.
COMPUTED_FIELDS = (
	"total_score", "grade", "pending_questions", "computed_on", "approved_on", "term_reviews",
	"outcome", "rotation", "member_role", "academic_year", "member_name", "submitted_by", "assessed_from",
)  # fmt: skip
# Who is assessed, by their role on the year's last day (the host's own assessment is the office's).
ASSESSED_ROLES = (MEMBER, DEPUTY_HOST, HOST)
ROTATED_OUT = "Rotated Out"
ROTATION_REASON = "年度考核不合格"  # the seed's words, stored as the membership's reason


# ------------------------------------------------------------------ validate


def validate(doc):
	check_appraisal_numbers(doc)
	if doc.is_new():
		take_server_values(doc)
	else:
		keep_stored_values(doc)
		check_changed_inputs(doc)
	validate_unique(doc)
	validate_inputs(doc)
	evidence, doc.flags.evidence = doc.flags.evidence, None  # the generation's set-based read
	score(doc, evidence)
	doc.term_reviews = term_review_summary(doc)
	doc.title = f"{doc.member_name or doc.member} · {doc.appraisal_period}"
	validate_transition(doc)


def year_of(period_name: str) -> frappe._dict:
	period = frappe.db.get_value(
		PERIOD,
		period_name,
		["name", "period_type", "start_date", "end_date", "academic_year"],
		as_dict=True,
	)
	if not period:
		frappe.throw(_("Appraisal period {0} does not exist.").format(text(period_name)))
	if period.period_type != "Year":
		frappe.throw(
			_("A studio assessment is made for a school year; {0} is a {1}.").format(
				text(period.name), _(period.period_type)
			),
			title=_("Not a Year"),
		)
	return period


def take_server_values(doc):
	"""On creation: the charter is the studio's (a rubric for studio members), the member one of
	the studio during the year; everything scoring decides starts empty."""
	period = year_of(doc.appraisal_period)
	charter = frappe.db.get_value(STUDIO, doc.studio, "charter")
	charters.check_charter(charter, doc.studio)
	doc.rubric = charter
	places = roster.memberships_during(doc.studio, period.start_date, period.end_date, doc.member)
	check_assessed(doc, period, places)
	for field in COMPUTED_FIELDS:
		doc.set(field, None)
	doc.member_role = places[0].role
	doc.member_name = frappe.db.get_value("User", doc.member, "full_name") or places[0].member_name
	doc.academic_year = period.academic_year
	doc.assessed_from = assessed_from(places, period)
	doc.set("sections", [])
	# hand-entered points sent with a new assessment are kept by criterion; the rest is scored
	doc.set(
		"lines",
		[
			{f: row.get(f) for f in ("criterion_code", *results.LINE_INPUT_FIELDS)}
			for row in doc.lines
			if row.criterion_code
		],
	)


def is_assessed(place, period) -> bool:
	"""Whether a member's latest place in the year (roster.memberships_during) is assessed."""
	return place.role in ASSESSED_ROLES and roster.covers(place, period.end_date)


def assessed_from(places, period):
	"""The first day of the member's places in the studio within the year."""
	return max(getdate(period.start_date), min(getdate(p.from_date) for p in places))


def check_assessed(doc, period, places):
	"""The member holds a place in the studio on the year's last day, in a role that is assessed."""
	name = text(doc.member_name or get_fullname(doc.member))
	if not places:
		frappe.throw(
			_("{0} was not a member of studio {1} during {2}.").format(
				name, text(doc.studio), text(period.name)
			),
			title=_("Not a Member"),
		)
	latest = places[0]
	if not roster.covers(latest, period.end_date):
		frappe.throw(
			_(
				"{0}'s place in studio {1} ended on {2}, before the end of {3}: only those who hold a place at the year's end are assessed."
			).format(name, text(doc.studio), format_date(latest.to_date), text(period.name)),
			title=_("Not Assessed"),
		)
	if latest.role not in ASSESSED_ROLES:
		frappe.throw(
			_("{0} is a {1} of studio {2}: only members, deputy hosts and hosts are assessed.").format(
				name, _(latest.role), text(doc.studio)
			),
			title=_("Not Assessed"),
		)


def keep_stored_values(doc):
	scored_lines.keep_stored_values(
		doc,
		FIXED_FIELDS,
		COMPUTED_FIELDS,
		_("The {0} of a studio assessment cannot be changed."),
		_("The lines of a studio assessment come from its charter; they cannot be added or removed."),
	)


def _inputs(d) -> dict:
	return {
		row.criterion_code: tuple(results._normal(row.get(f)) for f in results.LINE_INPUT_FIELDS)
		for row in d.lines
	}


def may_enter(doc, user=None) -> bool:
	"""Who enters the hand-scored lines: the studio's host, never their own assessment (the host's
	own is the office's); the office supervises."""
	user = user or frappe.session.user
	if user == doc.member:
		return False
	if is_office(user):
		return True
	return doc.studio in hosted_studios(user, roles=(HOST,))


def check_changed_inputs(doc):
	"""Hand-scored points and adjustments are the host's (or the office's) while the assessment is
	a draft; a return reason is the leadership's (or the office's)."""
	before = doc.get_doc_before_save()
	user = frappe.session.user
	if _inputs(before) != _inputs(doc):
		if before.docstatus != 0 or (before.workflow_state or DRAFT) != DRAFT:
			frappe.throw(
				_("Hand-scored lines are entered while the assessment is a draft."),
				title=_("Not Allowed"),
				exc=frappe.PermissionError,
			)
		if not may_enter(doc, user):
			frappe.throw(
				_(
					"Only the studio's host enters hand-scored lines, never on their own assessment (the Academic Office enters the host's)."
				),
				title=_("Not Allowed"),
				exc=frappe.PermissionError,
			)
	if results._normal(before.return_reason) != results._normal(doc.return_reason):
		if not (is_office(user) or PRINCIPAL in frappe.get_roles(user)):
			frappe.throw(
				_("Only the leadership returns a studio assessment."),
				title=_("Not Allowed"),
				exc=frappe.PermissionError,
			)


def validate_unique(doc):
	"""One assessment per studio, member and year (checked under the studio's lock)."""
	roster.lock_studio(doc.studio)
	other = frappe.db.get_value(
		STUDIO_ASSESSMENT,
		{
			"studio": doc.studio,
			"member": doc.member,
			"appraisal_period": doc.appraisal_period,
			"docstatus": ["<", 2],
			"name": ["!=", doc.name or ""],
		},
		"name",
	)
	if other:
		frappe.throw(
			_("{0} already has an assessment of studio {1} for {2}: {3}.").format(
				text(doc.member_name or doc.member), text(doc.studio), text(doc.appraisal_period), text(other)
			),
			title=_("Duplicate Assessment"),
			exc=frappe.DuplicateEntryError,
		)


def validate_inputs(doc):
	"""Hand-entered points within the line, only on hand-scored lines; an adjustment says why."""
	kinds = {c.criterion_code: c for c in frappe.get_cached_doc(RUBRIC, doc.rubric).criteria}
	for row in doc.lines:
		c = kinds.get(row.criterion_code)
		if c is None:
			frappe.throw(
				_("{0} is not a criterion of the charter {1}.").format(
					text(row.criterion_code), text(doc.rubric)
				)
			)
		label = f"{c.criterion_code} {c.criterion_title or ''}".strip()
		scored_lines.check_line_inputs(row, label, c.rule_kind, c.max_points)


# ------------------------------------------------------------------ scoring


def score(doc, evidence=None):
	"""Scores the assessment from the member's evidence (read now, or given by the generation's
	set-based read) and the hand inputs on its lines."""
	rubric_doc = frappe.get_cached_doc(RUBRIC, doc.rubric)
	rubric = adapters.to_rubric(rubric_doc)
	if evidence is None:
		period = year_of(doc.appraisal_period)
		evidence = member_evidence(
			period, rubric_doc, {doc.member: doc.studio}, {doc.member: doc.member_name}
		)[doc.member]
	evidence.manual.clear()
	for row in doc.lines:
		manual = entered_points(frappe._dict(row.as_dict(), rule_kind=_kind(rubric, row.criterion_code)))
		if manual is not None or flt(row.adjustment):
			evidence.manual[row.criterion_code] = ManualInput(
				manual, D(row.adjustment), row.adjustment_reason or ""
			)
	(result,) = score_period(rubric, {}, [evidence])
	values = [{**results.line_values(ln), **results.computed_values(ln)} for ln in result.lines]
	if [row.criterion_code for row in doc.lines] == [ln.code for ln in result.lines]:
		for row, line in zip(doc.lines, values, strict=True):
			row.update(line)  # in place: the history shows changed points, not replaced rows
	else:
		doc.set("lines", values)
	sections = [results.section_values(s) for s in result.sections]
	if [row.section_code for row in doc.sections] == [s["section_code"] for s in sections]:
		for row, values in zip(doc.sections, sections, strict=True):
			row.update(values)
	else:
		doc.set("sections", sections)
	doc.total_score = result.total
	doc.grade = result.grade
	doc.pending_questions = sum(1 for ln in result.lines if ln.needs_input)
	doc.computed_on = now_datetime()


def _kind(rubric, code: str) -> str:
	return next((c.kind for c in rubric.criteria if c.code == code), "")


def term_review_summary(doc) -> str | None:
	"""The host's grades of the year's terms (submitted Studio Term Reviews), for context."""
	period = frappe.db.get_value(PERIOD, doc.appraisal_period, ["start_date", "end_date"], as_dict=True)
	lines = []
	for r in term_reviews.reviews_of_year(doc.studio, doc.member, period.start_date, period.end_date):
		line = f"{r.appraisal_period}: {r.overall_grade}"
		if r.outstanding_member:
			line += f" ({_('Outstanding Studio Member')})"
		lines.append(line)
	return "\n".join(lines) or None


# ------------------------------------------------------------------ workflow


def validate_transition(doc):
	before = doc.get_doc_before_save() if not doc.is_new() else None
	previous, state = (before.workflow_state if before else None), doc.workflow_state
	if not previous or previous == state:
		return
	user = frappe.session.user
	if state == LEADERSHIP_APPROVAL:
		if not may_enter(doc, user):
			frappe.throw(
				_("Only the studio's host (or the Academic Office) submits an assessment for approval."),
				title=_("Not Allowed"),
				exc=frappe.PermissionError,
			)
		if doc.pending_questions:
			frappe.throw(
				_("Enter every hand-scored line first ({0} open).").format(doc.pending_questions),
				title=_("Open Questions"),
			)
		doc.return_reason = None
		doc.submitted_by = user
	elif state == DRAFT and previous == LEADERSHIP_APPROVAL:
		if not (doc.return_reason or "").strip():
			frappe.throw(
				_("Say why the assessment is returned."),
				title=_("Reason Required"),
				exc=frappe.MandatoryError,
			)
		doc.add_comment("Workflow", _("Returned: {0}").format(escape_html(doc.return_reason)))
	if state == APPROVED and user == doc.member:
		frappe.throw(
			_("You cannot approve your own assessment."), title=_("Not Allowed"), exc=frappe.PermissionError
		)
	if state == APPROVED and user == doc.submitted_by:
		frappe.throw(
			_("You submitted this assessment for approval; someone else in the leadership approves it."),
			title=_("Not Allowed"),
			exc=frappe.PermissionError,
		)


# ------------------------------------------------------------------ consequences


def on_submit(doc):
	doc.db_set("approved_on", now_datetime(), update_modified=False)
	outcome = record_consequences(doc) + rotate_out(doc)
	doc.db_set("outcome", "\n".join(outcome) or None, update_modified=False)


def lowest_grade(rubric_doc) -> str | None:
	bands = sorted(rubric_doc.grade_bands, key=lambda b: flt(b.min_score))
	return bands[0].grade if bands else None


def record_consequences(doc) -> list[str]:
	"""The charter's consequences of the grade, on the member's history (an Appraisal Consequence)."""
	rubric = frappe.get_cached_doc(RUBRIC, doc.rubric)
	period = frappe.db.get_value(PERIOD, doc.appraisal_period, ["academic_year", "period_type"], as_dict=True)
	said = []
	for rule in rubric.get("consequence_rules") or []:
		if rule.grade != doc.grade or (rule.period_type and rule.period_type != period.period_type):
			continue
		frappe.get_doc(
			{
				"doctype": CONSEQUENCE,
				"teacher": doc.member,
				"consequence": rule.consequence,
				"bars_honours": rule.bars_honours,
				"recommendation": rule.get("recommendation") or 0,
				"grade": doc.grade,
				"academic_year": period.academic_year,
				"studio_assessment": doc.name,
				"studio": doc.studio,
				"appraisal_period": doc.appraisal_period,
				"period_type": period.period_type,
			}
		).insert(ignore_permissions=True)  # the server records them; nobody enters them
		said.append(rule.consequence)
	return said


def rotate_out(doc) -> list[str]:
	"""The charter's lowest grade (不合格): the member's places in the studio end at the year's end
	(rotated out), so that a place opens; a place that starts after the year's end ends the day before
	it begins. Through each membership's own checks (a studio keeps a host: a host is rotated out only
	once the next host is entered); what each was is kept for a cancellation."""
	rubric = frappe.get_cached_doc(RUBRIC, doc.rubric)
	if not doc.grade or doc.grade != lowest_grade(rubric):
		return []
	end = getdate(frappe.db.get_value(PERIOD, doc.appraisal_period, "end_date"))
	ended = []
	for place in frappe.get_all(
		MEMBERSHIP,
		filters={"studio": doc.studio, "member": doc.member},
		fields=["name", "from_date", "to_date", "status", "reason"],
		order_by="from_date asc",
	):
		start = getdate(place.from_date)
		if roster.end_of(place) < max(start, end):
			continue  # it ends before the year does (or never began)
		last = end if start <= end else add_days(start, -1)
		ended.append(
			{
				"name": place.name,
				"to_date": str(place.to_date) if place.to_date else None,
				"status": place.status,
				"reason": place.reason,
			}
		)
		change_place(
			doc,
			place.name,
			{"to_date": last, "status": ROTATED_OUT, "reason": ROTATION_REASON},
			_("Rotated out on {0} by studio assessment {1}.").format(format_date(last), doc.name),
			_("{0} cannot be approved: {1} cannot be rotated out of studio {2}: {3}"),
		)
	if not ended:
		return []
	doc.db_set("rotation", json.dumps(ended), update_modified=False)
	return [_("Rotated out of the studio on {0}: {1}; a place opens.").format(end, ROTATION_REASON)]


def change_place(doc, name: str, values: dict, comment: str, refusal: str):
	"""Changes a membership through its own checks (limits, a studio keeps a host); if they fail, the
	whole action is refused with the reason."""
	if not frappe.db.exists(MEMBERSHIP, name):
		gone = _("membership {0} no longer exists").format(text(name))
		frappe.throw(refusal.format(doc.name, text(doc.member_name or doc.member), text(doc.studio), gone))
	place = frappe.get_doc(MEMBERSHIP, name)
	place.update(values)
	place.flags.ignore_permissions = True  # the approval's or the office's cancellation, checked already
	try:
		place.save()
	except frappe.ValidationError as e:
		frappe.clear_last_message()
		frappe.throw(
			refusal.format(doc.name, text(doc.member_name or doc.member), text(doc.studio), str(e)),
			title=_("Not Allowed"),
		)
	place.add_comment("Info", comment)


def before_cancel(doc):
	"""A cancellation changes nothing but the state: every field and row is the one stored (what a
	cancelling request sends is dropped), so on_cancel undoes only what approval stored."""
	stored = doc.get_doc_before_save() or frappe.get_doc(doc.doctype, doc.name)
	for df in doc.meta.fields:
		if df.fieldtype in table_fields:
			doc.set(df.fieldname, [row.as_dict() for row in stored.get(df.fieldname)])
		elif df.fieldtype not in no_value_fields:
			doc.set(df.fieldname, stored.get(df.fieldname))
	doc.owner = stored.owner
	doc.workflow_state = CANCELLED


def on_cancel(doc):
	"""What the approved grade brought goes with it: the consequences, and a rotation out (each
	place given back as it was, through the membership's checks: refused if the place was filled)."""
	frappe.db.delete(CONSEQUENCE, {"studio_assessment": doc.name})
	for m in json.loads(doc.rotation or "[]"):
		change_place(
			doc,
			m["name"],
			{"to_date": m["to_date"], "status": m["status"], "reason": m["reason"]},
			_("Given back by cancelling studio assessment {0}.").format(doc.name),
			_("{0} cannot be cancelled: {1}'s place in studio {2} cannot be given back as it was: {3}"),
		)
	doc.db_set({"outcome": None, "rotation": None}, update_modified=False)


# ------------------------------------------------------------------ generation


@frappe.whitelist(methods=["POST"])
def generate_studio_assessments(studio: str | None = None, appraisal_period: str | None = None) -> dict:
	"""One draft assessment for each member of the studio who is assessed for the year (see the module's
	docstring) and has none, scored from one read of all their evidence. The office or the studio's
	host generates them."""
	require_post()
	required(studio, _("Studio"))
	required(appraisal_period, _("Appraisal Period"))
	if not frappe.db.exists(STUDIO, studio):
		frappe.throw(_("Studio {0} does not exist.").format(text(studio)))
	frappe.has_permission(STUDIO, "read", studio, throw=True)
	frappe.has_permission(STUDIO_ASSESSMENT, "read", throw=True)
	user = frappe.session.user
	if not (is_office(user) or studio in hosted_studios(user, roles=(HOST,))):
		frappe.throw(
			_("Only the Academic Office or the studio's host generates its assessments."),
			title=_("Not Permitted"),
			exc=frappe.PermissionError,
		)
	period = year_of(appraisal_period)
	charter = frappe.db.get_value(STUDIO, studio, "charter")
	charters.check_charter(charter, studio)
	roster.lock_studio(studio)  # two generations at once: the second sees the first's assessments
	members = {
		m: place
		for m, place in roster.members_during(studio, period.start_date, period.end_date).items()
		if is_assessed(place, period)
	}
	existing = set(
		frappe.get_all(
			STUDIO_ASSESSMENT,
			filters={
				"studio": studio,
				"appraisal_period": period.name,
				"member": ["in", list(members) or [""]],
				"docstatus": ["<", 2],
			},
			pluck="member",
		)
	)
	missing = {m: studio for m in members if m not in existing}
	names = {m: members[m].member_name for m in missing}
	gathered = member_evidence(period, frappe.get_cached_doc(RUBRIC, charter), missing, names)
	created = []
	for member in sorted(missing):
		doc = frappe.new_doc(STUDIO_ASSESSMENT)
		doc.update({"studio": studio, "member": member, "appraisal_period": period.name})
		doc.flags.evidence = gathered[member]
		doc.insert(ignore_permissions=True)  # the caller's right was checked above
		created.append(doc.name)
	return {"created": len(created), "existing": len(existing), "assessments": created}


__all__ = ["before_cancel", "generate_studio_assessments", "on_cancel", "on_submit", "validate"]
