// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

frappe.query_reports["Inspection Coverage"] = {
	filters: [
		{
			fieldname: "date",
			label: __("Date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
		{
			fieldname: "inspection_item",
			label: __("Inspection Item"),
			fieldtype: "Link",
			options: "Inspection Item",
		},
		{ fieldname: "grade_level", label: __("Grade Level"), fieldtype: "Int" },
		{ fieldname: "show_inspected", label: __("Show Inspected Classes Too"), fieldtype: "Check" },
	],
	formatter(value, row, column, data, default_formatter) {
		// Text cells come escaped from the server. A link the user may not open is written as
		// its title (e.g. a class's name), which Frappe leaves unescaped.
		if (column.fieldtype === "Link" && value && !frappe.model.can_read(column.options)) {
			const title = frappe.utils.get_link_title(column.options, value);
			return frappe.utils.escape_html(title || value);
		}
		value = default_formatter(value, row, column, data);
		// what is missing in red, what waits to be submitted (confirmed) in orange
		const css = {
			"Not Inspected": "text-danger",
			"Nobody Assigned": "text-danger",
			"Recorded, Not Submitted": "text-warning",
		}[column.fieldname === "status" && data ? data.status_code : ""];
		if (css) return `<span class="${css}">${value}</span>`;
		return value;
	},
};
