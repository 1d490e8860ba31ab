"""Bad input over HTTP, to every whitelisted method of the app and every DocType endpoint: wrong
types, NaN and infinities, huge numbers, HTML/script, empty values and links to nothing. Each
answer is an error with a message (4xx) or, for a read-only method, an answer; never a server error
(5xx); and nothing in the app's tables changes. Sent as the Academic Office, the app role that may
call the most."""

import importlib
import inspect
import json
import pkgutil

import frappe
import pytest
import requests

import class_teacher_appraisal
from tests.e2e.conftest import PASSWORD

OFFICE = "li.office@demo-school.cn"
BAD = [
	"",
	"NaN",
	"-Infinity",
	"1e309",
	"9" * 400,
	"-1",
	"<script>alert(1)</script>",
	"<img src=x onerror=alert(1)>",
	"[1, 2]",
	'{"x": 1}',
	"no-such-record-anywhere",
	"2025-13-45",
]
TYPED_BAD = {
	"Int": "NaN",
	"Float": "1e309",
	"Currency": "Infinity",
	"Percent": "-NaN",
	"Check": "<script>",
	"Date": "2025-13-45",
	"Datetime": "yesterday-ish",
	"Link": "no-such-record-anywhere",
	"Select": "<img src=x onerror=alert(1)>",
	"JSON": "{not json",
}


def app_whitelisted() -> list:
	"""Every function of the app that Frappe lets a request call."""
	for module in pkgutil.walk_packages(class_teacher_appraisal.__path__, "class_teacher_appraisal."):
		if ".patches." in module.name or module.name.endswith(("benchmark", "commands")):
			continue
		try:
			importlib.import_module(module.name)
		except Exception:
			continue
	found = [
		f for f in frappe.whitelisted if getattr(f, "__module__", "").startswith("class_teacher_appraisal")
	]
	return sorted(found, key=lambda f: (f.__module__, f.__qualname__))


def app_doctypes() -> list[str]:
	return frappe.get_all(
		"DocType",
		filters={"module": "Class Teacher Appraisal", "istable": 0, "issingle": 0},
		pluck="name",
		order_by="name",
	)


def fingerprint() -> dict:
	"""Rows and last change of every table of the app (children too)."""
	frappe.db.rollback()
	out = {}
	for dt in frappe.get_all(
		"DocType", filters={"module": "Class Teacher Appraisal", "issingle": 0}, pluck="name"
	):
		out[dt] = frappe.db.sql(f"select count(*), max(modified) from `tab{dt}`")[0]
	return out


@pytest.fixture(scope="module")
def office(server, e2e_site):
	s = requests.Session()
	s.base = server
	r = s.post(f"{server}/api/method/login", data={"usr": OFFICE, "pwd": PASSWORD}, timeout=30)
	assert r.ok
	before = fingerprint()
	yield s
	assert fingerprint() == before, "a bad request changed the app's tables"
	s.close()


def answered_properly(r, read_only: bool) -> bool:
	if r.status_code >= 500:
		return False
	if 400 <= r.status_code < 500:
		try:
			body = r.json()
		except ValueError:
			return False
		return any(body.get(k) for k in ("exception", "exc_type", "_server_messages", "message"))
	return read_only and r.status_code == 200


def call(s, fn, value, omit=False):
	"""One request to a whitelisted function with every parameter set to `value` (or none)."""
	params = [p for p in inspect.signature(fn).parameters if p not in ("self", "args", "kwargs")]
	data = {} if omit else dict.fromkeys(params, value)
	methods = frappe.allowed_http_methods_for_whitelisted_func.get(fn, ["GET", "POST", "PUT", "DELETE"])
	if "." in fn.__qualname__:  # a document's method: on a record that does not exist, and on bad input
		doctype = {
			"AppraisalAppeal": "Appraisal Appeal",
			"AppraisalPeriod": "Appraisal Period",
			"ClassTeacherAppraisal": "Class Teacher Appraisal",
			"InspectionRound": "Inspection Round",
		}[fn.__qualname__.split(".")[0]]
		body = {
			"dt": doctype,
			"dn": value or "no-such-record-anywhere",
			"method": fn.__name__,
			"args": json.dumps(data),
		}
		return s.post(f"{s.base}/api/method/run_doc_method", data=body, timeout=60), "GET" in methods
	path = f"{s.base}/api/method/{fn.__module__}.{fn.__name__}"
	if "POST" in methods:
		return s.post(path, data=data, timeout=60), "GET" in methods
	return s.get(path, params=data, timeout=60), True


def test_the_app_has_whitelisted_methods_to_try(office):
	assert len(app_whitelisted()) >= 10


@pytest.mark.parametrize("value", [*BAD, None], ids=[repr(v)[:24] for v in [*BAD, None]])
def test_every_whitelisted_method_refuses_bad_input_with_a_message(office, value):
	wrong = []
	for fn in app_whitelisted():
		r, read_only = call(office, fn, value or "", omit=value is None)
		if not answered_properly(r, read_only):
			wrong.append(f"{fn.__module__}.{fn.__qualname__}: {r.status_code} {r.text[:160]}")
	assert not wrong, "\n".join(wrong)


def bad_fields(doctype: str) -> dict:
	meta = frappe.get_meta(doctype)
	body = {}
	for df in meta.fields:
		if df.fieldtype in TYPED_BAD:
			body[df.fieldname] = TYPED_BAD[df.fieldtype]
		elif df.fieldtype == "Table":
			body[df.fieldname] = [{"idx": "NaN", "name": "<script>"}]
	return body


def test_every_doctype_refuses_a_new_record_of_bad_values(office):
	wrong = []
	for doctype in app_doctypes():
		for body in ({}, bad_fields(doctype)):
			r = office.post(
				f"{office.base}/api/resource/{doctype}", data={"data": json.dumps(body)}, timeout=60
			)
			if not (400 <= r.status_code < 500 and answered_properly(r, False)):
				wrong.append(f"{doctype} {sorted(body)[:3]}: {r.status_code} {r.text[:160]}")
	assert not wrong, "\n".join(wrong)


def test_every_doctype_refuses_bad_values_on_an_existing_record(office):
	wrong = []
	for doctype in app_doctypes():
		name = (
			frappe.db.get_value(doctype, {"docstatus": 0})
			if frappe.get_meta(doctype).is_submittable
			else frappe.db.get_value(doctype, {})
		)
		if not name:
			continue
		before = frappe.db.get_value(doctype, name, "*", as_dict=True)
		for field, value in bad_fields(doctype).items():
			if frappe.get_meta(doctype).get_field(field).read_only:
				continue
			r = office.put(
				f"{office.base}/api/resource/{doctype}/{name}",
				data={"data": json.dumps({field: value})},
				timeout=60,
			)
			if r.status_code >= 500 or (r.status_code == 200 and field_changed(doctype, name, field, value)):
				wrong.append(f"{doctype}.{field}={value!r}: {r.status_code} {r.text[:160]}")
			restore(doctype, name, field, before)
	assert not wrong, "\n".join(wrong)


def restore(doctype, name, field, before: dict):
	"""A value Frappe accepted by coercing it (a Check given "<script>" is stored as 0) is put back,
	so that the browser site's records stay as the demo made them (a class stays active)."""
	meta = frappe.get_meta(doctype)
	if meta.get_field(field).fieldtype == "Table":
		return
	frappe.db.rollback()
	if frappe.db.get_value(doctype, name, field) != before.get(field):
		frappe.db.set_value(doctype, name, field, before.get(field), update_modified=False)
		frappe.db.commit()


def field_changed(doctype, name, field, value) -> bool:
	frappe.db.rollback()
	if frappe.get_meta(doctype).get_field(field).fieldtype == "Table":
		return False
	return str(frappe.db.get_value(doctype, name, field)) == str(value)
