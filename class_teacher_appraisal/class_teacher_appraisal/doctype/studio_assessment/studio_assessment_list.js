// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

frappe.listview_settings["Studio Assessment"] = {
	onload(listview) {
		// The office, or a studio's host: one draft per member of the studio during the year.
		listview.page.add_inner_button(__("Generate Studio Assessments"), () => {
			frappe.prompt(
				[
					{ fieldname: "studio", fieldtype: "Link", options: "Class Teacher Studio", label: __("Studio"), reqd: 1 },
					{
						fieldname: "appraisal_period",
						fieldtype: "Link",
						options: "Appraisal Period",
						label: __("Year"),
						reqd: 1,
						get_query: () => ({ filters: { period_type: "Year" } }),
					},
				],
				(values) =>
					frappe
						.call({
							method: "class_teacher_appraisal.studios.assessments.generate_studio_assessments",
							args: values,
							freeze: true,
						})
						.then(() => listview.refresh()),
				__("Generate Studio Assessments"),
				__("Generate")
			);
		});
	},
};
