"""Issue 15: fill the fetched names (teacher_name, grade_name) on existing records, in a few
set-based updates; re-running changes nothing. Re-run (patches.txt) for the rows written in bulk
before the bulk writers set the names too (inspections of the demo school and of rounds, red flags)
and for the class teacher assignments a class record added for its class teacher."""

import frappe

from class_teacher_appraisal.utils import GRADE_NAMES

# DocType → (the user field whose full name it keeps in teacher_name, whether it has grade_name
# fetched from its class)
NAMED = {
	"Class Record": ("class_teacher", False),
	"Class Teacher Assignment": ("teacher", False),
	"Class Teacher Appraisal": ("class_teacher", True),
	"Inspection": ("class_teacher", True),
	"Appraisal Appeal": ("class_teacher", False),
	"Red Flag Award": ("class_teacher", True),
}


def execute():
	grade_case = " ".join(f"when {level} then %s" for level in range(1, len(GRADE_NAMES) + 1))
	frappe.db.sql(  # nosemgrep: frappe-using-db-sql — one-off data patch: fixed names, values bound
		f"update `tabClass Record` set grade_name = case grade_level {grade_case} else '' end",
		GRADE_NAMES,
	)
	for doctype, (user_field, has_grade) in NAMED.items():
		frappe.db.sql(  # nosemgrep: frappe-using-db-sql — one-off data patch: update join over fixed doctype names
			f"""update `tab{doctype}` d join `tabUser` u on u.name = d.`{user_field}`
			set d.teacher_name = u.full_name
			where coalesce(d.teacher_name, '') != coalesce(u.full_name, '')"""
		)
		if has_grade:
			frappe.db.sql(  # nosemgrep: frappe-using-db-sql — one-off data patch: update join over fixed doctype names
				f"""update `tab{doctype}` d join `tabClass Record` c on c.name = d.class_record
				set d.grade_name = c.grade_name
				where coalesce(d.grade_name, '') != coalesce(c.grade_name, '')"""
			)
