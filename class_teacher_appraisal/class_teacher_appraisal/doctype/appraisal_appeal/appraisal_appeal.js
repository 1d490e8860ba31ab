// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

const show_typed_text = () =>
	class_teacher_appraisal.show_as_text({
		"Appraisal Appeal": ["reason", "decision"],
		"Appraisal Appeal Line": ["criterion_code", "criterion_title", "reason"],
	});

frappe.ui.form.on("Appraisal Appeal", {
	onload: show_typed_text,
	setup(frm) {
		show_typed_text();
		frm.set_query("appraisal", () => ({ filters: { docstatus: 1 } }));
	},
	refresh(frm) {
		if (frm.is_new() || frm.doc.status !== "Open") return;
		if (!frappe.user.has_role(["Academic Office", "System Manager"])) return;
		frm.add_custom_button(__("Accept and Amend"), () =>
			frappe.prompt(
				{ fieldname: "decision", fieldtype: "Small Text", label: __("Decision") },
				({ decision }) =>
					frm.call("accept", { decision }).then((r) => frappe.set_route("Form", "Class Teacher Appraisal", r.message)),
				__("Accept the Appeal")
			)
		);
		frm.add_custom_button(__("Reject"), () =>
			frappe.prompt(
				{ fieldname: "decision", fieldtype: "Small Text", label: __("Why is it rejected?"), reqd: 1 },
				({ decision }) => frm.call("reject", { decision }).then(() => frm.reload_doc()),
				__("Reject the Appeal")
			)
		);
	},
	appraisal(frm) {
		if (!frm.doc.appraisal) return;
		frappe.db.get_doc("Class Teacher Appraisal", frm.doc.appraisal).then((a) => {
			frm.set_df_property("lines", "description", __("Codes: {0}", [a.lines.map((l) => frappe.utils.escape_html(l.criterion_code)).join(", ")]));
		});
	},
});
