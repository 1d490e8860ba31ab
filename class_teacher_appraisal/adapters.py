"""Turns the app's DocTypes into the scoring core's plain data (and back into JSON-safe text)."""

import json
from collections import defaultdict

import frappe

from class_teacher_appraisal.scoring import (
	Criterion,
	D,
	Effect,
	FlagEligibilityRule,
	GradeBand,
	InspectionItem,
	Kind,
	Msg,
	QuotaMode,
	QuotaScope,
	Rubric,
	Section,
	VetoRule,
)
from class_teacher_appraisal.scoring.model import Honour, Places


def split_lines(text: str | None) -> tuple[str, ...]:
	"""Incident types are entered one per line (commas and 、 are accepted too)."""
	if not text:
		return ()
	for sep in (",", "，", "、", ";", "；"):
		text = text.replace(sep, "\n")
	return tuple(dict.fromkeys(t.strip() for t in text.split("\n") if t.strip()))


def parse_grades(text: str | None) -> frozenset[int]:
	"""Grades written as "3-6", "1, 2, 7-9" or "9" (full-width commas and dashes too); empty: none.
	Raises ValueError for anything else or a grade outside 1 … 12."""
	grades: set[int] = set()
	for part in (
		(text or "").replace("，", ",").replace("、", ",").replace("－", "-").replace("~", "-").split(",")
	):
		part = part.strip()
		if not part:
			continue
		low, sep, high = part.partition("-")
		first, last = int(low), int(high if sep else low)
		if not 1 <= first <= last <= 12:
			raise ValueError(part)
		grades.update(range(first, last + 1))
	return frozenset(grades)


def to_criterion(
	c,
	levels: dict | None = None,
	raters: dict | None = None,
	grade_max: dict | None = None,
	grade_quota: dict | None = None,
) -> Criterion:
	"""A rubric's criterion row as the scoring core reads it."""
	return Criterion(
		code=c.criterion_code,
		title=c.criterion_title,
		kind=c.rule_kind,
		section=c.section_code or "",
		max_points=D(c.max_points),
		unit_points=D(c.unit_points),
		cap=D(c.cap),
		inspection_item=c.inspection_item or "",
		incident_types=split_lines(c.incident_types),
		zero_incident_types=split_lines(c.zero_incident_types),
		levels=dict(levels or {}),
		rater_weights=dict(raters or {}),
		aggregate=c.aggregate or "Sum",
		compare_within=c.compare_within or "School",
		formula=c.formula or "",
		source_period_type=c.source_period_type or "",
		grade_levels=parse_grades(c.get("grade_levels")),
		grade_max=dict(grade_max or {}),
		activity_kind=c.get("activity_kind") or "",
		quota=D(c.get("quota")),
		quota_measure=c.get("quota_measure") or "Count",
		quota_scope=c.get("quota_scope") or QuotaScope.CLASS,
		quota_mode=c.get("quota_mode") or QuotaMode.PROPORTION,
		min_level=(c.get("min_level") or "").strip(),
		grade_quota=dict(grade_quota or {}),
	)


def to_rubric(doc) -> Rubric:
	levels: dict[str, dict] = defaultdict(dict)
	for row in doc.levels:
		kind = next((c.rule_kind for c in doc.criteria if c.criterion_code == row.criterion_code), "")
		# achievements weigh by level; a quota ranks its levels by weight (the higher, the higher level)
		levels[row.criterion_code][row.level] = D(
			row.weight if kind in (Kind.ACHIEVEMENTS, Kind.QUOTA) else row.points
		)
	raters: dict[str, dict] = defaultdict(dict)
	for row in doc.rater_weights:
		raters[row.criterion_code][row.rater_group] = D(row.weight_percent)
	maxima: dict[str, dict] = defaultdict(dict)
	quotas: dict[str, dict] = defaultdict(dict)
	for row in doc.get("grade_maxima") or []:
		for grade in parse_grades(row.grade_levels):
			maxima[row.criterion_code][grade] = D(row.max_points)
			if D(row.get("quota")) > 0:
				quotas[row.criterion_code][grade] = D(row.quota)
	return Rubric(
		name=doc.name,
		total_points=D(doc.total_points),
		sections=tuple(
			Section(
				code=s.section_code,
				title=s.section_title,
				max_points=D(s.max_points),
				weight_percent=D(s.weight_percent),
				allow_above_max=bool(s.allow_above_max),
			)
			for s in doc.sections
		),
		criteria=tuple(
			to_criterion(
				c,
				levels.get(c.criterion_code, {}),
				raters.get(c.criterion_code, {}),
				maxima.get(c.criterion_code),
				quotas.get(c.criterion_code),
			)
			for c in doc.criteria
		),
		bands=tuple(
			GradeBand(b.grade, D(b.min_score), D(b.allowance), bool(b.withhold_all)) for b in doc.grade_bands
		),
		# vetoes, then honours exclusions (their own table; a veto row of an older rubric keeps its effect)
		veto_rules=tuple(
			VetoRule(
				v.rule_code, v.rule_title, v.effect or Effect.LOWEST_GRADE, split_lines(v.incident_types)
			)
			for v in doc.veto_rules
		)
		+ tuple(
			VetoRule(e.rule_code, e.rule_title, Effect.EXCLUDE_FROM_HONOURS, split_lines(e.incident_types))
			for e in doc.get("exclusion_rules") or []
		),
		flag_rules=tuple(
			FlagEligibilityRule(split_lines(f.incident_types), int(f.min_count or 0), f.rule_title or "")
			for f in doc.flag_rules
		),
		rating_scale=D(doc.rating_scale or 100),
		base_allowance=D(doc.base_allowance),
		allowance_per_pupil=D(doc.allowance_per_pupil),
		rank_allowances={r.teacher_rank: D(r.amount) for r in doc.get("rank_allowances") or []},
		places=Places(
			(doc.get("places_grade") or "").strip(),
			D(doc.get("places_share")),
			int(doc.get("places_count") or 0),
			(doc.get("grade_beyond_places") or "").strip(),
		),
		honour=Honour((doc.get("honour_title") or "").strip(), int(doc.get("honour_places") or 0)),
	)


def load_items(names: set[str] | None = None) -> dict[str, InspectionItem]:
	"""All inspection items (or the named ones) with their levels, in two queries."""
	filters = {"name": ["in", list(names)]} if names else {}
	items = frappe.get_all(
		"Inspection Item",
		filters=filters,
		fields=["name", "scoring_method", "max_score", "weekly_flag_winners"],
	)
	levels = frappe.get_all(
		"Inspection Item Level",
		filters={"parenttype": "Inspection Item", "parent": ["in", [i.name for i in items] or [""]]},
		fields=["parent", "level", "score", "red_flags"],
	)
	scores: dict[str, dict] = defaultdict(dict)
	flags: dict[str, dict] = defaultdict(dict)
	for row in levels:
		scores[row.parent][row.level] = D(row.score)
		if row.red_flags:
			flags[row.parent][row.level] = D(row.red_flags)
	return {
		i.name: InspectionItem(
			name=i.name,
			method=i.scoring_method,
			max_score=D(i.max_score),
			level_scores=scores[i.name],
			level_flags=flags[i.name],
			weekly_flag_winners=int(i.weekly_flag_winners or 0),
		)
		for i in items
	}


def messages_to_json(messages: list[Msg]) -> list:
	"""[[template, args], …]; an argument that is a message becomes {"msg": [template, args]}."""

	def arg(a):
		return {"msg": [a.template, [arg(x) for x in a.args]]} if isinstance(a, Msg) else a

	return [[m.template, [arg(a) for a in m.args]] for m in messages]


def messages_from_json(data) -> list[Msg]:
	def arg(a):
		if isinstance(a, dict) and "msg" in a:
			template, args = a["msg"]
			return Msg(template, tuple(arg(x) for x in args))
		return a

	return [Msg(template, tuple(arg(a) for a in args)) for template, args in (data or [])]


def render(messages: list[Msg], sep: str = "; ") -> str:
	"""Renders core messages for storage, in the site's language (a school's office reads them
	in reports and prints); the Desk re-renders them in each reader's language."""
	lang = frappe.db.get_default("lang") or frappe.get_system_settings("language") or "en"
	return sep.join(m.render(lambda s: frappe._(s, lang=lang)) for m in messages)


def load_json(value) -> dict:
	if not value:
		return {}
	return value if isinstance(value, dict) else json.loads(value)
