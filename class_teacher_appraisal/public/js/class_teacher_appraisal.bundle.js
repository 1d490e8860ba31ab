// Shared by the app's form scripts (loaded on every Desk page through hooks.app_include_js).
frappe.provide("class_teacher_appraisal");

// Frappe writes grid cells and read-only text fields into the page as HTML (only a Data field's
// own control escapes its value): here what users typed is shown as text.
// fields: {doctype: [fieldname, ...]} of the form and its child tables.
class_teacher_appraisal.show_as_text = function (fields) {
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
};
