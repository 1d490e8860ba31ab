"""What differs between the Frappe majors the app runs on (15 and 16), in one place.

Each shim says why it exists; code elsewhere asks here instead of testing the version itself.
"""

import frappe

FRAPPE_MAJOR = int(frappe.__version__.split(".")[0])

# Frappe 16 moved the Desk from /app to /desk (it redirects /app/... there; 15 redirects /desk/...
# to /app): links the app makes go straight to the platform's own, without a redirect.
DESK = "/desk" if FRAPPE_MAJOR >= 16 else "/app"


def desk_path(*parts: str) -> str:
	"""A Desk path of the running platform, e.g. desk_path("my-class") -> /app/my-class on 15."""
	return "/".join([DESK, *(p.strip("/") for p in parts if p)])


def aggregate(function: str, field: str, alias: str):
	"""An aggregate in the fields of frappe.get_list / get_all: Frappe 16 refuses SQL written as a
	string there ("SQL functions are not allowed as strings") and takes {"SUM": field, "as": alias},
	which Frappe 15 does not know (a dict there means a child query)."""
	if FRAPPE_MAJOR >= 16:
		return {function.upper(): field, "as": alias}
	return f"{function.lower()}({field}) as {alias}"


def check_parent_permission(parent: str | None, child_doctype: str):
	"""A child table is read through a parent the user may read (frappe.client.get_list's own check):
	Frappe 15 has it in frappe.model.db_query, Frappe 16 in has_permission(parent_doctype=...)."""
	if FRAPPE_MAJOR < 16:
		from frappe.model.db_query import check_parent_permission as check

		return check(parent, child_doctype)
	if not parent or not frappe.has_permission(child_doctype, "read", parent_doctype=parent):
		raise frappe.PermissionError


def count_listed(doctype: str, filters=None, parent: str | None = None) -> int:
	"""How many rows frappe.get_list would list to the user, counted by the database under the same
	permission conditions, as Frappe's own reportview.get_count does: get_list(run=0) gives Frappe 15's
	SQL as a string and Frappe 16's query as an object (whose SQL is get_sql())."""
	query = frappe.get_list(
		doctype,
		filters=filters,
		fields=[f"`tab{doctype}`.`name`"],
		parent_doctype=parent,
		order_by=None,
		limit_page_length=0,
		run=0,
	)
	sql = query if isinstance(query, str) else query.get_sql()
	# nosemgrep: frappe-using-db-sql — counts Frappe's own permission-checked list query
	return frappe.db.sql(f"select count(distinct p.name) from ({sql}) p")[0][0]
