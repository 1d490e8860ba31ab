// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

frappe.ui.form.on("Class Teacher Appraisal", {
	refresh(frm) {
		frm.set_indicator_formatter("criterion_code", (row) =>
			row.needs_input ? "orange" : row.adjustment ? "blue" : "green"
		);
		if (frm.doc.vetoed) {
			frm.dashboard.set_headline_alert(
				`<div class="text-danger">${__("Vetoed: lowest grade.")} ${frappe.utils.escape_html(
					frm.doc.veto_reason || ""
				)}</div>`
			);
		}
	},
});

frappe.ui.form.on("Class Teacher Appraisal Line", {
	manual_points(frm, cdt, cdn) {
		// 0 entered by hand is a score, not an empty line.
		frappe.model.set_value(cdt, cdn, "manual_entered", 1);
	},
});
