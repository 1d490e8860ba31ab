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

// A class's QR code (page inspect-class) opens the round at the class's row: added when missing
// (a round made by scanning lists the classes scanned), then opened when the item's grid is drawn.
function take_scanned_class(frm) {
	const scanned = frappe.flags.cta_scanned_class;
	frm.cta_scanned_row = null;
	if (!scanned || frm.doc.docstatus !== 0 || frm.doc.inspection_item !== scanned.inspection_item) return;
	frappe.flags.cta_scanned_class = null;
	if (frm.is_new()) {
		frm.doc.inspection_date = scanned.date;
		// the item is drawn by refresh already: its link trigger would draw the grid again and
		// close the row while the teacher types
		delete frm.doc.__run_link_triggers;
	}
	let row = (frm.doc.entries || []).find((r) => r.class_record === scanned.class_record);
	if (!row) {
		frappe.utils.add_link_title("Class Record", scanned.class_record, scanned.class_name);
		frm.doc.entries = (frm.doc.entries || []).filter((r) => r.class_record);
		row = frm.add_child("entries", {
			class_record: scanned.class_record,
			class_name: scanned.class_name,
		});
		frm.refresh_fields();
		frm.dirty();
	}
	frm.cta_scanned_row = row.name;
}

function open_scanned_row(frm) {
	const grid = frm.fields_dict.entries.grid;
	const row = frm.cta_scanned_row && grid.get_row(frm.cta_scanned_row);
	if (row) row.show_form();
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
		// a pupil monitor picks a class by its name only (select permission): the server fills in
		// the class's details on saving
		if (!frappe.model.can_read("Class Record")) {
			delete (frm.fetch_dict["Inspection Round Entry"] || {}).class_record;
		}
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
		// the duty roster's round of today: its date, item and classes (also from the list's button)
		if (frm.is_new()) {
			frm.add_custom_button(__("My Round Today"), () => frm.trigger("my_round"));
			if (frappe.flags.cta_my_round) {
				frappe.flags.cta_my_round = false;
				frm.trigger("my_round");
			}
		}
		take_scanned_class(frm);
	},
	my_round(frm) {
		frappe.call("class_teacher_appraisal.duty.today.my_round").then(({ message }) => {
			const day = frappe.datetime.str_to_user(message.date);
			if (!message.items.length) {
				frappe.msgprint(
					message.rosters.length
						? __("The duty roster gives you no duty on {0}.", [day])
						: __("No duty roster covers {0}.", [day])
				);
				return;
			}
			// setting the item lists the classes the roster assigns (fill_when_empty)
			const open = (item) =>
				frm.set_value({ inspection_date: message.date, inspection_item: item });
			if (message.items.length === 1) {
				open(message.items[0].inspection_item);
				return;
			}
			const dialog = new frappe.ui.Dialog({
				title: __("My Round Today"),
				fields: [
					{
						fieldname: "inspection_item",
						fieldtype: "Select",
						label: __("Inspection Item"),
						reqd: 1,
						options: message.items.map((i) => ({
							value: i.inspection_item,
							label: __("{0}: {1} of {2} classes to inspect", [
								frappe.utils.escape_html(i.inspection_item),
								i.to_inspect,
								i.classes,
							]),
						})),
					},
				],
				primary_action_label: __("Start the Round"),
				primary_action({ inspection_item }) {
					dialog.hide();
					open(inspection_item);
				},
			});
			dialog.show();
		});
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
			open_scanned_row(frm);
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
				if (message.note) {
					// the duty roster's word on this item and day (escaped by the server)
					frappe.msgprint({ message: message.note, indicator: "orange" });
				}
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
