// Shared by the app's form scripts (loaded on every Desk page through hooks.app_include_js).
frappe.provide("class_teacher_appraisal");

// Frappe writes grid cells and read-only text fields into the page as HTML (only some fields' own
// controls escape their values): here what users typed is shown as text.
// fields: {doctype: [fieldname, ...]} of the form and its child tables.
class_teacher_appraisal.show_as_text = function (fields) {
	const as_text = (value, df, options, doc) => {
		const text = value == null ? "" : String(value);
		const line_breaks = (html) => html.replace(/&lt;br&gt;|\n/g, "<br>");
		// A read-only field's control may have escaped its value already before formatting it:
		// Frappe 15 a Data field's, Frappe 16 also a Text's, Small Text's or Long Text's. Such a
		// value is the document's value escaped, and is not escaped twice.
		const stored = doc && df && doc[df.fieldname] != null ? String(doc[df.fieldname]) : null;
		if (options && options.inline && stored !== null && text !== stored) {
			if (text === frappe.utils.escape_html(stored)) return line_breaks(text);
		}
		return line_breaks(frappe.utils.escape_html(text));
	};
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

// Frappe 16 asks the server whether a workflow's actions want a confirmation when one is chosen
// (frappe.client.get_value of the Workflow), which only who may read workflows (System Manager)
// can do: everyone else got "No permission for Workflow" and the action was not taken. The Desk
// has the document type's workflow already (it came with the form), so the answer is taken from it.
(function () {
	const get_value = frappe.db.get_value;
	frappe.db.get_value = function (doctype, filters, fieldname, callback) {
		const document_type = doctype === "Workflow" && filters && filters.document_type;
		const workflow =
			fieldname === "enable_action_confirmation" &&
			document_type &&
			frappe.workflow &&
			frappe.workflow.workflows &&
			frappe.workflow.workflows[document_type];
		if (!workflow) return get_value.apply(this, arguments);
		const message = { enable_action_confirmation: workflow.enable_action_confirmation || 0 };
		if (callback) callback(message);
		return Promise.resolve({ message });
	};
})();

// Frappe 16 checks a report's link filters (e.g. Teacher History's class teacher, a user) with the
// read permission first and then the select one, and a denied check sends its log as a message:
// with the office's select permission the log is empty, and an empty message box opened over the
// report each time it ran. A message with nothing to say is not shown.
(function () {
	const msgprint = frappe.msgprint;
	const says_nothing = (text) =>
		typeof text === "string" && !text.replace(/<br\s*\/?>|&nbsp;|\s/gi, "");
	frappe.msgprint = function (msg) {
		let data = msg;
		if (typeof msg === "string" && msg.substr(0, 1) === "{") {
			try {
				data = JSON.parse(msg);
			} catch (e) {
				data = null;
			}
		}
		if ($.isPlainObject(data) && says_nothing(data.message) && !data.primary_action) return;
		return msgprint.apply(this, arguments);
	};
})();
