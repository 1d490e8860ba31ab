// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

frappe.ui.form.on("Appraisal Rubric", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("New Version"), () =>
			frappe
				.call(
					"class_teacher_appraisal.class_teacher_appraisal.doctype.appraisal_rubric.appraisal_rubric.make_new_version",
					{ rubric: frm.doc.name }
				)
				.then((r) => frappe.set_route("Form", "Appraisal Rubric", r.message))
		);
		if (frm.doc.previous_version) {
			frm.set_intro(__("Version {0}; earlier appraisals keep the version they were scored with.", [frm.doc.version]));
		}
	},
});
