"""A small, safe expression language for the rubric's "Formula" rule kind.

Only arithmetic, comparisons, `x if c else y`, `and`/`or`/`not`, numbers, the
documented variables and the functions below are allowed; no attributes,
subscripts, strings, comprehensions or calls to anything else. Evaluation is in
Decimal, so results do not drift like floats.
"""

import ast
import operator
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .amounts import D

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


class FormulaError(ValueError):
	pass


def _round(value, places=0):
	return value.quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP)


FUNCTIONS = {"min": min, "max": max, "abs": abs, "round": _round}

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
	*BINARY,
	*COMPARE,
)


def parse(expression: str) -> ast.Expression:
	"""Parses and checks a formula; raises FormulaError naming what is not allowed."""
	if not expression or not expression.strip():
		raise FormulaError("empty formula")
	if len(expression) > 500:
		raise FormulaError("formula longer than 500 characters")
	try:
		tree = ast.parse(expression.strip(), mode="eval")
	except SyntaxError as e:
		raise FormulaError(f"syntax error at column {e.offset}") from None
	for node in ast.walk(tree):
		if not isinstance(node, ALLOWED_NODES):
			raise FormulaError(f"'{type(node).__name__}' is not allowed")
		if isinstance(node, ast.Name) and node.id not in VARIABLES and node.id not in FUNCTIONS:
			raise FormulaError(f"unknown name '{node.id}'")
		if isinstance(node, ast.Call) and (
			not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS or node.keywords
		):
			raise FormulaError("only min(), max(), abs() and round() can be called")
		if isinstance(node, ast.Constant) and (
			not isinstance(node.value, int | float) or isinstance(node.value, bool)
		):
			raise FormulaError("only numbers can be written in a formula")
	return tree


def evaluate(expression: str, variables: dict) -> Decimal:
	tree = parse(expression)
	values = {k: D(variables.get(k, 0)) for k in VARIABLES}
	try:
		result = _eval(tree.body, values)
	except (ZeroDivisionError, InvalidOperation):
		raise FormulaError("division by zero") from None
	if isinstance(result, bool):
		result = Decimal(int(result))
	return D(result)


def _eval(node, values):
	if isinstance(node, ast.Constant):
		return D(node.value)
	if isinstance(node, ast.Name):
		return values[node.id]
	if isinstance(node, ast.BinOp):
		return BINARY[type(node.op)](_eval(node.left, values), _eval(node.right, values))
	if isinstance(node, ast.UnaryOp):
		operand = _eval(node.operand, values)
		if isinstance(node.op, ast.USub):
			return -operand
		if isinstance(node.op, ast.UAdd):
			return operand
		return not operand
	if isinstance(node, ast.Compare):
		left = _eval(node.left, values)
		for op, right_node in zip(node.ops, node.comparators, strict=True):
			right = _eval(right_node, values)
			if not COMPARE[type(op)](left, right):
				return False
			left = right
		return True
	if isinstance(node, ast.IfExp):
		return _eval(node.body, values) if _eval(node.test, values) else _eval(node.orelse, values)
	if isinstance(node, ast.BoolOp):
		results = [_eval(v, values) for v in node.values]
		return all(results) if isinstance(node.op, ast.And) else any(results)
	if isinstance(node, ast.Call):
		return FUNCTIONS[node.func.id](*(_eval(a, values) for a in node.args))
	raise FormulaError(f"'{type(node).__name__}' is not allowed")  # parse() rules this out
