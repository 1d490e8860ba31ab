# Copyright (c) 2026, class_teacher_appraisal maintainers
# For license information, please see license.txt

import frappe

from class_teacher_appraisal import dashboard


@frappe.whitelist()
@frappe.read_only()
def get(
	chart_name: str | None = None,
	chart: str | dict | None = None,
	no_cache: int | None = None,
	filters: str | dict | None = None,
	from_date: str | None = None,
	to_date: str | None = None,
	timespan: str | None = None,
	time_interval: str | None = None,
	heatmap_year: str | None = None,
	refresh: int | None = None,
) -> dict:
	"""The chart widget's call (it sends every argument above; only the filters matter here).
	Not cached: the figures depend on who asks."""
	return dashboard.points_by_part(filters)
