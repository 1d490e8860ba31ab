"""Every rule kind of a rubric criterion in one table: its stored name, the settings a criterion
of the kind must have, the function that scores it (rules.py) and how its line behaves.

The rest reads this table: the engine (dispatch, bounds, what is rescored on save), the rubric's
validation in the Desk (`settings_errors`), the criterion DocType's options (a test compares
them), the evidence link of a line and docs/rubrics.md. Adding a kind means: its scoring function
in rules.py, its row here, its option in appraisal_rubric_criterion.json and its words in
translations/zh.csv."""

from collections.abc import Callable
from dataclasses import dataclass

from . import formula, rules
from .amounts import ZERO
from .i18n import Msg, _, msg
from .model import Criterion, Kind, QuotaMode, QuotaScope


@dataclass(frozen=True)
class RuleKind:
	name: str  # as stored in the criterion's Rule Kind
	score: Callable  # (Criterion, rules.Context) -> rules.Outcome
	needs: tuple[str, ...] = ()  # settings it must have: keys of SETTINGS
	hand_entered: bool = False  # the office enters its points; nothing is computed
	local: bool = False  # scored from the appraisal's own inputs: rescored whenever it is saved
	signed: bool = False  # its line may go below zero (its part is still floored at 0)
	compares_classes: bool = False  # needs the period's top class (red flags)
	penalty_without_max: bool = False  # without a maximum, a penalty taken from its part (≤ 0)
	evidence: str = ""  # the records behind its points, for the Desk's link: a DocType or ""


KINDS: dict[str, RuleKind] = {
	k.name: k
	for k in (
		RuleKind(Kind.MANUAL, rules.manual, ("max_points",), hand_entered=True, local=True),
		RuleKind(
			Kind.DEDUCTION,
			rules.deduction,
			("unit_points", "incident_types"),
			penalty_without_max=True,
			evidence="Inspection",
		),
		RuleKind(Kind.BONUS, rules.bonus, ("unit_points", "incident_types"), evidence="Inspection"),
		RuleKind(
			Kind.LEVEL_POINTS, rules.level_points, ("inspection_item",), signed=True, evidence="Inspection"
		),
		RuleKind(
			Kind.INSPECTION_SCORE,
			rules.inspection_score,
			("max_points", "inspection_item"),
			evidence="Inspection",
		),
		RuleKind(
			Kind.FLAG_SHARE, rules.flag_share, ("max_points",), compares_classes=True, evidence="Inspection"
		),
		RuleKind(Kind.RATING, rules.rating, ("max_points",), evidence="Appraisal Rating"),
		RuleKind(Kind.ACHIEVEMENTS, rules.achievements, ("max_points",), local=True),
		RuleKind(Kind.ROLLUP, rules.rollup, ("source_period_type",), evidence="Class Teacher Appraisal"),
		RuleKind(
			Kind.FORMULA,
			rules.formula_points,
			("formula",),
			signed=True,
			compares_classes=True,
			evidence="Inspection",
		),
		RuleKind(
			Kind.QUOTA,
			rules.quota,
			("activity_kind", "quota", "quota_worth", "quota_scope"),
			penalty_without_max=True,
			evidence="Appraisal Activity",
		),
	)
}


def kind_of(c: Criterion) -> RuleKind | None:
	return KINDS.get(c.kind)


def _formula_error(c: Criterion) -> Msg | None:
	try:
		formula.check(c.formula or "")
	except formula.FormulaError as e:
		return msg(_("the formula cannot be used: {0}"), e.message)
	return None


def _quota_worth_error(c: Criterion) -> Msg | None:
	"""A quota is worth its maximum (met) or loses unit points per missing one."""
	if c.quota_mode not in (QuotaMode.PROPORTION, QuotaMode.ALL_OR_NOTHING, QuotaMode.PER_MISSING):
		return msg(_("{0} is not a way of scoring a quota"), c.quota_mode)
	if c.quota_mode == QuotaMode.PER_MISSING:
		return None if c.unit_points > ZERO else msg(_("enter the points per missing one"))
	if c.max_points <= ZERO:
		return msg(_("a {0} criterion needs a maximum above 0"), msg(c.kind))
	return None


# What each setting a kind may need requires, and what to say when it is missing.
SETTINGS: dict[str, Callable[[Criterion], Msg | None]] = {
	"max_points": lambda c: None
	if c.max_points > ZERO
	else msg(_("a {0} criterion needs a maximum above 0"), msg(c.kind)),
	"inspection_item": lambda c: None
	if c.inspection_item
	else msg(_("choose the inspection item it is scored from")),
	"unit_points": lambda c: None
	if c.unit_points > ZERO
	else msg(_("enter the points per incident or event")),
	"incident_types": lambda c: None if c.incident_types else msg(_("list the incident types it counts")),
	"source_period_type": lambda c: None
	if c.source_period_type
	else msg(_("choose which shorter periods it rolls up")),
	"formula": _formula_error,
	"activity_kind": lambda c: None if c.activity_kind else msg(_("choose the activity kind it counts")),
	"quota": lambda c: None if c.quota > ZERO else msg(_("enter the quota: how many, or how many hours")),
	"quota_worth": _quota_worth_error,
	"quota_scope": lambda c: None
	if c.quota_scope in (QuotaScope.CLASS, QuotaScope.PERSON, QuotaScope.STUDIO)
	else msg(_("{0} is not whose activities a quota counts"), c.quota_scope),
}


def settings_errors(c: Criterion) -> list[Msg]:
	"""What a criterion of its kind lacks, in the order the kind lists its needs."""
	kind = kind_of(c)
	if kind is None:
		return [msg(_("{0} is not a rule kind"), c.kind)]
	return [error for need in kind.needs if (error := SETTINGS[need](c)) is not None]


def hand_entered(kind_name: str) -> bool:
	kind = KINDS.get(kind_name)
	return bool(kind and kind.hand_entered)


__all__ = ["KINDS", "SETTINGS", "RuleKind", "hand_entered", "kind_of", "settings_errors"]
