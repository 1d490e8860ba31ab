// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

frappe.query_reports["Quota Progress"] = {
	filters: [
		{
			fieldname: "appraisal_period",
			label: __("Appraisal Period"),
			fieldtype: "Link",
			options: "Appraisal Period",
			reqd: 1,
		},
		{ fieldname: "class_record", label: __("Class"), fieldtype: "Link", options: "Class Record" },
		{ fieldname: "class_teacher", label: __("Class Teacher"), fieldtype: "Link", options: "User" },
		{ fieldname: "only_missing", label: __("Only What Is Missing"), fieldtype: "Check" },
	],
	onload(report) {
		const names = class_teacher_appraisal.person_filters_ready(report, ["class_teacher"]);
		// The latest period, so that the report opens with figures.
		if (report.get_filter_value("appraisal_period")) return names;
		if (frappe.utils.get_url_arg("appraisal_period")) return names;
		frappe.db
			.get_list("Appraisal Period", {
				fields: ["name"],
				order_by: "end_date desc, start_date desc",
				limit: 1,
			})
			.then((r) => r.length && report.set_filter_value("appraisal_period", r[0].name));
		return names;
	},
	formatter(value, row, column, data, default_formatter) {
		// Text cells come escaped from the server; the records behind a count open as a list.
		if (column.fieldname === "records" && data && data.record_names && data.record_names.length) {
			const filter = encodeURIComponent(JSON.stringify(["in", data.record_names]));
			return `<a href="${class_teacher_appraisal.desk_url("appraisal-activity")}?name=${filter}">${value}</a>`;
		}
		if (column.fieldtype === "Link" && value && !frappe.model.can_read(column.options)) {
			const title = frappe.utils.get_link_title(column.options, value);
			return frappe.utils.escape_html(title || value);
		}
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "missing" && data && data.missing > 0) {
			return `<span class="text-danger">${value}</span>`;
		}
		return value;
	},
};
