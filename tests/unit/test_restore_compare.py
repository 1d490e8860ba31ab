"""The restore check's comparison (class_teacher_appraisal/backups/compare.py, used by
scripts/restore-check): a restored site that reproduces the original has no differences, and each
way a restore can go wrong is named: an appraisal's total, workflow state or lines, a missing or
extra appraisal, a DocType's record count, a file lost or changed."""

import copy

from class_teacher_appraisal.backups.compare import differences, summary


def snapshot() -> dict:
	def line(parent, idx, points):
		return {
			"name": f"{parent}-l{idx}",
			"parent": parent,
			"idx": idx,
			"criterion_code": f"C{idx}",
			"points": points,
		}

	return {
		"site": "school.example",
		"taken_at": "2026-11-29 14:00:00",
		"appraisals": {
			"CTA-1": {
				"fields": {
					"name": "CTA-1",
					"total_score": 87.5,
					"grade": "良好",
					"workflow_state": "Approved",
				},
				"tables": {"lines": [line("CTA-1", 1, 40.0), line("CTA-1", 2, 47.5)], "sections": []},
			},
			"CTA-2": {
				"fields": {"name": "CTA-2", "total_score": 61.0, "grade": "合格", "workflow_state": "Draft"},
				"tables": {"lines": [line("CTA-2", 1, 61.0)], "sections": []},
			},
		},
		"record_counts": {"Class Teacher Appraisal": 2, "Inspection": 120, "File": 1},
		"files": {
			"f1": {"file_url": "/private/files/photo.jpg", "is_private": 1, "size": 2048, "sha1": "ab12"},
		},
	}


def test_a_faithful_restore_has_no_differences_whenever_and_wherever_it_was_taken():
	restored = copy.deepcopy(snapshot())
	restored["site"], restored["taken_at"] = "restore-check.school.example", "2026-11-29 14:02:00"
	assert differences(snapshot(), restored) == []


def test_a_changed_total_and_workflow_state_are_named():
	restored = copy.deepcopy(snapshot())
	restored["appraisals"]["CTA-1"]["fields"]["total_score"] = 86.5
	restored["appraisals"]["CTA-2"]["fields"]["workflow_state"] = "Pending Office Review"
	assert differences(snapshot(), restored) == [
		"appraisal CTA-1: total_score 87.5 on the original, 86.5 restored",
		"appraisal CTA-2: workflow_state 'Draft' on the original, 'Pending Office Review' restored",
	]


def test_a_changed_or_lost_line_is_named():
	restored = copy.deepcopy(snapshot())
	restored["appraisals"]["CTA-1"]["tables"]["lines"][1]["points"] = 45.0
	restored["appraisals"]["CTA-2"]["tables"]["lines"] = []
	assert differences(snapshot(), restored) == [
		"appraisal CTA-1: lines row 2: points 47.5 on the original, 45.0 restored",
		"appraisal CTA-2: lines: 1 rows on the original, 0 restored",
	]


def test_missing_and_extra_appraisals_and_record_counts_are_named():
	restored = copy.deepcopy(snapshot())
	del restored["appraisals"]["CTA-2"]
	restored["appraisals"]["CTA-3"] = copy.deepcopy(snapshot()["appraisals"]["CTA-1"])
	restored["record_counts"]["Inspection"] = 119
	assert differences(snapshot(), restored) == [
		"appraisal CTA-2: missing on the restored site",
		"appraisal CTA-3: not on the original site",
		"record count of Inspection: 120 on the original, 119 restored",
	]


def test_a_file_not_restored_or_changed_is_named():
	lost = copy.deepcopy(snapshot())
	lost["files"]["f1"].update(size=None, sha1=None)  # the File record came back, its content did not
	assert differences(snapshot(), lost) == [
		"file f1: sha1 'ab12' on the original, None restored, size 2048 on the original, None restored"
	]
	gone = copy.deepcopy(snapshot())
	del gone["files"]["f1"]
	assert differences(snapshot(), gone) == ["file f1: missing on the restored site"]


def test_many_differences_are_cut_short_with_their_number():
	restored = copy.deepcopy(snapshot())
	restored["appraisals"] = {}
	restored["record_counts"] = {}
	found = differences(snapshot(), restored, limit=2)
	assert found == [
		"appraisal CTA-1: missing on the restored site",
		"appraisal CTA-2: missing on the restored site",
		"... and 3 more differences",
	]


def test_summary_counts_states_lines_points_records_and_files():
	assert summary(snapshot()) == (
		"2 appraisals (Approved 1, Draft 1), 3 lines, total points 148.50; "
		"123 records of 3 DocTypes; 1 files (2,048 bytes)"
	)
