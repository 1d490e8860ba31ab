// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

// Generating, recomputing and awarding flags run as background jobs: the buttons queue them,
// the job's progress shows in a progress bar (frappe.publish_progress to this document), and
// its end reloads the form with a summary.
const PERIOD_JOB_DONE = {
	generate: (m) =>
		__("{0} new appraisals; {1} recomputed; {2} approved left as they are", [
			m.created,
			m.recomputed,
			m.approved_untouched,
		]),
	recompute: (m) =>
		__("{0} recomputed; {1} approved left as they are", [m.recomputed, m.approved_untouched]),
	award_flags: (m) => __("{0} red flags awarded over {1} weeks", [m.flags, m.weeks]),
};

frappe.ui.form.on("Appraisal Period", {
	setup(frm) {
		frappe.realtime.on("appraisal_period_job", (data) => {
			// only the form on screen reacts: Frappe keeps one frm per doctype, and cur_frm (null on
			// other pages) is the only record of which form is shown; it is read, never used to act
			if (frm.doctype !== cur_frm?.doctype || frm.docname !== cur_frm?.docname) return; // nosemgrep: frappe-cur-frm-usage — identity check only, see above
			frappe.hide_progress();
			if (data.failed) {
				// the error may quote what someone typed (a class, an item …): shown as text
				frappe.msgprint({
					title: __("The job failed"),
					message: frappe.utils.escape_html(data.message || ""),
					indicator: "red",
				});
			} else {
				frappe.show_alert({
					message: PERIOD_JOB_DONE[data.action](data.summary || {}),
					indicator: "green",
				});
			}
			frm.reload_doc();
		});
	},
	refresh(frm) {
		if (frm.is_new()) return;
		const run = (method) =>
			frm.call({ doc: frm.doc, method }).then(({ message }) => {
				const alert = message?.already_running
					? [__("Already running; its progress will show here."), "orange"]
					: [__("Started in the background; its progress will show here."), "blue"];
				frappe.show_alert({ message: alert[0], indicator: alert[1] });
			});
		frm.add_custom_button(__("Generate Appraisals"), () => run("generate_appraisals"), __("Actions"));
		frm.add_custom_button(__("Recompute Appraisals"), () => run("recompute_appraisals"), __("Actions"));
		frm.add_custom_button(__("Award Weekly Red Flags"), () => run("award_weekly_flags"), __("Actions"));
		frm.add_custom_button(__("Appraisals"), () =>
			frappe.set_route("List", "Class Teacher Appraisal", { appraisal_period: frm.doc.name })
		);
		if (frappe.user.has_role(["Academic Office", "Principal", "System Manager"])) {
			// the approved allowances as HRMS's Additional Salary import file (read-only GET)
			frm.add_custom_button(__("Payroll File (Additional Salary)"), () =>
				window.open(
					"/api/method/class_teacher_appraisal.integrations.payroll.additional_salary_xlsx?" +
						new URLSearchParams({ period: frm.doc.name }).toString()
				)
			);
		}
		if (frappe.boot.versions?.hrms && frappe.model.can_create("Additional Salary")) {
			// with HRMS on the site: the same rows as Additional Salary drafts, no file
			frm.add_custom_button(__("Create Additional Salary (HRMS)"), () =>
				frappe.confirm(
					__("Create an Additional Salary draft in HRMS for each approved allowance of {0}?", [
						frappe.utils.escape_html(frm.doc.name),
					]),
					() =>
						frappe
							.call({
								method: "class_teacher_appraisal.integrations.payroll.create_additional_salaries",
								args: { period: frm.doc.name },
								freeze: true,
							})
							.then(({ message }) =>
								frappe.msgprint(
									__("{0} Additional Salary drafts created, {1} already there.", [
										message.created.length,
										message.kept,
									])
								)
							)
				)
			);
		}
		frm.call({ doc: frm.doc, method: "running_jobs" }).then(({ message }) => {
			if (message && message.length) {
				frm.dashboard.set_headline(
					__("Running in the background: {0}", [
						message.map((title) => frappe.utils.escape_html(title)).join(", "),
					])
				);
			}
		});
	},
});
