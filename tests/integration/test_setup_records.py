"""Set-up records are created once and a school's changes to them survive every migrate."""

import frappe

from class_teacher_appraisal.install import create_setup_records
from class_teacher_appraisal.names import WORKFLOW


def counts():
	return {
		dt: frappe.db.count(dt)
		for dt in (
			"Role",
			"Workflow",
			"Workflow State",
			"Workflow Action Master",
			"Appraisal Rubric",
			"Inspection Item",
		)
	}


def test_running_the_set_up_again_creates_nothing_new():
	before = counts()
	create_setup_records()
	create_setup_records()
	assert counts() == before
	assert frappe.db.get_value("Workflow", WORKFLOW, "document_type") == "Class Teacher Appraisal"
	assert frappe.db.exists("Role", "Academic Office")


def test_a_schools_changes_survive_the_set_up_running_again():
	workflow = frappe.get_doc("Workflow", WORKFLOW)
	workflow.transitions[0].allowed = "Academic Office"
	workflow.save()
	item = frappe.get_doc("Inspection Item", "卫生")
	item.weekly_flag_winners = 3
	item.save()
	frappe.delete_doc("Appraisal Rubric", "赣榆县中小学班主任工作评估细则 v1")
	create_setup_records()  # what the patch and after_install run
	assert frappe.get_doc("Workflow", WORKFLOW).transitions[0].allowed == "Academic Office"
	assert frappe.db.get_value("Inspection Item", "卫生", "weekly_flag_winners") == 3
	# The function fills in what is missing; migrations run it once (a patch), so a seed the school
	# deletes later stays deleted.
	assert frappe.db.exists("Appraisal Rubric", "赣榆县中小学班主任工作评估细则 v1")
