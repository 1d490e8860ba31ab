"""Every user-facing string the app ships has a Chinese translation in translations/zh.csv."""

import ast
import csv
import json
import re
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "class_teacher_appraisal"
ZH = APP / "translations" / "zh.csv"
JS_CALL = re.compile(r"""__\(\s*(["'`])((?:\\.|(?!\1).)*)\1""")


def load_translations() -> dict[str, str]:
	with ZH.open(encoding="utf-8", newline="") as f:
		return {row[0]: row[1] for row in csv.reader(f) if row}


def doctype_strings(meta: dict) -> set[str]:
	found = {meta["name"]}
	if meta.get("description"):
		found.add(meta["description"])
	for field in meta.get("fields", []):
		for key in ("label", "description"):
			if field.get(key):
				found.add(field[key])
		if field.get("fieldtype") == "Select" and field.get("options"):
			found.update(o for o in field["options"].split("\n") if o.strip())
	return found


def workspace_strings(meta: dict) -> set[str]:
	found = {meta["label"]}
	found.update(link["label"] for link in meta.get("links", []))
	found.update(s["label"] for s in meta.get("shortcuts", []))
	found.update(c["label"] for c in meta.get("number_cards", []) + meta.get("charts", []) if c.get("label"))
	return found


def record_strings(meta: dict) -> set[str]:
	"""Names and labels of the other records the module ships: print formats, number cards,
	dashboard charts and chart sources (the workspace and print view show them translated)."""
	key = {
		"Print Format": "name",
		"Number Card": "label",
		"Dashboard Chart": "chart_name",
		"Dashboard Chart Source": "source_name",
	}.get(meta.get("doctype"))
	return {meta[key]} if key and meta.get(key) else set()


# _("…") in Jinja templates (print formats); the call must start the expression.
JINJA_CALL = re.compile(r"""(?<![\w.])_\(\s*(["'])((?:\\.|(?!\1).)*)\1""")


def python_strings(path: Path) -> set[str]:
	found = set()
	for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
		if (
			isinstance(node, ast.Call)
			and isinstance(node.func, ast.Name)
			and node.func.id == "_"
			and node.args
			and isinstance(node.args[0], ast.Constant)
			and isinstance(node.args[0].value, str)
		):
			found.add(node.args[0].value)
	return found


RECORD_NAMES = (
	*("WORKFLOW", "DRAFT", "OFFICE_REVIEW", "PRINCIPAL_APPROVAL", "APPROVED", "CANCELLED"),
	*("SUBMIT", "FORWARD", "APPROVE", "RETURN", "CANCEL"),
	# the studio exit request's workflow
	*("EXIT_WORKFLOW", "EXIT_REQUESTED", "EXIT_HOST_APPROVED", "EXIT_APPROVED", "EXIT_REJECTED", "REJECT"),
)


def named_constants(path: Path, names) -> set[str]:
	"""String values of module-level constants (also tuple-unpacked ones), without importing."""
	found = set()
	for node in ast.parse(path.read_text(encoding="utf-8")).body:
		if not isinstance(node, ast.Assign):
			continue
		target, value = node.targets[0], node.value
		pairs = (
			zip(target.elts, value.elts, strict=True)
			if isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple)
			else [(target, value)]
		)
		for name, constant in pairs:
			if isinstance(name, ast.Name) and name.id in names and isinstance(constant, ast.Constant):
				found.add(constant.value)
	return found


def collect() -> dict[str, set[str]]:
	"""Maps each user-facing string to the files it comes from."""
	sources: dict[str, set[str]] = {}

	def add(strings, path):
		for s in strings:
			sources.setdefault(s, set()).add(str(path.relative_to(APP)))

	for path in APP.rglob("*.json"):
		meta = json.loads(path.read_text(encoding="utf-8"))
		if not isinstance(meta, dict):
			continue
		if meta.get("doctype") == "DocType":
			add(doctype_strings(meta), path)
		elif meta.get("doctype") == "Workspace":
			add(workspace_strings(meta), path)
		else:
			add(record_strings(meta), path)
	for path in APP.rglob("*.py"):
		add(python_strings(path), path)
	# Records the app creates in code (stored in English): roles, workflow, states, actions.
	add(named_constants(APP / "names.py", ("OFFICE", "PRINCIPAL", "INSPECTOR", "CLASS_TEACHER")), APP)
	add(named_constants(APP / "names.py", RECORD_NAMES), APP)
	for path in APP.glob("*/print_format/*/*.html"):
		add((m.group(2) for m in JINJA_CALL.finditer(path.read_text(encoding="utf-8"))), path)
	for path in APP.rglob("*.js"):
		add((m.group(2) for m in JS_CALL.finditer(path.read_text(encoding="utf-8"))), path)
	return sources


def test_the_app_has_strings_to_translate():
	sources = collect()
	assert "Class Record" in sources
	assert "Grade level must be between 1 and 12, not {0}." in sources
	assert {"Pending Principal Approval", "Forward to Principal", "Academic Office"} <= set(sources)
	# the print format's Jinja, and the records it and the workspace show
	assert {"Signature:", "Recorded in the system: {0}", "Class Teacher Appraisal Sheet"} <= set(sources)


def test_every_user_facing_string_has_a_chinese_translation():
	translations = load_translations()
	missing = {s: sorted(files) for s, files in collect().items() if not translations.get(s, "").strip()}
	assert not missing, "missing in translations/zh.csv:\n" + "\n".join(
		f"  {s!r} ({', '.join(f)})" for s, f in sorted(missing.items())
	)


def test_translations_keep_their_placeholders():
	for source, target in load_translations().items():
		assert sorted(re.findall(r"\{\d*\}", source)) == sorted(re.findall(r"\{\d*\}", target)), source


@pytest.mark.parametrize("line", ZH.read_text(encoding="utf-8").splitlines())
def test_translation_file_rows_have_source_and_target(line):
	row = next(csv.reader([line]))
	assert len(row) in (2, 3) and row[0] and row[1], line
