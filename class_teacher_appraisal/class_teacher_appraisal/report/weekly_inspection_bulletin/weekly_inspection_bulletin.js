// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

frappe.query_reports["Weekly Inspection Bulletin"] = {
	filters: [
		{
			fieldname: "week",
			label: __("Week Of"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
		{
			// Whose red flags the week shows (its academic year's classes, its eligibility rules).
			// Empty: the period the week's flags were published for, else the longest one.
			fieldname: "appraisal_period",
			label: __("Appraisal Period"),
			fieldtype: "Link",
			options: "Appraisal Period",
		},
		{
			fieldname: "grade_level",
			label: __("Grade Level"),
			fieldtype: "Select",
			options: class_teacher_appraisal.grade_level_options(),
		},
		{
			fieldname: "inspection_item",
			label: __("Inspection Item"),
			fieldtype: "Link",
			options: "Inspection Item",
		},
	],
	formatter(value, row, column, data, default_formatter) {
		// Text cells come escaped from the server. A link the user may not open is written as
		// its title (e.g. a class's name), which Frappe leaves unescaped.
		if (column.fieldtype === "Link" && value && !frappe.model.can_read(column.options)) {
			const title = frappe.utils.get_link_title(column.options, value);
			return frappe.utils.escape_html(title || value);
		}
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "change" && data && data.change) {
			return `<span class="${
				data.change > 0 ? "text-success" : "text-danger"
			}">${value}</span>`;
		}
		if (column.fieldname === "red_flags" && data && data.red_flags > 0) {
			return `<span class="text-danger">⚑ ${value}</span>`;
		}
		return value;
	},
};
