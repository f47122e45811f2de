// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Organization Unit", {
	setup(frm) {
		frm.set_query("successor_unit", () => ({ filters: { name: ["!=", frm.doc.name] } }));
		frm.set_query("parent_organization_unit", () => ({
			filters: { is_group: 1, name: ["!=", frm.doc.name] },
		}));
		frm.set_query("head_cadre", () => ({
			filters: { organization_unit: frm.doc.name, status: "Active" },
		}));
	},
	refresh(frm) {
		if (frm.doc.valid_to && frappe.datetime.get_diff(frm.doc.valid_to, frappe.datetime.get_today()) < 0) {
			frm.dashboard.set_headline_alert(
				__("This unit ended on {0}.", [frappe.datetime.str_to_user(frm.doc.valid_to)]) +
					(frm.doc.successor_unit ? " " + __("Succeeded by {0}.", [frm.doc.successor_unit.bold()]) : ""),
				"orange"
			);
		}
		if (!frm.is_new()) {
			frm.add_custom_button(__("Cadres"), () =>
				frappe.set_route("List", "Cadre", { organization_unit: frm.doc.name })
			);
		}
	},
});
