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
};
