// Enter a Part: the office a rubric part belongs to (S1: 少先队, 学校活动, 后勤, 教导处) enters the
// part's hand-scored points for every class of a period and confirms the part. The page is open
// to any Desk user; the server (class_teacher_appraisal.parts) lets in only the part's role.
frappe.pages["part-entry"].on_page_load = function (wrapper) {
	const page = frappe.ui.make_app_page({
		parent: wrapper,
		title: __("Enter a Part"),
		single_column: true,
	});
	new PartEntry(page);
};

const esc = (value) => frappe.utils.escape_html(value == null ? "" : String(value));

class PartEntry {
	constructor(page) {
		this.page = page;
		this.body = $('<div class="part-entry"></div>').appendTo(page.main);
		this.part = page.add_field({
			fieldname: "part",
			label: __("Part"),
			fieldtype: "Select",
			change: () => this.load(),
		});
		this.part.$wrapper.css({ "min-width": "480px" });
		page.set_primary_action(__("Save and Confirm"), () => this.save(1));
		page.set_secondary_action(__("Save"), () => this.save(0));
		this.load_parts();
	}

	load_parts() {
		frappe.call({ method: "class_teacher_appraisal.parts.my_parts", type: "GET" }).then((r) => {
			this.parts = r.message || [];
			if (!this.parts.length) {
				this.body.html(
					`<p class="text-muted">${esc(
						__("No part of an open appraisal is entered by your roles.")
					)}</p>`
				);
				return;
			}
			this.part.df.options = this.parts.map((p, i) => ({
				value: String(i),
				label: esc(`${p.period} · ${p.section} ${p.title || ""} (${__(p.role)})`),
			}));
			this.part.refresh();
			this.part.set_value("0");
		});
	}

	chosen() {
		return this.parts && this.parts[Number(this.part.get_value() || 0)];
	}

	load(again) {
		const part = this.chosen();
		if (!part) return;
		// choosing the part already shown keeps what was typed into it
		const key = `${part.period}\n${part.section}`;
		if (key === this.shown && !again) return;
		this.shown = key;
		frappe
			.call({
				method: "class_teacher_appraisal.parts.part_sheet",
				type: "GET",
				args: { period: part.period, section: part.section },
			})
			.then((r) => this.render(r.message));
	}

	render(sheet) {
		this.sheet = sheet;
		const head = sheet.criteria
			.map((c) => `<th>${esc(c.code)} ${esc(c.title)}<br><small>≤ ${esc(c.max_points)}</small></th>`)
			.join("");
		const rows = sheet.appraisals
			.map((a) => {
				const lines = Object.fromEntries(a.lines.map((l) => [l.criterion_code, l]));
				const cells = sheet.criteria
					.map((c) => {
						const line = lines[c.code] || {};
						if (!c.hand_entered || !a.editable) {
							return `<td title="${esc(line.explanation)}">${esc(line.points ?? "")}</td>`;
						}
						const value = line.manual_entered ? line.manual_points : "";
						return `<td><input type="number" class="form-control input-xs" min="0"
							max="${esc(c.max_points)}" step="any" data-appraisal="${esc(a.appraisal)}"
							data-criterion="${esc(c.code)}" data-was="${esc(value)}" value="${esc(value)}"></td>`;
					})
					.join("");
				const status = a.own
					? __("Your own class: another member of your office enters it")
					: a.confirmed
					? __("Confirmed by {0}", [a.confirmed_by])
					: __("Not confirmed");
				return `<tr data-appraisal="${esc(a.appraisal)}">
					<td><a href="${class_teacher_appraisal.desk_url("class-teacher-appraisal", a.appraisal)}">${esc(
					a.class_name
				)}</a><br><small class="text-muted">${esc(__(a.workflow_state))}</small></td>
					${cells}<td>${esc(a.points)}</td><td>${esc(status)}</td></tr>`;
			})
			.join("");
		this.body.html(`
			<p class="text-muted">${esc(
				__("Part {0} {1}, entered and confirmed by {2}; at most {3} points.", [
					sheet.section,
					sheet.title || "",
					__(sheet.role),
					sheet.max_points,
				])
			)}</p>
			<table class="table table-bordered part-entry-sheet">
				<thead><tr><th>${esc(__("Class"))}</th>${head}<th>${esc(__("Part Points"))}</th>
				<th>${esc(__("Confirmed"))}</th></tr></thead>
				<tbody>${rows}</tbody>
			</table>`);
	}

	save(confirm) {
		if (!this.sheet) return;
		// only what the user changed, and, to confirm, every appraisal the user may enter
		const entries = {};
		const seen = {};
		for (const a of this.sheet.appraisals) {
			if (a.editable && confirm) entries[a.appraisal] = {};
			seen[a.appraisal] = a.modified;
		}
		this.body.find("input[data-appraisal]").each((_, input) => {
			const value = input.value.trim();
			if (value === input.dataset.was) return;
			entries[input.dataset.appraisal] = entries[input.dataset.appraisal] || {};
			entries[input.dataset.appraisal][input.dataset.criterion] = value === "" ? null : value;
		});
		if (!Object.keys(entries).length) return;
		frappe
			.call({
				method: "class_teacher_appraisal.parts.save_part",
				args: {
					period: this.sheet.period,
					section: this.sheet.section,
					entries: entries,
					confirm_part: confirm,
					seen: seen,
				},
				freeze: true,
			})
			.then((r) => {
				frappe.show_alert({
					message: __("Saved {0} appraisals", [r.message.saved]),
					indicator: "green",
				});
				this.load(true);
			});
	}
}
