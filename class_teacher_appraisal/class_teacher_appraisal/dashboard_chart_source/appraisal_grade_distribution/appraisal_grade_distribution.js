// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Appraisal Grade Distribution"] = {
	method: "class_teacher_appraisal.class_teacher_appraisal.dashboard_chart_source.appraisal_grade_distribution.appraisal_grade_distribution.get",
	filters: [
		{
			fieldname: "appraisal_period",
			label: __("Appraisal Period"),
			fieldtype: "Link",
			options: "Appraisal Period",
			description: __("Empty: the latest period with appraisals"),
		},
	],
};
