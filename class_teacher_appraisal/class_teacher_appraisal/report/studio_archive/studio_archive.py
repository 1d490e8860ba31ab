# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

"""A studio's archive (seed 004, 档案管理制度): its submitted activities and its members' confirmed
outputs in the seed's archive categories (plans and summaries, charter and duties, research,
achievements, others: the Activity Kind's archive category), each with the files attached to it.
Everything is read through frappe.get_list, so each user sees what they may read: a member their
own studio's activities and their own outputs, a host also the members' outputs, the office and
the principal everything."""

import re
from datetime import date

import frappe
from frappe import _
from frappe.utils import flt, getdate

from class_teacher_appraisal import compat, html_text
from class_teacher_appraisal.names import ACTIVITY, ACTIVITY_KIND, STUDIO, STUDIO_ACTIVITY
from class_teacher_appraisal.reports import column

CATEGORIES = ("Plans and Summaries", "Charter and Duties", "Research", "Achievements", "Others")
OTHERS = "Others"
YEAR = re.compile(r"^\s*(\d{4})\s*[-–/]\s*(\d{4})\s*$")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	studios = visible_studios(filters)
	start, end = date_range(filters)
	if not studios:
		return html_text.report(columns(), [], _("You have no place in a studio."))
	records = studio_activities(studios, start, end) + outputs(studios, start, end)
	files = files_of(records)
	rows = grouped(records, files)
	return html_text.report(columns(), rows, None, None, summary(records, files))


def visible_studios(filters) -> list[str]:
	"""The studio asked for, if the user may read it; else every studio the user may read."""
	if filters.get("studio"):
		if not frappe.db.exists(STUDIO, filters.studio):
			frappe.throw(_("Studio {0} does not exist.").format(html_text.text(filters.studio)))
		frappe.has_permission(STUDIO, "read", filters.studio, throw=True)
		return [filters.studio]
	return frappe.get_list(STUDIO, pluck="name", order_by="name")


def date_range(filters) -> tuple[date | None, date | None]:
	"""An academic year (2025-2026: 1 September to 31 August), or the from and to dates."""
	if filters.get("academic_year"):
		found = YEAR.match(str(filters.academic_year))
		if not found or int(found.group(2)) != int(found.group(1)) + 1:
			frappe.throw(
				_("Write the academic year as 2025-2026, not {0}.").format(
					html_text.text(filters.academic_year)
				)
			)
		first = int(found.group(1))
		return date(first, 9, 1), date(first + 1, 8, 31)
	start = getdate(filters.from_date) if filters.get("from_date") else None
	end = getdate(filters.to_date) if filters.get("to_date") else None
	if start and end and end < start:
		frappe.throw(_("The end of the range is before its start."))
	return start, end


def dated(filters: dict, field: str, start, end) -> dict:
	if start and end:
		filters[field] = ["between", [start, end]]
	elif start:
		filters[field] = [">=", start]
	elif end:
		filters[field] = ["<=", end]
	return filters


def category_of_kinds() -> dict[str, str]:
	return {
		k.name: k.get("archive_category") or OTHERS
		for k in frappe.get_all(ACTIVITY_KIND, fields=["name", "archive_category"])
	}


def studio_activities(studios, start, end) -> list[frappe._dict]:
	rows = frappe.get_list(
		STUDIO_ACTIVITY,
		filters=dated({"studio": ["in", studios], "docstatus": 1}, "activity_date", start, end),
		fields=["name", "studio", "activity_kind", "title", "activity_date", "level", "hours"],
		order_by="activity_date, name",
	)
	present = dict(
		frappe.get_all(
			"Studio Attendance",
			filters={
				"parenttype": STUDIO_ACTIVITY,
				"parent": ["in", [r.name for r in rows] or [""]],
				"present": 1,
			},
			fields=["parent", compat.aggregate("count", "name", "n")],
			group_by="parent",
			as_list=True,
		)
	)
	for r in rows:
		r.update(doctype=STUDIO_ACTIVITY, source=_("Studio Activity"), attendance=present.get(r.name, 0))
	return rows


def outputs(studios, start, end) -> list[frappe._dict]:
	"""Members' confirmed outputs for the studios (Appraisal Activity with the studio)."""
	rows = frappe.get_list(
		ACTIVITY,
		filters=dated({"studio": ["in", studios], "docstatus": 1}, "activity_date", start, end),
		fields=[
			"name",
			"studio",
			"activity_kind",
			"title",
			"activity_date",
			"level",
			"hours",
			"person",
			"published_in",
		],
		order_by="activity_date, name",
	)
	names = dict(
		frappe.get_all(
			"User",
			filters={"name": ["in", list({r.person for r in rows}) or [""]]},
			fields=["name", "full_name"],
			as_list=True,
		)
	)
	for r in rows:
		r.update(doctype=ACTIVITY, source=_("Member's Output"), person_name=names.get(r.person) or r.person)
	return rows


def files_of(records) -> dict[tuple, list]:
	"""The files attached to the records, as far as the user may list them."""
	found = {}
	for doctype in (STUDIO_ACTIVITY, ACTIVITY):
		names = [r.name for r in records if r.doctype == doctype]
		if not names:
			continue
		for f in frappe.get_list(
			"File",
			filters={"attached_to_doctype": doctype, "attached_to_name": ["in", names], "is_folder": 0},
			fields=["name", "file_name", "file_url", "attached_to_doctype", "attached_to_name"],
			order_by="creation",
		):
			found.setdefault((f.attached_to_doctype, f.attached_to_name), []).append(f)
	return found


def grouped(records, files) -> list[dict]:
	"""A heading per archive category (in the seed's order), its records by date, their files."""
	kinds = category_of_kinds()
	rows = []
	for category in CATEGORIES:
		mine = [r for r in records if kinds.get(r.activity_kind, OTHERS) == category]
		if not mine:
			continue
		rows.append(
			{"category": _(category), "title": _("{0} records").format(len(mine)), "indent": 0, "is_group": 1}
		)
		for r in sorted(mine, key=lambda r: (getdate(r.activity_date), r.name)):
			rows.append(
				{
					"category": _(category),
					"activity_date": r.activity_date,
					"source": r.source,
					"record_type": r.doctype,
					"record": r.name,
					"title": r.title,
					"studio": r.studio,
					"activity_kind": r.activity_kind,
					"person_name": r.get("person_name"),
					"level": r.level,
					"hours": flt(r.hours) or None,
					"attendance": r.get("attendance"),
					"published_in": r.get("published_in"),
					"indent": 1,
				}
			)
			for f in files.get((r.doctype, r.name), []):
				rows.append(
					{
						"category": _(category),
						"source": _("File"),
						"record_type": "File",
						"record": f.name,
						"title": f.file_name,
						"file_url": f.file_url,
						"indent": 2,
					}
				)
	return rows


def summary(records, files) -> list[dict]:
	activities = [r for r in records if r.doctype == STUDIO_ACTIVITY]
	return [
		{"label": _("Studio Activities"), "value": len(activities), "datatype": "Int"},
		{"label": _("Members' Outputs"), "value": len(records) - len(activities), "datatype": "Int"},
		{"label": _("Class Hours"), "value": sum(flt(r.hours) for r in activities), "datatype": "Float"},
		{"label": _("Files"), "value": sum(len(f) for f in files.values()), "datatype": "Int"},
	]


def columns() -> list[dict]:
	return [
		column(_("Archive Category"), "category", "Data", 130),
		column(_("Title"), "title", "Data", 220),
		column(_("Date"), "activity_date", "Date", 95),
		column(_("Record"), "record", "Dynamic Link", 140, options="record_type"),
		column(_("Source"), "source", "Data", 110),
		column(_("Activity Kind"), "activity_kind", "Link", 110, options=ACTIVITY_KIND),
		column(_("Person"), "person_name", "Data", 90),
		column(_("Level"), "level", "Data", 70),
		column(_("Class Hours"), "hours", "Float", 80),
		column(_("Attended"), "attendance", "Int", 80),
		column(_("Published or Awarded Where"), "published_in", "Data", 160),
		column(_("File"), "file_url", "Data", 200),
		column(_("Studio"), "studio", "Link", 160, options=STUDIO),
		column(_("Record Type"), "record_type", "Data", 10, hidden=1),
	]
