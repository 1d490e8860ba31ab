// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

// The office's duty roster: who inspects which item and classes on which days. A pupil monitor's
// row names the teacher of this roster who confirms what the pupil records.
const show_typed_text = () =>
	class_teacher_appraisal.show_as_text({
		"Duty Roster": ["remarks"],
		"Duty Roster Assignment": ["inspector_name"],
	});

frappe.ui.form.on("Duty Roster", {
	onload: show_typed_text,
	setup(frm) {
		show_typed_text();
		frm.set_query("inspection_item", "assignments", () => ({ filters: { is_active: 1 } }));
		for (const field of ["class_record", "pupil_class"]) {
			frm.set_query(field, "assignments", () => ({ filters: { is_active: 1 } }));
		}
		// the teachers on duty on this roster
		frm.set_query("confirming_teacher", "assignments", () => ({
			filters: {
				name: [
					"in",
					(frm.doc.assignments || [])
						.filter((row) => row.duty_role === "Teacher" && row.inspector)
						.map((row) => row.inspector),
				],
			},
		}));
	},
	appraisal_period(frm) {
		if (!frm.doc.appraisal_period || (frm.doc.from_date && frm.doc.to_date)) return;
		frappe.db
			.get_value("Appraisal Period", frm.doc.appraisal_period, ["start_date", "end_date"])
			.then(({ message }) => {
				if (!frm.doc.from_date) frm.set_value("from_date", message.start_date);
				if (!frm.doc.to_date) frm.set_value("to_date", message.end_date);
			});
	},
	refresh(frm) {
		if (frm.is_new()) return;
		// what the roster's classes got today (or on its first day), to reassign the gaps
		frm.add_custom_button(__("Inspection Coverage"), () => {
			const today = frappe.datetime.get_today();
			const day =
				today >= frm.doc.from_date && today <= frm.doc.to_date ? today : frm.doc.from_date;
			frappe.set_route("query-report", "Inspection Coverage", { date: day });
		});
	},
});
