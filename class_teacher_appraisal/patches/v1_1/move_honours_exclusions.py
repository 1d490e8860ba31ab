"""Rubrics from before honours exclusions had their own table kept them as veto rules with the
effect "Exclude from Honours": they move to the exclusion table, with their codes, titles and
incident types (appraisals name them by code, so nothing else changes)."""

import frappe
from frappe.utils import now_datetime


def execute():
	rows = frappe.get_all(
		"Appraisal Veto Rule",
		filters={"parenttype": "Appraisal Rubric", "effect": "Exclude from Honours"},
		fields=["name", "parent", "rule_code", "rule_title", "incident_types", "idx", "owner"],
		order_by="parent, idx",
	)
	if not rows:
		return
	now = now_datetime()
	fields = (
		"name", "creation", "modified", "owner", "modified_by", "docstatus", "idx", "parent", "parenttype",
		"parentfield", "rule_code", "rule_title", "incident_types",
	)  # fmt: skip
	numbered: dict[str, int] = {}
	values = []
	for r in rows:
		numbered[r.parent] = numbered.get(r.parent, 0) + 1
		values.append(
			(
				frappe.generate_hash(length=10),
				now,
				now,
				r.owner,
				r.owner,
				0,
				numbered[r.parent],
				r.parent,
				"Appraisal Rubric",
				"exclusion_rules",
				r.rule_code,
				r.rule_title,
				r.incident_types,
			)  # fmt: skip
		)
	frappe.db.bulk_insert("Appraisal Exclusion Rule", fields, values)
	frappe.db.delete("Appraisal Veto Rule", {"name": ["in", [r.name for r in rows]]})
