"""Writing many rows at once: a child table's rows of many parents replaced with one delete and
one bulk insert, instead of one ORM save per document (recompute writes a whole period)."""

import frappe
from frappe.utils import now_datetime

from class_teacher_appraisal import compat
from class_teacher_appraisal.names import APPRAISAL

CHILD_FIELDS = (
	"name",
	"parent",
	"parenttype",
	"parentfield",
	"idx",
	"creation",
	"modified",
	"owner",
	"modified_by",
)


def replace_children(
	field: str, doctype: str, rows_by_parent: dict[str, list[dict]], only: dict | None = None
):
	"""Deletes a child table's rows of the given parents (or those matching `only`) and
	bulk-inserts the new ones, numbered after the rows that stay."""
	parents = list(rows_by_parent)
	if not parents:
		return
	filters = {"parenttype": APPRAISAL, "parentfield": field}
	for chunk in chunks(parents):
		frappe.db.delete(doctype, {**filters, "parent": ["in", chunk], **(only or {})})
	after = {}
	if only:  # rows that stay keep their numbers; new ones follow them
		after = dict(
			frappe.get_all(
				doctype,
				filters={**filters, "parent": ["in", parents]},
				fields=["parent", compat.aggregate("max", "idx", "last")],
				group_by="parent",
				as_list=True,
			)
		)
	now, user = now_datetime(), frappe.session.user
	keys, values = None, []
	for parent, rows in rows_by_parent.items():
		start = after.get(parent) or 0
		for i, row in enumerate(rows, start=1):
			keys = keys or list(row)
			values.append(
				(
					frappe.generate_hash(length=10),
					parent,
					APPRAISAL,
					field,
					start + i,
					now,
					now,
					user,
					user,
					*(row[k] for k in keys),
				)  # fmt: skip
			)
	if values:
		frappe.db.bulk_insert(doctype, CHILD_FIELDS + tuple(keys), values, chunk_size=2000)


def chunks(items: list, size: int = 1000):
	for i in range(0, len(items), size):
		yield items[i : i + size]
