// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

// Figures that name a level or a record rather than count something: no number shown (as
// scoring/signals.py VALUELESS_MEASURES).
const WITHOUT_VALUE = ["Rated Level", "Leader's Level", "Violation", "Periodic Report Late", "Dissemination Late"];

frappe.ui.form.on("Discipline Warning", {
	setup(frm) {
		frm.get_docfield("figures", "value").formatter = (value, df, options, doc) =>
			doc && WITHOUT_VALUE.includes(doc.measure) ? "" : frappe.form.formatters.Float(value, df, options, doc);
	},

	refresh(frm) {
		const doc = frm.doc;
		frm.set_intro(
			doc.still_holds
				? ""
				: __("The signal no longer held on {0}.", [frappe.datetime.str_to_user(doc.no_longer_holds_on)]),
			"blue"
		);
		if (doc.status === "Closed" || !frm.perm[0]?.write) return;

		const step = (method, args, message) =>
			frm.call({ doc, method, args, freeze: true }).then((r) => {
				frm.reload_doc();
				if (message) frappe.show_alert({ message, indicator: "green" });
				return r;
			});

		if (doc.status === "New") {
			frm.add_custom_button(__("Acknowledge"), () => step("acknowledge", {}, __("Warning acknowledged")));
		}
		const open_created = (doctype, method) =>
			step(method).then((r) => r.message && frappe.set_route("Form", doctype, r.message));
		if (!doc.urging && frappe.model.can_create("Urging")) {
			frm.add_custom_button(__("Urging"), () => open_created("Urging", "create_urging"), __("Create"));
		}
		if (!doc.inspection && frappe.model.can_create("Inspection")) {
			frm.add_custom_button(
				__("Inspection"),
				() => open_created("Inspection", "create_inspection"),
				__("Create")
			);
		}
		frm.add_custom_button(__("Close"), () => {
			frappe.prompt(
				[
					{
						fieldname: "note",
						fieldtype: "Small Text",
						label: __("Closing Note"),
						reqd: !(doc.urging || doc.inspection || doc.conclusion || doc.violation_record),
					},
				],
				({ note }) => step("close", { note }, __("Warning closed")),
				__("Close the Warning"),
				__("Close")
			);
		});
	},
});
