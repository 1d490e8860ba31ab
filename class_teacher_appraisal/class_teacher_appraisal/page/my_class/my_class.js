// My Class (我的班级, issue 16): where the class stands this week and month and why, made for a
// phone. Everything comes from class_teacher_appraisal.my_class.overview, which decides on the
// server whose class the user may see; what users typed (reasons, remarks, captions, names) is
// written into the page escaped. An appeal opens the Appraisal Appeal form for the line, whose own
// rules (approved, the appraised teacher, within the appeal days) apply when it is saved.
frappe.pages["my-class"].on_page_load = function (wrapper) {
	const page = frappe.ui.make_app_page({
		parent: wrapper,
		title: __("My Class"),
		single_column: true,
	});
	wrapper.my_class = new MyClass(page);
};

frappe.pages["my-class"].on_page_show = function (wrapper) {
	const options = frappe.route_options || {};
	if (options.class || options.date) {
		frappe.route_options = null;
	}
	wrapper.my_class.show(options.class, options.date);
};

const esc = (value) => frappe.utils.escape_html(value == null ? "" : String(value));
const num = (value) => (value == null ? "—" : String(Math.round(value * 100) / 100));
const day_label = (date) => frappe.datetime.str_to_user(date);
const short_day = (date) => {
	const d = frappe.datetime.str_to_obj(date);
	return `${d.getMonth() + 1}-${d.getDate()}`;
};

class MyClass {
	constructor(page) {
		this.page = page;
		this.root = $('<div class="my-class"></div>').appendTo(page.main);
		this.bar = $(`<div class="my-class-bar">
			<select class="form-control my-class-select" aria-label="${esc(__("Class"))}"></select>
			<div class="my-class-days">
				<button class="btn btn-default my-class-prev" aria-label="${esc(__("Previous Week"))}">‹</button>
				<input type="date" class="form-control my-class-day" aria-label="${esc(__("Date"))}">
				<button class="btn btn-default my-class-next" aria-label="${esc(__("Next Week"))}">›</button>
			</div>
		</div>`).appendTo(this.root);
		this.body = $('<div class="my-class-body"></div>').appendTo(this.root);
		this.bar.find(".my-class-select").on("change", (e) => this.load(e.target.value, this.day));
		this.bar.find(".my-class-day").on("change", (e) => e.target.value && this.load(this.class, e.target.value));
		this.bar.find(".my-class-prev").on("click", () => this.load(this.class, this.shift(-7)));
		this.bar.find(".my-class-next").on("click", () => this.load(this.class, this.shift(7)));
	}

	shift(days) {
		return frappe.datetime.add_days(this.day || frappe.datetime.get_today(), days);
	}

	show(class_record, day) {
		if (class_record || day || !this.data) {
			this.load(class_record || this.class, day || this.day);
		}
	}

	load(class_record, day) {
		return frappe
			.call({
				method: "class_teacher_appraisal.my_class.overview",
				type: "GET",
				args: { class_record: class_record || null, day: day || null },
			})
			.then((r) => this.render(r.message))
			.catch(() => this.body.html(`<p class="text-muted">${esc(__("Nothing to show."))}</p>`));
	}

	render(data) {
		this.data = data;
		this.class = data.class.name;
		this.day = data.day;
		const params = new URLSearchParams({ class: this.class, date: this.day });
		window.history.replaceState(null, "", `${window.location.pathname}?${params}`);
		const select = this.bar.find(".my-class-select");
		select.html(
			data.classes
				.map(
					(c) =>
						`<option value="${esc(c.name)}">${esc(c.class_name)} · ${esc(c.grade_name)}</option>`
				)
				.join("")
		);
		select.val(this.class).toggle(data.classes.length > 1);
		this.bar.find(".my-class-day").val(this.day);
		this.body.html(
			[
				this.header(data),
				this.items(data),
				this.deductions(data),
				this.flags(data),
				this.trend(data),
				this.appraisal_cards(data),
			].join("")
		);
		this.body.find("button.my-class-appeal").on("click", (e) => this.appeal(e.currentTarget.dataset));
		this.body.find(".my-class-trend-item").on("change", (e) => this.chart(e.target.value));
		this.chart(this.body.find(".my-class-trend-item").val());
	}

	header(data) {
		const c = data.class;
		const people = [
			c.class_teacher_name ? __("Class Teacher: {0}", [esc(c.class_teacher_name)]) : "",
			c.deputy_name ? __("Deputy: {0}", [esc(c.deputy_name)]) : "",
		].filter(Boolean);
		return `<div class="my-class-card my-class-header">
			<div class="my-class-title">${esc(c.class_name)} <small class="text-muted">${esc(c.grade_name)}</small></div>
			<div class="text-muted">${people.join(" · ")}</div>
			<div>${esc(__("Week of {0} to {1}", [day_label(data.week.start), day_label(data.week.end)]))}</div>
		</div>`;
	}

	items(data) {
		const contest = data.contest;
		let note = __("No period contests this week's red flags for this class.");
		if (contest) {
			note = contest.published
				? __("This week's red flags are published.")
				: __("Provisional: the office has not published this week's red flags yet.");
		}
		const rows = data.items
			.map((it) => {
				const week = it.week || {};
				const month = it.month || {};
				const counted = it.method === "Incident Count"; // no score: its incidents are what counts
				const details = [
					week.checks || week.incidents
						? __("{0} checks", [week.checks || 0])
						: __("Not checked this week"),
					Object.entries(week.levels || {})
						.map(([level, n]) => `${level} × ${n}`)
						.join(", "),
					week.deduction ? __("deductions {0}", [num(week.deduction)]) : "",
					week.incidents ? __("{0} incidents", [week.incidents]) : "",
					counted
						? __("{0} incidents this month", [month.incidents || 0])
						: __("month {0}", [num(month.average)]),
				].filter(Boolean);
				const big = counted ? `× ${week.incidents || 0}` : num(week.average);
				let standing = "";
				if (it.rank) {
					standing = `<span class="my-class-rank">${esc(
						__("Rank {0} of {1}", [it.rank, it.ranked])
					)}</span>`;
				} else if (it.ineligible) {
					standing = `<span class="indicator-pill orange">${esc(__("Not eligible this week"))}</span>`;
				}
				const flag = it.flags
					? `<span class="indicator-pill red">${esc(__("Red Flags"))} ${esc(num(it.flags))}</span>`
					: it.revoked
					? `<span class="indicator-pill orange">${esc(__("{0} taken back by a spot check", [it.revoked]))}</span>`
					: "";
				return `<div class="my-class-item" data-item="${esc(it.item)}">
					<div class="my-class-item-main">
						<div class="my-class-item-name">${esc(it.item)} ${flag}</div>
						<div class="text-muted small">${esc(details.join(" · "))}</div>
						<div class="small">${standing}</div>
					</div>
					<div class="my-class-big">${esc(big)}</div>
				</div>`;
			})
			.join("");
		return `<div class="my-class-card my-class-items">
			<h5>${esc(__("This Week"))}</h5>
			<p class="text-muted small">${esc(note)}</p>
			${rows || `<p class="text-muted">${esc(__("No inspections this week or month yet."))}</p>`}
		</div>`;
	}

	deductions(data) {
		const rows = data.deductions
			.map((d) => {
				const what = d.incident_type
					? `${esc(d.incident_type)} × ${esc(d.count)}`
					: esc(__("Spot check failed: a red flag taken back"));
				const photos = d.photos
					.map(
						(p) => `<a href="${esc(p.url)}" target="_blank" rel="noopener noreferrer">
							<img src="${esc(p.url)}" alt="${esc(p.caption || __("Photo"))}" loading="lazy"></a>`
					)
					.join("");
				const lines = d.lines.map((l) => this.line_action(l, d)).join("");
				const in_week = d.date >= data.week.start && d.date <= data.week.end;
				return `<div class="my-class-deduction${in_week ? " this-week" : ""}" data-inspection="${esc(
					d.inspection
				)}">
					<div class="my-class-deduction-head">
						<span>${esc(day_label(d.date))} · ${esc(d.item)}</span>
						<span class="my-class-minus">${d.deduction ? esc(`−${num(d.deduction)}`) : ""}</span>
					</div>
					<div class="my-class-what">${what}</div>
					${d.reason ? `<div class="my-class-reason">${esc(d.reason)}</div>` : ""}
					${d.remarks ? `<div class="my-class-reason text-muted">${esc(d.remarks)}</div>` : ""}
					<div class="text-muted small">${esc(__("Inspector: {0}", [d.inspector || "—"]))} ·
						<a href="${class_teacher_appraisal.desk_url("inspection", d.inspection)}">${esc(d.inspection)}</a></div>
					${photos ? `<div class="my-class-photos">${photos}</div>` : ""}
					${lines}
				</div>`;
			})
			.join("");
		return `<div class="my-class-card my-class-deductions">
			<h5>${esc(__("Deductions This Month"))}</h5>
			${rows || `<p class="text-muted">${esc(__("No deductions this month."))}</p>`}
		</div>`;
	}

	// the line a deduction counts in: an Appeal button when the teacher may appeal it now
	line_action(line, deduction) {
		const label = `${line.criterion_code} ${line.criterion_title || ""} · ${line.period}`;
		const appeal = line.appeal || {};
		if (appeal.allowed) {
			const note = deduction
				? __("{0} {1}: {2}", [
						day_label(deduction.date),
						deduction.item,
						deduction.incident_type || __("spot check"),
				  ])
				: "";
			return `<button class="btn btn-default btn-sm my-class-appeal"
				data-appraisal="${esc(line.appraisal)}" data-code="${esc(line.criterion_code)}"
				data-title="${esc(line.criterion_title)}" data-points="${esc(line.points)}"
				data-note="${esc(note)}">${esc(__("Appeal"))} · ${esc(label)}</button>`;
		}
		const why = appeal.open_appeal
			? `<a href="${class_teacher_appraisal.desk_url("appraisal-appeal", appeal.open_appeal)}">${esc(
					__("Open appeal {0}", [appeal.open_appeal])
			  )}</a>`
			: esc(appeal.why || "");
		return `<div class="text-muted small my-class-counts-in">${esc(
			__("Counts in {0}.", [label])
		)} ${why}</div>`;
	}

	flags(data) {
		const weeks = data.flags.weeks
			.map((w) => {
				const items = w.items
					.map((i) => {
						const parts = [i.red_flags ? num(i.red_flags) : "0"];
						if (i.revoked) parts.push(__("{0} taken back by a spot check", [i.revoked]));
						if (i.ineligible) parts.push(__("Not eligible this week"));
						return `${esc(i.item)} ${esc(parts.join(", "))}`;
					})
					.join("; ");
				return `<li><b>${esc(day_label(w.week))}</b> · ${esc(__("Red Flags"))} ${esc(num(w.total))}
					${items ? `<div class="text-muted small">${items}</div>` : ""}</li>`;
			})
			.join("");
		return `<div class="my-class-card my-class-flags">
			<h5>${esc(__("Red Flags Won"))} <span class="text-muted">${esc(num(data.flags.total))}</span></h5>
			${weeks ? `<ul class="list-unstyled">${weeks}</ul>` : `<p class="text-muted">${esc(__("No red flags published in these weeks."))}</p>`}
		</div>`;
	}

	trend(data) {
		const options = data.trend.items
			.map((i) => `<option value="${esc(i.item)}">${esc(i.item)}</option>`)
			.join("");
		const rows = data.trend.weeks
			.map(
				(w, i) => `<tr><td>${esc(day_label(w))}</td><td>${esc(num(data.trend.flags[i]))}</td>
				<td>${esc(num(data.trend.deductions[i]))}</td></tr>`
			)
			.join("");
		return `<div class="my-class-card my-class-trend">
			<h5>${esc(__("Last {0} Weeks", [data.trend.weeks.length]))}</h5>
			${options ? `<select class="form-control my-class-trend-item" aria-label="${esc(__("Inspection Item"))}">${options}</select>` : ""}
			<div class="my-class-chart"></div>
			<table class="table table-sm my-class-weeks">
				<thead><tr><th>${esc(__("Week"))}</th><th>${esc(__("Red Flags"))}</th><th>${esc(__("Deductions"))}</th></tr></thead>
				<tbody>${rows}</tbody>
			</table>
		</div>`;
	}

	// one item's net average in the weeks it was checked
	chart(item) {
		const target = this.body.find(".my-class-chart");
		const found = (this.data.trend.items || []).find((i) => i.item === item);
		target.empty();
		if (!found) return;
		const weeks = this.data.trend.weeks.filter((w, i) => found.values[i] != null);
		const values = found.values.filter((v) => v != null);
		new frappe.Chart(target[0], {
			type: "line",
			height: 180,
			colors: ["#e24c4c"],
			data: {
				labels: weeks.map(short_day),
				datasets: [{ name: esc(__("{0}: net average", [item])), values: values }],
			},
			axisOptions: { xIsSeries: 1 },
			lineOptions: { dotSize: 4 },
			animate: false,
		});
	}

	appraisal_cards(data) {
		const cards = data.appraisals
			.map((a) => {
				const approved = a.docstatus === 1;
				const facts = [
					`${esc(__("Total"))} <b>${esc(num(a.total_score))}</b>`,
					approved && a.grade ? `${esc(__("Grade"))} <b>${esc(a.grade)}</b>` : "",
					approved && a.rank ? esc(__("Rank {0} of {1}", [a.rank, a.rank_out_of])) : "",
				].filter(Boolean);
				const appeal = a.appeal || {};
				let appeal_note = esc(appeal.why || "");
				if (appeal.allowed && appeal.closes_on) {
					appeal_note = esc(__("You may appeal a line until {0}.", [frappe.datetime.str_to_user(appeal.closes_on)]));
				} else if (appeal.open_appeal) {
					appeal_note = `<a href="${class_teacher_appraisal.desk_url("appraisal-appeal", appeal.open_appeal)}">${esc(
						__("Open appeal {0}", [appeal.open_appeal])
					)}</a>`;
				}
				const lines = a.lines
					.map(
						(l) => `<div class="my-class-line">
							<div class="my-class-line-main"><span>${esc(l.criterion_code)} ${esc(l.criterion_title)}</span>
								<span><b>${esc(num(l.points))}</b> / ${esc(num(l.max_points))}</span></div>
							${
								appeal.allowed
									? `<button class="btn btn-default btn-sm my-class-appeal" data-appraisal="${esc(
											a.name
									  )}" data-code="${esc(l.criterion_code)}" data-title="${esc(
											l.criterion_title
									  )}" data-points="${esc(l.points)}" data-note="">${esc(__("Appeal"))}</button>`
									: ""
							}
						</div>`
					)
					.join("");
				const form = class_teacher_appraisal.desk_url("class-teacher-appraisal", a.name);
				const sheet = class_teacher_appraisal.desk_url("print", "Class Teacher Appraisal", a.name);
				return `<div class="my-class-card my-class-appraisal" data-appraisal="${esc(a.name)}">
					<h5>${esc(a.period)} <span class="indicator-pill ${approved ? "green" : "orange"}">${esc(
					__(a.workflow_state || (approved ? "Approved" : "Draft"))
				)}</span></h5>
					<div>${facts.join(" · ")}</div>
					<div class="small">${esc(a.teacher_name || "")}</div>
					<div class="text-muted small">${appeal_note}</div>
					<div class="my-class-links">
						<a class="btn btn-default btn-sm" href="${form}">${esc(__("View Appraisal"))}</a>
						<a class="btn btn-default btn-sm" href="${sheet}">${esc(__("Print Sheet"))}</a>
					</div>
					<details><summary>${esc(__("Lines"))}</summary>${lines}</details>
				</div>`;
			})
			.join("");
		return `<div class="my-class-appraisals">
			<h5 class="my-class-section">${esc(__("Appraisals"))}</h5>
			${cards || `<div class="my-class-card text-muted">${esc(__("No appraisal you may read covers this week yet."))}</div>`}
		</div>`;
	}

	// a new Appraisal Appeal of the appraisal with the line filled in: its rules apply on save
	appeal({ appraisal, code, title, points, note }) {
		frappe.new_doc("Appraisal Appeal", { appraisal: appraisal }, (doc) => {
			const row = frappe.model.add_child(doc, "lines");
			row.criterion_code = code;
			row.criterion_title = title; // shown until saved; the server sets both from the line
			row.points = points === "" || points == null ? null : Number(points);
			row.reason = note || "";
		});
	}
}
