// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Cadre", {
	setup(frm) {
		frm.set_query("rater", () => ({
			filters: { status: "Active", name: ["!=", frm.doc.name || ""] },
		}));
		frm.set_query("organization_unit", () => ({ filters: { disabled: 0 } }));
	},
	status(frm) {
		if (frm.doc.status !== "Active" && !frm.doc.date_left) {
			frm.set_value("date_left", frappe.datetime.get_today());
		}
	},
});
