// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

frappe.query_reports["Inspector Consistency"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.get_today(), -3),
			reqd: 1,
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
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
		{
			// points of net result (score less deductions) above or below the other inspectors
			fieldname: "threshold",
			label: __("Lenient or Severe From (Points)"),
			fieldtype: "Float",
			default: 1,
		},
		{
			fieldname: "min_compared",
			label: __("Fewest Inspections to Compare"),
			fieldtype: "Int",
			default: 3,
		},
	],
	onload(report) {
		// The latest term that has inspections, so that the report opens with figures
		// (route filters are still being set when onload runs: read the address too).
		if (frappe.utils.get_url_arg("from_date")) return;
		frappe.db
			.get_list("Appraisal Period", {
				fields: ["start_date", "end_date"],
				filters: {
					period_type: "Term",
					start_date: ["<=", frappe.datetime.get_today()],
				},
				order_by: "start_date desc",
				limit: 1,
			})
			.then((r) => {
				if (!r.length) return;
				report.set_filter_value({ from_date: r[0].start_date, to_date: r[0].end_date });
			});
	},
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "label" && data) {
			const colour = { Lenient: "orange", Severe: "red", "In Line": "green" }[data.label_code];
			// the label is escaped by the server and formatted as text
			if (colour) return `<span class="indicator-pill ${colour}">${value}</span>`;
		}
		return value;
	},
};
