"""Bad input gets a clear error and saves nothing."""

import re

import frappe
import pytest

from tests.conftest import acting_as
from tests.factories import (
	S1,
	S6,
	appraisal_of,
	inspect,
	lines_of,
	make_class,
	make_period,
	make_school,
	make_user,
)


def rubric_doc(**kw):
	return frappe.get_doc(
		{
			"doctype": "Appraisal Rubric",
			"rubric_name": "测试方案",
			"total_points": 100,
			"sections": [
				{"section_code": "A", "section_title": "甲", "max_points": 60},
				{"section_code": "B", "section_title": "乙", "max_points": 40},
			],
			"criteria": [
				{
					"criterion_code": "A1",
					"criterion_title": "甲一",
					"section_code": "A",
					"rule_kind": "Manual Points",
					"max_points": 60,
				},
				{
					"criterion_code": "B1",
					"criterion_title": "乙一",
					"section_code": "B",
					"rule_kind": "Manual Points",
					"max_points": 40,
				},
			],
			**kw,
		}
	)


def test_a_valid_rubric_saves():
	assert rubric_doc().insert().name == "测试方案 v1"


def test_parts_whose_maxima_do_not_add_up_to_the_total_are_refused():
	doc = rubric_doc(total_points=120)
	with pytest.raises(frappe.ValidationError, match="add up to 100.0, but the rubric's total is 120"):
		doc.insert()
	assert not frappe.db.exists("Appraisal Rubric", {"rubric_name": "测试方案"})


def test_weighted_parts_must_add_up_to_100_percent():
	doc = rubric_doc()
	doc.sections[0].weight_percent = 50
	doc.sections[1].weight_percent = 30
	with pytest.raises(frappe.ValidationError, match="weights add up to 80.0%, not 100%"):
		doc.insert()


def test_a_criterion_above_its_parts_maximum_is_refused():
	doc = rubric_doc()
	doc.criteria[1].max_points = 45
	with pytest.raises(frappe.ValidationError, match="its maximum 45 is above its part's maximum 40"):
		doc.insert()


def test_a_broken_formula_is_refused_when_the_rubric_is_saved():
	doc = rubric_doc()
	doc.criteria[1].rule_kind = "Formula"
	doc.criteria[1].formula = "__import__('os')"
	with pytest.raises(frappe.ValidationError, match="the formula cannot be used"):
		doc.insert()


def test_a_deduction_without_incident_types_is_refused():
	doc = rubric_doc()
	doc.append(
		"criteria",
		{
			"criterion_code": "B2",
			"criterion_title": "扣分",
			"section_code": "B",
			"rule_kind": "Deduction per Incident",
			"unit_points": 2,
		},
	)
	with pytest.raises(frappe.ValidationError, match="list the incident types it counts"):
		doc.insert()


def test_a_period_without_a_rubric_is_refused():
	with pytest.raises(frappe.ValidationError, match="Choose the rubric this period is appraised with"):
		make_period(rubric=None)
	assert not frappe.db.exists("Appraisal Period", "2025秋季学期")


def test_a_period_that_ends_before_it_starts_is_refused():
	with pytest.raises(frappe.ValidationError, match="ends"):
		make_period(start="2026-01-18", end="2025-09-01")


def test_an_inspection_for_an_inactive_class_is_refused():
	make_period()
	cls = make_class("三年级(8)班", 3, is_active=0).name
	with pytest.raises(frappe.ValidationError, match="is not active; it cannot be inspected"):
		inspect(cls, "卫生", "2025-09-02", 9)
	assert not frappe.db.exists("Inspection", {"class_record": cls})


def test_an_inspection_outside_every_period_is_refused():
	(cls,) = make_school(1)
	with pytest.raises(frappe.ValidationError, match="is outside every appraisal period"):
		inspect(cls, "卫生", "2024-05-06", 9)


def test_a_duplicate_inspection_is_refused_but_a_spot_check_is_not():
	make_period()
	(cls,) = make_school(1)
	inspect(cls, "卫生", "2025-09-02", 9)
	with pytest.raises(frappe.ValidationError, match="was already inspected for 卫生 on 2025-09-02"):
		inspect(cls, "卫生", "2025-09-02", 8)
	assert frappe.db.count("Inspection", {"class_record": cls}) == 1
	inspect(cls, "卫生", "2025-09-02", 5, is_spot_check=1, revokes_flag=1)
	assert frappe.db.count("Inspection", {"class_record": cls}) == 2


def test_a_cancelled_inspection_can_be_replaced():
	make_period()
	(cls,) = make_school(1)
	first = inspect(cls, "卫生", "2025-09-02", 9)
	first.cancel()
	assert inspect(cls, "卫生", "2025-09-02", 7).score == 7


@pytest.mark.parametrize("score", [-1, 10.5])
def test_an_inspection_score_outside_the_items_range_is_refused(score):
	make_period()
	(cls,) = make_school(1)
	with pytest.raises(frappe.ValidationError, match="must be between 0 and 10"):
		inspect(cls, "卫生", "2025-09-02", score)


def test_an_unknown_level_or_incident_type_is_refused():
	make_period()
	(cls,) = make_school(1)
	with pytest.raises(frappe.ValidationError, match="Level 极好 is not one of"):
		inspect(cls, "主题队会", "2025-09-02", level="极好")
	with pytest.raises(frappe.ValidationError, match="incident type 吵架 is not one of"):
		inspect(cls, "纪律", "2025-09-02", 9, incidents={"吵架": 1})


@pytest.fixture
def monthly():
	(cls,) = make_school(1, grade_level=4)
	period = make_period("2025年10月", "2025-10-01", "2025-10-31", rubric=S6, period_type="Month")
	period.generate_appraisals()
	return appraisal_of(period.name, cls)


@pytest.mark.parametrize("points", [-1, 11])
def test_hand_entered_points_outside_the_line_are_refused(monthly, points):
	lines_of(monthly)["S6-01"].manual_points = points
	with pytest.raises(frappe.ValidationError, match="must be between 0 and 10"):
		monthly.save()
	assert (
		frappe.db.get_value("Class Teacher Appraisal Line", lines_of(monthly)["S6-01"].name, "manual_points")
		== 0
	)


def test_an_adjustment_needs_a_reason_and_must_stay_within_the_line(monthly):
	def edit(**values):
		doc = frappe.get_doc("Class Teacher Appraisal", monthly.name)  # as the Desk reloads after an error
		lines_of(doc)["S6-03"].update({"manual_points": 35, "manual_entered": 1, **values})
		doc.save()
		return doc

	with pytest.raises(frappe.ValidationError, match="give the reason for the adjustment"):
		edit(adjustment=-3)
	assert edit(adjustment=-3, adjustment_reason="班级日志缺两周").total_score == 32
	with pytest.raises(frappe.ValidationError, match="would give 43.0 points, outside 0 … 40"):
		edit(adjustment=8, adjustment_reason="x")


def test_a_veto_case_for_a_rule_not_in_the_rubric_is_refused(monthly):
	monthly.append("veto_cases", {"rule_code": "X9", "reason": "?"})
	with pytest.raises(frappe.ValidationError, match="rule X9 is not in the rubric"):
		monthly.save()


def test_a_rating_outside_the_scale_is_refused():
	(cls,) = make_school(1, grade_level=6)
	term = make_period("学期", "2025-09-01", "2026-01-18", rubric="班主任学期综合考核 v1")
	term.generate_appraisals()
	appraisal = appraisal_of(term.name, cls)
	rater = make_user("head@example.cn", "Principal")  # rates in the Leadership group
	rating = frappe.get_doc(
		{
			"doctype": "Appraisal Rating",
			"appraisal": appraisal.name,
			"rater": rater,
			"scores": [{"criterion_code": "T-03", "score": 101}],
		}
	)
	with pytest.raises(frappe.ValidationError, match="must be between 0 and 100.0, not 101"):
		rating.insert()
	rating.scores[0].score = 90
	term.append("raters", {"user": rater, "rater_group": "Parents"})  # the office names them a parent
	term.save()
	with pytest.raises(frappe.ValidationError, match="the Parents group does not rate T-03"):
		rating.insert()
	assert not frappe.db.exists("Appraisal Rating", {"appraisal": appraisal.name})


def test_two_appraisals_of_one_class_in_one_period_are_refused(monthly):
	copy = frappe.copy_doc(monthly)
	with pytest.raises(frappe.DuplicateEntryError):
		copy.insert()


def test_s1_is_shipped():
	assert frappe.db.exists("Appraisal Rubric", S1)


# ---------------------------------------------------------------------------------------------
# Formulas that could break a period's recompute are refused when the rubric is saved, in the
# reader's language, and nothing is saved.

REVIEWED_FORMULAS = [
	("1e999", "a number in a formula must be between"),
	("max()", "max() takes 2 to 10 numbers, not 0"),
	("round(score_avg, 1000000000)", "round()'s places must be a whole number from 0 to 6"),
	("10**10**10", "'**' is not allowed"),
	("abs(" * 45 + "1" + ")" * 45, "nested more than 40 levels deep"),
	("max_points * flags / top_flags", "with flags = 0, max_points = 0, top_flags = 0: division by zero"),
	("score_sum * deduction_sum", "is beyond ±1000000000"),
]


def formula_rubric(formula):
	doc = rubric_doc()
	doc.criteria[1].update({"rule_kind": "Formula", "formula": formula})
	return doc


@pytest.mark.parametrize("formula, message", REVIEWED_FORMULAS, ids=[f[:30] for f, _m in REVIEWED_FORMULAS])
def test_a_formula_that_could_fail_later_is_refused_on_save(formula, message):
	with pytest.raises(frappe.ValidationError, match="the formula cannot be used") as refused:
		formula_rubric(formula).insert()
	assert message in str(refused.value)
	assert not frappe.db.exists("Appraisal Rubric", {"rubric_name": "测试方案"})


def test_a_refused_formula_is_explained_in_chinese():
	from frappe.translate import clear_cache

	clear_cache()  # the translations this change adds
	previous, frappe.local.lang = frappe.local.lang, "zh"
	try:
		with pytest.raises(frappe.ValidationError) as refused:
			formula_rubric("max_points * flags / top_flags").insert()
	finally:
		frappe.local.lang = previous
	assert "公式无法使用" in str(refused.value) and "除数为零" in str(refused.value)
	assert "当 flags = 0, max_points = 0, top_flags = 0 时" in str(refused.value)


def test_the_documented_formulas_still_save():
	for formula in (
		"max_points * flags / top_flags if top_flags else 0",
		"min(max_points, score_avg - 5)",
		"top_flags and max_points * flags / top_flags",
	):
		doc = formula_rubric(formula)
		doc.rubric_name = f"测试方案 {formula}"[:100]
		doc.insert()


# ---------------------------------------------------------------------------------------------
# Numbers: NaN, ±Infinity, 1e309, huge integers, lists, text and booleans, sent to every number
# field the app accepts, through the documents and through Frappe's request handler, are refused
# with a message naming the field, and no row changes.

# Sent as they are in a request's JSON body (Python's json reads NaN, Infinity and 1e309).
BAD_JSON = [
	"NaN",
	"Infinity",
	"-Infinity",
	"1e309",
	"-1e309",
	"1" + "0" * 30,
	"-1" + "0" * 30,
	'"NaN"',
	'"Infinity"',
	'"1e309"',
	'"abc"',
	'"12abc"',
	"[1]",
	'{"a": 1}',
	"true",
]
# Tokens a strict JSON parser refuses (JavaScript's NaN and Infinity, numbers past a double's range).
NOT_STRICT_JSON = {"NaN", "Infinity", "-Infinity", "1e309", "-1e309"}
# Set on a document in Python.
BAD_PY = [
	float("nan"),
	float("inf"),
	float("-inf"),
	"NaN",
	"-Infinity",
	"1e309",
	10**30,
	-(10**30),
	[1],
	"abc",
	True,
]
NUMBER_ERROR = "must be a finite number|must be a whole number|must be between"


def api(method: str, path: str, body: str | None = None, query: dict | None = None):
	"""A request through Frappe's real routing and handler (frappe.api.handle, the whitelist and
	HTTP-method checks, the exception handler that sets the status), in the test's transaction
	(rolled back with it): returns (status, response JSON)."""
	import json

	from frappe.app import handle_exception, make_form_dict
	from werkzeug.test import EnvironBuilder
	from werkzeug.wrappers import Request

	environ = EnvironBuilder(
		method=method,
		path=path,
		data=body,
		query_string=query,
		content_type="application/json" if body is not None else None,
		headers={"Accept": "application/json"},
	).get_environ()
	request = Request(environ)
	saved = frappe.local.form_dict, frappe.local.response
	frappe.local.request, frappe.local.is_ajax = request, False
	frappe.local.response = frappe._dict({"docs": []})
	frappe.local.message_log = []
	try:
		try:  # as frappe.app.application: the body is read inside the handler's try
			make_form_dict(request)
			response = frappe.api.handle(request)
		except Exception as e:
			response = handle_exception(e)
		return response.status_code, json.loads(response.get_data(as_text=True) or "{}")
	finally:
		del frappe.local.request
		frappe.local.form_dict, frappe.local.response = saved
		frappe.local.message_log = []


def tables(*doctypes) -> dict:
	"""Every row of the doctypes' tables (child tables included), to compare before and after."""
	found = {}
	for doctype in doctypes:
		meta = frappe.get_meta(doctype)
		names = [doctype] + [df.options for df in meta.get_table_fields()]
		for name in names:
			if frappe.get_meta(name).issingle:
				found[name] = frappe.db.sql(
					"select * from `tabSingles` where doctype=%s order by field", name
				)
			else:
				found[name] = frappe.db.sql(f"select * from `tab{name}` order by name")
	return found


def with_value(doc: dict, path: tuple, value) -> dict:
	import copy

	doc = copy.deepcopy(doc)
	target = doc
	for key in path[:-1]:
		target = target[key]
	target[path[-1]] = value
	return doc


def json_with(doc: dict, path: tuple, raw: str) -> str:
	"""The document as JSON with the raw token at `path` (e.g. NaN or 1e309, as a client may send)."""
	return frappe.as_json(with_value(doc, path, "__BAD__"), indent=None).replace('"__BAD__"', raw)


def assert_refused(doc: dict, path: tuple, label: str, existing: bool, snapshot_of: tuple):
	"""Sends every bad value to the field at `path`, both ways; returns how many were sent."""
	before = tables(*snapshot_of)
	sent = 0
	for raw in BAD_JSON:
		method = "frappe.client.save" if existing else "frappe.client.insert"
		status, answer = api("POST", f"/api/method/{method}", '{"doc": ' + json_with(doc, path, raw) + "}")
		assert status == 417, (path, raw, status, answer.get("exception", "")[:300])
		assert tables(*snapshot_of) == before, (path, raw)
		sent += 1
		if answer["exc_type"] == "DataError" and raw in NOT_STRICT_JSON:
			# Frappe 16 reads bodies with a strict JSON parser: it refuses the request itself
			assert "Invalid request body" in answer["exception"], (path, raw)
			continue
		assert answer["exc_type"] == "ValidationError", (path, raw)
		assert label in answer["exception"], (path, raw, answer["exception"])
		assert re.search(NUMBER_ERROR, answer["exception"]), (path, raw, answer["exception"])
	for value in BAD_PY:
		document = frappe.get_doc(with_value(doc, path, value))
		with pytest.raises(frappe.ValidationError, match=NUMBER_ERROR) as refused:
			document.save() if existing else document.insert()
		assert label in str(refused.value), (path, value)
		assert tables(*snapshot_of) == before, (path, value)
		sent += 1
	return sent


def assert_saves(doc: dict, existing: bool):
	"""The same document with good numbers is accepted (so the refusals above are the numbers')."""
	method = "frappe.client.save" if existing else "frappe.client.insert"
	status, answer = api("POST", f"/api/method/{method}", '{"doc": ' + frappe.as_json(doc, indent=None) + "}")
	assert status == 200, answer.get("exception", "")[:500]


@pytest.fixture
def school():
	period = make_period()
	(cls,) = make_school(1)
	return period, cls


def full_rubric() -> dict:
	"""A valid rubric with a row in every table, so that each of its numbers can be sent."""
	return {
		"doctype": "Appraisal Rubric",
		"rubric_name": "测试方案",
		"total_points": 100,
		"rating_scale": 100,
		"base_allowance": 200,
		"allowance_per_pupil": 1,
		"sections": [
			{"section_code": "A", "section_title": "甲", "max_points": 60},
			{"section_code": "B", "section_title": "乙", "max_points": 40},
		],
		"criteria": [
			{
				"criterion_code": "A1",
				"criterion_title": "甲一",
				"section_code": "A",
				"rule_kind": "Manual Points",
				"max_points": 20,
				"unit_points": 1,
				"cap": 20,
			},
			{
				"criterion_code": "A2",
				"criterion_title": "甲二",
				"section_code": "A",
				"rule_kind": "Level Points",
				"max_points": 20,
				"inspection_item": "主题队会",
			},
			{
				"criterion_code": "A3",
				"criterion_title": "甲三",
				"section_code": "A",
				"rule_kind": "Weighted Rating",
				"max_points": 20,
			},
			{
				"criterion_code": "B1",
				"criterion_title": "乙一",
				"section_code": "B",
				"rule_kind": "Formula",
				"max_points": 40,
				"formula": "min(max_points, score_avg)",
			},
		],
		"levels": [{"criterion_code": "A2", "level": "优秀", "points": 3, "weight": 1}],
		"rater_weights": [{"criterion_code": "A3", "rater_group": "Leadership", "weight_percent": 100}],
		"grade_bands": [
			{"grade": "优", "min_score": 90, "allowance": 100},
			{"grade": "合格", "min_score": 0, "allowance": 0},
		],
		"flag_rules": [{"rule_title": "两次打架", "incident_types": "打架", "min_count": 2}],
	}


RUBRIC_FIELDS = [
	("total_points",),
	("rating_scale",),
	("base_allowance",),
	("allowance_per_pupil",),
	("sections", 0, "max_points"),
	("sections", 1, "weight_percent"),
	("criteria", 0, "max_points"),
	("criteria", 0, "unit_points"),
	("criteria", 0, "cap"),
	("levels", 0, "points"),
	("levels", 0, "weight"),
	("rater_weights", 0, "weight_percent"),
	("grade_bands", 0, "min_score"),
	("grade_bands", 0, "allowance"),
	("flag_rules", 0, "min_count"),
]


@pytest.mark.parametrize("path", RUBRIC_FIELDS, ids=[".".join(map(str, p)) for p in RUBRIC_FIELDS])
def test_bad_numbers_in_a_rubric_are_refused(path):
	label = label_of("Appraisal Rubric", path)
	assert assert_refused(full_rubric(), path, label, False, ("Appraisal Rubric",)) == 26
	assert_saves(full_rubric(), False)


def label_of(doctype: str, path: tuple) -> str:
	"""The field's label as the message names it (a row's field: "<table>, row <n>: <field>")."""
	meta = frappe.get_meta(doctype)
	if len(path) == 1:
		return meta.get_label(path[0])
	table, index, field = path
	child = frappe.get_meta(meta.get_field(table).options)
	return f"{meta.get_label(table)}, row {index + 1}: {child.get_label(field)}"


def inspection_doc(cls) -> dict:
	return {
		"doctype": "Inspection",
		"inspection_date": "2025-09-02",
		"class_record": cls,
		"inspection_item": "纪律",
		"score": 9,
		"incidents": [{"incident_type": "打架", "count": 1, "deduction": 2}],
	}


INSPECTION_FIELDS = [("score",), ("incidents", 0, "count"), ("incidents", 0, "deduction")]


@pytest.mark.parametrize("path", INSPECTION_FIELDS, ids=[".".join(map(str, p)) for p in INSPECTION_FIELDS])
def test_bad_numbers_in_an_inspection_are_refused(school, path):
	_period, cls = school
	doc = inspection_doc(cls)
	assert assert_refused(doc, path, label_of("Inspection", path), False, ("Inspection",)) == 26
	assert_saves(doc, False)


ROUND_FIELDS = [
	("grade_level",),
	("entries", 0, "score"),
	("entries", 1, "incident_count"),
	("entries", 1, "deduction"),
]


@pytest.mark.parametrize("path", ROUND_FIELDS, ids=[".".join(map(str, p)) for p in ROUND_FIELDS])
def test_bad_numbers_in_an_inspection_round_are_refused(school, path):
	_period, cls = school
	doc = {
		"doctype": "Inspection Round",
		"inspection_date": "2025-09-03",
		"inspection_item": "纪律",
		"grade_level": 3,
		"entries": [
			{"class_record": cls, "score": 9},
			{"class_record": cls, "incident_type": "打架", "incident_count": 1, "deduction": 2},
		],
	}
	snapshot = ("Inspection Round", "Inspection")
	assert assert_refused(doc, path, label_of("Inspection Round", path), False, snapshot) == 26
	assert_saves(doc, False)


def test_bad_numbers_in_a_rating_are_refused():
	(cls,) = make_school(1, grade_level=6)
	term = make_period("学期", "2025-09-01", "2026-01-18", rubric="班主任学期综合考核 v1")
	term.generate_appraisals()
	doc = {
		"doctype": "Appraisal Rating",
		"appraisal": appraisal_of(term.name, cls).name,
		"rater": make_user("principal@example.cn"),
		"rater_group": "Leadership",
		"scores": [{"criterion_code": "T-03", "score": 90}],
	}
	path = ("scores", 0, "score")
	assert assert_refused(doc, path, label_of("Appraisal Rating", path), False, ("Appraisal Rating",)) == 26


APPRAISAL_TABLES = ("Class Teacher Appraisal",)


def test_bad_hand_entered_points_and_adjustments_are_refused(monthly):
	doc = frappe.get_doc("Class Teacher Appraisal", monthly.name).as_dict(convert_dates_to_str=True)
	first, second = [i for i, row in enumerate(doc["lines"]) if row["rule_kind"] == "Manual Points"][:2]
	doc["lines"][first].update({"manual_points": 5, "manual_entered": 1})
	doc["lines"][second].update({"manual_points": 5, "manual_entered": 1, "adjustment_reason": "核实"})
	sent = 0
	for path in (("lines", first, "manual_points"), ("lines", second, "adjustment")):
		label = label_of("Class Teacher Appraisal", path)
		sent += assert_refused(doc, path, label, True, APPRAISAL_TABLES)
	assert sent == 2 * 26
	assert_saves(with_value(doc, ("lines", second, "adjustment"), -1), True)


def test_bad_achievement_points_are_refused():
	(cls,) = make_school(1, grade_level=5)
	period = make_period("学期", "2025-09-01", "2026-01-18", rubric="赣榆县中小学班主任工作评估细则 v1")
	period.generate_appraisals()
	doc = appraisal_of(period.name, cls)
	rubric = frappe.get_doc("Appraisal Rubric", doc.rubric)
	code = next(c.criterion_code for c in rubric.criteria if c.rule_kind == "Level-Weighted Achievements")
	level = next(lv.level for lv in rubric.levels if lv.criterion_code == code)
	data = doc.as_dict(convert_dates_to_str=True)
	data["achievements"] = [
		{"criterion_code": code, "title": "县优秀班集体", "level": level, "base_points": 2}
	]
	path = ("achievements", 0, "base_points")
	assert assert_refused(data, path, label_of("Class Teacher Appraisal", path), True, APPRAISAL_TABLES) == 26
	assert_saves(data, True)


def test_bad_numbers_in_an_inspection_item_are_refused():
	doc = {
		"doctype": "Inspection Item",
		"item_name": "测试项目",
		"scoring_method": "Level",
		"max_score": 10,
		"weekly_flag_winners": 1,
		"levels": [{"level": "优", "score": 10, "red_flags": 1}],
		"incident_types": [{"incident_type": "迟到", "default_deduction": 1}],
	}
	paths = [
		("max_score",),
		("weekly_flag_winners",),
		("levels", 0, "score"),
		("levels", 0, "red_flags"),
		("incident_types", 0, "default_deduction"),
	]
	for path in paths:
		assert assert_refused(doc, path, label_of("Inspection Item", path), False, ("Inspection Item",)) == 26
	assert_saves(doc, False)


def test_bad_numbers_in_a_class_record_and_the_settings_are_refused():
	doc = {
		"doctype": "Class Record",
		"class_name": "三年级(9)班",
		"grade_level": 3,
		"academic_year": "2025-2026",
	}
	for path in (("grade_level",), ("pupil_count",)):
		assert assert_refused(doc, path, label_of("Class Record", path), False, ("Class Record",)) == 26
	assert_saves({**doc, "pupil_count": 45}, False)
	settings = frappe.get_single("Class Teacher Appraisal Settings").as_dict(convert_dates_to_str=True)
	path = ("appeal_days",)
	snapshot = ("Class Teacher Appraisal Settings",)
	assert (
		assert_refused(settings, path, label_of("Class Teacher Appraisal Settings", path), True, snapshot)
		== 26
	)


def test_bad_numbers_in_a_period_are_refused():
	doc = {
		"doctype": "Appraisal Period",
		"period_name": "2026春季学期",
		"period_type": "Term",
		"start_date": "2026-02-16",
		"end_date": "2026-07-05",
		"rubric": S1,
		"appraisal_count": 0,
	}
	path = ("appraisal_count",)
	assert assert_refused(doc, path, label_of("Appraisal Period", path), False, ("Appraisal Period",)) == 26
	assert_saves(doc, False)


def test_numbers_sent_as_text_are_stored_as_numbers(school):
	_period, cls = school
	doc = frappe.get_doc({**inspection_doc(cls), "score": " 8.5 "}).insert()
	assert doc.score == 8.5 and frappe.db.get_value("Inspection", doc.name, "score") == 8.5


# ---------------------------------------------------------------------------------------------
# What changes data is refused by GET, through every route Frappe runs a method by; what only
# reads stays GET-able.

RUBRIC_MODULE = "class_teacher_appraisal.class_teacher_appraisal.doctype.appraisal_rubric.appraisal_rubric"


def doc_method_routes(doctype: str, name: str, method: str, **args):
	"""The ways a client can run a document's method with GET."""
	import json

	return [
		(
			"/api/method/run_doc_method",
			{"dt": doctype, "dn": name, "method": method, "args": json.dumps(args)},
		),
		(
			"/api/method/run_doc_method",
			{"docs": frappe.get_doc(doctype, name).as_json(), "method": method, "args": json.dumps(args)},
		),
		(f"/api/resource/{doctype}/{name}", {"run_method": method, **args}),
		(f"/api/v2/document/{doctype}/{name}/method/{method}/", args),
		(
			"/api/v2/method/run_doc_method",
			{"method": method, "document": frappe.get_doc(doctype, name).as_json()},
		),
	]


def test_making_a_new_rubric_version_is_refused_by_get_and_done_by_post():
	before = tables("Appraisal Rubric")
	for path in (
		f"/api/method/{RUBRIC_MODULE}.make_new_version",
		f"/api/v2/method/{RUBRIC_MODULE}.make_new_version",
	):
		status, _answer = api("GET", path, query={"rubric": S6})
		assert status == 403
	assert tables("Appraisal Rubric") == before
	status, answer = api(
		"POST", f"/api/method/{RUBRIC_MODULE}.make_new_version", frappe.as_json({"rubric": S6})
	)
	assert status == 200 and answer["message"] == S6.replace(" v1", " v2")


@pytest.mark.parametrize("method", ["generate_appraisals", "recompute_appraisals", "award_weekly_flags"])
def test_period_actions_are_refused_by_get(school, method):
	period, _cls = school
	watched = ("Appraisal Period", "Class Teacher Appraisal", "Red Flag Award")
	before = tables(*watched)
	for path, query in doc_method_routes("Appraisal Period", period.name, method):
		status, answer = api("GET", path, query=query)
		assert status == 403, (path, status, answer.get("exception", "")[:300])
		assert tables(*watched) == before, path


def test_a_period_action_posted_as_the_desk_does_still_runs(school):
	period, _cls = school
	status, answer = api(
		"POST",
		"/api/method/run_doc_method",
		frappe.as_json({"docs": period.as_json(), "method": "generate_appraisals"}, indent=None),
	)
	assert status == 200, answer.get("exception", "")[:500]
	assert frappe.db.count("Class Teacher Appraisal", {"appraisal_period": period.name}) == 1


def test_appeal_decisions_are_refused_by_get_and_taken_by_post():
	from tests.factories import approve, fill_manual, monthly_appraisal

	appraisal = approve(
		fill_manual(
			monthly_appraisal(
				"二年级(5)班", 2, "a.teacher@example.cn", "2025年9月", "2025-09-01", "2025-09-30"
			),
			2,
		)
	)
	with acting_as("a.teacher@example.cn"):
		opened = frappe.get_doc(
			{
				"doctype": "Appraisal Appeal",
				"appraisal": appraisal.name,
				"reason": "常规管理扣分有误",
				"lines": [{"criterion_code": "S6-03", "reason": "记错了班级"}],
			}
		).insert()
	watched = ("Appraisal Appeal", "Class Teacher Appraisal")
	before = tables(*watched)
	with acting_as("office@example.cn"):
		for method, args in (("accept", {"decision": "核实后更正"}), ("reject", {"decision": "扣分无误"})):
			for path, query in doc_method_routes("Appraisal Appeal", opened.name, method, **args):
				status, answer = api("GET", path, query=query)
				assert status == 403, (method, path, status, answer.get("exception", "")[:300])
				assert tables(*watched) == before, (method, path)
		status, answer = api(
			"POST",
			"/api/method/run_doc_method",
			frappe.as_json(
				{
					"docs": frappe.get_doc("Appraisal Appeal", opened.name).as_json(),
					"method": "reject",
					"args": frappe.as_json({"decision": "扣分无误"}),
				},
				indent=None,
			),
		)
	assert status == 200, answer.get("exception", "")[:500]
	assert frappe.db.get_value("Appraisal Appeal", opened.name, "status") == "Rejected"


def test_what_only_reads_stays_gettable_and_previewing_saves_nothing(monthly):
	period = frappe.get_doc("Appraisal Period", monthly.appraisal_period)
	status, answer = api(
		"GET",
		"/api/method/run_doc_method",
		query={"dt": "Appraisal Period", "dn": period.name, "method": "running_jobs"},
	)
	assert status == 200 and answer["message"] == []
	status, answer = api(
		"GET",
		"/api/method/class_teacher_appraisal.rounds.classes_to_inspect",
		query={"inspection_date": "2025-10-08", "inspection_item": "卫生"},
	)
	assert status == 200 and answer["message"]["classes"]
	status, _answer = api("GET", "/api/method/class_teacher_appraisal.dashboard.appraisals_waiting_for_me")
	assert status == 200
	# the Desk's live preview: the office's unsaved input is scored and shown, never saved
	before = tables(*APPRAISAL_TABLES)
	doc = frappe.get_doc("Class Teacher Appraisal", monthly.name)
	manual = next(row for row in doc.lines if row.rule_kind == "Manual Points")
	manual.manual_points, manual.manual_entered = manual.max_points, 1
	for method in ("GET", "POST"):
		if method == "GET":
			status, answer = api(
				"GET", "/api/method/run_doc_method", query={"docs": doc.as_json(), "method": "preview_scores"}
			)
		else:
			body = frappe.as_json({"docs": doc.as_json(), "method": "preview_scores"}, indent=None)
			status, answer = api("POST", "/api/method/run_doc_method", body)
		assert status == 200, answer.get("exception", "")[:500]
		assert answer["message"]["summary"]["total_score"] >= manual.max_points
		assert tables(*APPRAISAL_TABLES) == before
