"""The plain data the scoring core works on: a rubric, inspection items, and
the evidence of every class of one period. The query layer builds these from
the database; tests build them by hand."""

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_FLOOR, Decimal

from .amounts import ZERO
from .i18n import Msg


class Kind:
	"""The stored names of the rule kinds of a rubric criterion; what each does is in kinds.py."""

	MANUAL = "Manual Points"
	DEDUCTION = "Deduction per Incident"
	BONUS = "Bonus per Event"
	LEVEL_POINTS = "Level Points"
	INSPECTION_SCORE = "Inspection Score"
	FLAG_SHARE = "Red Flag Share"
	RATING = "Weighted Rating"
	ACHIEVEMENTS = "Level-Weighted Achievements"
	ROLLUP = "Period Roll-up"
	FORMULA = "Formula"
	QUOTA = "Quota"


class QuotaMode:
	"""What meeting or missing a quota is worth (a Quota criterion's setting)."""

	PROPORTION = "In Proportion"  # maximum × done ÷ quota, the maximum once it is met
	ALL_OR_NOTHING = "All or Nothing"  # the maximum once it is met, else 0
	PER_MISSING = "Deduct per Missing"  # maximum − unit × each one missing (max 0: a penalty)


class QuotaScope:
	"""Whose activities count for a quota."""

	CLASS = "Class"  # recorded for the appraisal's class
	PERSON = "Person"  # recorded by (for) the class teacher, whichever class (office-confirmed, no
	# studio); for a studio member, also their studio's records and their attendance at its activities
	STUDIO = "Studio"  # the submitted Studio Activities of the member's studio (a group obligation)


class Effect:
	LOWEST_GRADE = "Lowest Grade"
	EXCLUDE_FROM_HONOURS = "Exclude from Honours"


class Method:
	"""How an inspection item is scored."""

	SCORE = "Score"
	LEVEL = "Level"
	INCIDENTS = "Incident Count"


@dataclass(frozen=True)
class Section:
	code: str
	title: str
	max_points: Decimal = ZERO  # 0: the part has no maximum of its own
	weight_percent: Decimal = ZERO  # >0: the part counts weight% of the rubric total
	allow_above_max: bool = False


@dataclass(frozen=True)
class Criterion:
	code: str
	title: str
	kind: str
	section: str = ""
	max_points: Decimal = ZERO  # 0: no maximum of its own (penalties, signed level points)
	unit_points: Decimal = ZERO
	cap: Decimal = ZERO  # 0: no cap
	inspection_item: str = ""
	incident_types: tuple[str, ...] = ()
	zero_incident_types: tuple[str, ...] = ()  # any of these: the item scores 0
	levels: dict[str, Decimal] = field(default_factory=dict)  # level -> points, or -> weight
	rater_weights: dict[str, Decimal] = field(default_factory=dict)  # rater group -> weight %
	aggregate: str = "Sum"  # or "Average" (level points, roll-up)
	compare_within: str = "School"  # or "Grade Level" (flag share)
	formula: str = ""
	source_period_type: str = ""  # roll-up: the shorter periods whose totals it takes
	grade_levels: frozenset[int] = frozenset()  # the grades it applies to; empty: every grade
	grade_max: dict[int, Decimal] = field(default_factory=dict)  # grade -> its own maximum
	# Quota: so many confirmed activities (or hours) of a kind in the period, at or above a level
	activity_kind: str = ""
	quota: Decimal = ZERO
	quota_measure: str = "Count"  # or "Hours"
	quota_scope: str = QuotaScope.CLASS
	quota_mode: str = QuotaMode.PROPORTION
	min_level: str = ""  # "": any level; else this level or one ranked above it (levels: level -> rank)
	grade_quota: dict[int, Decimal] = field(default_factory=dict)  # grade -> its own quota


def criteria_for(rubric: "Rubric", grade_level: int) -> tuple[Criterion, ...]:
	"""The criteria that apply to a class of this grade, each with the maximum and quota set for the grade
	(S1: flag-raising duty rotates among grades 3–6; from grade 3 pupils make the blackboard)."""
	return tuple(
		replace(
			c,
			max_points=c.grade_max.get(grade_level, c.max_points),
			quota=c.grade_quota.get(grade_level, c.quota),
		)
		for c in rubric.criteria
		if not c.grade_levels or grade_level in c.grade_levels
	)


@dataclass(frozen=True)
class GradeBand:
	grade: str
	min_score: Decimal
	allowance: Decimal = ZERO
	withhold_all: bool = False  # no allowance at all, not even the base


@dataclass(frozen=True)
class VetoRule:
	code: str
	title: str
	effect: str = Effect.LOWEST_GRADE
	incident_types: tuple[str, ...] = ()  # recorded incidents of these types trigger it


@dataclass(frozen=True)
class FlagEligibilityRule:
	"""So many incidents of these types in one week: no weekly red flag that week."""

	incident_types: tuple[str, ...]
	min_count: int = 2
	title: str = ""


@dataclass(frozen=True)
class Places:
	grade: str = ""  # the grade whose places are limited (优秀); "": no limit
	share: Decimal = ZERO  # percent of the period's appraisals (rounded down)
	count: int = 0  # or a fixed number of places; with both, the smaller
	beyond: str = ""  # the grade of those who reach it beyond the places (良好)

	def limit(self, appraised: int) -> int | None:
		"""How many may hold the grade, or None without a limit."""
		if not self.grade or not (self.share or self.count):
			return None
		limits = []
		if self.share:
			limits.append(int((Decimal(appraised) * self.share / 100).to_integral_value(ROUND_FLOOR)))
		if self.count:
			limits.append(self.count)
		return min(limits)


@dataclass(frozen=True)
class Honour:
	title: str = ""  # 十佳班主任
	places: int = 0  # 10; 0: no honour chosen

	def __bool__(self):
		return bool(self.title and self.places)


@dataclass(frozen=True)
class Rubric:
	name: str
	total_points: Decimal
	criteria: tuple[Criterion, ...]
	sections: tuple[Section, ...] = ()
	bands: tuple[GradeBand, ...] = ()
	veto_rules: tuple[VetoRule, ...] = ()
	flag_rules: tuple[FlagEligibilityRule, ...] = ()
	rating_scale: Decimal = Decimal(100)
	base_allowance: Decimal = ZERO
	allowance_per_pupil: Decimal = ZERO
	rank_allowances: dict[str, Decimal] = field(default_factory=dict)  # class teacher's rank (职级) -> amount
	places: Places = field(default_factory=Places)  # limited places of a grade (002: 优秀 by a share)
	honour: Honour = field(default_factory=Honour)  # an honour for the top totals (000: 十佳班主任)


@dataclass(frozen=True)
class InspectionItem:
	name: str
	method: str = Method.SCORE
	max_score: Decimal = Decimal(10)
	level_scores: dict[str, Decimal] = field(default_factory=dict)
	level_flags: dict[str, Decimal] = field(default_factory=dict)  # e.g. 优秀 -> 2 flags
	weekly_flag_winners: int = 0  # top N classes a week win a red flag; 0: none


@dataclass
class WeekStats:
	"""Inspections of one class for one item in one week (ISO week, by its Monday)."""

	count: int = 0
	score_sum: Decimal = ZERO  # net of nothing: the inspections' own scores
	deduction_sum: Decimal = ZERO
	revocations: int = 0  # failed spot checks that take a flag back
	levels: dict[str, int] = field(default_factory=dict)

	@property
	def net_average(self) -> Decimal:
		return (self.score_sum - self.deduction_sum) / self.count if self.count else ZERO


@dataclass(frozen=True)
class Achievement:
	title: str
	level: str
	base_points: Decimal = ZERO  # 0: the criterion's maximum


@dataclass
class ActivityTally:
	"""Confirmed activities of one kind and level in the period: how many, their hours, which."""

	count: int = 0
	hours: Decimal = ZERO
	names: tuple[str, ...] = ()  # Appraisal Activities
	studio_names: tuple[str, ...] = ()  # Studio Activities (attended, or the studio's own)

	def add(self, count: int, hours: Decimal, names: tuple[str, ...], studio: bool = False):
		"""Adds a group of records: Appraisal Activities, or Studio Activities (`studio`)."""
		self.count += count
		self.hours += hours
		if studio:
			self.studio_names += names
		else:
			self.names += names


@dataclass(frozen=True)
class VetoCase:
	rule_code: str
	reason: str = ""


@dataclass(frozen=True)
class ManualInput:
	points: Decimal | None = None
	adjustment: Decimal = ZERO
	reason: str = ""


@dataclass
class ClassEvidence:
	class_id: str
	grade_level: int = 0
	pupils: int = 0
	teacher_rank: str = ""  # the class teacher's rank (职级), for an allowance by rank
	# the days of the period the appraised teacher was on post (tenure.py); 0: the whole period
	days_on_post: int = 0
	days_in_period: int = 0
	label: str = ""  # how explanations name the class (its class name); class_id if empty
	weeks: dict[tuple[str, date], WeekStats] = field(default_factory=dict)  # (item, monday)
	incidents: dict[tuple[str, date, str], int] = field(default_factory=dict)  # (item, monday, type)
	ratings: dict[tuple[str, str], tuple[Decimal, int]] = field(default_factory=dict)  # (code, group)
	rollup: dict[str, list[tuple[str, Decimal]]] = field(default_factory=dict)  # code -> (period, total)
	manual: dict[str, ManualInput] = field(default_factory=dict)
	achievements: dict[str, list[Achievement]] = field(default_factory=dict)
	# confirmed activities (quotas): (scope, activity kind, level) -> tally; scope "Class" (of this
	# class), "Person" (of its class teacher, or of a studio member: their records and attendance)
	# or "Studio" (the member's studio's own activities)
	activities: dict[tuple[str, str, str], ActivityTally] = field(default_factory=dict)
	vetoes: list[VetoCase] = field(default_factory=list)
	# vetoes found in the incidents that the office dismissed: (rule code, what was found) -> why
	dismissed: dict[tuple[str, str], str] = field(default_factory=dict)


# ------------------------------------------------------------------ results


@dataclass
class FlagWeek:
	"""Flags one class got (or lost) for one item in one week, and why."""

	item: str
	week: date
	awarded: int = 0  # weekly top-N award
	level_flags: Decimal = ZERO
	revoked: int = 0
	rank: int = 0
	net_average: Decimal = ZERO
	ineligible: bool = False

	@property
	def total(self) -> Decimal:
		return self.awarded + self.level_flags - self.revoked


@dataclass
class LineResult:
	code: str
	title: str
	kind: str
	section: str
	max_points: Decimal
	computed: Decimal | None  # None: a manual line
	manual: Decimal | None
	adjustment: Decimal
	points: Decimal
	explanation: list[Msg]
	evidence: dict  # counts and references behind the points (JSON-safe)
	needs_input: bool = False
	adjustment_reason: str = ""


@dataclass
class SectionResult:
	code: str
	title: str
	max_points: Decimal
	weight_percent: Decimal
	raw_points: Decimal
	points: Decimal


@dataclass
class ClassResult:
	class_id: str
	lines: list[LineResult]
	sections: list[SectionResult]
	total: Decimal
	grade: str
	vetoed: bool
	veto_reasons: list[Msg]
	excluded_from_honours: bool
	exclusion_reasons: list[Msg]
	allowance: Decimal
	allowance_note: Msg | None
	flags: Decimal = ZERO
	rank: int = 0
	veto_cases: list = field(default_factory=list)  # (rule code, reason, found in incidents)
