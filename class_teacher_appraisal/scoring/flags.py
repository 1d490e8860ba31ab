"""Rotating red flags (流动红旗): weekly top-N awards per inspection item,
level -> flag conversions, revocations by failed spot checks, and weekly
eligibility rules. Works on all classes of a period at once, since a class's
flags depend on how the others did."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from .amounts import ZERO
from .model import ClassEvidence, FlagEligibilityRule, FlagWeek, InspectionItem


def ineligible_weeks(evidence: ClassEvidence, rules: tuple[FlagEligibilityRule, ...]) -> set[date]:
	"""Weeks in which the class's incidents reach a rule's count (e.g. two fights or littering)."""
	weeks = set()
	for rule in rules:
		per_week: dict[date, int] = defaultdict(int)
		for (_item, week, incident_type), count in evidence.incidents.items():
			if incident_type in rule.incident_types:
				per_week[week] += count
		weeks.update(week for week, count in per_week.items() if count >= rule.min_count)
	return weeks


def award_weekly_flags(
	items: dict[str, InspectionItem],
	classes: list[ClassEvidence],
	rules: tuple[FlagEligibilityRule, ...] = (),
) -> dict[str, dict[tuple[str, date], FlagWeek]]:
	"""Flags per class, per (item, week). Ties at the last winning place all win."""
	result: dict[str, dict[tuple[str, date], FlagWeek]] = {}
	contests: dict[tuple[str, date], list[FlagWeek]] = defaultdict(list)
	for evidence in classes:
		barred = ineligible_weeks(evidence, rules)
		weeks = result[evidence.class_id] = {}
		for (item_name, week), stats in evidence.weeks.items():
			item = items.get(item_name)
			if item is None:
				continue
			level_flags = sum(
				(item.level_flags.get(level, ZERO) * n for level, n in stats.levels.items()), ZERO
			)
			flag_week = FlagWeek(
				item=item_name,
				week=week,
				level_flags=level_flags,
				revoked=stats.revocations,
				net_average=stats.net_average,
				ineligible=week in barred,
			)
			weeks[(item_name, week)] = flag_week
			if item.weekly_flag_winners > 0 and stats.count > 0:
				contests[(item_name, week)].append(flag_week)

	for (item_name, _week), entries in contests.items():
		eligible = sorted((e for e in entries if not e.ineligible), key=lambda e: e.net_average, reverse=True)
		# Competition ranks (1, 2, 2, 4) in one pass over the sorted list: ties share the first place.
		for place, entry in enumerate(eligible, start=1):
			tied = place > 1 and entry.net_average == eligible[place - 2].net_average
			entry.rank = eligible[place - 2].rank if tied else place
		winners = items[item_name].weekly_flag_winners
		cutoff = eligible[winners - 1].net_average if len(eligible) >= winners else None
		for entry in eligible:
			if cutoff is None or entry.net_average >= cutoff:
				entry.awarded = 1
	return result


def flag_total(weeks: dict[tuple[str, date], FlagWeek], item: str = "") -> Decimal:
	"""A class's flags in the period (for one item, or all), never below zero."""
	total = sum((w.total for (name, _week), w in weeks.items() if not item or name == item), ZERO)
	return max(total, ZERO)


def comparison_groups(grade_levels: dict[str, int], compare_within: str) -> list[list[str]]:
	"""The classes whose flags are compared: the whole school, or each grade level when the
	rubric says "Grade Level" (the top class of each group gets full marks)."""
	groups: dict[object, list[str]] = defaultdict(list)
	for class_id, grade_level in grade_levels.items():
		groups[grade_level if compare_within == "Grade Level" else None].append(class_id)
	return list(groups.values())


def flag_share_points(own: Decimal, top: Decimal, full: Decimal) -> Decimal:
	"""The seeds' rule: the class with the most flags gets full marks, the others
	full × own flags ÷ top flags; nobody scores when no class has a flag."""
	if top <= 0:
		return ZERO
	if own >= top:
		return full
	return full * own / top


def flag_tops(
	totals: dict[str, Decimal], grade_levels: dict[str, int], compare_within: str
) -> dict[str, Decimal]:
	"""Per class, the most flags among the classes it is compared with (see comparison_groups)."""
	tops: dict[str, Decimal] = {}
	for members in comparison_groups(grade_levels, compare_within):
		top = max((totals.get(k, ZERO) for k in members), default=ZERO)
		tops.update(dict.fromkeys(members, top))
	return tops


def flag_shares(
	flags: dict[str, dict[tuple[str, date], FlagWeek]],
	grade_levels: dict[str, int],
	item: str,
	compare_within: str,
	full: Decimal,
) -> dict[str, tuple[Decimal, Decimal, Decimal]]:
	"""A red-flag part for every class of a period (grade_levels: class -> grade level, the
	classes the flags are contested among): (own flags, top flags, points before rounding), with
	own = flag_total for the item, top = the most among the classes compared, and the points
	flag_share_points gives them."""
	totals = {k: flag_total(flags.get(k, {}), item) for k in grade_levels}
	tops = flag_tops(totals, grade_levels, compare_within)
	return {k: (totals[k], tops[k], flag_share_points(totals[k], tops[k], full)) for k in totals}


def is_published(week: FlagWeek, item: InspectionItem) -> bool:
	"""Whether a class's week of an item is one of the published red flags (a Red Flag Award): the
	item awards weekly flags, or the week gave or took a flag."""
	return bool(week.awarded or week.level_flags or week.revoked or item.weekly_flag_winners)


def flag_breakdown(weeks: dict[tuple[str, date], FlagWeek], item: str = "") -> dict:
	"""Counts behind a flag total, for the line's evidence."""
	chosen = [w for (name, _week), w in weeks.items() if not item or name == item]
	per_item: dict[str, Decimal] = defaultdict(lambda: ZERO)
	for w in chosen:
		per_item[w.item] += w.total
	return {
		"weekly_awards": sum(w.awarded for w in chosen),
		"level_flags": str(sum((w.level_flags for w in chosen), ZERO)),
		"revoked": sum(w.revoked for w in chosen),
		"ineligible_weeks": sorted({w.week.isoformat() for w in chosen if w.ineligible}),
		"per_item": {k: str(v) for k, v in sorted(per_item.items())},
		"award_weeks": sorted({f"{w.item}@{w.week.isoformat()}" for w in chosen if w.awarded}),
	}
