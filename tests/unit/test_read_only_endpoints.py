"""Frappe's habits (issue 15): every whitelisted endpoint of the app that answers a GET is marked
@frappe.read_only() (a site with read_from_replica serves it from the replica; a GET never writes).
Frappe's @frappe.whitelist() without methods= takes GET as well."""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "class_teacher_appraisal"


def decorator_name(node: ast.expr) -> str:
	target = node.func if isinstance(node, ast.Call) else node
	return ast.unparse(target)


def takes_get(whitelist: ast.expr) -> bool:
	if not isinstance(whitelist, ast.Call):
		return True
	for keyword in whitelist.keywords:
		if keyword.arg == "methods":
			methods = ast.literal_eval(keyword.value)
			return "GET" in methods
	return True  # Frappe's default: GET, POST, PUT and DELETE


def endpoints():
	for path in sorted(APP.rglob("*.py")):
		if "tests" in path.parts:
			continue
		for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
			if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
				continue
			names = {decorator_name(d): d for d in node.decorator_list}
			if "frappe.whitelist" in names:
				yield f"{path.relative_to(APP.parent)}:{node.name}", names


def test_the_app_has_endpoints_of_both_kinds():
	found = dict(endpoints())
	assert len(found) > 10
	assert any(takes_get(n["frappe.whitelist"]) for n in found.values())
	assert any(not takes_get(n["frappe.whitelist"]) for n in found.values())


def test_every_endpoint_that_answers_a_get_is_read_only():
	unmarked = [
		where
		for where, names in endpoints()
		if takes_get(names["frappe.whitelist"]) and "frappe.read_only" not in names
	]
	assert unmarked == [], f"GET endpoints without @frappe.read_only(): {unmarked}"
