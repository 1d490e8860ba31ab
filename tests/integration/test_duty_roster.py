"""The duty roster (值周安排): on the days a roster covers, inspectors (teachers and pupil monitors)
record only the items and classes it assigns them, never their own class; a pupil monitor's records
are submitted by the teacher their row names to confirm them; the office is exempt; days no roster
covers are as before. Today's round and the coverage report read the same rows."""

import json

import frappe
import pytest
from frappe.desk.desktop import get_desktop_page

from class_teacher_appraisal import rounds
from class_teacher_appraisal.class_teacher_appraisal.report.inspection_coverage import (
	inspection_coverage as coverage,
)
from class_teacher_appraisal.duty import today
from tests.factories import inspect, make_class, make_period, make_school

DUTY, DUTY2, MONITOR, OFFICE = (
	"duty@example.cn",
	"duty2@example.cn",
	"monitor@example.cn",
	"office@example.cn",
)
WEEK = ("2025-09-08", "2025-09-12")  # Monday … Friday
DAY, THURSDAY, OFF_DAY = "2025-09-10", "2025-09-11", "2025-09-03"  # a Wednesday; a day no roster covers


@pytest.fixture
def school():
	make_period()
	return make_school(4)


def make_roster(rows, start=WEEK[0], end=WEEK[1], **kw):
	return frappe.get_doc(
		{
			"doctype": "Duty Roster",
			"title": "第2周值周安排",
			"from_date": start,
			"to_date": end,
			"assignments": rows,
			**kw,
		}
	).insert()


@pytest.fixture
def roster(school):
	"""DUTY: 卫生 for grade 3 every day, 纪律 for class 1 on Wednesdays; the pupil MONITOR: 纪律 for
	class 2 (their own class is class 4), confirmed by DUTY."""
	return make_roster(
		[
			{"inspector": DUTY, "inspection_item": "卫生", "grade_level": 3},
			{"inspector": DUTY, "inspection_item": "纪律", "class_record": school[0], "weekday": "Wednesday"},
			{
				"inspector": MONITOR,
				"duty_role": "Pupil Monitor",
				"inspection_item": "纪律",
				"class_record": school[1],
				"confirming_teacher": DUTY,
				"pupil_class": school[3],
			},
			{
				"inspector": MONITOR,
				"duty_role": "Pupil Monitor",
				"inspection_item": "眼保健操",
				"grade_level": 3,
				"confirming_teacher": DUTY,
				"pupil_class": school[3],
			},
		]
	)


def new_round(entries, item="纪律", date=DAY, **kw):
	return frappe.get_doc(
		{
			"doctype": "Inspection Round",
			"inspection_date": date,
			"inspection_item": item,
			"entries": entries,
			**kw,
		}
	)


def in_chinese(call):
	"""The message of the error `call` raises, in Chinese."""
	previous, frappe.local.lang = frappe.local.lang, "zh"
	try:
		with pytest.raises(frappe.ValidationError) as refused:
			call()
		return str(refused.value)
	finally:
		frappe.local.lang = previous


def counts():
	return frappe.db.count("Inspection"), frappe.db.count("Inspection Round")


# ------------------------------------------------------------------ assignments held


def test_an_inspector_records_what_the_roster_assigns(roster, school, as_user):
	with as_user(DUTY):
		assert inspect(school[0], "卫生", DAY, 9).docstatus == 1
		assert inspect(school[3], "卫生", THURSDAY, 8).docstatus == 1  # every day of the week
		assert inspect(school[0], "纪律", DAY, 9).inspector == DUTY  # its Wednesday


def test_an_unassigned_item_class_or_day_is_refused_with_a_translated_error(roster, school, as_user):
	before = counts()
	with as_user(DUTY):
		with pytest.raises(frappe.ValidationError, match="the duty roster assigns duty 卫生, 纪律, not 路队"):
			inspect(school[0], "路队", DAY, 9)
		with pytest.raises(
			frappe.ValidationError, match=r"does not assign duty to inspect 三年级\(2\)班 for 纪律"
		):
			inspect(school[1], "纪律", DAY, 9)
		with pytest.raises(frappe.ValidationError, match="not 纪律"):
			inspect(school[0], "纪律", THURSDAY, 9)  # its row is for Wednesdays
		message = in_chinese(lambda: inspect(school[1], "纪律", DAY, 9))
		assert "值周安排没有安排duty在" in message and "检查三年级(2)班的纪律" in message
	with as_user(DUTY2):
		with pytest.raises(frappe.ValidationError, match=f"{roster.name} does not put duty2 on duty"):
			inspect(school[2], "卫生", DAY, 9)
	assert counts() == before


def test_a_draft_cannot_be_moved_to_an_unassigned_class(roster, school, as_user):
	with as_user(DUTY):
		doc = inspect(school[0], "卫生", DAY, 9, submit=False)
		doc.inspection_item = "路队"
		with pytest.raises(frappe.ValidationError, match="not 路队"):
			doc.save()


def test_nobody_inspects_their_own_class_on_the_roster_either(school, as_user):
	own = make_class("三年级(5)班", 3, class_teacher=DUTY2).name
	with pytest.raises(frappe.ValidationError, match=r"Row 1: 三年级\(5\)班 is duty2's own class"):
		make_roster([{"inspector": DUTY2, "inspection_item": "卫生", "class_record": own}])
	make_roster([{"inspector": DUTY2, "inspection_item": "卫生", "grade_level": 3}])
	with as_user(DUTY2):
		assert own not in [c.name for c in rounds.classes_to_inspect(DAY, "卫生", 3)["classes"]]
		with pytest.raises(frappe.PermissionError):
			inspect(own, "卫生", DAY, 9)
		with pytest.raises(frappe.ValidationError, match=r"Row 2: 三年级\(5\)班 is your own class"):
			new_round(
				[{"class_record": school[0], "score": 9}, {"class_record": own, "score": 9}], item="卫生"
			).insert()
	with pytest.raises(frappe.ValidationError, match=r"Row 2: 三年级\(1\)班 is the pupil's own class"):
		make_roster(
			[
				{"inspector": DUTY, "inspection_item": "卫生"},
				{
					"inspector": MONITOR,
					"duty_role": "Pupil Monitor",
					"inspection_item": "卫生",
					"class_record": school[0],
					"pupil_class": school[0],
					"confirming_teacher": DUTY,
				},
			],
			start="2025-09-15",
			end="2025-09-19",
		)


def test_a_pupil_monitor_never_records_their_own_class(roster, school, as_user):
	with as_user(MONITOR):
		with pytest.raises(frappe.ValidationError, match=r"三年级\(4\)班 is your own class"):
			inspect(school[3], "眼保健操", DAY, 9, submit=False)
		listed = [c.name for c in rounds.classes_to_inspect(DAY, "眼保健操", 0)["classes"]]
	assert listed == school[:3]


def test_the_office_is_exempt(roster, school, as_user):
	with as_user(OFFICE):
		assert inspect(school[2], "路队", DAY, 9).docstatus == 1
		assert inspect(school[2], "纪律", DAY, 8, inspector=DUTY2).inspector == DUTY2
		assert len(rounds.classes_to_inspect(DAY, "纪律", 3)["classes"]) == 3  # school[2] done


def test_days_no_roster_covers_are_as_before(roster, school, as_user):
	with as_user(DUTY2):
		assert inspect(school[1], "路队", OFF_DAY, 9).docstatus == 1
		listed = rounds.classes_to_inspect(OFF_DAY, "纪律", 3)
	assert [c.name for c in listed["classes"]] == school and listed["note"] is None
	with as_user(MONITOR):  # a pupil records only on the roster's days: nobody would confirm it
		with pytest.raises(frappe.ValidationError, match="No duty roster covers .*pupil monitors record"):
			inspect(school[1], "纪律", OFF_DAY, 9, submit=False)


# ------------------------------------------------------------------ rounds


def test_get_classes_lists_only_the_assigned_classes(roster, school, as_user):
	with as_user(DUTY):
		assert [c.name for c in rounds.classes_to_inspect(DAY, "卫生", 0)["classes"]] == school
		assert [c.name for c in rounds.classes_to_inspect(DAY, "纪律", 0)["classes"]] == school[:1]
		nothing = rounds.classes_to_inspect(DAY, "路队", 0)
	assert nothing["classes"] == [] and "not 路队" in nothing["note"]


def test_a_round_with_an_unassigned_row_is_refused_by_its_number_and_nothing_is_saved(
	roster, school, as_user
):
	before = counts()
	with as_user(DUTY):
		doc = new_round([{"class_record": school[0], "score": 9}, {"class_record": school[1], "score": 8}])
		with pytest.raises(frappe.ValidationError) as refused:
			doc.insert()
		message = str(refused.value)
		assert "Row 2: The duty roster does not assign duty to inspect 三年级(2)班 for 纪律" in message
		assert "Row 1:" not in message
		with pytest.raises(frappe.ValidationError, match="not 路队"):
			new_round([{"class_record": school[0], "score": 9}], item="路队").insert()
		assert counts() == before
		doc = new_round([{"class_record": c, "score": 9} for c in school], item="卫生").insert()
		doc.submit()
	found = frappe.get_all(
		"Inspection", filters={"inspection_round": doc.name}, fields=["inspector", "docstatus"]
	)
	assert len(found) == 4 and {(f.inspector, f.docstatus) for f in found} == {(DUTY, 1)}


# ------------------------------------------------------------------ pupil monitors


def test_a_pupil_monitor_records_and_the_named_teacher_confirms(roster, school, as_user):
	with as_user(MONITOR):
		draft = inspect(school[1], "纪律", DAY, 8, submit=False)
		with pytest.raises(frappe.PermissionError):
			draft.submit()  # a pupil never submits
	assert frappe.db.get_value("Inspection", draft.name, "docstatus") == 0
	with as_user(DUTY2):  # a duty teacher the roster does not name
		with pytest.raises(frappe.PermissionError):
			frappe.get_doc("Inspection", draft.name).submit()
	with as_user(DUTY):
		doc = frappe.get_doc("Inspection", draft.name)
		doc.score = 7  # the teacher reviews it
		doc.submit()
	stored = frappe.db.get_value(
		"Inspection", draft.name, ["docstatus", "score", "inspector", "modified_by"], as_dict=True
	)
	assert (stored.docstatus, stored.score, stored.inspector, stored.modified_by) == (1, 7, MONITOR, DUTY)


def test_the_confirming_teacher_cannot_move_a_pupils_record_off_their_row(roster, school, as_user):
	with as_user(MONITOR):
		draft = inspect(school[1], "纪律", DAY, 8, submit=False)
	with as_user(DUTY):
		doc = frappe.get_doc("Inspection", draft.name)
		doc.class_record = school[2]
		with pytest.raises(frappe.ValidationError, match=r"does not assign monitor to inspect 三年级\(3\)班"):
			doc.submit()


def test_a_pupil_monitors_round_is_confirmed_by_the_teacher(roster, school, as_user):
	with as_user(MONITOR):
		doc = new_round([{"class_record": c, "score": 9} for c in school[:3]], item="眼保健操").insert()
		with pytest.raises(frappe.PermissionError):
			doc.submit()
	with as_user(DUTY2):
		assert doc.name not in frappe.get_list("Inspection Round", pluck="name")
		assert not frappe.has_permission("Inspection Round", "submit", doc=doc.name)
	with as_user(DUTY):
		assert doc.name in frappe.get_list("Inspection Round", pluck="name")
		frappe.get_doc("Inspection Round", doc.name).submit()
	found = frappe.get_all(
		"Inspection", filters={"inspection_round": doc.name}, fields=["inspector", "docstatus"]
	)
	assert len(found) == 3 and {(f.inspector, f.docstatus) for f in found} == {(MONITOR, 1)}
	with as_user(MONITOR):  # they still read what they recorded
		assert len(frappe.get_list("Inspection", filters={"inspection_round": doc.name})) == 3


def test_a_pupil_monitor_sees_only_what_they_recorded(roster, school, as_user):
	other = inspect(school[0], "卫生", DAY, 9)
	with as_user(MONITOR):
		mine = inspect(school[1], "纪律", DAY, 8, submit=False)
		assert frappe.get_list("Inspection", pluck="name") == [mine.name]
		assert frappe.has_permission("Inspection", "read", doc=mine.name)
		assert not frappe.has_permission("Inspection", "read", doc=other.name)
		for doctype in ("Duty Roster", "Class Teacher Appraisal", "Appraisal Period", "Red Flag Award"):
			assert not frappe.has_permission(doctype, "read"), doctype
		assert not frappe.has_permission("Class Record", "read")
		assert frappe.has_permission("Class Record", "select")  # to pick a class in the form
		with pytest.raises(frappe.PermissionError):
			frappe.get_list("Duty Roster Assignment", parent_doctype="Duty Roster")
		page = get_desktop_page(json.dumps({"name": "Class Teacher Appraisals", "public": 1}))
	assert not page["number_cards"]["items"] and not page["charts"]["items"]
	links = {(link.link_type, link.link_to) for card in page["cards"]["items"] for link in card.links}
	assert {to for kind, to in links if kind != "Page"} == {
		"Inspection",
		"Inspection Round",
		"Inspection Item",
	}


# ------------------------------------------------------------------ the roster itself


def test_the_roster_checks_its_rows_by_number(school):
	with pytest.raises(frappe.ValidationError) as refused:
		make_roster(
			[
				{"inspector": "teacher31@example.cn", "inspection_item": "卫生"},
				{"inspector": MONITOR, "duty_role": "Pupil Monitor", "inspection_item": "卫生"},
				{
					"inspector": MONITOR,
					"duty_role": "Pupil Monitor",
					"inspection_item": "卫生",
					"confirming_teacher": DUTY2,
				},
				{"inspector": DUTY, "inspection_item": "卫生", "from_date": "2025-09-01"},
				{
					"inspector": DUTY,
					"duty_role": "Pupil Monitor",
					"inspection_item": "纪律",
					"confirming_teacher": DUTY,
				},
			]
		)
	message = str(refused.value)
	assert "Row 1: teacher31 is not a Duty Inspector" in message
	assert "Row 2: Choose the teacher who confirms what monitor records." in message
	assert "Row 3: duty2 is not on duty as a teacher on this roster" in message
	assert "Row 4: The row's dates lie outside the roster's" in message
	assert "Row 5: duty does not have the Pupil Monitor role." in message
	period = make_period("2025年9月", "2025-09-01", "2025-09-30", period_type="Month")
	with pytest.raises(frappe.ValidationError, match="must lie within the appraisal period 2025年9月"):
		make_roster([], start="2025-09-29", end="2025-10-03", appraisal_period=period.name)


def test_the_office_reassigns_by_editing_and_the_versions_are_kept(roster, school, as_user):
	with as_user(DUTY2):
		with pytest.raises(frappe.ValidationError):
			inspect(school[2], "卫生", DAY, 9)
	with as_user(OFFICE):
		doc = frappe.get_doc("Duty Roster", roster.name)
		doc.assignments[0].inspector = DUTY2
		doc.save(ignore_version=False)  # as in the Desk (under tests Frappe keeps no versions unless asked)
	with as_user(DUTY2):
		assert inspect(school[2], "卫生", DAY, 9).docstatus == 1
	with as_user(DUTY):
		with pytest.raises(frappe.ValidationError, match="not 卫生"):
			inspect(school[3], "卫生", DAY, 9)
		with pytest.raises(frappe.PermissionError):
			frappe.get_doc("Duty Roster", roster.name).save()  # duty teachers read it only
	assert frappe.db.exists("Version", {"ref_doctype": "Duty Roster", "docname": roster.name})


# ------------------------------------------------------------------ today's round and coverage


def test_my_round_lists_the_days_items_and_their_classes(roster, school, as_user):
	inspect(school[0], "卫生", DAY, 9)
	with as_user(DUTY):
		duty = today.my_round(DAY)
	assert duty["rosters"] == [roster.name]
	assert duty["items"] == [
		{"inspection_item": "卫生", "classes": 4, "to_inspect": 3},
		{"inspection_item": "纪律", "classes": 1, "to_inspect": 1},
	]
	with as_user(MONITOR):
		assert [(i["inspection_item"], i["classes"]) for i in today.my_round(DAY)["items"]] == [
			("眼保健操", 3),
			("纪律", 1),
		]
	with as_user(DUTY2):
		assert today.my_round(DAY) == {"date": DAY, "rosters": [roster.name], "items": []}
	with as_user(DUTY):
		assert today.my_round(OFF_DAY)["rosters"] == []
	with as_user("teacher31@example.cn"):
		with pytest.raises(frappe.PermissionError):
			today.my_round(DAY)


def test_coverage_says_who_was_assigned_what_was_missed(roster, school, as_user):
	inspect(school[0], "卫生", DAY, 9)
	with as_user(DUTY):
		inspect(school[1], "卫生", DAY, 8, submit=False)
	with as_user(MONITOR):
		pupil_round = new_round([{"class_record": school[1], "score": 8}]).insert()
	columns, rows, message, chart, summary = coverage.execute({"date": DAY, "grade_level": 3})
	assert message is None
	found = {(r["class_name"], r["inspection_item"]): r for r in rows}
	assert {k: (r["status"], r["assigned_to"], r["confirming_teacher"]) for k, r in found.items()} == {
		("三年级(2)班", "卫生"): ("Recorded, Not Submitted", "duty", ""),
		("三年级(3)班", "卫生"): ("Not Inspected", "duty", ""),
		("三年级(4)班", "卫生"): ("Not Inspected", "duty", ""),
		("三年级(1)班", "纪律"): ("Not Inspected", "duty", ""),
		("三年级(2)班", "纪律"): ("Recorded, Not Submitted", "monitor", "duty"),
		("三年级(3)班", "纪律"): ("Nobody Assigned", "", ""),
		("三年级(4)班", "纪律"): ("Nobody Assigned", "", ""),
		("三年级(1)班", "眼保健操"): ("Not Inspected", "monitor", "duty"),
		("三年级(2)班", "眼保健操"): ("Not Inspected", "monitor", "duty"),
		("三年级(3)班", "眼保健操"): ("Not Inspected", "monitor", "duty"),
		("三年级(4)班", "眼保健操"): ("Nobody Assigned", "", ""),  # the pupil's own class
	}
	assert {r["duty_roster"] for r in rows} == {roster.name}  # to open and reassign
	assert found[("三年级(2)班", "纪律")]["record"] == pupil_round.name
	assert {s["label"]: s["value"] for s in summary} == {
		"Expected": 12,
		"Inspected": 1,
		"Recorded, Not Submitted": 2,
		"Not Inspected": 6,
		"Nobody Assigned": 3,
	}
	assert chart["data"]["labels"] == ["卫生", "眼保健操", "纪律"]
	assert chart["data"]["datasets"][0]["values"] == [1, 0, 0]
	everything = coverage.execute({"date": DAY, "grade_level": 3, "show_inspected": 1})[1]
	assert len(everything) == 12
	assert coverage.execute({"date": OFF_DAY})[2].startswith("No duty roster covers")


def test_coverage_reads_set_based_whatever_the_number_of_classes(roster, school, monkeypatch):
	def statements():
		seen = []
		real_sql = frappe.db.sql

		def counting_sql(query, *args, **kwargs):
			seen.append(query)
			return real_sql(query, *args, **kwargs)

		monkeypatch.setattr(frappe.db, "sql", counting_sql)
		coverage.execute({"date": DAY})
		monkeypatch.undo()
		return len(seen)

	statements()  # what is cached once (meta, permissions) is not counted
	few = statements()
	make_school(4, grade_level=4)
	make_roster([{"inspector": DUTY2, "inspection_item": "路队"}])
	assert statements() == few


def test_the_pupil_monitor_role_is_created_once_and_a_schools_change_kept():
	from class_teacher_appraisal.install import create_roles
	from class_teacher_appraisal.patches.v1_3 import create_pupil_monitor_role

	assert frappe.db.get_value("Role", "Pupil Monitor", "desk_access") == 1
	frappe.db.set_value("Role", "Pupil Monitor", "two_factor_auth", 1)  # the school's own setting
	create_roles()
	create_pupil_monitor_role.execute()
	assert frappe.db.count("Role", {"name": "Pupil Monitor"}) == 1
	assert frappe.db.get_value("Role", "Pupil Monitor", "two_factor_auth") == 1
