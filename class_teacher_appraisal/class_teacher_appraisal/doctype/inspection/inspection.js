// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

frappe.ui.form.on("Inspection", {
	setup(frm) {
		frm.set_query("class_record", () => ({ filters: { is_active: 1 } }));
		frm.set_query("inspection_item", () => ({ filters: { is_active: 1 } }));
	},
	refresh(frm) {
		frm.trigger("inspection_item");
	},
	inspection_item(frm) {
		if (!frm.doc.inspection_item) return;
		frappe.db.get_doc("Inspection Item", frm.doc.inspection_item).then((item) => {
			frm.set_df_property(
				"level",
				"options",
				(item.levels || []).map((row) => row.level)
			);
			frm.set_df_property(
				"score",
				"description",
				__("Out of {0}", [item.max_score])
			);
			frm.fields_dict.incidents.grid.update_docfield_property(
				"incident_type",
				"options",
				(item.incident_types || []).map((row) => row.incident_type).join("\n")
			);
		});
	},
});
