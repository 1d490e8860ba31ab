"""Set-based evidence for one appraisal period: a handful of grouped queries
read every class's inspections, incidents, ratings, roll-ups and hand-entered
inputs at once (never a document per inspection). The inspection queries are
limited to the period's classes, so one school's recompute reads only its own
rows on a site that holds a whole county's schools."""

import frappe
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Avg, Count, Sum

from class_teacher_appraisal.scoring import (
	Achievement,
	ActivityTally,
	ClassEvidence,
	D,
	Kind,
	ManualInput,
	QuotaScope,
	VetoCase,
	WeekStats,
)
from class_teacher_appraisal.scoring.kinds import hand_entered
from class_teacher_appraisal.studios.roster import covers_sql


def gather(
	period, rubric_doc, classes: list[dict], appraisals: dict[str, str] | None = None
) -> dict[str, ClassEvidence]:
	"""Evidence of the given classes (dicts with name, grade_level, pupil_count) in the period.
	`appraisals` (name -> class, one per class): the ratings and hand inputs of these appraisals
	only, for teachers who served part of a period (`period` is then their days: start_date,
	end_date, and the period's name); by default those of every appraisal of the period."""
	evidence = inspection_evidence(period, classes)
	_ratings(period, evidence, appraisals)
	_rollups(period, rubric_doc, evidence)
	activity_evidence(period, rubric_doc, evidence, appraisals)
	_inputs(period, evidence, appraisals)
	return evidence


def inspection_evidence(period, classes: list[dict]) -> dict[str, ClassEvidence]:
	"""Only the inspections and incidents of the classes from the period's start_date to its
	end_date: what the weekly red flags are awarded from. Plain reads (no locking read of the
	office's inputs), for reports."""
	evidence = {
		c["name"]: ClassEvidence(
			class_id=c["name"],
			label=c.get("class_name") or c["name"],
			grade_level=int(c.get("grade_level") or 0),
			pupils=int(c.get("pupil_count") or 0),
			teacher_rank=c.get("teacher_rank") or "",
		)
		for c in classes
	}
	_inspections(period, evidence)
	_incidents(period, evidence)
	return evidence


def inspections_query(period, classes: list[str]):
	"""The inspections of the classes in the period, grouped by class, item, week and level (read
	from Inspection's covering evidence_index alone; see inspection.on_doctype_update)."""
	ins = DocType("Inspection")
	regular = ins.is_spot_check == 0
	return (
		frappe.qb.from_(ins)
		.select(
			ins.class_record,
			ins.inspection_item,
			ins.week_start,
			ins.level,
			Sum(Case().when(regular, 1).else_(0)).as_("n"),
			Sum(Case().when(regular, ins.score).else_(0)).as_("score_sum"),
			Sum(Case().when(regular, ins.deduction).else_(0)).as_("deduction_sum"),
			Sum(ins.revokes_flag).as_("revoked"),
		)
		.where((ins.docstatus == 1) & (ins.inspection_date[period.start_date : period.end_date]))
		.where(ins.class_record.isin(classes or [""]))
		.groupby(ins.class_record, ins.inspection_item, ins.week_start, ins.level)
	)


# Driven from the period's inspections (covering index), then their incidents by parent: left to
# itself MariaDB reads every incident of the site first, which grows with the whole county.
INCIDENTS_SQL = """select straight_join i.class_record, i.inspection_item, i.week_start, c.incident_type,
	sum(c.`count`) as n
	from `tabInspection` i join `tabInspection Incident` c on c.parent = i.name
	where i.docstatus = 1 and i.inspection_date between %(start)s and %(end)s
	and i.class_record in %(classes)s and c.parenttype = 'Inspection'
	group by i.class_record, i.inspection_item, i.week_start, c.incident_type"""


def incidents_params(period, classes: list[str]) -> dict:
	return {"start": period.start_date, "end": period.end_date, "classes": tuple(classes or [""])}


def _inspections(period, evidence):
	for r in inspections_query(period, list(evidence)).run(as_dict=True):
		target = evidence.get(r.class_record)
		if target is None:
			continue
		stats = target.weeks.setdefault((r.inspection_item, r.week_start), WeekStats())
		stats.count += int(r.n or 0)
		stats.score_sum += D(r.score_sum)
		stats.deduction_sum += D(r.deduction_sum)
		stats.revocations += int(r.revoked or 0)
		if r.level and r.n:
			stats.levels[r.level] = stats.levels.get(r.level, 0) + int(r.n)


def _incidents(period, evidence):
	# nosemgrep: frappe-using-db-sql — the set-based grouped evidence query (straight_join), shared with the benchmark
	for r in frappe.db.sql(INCIDENTS_SQL, incidents_params(period, list(evidence)), as_dict=True):
		if r.class_record in evidence:
			key = (r.inspection_item, r.week_start, r.incident_type)
			evidence[r.class_record].incidents[key] = int(r.n or 0)


def _ratings(period, evidence, appraisals: dict[str, str] | None = None):
	rating = DocType("Appraisal Rating")
	score = DocType("Appraisal Rating Score")
	query = (
		frappe.qb.from_(score)
		.join(rating)
		.on(score.parent == rating.name)
		.select(
			rating.class_record,
			score.criterion_code,
			rating.rater_group,
			Avg(score.score).as_("average"),
			Count(score.name).as_("n"),
		)
		.where((score.parenttype == "Appraisal Rating") & (rating.docstatus == 1))
		.where(rating.appraisal_period == period.name)
		.groupby(rating.class_record, score.criterion_code, rating.rater_group)
	)
	if appraisals is not None:
		query = query.where(rating.appraisal.isin(list(appraisals) or [""]))
	rows = query.run(as_dict=True)
	combined: dict[tuple[str, str, str], tuple] = {}
	for r in rows:
		combined[(r.class_record, r.criterion_code, r.rater_group)] = (D(r.average) * int(r.n), int(r.n))
	# paper ballots counted by the office weigh in like that many ratings of their level's score
	ballots = (
		# nosemgrep: frappe-using-db-sql — set-based grouped ballot query
		frappe.db.sql(BALLOTS_SQL, {"period": period.name}, as_dict=True)
		if appraisals is None
		else frappe.db.sql(  # nosemgrep: frappe-using-db-sql — set-based grouped ballot query
			BALLOTS_OF_SQL, {"period": period.name, "appraisals": tuple(appraisals) or ("",)}, as_dict=True
		)
	)
	for r in ballots:
		key = (r.class_record, r.criterion_code, r.rater_group)
		total, n = combined.get(key, (D(0), 0))
		combined[key] = (total + D(r.score_sum), n + int(r.ballots))
	for (class_record, code, group), (total, n) in combined.items():
		if class_record in evidence and n:
			evidence[class_record].ratings[(code, group)] = (total / n, n)


BALLOTS_SQL = """select t.class_record, t.criterion_code, t.rater_group,
	sum(c.score * c.ballots) as score_sum, sum(c.ballots) as ballots
	from `tabAppraisal Ballot Tally` t join `tabAppraisal Ballot Count` c on c.parent = t.name
	where t.appraisal_period = %(period)s and c.parenttype = 'Appraisal Ballot Tally'
	group by t.class_record, t.criterion_code, t.rater_group"""
# the same, of some appraisals only (a teacher's days on post)
BALLOTS_OF_SQL = BALLOTS_SQL.replace("group by", "and t.appraisal in %(appraisals)s\n\tgroup by")


def _rollups(period, rubric_doc, evidence):
	"""Approved appraisals of the shorter periods inside this one (e.g. the months of a term)."""
	wanted = {
		c.criterion_code: c.source_period_type for c in rubric_doc.criteria if c.rule_kind == Kind.ROLLUP
	}
	if not wanted:
		return
	appraisal = DocType("Class Teacher Appraisal")
	per = DocType("Appraisal Period")
	rows = (
		frappe.qb.from_(appraisal)
		.join(per)
		.on(appraisal.appraisal_period == per.name)
		.select(appraisal.class_record, per.name.as_("period"), per.period_type, appraisal.total_score)
		.where(
			(appraisal.docstatus == 1)
			& (per.start_date >= period.start_date)
			& (per.end_date <= period.end_date)
			& (per.name != period.name)
		)
		.orderby(per.start_date)
	).run(as_dict=True)
	for r in rows:
		if r.class_record not in evidence:
			continue
		for code, period_type in wanted.items():
			if not period_type or period_type == r.period_type:
				evidence[r.class_record].rollup.setdefault(code, []).append((r.period, D(r.total_score)))


# A class teacher's quotas (rubrics that apply to Class Teachers, which pay the allowance) count only
# the records the office confirms: the confirmed Appraisal Activities without a studio of the quotas'
# kinds in the period, of the period's classes or of their teachers, grouped by class, person, kind
# and level; which records, in date order, for the evidence. A studio's records (a member's outputs
# its host confirms, attendance at its activities, its own activities) count for studio charters only.
ACTIVITIES_SQL = """select 'Appraisal Activity' as source, a.class_record, a.person, a.activity_kind,
	a.level, count(*) as n, sum(a.hours) as hours,
	group_concat(a.name order by a.activity_date, a.name separator ',') as names
	from `tabAppraisal Activity` a
	where a.docstatus = 1 and coalesce(a.studio, '') = '' and a.activity_date between %(start)s and %(end)s
	and a.activity_kind in %(kinds)s and (a.class_record in %(classes)s or a.person in %(people)s)
	group by a.class_record, a.person, a.activity_kind, a.level"""

# A studio member's evidence for their studio's charter, each part on the days of their own places in
# the studio (m: every role; a place that never began covers no day) within the year, in one query:
# - their confirmed records without a studio or of this studio (Quota "Person");
# - their attendance (present) at the studio's submitted activities (Quota "Person"): each counts one,
#   its hours the row's (or else the activity's), never more than the activity's; the attendance of
#   whoever submitted the activity does not count for them (a host does not vouch for their own
#   hours: another host or the office submits the activity for it to count);
# - the studio's own submitted activities (Quota "Studio": a planning meeting a term, an award).
_PLACES = """from `tabStudio Membership` m join `tabStudio Activity` s on s.studio = m.studio
	and s.docstatus = 1 and s.activity_date between %(start)s and %(end)s and s.activity_kind in %(kinds)s
	and {covers}"""
MEMBER_RECORDS_SQL = f"""select 'Appraisal Activity' as source, m.member as person, m.studio,
	a.activity_kind, a.level, count(*) as n, sum(a.hours) as hours,
	group_concat(a.name order by a.activity_date, a.name separator ',') as names
	from `tabStudio Membership` m join `tabAppraisal Activity` a on a.person = m.member
	and a.docstatus = 1 and a.activity_date between %(start)s and %(end)s and a.activity_kind in %(kinds)s
	and (coalesce(a.studio, '') = '' or a.studio = m.studio) and {covers_sql("m", "a.activity_date")}
	where m.member in %(people)s and m.studio in %(studios)s
	group by m.member, m.studio, a.activity_kind, a.level"""
ATTENDANCE_SQL = f"""select 'Studio Attendance' as source, m.member as person, m.studio, s.activity_kind,
	s.level, count(*) as n, sum(least(coalesce(nullif(t.hours, 0), s.hours, 0), coalesce(s.hours, 0))) as hours,
	group_concat(s.name order by s.activity_date, s.name separator ',') as names
	{_PLACES.format(covers=covers_sql("m", "s.activity_date"))}
	join `tabStudio Attendance` t on t.parent = s.name and t.parenttype = 'Studio Activity'
	and t.parentfield = 'attendance' and t.member = m.member and t.present = 1
	where m.member in %(people)s and m.studio in %(studios)s
	and t.member <> coalesce(s.submitted_by, s.modified_by)
	group by m.member, m.studio, s.activity_kind, s.level"""
STUDIO_ACTIVITIES_SQL = f"""select 'Studio Activity' as source, m.member as person, m.studio,
	s.activity_kind, s.level, count(*) as n, sum(s.hours) as hours,
	group_concat(s.name order by s.activity_date, s.name separator ',') as names
	{_PLACES.format(covers=covers_sql("m", "s.activity_date"))}
	where m.member in %(people)s and m.studio in %(studios)s
	group by m.member, m.studio, s.activity_kind, s.level"""
MEMBER_EVIDENCE_SQL = f"{MEMBER_RECORDS_SQL}\nunion all {ATTENDANCE_SQL}\nunion all {STUDIO_ACTIVITIES_SQL}"


def _params(period, kinds, **sets) -> dict:
	return {
		"start": period.start_date,
		"end": period.end_date,
		"kinds": tuple(kinds) or ("",),
		**{key: tuple(values) or ("",) for key, values in sets.items()},
	}


def _tally(target: ClassEvidence, scope: str, r):
	names = tuple((r.names or "").split(",")) if r.names else ()
	key = (scope, r.activity_kind, r.level or "")
	tally = target.activities.setdefault(key, ActivityTally())
	tally.add(int(r.n or 0), D(r.hours), names, studio=r.source != "Appraisal Activity")


def class_teachers(period, classes: list[str], appraisals: dict[str, str] | None = None) -> dict[str, str]:
	"""Whose activities count for each class's per-person quotas: the teacher its appraisal in the
	period is about (of the given appraisals, name -> class, if any), else the class's class teacher."""
	teachers = {
		c.name: c.class_teacher
		for c in frappe.get_all(
			"Class Record", filters={"name": ["in", classes or [""]]}, fields=["name", "class_teacher"]
		)
		if c.class_teacher
	}
	filters = {
		"appraisal_period": period.name,
		"class_record": ["in", classes or [""]],
		"docstatus": ["<", 2],
	}
	if appraisals is not None:
		filters["name"] = ["in", list(appraisals) or [""]]
	for a in frappe.get_all(
		"Class Teacher Appraisal", filters=filters, fields=["class_record", "class_teacher"]
	):
		if a.class_teacher:
			teachers[a.class_record] = a.class_teacher
	return teachers


def activity_evidence(
	period, rubric_doc, evidence: dict[str, ClassEvidence], appraisals: dict[str, str] | None = None
) -> dict[str, str]:
	"""Fills in each class's confirmed activities of the kinds its rubric's quotas count, from the
	period's start_date to its end_date (a teacher's days on post, for part of a period), for the
	class ("Class") and for its teacher ("Person"), with one grouped query (ACTIVITIES_SQL: the
	office-confirmed records without a studio). Returns the teacher of each class it counted for."""
	kinds = {c.activity_kind for c in rubric_doc.criteria if c.rule_kind == Kind.QUOTA and c.activity_kind}
	if not kinds or not evidence:
		return {}
	teachers = class_teachers(period, list(evidence), appraisals)
	classes_of: dict[str, list[str]] = {}
	for class_id, teacher in teachers.items():
		classes_of.setdefault(teacher, []).append(class_id)
	params = _params(period, kinds, classes=evidence, people=classes_of)
	# nosemgrep: frappe-using-db-sql — set-based query over activities, one round trip per period
	for r in frappe.db.sql(ACTIVITIES_SQL, params, as_dict=True):
		targets = [(r.class_record, QuotaScope.CLASS)] if r.class_record in evidence else []
		targets += [(class_id, QuotaScope.PERSON) for class_id in classes_of.get(r.person, [])]
		for class_id, scope in targets:
			_tally(evidence[class_id], scope, r)
	return teachers


def member_evidence(period, rubric_doc, members: dict[str, str], labels: dict | None = None) -> dict:
	"""Each studio member's evidence for their studio's charter (members: user -> studio) from the
	period's start_date to its end_date, on the days of their places in that studio, in one query
	(MEMBER_EVIDENCE_SQL): their confirmed records and attendance (Quota "Person") and their studio's
	own activities ("Studio"). Keyed by the member."""
	labels = labels or {}
	evidence = {m: ClassEvidence(class_id=m, label=labels.get(m) or m) for m in members}
	kinds = {c.activity_kind for c in rubric_doc.criteria if c.rule_kind == Kind.QUOTA and c.activity_kind}
	if not kinds or not members:
		return evidence
	params = _params(period, kinds, people=members, studios=set(members.values()))
	# nosemgrep: frappe-using-db-sql — set-based union all of three sources, one round trip
	for r in frappe.db.sql(MEMBER_EVIDENCE_SQL, params, as_dict=True):
		if members.get(r.person) != r.studio:
			continue  # the member's place in another of the studios asked for
		scope = QuotaScope.STUDIO if r.source == "Studio Activity" else QuotaScope.PERSON
		_tally(evidence[r.person], scope, r)
	return evidence


def entered_points(row):
	"""A manual line's points, or None while nobody has entered them (a Float column cannot be NULL)."""
	if not hand_entered(row.rule_kind) or not (row.manual_entered or row.manual_points):
		return None
	return D(row.manual_points)


def _locked(doctype: str, filters: dict, fields: list[str], order_by: str = "name asc") -> list:
	"""A locking read (SELECT … FOR UPDATE) of the rows."""
	return frappe.db.get_values(doctype, filters, fields, as_dict=True, order_by=order_by, for_update=True)


def _inputs(period, evidence, appraisals: dict[str, str] | None = None):
	"""What the office entered by hand on the period's draft appraisals (or on `appraisals` only):
	kept across recomputes. Locking reads: they see what was committed up to now, not the
	transaction's first snapshot, so points typed while a job waited for its lock are read, not
	overwritten (and held till it ends)."""
	filters = {"appraisal_period": period.name, "docstatus": 0}
	if appraisals is not None:
		filters["name"] = ["in", list(appraisals) or [""]]
	drafts = _locked("Class Teacher Appraisal", filters=filters, fields=["name", "class_record"])
	owner = {d.name: d.class_record for d in drafts if d.class_record in evidence}
	if not owner:
		return
	parents = list(owner)
	for row in _locked(
		"Class Teacher Appraisal Line",
		filters={"parenttype": "Class Teacher Appraisal", "parent": ["in", parents]},
		fields=[
			"parent",
			"criterion_code",
			"manual_points",
			"manual_entered",
			"adjustment",
			"adjustment_reason",
			"rule_kind",
		],
	):
		manual = entered_points(row)
		if manual is not None or row.adjustment:
			evidence[owner[row.parent]].manual[row.criterion_code] = ManualInput(
				manual, D(row.adjustment), row.adjustment_reason or ""
			)
	for row in _locked(
		"Appraisal Achievement",
		filters={"parenttype": "Class Teacher Appraisal", "parent": ["in", parents]},
		fields=["parent", "criterion_code", "title", "level", "base_points"],
		order_by="idx asc",
	):
		evidence[owner[row.parent]].achievements.setdefault(row.criterion_code, []).append(
			Achievement(row.title, row.level, D(row.base_points))
		)
	for row in _locked(
		"Appraisal Veto Case",
		filters={"parenttype": "Class Teacher Appraisal", "parent": ["in", parents], "automatic": 0},
		fields=["parent", "rule_code", "reason"],
		order_by="idx asc",
	):
		evidence[owner[row.parent]].vetoes.append(VetoCase(row.rule_code, row.reason or ""))
	for row in _locked(
		"Appraisal Veto Case",
		{"parenttype": "Class Teacher Appraisal", "parent": ["in", parents], "automatic": 1, "dismissed": 1},
		["parent", "rule_code", "reason", "dismissal_reason"],
	):
		evidence[owner[row.parent]].dismissed[(row.rule_code, row.reason or "")] = row.dismissal_reason or ""


__all__ = ["gather", "inspection_evidence", "member_evidence"]
