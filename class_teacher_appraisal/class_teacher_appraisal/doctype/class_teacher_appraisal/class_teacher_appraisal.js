// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

// The stored explanation is in the site's language; each reader sees it in theirs.
function explain(line) {
	let evidence = {};
	try {
		evidence = JSON.parse(line.evidence || "{}");
	} catch (e) {
		return null;
	}
	const messages = evidence.messages || [];
	return messages.length ? messages.map(([text, args]) => __(text, args)).join("; ") : null;
}

frappe.ui.form.on("Class Teacher Appraisal", {
	refresh(frm) {
		const grid = frm.fields_dict.lines.grid;
		const df = grid.docfields.find((d) => d.fieldname === "explanation");
		if (df && !df.formatter) {
			df.formatter = (value, _df, _options, line) =>
				frappe.utils.escape_html((line && explain(line)) || value || "");
			grid.refresh();
		}
		frm.set_indicator_formatter("criterion_code", (row) =>
			row.needs_input ? "orange" : row.adjustment ? "blue" : "green"
		);
		if (frm.doc.vetoed) {
			frm.dashboard.set_headline_alert(
				`<div class="text-danger">${__("Vetoed: lowest grade.")} ${frappe.utils.escape_html(
					frm.doc.veto_reason || ""
				)}</div>`
			);
		}
	},
});

frappe.ui.form.on("Class Teacher Appraisal", {
	// Returning needs a reason: asked here and saved before the workflow applies the action.
	before_workflow_action(frm) {
		if (frm.selected_workflow_action !== "Return") return;
		frappe.dom.unfreeze();
		return new Promise((resolve, reject) => {
			frappe.prompt(
				{ fieldname: "reason", fieldtype: "Small Text", label: __("Why is it returned?"), reqd: 1 },
				({ reason }) => {
					frappe.dom.freeze();
					frm.set_value("return_reason", reason);
					frm.save().then(resolve, reject);
				},
				__("Return"),
				__("Return")
			);
		});
	},
});

frappe.ui.form.on("Class Teacher Appraisal Line", {
	manual_points(frm, cdt, cdn) {
		// 0 entered by hand is a score, not an empty line.
		frappe.model.set_value(cdt, cdn, "manual_entered", 1);
	},
});
