"""Classes from before class teachers had dated assignments get one open assignment of their class
teacher (on post since before any period, still on post); appraisals from before get the days of
their period as their days on post. Both only where missing, so running it again changes nothing."""

import frappe
from frappe.utils import now_datetime


def execute():
	classes = frappe.db.sql(  # nosemgrep: frappe-using-db-sql — one-off data patch: not exists subquery
		"""select c.name, c.class_teacher, c.owner from `tabClass Record` c
		where ifnull(c.class_teacher, '') != '' and not exists (
			select 1 from `tabClass Teacher Assignment` a
			where a.parent = c.name and a.parenttype = 'Class Record' and a.parentfield = 'assignments')""",
		as_dict=True,
	)
	if classes:
		now = now_datetime()
		fields = (
			"name", "creation", "modified", "owner", "modified_by", "docstatus", "idx", "parent", "parenttype",
			"parentfield", "teacher", "teacher_name",
		)  # fmt: skip
		names = {
			u.name: u.full_name
			for u in frappe.get_all(
				"User",
				filters={"name": ["in", list({c.class_teacher for c in classes})]},
				fields=["name", "full_name"],
			)
		}
		values = [
			(
				frappe.generate_hash(length=10),
				now,
				now,
				c.owner,
				c.owner,
				0,
				1,
				c.name,
				"Class Record",
				"assignments",
				c.class_teacher,
				names.get(c.class_teacher),
			)  # fmt: skip
			for c in classes
		]
		frappe.db.bulk_insert("Class Teacher Assignment", fields, values)
	frappe.db.sql(  # nosemgrep: frappe-using-db-sql — one-off data patch: multi-table update join
		"""update `tabClass Teacher Appraisal` a join `tabAppraisal Period` p on p.name = a.appraisal_period
		set a.served_from = p.start_date, a.served_to = p.end_date,
		a.days_in_period = datediff(p.end_date, p.start_date) + 1,
		a.days_served = datediff(p.end_date, p.start_date) + 1
		where a.served_from is null"""
	)
