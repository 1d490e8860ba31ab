"""Every rule kind lives in one table (scoring/kinds.py): the DocType's options, the docs and the
rubric's validation follow it."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from class_teacher_appraisal.scoring import Kind
from class_teacher_appraisal.scoring.kinds import KINDS, SETTINGS, settings_errors
from class_teacher_appraisal.scoring.model import Criterion

APP = Path(__file__).resolve().parents[3] / "class_teacher_appraisal"
CRITERION_JSON = (
	APP / "class_teacher_appraisal/doctype/appraisal_rubric_criterion/appraisal_rubric_criterion.json"
)
DOCS = APP.parent / "docs" / "rubrics.md"


def test_the_criterion_doctype_offers_exactly_the_kinds_of_the_table():
	fields = json.loads(CRITERION_JSON.read_text(encoding="utf-8"))["fields"]
	options = next(f["options"] for f in fields if f["fieldname"] == "rule_kind").split("\n")
	assert options == list(KINDS)


def test_every_kind_is_named_by_kind_has_a_scoring_function_and_known_settings():
	names = {v for k, v in vars(Kind).items() if not k.startswith("_") and isinstance(v, str)}
	assert names == set(KINDS)
	for kind in KINDS.values():
		assert callable(kind.score)
		assert set(kind.needs) <= set(SETTINGS), kind.name


def test_the_docs_describe_every_kind():
	text = DOCS.read_text(encoding="utf-8")
	missing = [name for name in KINDS if name not in text]
	assert not missing, f"docs/rubrics.md does not describe {missing}"


@pytest.mark.parametrize(
	("kind", "settings", "missing"),
	[
		(Kind.MANUAL, {}, "a {0} criterion needs a maximum above 0"),
		(Kind.MANUAL, {"max_points": Decimal(10)}, None),
		(Kind.DEDUCTION, {}, "enter the points per incident or event"),
		(Kind.DEDUCTION, {"unit_points": Decimal(1)}, "list the incident types it counts"),
		(Kind.DEDUCTION, {"unit_points": Decimal(1), "incident_types": ("打架",)}, None),
		(Kind.INSPECTION_SCORE, {"max_points": Decimal(10)}, "choose the inspection item it is scored from"),
		(Kind.ROLLUP, {}, "choose which shorter periods it rolls up"),
		(Kind.FORMULA, {"formula": "max()"}, "the formula cannot be used: {0}"),
		(Kind.FORMULA, {"formula": "max_points * 0.5"}, None),
	],
)
def test_a_criterion_lacking_what_its_kind_needs_is_told_the_first_thing_missing(kind, settings, missing):
	errors = settings_errors(Criterion(code="X-1", title="x", kind=kind, **settings))
	assert (errors[0].template if errors else None) == missing


def test_an_unknown_kind_is_refused():
	(error,) = settings_errors(Criterion(code="X-1", title="x", kind="Lottery"))
	assert error.render() == "Lottery is not a rule kind"
