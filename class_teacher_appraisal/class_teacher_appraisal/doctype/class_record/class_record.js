// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

frappe.ui.form.on("Class Record", {
	refresh(frm) {
		frm.set_query("class_teacher", () => ({ filters: { enabled: 1, user_type: "System User" } }));
		frm.set_query("deputy_teacher", () => ({ filters: { enabled: 1, user_type: "System User" } }));
		frm.set_query("teacher", "assignments", () => ({
			filters: { enabled: 1, user_type: "System User" },
		}));
	},
});
