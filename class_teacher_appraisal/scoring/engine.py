"""Scores every class of one period against a rubric, in one pass."""

from collections import defaultdict
from decimal import Decimal

from .amounts import ZERO, clamp, fmt, points
from .flags import award_weekly_flags, comparison_groups, flag_tops, flag_total
from .formula import FormulaError
from .i18n import Msg, _, msg
from .kinds import KINDS
from .model import (
	ClassEvidence,
	ClassResult,
	Criterion,
	Effect,
	GradeBand,
	InspectionItem,
	LineResult,
	Rubric,
	SectionResult,
	criteria_for,
)
from .rules import Context

# Marks, in a line's evidence, a formula that could not be computed (kept when the line is re-scored).
FORMULA_ERROR = "formula_error"


class ScoringError(ValueError):
	"""A rubric that cannot be applied (e.g. a broken formula); carries a translatable message."""

	def __init__(self, message: Msg):
		super().__init__(message.render())
		self.message = message


def line_bounds(c: Criterion) -> tuple[Decimal | None, Decimal | None]:
	"""The range a line's points must stay in."""
	if KINDS[c.kind].penalty_without_max and not c.max_points:
		return (-c.cap if c.cap else None, ZERO)  # a penalty taken from the part
	if KINDS[c.kind].signed:
		return (None, c.max_points or None)
	return (ZERO, c.max_points or c.cap or None)


def competition_ranks(values: dict[str, Decimal]) -> dict[str, int]:
	"""1, 2, 2, 4: equal totals share a rank."""
	first: dict[Decimal, int] = {}
	for place, value in enumerate(sorted(values.values(), reverse=True), start=1):
		first.setdefault(value, place)
	return {key: first[value] for key, value in values.items()}


def score_period(
	rubric: Rubric, items: dict[str, InspectionItem], classes: list[ClassEvidence]
) -> list[ClassResult]:
	flags = award_weekly_flags(items, classes, rubric.flag_rules)
	tops = _top_flags(rubric, classes, flags)
	results = [_score_class(rubric, items, ev, flags[ev.class_id], tops[ev.class_id]) for ev in classes]
	ranks = competition_ranks({r.class_id: r.total for r in results})
	for result in results:
		result.rank = ranks[result.class_id]
	return results


def _top_flags(rubric, classes, flags) -> dict[str, dict[str, tuple[Decimal, str]]]:
	"""Per class and flag criterion: the most flags among the classes it is compared with (those
	the criterion applies to), and which classes have them."""
	tops: dict[str, dict[str, tuple[Decimal, str]]] = {ev.class_id: {} for ev in classes}
	for c in rubric.criteria:
		if not (c.kind in KINDS and KINDS[c.kind].compares_classes):
			continue
		by_id = {ev.class_id: ev for ev in classes if not c.grade_levels or ev.grade_level in c.grade_levels}
		levels = {k: ev.grade_level for k, ev in by_id.items()}
		totals = {k: flag_total(flags[k], c.inspection_item) for k in by_id}
		top_of = flag_tops(totals, levels, c.compare_within)
		for members in comparison_groups(levels, c.compare_within):
			leaders = ", ".join(
				sorted(by_id[k].label or k for k in members if top_of[k] > 0 and totals[k] == top_of[k])
			)
			for k in members:
				tops[k][c.code] = (top_of[k], leaders)
	return tops


def _score_class(rubric, items, evidence: ClassEvidence, flags, tops) -> ClassResult:
	ctx = Context(rubric=rubric, items=items, evidence=evidence, flags=flags, top_flags=tops)
	lines = [_score_line(c, ctx) for c in criteria_for(rubric, evidence.grade_level)]
	result = summarize(rubric, evidence, lines)
	result.flags = flag_total(flags)
	return result


def summarize(rubric: Rubric, evidence: ClassEvidence, lines: list[LineResult]) -> ClassResult:
	"""Parts, total, vetoes, grade and allowance from a class's lines."""
	sections, total = _sections(rubric, lines)
	vetoed, veto_reasons, excluded, exclusion_reasons, cases = _vetoes(rubric, evidence)
	grade, band = _grade(rubric.bands, total, vetoed)
	allowance, note = _allowance(rubric, band, evidence)
	return ClassResult(
		class_id=evidence.class_id,
		lines=lines,
		sections=sections,
		total=total,
		grade=grade,
		vetoed=vetoed,
		veto_reasons=veto_reasons,
		excluded_from_honours=excluded or vetoed,
		exclusion_reasons=exclusion_reasons,
		allowance=allowance,
		allowance_note=note,
		veto_cases=cases,
	)


def rescore_class(
	rubric: Rubric, evidence: ClassEvidence, computed: dict[str, tuple[Decimal | None, list[Msg], dict]]
) -> ClassResult:
	"""Re-applies hand-entered points, adjustments and veto cases to lines computed earlier
	(when the office edits one appraisal), without reading the evidence again."""
	lines = []
	for c in criteria_for(rubric, evidence.grade_level):
		points_, messages, details = computed.get(c.code, (None, [], {}))
		if c.kind in KINDS and KINDS[c.kind].local:
			outcome = KINDS[c.kind].score(c, Context(rubric, {}, evidence, {}, {}))
			points_, messages, details = outcome.points, outcome.explanation, outcome.evidence
		lines.append(finish_line(c, points_, messages, details, evidence))
	return summarize(rubric, evidence, lines)


def _score_line(c: Criterion, ctx: Context) -> LineResult:
	kind = KINDS.get(c.kind)
	if kind is None:
		raise ScoringError(msg(_("Criterion {0} has an unknown rule kind {1}"), c.code, c.kind))
	try:
		outcome = kind.score(c, ctx)
	except FormulaError as e:
		return failed_line(c, e, ctx.evidence)
	computed = None if kind.hand_entered else (outcome.points or ZERO)
	return finish_line(c, computed, outcome.explanation, outcome.evidence, ctx.evidence)


def failed_line(c: Criterion, error: FormulaError, evidence: ClassEvidence) -> LineResult:
	"""A line whose formula cannot be computed for this class: 0 points, the reason in its
	explanation, and an open question (the appraisal cannot go on until the rubric is fixed
	and the period recomputed); the other lines and classes are scored as usual."""
	message = msg(_("The formula of criterion {0} cannot be used: {1}"), c.code, error.message)
	return finish_line(c, ZERO, [message], {FORMULA_ERROR: True}, evidence)


def finish_line(
	c: Criterion, computed: Decimal | None, messages: list[Msg], details: dict, evidence: ClassEvidence
) -> LineResult:
	"""Adds hand-entered points and the adjustment to a computed line and keeps it in bounds."""
	entered = evidence.manual.get(c.code)
	manual = entered.points if entered else None
	adjustment = entered.adjustment if entered else ZERO
	explanation = list(messages)
	hand_entered = KINDS[c.kind].hand_entered
	base = (manual or ZERO) if hand_entered else (computed or ZERO)
	raw = points(base + adjustment)
	if adjustment:
		explanation.append(
			msg(_("adjusted by {0}: {1}"), ("+" if adjustment > 0 else "") + fmt(adjustment), entered.reason)
		)
	low, high = line_bounds(c)
	final = clamp(raw, low, high)
	if final != raw:
		explanation.append(
			msg(
				_("kept within {0} … {1}"),
				fmt(low) if low is not None else "−∞",
				fmt(high) if high is not None else "∞",
			)
		)
	return LineResult(
		code=c.code,
		title=c.title,
		kind=c.kind,
		section=c.section,
		max_points=c.max_points,
		computed=None if hand_entered else points(computed or ZERO),
		manual=manual,
		adjustment=adjustment,
		points=final,
		explanation=explanation,
		evidence=details,
		needs_input=(hand_entered and manual is None) or bool(details.get(FORMULA_ERROR)),
		adjustment_reason=entered.reason if entered else "",
	)


def _sections(rubric: Rubric, lines: list[LineResult]) -> tuple[list[SectionResult], Decimal]:
	known = {s.code for s in rubric.sections}
	results = []
	for s in rubric.sections:
		raw = sum((line.points for line in lines if line.section == s.code), ZERO)
		value = max(raw, ZERO)
		if s.max_points and not s.allow_above_max:
			value = min(value, s.max_points)
		if s.weight_percent and s.max_points:
			value = value / s.max_points * s.weight_percent * rubric.total_points / 100
		results.append(SectionResult(s.code, s.title, s.max_points, s.weight_percent, raw, points(value)))
	loose = sum((line.points for line in lines if line.section not in known), ZERO)
	total = points(max(sum((r.points for r in results), ZERO) + loose, ZERO))
	return results, total


def _vetoes(rubric: Rubric, evidence: ClassEvidence):
	rules = {r.code: r for r in rubric.veto_rules}
	cases: list[tuple[str, str, bool]] = [(v.rule_code, v.reason, False) for v in evidence.vetoes]
	for rule in rubric.veto_rules:
		found = defaultdict(int)
		for (_item, _week, incident_type), n in evidence.incidents.items():
			if incident_type in rule.incident_types:
				found[incident_type] += n
		if found:
			cases.append((rule.code, ", ".join(f"{t} × {n}" for t, n in sorted(found.items())), True))
	vetoed, excluded = False, False
	veto_reasons, exclusion_reasons = [], []
	for code, reason, automatic in cases:
		rule = rules.get(code)
		if rule is None:
			raise ScoringError(msg(_("Veto rule {0} is not in rubric {1}"), code, rubric.name))
		if automatic and (code, reason) in evidence.dismissed:
			continue  # found in the incidents, but the office dismissed it (with a reason)
		text = msg(_("{0}: {1}"), rule.title, reason) if reason else Msg("{0}", (rule.title,))
		if rule.effect == Effect.LOWEST_GRADE:
			vetoed = True
			veto_reasons.append(text)
		else:
			excluded = True
			exclusion_reasons.append(text)
	return vetoed, veto_reasons, excluded, exclusion_reasons, cases


def _grade(bands: tuple[GradeBand, ...], total: Decimal, vetoed: bool) -> tuple[str, GradeBand | None]:
	if not bands:
		return "", None
	ordered = sorted(bands, key=lambda b: b.min_score, reverse=True)
	if vetoed:
		return ordered[-1].grade, ordered[-1]
	for band in ordered:
		if total >= band.min_score:
			return band.grade, band
	return ordered[-1].grade, ordered[-1]


def allowance_for_grade(rubric: Rubric, grade: str, evidence: ClassEvidence) -> tuple[Decimal, Msg | None]:
	"""The allowance of a class given its grade (once limited places changed the grade its score
	reached), and how it adds up."""
	return _allowance(rubric, next((b for b in rubric.bands if b.grade == grade), None), evidence)


def _allowance(rubric: Rubric, band: GradeBand | None, evidence: ClassEvidence):
	pays = (
		rubric.base_allowance
		or rubric.allowance_per_pupil
		or any(rubric.rank_allowances.values())
		or any(b.allowance for b in rubric.bands)
	)
	if band is None or not pays:
		return ZERO, None
	if band.withhold_all:
		return ZERO, msg(_("Grade {0}: no allowance this period"), band.grade)
	by_rank = rubric.rank_allowances.get(evidence.teacher_rank, ZERO)
	base = rubric.base_allowance + rubric.allowance_per_pupil * evidence.pupils + by_rank
	amount = points(base + band.allowance)
	parts = [fmt(rubric.base_allowance)]
	if rubric.allowance_per_pupil:
		parts.append(f"{fmt(rubric.allowance_per_pupil)} × {evidence.pupils}")
	if by_rank:
		parts.append(f"{fmt(by_rank)} ({evidence.teacher_rank})")
	parts.append(fmt(band.allowance))
	on_post, days = evidence.days_on_post, evidence.days_in_period
	if 0 < on_post < days:
		# 001 职责4: on post, the allowance; after leaving (or before starting), none
		prorated = points(amount * on_post / days)
		return prorated, msg(
			_("Allowance {0} = ({1}) × {2} ÷ {3}: on post {2} of the period's {3} days"),
			fmt(prorated),
			" + ".join(parts),
			on_post,
			days,
		)
	return amount, msg(_("Allowance {0} = {1}"), fmt(amount), " + ".join(parts))
