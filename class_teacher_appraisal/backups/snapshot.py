"""What a restore must reproduce (scripts/restore-check, `bench --site <site> cta-snapshot`): every
Class Teacher Appraisal with every field and child table (total, grade, workflow state, lines,
part subtotals ...), the number of records of each of the app's DocTypes and of the documents'
history, and every attached file with the hash of its content on disk. Read set-based: one query
per table."""

import datetime
import decimal
import hashlib
import os

import frappe
from frappe.query_builder.functions import Count

from class_teacher_appraisal.names import APPRAISAL

APP = "class_teacher_appraisal"
# Frappe's own records that belong to the app's documents: their history, comments, open workflow
# actions and attachments.
FRAMEWORK_DOCTYPES = ("Version", "Comment", "Workflow Action", "File")


def take() -> dict:
	"""The snapshot of the connected site (compare.py compares two)."""
	return {
		"site": frappe.local.site,
		"taken_at": frappe.utils.now(),
		"appraisals": appraisals(),
		"record_counts": record_counts(),
		"files": files(),
	}


def appraisals() -> dict:
	"""Every appraisal: its fields and, per child table, its rows in order."""
	table = frappe.qb.DocType(APPRAISAL)
	found = {
		row["name"]: {"fields": _plain(row), "tables": {}}
		for row in frappe.qb.from_(table).select(table.star).orderby(table.name).run(as_dict=True)
	}
	for df in frappe.get_meta(APPRAISAL).get_table_fields():
		child = frappe.qb.DocType(df.options)
		rows = (
			frappe.qb.from_(child)
			.select(child.star)
			.where((child.parenttype == APPRAISAL) & (child.parentfield == df.fieldname))
			.orderby(child.parent)
			.orderby(child.idx)
			.run(as_dict=True)
		)
		for appraisal in found.values():
			appraisal["tables"][df.fieldname] = []
		for row in rows:
			if row["parent"] in found:
				found[row["parent"]]["tables"][df.fieldname].append(_plain(row))
	return found


def record_counts() -> dict:
	"""The number of records of each of the app's DocTypes (tables, not singles or virtual ones),
	and of FRAMEWORK_DOCTYPES."""
	modules = frappe.get_module_list(APP)
	doctypes = frappe.get_all(
		"DocType", filters={"module": ("in", modules), "issingle": 0, "is_virtual": 0}, pluck="name"
	)
	counts = {}
	for doctype in sorted({*doctypes, *FRAMEWORK_DOCTYPES}):
		table = frappe.qb.DocType(doctype)
		counts[doctype] = frappe.qb.from_(table).select(Count("*")).run()[0][0]
	return counts


def files() -> dict:
	"""Every File record that is not a folder: its URL and flags, and the size and SHA-1 of the
	file on disk (None when it is not there)."""
	table = frappe.qb.DocType("File")
	rows = (
		frappe.qb.from_(table)
		.select(table.name, table.file_url, table.is_private, table.content_hash)
		.where(table.is_folder == 0)
		.run(as_dict=True)
	)
	found = {}
	for row in rows:
		path = _local_path(row["file_url"])
		size, sha1 = None, None
		if path and os.path.isfile(path):
			size, sha1 = os.path.getsize(path), _sha1(path)
		found[row["name"]] = {
			"file_url": row["file_url"],
			"is_private": row["is_private"],
			"content_hash": row["content_hash"],
			"size": size,
			"sha1": sha1,
		}
	return found


def _local_path(file_url: str | None) -> str | None:
	"""Where a file of this site lies on disk (/files/x in public/files, /private/files/x in
	private/files); None for a link to elsewhere."""
	if not file_url:
		return None
	if file_url.startswith("/private/files/"):
		return frappe.get_site_path("private", "files", file_url[len("/private/files/") :])
	if file_url.startswith("/files/"):
		return frappe.get_site_path("public", "files", file_url[len("/files/") :])
	return None


def _sha1(path: str) -> str:
	digest = hashlib.sha1()
	with open(path, "rb") as f:
		for chunk in iter(lambda: f.read(1 << 20), b""):
			digest.update(chunk)
	return digest.hexdigest()


def _plain(row: dict) -> dict:
	"""A row as JSON keeps it: dates and times as ISO text, decimals as floats."""
	return {key: _plain_value(value) for key, value in row.items()}


def _plain_value(value):
	if isinstance(value, datetime.datetime | datetime.date | datetime.time):
		return value.isoformat()
	if isinstance(value, datetime.timedelta):
		return str(value)
	if isinstance(value, decimal.Decimal):
		return float(value)
	if isinstance(value, bytes):
		return value.decode("utf-8", "replace")
	return value
