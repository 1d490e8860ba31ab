// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

// Frappe writes grid cells and read-only text fields into the page as HTML (only a Data field's
// own control escapes its value): here what users typed is shown as text.
function show_as_text(fields) {
	const as_text = (value, df, options) =>
		df && df.fieldtype === "Data" && options && options.inline
			? value // a Data field's control has escaped it already
			: frappe.utils
					.escape_html(value == null ? "" : String(value))
					.replace(/&lt;br&gt;|\n/g, "<br>");
	for (const [doctype, fieldnames] of Object.entries(fields)) {
		// the doctype's fields, and the copies already made of them for documents and rows
		const copies = Object.values(frappe.meta.docfield_copy[doctype] || {});
		for (const docfields of [frappe.meta.docfield_map[doctype] || {}, ...copies]) {
			for (const fieldname of fieldnames) {
				if (docfields[fieldname]) docfields[fieldname].formatter = as_text;
			}
		}
	}
}

const show_typed_text = () =>
	show_as_text({
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
