// Copyright (c) 2026, class_teacher_appraisal maintainers
// For license information, please see license.txt

// One item on one date for every class: the grid shows only the columns the item's scoring
// method needs (score, or level, and incidents), so it stays usable on a phone.
// On a phone Frappe draws a grid 738px wide in a container that clips it to the screen, which
// hides every column after the class. Here the grid scrolls sideways instead, and shows the
// class and the one value the item needs first; incidents go in a row's form (its pencil).
frappe.dom.set_style(`@media (max-width: 767px) {
	[id="page-Inspection Round"] .frappe-control[data-fieldname="entries"] .form-grid-container {
		overflow-x: auto !important;
	}
}`);

// An item's levels and incident types as choices: the list shows labels as HTML.
function choices(names) {
	return names.map((name) => ({
		value: name,
		label: /[<>]/.test(name) ? frappe.utils.escape_html(name) : name,
	}));
}

function fit_phone(grid, method) {
	const value = { Score: "score", Level: "level" }[method] || "incident_count";
	for (const fieldname of ["score", "level", "incident_type", "incident_count"]) {
		grid.update_docfield_property(fieldname, "in_list_view", fieldname === value ? 1 : 0);
	}
}

const show_typed_text = () =>
	class_teacher_appraisal.show_as_text({
		"Inspection Round": ["remarks"],
		"Inspection Round Entry": ["level", "incident_type", "remarks", "class_name"],
	});

frappe.ui.form.on("Inspection Round", {
	onload: show_typed_text,
	setup(frm) {
		show_typed_text();
		// The round cancels its own inspections in one update (on_cancel), not one by one.
		frm.ignore_doctypes_on_cancel_all = ["Inspection"];
		frm.set_query("inspection_item", () => ({ filters: { is_active: 1 } }));
		frm.set_query("class_record", "entries", () => ({
			filters: frm.doc.grade_level
				? { is_active: 1, grade_level: frm.doc.grade_level }
				: { is_active: 1 },
		}));
	},
	refresh(frm) {
		frm.trigger("inspection_item");
		if (frm.doc.docstatus === 0) {
			frm.add_custom_button(__("Get Classes"), () => frm.trigger("get_classes"));
		}
	},
	inspection_date(frm) {
		frm.trigger("fill_when_empty");
	},
	grade_level(frm) {
		frm.trigger("fill_when_empty");
	},
	inspection_item(frm) {
		if (!frm.doc.inspection_item) return;
		frappe.db.get_doc("Inspection Item", frm.doc.inspection_item).then((item) => {
			const grid = frm.fields_dict.entries.grid;
			const method = item.scoring_method;
			grid.update_docfield_property("score", "hidden", method !== "Score");
			grid.update_docfield_property("score", "in_list_view", method === "Score");
			grid.update_docfield_property(
				"score",
				"description",
				__("Out of {0}", [item.max_score])
			);
			grid.update_docfield_property("level", "hidden", method !== "Level");
			grid.update_docfield_property("level", "in_list_view", method === "Level");
			grid.update_docfield_property(
				"level",
				"options",
				choices((item.levels || []).map((row) => row.level))
			);
			grid.update_docfield_property(
				"incident_type",
				"options",
				choices((item.incident_types || []).map((row) => row.incident_type))
			);
			if (frappe.utils.is_xs()) fit_phone(grid, method);
			grid.reset_grid();
			frm.trigger("fill_when_empty");
		});
	},
	fill_when_empty(frm) {
		const empty = !(frm.doc.entries || []).some((row) => row.class_record);
		if (
			frm.doc.docstatus === 0 &&
			empty &&
			frm.doc.inspection_item &&
			frm.doc.inspection_date
		) {
			frm.trigger("get_classes");
		}
	},
	get_classes(frm) {
		if (!frm.doc.inspection_item || !frm.doc.inspection_date) {
			frappe.msgprint(__("Choose the date and the inspection item first."));
			return;
		}
		frappe
			.call("class_teacher_appraisal.rounds.classes_to_inspect", {
				inspection_date: frm.doc.inspection_date,
				inspection_item: frm.doc.inspection_item,
				grade_level: frm.doc.grade_level || 0,
			})
			.then(({ message }) => {
				// Adds the classes not listed yet; what was entered stays.
				frm.doc.entries = (frm.doc.entries || []).filter((row) => row.class_record);
				const listed = new Set(frm.doc.entries.map((row) => row.class_record));
				for (const c of message.classes) {
					if (listed.has(c.name)) continue;
					// the grid shows the class's short name, not its "<year> <name>" key
					frappe.utils.add_link_title("Class Record", c.name, c.class_name);
					frm.add_child("entries", { class_record: c.name, class_name: c.class_name });
				}
				frm.refresh_field("entries");
				if (message.already_inspected.length) {
					frappe.show_alert({
						message: __("Already inspected, not listed: {0}", [
							message.already_inspected
								.map((name) => frappe.utils.escape_html(name))
								.join(", "),
						]),
						indicator: "orange",
					});
				}
			});
	},
});
