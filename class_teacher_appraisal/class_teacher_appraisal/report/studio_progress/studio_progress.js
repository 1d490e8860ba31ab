// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

frappe.query_reports["Studio Progress"] = {
	filters: [
		{
			fieldname: "appraisal_period",
			label: __("Appraisal Period"),
			fieldtype: "Link",
			options: "Appraisal Period",
			reqd: 1,
		},
		{ fieldname: "studio", label: __("Studio"), fieldtype: "Link", options: "Class Teacher Studio" },
		{ fieldname: "member", label: __("Member"), fieldtype: "Link", options: "User" },
		{ fieldname: "only_missing", label: __("Only What Is Missing"), fieldtype: "Check" },
	],
	onload(report) {
		const names = class_teacher_appraisal.person_filters_ready(report, ["member"]);
		// The latest year, so that the report opens with figures.
		if (report.get_filter_value("appraisal_period")) return names;
		if (frappe.utils.get_url_arg("appraisal_period")) return names;
		frappe.db
			.get_list("Appraisal Period", {
				fields: ["name"],
				filters: { period_type: "Year" },
				order_by: "end_date desc",
				limit: 1,
			})
			.then((r) => r.length && report.set_filter_value("appraisal_period", r[0].name));
		return names;
	},
	formatter(value, row, column, data, default_formatter) {
		// Text cells come escaped from the server; the records behind a count open as a list.
		const lists = { records: "appraisal-activity", studio_records: "studio-activity" };
		const names = data && (column.fieldname === "records" ? data.record_names : data.studio_record_names);
		if (lists[column.fieldname] && names && names.length) {
			const filter = encodeURIComponent(JSON.stringify(["in", names]));
			return `<a href="${class_teacher_appraisal.desk_url(lists[column.fieldname])}?name=${filter}">${value}</a>`;
		}
		if (column.fieldname === "member" && value && data && data.member_name) {
			return frappe.utils.escape_html(data.member_name); // the person by name, not their user id
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
