"""One function per rule kind: the points a criterion gives one class, the
explanation in words a teacher understands, and the evidence counts behind it."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from . import formula
from .amounts import ZERO, D, fmt
from .flags import flag_breakdown, flag_share_points, flag_total
from .i18n import Msg, _, joined, msg
from .model import ClassEvidence, Criterion, FlagWeek, InspectionItem, QuotaMode, Rubric


@dataclass
class Context:
	rubric: Rubric
	items: dict[str, InspectionItem]
	evidence: ClassEvidence
	flags: dict  # (item, week) -> FlagWeek of this class
	top_flags: dict[str, tuple[Decimal, str]]  # criterion code -> (most flags, class with them)


@dataclass
class Outcome:
	points: Decimal | None
	explanation: list[Msg]
	evidence: dict


def _inspection_stats(ctx: Context, item: str) -> dict:
	weeks = [s for (name, _week), s in ctx.evidence.weeks.items() if name == item]
	count = sum(s.count for s in weeks)
	score_sum = sum((s.score_sum for s in weeks), ZERO)
	deduction_sum = sum((s.deduction_sum for s in weeks), ZERO)
	levels: dict[str, int] = defaultdict(int)
	for s in weeks:
		for level, n in s.levels.items():
			levels[level] += n
	return {
		"count": count,
		"score_sum": score_sum,
		"deduction_sum": deduction_sum,
		"weeks": sum(1 for s in weeks if s.count),
		"levels": dict(levels),
	}


def _incident_count(ctx: Context, types: tuple[str, ...], item: str = "") -> tuple[int, dict[str, int]]:
	per_type: dict[str, int] = defaultdict(int)
	for (name, _week, incident_type), n in ctx.evidence.incidents.items():
		if incident_type in types and (not item or name == item):
			per_type[incident_type] += n
	return sum(per_type.values()), dict(per_type)


def _list(per_type: dict[str, int]) -> str:
	return ", ".join(f"{t} × {n}" for t, n in sorted(per_type.items()))


def manual(c: Criterion, ctx: Context) -> Outcome:
	entered = ctx.evidence.manual.get(c.code)
	if entered is None or entered.points is None:
		return Outcome(None, [msg(_("Scored by hand (up to {0}); not entered yet"), fmt(c.max_points))], {})
	return Outcome(None, [msg(_("Scored by hand: {0} of {1}"), fmt(entered.points), fmt(c.max_points))], {})


def deduction(c: Criterion, ctx: Context) -> Outcome:
	count, per_type = _incident_count(ctx, c.incident_types, c.inspection_item)
	zeroed, zero_types = _incident_count(ctx, c.zero_incident_types, c.inspection_item)
	evidence = {"incidents": per_type, "zeroing_incidents": zero_types, "item": c.inspection_item}
	if zeroed:
		return Outcome(ZERO, [msg(_("The item scores 0: {0}"), _list(zero_types))], evidence)
	taken = c.unit_points * count
	capped = bool(c.cap) and taken > c.cap
	if capped:
		taken = c.cap
	if c.max_points > 0:
		points = max(c.max_points - taken, ZERO)
		text = msg(
			_("{0} − {1} per incident × {2} ({3}) = {4}"),
			fmt(c.max_points),
			fmt(c.unit_points),
			count,
			_list(per_type) or "—",
			fmt(points),
		)
	else:
		points = -taken
		text = msg(
			_("−{0} per incident × {1} ({2}) = {3}"),
			fmt(c.unit_points),
			count,
			_list(per_type) or "—",
			fmt(points),
		)
	explanation = [text]
	if capped:
		explanation.append(msg(_("deductions capped at {0}"), fmt(c.cap)))
	return Outcome(points, explanation, evidence)


def bonus(c: Criterion, ctx: Context) -> Outcome:
	count, per_type = _incident_count(ctx, c.incident_types, c.inspection_item)
	earned = c.unit_points * count
	cap = c.cap or c.max_points
	explanation = [msg(_("+{0} per event × {1} ({2})"), fmt(c.unit_points), count, _list(per_type) or "—")]
	if cap and earned > cap:
		earned = cap
		explanation.append(msg(_("capped at {0}"), fmt(cap)))
	return Outcome(earned, explanation, {"events": per_type, "item": c.inspection_item})


def level_points(c: Criterion, ctx: Context) -> Outcome:
	stats = _inspection_stats(ctx, c.inspection_item)
	levels = stats["levels"]
	n = sum(levels.values())
	total = sum((c.levels.get(level, ZERO) * count for level, count in levels.items()), ZERO)
	parts = ", ".join(
		f"{level} × {count} ({'+' if c.levels.get(level, ZERO) >= 0 else ''}{fmt(c.levels.get(level, ZERO))})"
		for level, count in sorted(levels.items())
	)
	evidence = {"item": c.inspection_item, "levels": levels}
	if not n:
		return Outcome(ZERO, [msg(_("No {0} results in this period"), c.inspection_item)], evidence)
	if c.aggregate == "Average":
		points = total / n
		return Outcome(points, [msg(_("Average of {0} results: {1}"), n, parts)], evidence)
	return Outcome(total, [msg(_("Sum of {0} results: {1}"), n, parts)], evidence)


def inspection_score(c: Criterion, ctx: Context) -> Outcome:
	stats = _inspection_stats(ctx, c.inspection_item)
	item = ctx.items.get(c.inspection_item)
	evidence = {"item": c.inspection_item, "inspections": stats["count"]}
	if not stats["count"] or item is None or not item.max_score:
		return Outcome(ZERO, [msg(_("No {0} inspections in this period"), c.inspection_item)], evidence)
	average = (stats["score_sum"] - stats["deduction_sum"]) / stats["count"]
	points = max(min(c.max_points * average / item.max_score, c.max_points), ZERO)
	return Outcome(
		points,
		[
			msg(
				_("Average of {0} inspections: {1} of {2}, × {3} ÷ {2} = {4}"),
				stats["count"],
				fmt(average.quantize(Decimal("0.01"))),
				fmt(item.max_score),
				fmt(c.max_points),
				fmt(points.quantize(Decimal("0.01"))),
			)
		],
		evidence,
	)


def flag_share(c: Criterion, ctx: Context) -> Outcome:
	own = flag_total(ctx.flags, c.inspection_item)
	top, top_class = ctx.top_flags.get(c.code, (ZERO, ""))
	evidence = {"flags": str(own), "top_flags": str(top), "top_class": top_class}
	evidence.update(flag_breakdown(ctx.flags, c.inspection_item))
	detail = msg(
		_("{0} weekly awards + {1} from results − {2} taken back by spot checks"),
		evidence["weekly_awards"],
		fmt(D(evidence["level_flags"])),
		evidence["revoked"],
	)
	if top <= 0:
		return Outcome(ZERO, [msg(_("No class has a red flag in this period")), detail], evidence)
	if own >= top:
		return Outcome(
			c.max_points,
			[msg(_("{0} red flags, the most of any class: full {1}"), fmt(own), fmt(c.max_points)), detail],
			evidence,
		)
	points = flag_share_points(own, top, c.max_points)
	return Outcome(
		points,
		[
			msg(
				_("{0} red flags; the top class ({1}) has {2}: {3} ÷ {2} × {0} = {4}"),
				fmt(own),
				top_class,
				fmt(top),
				fmt(c.max_points),
				fmt(points.quantize(Decimal("0.01"))),
			),
			detail,
		],
		evidence,
	)


def rating(c: Criterion, ctx: Context) -> Outcome:
	scale = ctx.rubric.rating_scale or Decimal(100)
	present = {
		group: ctx.evidence.ratings[(c.code, group)]
		for group in c.rater_weights
		if (c.code, group) in ctx.evidence.ratings and ctx.evidence.ratings[(c.code, group)][1] > 0
	}
	evidence = {group: {"average": str(avg), "raters": n} for group, (avg, n) in present.items()}
	if not present:
		return Outcome(ZERO, [msg(_("No ratings yet"))], evidence)
	weight_sum = sum((c.rater_weights[g] for g in present), ZERO)
	weighted = sum((c.rater_weights[g] * avg for g, (avg, _n) in present.items()), ZERO) / weight_sum
	points = c.max_points * weighted / scale
	parts = joined(
		[
			msg(
				_("{0}% × {1} ({2}, {3})"),
				fmt(c.rater_weights[g]),
				fmt(avg.quantize(Decimal("0.01"))),
				msg(g),
				n,
			)
			for g, (avg, n) in present.items()
		]
	)
	explanation = [
		msg(
			_("{0} × ({1}) ÷ {2} = {3}"),
			fmt(c.max_points),
			parts,
			fmt(scale),
			fmt(points.quantize(Decimal("0.01"))),
		)
	]
	missing = [g for g in c.rater_weights if g not in present]
	if missing:
		explanation.append(
			msg(
				_("no ratings from {0}: the other groups' weights are scaled up"),
				joined([msg(g) for g in missing], ", "),
			)
		)
	return Outcome(points, explanation, evidence)


def achievements(c: Criterion, ctx: Context) -> Outcome:
	entries = ctx.evidence.achievements.get(c.code, [])
	total = ZERO
	parts = []
	for a in entries:
		base = a.base_points or c.max_points
		weight = c.levels.get(a.level, ZERO)
		total += base * weight
		parts.append(f"{a.title} ({a.level}: {fmt(base)} × {fmt(weight)})")
	evidence = {"achievements": [[a.title, a.level, str(a.base_points)] for a in entries]}
	if not entries:
		return Outcome(ZERO, [msg(_("No achievements recorded"))], evidence)
	explanation = [msg(_("Achievements: {0}"), "; ".join(parts))]
	if c.max_points and total > c.max_points:
		total = c.max_points
		explanation.append(msg(_("capped at the item's maximum {0}"), fmt(c.max_points)))
	return Outcome(total, explanation, evidence)


def rollup(c: Criterion, ctx: Context) -> Outcome:
	periods = ctx.evidence.rollup.get(c.code, [])
	evidence = {"periods": [[p, str(t)] for p, t in periods]}
	if not periods:
		return Outcome(ZERO, [msg(_("No appraisals of the shorter periods yet"))], evidence)
	total = sum((t for _p, t in periods), ZERO)
	listing = ", ".join(f"{p}: {fmt(t)}" for p, t in periods)
	if c.aggregate == "Average":
		points = total / len(periods)
		explanation = [msg(_("Average of {0} periods ({1})"), len(periods), listing)]
	else:
		points = total
		explanation = [msg(_("Sum of {0} periods ({1})"), len(periods), listing)]
	if c.max_points and points > c.max_points:
		points = c.max_points
		explanation.append(msg(_("capped at {0}"), fmt(c.max_points)))
	return Outcome(points, explanation, evidence)


def formula_points(c: Criterion, ctx: Context) -> Outcome:
	stats = _inspection_stats(ctx, c.inspection_item) if c.inspection_item else None
	incidents, per_type = _incident_count(ctx, c.incident_types, c.inspection_item)
	entered = ctx.evidence.manual.get(c.code)
	item = ctx.items.get(c.inspection_item)
	variables = {
		"max_points": c.max_points,
		"unit_points": c.unit_points,
		"inspections": stats["count"] if stats else 0,
		"score_sum": stats["score_sum"] if stats else 0,
		"score_avg": stats["score_sum"] / stats["count"] if stats and stats["count"] else 0,
		"deduction_sum": stats["deduction_sum"] if stats else 0,
		"item_max": item.max_score if item else 0,
		"weeks": stats["weeks"] if stats else 0,
		"incidents": incidents,
		"flags": flag_total(ctx.flags, c.inspection_item),
		"top_flags": ctx.top_flags.get(c.code, (ZERO, ""))[0],
		"pupils": ctx.evidence.pupils,
		"manual": entered.points if entered and entered.points is not None else 0,
	}
	value = formula.evaluate(c.formula, variables)
	used = {k: fmt(D(v).quantize(Decimal("0.01"))) for k, v in variables.items() if k in c.formula}
	return Outcome(
		value,
		[msg(_("Formula {0} with {1}"), c.formula, ", ".join(f"{k} = {v}" for k, v in sorted(used.items())))],
		{"variables": used, "incidents": per_type},
	)


def quota_progress(c: Criterion, evidence: ClassEvidence) -> dict:
	"""What counts towards a quota: the confirmed activities of its kind and scope, at or above its
	minimum level (ranked by the criterion's levels; a level it does not rank never counts then).
	Returns done and quota (counts or hours), the missing rest, the counted amount per level, the
	records behind it (Appraisal Activities, and Studio Activities attended or held by the studio)
	and how many records were below the level."""
	hours = c.quota_measure == "Hours"
	floor = c.levels.get(c.min_level) if c.min_level else None
	done, below = ZERO, 0
	per_level: dict[str, Decimal] = defaultdict(Decimal)
	names: list[str] = []
	studio_names: list[str] = []
	for (scope, kind, level), tally in sorted(evidence.activities.items()):
		if scope != c.quota_scope or kind != c.activity_kind:
			continue
		if floor is not None and (level not in c.levels or c.levels[level] < floor):
			below += tally.count
			continue
		amount = tally.hours if hours else D(tally.count)
		done += amount
		per_level[level] += amount
		names.extend(tally.names)
		studio_names.extend(tally.studio_names)
	return {
		"done": done,
		"quota": c.quota,
		"missing": max(c.quota - done, ZERO),
		"levels": dict(per_level),
		"activities": names,
		"studio_activities": studio_names,
		"below_level": below,
	}


def _quota_text(c: Criterion, done: Decimal) -> Msg:
	"""主题班会 1/2, 培训 22/40 课时, 培训（市级及以上）0/1."""
	hours = c.quota_measure == "Hours"
	if c.min_level:
		template = _("{0} at {1} or above {2}/{3} hours") if hours else _("{0} at {1} or above {2}/{3}")
		return msg(template, c.activity_kind, c.min_level, fmt(done), fmt(c.quota))
	template = _("{0} {1}/{2} hours") if hours else _("{0} {1}/{2}")
	return msg(template, c.activity_kind, fmt(done), fmt(c.quota))


def quota(c: Criterion, ctx: Context) -> Outcome:
	"""A count or hours of confirmed activities of a kind in the period against a quota: met, it
	earns the maximum; missed, in proportion, nothing, or the unit points per missing one."""
	found = quota_progress(c, ctx.evidence)
	done, missing = found["done"], found["missing"]
	evidence = {
		"activity_kind": c.activity_kind,
		"scope": c.quota_scope,
		"measure": c.quota_measure,
		"min_level": c.min_level,
		"done": fmt(done),
		"quota": fmt(c.quota),
		"missing": fmt(missing),
		"levels": {level: fmt(n) for level, n in found["levels"].items()},
		"activities": found["activities"],
	}
	if found["studio_activities"]:
		evidence["studio_activities"] = found["studio_activities"]
	progress = _quota_text(c, done)
	if c.quota_mode == QuotaMode.PER_MISSING:
		taken = c.unit_points * missing
		if c.cap and taken > c.cap:
			taken = c.cap
		if c.max_points > 0:
			points = max(c.max_points - taken, ZERO)
			how = msg(
				_("{0} − {1} per missing × {2} = {3}"),
				fmt(c.max_points),
				fmt(c.unit_points),
				fmt(missing),
				fmt(points.quantize(Decimal("0.01"))),
			)
		else:
			points = -taken
			how = msg(
				_("−{0} per missing × {1} = {2}"),
				fmt(c.unit_points),
				fmt(missing),
				fmt(points.quantize(Decimal("0.01"))),
			)
	elif c.quota <= 0 or done >= c.quota:
		points = c.max_points
		how = msg(_("quota met: full {0}"), fmt(c.max_points))
	elif c.quota_mode == QuotaMode.ALL_OR_NOTHING:
		points = ZERO
		how = msg(_("quota not met, {0} missing: 0"), fmt(missing))
	else:
		points = c.max_points * done / c.quota
		how = msg(
			_("{0} ÷ {1} × {2} = {3}"),
			fmt(c.max_points),
			fmt(c.quota),
			fmt(done),
			fmt(points.quantize(Decimal("0.01"))),
		)
	explanation = [msg(_("{0}: {1}"), progress, how)]
	if found["below_level"]:
		explanation.append(msg(_("{0} below {1} not counted"), found["below_level"], c.min_level))
	return Outcome(points, explanation, evidence)


__all__ = ["Context", "FlagWeek", "Outcome"]
