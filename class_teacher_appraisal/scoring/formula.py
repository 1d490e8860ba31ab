"""A small, safe expression language for the rubric's "Formula" rule kind.

Only arithmetic, comparisons, `x if c else y`, `and`/`or`/`not`, numbers, the
documented variables and the functions below are allowed; no attributes,
subscripts, strings, comprehensions, powers or calls to anything else.
Evaluation is in Decimal, so results do not drift like floats.

Everything is a number: a comparison or `not` gives 1 or 0, `a and b` gives b
when a is not 0 (else a), `a or b` gives a when a is not 0 (else b), and only
the branch taken is evaluated (`top_flags and flags / top_flags` cannot divide
by 0).

Evaluation is total: whatever the variables, `evaluate` returns a finite Decimal
within ±RESULT_LIMIT or raises FormulaError, whose message (a translatable
`Msg`) says why. `check` is what a rubric runs on save: besides parsing, it
evaluates the formula with every variable at 0 (no evidence), 1, -1, ½, its
largest and its most negative value, so that a formula that would fail for a
period is refused when it is written rather than when the period is scored.
"""

import ast
import itertools
import operator
import random
from decimal import (
	ROUND_HALF_EVEN,
	ROUND_HALF_UP,
	Context,
	Decimal,
	DecimalException,
	DivisionByZero,
	InvalidOperation,
	Overflow,
	localcontext,
)

from .amounts import D, fmt
from .i18n import Msg, _, msg

# Variables a formula can use (documented in the rubric form and the README).
VARIABLES = {
	"max_points": "the criterion's maximum",
	"unit_points": "the criterion's unit points",
	"inspections": "number of inspections of the linked item in the period",
	"score_sum": "sum of their scores",
	"score_avg": "their average score",
	"deduction_sum": "sum of their deductions",
	"item_max": "the linked item's maximum score",
	"incidents": "number of incidents of the criterion's incident types",
	"flags": "the class's red flags in the period",
	"top_flags": "the most red flags of any class compared with",
	"weeks": "number of weeks with inspections of the linked item",
	"pupils": "number of pupils in the class",
	"manual": "points entered by hand on the line (0 if none)",
}

# The largest value scoring can give each variable, from the bounds the app puts on what is
# entered (class_teacher_appraisal.validation: points up to 10 000, inspection scores up to an item's
# maximum, incident counts per row up to 1 000 …) with room to spare. `check` tries each variable
# at these values, their negatives, and 0, 1, -1 and ½.
POINTS, COUNT, SUM = Decimal(10_000), Decimal(10_000), Decimal(1_000_000)
LARGEST = {
	"max_points": POINTS,
	"unit_points": POINTS,
	"inspections": COUNT,
	"score_sum": SUM,
	"score_avg": POINTS,
	"deduction_sum": SUM,
	"item_max": POINTS,
	"incidents": COUNT,
	"flags": COUNT,
	"top_flags": COUNT,
	"weeks": COUNT,
	"pupils": COUNT,
	"manual": POINTS,
}

MAX_LENGTH = 500  # characters
MAX_DEPTH = 40  # operations nested in one another (a + b + c … counts one per +)
MAX_CONSTANT = 1_000_000  # numbers written in a formula
MAX_ARGS = 10  # numbers given to min() or max()
MAX_PLACES = 6  # round(x, places)
MAGNITUDE = Decimal(10) ** 15  # any value met while evaluating
RESULT_LIMIT = Decimal(10) ** 9  # a formula's result: a line's points (stored as decimal(21, 9))
ALL_VALUES_LIMIT = 1_296  # trial evaluations when saving: every combination of up to 4 variables …
SAMPLE_SIZE = 1_000  # … or, with more variables, this many mixes besides the systematic trials

# Decimal arithmetic as the formula sees it: overflow, division by 0 and invalid operations raise.
ARITHMETIC = Context(
	prec=28,
	rounding=ROUND_HALF_EVEN,
	Emax=99,
	Emin=-99,
	traps=[InvalidOperation, DivisionByZero, Overflow],
)

ONE, ZERO = Decimal(1), Decimal(0)


class FormulaError(ValueError):
	"""Why a formula cannot be used; `message` is a translatable Msg (str() is it in English)."""

	def __init__(self, message: Msg):
		super().__init__(message.render())
		self.message = message


def _round(value, places=ZERO):
	return value.quantize(ONE.scaleb(-int(places)), rounding=ROUND_HALF_UP)


FUNCTIONS = {"min": min, "max": max, "abs": abs, "round": _round}
# name -> (fewest, most) arguments
ARITY = {"min": (2, MAX_ARGS), "max": (2, MAX_ARGS), "abs": (1, 1), "round": (1, 2)}

BINARY = {
	ast.Add: operator.add,
	ast.Sub: operator.sub,
	ast.Mult: operator.mul,
	ast.Div: operator.truediv,
	ast.FloorDiv: operator.floordiv,
	ast.Mod: operator.mod,
}
COMPARE = {
	ast.Lt: operator.lt,
	ast.LtE: operator.le,
	ast.Gt: operator.gt,
	ast.GtE: operator.ge,
	ast.Eq: operator.eq,
	ast.NotEq: operator.ne,
}

ALLOWED_NODES = (
	ast.Expression,
	ast.BinOp,
	ast.UnaryOp,
	ast.Compare,
	ast.IfExp,
	ast.BoolOp,
	ast.Call,
	ast.Name,
	ast.Load,
	ast.Constant,
	ast.And,
	ast.Or,
	ast.Not,
	ast.USub,
	ast.UAdd,
	ast.keyword,  # refused by the call check, with a clearer message
	*BINARY,
	*COMPARE,
)

# How a refused construct is named in the message.
SYMBOLS = {
	ast.Pow: "**",
	ast.BitAnd: "&",
	ast.BitOr: "|",
	ast.BitXor: "^",
	ast.LShift: "<<",
	ast.RShift: ">>",
	ast.MatMult: "@",
	ast.Invert: "~",
	ast.In: "in",
	ast.NotIn: "not in",
	ast.Is: "is",
	ast.IsNot: "is not",
	ast.Attribute: ".",
	ast.Subscript: "[]",
	ast.Lambda: "lambda",
	ast.NamedExpr: ":=",
}


def parse(expression: str) -> ast.Expression:
	"""Parses and checks a formula; raises FormulaError naming what is not allowed."""
	if not isinstance(expression, str) or not expression.strip():
		raise FormulaError(msg(_("the formula is empty")))
	if len(expression) > MAX_LENGTH:
		raise FormulaError(msg(_("the formula is longer than {0} characters"), MAX_LENGTH))
	if "\x00" in expression:
		raise FormulaError(msg(_("the formula cannot be read")))
	try:
		tree = ast.parse(expression.strip(), mode="eval")
	except SyntaxError as e:
		raise FormulaError(msg(_("syntax error at column {0}"), e.offset or 1)) from None
	except (ValueError, RecursionError, MemoryError):  # absurd nesting
		raise FormulaError(msg(_("the formula cannot be read"))) from None
	_check_depth(tree)
	nodes = list(ast.walk(tree))
	for node in nodes:  # what it is made of, then the names it uses, then numbers and calls
		if not isinstance(node, ALLOWED_NODES):
			raise FormulaError(msg(_("'{0}' is not allowed"), SYMBOLS.get(type(node), type(node).__name__)))
	called = {id(n.func) for n in nodes if isinstance(n, ast.Call)}
	for node in nodes:
		if isinstance(node, ast.Name):
			if node.id not in VARIABLES and node.id not in FUNCTIONS:
				raise FormulaError(msg(_("unknown name '{0}'"), node.id))
			if node.id in FUNCTIONS and id(node) not in called:
				raise FormulaError(msg(_("{0} must be called, as in {0}(…)"), node.id))
	for node in nodes:
		if isinstance(node, ast.Constant):
			_check_constant(node.value)
		elif isinstance(node, ast.Call):
			_check_call(node)
	return tree


def _check_depth(tree: ast.AST) -> None:
	stack = [(tree, 0)]
	while stack:
		node, depth = stack.pop()
		if depth > MAX_DEPTH:
			raise FormulaError(msg(_("the formula is nested more than {0} levels deep"), MAX_DEPTH))
		nested = isinstance(node, ast.BinOp | ast.UnaryOp | ast.Compare | ast.IfExp | ast.BoolOp | ast.Call)
		stack.extend((child, depth + nested) for child in ast.iter_child_nodes(node))


def _check_constant(value) -> None:
	if not isinstance(value, int | float) or isinstance(value, bool):
		raise FormulaError(msg(_("only numbers can be written in a formula")))
	if not D(value).is_finite() or abs(D(value)) > MAX_CONSTANT:
		raise FormulaError(
			msg(_("a number in a formula must be between -{0} and {0}, not {1}"), MAX_CONSTANT, _shown(value))
		)


def _check_call(node: ast.Call) -> None:
	if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS or node.keywords:
		raise FormulaError(msg(_("only min(), max(), abs() and round() can be called")))
	name = node.func.id
	fewest, most = ARITY[name]
	if not fewest <= len(node.args) <= most:
		raise FormulaError(
			msg(_("{0}() takes {1} to {2} numbers, not {3}"), name, fewest, most, len(node.args))
			if fewest != most
			else msg(_("{0}() takes exactly {1} number, not {2}"), name, fewest, len(node.args))
		)
	if name == "round" and len(node.args) == 2:
		places = node.args[1]
		if not (
			isinstance(places, ast.Constant)
			and isinstance(places.value, int)
			and not isinstance(places.value, bool)
			and 0 <= places.value <= MAX_PLACES
		):
			raise FormulaError(msg(_("round()'s places must be a whole number from 0 to {0}"), MAX_PLACES))


def _shown(value) -> str:
	"""A number for a message, cut short when it is absurdly long."""
	text = str(value)
	return text if len(text) <= 24 else text[:20] + "…"


def evaluate(expression: str, variables: dict) -> Decimal:
	"""The formula's value with these variables (missing ones are 0): a finite Decimal within
	±RESULT_LIMIT, or FormulaError (never any other exception)."""
	return run(parse(expression), variables)


def run(tree: ast.Expression, variables: dict) -> Decimal:
	"""Evaluates a parsed formula (see `evaluate`)."""
	values = {k: _variable(k, variables.get(k, 0)) for k in VARIABLES}
	try:
		with localcontext(ARITHMETIC):
			result = _eval(tree.body, values)
			if not result.is_finite() or abs(result) > RESULT_LIMIT:
				raise FormulaError(
					msg(_("its result {0} is beyond ±{1}"), _shown(fmt(result)), fmt(RESULT_LIMIT))
				)
			return result + ZERO  # normalises -0
	except FormulaError:
		raise
	except ZeroDivisionError:  # DivisionByZero and 0/0 (DivisionUndefined) are ZeroDivisionErrors
		raise FormulaError(msg(_("division by zero"))) from None
	except (Overflow, DecimalException, ArithmeticError):
		raise FormulaError(msg(_("a value beyond ±{0}"), fmt(MAGNITUDE))) from None
	except (TypeError, ValueError, KeyError, RecursionError, MemoryError) as e:
		raise FormulaError(msg(_("it cannot be computed ({0})"), type(e).__name__)) from None


def _variable(name: str, value) -> Decimal:
	try:
		number = D(value)
	except (InvalidOperation, TypeError, ValueError):
		raise FormulaError(msg(_("variable {0} is not a number: {1}"), name, _shown(value))) from None
	if not number.is_finite() or abs(number) > MAGNITUDE:
		raise FormulaError(msg(_("variable {0} is {1}, beyond ±{2}"), name, _shown(number), fmt(MAGNITUDE)))
	return number


def _bounded(value: Decimal) -> Decimal:
	if not value.is_finite() or abs(value) > MAGNITUDE:
		raise FormulaError(msg(_("a value beyond ±{0}"), fmt(MAGNITUDE)))
	return value


def _truth(value: Decimal) -> Decimal:
	return ONE if value else ZERO


def _eval(node, values) -> Decimal:
	if isinstance(node, ast.Constant):
		return D(node.value)
	if isinstance(node, ast.Name):
		return values[node.id]
	if isinstance(node, ast.BinOp):
		left, right = _eval(node.left, values), _eval(node.right, values)
		if not right and isinstance(node.op, ast.Div | ast.FloorDiv | ast.Mod):
			raise FormulaError(msg(_("division by zero")))
		return _bounded(BINARY[type(node.op)](left, right))
	if isinstance(node, ast.UnaryOp):
		operand = _eval(node.operand, values)
		if isinstance(node.op, ast.USub):
			return -operand
		if isinstance(node.op, ast.UAdd):
			return operand
		return _truth(not operand)
	if isinstance(node, ast.Compare):
		left = _eval(node.left, values)
		for op, right_node in zip(node.ops, node.comparators, strict=True):
			right = _eval(right_node, values)
			if not COMPARE[type(op)](left, right):
				return ZERO
			left = right
		return ONE
	if isinstance(node, ast.IfExp):
		return _eval(node.body, values) if _eval(node.test, values) else _eval(node.orelse, values)
	if isinstance(node, ast.BoolOp):  # Python's own rule, on numbers: the deciding operand
		value = ZERO
		for operand in node.values:
			value = _eval(operand, values)
			if bool(value) != isinstance(node.op, ast.And):
				return value
		return value
	if isinstance(node, ast.Call):
		args = [_eval(a, values) for a in node.args]
		if node.func.id == "round" and len(args) == 2:
			args[1] = int(args[1])
		return _bounded(FUNCTIONS[node.func.id](*args))
	raise FormulaError(msg(_("'{0}' is not allowed"), type(node).__name__))  # parse() rules this out


# ------------------------------------------------------------------ checked on save


def variables_of(tree: ast.AST) -> list[str]:
	return sorted({n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id in VARIABLES})


def trial_values(name: str) -> list[Decimal]:
	"""What `check` tries a variable at: no evidence first, then small, extreme and negative values."""
	largest = LARGEST[name]
	return [ZERO, ONE, largest, -ONE, -largest, Decimal("0.5")]


def trials(names: list[str], seed: str = ""):
	"""Combinations of trial values: all of them for up to 4 variables; otherwise every variable
	at every value with the others at 0, at 1 or at their largest, plus a fixed sample of mixes."""
	choices = [trial_values(n) for n in names]
	total = 1
	for c in choices:
		total *= len(c)
	if total <= ALL_VALUES_LIMIT:
		for combo in itertools.product(*choices):
			yield dict(zip(names, combo, strict=True))
		return
	for pick in (0, 1, 2, 3, 4, 5):  # everything at 0 (no evidence), at 1, largest, -1, most negative, ½
		yield {n: c[pick] for n, c in zip(names, choices, strict=True)}
	for base in (0, 1, 2):
		for i, name in enumerate(names):
			for value in choices[i]:
				combo = {n: c[base] for n, c in zip(names, choices, strict=True)}
				combo[name] = value
				yield combo
	rng = random.Random(seed)  # the same sample every time the formula is saved
	for _i in range(SAMPLE_SIZE):
		yield {n: rng.choice(c) for n, c in zip(names, choices, strict=True)}


def check(expression: str) -> ast.Expression:
	"""Parses the formula and evaluates it at extreme evidence (see the module's docstring);
	raises FormulaError saying with which values it fails."""
	tree = parse(expression)
	names = variables_of(tree)
	for values in trials(names, expression):
		try:
			run(tree, values)
		except FormulaError as e:
			if not names:
				raise
			shown = ", ".join(f"{n} = {fmt(values[n])}" for n in names)
			raise FormulaError(msg(_("with {0}: {1}"), shown, e.message)) from None
	return tree
