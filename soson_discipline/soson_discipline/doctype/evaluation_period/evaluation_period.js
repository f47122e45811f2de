// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Evaluation Period", {
	refresh(frm) {
		if (frm.is_new()) {
			return;
		}
		const presiding = frappe.user.has_role(["System Manager", "Discipline Administrator"]);
		if (presiding && frm.doc.status !== "Finalized") {
			frm.add_custom_button(__("Create Evaluations"), () => {
				frm.call("create_evaluations").then((r) => {
					if (r.message) {
						frappe.show_alert({ message: r.message, indicator: "blue" });
					}
				});
			});
			frm.add_custom_button(__("Finalize"), () => {
				frappe.confirm(
					__("Finalize {0}? The quota is checked per unit and every evaluation is locked.", [frm.doc.title]),
					() => frm.call("finalize").then(() => frm.reload_doc())
				);
			});
		}
		frm.add_custom_button(__("Evaluations"), () => {
			frappe.set_route("List", "Cadre Evaluation", { evaluation_period: frm.doc.name });
		});
		frm.call("get_progress").then((r) => {
			const counts = r.message || {};
			const total = Object.values(counts).reduce((a, b) => a + b, 0);
			if (!total) {
				return;
			}
			const parts = Object.keys(counts).map((state) => `${__(state)}: ${counts[state]}`);
			frm.dashboard.set_headline(__("{0} evaluations ({1})", [total, parts.join(", ")]));
		});
	},
});
