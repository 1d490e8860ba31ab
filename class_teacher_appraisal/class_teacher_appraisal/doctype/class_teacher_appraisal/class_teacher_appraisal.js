// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

// An argument may itself be a message ({msg: [text, args]}), e.g. a rater group's name.
function render_message([text, args]) {
	return __(
		text,
		(args || []).map((a) => (a && a.msg ? render_message(a.msg) : a))
	);
}

// The stored explanation is in the site's language; each reader sees it in theirs.
function explain(line) {
	let evidence = {};
	try {
		evidence = JSON.parse(line.evidence || "{}");
	} catch (e) {
		return null;
	}
	const messages = evidence.messages || [];
	return messages.length ? messages.map(render_message).join("; ") : null;
}

// Which records a line's points come from, as list filters (one click from the form).
function evidence_route(frm, line) {
	let evidence = {};
	try {
		evidence = JSON.parse(line.evidence || "{}");
	} catch (e) {
		return null;
	}
	const items = evidence.item ? [evidence.item] : Object.keys(evidence.per_item || {});
	if (items.length) {
		return [
			"Inspection",
			{
				class_record: frm.doc.class_record,
				inspection_item: JSON.stringify(["in", items]),
				docstatus: 1,
			},
		];
	}
	if (evidence.activity_kind) {
		// a quota: the confirmed records it counted; with none, where they would be
		if ((evidence.activities || []).length) {
			return ["Appraisal Activity", { name: JSON.stringify(["in", evidence.activities]) }];
		}
		const whose =
			evidence.scope === "Person"
				? { person: frm.doc.class_teacher }
				: { class_record: frm.doc.class_record };
		return ["Appraisal Activity", { activity_kind: evidence.activity_kind, docstatus: 1, ...whose }];
	}
	if (line.rule_kind === "Weighted Rating") {
		return [
			"Appraisal Rating",
			{ class_record: frm.doc.class_record, appraisal_period: frm.doc.appraisal_period },
		];
	}
	if (evidence.periods) {
		return [
			"Class Teacher Appraisal",
			{
				class_record: frm.doc.class_record,
				appraisal_period: JSON.stringify(["in", evidence.periods.map((p) => p[0])]),
			},
		];
	}
	return null;
}

function render_evidence(frm) {
	const field = frm.fields_dict.evidence_html;
	if (!field || frm.is_new()) return;
	const esc = frappe.utils.escape_html;
	const points = (value) => format_number(value || 0, null, 2);
	const rows = (frm.doc.lines || []).map((line) => {
		const link = evidence_route(frm, line)
			? `<a class="cta-evidence" data-row="${esc(line.name)}">${__("Show evidence")} →</a>`
			: "";
		return `<tr>
			<td>${esc(line.criterion_code || "")} ${esc(__(line.criterion_title || ""))}</td>
			<td class="text-right">${points(line.points)} / ${points(line.max_points)}</td>
			<td>${esc(explain(line) || line.explanation || "")}</td>
			<td class="text-nowrap">${link}</td>
		</tr>`;
	});
	field.$wrapper.html(`<table class="table table-bordered table-sm small">
		<thead><tr><th>${__("Criterion")}</th><th class="text-right">${__("Points")}</th>
		<th>${__("How the points were found")}</th><th></th></tr></thead>
		<tbody>${rows.join("")}</tbody></table>`);
	field.$wrapper.find("a.cta-evidence").on("click", (e) => {
		const name = $(e.currentTarget).attr("data-row");
		const line = (frm.doc.lines || []).find((l) => l.name === name);
		open_evidence(frm, line);
	});
}

async function open_evidence(frm, line) {
	const [doctype, filters] = evidence_route(frm, line);
	const dated = { Inspection: "inspection_date", "Appraisal Activity": "activity_date" }[doctype];
	if (dated && !filters.name) {
		const { message: period } = await frappe.db.get_value(
			"Appraisal Period",
			frm.doc.appraisal_period,
			["start_date", "end_date"]
		);
		filters[dated] = JSON.stringify(["Between", [period.start_date, period.end_date]]);
	}
	frappe.route_options = filters;
	frappe.set_route("List", doctype);
}

// Live subtotals and total while the office types: the server scores the unsaved form.
const preview_scores = frappe.utils.debounce((frm) => {
	if (frm.is_new() || frm.doc.docstatus !== 0) return;
	frm.call({ doc: frm.doc, method: "preview_scores" }).then(({ message }) => {
		if (!message) return;
		for (const line of frm.doc.lines || []) {
			Object.assign(line, message.lines[line.name] || {});
		}
		// parts are updated in place, so that the history shows changed values, not new rows
		const same =
			(frm.doc.sections || []).map((s) => s.section_code).join("|") ===
			message.sections.map((s) => s.section_code).join("|");
		if (same) {
			frm.doc.sections.forEach((row, i) => Object.assign(row, message.sections[i]));
		} else {
			frm.clear_table("sections");
			message.sections.forEach((section) => frm.add_child("sections", section));
		}
		Object.assign(frm.doc, message.summary);
		frm.refresh_fields();
		render_evidence(frm);
	});
}, 400);

// (a line's code and explanation have formatters of their own, set in refresh)
const show_typed_text = () =>
	class_teacher_appraisal.show_as_text({
		"Class Teacher Appraisal": [
			"allowance_note",
			"veto_reason",
			"exclusion_reason",
			"return_reason",
		],
		"Class Teacher Appraisal Line": ["criterion_title", "section_code", "adjustment_reason"],
		"Class Teacher Appraisal Section": ["section_code", "section_title"],
		"Appraisal Achievement": ["criterion_code", "title", "level"],
		"Appraisal Veto Case": ["rule_code", "reason"],
	});

frappe.ui.form.on("Class Teacher Appraisal", {
	setup: show_typed_text,
	onload: show_typed_text,
	refresh(frm) {
		render_evidence(frm);
		const grid = frm.fields_dict.lines.grid;
		const df = grid.docfields.find((d) => d.fieldname === "explanation");
		if (df && !df.formatter) {
			df.formatter = (value, _df, _options, line) =>
				frappe.utils.escape_html((line && explain(line)) || value || "");
			grid.refresh();
		}
		// frm.set_indicator_formatter is made for Link fields (it builds a route from the
		// field's options) and breaks the editable row of this Data column.
		const code = grid.docfields.find((d) => d.fieldname === "criterion_code");
		if (code && !code.formatter) {
			code.formatter = (value, _df, _options, line) => {
				const color = !line
					? "gray"
					: line.needs_input
					? "orange"
					: line.adjustment
					? "blue"
					: "green";
				return `<span class="indicator ${color}">${frappe.utils.escape_html(
					value || ""
				)}</span>`;
			};
			grid.refresh();
		}
		if (frm.doc.vetoed) {
			frm.dashboard.set_headline_alert(
				`<div class="text-danger">${__(
					"Vetoed: lowest grade."
				)} ${frappe.utils.escape_html(frm.doc.veto_reason || "")}</div>`
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
				{
					fieldname: "reason",
					fieldtype: "Small Text",
					label: __("Why is it returned?"),
					reqd: 1,
				},
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
		preview_scores(frm);
	},
	adjustment: preview_scores,
});

frappe.ui.form.on("Appraisal Achievement", {
	level: preview_scores,
	base_points: preview_scores,
	achievements_remove: preview_scores,
});

frappe.ui.form.on("Appraisal Veto Case", {
	rule_code: preview_scores,
	veto_cases_remove: preview_scores,
});
