// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

// An item's levels and incident types as choices: the list shows labels as HTML.
function choices(names) {
	return names.map((name) => ({
		value: name,
		label: /[<>]/.test(name) ? frappe.utils.escape_html(name) : name,
	}));
}

const show_typed_text = () =>
	class_teacher_appraisal.show_as_text({
		Inspection: ["level", "remarks"],
		"Inspection Incident": ["incident_type", "reason"],
		"Inspection Photo": ["caption"],
	});

frappe.ui.form.on("Inspection", {
	onload: show_typed_text,
	setup(frm) {
		show_typed_text();
		frm.set_query("class_record", () => ({ filters: { is_active: 1 } }));
		// a pupil monitor picks a class by its name only (select permission): the server fills in
		// the class's details on saving
		if (!frappe.model.can_read("Class Record")) delete (frm.fetch_dict.Inspection || {}).class_record;
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
				choices((item.levels || []).map((row) => row.level))
			);
			frm.set_df_property(
				"score",
				"description",
				__("Out of {0}", [item.max_score])
			);
			frm.fields_dict.incidents.grid.update_docfield_property(
				"incident_type",
				"options",
				choices((item.incident_types || []).map((row) => row.incident_type))
			);
		});
	},
});
