"""Two files for scripts/restore-check --sample-files (scripts/test runs it on the browser tests'
site, which has no files of its own): one public and one private, of fresh random content, so that
a restore that loses the files is found out. Removed again afterwards, leaving no trace."""

import secrets

import frappe

NAMES = {0: "restore-check-public.txt", 1: "restore-check-private.txt"}


def add() -> list[str]:
	"""Adds the two files (replacing any left by an interrupted run); their URLs."""
	remove()
	urls = []
	for is_private, file_name in NAMES.items():
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": file_name,
				"is_private": is_private,
				"content": f"restore check {secrets.token_hex(16)}\n",
			}
		).insert(ignore_permissions=True)
		urls.append(file.file_url)
	frappe.db.commit()  # nosemgrep: frappe-manual-commit — called from bench execute, which does not commit
	return urls


def remove() -> int:
	"""Deletes the files for good (no Deleted Document, the content off the disk); how many."""
	names = frappe.get_all(
		"File", filters={"file_name": ("in", list(NAMES.values())), "is_folder": 0}, pluck="name"
	)
	for name in names:
		frappe.delete_doc("File", name, ignore_permissions=True, delete_permanently=True)
	frappe.db.commit()  # nosemgrep: frappe-manual-commit — called from bench execute, which does not commit
	return len(names)
