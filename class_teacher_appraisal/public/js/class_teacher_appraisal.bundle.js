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

// Grade levels 1 … 12 as the options of a Select filter, each shown by its name in the reader's
// language (一年级 … 九年级, 高一 … 高三; "Grade 1" … in English) with the number as its value.
class_teacher_appraisal.grade_level_options = function () {
	// the stored grade names (utils.GRADE_NAMES), which zh.csv translates
	const names = ["Grade 1", "Grade 2", "Grade 3", "Grade 4", "Grade 5", "Grade 6"];
	names.push("Grade 7", "Grade 8", "Grade 9", "Grade 10", "Grade 11", "Grade 12");
	const grades = names.map((name, i) => ({ value: String(i + 1), label: __(name) }));
	return [{ value: "", label: "" }, ...grades];
};

// A report filter that links to a person shows their name (people's names in link fields), which
// its box gets from the server a moment after its value, while the report reads the box: a report's
// onload returns this promise so that its first run waits for the names.
class_teacher_appraisal.person_filters_ready = function (report, fieldnames) {
	return Promise.all(
		fieldnames.map((fieldname) => {
			const filter = report.get_filter(fieldname);
			const user = filter && filter.value;
			if (!user || frappe.utils.get_link_title("User", user)) return null;
			return frappe.utils
				.fetch_link_title("User", user)
				.then(() => filter.set_formatted_input(user));
		})
	);
};

// A Desk link of the running platform: Frappe 16 moved the Desk from /app to /desk (and redirects
// the old paths), so links are made by Frappe's router, e.g. desk_url("inspection", name).
class_teacher_appraisal.desk_url = function (...parts) {
	return frappe.router.make_url(parts.map((part) => String(part)));
};
