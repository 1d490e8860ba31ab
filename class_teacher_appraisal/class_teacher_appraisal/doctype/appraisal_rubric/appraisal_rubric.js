// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

const show_typed_text = () =>
	class_teacher_appraisal.show_as_text({
		"Appraisal Rubric Section": ["section_code", "section_title", "evidence_method"],
		"Appraisal Rubric Criterion": ["criterion_code", "criterion_title", "section_code"],
		"Appraisal Rubric Level": ["criterion_code", "level"],
		"Appraisal Rubric Rater Weight": ["criterion_code"],
		"Appraisal Grade Band": ["grade"],
		"Appraisal Veto Rule": ["rule_code", "rule_title", "incident_types"],
		"Appraisal Flag Rule": ["rule_title", "incident_types"],
	});

frappe.ui.form.on("Appraisal Rubric", {
	setup: show_typed_text,
	onload: show_typed_text,
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
