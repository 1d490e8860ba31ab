"""Generating, recomputing and ranking a period's appraisals, and publishing its
weekly red flags. Controllers call these; the maths is in `scoring`, the reads
in `evidence`."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime

from class_teacher_appraisal import (
	adapters,
	bulk,
	class_teachers,
	drafts,
	evidence,
	parts,
	results,
	standings,
)
from class_teacher_appraisal.html_text import text
from class_teacher_appraisal.names import APPRAISAL
from class_teacher_appraisal.scoring import (
	D,
	ScoringError,
	award_weekly_flags,
	competition_ranks,
	points,
	score_period,
)
from class_teacher_appraisal.scoring.flags import is_published
from class_teacher_appraisal.scoring.tenure import current_teacher, stints
from class_teacher_appraisal.studios.charters import check_for_class_teachers
from class_teacher_appraisal.utils import full_names, lock_period


def get_period(period_name: str):
	period = frappe.get_doc("Appraisal Period", period_name)
	if not period.rubric:
		frappe.throw(
			_("Appraisal period {0} has no rubric; choose one first.").format(text(period.name)),
			title=_("No Rubric"),
		)
	check_for_class_teachers(period.rubric)  # a studio's charter is not for class teacher appraisals
	return period


def school_filter(period) -> dict:
	"""A period of a school (a county site) covers that school's classes; one without, every class."""
	return {"school": period.school} if period.get("school") else {}


def active_classes(period) -> list[dict]:
	filters = {"is_active": 1, **school_filter(period)}
	if period.academic_year:
		filters["academic_year"] = period.academic_year
	return frappe.get_all(
		"Class Record",
		filters=filters,
		fields=[
			"name",
			"class_name",
			"grade_level",
			"pupil_count",
			"teacher_rank",
			"class_teacher",
			"school",
		],
		order_by="grade_level asc, class_name asc",
	)


def period_classes(period, also: list[str] = ()) -> list[dict]:
	"""Every class the period's red flags are contested among: the academic year's classes
	(inactive ones too, they may have been inspected before), and any class appraised in it; on a
	county site, of the period's school."""
	filters = {"academic_year": period.academic_year} if period.academic_year else {}
	filters.update(school_filter(period))
	classes = frappe.get_all(
		"Class Record",
		filters=filters,
		fields=["name", "class_name", "grade_level", "pupil_count", "teacher_rank"],
	)
	missing = set(also) - {c.name for c in classes}
	if missing:
		classes += frappe.get_all(
			"Class Record",
			filters={"name": ["in", list(missing)]},
			fields=["name", "class_name", "grade_level", "pupil_count", "teacher_rank"],
		)
	return classes


def no_progress(percent: int, stage: str):
	pass


def generate(period_name: str, progress=no_progress) -> dict:
	"""Creates a draft appraisal for every teacher on post in an active class during the period
	(one per class, or one per teacher of a class that changed teacher, each on their days) that
	has none, then recomputes the period. `progress(percent, stage)` is told how far it got (a
	background job shows it in the Desk)."""
	period = get_period(period_name)
	lock_period(period.name)
	existing = {  # a locking read: what another generation committed while this one waited
		(d.class_record, d.class_teacher or None)
		for d in frappe.db.get_values(
			APPRAISAL,
			{"appraisal_period": period.name, "docstatus": ["<", 2]},
			["class_record", "class_teacher"],
			as_dict=True,
			for_update=True,
		)
	}
	classes = active_classes(period)
	served = class_teachers.stints_of(period, classes)
	missing = [
		(c, stint)
		for c in classes
		for stint in served[c.name]
		if (c.name, stint.teacher or None) not in existing
	]
	if drafts.automation_on_insert():
		insert_one_by_one(period, missing, progress)
	else:  # set-based: the same rows an ORM insert writes (drafts.py)
		drafts.insert_drafts(period, missing)
		progress(40, _("Created {0} of {1} appraisals").format(len(missing), len(missing)))
	summary = recompute(
		period.name, _locked=True, progress=lambda p, stage: progress(40 + p * 60 // 100, stage)
	)
	summary["created"] = len(missing)
	return summary


def insert_one_by_one(period, missing: list, progress=no_progress):
	"""Each draft through the ORM, so that a school's automation on new appraisals runs for each."""
	for n, (c, stint) in enumerate(missing, start=1):
		doc = frappe.new_doc(APPRAISAL)
		doc.update(
			{
				"appraisal_period": period.name,
				"class_record": c.name,
				"class_teacher": stint.teacher or None,  # one on post in the period: the controller checks it
				"rubric": period.rubric,
			}
		)
		doc.flags.skip_rescore = True  # the recompute that follows fills it in
		doc.insert()
		if n % 20 == 0 or n == len(missing):
			progress(int(40 * n / len(missing)), _("Created {0} of {1} appraisals").format(n, len(missing)))


def recompute(period_name: str, _locked: bool = False, progress=no_progress) -> dict:
	"""Scores every draft appraisal of the period again from the evidence; approved ones are never touched."""
	period = get_period(period_name)
	if not _locked:
		lock_period(period.name)
	# nosemgrep: frappe-using-db-sql — locks the period's appraisals (FOR UPDATE) and reads them in one statement
	rows = frappe.db.sql(
		"""select name, class_record, class_teacher, served_from, served_to, days_served, days_in_period,
		teacher_rank, docstatus, total_score from `tabClass Teacher Appraisal`
		where appraisal_period=%s and docstatus < 2 for update""",
		period.name,
		as_dict=True,
	)
	drafts = [r for r in rows if r.docstatus == 0]
	refresh_days_on_post(period, drafts)
	throughout = {r.class_record: r.name for r in drafts if on_post_throughout(r)}
	approved_totals = {r.name: D(r.total_score) for r in rows if r.docstatus == 1}
	progress(5, _("Reading the evidence"))
	rubric_doc = frappe.get_doc("Appraisal Rubric", period.rubric)
	rubric = adapters.to_rubric(rubric_doc)
	# Flags are relative, so every class of the period is scored; only appraised ones are written.
	classes = period_classes(period, [r.class_record for r in rows])
	gathered = evidence.gather(period, rubric_doc, classes)
	for r in drafts:
		if r.teacher_rank and throughout.get(r.class_record) == r.name:
			gathered[r.class_record].teacher_rank = r.teacher_rank  # the teacher's, not the class's
	items = adapters.load_items()
	progress(30, _("Scoring {0} classes").format(len(gathered)))
	results = _score(rubric, items, list(gathered.values()))
	scored = {throughout[r.class_id]: r for r in results if r.class_id in throughout}
	part_time = [r for r in drafts if not on_post_throughout(r)]
	scored.update(score_days_on_post(period, rubric_doc, rubric, items, classes, part_time))

	progress(50, _("Writing {0} appraisals").format(len(drafts)))
	stamp = now_datetime()
	write_results(scored, period.rubric, stamp, veto_decisions(list(scored)))
	progress(90, _("Ranking the appraisals"))
	refresh_ranks(period.name)
	standings.allot(period.name)
	period.db_set({"last_recomputed_on": stamp, "appraisal_count": len(rows)}, update_modified=False)
	progress(100, _("Done"))
	return {"recomputed": len(drafts), "approved_untouched": len(approved_totals), "classes": len(rows)}


def _score(rubric, items, classes) -> list:
	try:
		return score_period(rubric, items, classes)
	except ScoringError as e:
		frappe.throw(e.message.render(_), title=_("Rubric Cannot Be Applied"))


def on_post_throughout(row) -> bool:
	"""Whether an appraisal's teacher served the whole period (an appraisal from before the days
	were kept counts as the whole period)."""
	return not row.days_in_period or (row.days_served or 0) >= row.days_in_period


def refresh_days_on_post(period, drafts: list):
	"""A draft's days on post follow its class's dated assignments as they stand now (e.g. a
	handover entered after the appraisals were generated): one read of the assignments, and a
	write only where the days changed. A teacher no longer on post in the period keeps the days
	the draft has."""
	tenure = class_teachers.assignments_of(list({r.class_record for r in drafts}))
	start, end = getdate(period.start_date), getdate(period.end_date)
	served = {c: {s.teacher: s for s in stints(found, start, end)} for c, found in tenure.items()}
	for r in drafts:
		if r.class_record in served:
			stint = served[r.class_record].get(r.class_teacher)
		else:
			stint = class_teachers.whole_period(period, r.class_teacher)
		if stint is None:
			continue
		values = class_teachers.stint_fields(stint)
		if any(r.get(k) != v for k, v in values.items()):
			frappe.db.set_value(APPRAISAL, r.name, values, update_modified=False)
			r.update(values)


def batches_of_days(drafts: list):
	"""The drafts grouped by their days on post ((first, last) -> {class: appraisal}), no class twice
	in one group."""
	groups: list[tuple[tuple, dict[str, str]]] = []
	for r in sorted(drafts, key=lambda r: (r.served_from, r.served_to, r.name)):
		days = (r.served_from, r.served_to)
		group = next((g for key, g in groups if key == days and r.class_record not in g), None)
		if group is None:
			group = {}
			groups.append((days, group))
		group[r.class_record] = r
	return groups


def score_days_on_post(period, rubric_doc, rubric, items, classes: list[dict], drafts: list) -> dict:
	"""Appraisals of teachers who served part of the period (001: 班主任岗位中途变动), each scored on
	the evidence of their own days: every class is gathered over those days, so that rules that
	compare classes (red-flag shares) compare like with like, and the allowance follows the days
	on post. One gather per distinct span of days, not per appraisal. Returns appraisal -> result."""
	scored = {}
	for (first, last), group in batches_of_days(drafts):
		days = frappe._dict(
			name=period.name, start_date=first, end_date=last, academic_year=period.academic_year
		)
		wanted = {class_id: r.name for class_id, r in group.items()}
		gathered = evidence.gather(days, rubric_doc, classes, {r.name: c for c, r in group.items()})
		for class_id, r in group.items():
			gathered[class_id].days_on_post = r.days_served or 0
			if r.teacher_rank:
				gathered[class_id].teacher_rank = r.teacher_rank
			gathered[class_id].days_in_period = r.days_in_period or 0
		for result in _score(rubric, items, list(gathered.values())):
			if result.class_id in wanted:
				scored[wanted[result.class_id]] = result
	return scored


def veto_decisions(appraisals: list[str]) -> dict[str, dict[tuple[str, str], dict]]:
	"""What the office decided on the vetoes found in the incidents, per appraisal and case (rule
	code, what was found): confirmed, or dismissed and why. Kept across recomputes."""
	found: dict[str, dict[tuple[str, str], dict]] = defaultdict(dict)
	for v in frappe.db.get_values(
		"Appraisal Veto Case",
		filters={"parent": ["in", appraisals or [""]], "parenttype": APPRAISAL, "automatic": 1},
		fieldname=["parent", "rule_code", "reason", "confirmed", "dismissed", "dismissal_reason"],
		as_dict=True,
		for_update=True,  # the latest decisions, not the transaction's snapshot
	):
		if v.confirmed or v.dismissed:
			found[v.parent][(v.rule_code, v.reason)] = {
				"confirmed": int(bool(v.confirmed) and not v.dismissed),
				"dismissed": int(bool(v.dismissed)),
				"dismissal_reason": v.dismissal_reason if v.dismissed else None,
			}
	return found


def write_results(scored: dict, rubric_name: str, stamp, decisions: dict[str, dict[tuple[str, str], dict]]):
	"""Writes scored results into their draft appraisals (name -> result), all at once: each
	child table's rows replaced with one delete and one bulk insert for the whole period."""
	lines, sections, automatic = {}, {}, {}
	for name, result in scored.items():
		lines[name] = [{**results.line_values(ln), **results.computed_values(ln)} for ln in result.lines]
		sections[name] = [results.section_values(s) for s in result.sections]
		automatic[name] = [
			{
				"rule_code": code,
				"reason": reason,
				"automatic": 1,
				"confirmed": 0,
				"dismissed": 0,
				"dismissal_reason": None,
				**decisions.get(name, {}).get((code, reason), {}),
			}
			for code, reason, auto in result.veto_cases
			if auto
		]
	owned = parts.owned_parts(frappe.get_cached_doc("Appraisal Rubric", rubric_name))
	confirmations = parts.stored_confirmations(list(scored)) if owned else {}
	bulk.replace_children("lines", "Class Teacher Appraisal Line", lines)
	bulk.replace_children("sections", "Class Teacher Appraisal Section", sections)
	bulk.replace_children("veto_cases", "Appraisal Veto Case", automatic, only={"automatic": 1})
	for name, result in scored.items():
		frappe.db.set_value(
			APPRAISAL,
			name,
			{
				**results.summary_fields(result),
				"rubric": rubric_name,
				"red_flags": result.flags,
				"pending_questions": results.pending_questions(
					(ln.needs_input for ln in result.lines),
					((row["automatic"], row["confirmed"] or row["dismissed"]) for row in automatic[name]),
				)
				+ len(
					parts.unconfirmed(
						owned, [frappe._dict(s) for s in sections[name]], confirmations.get(name, [])
					)
				),
				"computed_on": stamp,
			},
		)


def refresh_ranks(period_name: str, current=None):
	"""Ranks every appraisal of the period by total (1, 2, 2, 4). A rank is where the class stands
	among the others, so it follows their changes; scores, grades and allowances of approved
	appraisals never change. Written without touching `modified`."""
	rows = frappe.get_all(
		APPRAISAL,
		filters={"appraisal_period": period_name, "docstatus": ["<", 2]},
		fields=["name", "total_score", "rank", "rank_out_of"],
	)
	totals = {r.name: D(r.total_score) for r in rows}
	if current is not None:
		totals[current.name] = D(current.total_score)
	ranks = competition_ranks(totals)
	for r in rows:
		if (r.rank, r.rank_out_of) != (ranks[r.name], len(totals)):
			frappe.db.set_value(
				APPRAISAL, r.name, {"rank": ranks[r.name], "rank_out_of": len(totals)}, update_modified=False
			)
	if current is not None:
		current.rank, current.rank_out_of = ranks[current.name], len(totals)


def award_flags(period_name: str) -> dict:
	"""Publishes the period's weekly red flags (one Red Flag Award per class, item and week),
	replacing what an earlier run published for these weeks."""
	period = get_period(period_name)
	lock_period(period.name)
	rubric_doc = frappe.get_doc("Appraisal Rubric", period.rubric)
	gathered = evidence.gather(period, rubric_doc, period_classes(period))
	items = adapters.load_items()
	flags = award_weekly_flags(items, list(gathered.values()), adapters.to_rubric(rubric_doc).flag_rules)
	frappe.db.delete("Red Flag Award", {"appraisal_period": period.name})
	now, user = now_datetime(), frappe.session.user
	meta = {
		c.name: c
		for c in frappe.get_all(
			"Class Record",
			filters={"name": ["in", list(flags) or [""]]},
			fields=["name", "class_name", "grade_level", "grade_name", "class_teacher", "school"],
		)
	}
	tenure = class_teachers.assignments_of(list(flags))  # who had the class that week
	# the full name beside each teacher link, in one query
	names = full_names(
		[c.class_teacher for c in meta.values()] + [a.teacher for t in tenure.values() for a in t]
	)
	fields = [
		"name", "creation", "modified", "owner", "modified_by", "docstatus", "week_start", "inspection_item",
		"class_record", "appraisal_period", "red_flags", "weekly_award", "level_flags", "revoked", "rank",
		"average_score", "ineligible", "class_name", "grade_level", "class_teacher", "grade_name", "teacher_name",
		"school",
	]  # fmt: skip
	values = []
	per_week = defaultdict(int)
	for class_id, weeks in flags.items():
		for (item, week), fw in weeks.items():
			if not is_published(fw, items[item]):
				continue
			c = meta[class_id]
			teacher = current_teacher(tenure[class_id], week) if class_id in tenure else c.class_teacher
			values.append(
				(
					frappe.generate_hash(length=10),
					now,
					now,
					user,
					user,
					0,
					week,
					item,
					class_id,
					period.name,
					fw.total,
					fw.awarded,
					fw.level_flags,
					fw.revoked,
					fw.rank,
					points(fw.net_average),  # the core's rounding (half up), as the bulletin shows it
					int(fw.ineligible),
					c.class_name,
					c.grade_level,
					teacher,
					c.grade_name,
					names.get(teacher) if teacher else None,
					c.school,
				)  # fmt: skip
			)
			per_week[week] += fw.awarded
	if values:
		frappe.db.bulk_insert("Red Flag Award", fields, values)
	period.db_set("flags_awarded_on", now, update_modified=False)
	return {"weeks": len(per_week), "flags": sum(per_week.values()), "rows": len(values)}
