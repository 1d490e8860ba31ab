// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

// 县级排名: a county term (every school's period of the same dates) ranked county-wide and per
// school. "Recompute the County" queues one recompute per school's period (the long queue's
// workers run them side by side) and shows how many are done.
frappe.query_reports["County Ranking"] = {
	filters: [
		{
			fieldname: "appraisal_period",
			label: __("Appraisal Period"),
			fieldtype: "Link",
			options: "Appraisal Period",
			reqd: 1,
			description: __("Any school's period of the term: every period of its type and dates is ranked"),
		},
		{
			fieldname: "rank_by",
			label: __("Rank By"),
			fieldtype: "Select",
			options: [
				{ value: "Classes", label: __("Classes") },
				{ value: "Class Teachers", label: __("Class Teachers") },
				{ value: "Schools", label: __("Schools") },
			],
			default: "Classes",
		},
		{
			fieldname: "school",
			label: __("School", null, "County Ranking"),
			fieldtype: "Link",
			options: "Appraisal School",
		},
		{
			fieldname: "grade_level",
			label: __("Grade Level"),
			fieldtype: "Select",
			options: class_teacher_appraisal.grade_level_options(),
		},
		{
			fieldname: "include_unapproved",
			label: __("Include Appraisals Not Yet Approved"),
			fieldtype: "Check",
		},
	],
	onload(report) {
		report.page.add_inner_button(__("Recompute the County"), () => recompute_county(report));
		// The latest term of a school, so that the report opens with figures.
		if (report.get_filter_value("appraisal_period")) return;
		if (frappe.utils.get_url_arg("appraisal_period")) return;
		frappe.db
			.get_list("Appraisal Period", {
				fields: ["name"],
				filters: { period_type: "Term", school: ["is", "set"] },
				order_by: "end_date desc, start_date desc",
				limit: 1,
			})
			.then((r) => r.length && report.set_filter_value("appraisal_period", r[0].name));
	},
};

function recompute_county(report) {
	const period = report.get_filter_value("appraisal_period");
	if (!period) {
		frappe.msgprint(__("Choose an appraisal period of the term first."));
		return;
	}
	const title = __("Recomputing the County");
	frappe.confirm(
		__("Recompute the draft appraisals of every school's period of this term? Approved ones stay."),
		() =>
			frappe
				.call({
					method: "class_teacher_appraisal.county.terms.recompute_term",
					type: "POST",
					args: { period },
				})
				.then(({ message }) => {
					const started = message.started_on;
					frappe.show_alert({
						message: __("{0} of {1} schools queued; {2} were already running", [
							message.queued,
							message.periods,
							message.already_running,
						]),
						indicator: "blue",
					});
					const poll = () =>
						frappe
							.call({
								method: "class_teacher_appraisal.county.terms.term_progress",
								type: "GET",
								args: { period, since: started },
							})
							.then(({ message: p }) => {
								frappe.show_progress(
									title,
									p.done,
									p.periods,
									__("{0} recomputed, {1} running", [p.done, p.running])
								);
								if (p.running > 0) {
									setTimeout(poll, 2000);
									return;
								}
								frappe.hide_progress();
								const missing = p.not_recomputed.length;
								frappe.show_alert({
									message: missing
										? __("{0} schools were not recomputed: see the Error Log", [missing])
										: __("Every school is recomputed"),
									indicator: missing ? "orange" : "green",
								});
								report.refresh();
							});
					setTimeout(poll, 1000);
				})
	);
}
