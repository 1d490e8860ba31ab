"""A line's explanation is kept as messages and shown in each reader's language, including
the messages inside it (a rating line names its rater groups)."""

import json

import frappe

from class_teacher_appraisal import adapters
from class_teacher_appraisal.scoring.i18n import joined, msg

GROUP_SHARE = "{0}% × {1} ({2}, {3})"


def rating_explanation():
	return msg(
		"{0} × ({1}) ÷ {2} = {3}",
		"30",
		joined(
			[
				msg(GROUP_SHARE, "60", "88", msg("Leadership"), 3),
				msg(GROUP_SHARE, "40", "90", msg("Teachers"), 5),
			]
		),
		"100",
		"26.64",
	)


def test_nested_messages_survive_storage_and_render_in_chinese():
	stored = json.loads(json.dumps(adapters.messages_to_json([rating_explanation()]), ensure_ascii=False))
	[back] = adapters.messages_from_json(stored)
	assert back == rating_explanation()
	assert back.render() == "30 × (60% × 88 (Leadership, 3) + 40% × 90 (Teachers, 5)) ÷ 100 = 26.64"
	chinese = back.render(lambda s: frappe._(s, lang="zh"))
	assert "领导小组" in chinese and "教师" in chinese and "Leadership" not in chinese


def test_explanations_stored_before_nesting_still_render():
	[old] = adapters.messages_from_json(
		[["{0} × ({1}) ÷ {2} = {3}", ["30", "100% × 97 (Leadership, 3)", "100", "29.1"]]]
	)
	assert old.render() == "30 × (100% × 97 (Leadership, 3)) ÷ 100 = 29.1"
