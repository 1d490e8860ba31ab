// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

frappe.query_reports["Studio Archive"] = {
	filters: [
		{ fieldname: "studio", label: __("Studio"), fieldtype: "Link", options: "Class Teacher Studio" },
		{ fieldname: "academic_year", label: __("Academic Year"), fieldtype: "Data" },
		{ fieldname: "from_date", label: __("From"), fieldtype: "Date" },
		{ fieldname: "to_date", label: __("To"), fieldtype: "Date" },
	],
	initial_depth: 2,
	onload(report) {
		// The user's first studio, so that the report opens on one studio.
		if (report.get_filter_value("studio") || frappe.utils.get_url_arg("studio")) return;
		frappe.db
			.get_list("Class Teacher Studio", { fields: ["name"], order_by: "name asc", limit: 1 })
			.then((r) => r.length && report.set_filter_value("studio", r[0].name));
	},
	formatter(value, row, column, data, default_formatter) {
		// Text cells come escaped from the server; a file's address opens the file.
		if (column.fieldname === "file_url" && value) {
			const url = String(value);
			if (url.startsWith("/files/") || url.startsWith("/private/files/")) {
				return `<a href="${url}" target="_blank" rel="noopener">${url}</a>`;
			}
			return url;
		}
		value = default_formatter(value, row, column, data);
		if (data && data.is_group && column.fieldname === "category") {
			return `<b>${value}</b>`;
		}
		return value;
	},
};
