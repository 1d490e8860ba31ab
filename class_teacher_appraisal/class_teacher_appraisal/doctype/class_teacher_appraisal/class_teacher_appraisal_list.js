// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

// The list writes its columns into the page as HTML, and a grade is named by the school
// (its rubric's grade bands): shown as text.
frappe.listview_settings["Class Teacher Appraisal"] = {
	formatters: {
		grade: (value) => frappe.utils.escape_html(value || ""),
	},
};
