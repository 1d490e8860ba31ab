// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

frappe.query_reports["Appraisal Ranking"] = {
	filters: [
		{
			fieldname: "appraisal_period",
			label: __("Appraisal Period"),
			fieldtype: "Link",
			options: "Appraisal Period",
			reqd: 1,
		},
		{
			fieldname: "grade_level",
			label: __("Grade Level"),
			fieldtype: "Select",
			options: class_teacher_appraisal.grade_level_options(),
		},
		{
			fieldname: "honours_count",
			label: __("Honours (Top N)"),
			fieldtype: "Int",
			default: 10,
		},
	],
	onload(report) {
		// The latest period, so that the report opens with figures.
		// (route filters are still being set when onload runs: read the address too)
		if (report.get_filter_value("appraisal_period")) return;
		if (frappe.utils.get_url_arg("appraisal_period")) return;
		frappe.db
			.get_list("Appraisal Period", {
				fields: ["name"],
				order_by: "end_date desc, start_date desc",
				limit: 1,
			})
			.then((r) => r.length && report.set_filter_value("appraisal_period", r[0].name));
	},
	formatter(value, row, column, data, default_formatter) {
		// Text cells come escaped from the server. A link the user may not open is written as
		// its title (e.g. a class's name), which Frappe leaves unescaped.
		if (column.fieldtype === "Link" && value && !frappe.model.can_read(column.options)) {
			const title = frappe.utils.get_link_title(column.options, value);
			return frappe.utils.escape_html(title || value);
		}
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "honour" && data && data.honour) {
			return `<span class="indicator-pill green">${value}</span>`;
		}
		if (column.fieldname === "remark" && data && data.remark) {
			return `<span class="text-danger">${value}</span>`;
		}
		return value;
	},
};
