// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

const show_typed_text = () =>
	class_teacher_appraisal.show_as_text({
		"Inspection Item Level": ["level"],
		"Inspection Item Incident Type": ["incident_type"],
	});

frappe.ui.form.on("Inspection Item", {
	setup: show_typed_text,
	onload: show_typed_text,
	refresh(frm) {
		// the item's QR codes, one per active class (class_teacher_appraisal.inspection_qr)
		if (frm.is_new() || !frm.doc.is_active) return;
		if (!frappe.user.has_role(["Duty Inspector", "Academic Office", "System Manager"])) return;
		frm.add_custom_button(__("QR Sheet"), () =>
			window.open(
				"/api/method/class_teacher_appraisal.inspection_qr.sheet?" +
					new URLSearchParams({ inspection_item: frm.doc.name, pdf: 1 })
			)
		);
	},
	scoring_method(frm) {
		if (frm.doc.scoring_method === "Incident Count") frm.set_value("max_score", 0);
	},
});
