// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

frappe.ui.form.on("Appraisal Period", {
	refresh(frm) {
		if (frm.is_new()) return;
		const run = (method, busy, done) =>
			frm.call({ doc: frm.doc, method, freeze: true, freeze_message: busy }).then((r) => {
				frm.reload_doc();
				frappe.show_alert({ message: done(r.message || {}), indicator: "green" });
			});
		frm.add_custom_button(
			__("Generate Appraisals"),
			() =>
				run("generate_appraisals", __("Scoring every class…"), (m) =>
					__("{0} new appraisals; {1} recomputed; {2} approved left as they are", [
						m.created,
						m.recomputed,
						m.approved_untouched,
					])
				),
			__("Actions")
		);
		frm.add_custom_button(
			__("Recompute Appraisals"),
			() =>
				run("recompute_appraisals", __("Scoring every class…"), (m) =>
					__("{0} recomputed; {1} approved left as they are", [m.recomputed, m.approved_untouched])
				),
			__("Actions")
		);
		frm.add_custom_button(
			__("Award Weekly Red Flags"),
			() =>
				run("award_weekly_flags", __("Ranking the classes week by week…"), (m) =>
					__("{0} red flags awarded over {1} weeks", [m.flags, m.weeks])
				),
			__("Actions")
		);
		frm.add_custom_button(__("Appraisals"), () =>
			frappe.set_route("List", "Class Teacher Appraisal", { appraisal_period: frm.doc.name })
		);
	},
});
