// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

// A duty teacher or pupil monitor opens today's round from the list: the new round's form asks the
// duty roster for the day's items and classes (inspection_round.js, my_round).
frappe.listview_settings["Inspection Round"] = {
	onload(listview) {
		if (!frappe.model.can_create("Inspection Round")) return;
		listview.page.add_inner_button(__("My Round Today"), () => {
			frappe.flags.cta_my_round = true;
			frappe.new_doc("Inspection Round");
		});
	},
};
