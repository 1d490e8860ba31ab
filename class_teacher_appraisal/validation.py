"""Numbers sent by a form or through the REST API, checked before a controller uses them.

A controller's `validate` sees what the client sent for a number field, unconverted: a JSON
number (1e309 arrives as inf, a 40-digit integer as an int), NaN or Infinity (Python's json
reads them), a string ("NaN", "Infinity", "1e309", "abc") or even a list. Frappe's `flt` turns
"nan"/"inf" into nan/inf and anything it cannot read (a list, "abc", an int too large for a
float) into 0, and the database refuses a number beyond its column with an error 500. So every
number field of a document and of its rows must be empty or a finite number (a whole one for Int
fields) within a bound; anything else is refused with a translated message naming the field and
the row, before anything is saved. Numbers written as strings are stored as numbers.

The bounds below are far beyond any real school's values and well within what the columns hold;
controllers pass the ones that matter per field, any other number field gets DEFAULT.
"""

from datetime import date
from decimal import Decimal, InvalidOperation

import frappe
from dateutil import parser as dateutil_parser
from frappe import _

# Points of any kind: a rubric's total, parts' and criteria's maxima, unit points, caps, level
# points, grade thresholds, hand-entered points, adjustments. The largest shipped rubric counts 550.
POINTS = 10_000
PERCENT = 100  # weights in %
MONEY = 1_000_000  # allowances, in yuan
COUNT = 1_000  # incidents in one inspection row, pupils in a class, flag-rule counts
GRADE = 12  # grade levels 1 … 12
# Any other number field, read-only ones included (a client can send those too): what an Int
# column (±2 147 483 647) and a Float/Currency column (decimal(21, 9), below 10^12) can store.
DEFAULT = 1_000_000_000

NUMBER_TYPES = ("Int", "Float", "Currency", "Percent")


def parse_number(value, whole: bool = False) -> Decimal | None:
	"""The number a client sent, or None if it is not a finite (whole, if asked) number."""
	if isinstance(value, bool):
		return None
	if isinstance(value, str):
		value = value.strip().replace(",", "")  # as `flt` reads "1,250.5"
	if not isinstance(value, str | int | float | Decimal):
		return None
	try:
		number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
	except (InvalidOperation, ValueError, TypeError):
		return None
	if not number.is_finite():
		return None
	if whole and number != number.to_integral_value():
		return None
	return number


def shown(value) -> str:
	"""The sent value in a message, cut short."""
	text = repr(value) if isinstance(value, str) else str(value)
	return text if len(text) <= 30 else text[:27] + "…"


def fmt_bound(value) -> str:
	return f"{value:,}" if isinstance(value, int) else str(value)


def number_error(value, label: str, low=-DEFAULT, high=DEFAULT, whole: bool = False) -> str | None:
	"""What is wrong with a sent number, as a translated sentence, or None when it is fine."""
	number = parse_number(value, whole=False)
	if number is None:
		return _("{0} must be a finite number, not {1}.").format(label, shown(value))
	if whole and number != number.to_integral_value():
		return _("{0} must be a whole number, not {1}.").format(label, shown(value))
	if not low <= number <= high:
		return _("{0} must be between {1} and {2}, not {3}.").format(
			label, fmt_bound(low), fmt_bound(high), shown(value)
		)
	return None


def finite(value, label: str, low=-DEFAULT, high=DEFAULT, whole: bool = False, title: str | None = None):
	"""The sent value as a number (int if whole, else float), or a ValidationError saying why not.
	Empty (None or "") is 0."""
	if value is None or (isinstance(value, str) and not value.strip()):
		return 0
	error = number_error(value, label, low, high, whole)
	if error:
		frappe.throw(error, title=title or _("Invalid Number"), exc=frappe.ValidationError)
	number = parse_number(value)
	return int(number) if whole else float(number)


def check_numbers(doc, bounds: dict | None = None, title: str | None = None) -> None:
	"""Checks every number field of the document and of its rows (see the module's docstring),
	and every check box and date: a date the database cannot store is refused with a message
	instead of an error 500.

	`bounds` maps "fieldname" or "table_field.fieldname" to (low, high); other fields get
	±DEFAULT. Int fields must be whole. All bad values are reported at once; nothing is changed
	unless everything is fine, then numbers sent as strings are stored as numbers."""
	bounds = bounds or {}
	errors, fixes = [], []
	for d, prefix in [(doc, ""), *((row, f"{row.parentfield}.") for row in doc.get_all_children())]:
		for df in d.meta.fields:
			if df.fieldtype == "Check":
				# Frappe reads anything it cannot parse as 0: "<script>" would switch a class off
				value = d.get(df.fieldname)
				if value not in (None, "", 0, 1, "0", "1"):
					errors.append(
						_("{0} must be 0 or 1, not {1}.").format(field_label(doc, d, df), shown(value))
					)
				continue
			if df.fieldtype in DATE_TYPES:
				if error := date_error(d.get(df.fieldname), field_label(doc, d, df)):
					errors.append(error)
				continue
			if df.fieldtype not in NUMBER_TYPES:
				continue
			value = d.get(df.fieldname)
			if value is None or (isinstance(value, str) and not value.strip()):
				continue
			whole = df.fieldtype == "Int"
			low, high = bounds.get(prefix + df.fieldname, (-DEFAULT, DEFAULT))
			error = number_error(value, field_label(doc, d, df), low, high, whole)
			if error:
				errors.append(error)
			elif not isinstance(value, int | float) or isinstance(value, bool):
				number = parse_number(value)
				fixes.append((d, df.fieldname, int(number) if whole else float(number)))
	if errors:
		frappe.throw(
			errors if len(errors) > 1 else errors[0],
			title=title or _("Invalid Number"),
			exc=frappe.ValidationError,
			as_list=len(errors) > 1,
		)
	for d, fieldname, number in fixes:
		d.set(fieldname, number)


DATE_TYPES = ("Date", "Datetime")


def date_error(value, label: str) -> str | None:
	"""Why a sent date cannot be stored, or None (empty, a date, or a string that reads as one)."""
	if value in (None, "") or isinstance(value, date):  # a datetime is a date too
		return None
	if isinstance(value, str) and len(value) <= 40:
		try:
			parsed = dateutil_parser.parse(value)
		except (ValueError, OverflowError):
			parsed = None
		if parsed is not None and 1 <= parsed.year <= 9999:
			return None
	return _("{0} must be a date, not {1}.").format(label, shown(value))


def check_appraisal_numbers(doc) -> None:
	"""A Class Teacher Appraisal's numbers: hand-entered points and adjustments (each also kept
	within its line by the controller), achievements' base points, and any other number at DEFAULT."""
	check_numbers(
		doc,
		{
			"lines.manual_points": (-POINTS, POINTS),
			"lines.adjustment": (-POINTS, POINTS),
			"achievements.base_points": (0, POINTS),
		},
		title=_("Invalid Appraisal"),
	)


def field_label(doc, d, df) -> str:
	label = _(df.label or df.fieldname)
	if d is doc:
		return label
	table = doc.meta.get_label(d.parentfield)
	return _("{0}, row {1}: {2}").format(_(table), d.idx, label)


def required(value, label: str):
	"""A whitelisted method's argument that must be given (Frappe answers a missing one with an
	error 500, so the methods take None and say what is missing)."""
	if value is None or (isinstance(value, str) and not value.strip()):
		frappe.throw(_("{0} is required.").format(label), exc=frappe.MandatoryError, title=_("Missing Value"))
	return value


def require_post() -> None:
	"""Refuses a request that is not a POST. `@frappe.whitelist(methods=["POST"])` is checked on
	/api/method/… and run_doc_method, but a document's method is also run by GET
	/api/resource/<doctype>/<name>?run_method=… and GET /api/v2/document/…/method/…, which do not
	look at it: the controller methods that change state call this first. Calls from code (no
	request: jobs, tests, the console) pass."""
	request = getattr(frappe.local, "request", None)
	if request is not None and request.method != "POST":
		frappe.throw(
			_("{0} changes data: send it as a POST request.").format(request.path),
			exc=frappe.PermissionError,
			title=_("Method Not Allowed"),
		)
