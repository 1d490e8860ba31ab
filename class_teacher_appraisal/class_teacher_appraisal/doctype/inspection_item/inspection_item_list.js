// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

// QR Sheet: an A4 PDF with a QR code per active class and item, for the classroom doors
// (class_teacher_appraisal.inspection_qr; the server lets in the inspectors and the office only).
frappe.listview_settings["Inspection Item"] = {
	onload(listview) {
		if (!frappe.user.has_role(["Duty Inspector", "Academic Office", "System Manager"])) return;
		listview.page.add_inner_button(__("QR Sheet"), () =>
			window.open(
				"/api/method/class_teacher_appraisal.inspection_qr.sheet?" +
					new URLSearchParams({ pdf: 1 })
			)
		);
	},
};
