// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

const show_typed_text = () =>
	class_teacher_appraisal.show_as_text({
		"Appraisal Rating": ["comment"],
		"Appraisal Rating Score": ["criterion_code", "criterion_title"],
	});

frappe.ui.form.on("Appraisal Rating", {
	onload: show_typed_text,
	setup(frm) {
		show_typed_text();
		frm.set_query("appraisal", () => ({ filters: { docstatus: 0 } }));
	},
});
