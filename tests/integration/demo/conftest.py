"""The demo school is loaded once for the tests of this folder (loading it takes over a
minute); each test runs in a savepoint and is rolled back to the loaded school, and the whole
school is rolled back at the end."""

import frappe
import pytest

from class_teacher_appraisal import demo


@pytest.fixture(scope="package")
def demo_school(frappe_site):
	frappe.db.rollback()
	frappe.set_user("Administrator")
	summary = demo.load()
	assert summary["loaded"], summary
	yield summary
	frappe.db.rollback()
	frappe.set_user("Administrator")


@pytest.fixture(autouse=True)
def _rolled_back(demo_school):
	"""Replaces the folder-wide full rollback: back to the loaded school after each test."""
	frappe.db.savepoint("demo_test")
	yield
	frappe.db.rollback(save_point="demo_test")
	frappe.set_user("Administrator")
	frappe.local.message_log = []
