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
	scoring_method(frm) {
		if (frm.doc.scoring_method === "Incident Count") frm.set_value("max_score", 0);
	},
});
