import frappe

from class_teacher_appraisal.inspections import FORMAT_SERIES


def execute():
	"""Bulk-written inspections (the demo school) used to be numbered from a counter of their own
	("INS-2026-"), while the form numbers from Frappe's shared one (""): the shared counter is
	moved past every number the old one gave, so the next inspection entered cannot collide."""
	# nosemgrep: frappe-using-db-sql — one-off data patch on tabSeries
	old = frappe.db.sql("select max(current) from `tabSeries` where name like 'INS-%%' or name like 'RAT-%%'")
	highest = (old and old[0][0]) or 0
	if not highest:
		return
	# nosemgrep: frappe-using-db-sql — one-off data patch on tabSeries
	frappe.db.sql("insert ignore into `tabSeries` (name, current) values (%s, 0)", FORMAT_SERIES)
	frappe.db.sql(  # nosemgrep: frappe-using-db-sql — one-off data patch on tabSeries
		"update `tabSeries` set current = greatest(current, %s) where name = %s", (highest, FORMAT_SERIES)
	)
