// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Consultation Request", {
	setup(frm) {
		frm.set_query("unit_plan", () => ({ filters: { docstatus: 1 } }));
	},

	onload(frm) {
		if (frm.is_new() && !frm.doc.requested_by) {
			frappe.db
				.get_value("Cadre", { user: frappe.session.user }, "name")
				.then(({ message }) => message && frm.set_value("requested_by", message.name));
		}
	},

	refresh(frm) {
		if (frm.is_new() || frm.doc.status !== "Open") return;
		frm.add_custom_button(__("Answer"), () => {
			frappe.prompt(
				[{ fieldname: "opinion", fieldtype: "Text Editor", label: __("Opinion"), reqd: 1 }],
				({ opinion }) =>
					frm.call({ doc: frm.doc, method: "answer", args: { opinion }, freeze: true }).then(() => frm.reload_doc()),
				__("Opinion of the Consulted Unit"),
				__("Answer")
			);
		});
		frm.add_custom_button(__("Withdraw"), () => {
			frappe.confirm(__("Withdraw this consultation request?"), () =>
				frm.call({ doc: frm.doc, method: "withdraw", freeze: true }).then(() => frm.reload_doc())
			);
		});
	},
});
