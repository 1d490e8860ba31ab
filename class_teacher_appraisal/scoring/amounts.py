"""Decimal arithmetic for points: exact sums, one rounding rule (half up, 2 places)."""

from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
CENT = Decimal("0.01")


def D(value) -> Decimal:
	"""A Decimal from a number or numeric string; floats go through str() so 0.1 stays 0.1."""
	if value is None or value == "":
		return ZERO
	if isinstance(value, Decimal):
		return value
	if isinstance(value, float):
		return Decimal(repr(value))
	return Decimal(value)


def points(value: Decimal) -> Decimal:
	"""Rounds to the 2 places every stored point has."""
	return D(value).quantize(CENT, rounding=ROUND_HALF_UP)


def clamp(value: Decimal, low: Decimal | None, high: Decimal | None) -> Decimal:
	if low is not None and value < low:
		return low
	if high is not None and value > high:
		return high
	return value


def fmt(value) -> str:
	"""12.50 -> '12.5', 30.00 -> '30', for explanations."""
	text = format(D(value).normalize(), "f")
	return "0" if text in ("-0", "") else text
