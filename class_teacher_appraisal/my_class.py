"""我的班级 (issue 16): where a class teacher's class stands this week and this month, and why,
for the Desk page *My Class* (/app/my-class), made for a phone.

One read-only endpoint, `overview`, for one class and one day (today by default):
- each inspection item's checks and net average this week and this month, and the week's rank
  among the classes the week's red flags are contested among (the school, as the weekly award
  ranks them), read and ranked as the Weekly Inspection Bulletin does: evidence.inspection_evidence
  and scoring.award_weekly_flags through reports.awarded_flags, never summed here;
- the red flags published for the last weeks (Red Flag Award);
- each deduction (incident, or a spot check that took a flag back) with its reason, inspector,
  date and photos, and the appraisal lines it counts in;
- eight weeks of each item's net average, flags and deductions;
- the appraisals of the class the user may read for the periods around the day (the month's
  first), with their state, total, grade once approved and whether (and until when) the class
  teacher may appeal them, under the appeal's own rules (Appraisal Appeal: approved, the appraised
  teacher, within the appeal days, one open appeal at a time).

Who may look, decided from stored data: a class teacher their own classes (also as the deputy),
the office and the principal any class, nobody else (README, "Who may do what"). Every read is
set-based (a fixed number of queries whatever the number of items, deductions or weeks)."""

from collections import defaultdict
from datetime import date

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import add_days, get_first_day, get_last_day, getdate, now_datetime

from class_teacher_appraisal import adapters, evidence
from class_teacher_appraisal.class_teacher_appraisal.doctype.appraisal_appeal.appraisal_appeal import (
	appeal_closes_on,
	appeal_days,
)
from class_teacher_appraisal.class_teacher_appraisal.report.weekly_inspection_bulletin.weekly_inspection_bulletin import (
	flag_periods,
)
from class_teacher_appraisal.html_text import text
from class_teacher_appraisal.names import (
	APPEAL,
	APPRAISAL,
	CLASS_RECORD,
	INSPECTION,
	OFFICE,
	PERIOD,
	PRINCIPAL,
	RED_FLAG,
	SYSTEM_MANAGER,
)
from class_teacher_appraisal.permissions import own_classes, roles_of
from class_teacher_appraisal.reports import awarded_flags, contested_classes, number, rubric_of
from class_teacher_appraisal.scoring import WeekStats
from class_teacher_appraisal.scoring.amounts import points
from class_teacher_appraisal.utils import full_names, grade_name, week_start
from class_teacher_appraisal.validation import date_error

TREND_WEEKS = 8
# who may look at any class: the school's leadership
ANY_CLASS = {OFFICE, PRINCIPAL, SYSTEM_MANAGER}
# a photo is one of the site's files (served with Frappe's file permissions) or a web address;
# anything else an attach field may hold (javascript:, data:) is not shown
PHOTO_URLS = ("/files/", "/private/files/", "https://", "http://")
CLASS_FIELDS = ["name", "class_name", "grade_level", "class_teacher", "deputy_teacher", "pupil_count"]


@frappe.whitelist(methods=["GET"])
@frappe.read_only()
def overview(class_record: str | None = None, day: str | None = None) -> dict:
	"""Where the class stands in the week and month of `day` (today if none): see the module."""
	user = frappe.session.user
	# the app's roles only: someone without them reads no inspection at all
	frappe.has_permission(INSPECTION, "read", throw=True)
	choices = class_choices(user)
	chosen = choose_class(class_record, choices, user)
	on = parse_day(day)
	return class_overview(chosen, on, user, choices)


def sees_any_class(user: str) -> bool:
	return user == "Administrator" or bool(ANY_CLASS & roles_of(user))


def class_choices(user: str) -> list[frappe._dict]:
	"""The classes the user may look at, their own first: their own (as class teacher or deputy,
	today), and for the leadership every active class besides."""
	own = own_classes(user)
	fields = ["name", "class_name", "grade_level", "academic_year"]
	order_by = "academic_year desc, grade_level asc, class_name asc"
	if sees_any_class(user):
		# through the user's permissions: on a county site, the leadership's own school
		rows = frappe.get_list(
			CLASS_RECORD,
			or_filters={"is_active": 1, "name": ["in", own or [""]]},
			fields=fields,
			order_by=order_by,
		)
	else:
		rows = frappe.get_all(
			CLASS_RECORD, filters={"name": ["in", own or [""]]}, fields=fields, order_by=order_by
		)
	mine = set(own)
	rows.sort(key=lambda r: r.name not in mine)  # a stable sort: each part keeps its order
	for r in rows:
		r.grade_name = grade_name(r.grade_level)
		r.own = r.name in mine
	return rows


def choose_class(requested: str | None, choices: list[frappe._dict], user: str) -> str:
	"""The class asked for, if the user may look at it; else their first class. Refused when the
	user may look at no class, or names one they may not (whether or not it exists)."""
	allowed = {c.name for c in choices}
	if requested:
		if requested in allowed:
			return requested
		if sees_any_class(user):  # an inactive class, say, as the user's permissions allow
			if not frappe.db.exists(CLASS_RECORD, requested):
				frappe.throw(
					_("Class {0} does not exist.").format(text(requested)),
					exc=frappe.DoesNotExistError,
					title=_("Not Found"),
				)
			if frappe.has_permission(CLASS_RECORD, "read", requested, user=user):
				return requested
		frappe.throw(
			_("You may only look at your own classes."),
			exc=frappe.PermissionError,
			title=_("Not Permitted"),
		)
	if not choices:
		frappe.throw(
			_("You are not the class teacher or deputy of any class."),
			exc=frappe.PermissionError,
			title=_("Not Permitted"),
		)
	return choices[0].name


def parse_day(value) -> date:
	if value in (None, ""):
		return getdate()
	error = date_error(value, _("Date"))
	if not error:
		try:
			day = getdate(value)
		except Exception:
			day = None
		if day and date(1900, 1, 1) <= day <= date(2999, 12, 31):
			return day
	frappe.throw(
		error or _("{0} must be a date, not {1}.").format(_("Date"), text(str(value)[:40])),
		exc=frappe.ValidationError,
		title=_("Invalid Date"),
	)


# ------------------------------------------------------------------ the overview


def class_overview(class_record: str, on: date, user: str, choices=None) -> dict:
	"""Everything the page shows for one class and day (the caller has decided the user may see it)."""
	record = frappe.db.get_value(CLASS_RECORD, class_record, CLASS_FIELDS, as_dict=True)
	monday = getdate(week_start(on))
	sunday = getdate(add_days(monday, 6))
	month_start, month_end = getdate(get_first_day(on)), getdate(get_last_day(on))
	items = adapters.load_items()
	order = item_order()

	week, standing, contest = week_standing(record, monday, sunday, items)
	month = period_stats(class_record, month_start, month_end)
	trend_start = getdate(add_days(monday, -7 * (TREND_WEEKS - 1)))
	trend = trend_of(class_record, trend_start, monday, sunday)
	flags = published_flags(class_record, trend_start, sunday)
	per_week = {w["week"]: w["total"] for w in flags["weeks"]}
	if contest:  # this week's flags are final once the office has published them
		contest["published"] = str(monday) in per_week
	trend["flags"] = [per_week.get(w, 0.0) for w in trend["weeks"]]

	# deductions of the month and of the whole week (a week may run into the next month)
	start, end = min(month_start, monday), max(month_end, sunday)
	appraisals = class_appraisals(record, start, end, on, user)
	found = deductions(class_record, start, end, appraisals)

	shown = [name for name in order if name in week or name in month]
	item_rows = [
		{
			"item": name,
			"method": items[name].method if name in items else "",
			"flag_item": bool(items.get(name) and items[name].weekly_flag_winners),
			"week": week.get(name),
			"month": month.get(name),
			**standing.get(name, {}),
		}
		for name in shown
	]
	names = full_names([record.class_teacher, record.deputy_teacher])
	return {
		"classes": [
			{"name": c.name, "class_name": c.class_name, "grade_name": c.grade_name, "own": c.own}
			for c in (choices or [])
		],
		"class": {
			"name": record.name,
			"class_name": record.class_name,
			"grade_level": record.grade_level,
			"grade_name": grade_name(record.grade_level),
			"pupil_count": record.pupil_count,
			"class_teacher_name": names.get(record.class_teacher),
			"deputy_name": names.get(record.deputy_teacher),
		},
		"day": str(on),
		"week": {"start": str(monday), "end": str(sunday)},
		"month": {"start": str(month_start), "end": str(month_end)},
		"contest": contest,
		"items": item_rows,
		"flags": flags,
		"deductions": found,
		"trend": trend,
		"appraisals": [public(a) for a in appraisals if a["current"]],
	}


def item_order() -> list[str]:
	"""Inspection items in the order the school set them up (the seeds': 纪律, 卫生, 路队 …)."""
	return frappe.get_all("Inspection Item", order_by="creation asc, name asc", pluck="name")


def stats_row(stats: WeekStats | None, incidents: int = 0) -> dict | None:
	if not stats or not (stats.count or incidents):
		return None
	return {
		"checks": stats.count,
		"average": number(points(stats.net_average)) if stats.count else None,
		"deduction": number(points(stats.deduction_sum)),
		"incidents": incidents,
		"levels": dict(sorted(stats.levels.items())),
	}


def merged(stats: list[WeekStats]) -> WeekStats:
	"""Several weeks of one item as one (the month's net average is over all its checks)."""
	out = WeekStats()
	for s in stats:
		out.count += s.count
		out.score_sum += s.score_sum
		out.deduction_sum += s.deduction_sum
		out.revocations += s.revocations
		for level, n in s.levels.items():
			out.levels[level] = out.levels.get(level, 0) + n
	return out


def incident_counts(found, week=None) -> dict[str, int]:
	"""Incidents per item (of one week, or all) from ClassEvidence.incidents."""
	out: dict[str, int] = defaultdict(int)
	for (item, monday, _type), n in found.incidents.items():
		if week is None or monday == week:
			out[item] += n
	return out


def period_stats(class_record: str, start: date, end: date) -> dict[str, dict]:
	"""Per item: the class's checks, net average, deductions and incidents from start to end."""
	span = frappe._dict(start_date=start, end_date=end)
	found = evidence.inspection_evidence(span, [{"name": class_record}])[class_record]
	per_item: dict[str, list[WeekStats]] = defaultdict(list)
	for (item, _monday), stats in found.weeks.items():
		per_item[item].append(stats)
	counts = incident_counts(found)
	rows = {item: stats_row(merged(stats), counts.get(item, 0)) for item, stats in per_item.items()}
	return {item: row for item, row in rows.items() if row}


def contest_of(record, monday: date) -> tuple[frappe._dict | None, list]:
	"""The period whose weekly red flags the class's week is contested in, as the bulletin chooses
	it (weekly_inspection_bulletin.flag_periods), with the classes it contests."""
	for period in flag_periods(monday):
		contest = contested_classes(period)
		if any(c.name == record.name for c in contest):
			return period, contest
	return None, []


def week_standing(record, monday: date, sunday: date, items) -> tuple[dict, dict, dict | None]:
	"""This week's figures per item and, where the week is contested, the class's rank among the
	ranked classes and the flags it gets so far, from the core's award_weekly_flags; and the
	contest (its period and how many classes it has)."""
	period, contest = contest_of(record, monday)
	if period is None:
		span = frappe._dict(start_date=monday, end_date=sunday)
		found = evidence.inspection_evidence(span, [{"name": record.name}])[record.name]
		flags_of_class, ranked = {}, {}
	else:
		gathered, flags = awarded_flags(period, rubric_of(period), contest, items, monday, sunday)
		found, flags_of_class = gathered[record.name], flags.get(record.name, {})
		ranked = defaultdict(int)
		for weeks in flags.values():
			for (item, week), fw in weeks.items():
				if week == monday and fw.rank:
					ranked[item] += 1
	counts = incident_counts(found, monday)
	week = {}
	standing: dict = {}
	for (item, week_of), stats in found.weeks.items():
		if week_of != monday:
			continue
		row = stats_row(stats, counts.get(item, 0))
		if row:
			week[item] = row
		fw = flags_of_class.get((item, monday))
		if fw is not None:
			standing[item] = {
				"rank": fw.rank or None,
				"ranked": ranked.get(item, 0),
				"flags": number(fw.total),
				"awarded": fw.awarded,
				"level_flags": number(fw.level_flags),
				"revoked": fw.revoked,
				"ineligible": fw.ineligible,
			}
	for item, n in counts.items():  # an incident-count item with no check of its own
		week.setdefault(item, stats_row(WeekStats(), n))
	if period is None:
		return week, standing, None
	return week, standing, {"period": period.name, "classes": len(contest)}


def trend_of(class_record: str, start: date, monday: date, sunday: date) -> dict:
	"""The last TREND_WEEKS weeks: each item's net average per week, and the week's deductions."""
	span = frappe._dict(start_date=start, end_date=sunday)
	found = evidence.inspection_evidence(span, [{"name": class_record}])[class_record]
	weeks = [getdate(add_days(start, 7 * i)) for i in range(TREND_WEEKS)]
	index = {w: i for i, w in enumerate(weeks)}
	averages: dict[str, list] = {}
	deducted = [0.0] * TREND_WEEKS
	for (item, week), stats in found.weeks.items():
		i = index.get(getdate(week))
		if i is None:
			continue
		if stats.count:
			averages.setdefault(item, [None] * TREND_WEEKS)[i] = number(points(stats.net_average))
		deducted[i] = number(points(deducted[i] + number(stats.deduction_sum)))
	order = item_order()
	return {
		"weeks": [str(w) for w in weeks],
		"items": [{"item": item, "values": averages[item]} for item in order if item in averages],
		"deductions": deducted,
	}


def published_flags(class_record: str, start: date, end: date) -> dict:
	"""The red flags published for the class (Red Flag Award) week by week from start to end. A week
	whose flags more than one period published counts once, from the period the bulletin shows first
	(the longest)."""
	rows = frappe.get_all(
		RED_FLAG,
		filters={"class_record": class_record, "week_start": ["between", [start, end]]},
		fields=[
			"week_start",
			"inspection_item",
			"appraisal_period",
			"red_flags",
			"weekly_award",
			"level_flags",
			"revoked",
			"rank",
			"ineligible",
		],
		order_by="week_start desc, inspection_item asc",
	)
	periods = {
		p.name: p
		for p in frappe.get_all(
			PERIOD,
			filters={"name": ["in", list({r.appraisal_period for r in rows}) or [""]]},
			fields=["name", "start_date", "end_date"],
		)
	}

	def preference(name):
		p = periods.get(name)
		return (-(getdate(p.end_date) - getdate(p.start_date)).days, name) if p else (0, name or "")

	chosen = {}
	for r in rows:
		week = str(r.week_start)
		if week not in chosen or preference(r.appraisal_period) < preference(chosen[week]):
			chosen[week] = r.appraisal_period
	weeks: dict[str, dict] = {}
	for r in rows:
		week = str(r.week_start)
		if chosen[week] != r.appraisal_period:
			continue
		entry = weeks.setdefault(week, {"week": week, "total": 0.0, "items": []})
		entry["total"] = number(points(entry["total"] + number(r.red_flags)))
		if r.red_flags or r.revoked or r.ineligible:
			entry["items"].append(
				{
					"item": r.inspection_item,
					"red_flags": number(r.red_flags),
					"weekly_award": r.weekly_award,
					"level_flags": number(r.level_flags),
					"revoked": r.revoked,
					"rank": r.rank or None,
					"ineligible": bool(r.ineligible),
				}
			)
	ordered = sorted(weeks.values(), key=lambda w: w["week"], reverse=True)
	return {"weeks": ordered, "total": number(points(sum(number(w["total"]) for w in ordered)))}


# ------------------------------------------------------------------ deductions


def deductions(class_record: str, start: date, end: date, appraisals: list[dict]) -> list[dict]:
	"""Every incident of the class's submitted inspections from start to end, and every spot check
	that took a flag back, newest first, with the inspector, photos and the lines they count in."""
	ins, inc = DocType("Inspection"), DocType("Inspection Incident")
	incidents = (
		frappe.qb.from_(inc)
		.join(ins)
		.on(inc.parent == ins.name)
		.select(
			ins.name.as_("inspection"),
			ins.inspection_date,
			ins.inspection_item,
			ins.inspector,
			ins.remarks,
			ins.is_spot_check,
			ins.revokes_flag,
			inc.incident_type,
			inc["count"].as_("count"),
			inc.deduction,
			inc.reason,
			inc.idx,
		)
		.where(
			(inc.parenttype == INSPECTION)
			& (inc.parentfield == "incidents")
			& (ins.docstatus == 1)
			& (ins.class_record == class_record)
			& (ins.inspection_date[start:end])
		)
	).run(as_dict=True)
	revoking = frappe.get_all(
		INSPECTION,
		filters={
			"class_record": class_record,
			"docstatus": 1,
			"revokes_flag": 1,
			"inspection_date": ["between", [start, end]],
		},
		fields=[
			"name as inspection",
			"inspection_date",
			"inspection_item",
			"inspector",
			"remarks",
			"is_spot_check",
			"revokes_flag",
		],
	)
	with_incidents = {r.inspection for r in incidents}
	rows = incidents + [r for r in revoking if r.inspection not in with_incidents]
	names = list({r.inspection for r in rows})
	photos: dict[str, list] = defaultdict(list)
	for p in frappe.get_all(
		"Inspection Photo",
		filters={"parenttype": INSPECTION, "parentfield": "photos", "parent": ["in", names or [""]]},
		fields=["parent", "photo", "caption"],
		order_by="parent asc, idx asc",
	):
		if p.photo and p.photo.startswith(PHOTO_URLS):
			photos[p.parent].append({"url": p.photo, "caption": p.caption})
	inspectors = full_names(r.inspector for r in rows)
	out = []
	for r in sorted(rows, key=lambda r: (getdate(r.inspection_date), r.inspection, r.get("idx") or 0)):
		day = getdate(r.inspection_date)
		out.append(
			{
				"inspection": r.inspection,
				"date": str(day),
				"item": r.inspection_item,
				"incident_type": r.get("incident_type"),
				"count": r.get("count") or 0,
				"deduction": number(points(number(r.get("deduction")))),
				"reason": r.get("reason") or "",
				"remarks": r.remarks or "",
				"spot_check": bool(r.is_spot_check),
				"revokes_flag": bool(r.revokes_flag),
				"inspector": inspectors.get(r.inspector) or "",
				"photos": photos.get(r.inspection, []),
				"lines": lines_for(r.inspection_item, r.get("incident_type"), day, appraisals),
			}
		)
	out.reverse()  # newest first
	return out


def line_match(evidence: dict, item: str, incident_type: str | None) -> int | None:
	"""How closely an appraisal line's evidence says it counts a deduction of the item (0: the item
	and the incident's type, 1: the item, 2: the item among a red-flag part's), or None."""
	if evidence.get("item") == item:
		counted = {**(evidence.get("incidents") or {}), **(evidence.get("events") or {})}
		return 0 if incident_type and incident_type in counted else 1
	if item in (evidence.get("per_item") or {}):
		return 2
	return None


def lines_for(item: str, incident_type: str | None, day: date, appraisals: list[dict]) -> list[dict]:
	"""Of each appraisal whose days cover the day, the line the deduction counts in (the closest one
	by line_match), with the appraisal it belongs to."""
	found = []
	for a in appraisals:
		if not (a["_from"] <= day <= a["_to"]):
			continue
		best = None
		for line in a["_lines"]:
			match = line_match(line["_evidence"], item, incident_type)
			if match is not None and (best is None or match < best[0]):
				best = (match, line)
		if best:
			line = best[1]
			found.append(
				{
					"appraisal": a["name"],
					"period": a["period"],
					"criterion_code": line["criterion_code"],
					"criterion_title": line["criterion_title"],
					"points": line["points"],
					"appeal": a["appeal"],
				}
			)
	return found


# ------------------------------------------------------------------ appraisals and appeals


def class_appraisals(record, start: date, end: date, on: date, user: str) -> list[dict]:
	"""The class's appraisals the user may read (frappe.get_list: a class teacher their own, the
	office and the principal all) of the periods that overlap start…end, shortest period first
	(the month before the term), with their lines and whether the user may appeal them now."""
	periods = {
		p.name: p
		for p in frappe.get_all(
			PERIOD,
			filters={"start_date": ["<=", end], "end_date": [">=", start]},
			fields=["name", "period_type", "start_date", "end_date"],
		)
	}
	if not periods:
		return []
	rows = frappe.get_list(
		APPRAISAL,
		filters={
			"class_record": record.name,
			"appraisal_period": ["in", list(periods)],
			"docstatus": ["<", 2],
		},
		fields=[
			"name",
			"appraisal_period",
			"class_teacher",
			"teacher_name",
			"docstatus",
			"workflow_state",
			"total_score",
			"grade",
			"rank",
			"rank_out_of",
			"approved_on",
			"served_from",
			"served_to",
		],
		order_by="creation asc",
	)
	if not rows:
		return []
	names = [r.name for r in rows]
	lines: dict[str, list] = defaultdict(list)
	for ln in frappe.get_all(
		"Class Teacher Appraisal Line",
		filters={"parenttype": APPRAISAL, "parentfield": "lines", "parent": ["in", names]},
		fields=[
			"parent",
			"criterion_code",
			"criterion_title",
			"section_code",
			"points",
			"max_points",
			"evidence",
		],
		order_by="parent asc, idx asc",
	):
		lines[ln.parent].append(
			{
				"criterion_code": ln.criterion_code,
				"criterion_title": ln.criterion_title,
				"section_code": ln.section_code,
				"points": number(ln.points),
				"max_points": number(ln.max_points),
				"_evidence": frappe.parse_json(ln.evidence or "{}") or {},
			}
		)
	open_appeals = dict(
		frappe.get_all(
			APPEAL,
			filters={"appraisal": ["in", names], "status": "Open"},
			fields=["appraisal", "name"],
			as_list=True,
		)
	)
	days = appeal_days()
	now = now_datetime()
	out = []
	for r in rows:
		p = periods[r.appraisal_period]
		served_from = getdate(r.served_from or p.start_date)
		served_to = getdate(r.served_to or p.end_date)
		approved = r.docstatus == 1
		out.append(
			{
				"name": r.name,
				"period": r.appraisal_period,
				"period_type": p.period_type,
				"start": str(getdate(p.start_date)),
				"end": str(getdate(p.end_date)),
				"teacher_name": r.teacher_name,
				"workflow_state": r.workflow_state,
				"docstatus": r.docstatus,
				"total_score": number(r.total_score),
				"grade": r.grade if approved else None,
				"rank": r.rank if approved else None,
				"rank_out_of": r.rank_out_of if approved else None,
				"appeal": appeal_state(r, user, open_appeals.get(r.name), days, now),
				"lines": [{k: v for k, v in ln.items() if k != "_evidence"} for ln in lines[r.name]],
				"current": served_from <= on <= served_to,
				"_from": served_from,
				"_to": served_to,
				"_lines": lines[r.name],
				"_span": (getdate(p.end_date) - getdate(p.start_date)).days,
			}
		)
	out.sort(key=lambda a: (not a["current"], a["_span"], a["period"]))
	return out


def appeal_state(row, user: str, open_appeal: str | None, days: int, now) -> dict:
	"""Whether the user may start an appeal of the appraisal now, as Appraisal Appeal's own checks
	decide it on save (approved; the appraised teacher; within the appeal days; no open appeal),
	and otherwise why not. The appeal form checks all of it again when it is saved."""
	closes = appeal_closes_on(row.approved_on, days) if row.approved_on else None
	state = {"allowed": False, "open_appeal": open_appeal, "closes_on": str(closes) if closes else None}
	if row.docstatus != 1:
		state["why"] = _("Appeals open once the appraisal is approved.")
	elif row.class_teacher != user:
		state["why"] = _("Only the appraised class teacher can appeal.")
	elif open_appeal:
		state["why"] = _("This appraisal already has an open appeal: {0}.").format(text(open_appeal))
	elif closes and now > closes:
		state["why"] = _(
			"Appeals are possible for {0} days after approval; this appraisal was approved on {1}."
		).format(days, frappe.format(row.approved_on, {"fieldtype": "Datetime"}))
	else:
		state["allowed"] = True
	return state


def public(appraisal: dict) -> dict:
	"""An appraisal as the page gets it, without the helper keys (those starting with "_")."""
	return {k: v for k, v in appraisal.items() if not k.startswith("_")}
