"""The formula language is total: a formula is refused on save with a clear message when it could
fail for some evidence, and scoring never crashes on one (a failing line says why)."""

import itertools
import random
from decimal import Decimal

import pytest

from class_teacher_appraisal.scoring import (
	InspectionItem,
	Kind,
	ManualInput,
	Section,
	WeekStats,
	render_all,
	rescore_class,
	score_period,
)
from class_teacher_appraisal.scoring import formula as F
from class_teacher_appraisal.scoring.formula import FormulaError, check, evaluate
from class_teacher_appraisal.scoring.i18n import Msg
from tests.unit.builders import by_class, criterion, ev, inspected, line, rubric, week
from tests.unit.test_translations import load_translations

# The formulas the unit tests, the documentation and the benchmark school use.
SEED_FORMULAS = [
	"min(max_points, score_avg - 5)",
	"max_points * flags / top_flags if top_flags else 0",
	"0 - 4",
	"score_avg / item_max * max_points if item_max else 0",
]

# What the review found passing the save check and breaking the period later, and the like.
BAD = [
	("1e999", "a number in a formula must be between -1000000 and 1000000, not inf"),
	("-1e999", "a number in a formula must be between -1000000 and 1000000, not inf"),
	("1e7", "a number in a formula must be between"),
	("99999999999999999999999", "a number in a formula must be between"),
	("max()", "max() takes 2 to 10 numbers, not 0"),
	("min()", "min() takes 2 to 10 numbers, not 0"),
	("max(flags)", "max() takes 2 to 10 numbers, not 1"),
	("max(" + ", ".join(["flags"] * 11) + ")", "max() takes 2 to 10 numbers, not 11"),
	("abs()", "abs() takes exactly 1 number, not 0"),
	("abs(flags, 1)", "abs() takes exactly 1 number, not 2"),
	("round()", "round() takes 1 to 2 numbers, not 0"),
	("round(score_avg, 1000000000)", "round()'s places must be a whole number from 0 to 6"),
	("round(score_avg, 7)", "round()'s places must be a whole number from 0 to 6"),
	("round(score_avg, flags)", "round()'s places must be a whole number from 0 to 6"),
	("round(score_avg, 10**9)", "'**' is not allowed"),
	("10**10**10", "'**' is not allowed"),
	("flags ** 100", "'**' is not allowed"),
	("-" * 60 + "1", "nested more than 40 levels deep"),
	("abs(" * 45 + "1" + ")" * 45, "nested more than 40 levels deep"),
	("+".join(["flags"] * 45), "nested more than 40 levels deep"),
	("(" * 240 + "1" + ")" * 240, "syntax error"),
	("flags + " * 80 + "1", "longer than 500 characters"),
	("max_points * flags / top_flags", "with flags = 0, max_points = 0, top_flags = 0: division by zero"),
	("1 / 0", "division by zero"),
	("0 / 0", "division by zero"),
	("flags % 0", "division by zero"),
	("flags // (top_flags - top_flags)", "division by zero"),
	("score_sum / (inspections + 1)", "with inspections = -1, score_sum = 0: division by zero"),
	("score_sum * deduction_sum", "its result 1000000000000 is beyond ±1000000000"),
	("score_sum * score_sum * score_sum", "a value beyond ±1000000000000000"),
	("1000000 * 1000000 * 1000000", "a value beyond ±1000000000000000"),
	("flags / 0.000001 * 1000000 * 1000000", "a value beyond ±1000000000000000"),
	("min + 1", "min must be called, as in min(…)"),
	("True", "only numbers can be written in a formula"),
	("None", "only numbers can be written in a formula"),
	("1j", "only numbers can be written in a formula"),
	("'1'", "only numbers can be written in a formula"),
	("[1]", "'List' is not allowed"),
	("flags.real", "'.' is not allowed"),
	("__import__('os')", "unknown name '__import__'"),
	("(lambda: 1)()", "'lambda' is not allowed"),
	("max(*[1, 2])", "is not allowed"),
	("max(flags, key=2)", "only min(), max(), abs() and round() can be called"),
	("1\x002", "the formula cannot be read"),
	("", "the formula is empty"),
	("   ", "the formula is empty"),
]


@pytest.mark.parametrize("formula, message", BAD, ids=[b[0][:40] or "empty" for b in BAD])
def test_a_formula_that_could_fail_is_refused_on_save_with_a_clear_message(formula, message):
	with pytest.raises(FormulaError) as refused:
		check(formula)
	assert message in str(refused.value)


def templates(message: Msg):
	yield message.template
	for arg in message.args:
		if isinstance(arg, Msg):
			yield from templates(arg)


@pytest.mark.parametrize("formula", [b[0] for b in BAD], ids=[b[0][:40] or "empty" for b in BAD])
def test_every_refusal_is_translated(formula):
	translations = load_translations()
	with pytest.raises(FormulaError) as refused:
		check(formula)
	for template in templates(refused.value.message):
		assert translations.get(template), template


@pytest.mark.parametrize("formula", SEED_FORMULAS)
def test_the_seeds_formulas_pass(formula):
	check(formula)


@pytest.mark.parametrize(
	"formula, expected",
	[
		("0 or 5", 5),
		("3 or 5", 3),
		("0 and 5", 0),
		("2 and 5", 5),
		("flags or max_points", 10),  # a default: the flags, or the maximum when there are none
		("1 < 2", 1),
		("2 < 1", 0),
		("0 < 1 < 2", 1),
		("0 < 2 < 1", 0),
		("not 3", 0),
		("not 0", 1),
		("(1 < 2) + (2 < 3)", 2),
		("(flags > 0) * max_points", 0),
		("max_points if 0 or 0.5 else 1", 10),
	],
)
def test_and_or_not_and_comparisons_give_numbers(formula, expected):
	value = evaluate(formula, {"max_points": 10})
	assert type(value) is Decimal and value == expected


def test_and_or_evaluate_only_the_operand_that_decides():
	# top_flags = 0: the division is never evaluated, so it cannot fail
	assert evaluate("top_flags and max_points * flags / top_flags", {"max_points": 10}) == 0
	assert (
		evaluate(
			"top_flags and max_points * flags / top_flags", {"max_points": 10, "flags": 1, "top_flags": 2}
		)
		== 5
	)
	assert evaluate("inspections == 0 or score_sum / inspections", {"score_sum": 9}) == 1
	check("top_flags and max_points * flags / top_flags")  # so it passes the save check


def test_evaluation_bounds_the_result_and_refuses_absurd_variables():
	with pytest.raises(FormulaError, match="its result 1000000000000 is beyond"):
		evaluate("score_sum * 1000", {"score_sum": 10**9})
	for bad in (Decimal("NaN"), Decimal("Infinity"), float("nan"), float("-inf"), 10**20, "abc", [1]):
		with pytest.raises(FormulaError, match="variable flags"):
			evaluate("flags", {"flags": bad})


# ------------------------------------------------------------------ total: never anything but FormulaError

ATOMS = [*F.VARIABLES, "0", "1", "2", "0.5", "1000000", "7"]
SHAPES = [
	"{a} + {b}",
	"{a} - {b}",
	"{a} * {b}",
	"{a} / {b}",
	"{a} // {b}",
	"{a} % {b}",
	"-{a}",
	"not {a}",
	"{a} and {b}",
	"{a} or {b}",
	"{a} < {b}",
	"{a} == {b}",
	"{a} if {b} else {c}",
	"min({a}, {b})",
	"max({a}, {b}, {c})",
	"abs({a})",
	"round({a}, 2)",
	"round({a})",
]


def random_formula(rng: random.Random, depth: int = 3) -> str:
	if depth == 0 or rng.random() < 0.25:
		return rng.choice(ATOMS)
	shape = rng.choice(SHAPES)
	parts = {k: f"({random_formula(rng, depth - 1)})" for k in "abc"}
	return shape.format(**parts)


EXTREME = [
	Decimal(0),
	Decimal(1),
	Decimal(-1),
	Decimal("0.5"),
	Decimal("1E-30"),
	Decimal(10) ** 4,
	-(Decimal(10) ** 4),
	Decimal(10) ** 6,
	Decimal(10) ** 14,
	Decimal(10) ** 30,  # beyond anything the app lets in: refused as a variable
	Decimal("NaN"),
]


def test_evaluation_raises_nothing_but_formula_errors():
	rng = random.Random(20260101)
	passed = 0
	for _i in range(400):
		formula = random_formula(rng)
		try:
			check(formula)
			passed += 1
		except FormulaError:
			pass
		for _j in range(20):
			variables = {name: rng.choice(EXTREME) for name in F.VARIABLES}
			try:
				value = evaluate(formula, variables)
			except FormulaError:
				continue
			assert value.is_finite() and abs(value) <= F.RESULT_LIMIT, (formula, variables)
	assert passed > 50  # the sample holds formulas that pass, not only refused ones


def formula_line(formula, **kw):
	return criterion("F", Kind.FORMULA, 10, inspection_item="卫生", formula=formula, section="P", **kw)


def random_evidence(rng: random.Random, class_id: str):
	"""Evidence with anything in it: none, ordinary, or absurd amounts."""
	evidence = ev(class_id, pupils=rng.choice([0, 1, 45, 10**6, 10**12]))
	for wk in range(1, rng.choice([1, 2, 5]) + 1):
		stats = evidence.weeks.setdefault(("卫生", week(wk)), WeekStats())
		stats.count = rng.choice([0, 1, 3, 10**9])
		stats.score_sum = rng.choice([Decimal(0), Decimal("9.5"), Decimal(10) ** 20])
		stats.deduction_sum = rng.choice([Decimal(0), Decimal(2), Decimal(10) ** 20])
	return evidence


def test_a_formula_that_passed_the_save_check_never_breaks_scoring_whatever_the_evidence():
	formulas = [
		*SEED_FORMULAS,
		"top_flags and max_points * flags / top_flags",
		"score_sum / inspections if inspections > 0 else 0",
		"max(0, max_points - unit_points * incidents)",
		"round(min(max_points, pupils / 10), 1)",
		"(inspections >= 4) * 2 + (weeks > 2)",
	]
	items = {"卫生": InspectionItem("卫生", max_score=Decimal(10), weekly_flag_winners=1)}
	rng = random.Random(7)
	for formula in formulas:
		check(formula)
		for _i in range(30):
			classes = [random_evidence(rng, c) for c in "ABC"]
			results = score_period(rubric(formula_line(formula)), items, classes)  # never raises
			for result in results:
				ln = line(result, "F")
				assert ln.points.is_finite() and -(10**9) <= ln.points <= 10
				if ln.needs_input:  # a line whose formula failed for this class says why
					assert "The formula of criterion F cannot be used" in render_all(ln.explanation)


def test_a_formula_failing_at_scoring_time_fails_its_line_only():
	"""A formula that passed the save check may still fail for one class (here only for exactly
	40 pupils): that line gets 0 points, the reason, and an open question; the rest is scored."""
	check("max_points / (pupils - 40)")
	f = formula_line("max_points / (pupils - 40)")
	m = criterion("M", Kind.MANUAL, 10, section="P")
	sections = (Section("P", "P", Decimal(20)),)
	a = ev("A", pupils=40, manual={"M": ManualInput(Decimal(7))})
	b = inspected(ev("B", pupils=45, manual={"M": ManualInput(Decimal(6))}), "卫生", 1, 9)
	results = by_class(score_period(rubric(f, m, sections=sections), {}, [a, b]))
	failed = line(results["A"], "F")
	assert failed.points == 0 and failed.needs_input
	assert render_all(failed.explanation) == "The formula of criterion F cannot be used: division by zero"
	assert line(results["A"], "M").points == 7 and results["A"].total == 7
	assert line(results["B"], "F").points == 2 and not line(results["B"], "F").needs_input
	# re-scoring the appraisal (the office edits it) keeps the line failed until the period is recomputed
	computed = {ln.code: (ln.computed, ln.explanation, ln.evidence) for ln in results["A"].lines}
	again = rescore_class(rubric(f, m, sections=sections), a, computed)
	assert line(again, "F").needs_input


def test_the_trials_cover_no_evidence_extremes_and_negatives():
	values = {v for combo in F.trials(["flags"]) for v in combo.values()}
	assert values == {0, 1, -1, Decimal("0.5"), 10_000, -10_000}
	names = sorted(F.VARIABLES)
	combos = list(F.trials(names, "seed"))
	assert combos[0] == dict.fromkeys(names, 0)  # no evidence at all comes first
	for name in names:  # every variable alone at its largest and most negative
		for value in (F.LARGEST[name], -F.LARGEST[name]):
			assert any(c[name] == value and all(c[n] == 0 for n in names if n != name) for c in combos)
	assert combos == list(F.trials(names, "seed"))  # the same trials every time


def test_checking_a_long_formula_is_quick():
	import time

	formula = "min(max_points, " + "+".join(f"({n} if {n}>0 else 0)/9" for n in F.VARIABLES) + ")"
	assert len(formula) <= F.MAX_LENGTH
	start = time.perf_counter()
	check(formula)
	assert time.perf_counter() - start < 2


def test_every_trial_combination_of_few_variables_is_tried():
	combos = list(F.trials(["flags", "top_flags"]))
	assert len(combos) == 36
	assert {(c["flags"], c["top_flags"]) for c in combos} == set(
		itertools.product(F.trial_values("flags"), F.trial_values("top_flags"))
	)
