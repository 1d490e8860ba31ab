"""/scoreboard: the hall scoreboard (scoreboard/board.py), a page of its own for a big screen or a
phone, with no header or footer of the website and nothing fetched from outside the site. Not
found while the school has not switched it on; rendered on every request (Frappe's page cache would
keep it after it is switched off), from the board cached in Redis."""

import json
from urllib.parse import urlencode

import frappe

from class_teacher_appraisal.scoreboard import board

no_cache = 1
sitemap = 0


def get_context(context):
	school = frappe.form_dict.get("school")  # a county site: one school's hall
	found = board.get(school)
	if found is None:
		# not found, and not remembered as not found: Frappe would keep answering 404 from its cache
		# (website_404) after the school switches the board on
		frappe.local.no_cache = 1
		raise frappe.PageDoesNotExistError
	context.board = found
	context.board_json = script_json(found)
	context.endpoint = board.ENDPOINT + (f"?{urlencode({'school': school})}" if school else "")
	context.lang = frappe.local.lang or "zh"
	return context


def script_json(value) -> str:
	"""JSON that can stand inside a <script> element: <, > and & written as escapes, so no text of
	the board (class names are typed by the school) can end the element or start a tag."""
	text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
	return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
