"""001 《小学班主任工作职责 4》五、3: 因特殊情况班主任岗位中途变动的，学校对其岗位津贴作相应调整，班主任
在岗，享受岗位津贴，离岗后不再享受. A class changes teacher on the 16th of October: the office ends the
leaving teacher's assignment on the 15th and adds the new one from the 16th; each is appraised on
the days they served, the allowance follows the days on post, and the history shows who was
responsible when."""

import datetime

import frappe
import pytest

from class_teacher_appraisal.class_teacher_appraisal.report.appraisal_ranking import appraisal_ranking
from class_teacher_appraisal.class_teacher_appraisal.report.teacher_history import teacher_history
from class_teacher_appraisal.patches.v1_1 import create_class_teacher_assignments
from tests.factories import S6, fill_manual, inspect, make_class, make_period, make_user

APPRAISAL = "Class Teacher Appraisal"
LEAVING, ARRIVING, NEIGHBOUR = "a.teacher@example.cn", "b.teacher@example.cn", "teacher51@example.cn"
OFFICE = "office@example.cn"


def hand_over(class_record, last_day, new_teacher, first_day):
	"""What the office does on the class record: the leaving teacher's last day, the new one's first."""
	doc = frappe.get_doc("Class Record", class_record)
	open_row = next(row for row in doc.assignments if not row.to_date)
	open_row.to_date = last_day
	doc.append("assignments", {"teacher": new_teacher, "from_date": first_day})
	doc.save()
	return doc


def appraisal_of(period, class_record, teacher):
	name = frappe.db.get_value(
		APPRAISAL,
		{"appraisal_period": period, "class_record": class_record, "class_teacher": teacher, "docstatus": 0},
	)
	return frappe.get_doc(APPRAISAL, name)


@pytest.fixture
def october(as_user):
	"""Two grade-5 classes in October (S6, 31 days): 五年级(1)班 changes teacher on the 16th, 五年级(2)班
	keeps its teacher. The office hands over and generates the month."""
	make_user(OFFICE, "Academic Office")
	changing = make_class("五年级(1)班", 5, class_teacher=LEAVING, pupil_count=40).name
	steady = make_class("五年级(2)班", 5, class_teacher=NEIGHBOUR, pupil_count=41).name
	period = make_period("2025年10月", "2025-10-01", "2025-10-31", rubric=S6, period_type="Month")
	with as_user(OFFICE):
		hand_over(changing, "2025-10-15", ARRIVING, "2025-10-16")
	period.generate_appraisals()
	return period, changing, steady


def test_a_class_set_up_with_its_class_teacher_has_them_on_post_from_the_start():
	doc = make_class("五年级(3)班", 5, class_teacher=LEAVING)
	assert [(r.teacher, r.from_date, r.to_date) for r in doc.assignments] == [(LEAVING, None, None)]


def test_the_class_teacher_follows_the_dated_assignments(october):
	_period, changing, _steady = october
	doc = frappe.get_doc("Class Record", changing)
	assert doc.class_teacher == ARRIVING  # on post today
	assert [(r.teacher, str(r.from_date or ""), str(r.to_date or "")) for r in doc.assignments] == [
		(LEAVING, "", "2025-10-15"),
		(ARRIVING, "2025-10-16", ""),
	]


def test_each_teacher_who_served_in_the_month_gets_an_appraisal_of_their_days(october):
	period, changing, steady = october
	rows = frappe.get_all(
		APPRAISAL,
		filters={"appraisal_period": period.name},
		fields=["class_record", "class_teacher", "served_from", "served_to", "days_served", "days_in_period"],
		order_by="class_record, served_from",
	)
	d = datetime.date
	assert [tuple(r.values()) for r in rows] == [
		(changing, LEAVING, d(2025, 10, 1), d(2025, 10, 15), 15, 31),
		(changing, ARRIVING, d(2025, 10, 16), d(2025, 10, 31), 16, 31),
		(steady, NEIGHBOUR, d(2025, 10, 1), d(2025, 10, 31), 31, 31),
	]
	# generating again makes nothing new
	assert period.generate_appraisals()["created"] == 0


def test_the_allowance_follows_the_days_on_post_and_nothing_after_leaving(october):
	"""S6: 优 pays 200 + 160 = 360 a month; 15 of 31 days are 174.19, 16 of 31 are 185.81."""
	period, changing, steady = october
	with _office():
		leaving = fill_manual(appraisal_of(period.name, changing, LEAVING))
		arriving = fill_manual(appraisal_of(period.name, changing, ARRIVING))
		staying = fill_manual(appraisal_of(period.name, steady, NEIGHBOUR))
	for doc in (leaving, arriving, staying):
		doc.reload()
	assert (leaving.total_score, leaving.grade, leaving.allowance) == (100, "优", 174.19)
	assert (
		leaving.allowance_note
		== "Allowance 174.19 = (200 + 160) × 15 ÷ 31: on post 15 of the period's 31 days"
	)
	assert (arriving.total_score, arriving.grade, arriving.allowance) == (100, "优", 185.81)
	assert (staying.allowance, staying.allowance_note) == (360, "Allowance 360 = 200 + 160")
	# the period's recompute pays the same
	period.recompute_appraisals()
	assert frappe.db.get_value(APPRAISAL, leaving.name, "allowance") == 174.19
	assert frappe.db.get_value(APPRAISAL, arriving.name, "allowance") == 185.81
	assert frappe.db.get_value(APPRAISAL, staying.name, "allowance") == 360


def test_each_teacher_is_paid_by_their_own_rank(october):
	"""Seed 002's allowance by rank (职级) is the teacher's: the rank on the leaving teacher's
	assignment pays them (15 of 31 days of 360 + 50); the new teacher, with no rank of their own
	on the class, is paid by the class's rank (none here)."""
	period, changing, _steady = october
	rubric = frappe.get_doc("Appraisal Rubric", S6)
	rubric.append("rank_allowances", {"teacher_rank": "高级", "amount": 50})
	rubric.save()
	with _office():
		doc = frappe.get_doc("Class Record", changing)
		next(row for row in doc.assignments if row.teacher == LEAVING).teacher_rank = "高级"
		doc.save()
		period.recompute_appraisals()
		leaving = fill_manual(appraisal_of(period.name, changing, LEAVING))
		arriving = fill_manual(appraisal_of(period.name, changing, ARRIVING))
	leaving.reload()
	arriving.reload()
	assert (leaving.teacher_rank, leaving.allowance) == ("高级", 198.39)  # 410 × 15 ÷ 31
	assert "50 (高级)" in leaving.allowance_note
	assert (arriving.teacher_rank or "", arriving.allowance) == ("", 185.81)
	period.recompute_appraisals()
	assert frappe.db.get_value(APPRAISAL, leaving.name, "allowance") == 198.39
	# the rank is the server's: a request cannot raise it
	with _office():
		doc = frappe.get_doc(APPRAISAL, arriving.name)
		doc.teacher_rank = "高级"
		doc.save()
	assert frappe.db.get_value(APPRAISAL, arriving.name, ["teacher_rank", "allowance"]) == (None, 185.81)


def _office():
	from tests.conftest import acting_as

	return acting_as(OFFICE)


def test_an_accident_on_the_new_teachers_days_vetoes_their_appraisal_only(october):
	"""S6 一票否决 (否决2, 较大安全事故): the accident of 20 October is the new teacher's, not the one who left."""
	period, changing, _steady = october
	inspect(changing, "安全检查", "2025-10-20", incidents={"较大安全事故": 1})
	inspect(changing, "安全检查", "2025-10-06", 9)
	period.recompute_appraisals()
	leaving = appraisal_of(period.name, changing, LEAVING)
	arriving = appraisal_of(period.name, changing, ARRIVING)
	assert not leaving.vetoed and not leaving.veto_cases
	assert arriving.vetoed and arriving.grade == "不合格" and arriving.allowance == 0
	assert [(v.rule_code, v.reason) for v in arriving.veto_cases] == [("否决2", "较大安全事故 × 1")]


def test_hand_entered_points_stay_with_their_own_teachers_appraisal(october):
	period, changing, _steady = october
	with _office():
		leaving = fill_manual(appraisal_of(period.name, changing, LEAVING), short_by=1)  # 94
		arriving = fill_manual(appraisal_of(period.name, changing, ARRIVING))  # 100
	period.recompute_appraisals()
	assert frappe.db.get_value(APPRAISAL, leaving.name, "total_score") == 94
	assert frappe.db.get_value(APPRAISAL, arriving.name, "total_score") == 100


def test_a_handover_entered_after_generation_splits_the_month_on_the_next_generation(as_user):
	make_user(OFFICE, "Academic Office")
	cls = make_class("五年级(4)班", 5, class_teacher=LEAVING).name
	period = make_period("2025年10月", "2025-10-01", "2025-10-31", rubric=S6, period_type="Month")
	period.generate_appraisals()
	first = appraisal_of(period.name, cls, LEAVING)
	assert (first.days_served, first.days_in_period) == (31, 31)
	with as_user(OFFICE):
		hand_over(cls, "2025-10-15", ARRIVING, "2025-10-16")
	assert period.generate_appraisals()["created"] == 1
	first.reload()
	assert (str(first.served_to), first.days_served) == ("2025-10-15", 15)
	assert appraisal_of(period.name, cls, ARRIVING).days_served == 16


def test_each_teacher_reads_only_their_own_appraisal_of_the_class(october, as_user):
	period, changing, _steady = october
	leaving = appraisal_of(period.name, changing, LEAVING)
	arriving = appraisal_of(period.name, changing, ARRIVING)
	for teacher, own, other in ((LEAVING, leaving, arriving), (ARRIVING, arriving, leaving)):
		with as_user(teacher):
			assert frappe.has_permission(APPRAISAL, "read", own.name)
			assert not frappe.has_permission(APPRAISAL, "read", other.name)
			listed = frappe.get_list(APPRAISAL, filters={"class_record": changing}, pluck="name")
			assert listed == [own.name]
		# nobody acts on their own appraisal, also after leaving the class
		with as_user(teacher):
			assert not frappe.has_permission(APPRAISAL, "write", own.name)


def test_the_teacher_who_left_reads_the_inspections_of_their_own_days_only(october, as_user):
	_period, changing, _steady = october
	theirs = inspect(changing, "安全检查", "2025-10-06", 9)
	after = inspect(changing, "安全检查", "2025-10-20", 8)
	with as_user(LEAVING):
		assert frappe.has_permission("Inspection", "read", theirs.name)
		assert not frappe.has_permission("Inspection", "read", after.name)
		assert frappe.get_list("Inspection", filters={"class_record": changing}, pluck="name") == [
			theirs.name
		]
	with as_user(ARRIVING):
		listed = set(frappe.get_list("Inspection", filters={"class_record": changing}, pluck="name"))
		assert listed == {theirs.name, after.name}  # the class is theirs now


def test_the_history_and_the_ranking_show_who_was_responsible_when(october):
	period, changing, _steady = october
	for teacher, served in (
		(LEAVING, ("2025-10-01", "2025-10-15", 15)),
		(ARRIVING, ("2025-10-16", "2025-10-31", 16)),
	):
		_columns, rows, *_rest = teacher_history.execute({"class_teacher": teacher})
		assert [
			(r["class_name"], str(r["served_from"]), str(r["served_to"]), r["days_served"]) for r in rows
		] == [("五年级(1)班", *served)]
	_columns, rows, *_rest = appraisal_ranking.execute({"appraisal_period": period.name})
	on_post = {(r["class_name"], r["class_teacher"]): r["on_post"] for r in rows}
	assert on_post == {
		("五年级(1)班", LEAVING): "2025-10-01 – 2025-10-15 (15/31)",
		("五年级(1)班", ARRIVING): "2025-10-16 – 2025-10-31 (16/31)",
		("五年级(2)班", NEIGHBOUR): "",
	}


def test_overlapping_or_backwards_assignments_are_refused_with_the_rows_named(as_user):
	make_user(OFFICE, "Academic Office")
	cls = make_class("五年级(5)班", 5, class_teacher=LEAVING).name
	with as_user(OFFICE):
		doc = frappe.get_doc("Class Record", cls)
		doc.append("assignments", {"teacher": ARRIVING, "from_date": "2025-10-16"})
		with pytest.raises(frappe.ValidationError, match="rows 1 and 2: .* on post on the same days"):
			doc.save()
		doc = frappe.get_doc("Class Record", cls)
		doc.assignments[0].from_date, doc.assignments[0].to_date = "2025-10-16", "2025-10-15"
		with pytest.raises(frappe.ValidationError, match="row 1: the last day on post"):
			doc.save()
		doc = frappe.get_doc("Class Record", cls)
		doc.class_teacher = ARRIVING  # not through the assignments
		with pytest.raises(frappe.ValidationError, match="The class teacher follows the assignments"):
			doc.save()
	assert frappe.db.get_value("Class Record", cls, "class_teacher") == LEAVING


def test_an_appraisal_cannot_be_made_for_a_teacher_who_did_not_serve_in_the_period(october):
	period, changing, _steady = october
	doc = frappe.get_doc(
		{
			"doctype": APPRAISAL,
			"appraisal_period": period.name,
			"class_record": changing,
			"class_teacher": NEIGHBOUR,
		}
	)
	with pytest.raises(frappe.DuplicateEntryError):
		doc.insert()  # the teacher comes from the assignments: today's, who has one already


def test_the_daily_sync_makes_a_handover_entered_ahead_take_effect_on_its_day(as_user):
	from class_teacher_appraisal.class_teachers import sync_current_teachers

	make_user(OFFICE, "Academic Office")
	cls = make_class("五年级(6)班", 5, class_teacher=LEAVING).name
	today = frappe.utils.getdate()
	with as_user(OFFICE):
		hand_over(cls, today + datetime.timedelta(days=2), ARRIVING, today + datetime.timedelta(days=3))
	assert frappe.db.get_value("Class Record", cls, "class_teacher") == LEAVING  # still on post
	frappe.db.set_value("Class Record", cls, "class_teacher", ARRIVING)  # as if the day had come and gone
	sync_current_teachers()
	assert frappe.db.get_value("Class Record", cls, "class_teacher") == LEAVING


def test_whose_class_it_is_follows_the_handover_on_its_day_without_waiting_for_the_daily_job(as_user):
	"""The one on post today acts as the class's own (no inspecting, rating or approving it), from
	the first day of their assignment, even before the daily job moves the class's teacher field."""
	from class_teacher_appraisal.permissions import own_classes

	make_user(OFFICE, "Academic Office")
	cls = make_class("五年级(8)班", 5, class_teacher=LEAVING).name
	today = frappe.utils.getdate()
	with as_user(OFFICE):
		hand_over(cls, today - datetime.timedelta(days=1), ARRIVING, today)
	frappe.db.set_value("Class Record", cls, "class_teacher", LEAVING)  # the daily job has not run
	assert cls in own_classes(ARRIVING)
	assert cls not in own_classes(LEAVING)


def test_the_patch_gives_older_classes_and_appraisals_their_days_once():
	cls = make_class("五年级(7)班", 5, class_teacher=LEAVING).name
	period = make_period("2025年10月", "2025-10-01", "2025-10-31", rubric=S6, period_type="Month")
	period.generate_appraisals()
	# as a site from before: no assignments, no days
	frappe.db.delete("Class Teacher Assignment", {"parent": cls})
	name = frappe.db.get_value(APPRAISAL, {"class_record": cls})
	frappe.db.set_value(
		APPRAISAL, name, {"served_from": None, "served_to": None, "days_served": 0, "days_in_period": 0}
	)
	for _ in range(2):
		create_class_teacher_assignments.execute()
	rows = frappe.get_all(
		"Class Teacher Assignment", filters={"parent": cls}, fields=["teacher", "from_date", "to_date"]
	)
	assert [tuple(r.values()) for r in rows] == [(LEAVING, None, None)]
	assert frappe.db.get_value(
		APPRAISAL, name, ["served_from", "served_to", "days_served", "days_in_period"]
	) == (
		datetime.date(2025, 10, 1),
		datetime.date(2025, 10, 31),
		31,
		31,
	)


def test_the_printed_sheet_says_whose_days_it_covers(october):
	from class_teacher_appraisal.printing import appraisal_sheet

	period, changing, steady = october
	sheet = appraisal_sheet(appraisal_of(period.name, changing, LEAVING))
	assert sheet["on_post"].startswith("On post ") and sheet["on_post"].endswith(": 15 of 31 days")
	assert appraisal_sheet(appraisal_of(period.name, steady, NEIGHBOUR))["on_post"] == ""


def test_an_office_member_who_left_a_class_cannot_make_their_own_appraisal_of_it(october, as_user):
	"""Someone of the office who taught the class until the 15th may not create the appraisal of
	their own days by hand, with or without points: generation makes it, the office scores it."""
	period, changing, _steady = october
	frappe.get_doc("User", LEAVING).add_roles("Academic Office")
	name = frappe.db.get_value(APPRAISAL, {"class_record": changing, "class_teacher": LEAVING})
	frappe.delete_doc(APPRAISAL, name, force=True)
	for lines in ([], [{"criterion_code": "S6-03", "manual_points": 40, "manual_entered": 1}]):
		with as_user(LEAVING), pytest.raises(frappe.PermissionError, match="your own class"):
			frappe.get_doc(
				{
					"doctype": APPRAISAL,
					"appraisal_period": period.name,
					"class_record": changing,
					"class_teacher": LEAVING,
					"lines": lines,
				}
			).insert()
