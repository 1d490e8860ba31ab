// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

// The list writes its columns into the page as HTML, and a level is named by the school
// (its inspection item's levels): shown as text.
frappe.listview_settings["Inspection"] = {
	formatters: {
		level: (value) => frappe.utils.escape_html(value || ""),
	},
};
