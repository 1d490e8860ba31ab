// A class's QR code (class_teacher_appraisal.inspection_qr) leads here, after logging in if need
// be: /app/inspect-class/<inspection item>/<class>. The page sends the duty teacher on to their
// round of today for the item at the class's row (a new round if they have none), or to the
// class's inspection if the item was inspected today already. The server decides which.
frappe.pages["inspect-class"].on_page_load = function (wrapper) {
	frappe.ui.make_app_page({ parent: wrapper, title: __("Inspect a Class"), single_column: true });
};

frappe.pages["inspect-class"].on_page_show = function (wrapper) {
	const esc = frappe.utils.escape_html;
	const [, inspection_item, class_record] = frappe.get_route();
	const body = $(wrapper).find(".layout-main-section");
	if (!inspection_item || !class_record) {
		body.html(`<p class="text-muted">${esc(__("Scan a class's QR code to inspect it."))}</p>`);
		return;
	}
	body.html(`<p class="text-muted">${esc(__("Opening today's round…"))}</p>`);
	frappe
		.call({
			method: "class_teacher_appraisal.inspection_qr.scan_target",
			type: "GET",
			args: { inspection_item, class_record },
		})
		.then(({ message }) => {
			// the scanned page is left out of the history: Back goes to where the user was
			frappe.route_flags.replace_route = true;
			if (message.inspection) {
				frappe.show_alert({
					message: __("{0} was inspected for {1} today already.", [
						esc(message.class_name),
						esc(message.inspection_item),
					]),
					indicator: "orange",
				});
				frappe.set_route("Form", "Inspection", message.inspection);
				return;
			}
			// taken by the round's form (inspection_round.js, take_scanned_class)
			frappe.flags.cta_scanned_class = message;
			if (message.round) {
				frappe.set_route("Form", "Inspection Round", message.round);
			} else {
				frappe.new_doc("Inspection Round", { inspection_item: message.inspection_item });
			}
		})
		.catch(() => body.html(""));
};
