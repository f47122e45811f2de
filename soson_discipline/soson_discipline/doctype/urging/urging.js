// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Urging", {
	setup(frm) {
		frm.set_query("unit_plan", () => ({ filters: { docstatus: 1 } }));
		frm.set_query("assigned_task", "targets", (doc, cdt, cdn) => {
			const row = locals[cdt][cdn];
			const filters = { status: ["in", ["Open", "In Progress", "Overdue"]] };
			if (row.organization_unit) filters.organization_unit = row.organization_unit;
			if (doc.unit_plan) filters.unit_plan = doc.unit_plan;
			return { filters };
		});
	},

	refresh(frm) {
		if (frm.doc.docstatus !== 1 || !frappe.user.has_role("Unit Head")) return;
		frm.add_custom_button(__("Acknowledge"), () => {
			frappe.prompt(
				[{ fieldname: "response", fieldtype: "Small Text", label: __("Response") }],
				({ response }) =>
					soson_discipline.run_method(frm, "acknowledge", { response }).then(() => {
						frm.reload_doc();
						frappe.show_alert({ message: __("Urging acknowledged"), indicator: "green" });
					}),
				__("Acknowledge the Urging"),
				__("Acknowledge")
			);
		});
	},
});
