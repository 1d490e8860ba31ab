// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

// The list writes its columns into the page as HTML, and the academic year is typed by the
// office: shown as text.
frappe.listview_settings["Appraisal Period"] = {
	formatters: {
		academic_year: (value) => frappe.utils.escape_html(value || ""),
	},
};
