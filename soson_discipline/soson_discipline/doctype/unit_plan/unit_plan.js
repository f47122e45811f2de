// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Unit Plan", {
	setup(frm) {
		frm.set_query("parent_plan", () => ({ filters: { docstatus: 1, name: ["!=", frm.doc.name] } }));
		frm.set_query("lead_unit", "tasks", () => ({ filters: { disabled: 0 } }));
	},
	refresh(frm) {
		if (frm.doc.docstatus === 1 && frm.perm[0] && frm.perm[0].submit) {
			frm.add_custom_button(__("Create Missing Tasks"), () =>
				frm.call("create_missing_tasks").then(() => frm.reload_doc())
			);
		}
		if (frm.doc.docstatus === 1) {
			frm.add_custom_button(
				__("Sub-Plan"),
				() => {
					frappe.new_doc("Unit Plan", {
						parent_plan: frm.doc.name,
						directive: frm.doc.directive,
						presiding_unit: frm.doc.presiding_unit,
						reporting_frequency: frm.doc.reporting_frequency,
					});
				},
				__("Create")
			);
			frm.add_custom_button(
				__("Dissemination Session"),
				() => {
					frappe.new_doc("Dissemination Session", {
						unit_plan: frm.doc.name,
						directive: frm.doc.directive,
					});
				},
				__("Create")
			);
		}
	},
});
