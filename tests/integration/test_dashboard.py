"""The workspace's number cards and charts: each counts what the asking user may see and act on."""

import json

import frappe
import pytest
from frappe.desk.desktop import get_desktop_page
from frappe.utils import add_days, nowdate

from class_teacher_appraisal import dashboard
from class_teacher_appraisal.class_teacher_appraisal.dashboard_chart_source.appraisal_grade_distribution import (
	appraisal_grade_distribution,
)
from class_teacher_appraisal.class_teacher_appraisal.dashboard_chart_source.appraisal_points_by_part import (
	appraisal_points_by_part,
)
from class_teacher_appraisal.names import DRAFT, OFFICE_REVIEW, WORKFLOW
from class_teacher_appraisal.utils import week_start
from tests.conftest import acting_as
from tests.factories import S6, appraisal_of, approve, fill_manual, make_class, make_period, walk

APPRAISAL = "Class Teacher Appraisal"
TEACHER_A, TEACHER_B = "teacher41@example.cn", "teacher42@example.cn"
INSPECTOR, OFFICE, PRINCIPAL = "duty@example.cn", "office@example.cn", "head@example.cn"
NOBODY = "principal@example.cn"  # a desk user without any of the app's roles


@pytest.fixture
def month():
	"""Three classes' filled-in drafts for one month (S6): 四年级(1)班 and (2)班 of teachers A and
	B, and a third class without a teacher."""
	classes = [
		make_class("四年级(1)班", 4, class_teacher=TEACHER_A).name,
		make_class("四年级(2)班", 4, class_teacher=TEACHER_B).name,
		make_class("四年级(3)班", 4).name,
	]
	period = make_period("2025年10月", "2025-10-01", "2025-10-31", rubric=S6, period_type="Month")
	period.generate_appraisals()
	docs = [fill_manual(appraisal_of(period.name, c), short_by=i * 3) for i, c in enumerate(classes)]
	return frappe._dict(period=period.name, docs=docs)


def waiting(user):
	with acting_as(user):
		return dashboard.appraisals_waiting_for_me()["value"]


def test_waiting_for_me_counts_the_states_each_role_can_act_on(month):
	a, b, c = month.docs
	assert [waiting(u) for u in (INSPECTOR, OFFICE, PRINCIPAL, TEACHER_A)] == [3, 3, 0, 0]
	walk(a, (INSPECTOR, "Submit for Review"))  # office: 2 drafts (it may submit too) + 1 to review
	walk(b, (INSPECTOR, "Submit for Review"), (OFFICE, "Forward to Principal"))
	assert [waiting(u) for u in (INSPECTOR, OFFICE, PRINCIPAL)] == [1, 2, 1]
	approve(frappe.get_doc(APPRAISAL, c.name))
	assert [waiting(u) for u in (INSPECTOR, OFFICE, PRINCIPAL)] == [0, 1, 1]
	with acting_as(OFFICE):
		card = dashboard.appraisals_waiting_for_me()
	assert card["route"] == ["List", APPRAISAL]
	assert card["route_options"] == {"workflow_state": ["in", sorted([DRAFT, OFFICE_REVIEW])]}


@pytest.fixture
def principal_may_submit_high_scores():
	"""The school lets the principal submit drafts of 90 points or more (a conditional action)."""
	workflow = frappe.get_doc("Workflow", WORKFLOW)
	workflow.append(
		"transitions",
		{
			"state": DRAFT,
			"action": "Submit for Review",
			"next_state": OFFICE_REVIEW,
			"allowed": "Principal",
			"condition": "doc.total_score >= 90",
			"allow_self_approval": 1,
		},
	)
	workflow.save(ignore_permissions=True)
	yield
	frappe.db.rollback()
	# the cached workflow would outlive the rollback
	frappe.clear_document_cache("Workflow", WORKFLOW)
	frappe.clear_cache(doctype=APPRAISAL)


def test_a_conditional_action_counts_only_the_drafts_that_meet_it(month, principal_may_submit_high_scores):
	totals = sorted(d.total_score for d in month.docs)
	assert totals[-1] >= 90 > totals[-2]  # one draft of the three qualifies
	assert [waiting(u) for u in (PRINCIPAL, INSPECTOR)] == [1, 3]
	walk(month.docs[1], (INSPECTOR, "Submit for Review"), (OFFICE, "Forward to Principal"))
	assert waiting(PRINCIPAL) == 2


def award(class_record, period, week, flags, item):
	return frappe.get_doc(
		{
			"doctype": "Red Flag Award",
			"week_start": week,
			"inspection_item": item,
			"class_record": class_record,
			"appraisal_period": period,
			"red_flags": flags,
			"weekly_award": int(flags),
		}
	).insert(ignore_permissions=True)


def test_red_flags_this_week_sums_the_flags_of_this_weeks_monday(month):
	monday = week_start(nowdate())
	item = frappe.get_all("Inspection Item", pluck="name", limit=1)[0]
	a, b, _c = (d.class_record for d in month.docs)
	award(a, month.period, monday, 2, item)
	award(b, month.period, monday, 1.5, item)
	award(a, month.period, add_days(monday, -7), 4, item)  # last week's
	# the office counts every class's flags; a class teacher the rows they may read, their own class's
	# (a row carries the class's weekly average and rank among the others, which are the office's)
	for user, flags in ((OFFICE, 3.5), (TEACHER_B, 1.5)):
		with acting_as(user):
			card = dashboard.red_flags_this_week()
		assert (card["value"], card["fieldtype"]) == (flags, "Float")
		assert card["route_options"] == {"week_start": str(monday)}
	with acting_as(NOBODY), pytest.raises(frappe.PermissionError):
		dashboard.red_flags_this_week()


def appeal(appraisal, user):
	with acting_as(user):
		return frappe.get_doc(
			{
				"doctype": "Appraisal Appeal",
				"appraisal": appraisal.name,
				"reason": "常规管理扣分有误",
				"lines": [{"criterion_code": "S6-03", "reason": "路队检查记错了班级"}],
			}
		).insert()


def test_open_appeals_counts_undecided_appeals_the_user_may_see(month):
	a, b, _c = (approve(doc) for doc in month.docs)
	appeal(a, TEACHER_A)
	rejected = appeal(b, TEACHER_B)
	with acting_as(OFFICE):
		frappe.get_doc("Appraisal Appeal", rejected.name).reject("检查记录无误")
	counts = {}
	for user in (OFFICE, PRINCIPAL, TEACHER_A, TEACHER_B):
		with acting_as(user):
			counts[user] = dashboard.open_appeals()["value"]
	assert counts == {OFFICE: 1, PRINCIPAL: 1, TEACHER_A: 1, TEACHER_B: 0}
	with acting_as(INSPECTOR), pytest.raises(frappe.PermissionError):  # inspectors do not read appeals
		dashboard.open_appeals()


def chart(source, user, **kwargs):
	"""Calls a chart source as the chart widget does (filters as JSON text)."""
	with acting_as(user):
		return source.get(chart_name="x", refresh=1, **kwargs)


def test_grade_distribution_of_the_latest_period_in_the_rubrics_order(month):
	grades = frappe.get_all(
		"Appraisal Grade Band", filters={"parent": S6}, order_by="min_score desc", pluck="grade"
	)
	found = [d.grade for d in month.docs]
	data = chart(appraisal_grade_distribution, OFFICE)
	assert data["labels"] == grades
	assert data["datasets"][0]["values"] == [found.count(g) for g in grades]
	assert month.period in data["datasets"][0]["name"]
	mine = chart(appraisal_grade_distribution, TEACHER_A)["datasets"][0]["values"]
	assert sum(mine) == 1 and mine[grades.index(month.docs[0].grade)] == 1
	# an older period is shown when asked for; the default stays the latest
	older = make_period("2025年9月", "2025-09-01", "2025-09-30", rubric=S6, period_type="Month")
	older.generate_appraisals()
	assert sum(chart(appraisal_grade_distribution, OFFICE)["datasets"][0]["values"]) == 3
	asked = chart(appraisal_grade_distribution, OFFICE, filters=json.dumps({"appraisal_period": older.name}))
	assert "2025年9月" in asked["datasets"][0]["name"]
	with acting_as(OFFICE), pytest.raises(frappe.DoesNotExistError):
		dashboard.grade_distribution({"appraisal_period": "no such period"})


def test_points_by_part_averages_each_part_beside_its_maximum(month):
	data = chart(appraisal_points_by_part, OFFICE)
	sections = month.docs[0].sections
	assert data["labels"] == [s.section_title for s in sections]
	average, maximum = (d["values"] for d in data["datasets"])
	for i, s in enumerate(sections):
		points = [d.sections[i].points for d in month.docs]
		assert average[i] == pytest.approx(sum(points) / 3, abs=0.01)
		assert maximum[i] == s.max_points
	mine = chart(appraisal_points_by_part, TEACHER_B)["datasets"][0]["values"]
	assert mine == [s.points for s in month.docs[1].sections]
	with acting_as(NOBODY), pytest.raises(frappe.PermissionError):
		dashboard.points_by_part()


def test_a_user_without_appraisals_gets_empty_charts(month):
	assert chart(appraisal_points_by_part, TEACHER_A)["labels"]
	empty = chart(appraisal_grade_distribution, "teacher43@example.cn")  # a teacher without a class
	assert empty["labels"] == [] and empty["datasets"][0]["values"] == []


def test_the_workspace_shows_the_cards_and_charts_each_role_may_read():
	page = json.dumps({"name": "Class Teacher Appraisals", "title": "Class Teacher Appraisals", "public": 1})

	def widgets(user):
		with acting_as(user):
			data = get_desktop_page(page)
		return [c.number_card_name for c in data["number_cards"]["items"]], [
			c.chart_name for c in data["charts"]["items"]
		]

	cards = ["Appraisals Waiting for Me", "Red Flags This Week", "Open Appraisal Appeals"]
	charts = ["Appraisal Grade Distribution", "Appraisal Average Points by Part"]
	assert widgets(OFFICE) == (cards, charts)
	assert widgets(TEACHER_A) == (cards, charts)
	assert widgets(INSPECTOR) == (cards[:2], charts)  # no appeals for inspectors


def test_the_cards_and_chart_sources_point_at_whitelisted_methods():
	from frappe.desk.doctype.dashboard_chart_source.dashboard_chart_source import get_config

	for card in frappe.get_all(
		"Number Card", filters={"module": "Class Teacher Appraisal"}, fields=["type", "method"]
	):
		assert card.type == "Custom" and frappe.get_attr(card.method) in frappe.whitelisted
	for name in ("Appraisal Grade Distribution", "Appraisal Points by Part"):
		method = get_config(name).split('method: "', 1)[1].split('"', 1)[0]
		assert frappe.get_attr(method) in frappe.whitelisted
