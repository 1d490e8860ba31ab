"""The scoring core: plain Python, no database access.

`score_period(rubric, items, classes)` takes a rubric, the inspection items and
the evidence of every class of a period, and returns per class the lines (with
their explanation and evidence), part subtotals, total, grade, veto/exclusion,
allowance and rank. The query layer (`class_teacher_appraisal.evidence`) builds
its input with grouped queries; tests build it by hand.
"""

from .amounts import D, points
from .engine import ScoringError, competition_ranks, line_bounds, rescore_class, score_period, summarize
from .flags import award_weekly_flags, flag_total
from .formula import VARIABLES as FORMULA_VARIABLES
from .formula import FormulaError
from .i18n import Msg, render_all
from .model import (
	Achievement,
	ActivityTally,
	ClassEvidence,
	ClassResult,
	Criterion,
	Effect,
	FlagEligibilityRule,
	GradeBand,
	InspectionItem,
	Kind,
	ManualInput,
	Method,
	QuotaMode,
	QuotaScope,
	Rubric,
	Section,
	VetoCase,
	VetoRule,
	WeekStats,
)

__all__ = [
	"FORMULA_VARIABLES",
	"Achievement",
	"ActivityTally",
	"ClassEvidence",
	"ClassResult",
	"Criterion",
	"D",
	"Effect",
	"FlagEligibilityRule",
	"FormulaError",
	"GradeBand",
	"InspectionItem",
	"Kind",
	"ManualInput",
	"Method",
	"Msg",
	"QuotaMode",
	"QuotaScope",
	"Rubric",
	"ScoringError",
	"Section",
	"VetoCase",
	"VetoRule",
	"WeekStats",
	"award_weekly_flags",
	"competition_ranks",
	"flag_total",
	"line_bounds",
	"points",
	"render_all",
	"rescore_class",
	"score_period",
	"summarize",
]
