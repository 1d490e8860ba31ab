// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

frappe.ui.form.on("Studio Assessment", {
	// Returning needs a reason: asked here and saved before the workflow applies the action.
	before_workflow_action(frm) {
		if (frm.selected_workflow_action !== "Return") return;
		frappe.dom.unfreeze();
		return new Promise((resolve, reject) => {
			frappe.prompt(
				{ fieldname: "reason", fieldtype: "Small Text", label: __("Why is it returned?"), reqd: 1 },
				({ reason }) => {
					frappe.dom.freeze();
					frm.set_value("return_reason", reason);
					frm.save().then(resolve, reject);
				},
				__("Return"),
				__("Return")
			);
		});
	},
});

frappe.ui.form.on("Class Teacher Appraisal Line", {
	manual_points(frm, cdt, cdn) {
		// 0 entered by hand is a score, not an empty line.
		if (frm.doctype === "Studio Assessment") frappe.model.set_value(cdt, cdn, "manual_entered", 1);
	},
});
