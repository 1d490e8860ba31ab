// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

frappe.query_reports["Teacher History"] = {
	filters: [
		{
			fieldname: "class_teacher",
			label: __("Class Teacher"),
			fieldtype: "Link",
			options: "User",
			default: frappe.session.user,
			reqd: 1,
		},
		{
			fieldname: "period_type",
			label: __("Period Type"),
			fieldtype: "Select",
			options: ["", "Week", "Month", "Term", "Year"].map((value) => ({
				value,
				label: value ? __(value) : "",
			})),
		},
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date" },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date" },
	],
	onload(report) {
		return class_teacher_appraisal.person_filters_ready(report, ["class_teacher"]);
	},
	formatter(value, row, column, data, default_formatter) {
		// Text cells come escaped from the server. A link the user may not open is written as
		// its title (e.g. a class's name), which Frappe leaves unescaped.
		if (column.fieldtype === "Link" && value && !frappe.model.can_read(column.options)) {
			const title = frappe.utils.get_link_title(column.options, value);
			return frappe.utils.escape_html(title || value);
		}
		return default_formatter(value, row, column, data);
	},
};
