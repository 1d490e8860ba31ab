// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

frappe.ui.form.on("Inspection Item", {
	scoring_method(frm) {
		if (frm.doc.scoring_method === "Incident Count") frm.set_value("max_score", 0);
	},
});
