"""The restore check's snapshot (class_teacher_appraisal/backups/snapshot.py, scripts/restore-check)
reads from the site what a restore must reproduce: an appraisal's total, workflow state and lines
as stored, the record counts of the app's DocTypes, and a file's content on disk; the comparison
names a change to any of them."""

import hashlib
import os

import frappe
import pytest

from class_teacher_appraisal.backups import compare, snapshot
from tests.factories import approve, fill_manual, make_user, monthly_appraisal


@pytest.fixture
def approved():
	teacher = make_user("s.teacher@example.cn", "Class Teacher")
	doc = monthly_appraisal("六年级(4)班", 6, teacher, "2025年9月", "2025-09-01", "2025-09-30")
	return approve(fill_manual(doc, short_by=1))


@pytest.fixture
def private_file():
	file = frappe.get_doc(
		{"doctype": "File", "file_name": "snapshot-test.txt", "is_private": 1, "content": "证据 evidence\n"}
	).insert(ignore_permissions=True)
	path = frappe.get_site_path("private", "files", file.file_name)
	yield file, path
	if os.path.exists(path):  # the database is rolled back, the disk is not
		os.remove(path)


def test_the_snapshot_holds_the_stored_appraisal_counts_and_file(approved, private_file):
	file, path = private_file
	taken = snapshot.take()

	appraisal = taken["appraisals"][approved.name]
	assert appraisal["fields"]["workflow_state"] == "Approved"
	assert appraisal["fields"]["docstatus"] == 1
	assert appraisal["fields"]["total_score"] == approved.total_score
	assert [(r["criterion_code"], r["points"]) for r in appraisal["tables"]["lines"]] == [
		(r.criterion_code, r.points) for r in approved.lines
	]
	assert set(appraisal["tables"]) == {df.fieldname for df in approved.meta.get_table_fields()}
	assert taken["record_counts"]["Class Teacher Appraisal"] == frappe.db.count("Class Teacher Appraisal")
	assert taken["record_counts"]["Inspection"] == frappe.db.count("Inspection")
	assert taken["files"][file.name] == {
		"file_url": file.file_url,
		"is_private": 1,
		"content_hash": file.content_hash,
		"size": os.path.getsize(path),
		"sha1": hashlib.sha1("证据 evidence\n".encode()).hexdigest(),
	}
	assert compare.differences(taken, snapshot.take()) == []


def test_a_changed_total_line_state_or_file_is_found(approved, private_file):
	file, path = private_file
	before = snapshot.take()
	line = approved.lines[0]
	frappe.db.set_value("Class Teacher Appraisal Line", line.name, "points", line.points + 1)
	frappe.db.set_value(
		"Class Teacher Appraisal",
		approved.name,
		{"total_score": approved.total_score + 1, "workflow_state": "Pending Principal Approval"},
		update_modified=False,
	)
	os.remove(path)

	found = compare.differences(before, snapshot.take())

	assert f"appraisal {approved.name}: total_score {approved.total_score!r} on the original, " in "".join(
		found
	)
	assert any(f"appraisal {approved.name}: workflow_state 'Approved' on the original" in f for f in found)
	assert any(f"appraisal {approved.name}: lines row {line.idx}: " in f and "points" in f for f in found)
	assert any(f.startswith(f"file {file.name}: ") and "sha1" in f for f in found)
