// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Acting Assignment", {
	setup(frm) {
		frm.set_query("acting_cadre", () => ({ filters: { status: "Active" } }));
		frm.set_query("for_cadre", () => ({ filters: { status: "Active" } }));
	},
	organization_unit(frm) {
		// a head's post is held for the unit's recorded head, unless the post is vacant
		if (frm.doc.post !== "Unit Head" || !frm.doc.organization_unit || frm.doc.reason === "Vacant Post") return;
		frappe.db.get_value("Organization Unit", frm.doc.organization_unit, "head_cadre").then(({ message }) => {
			frm.set_value("for_cadre", (message && message.head_cadre) || "");
		});
	},
	for_cadre(frm) {
		// a rater's post is held in the rater's own unit
		if (frm.doc.post !== "Rater" || !frm.doc.for_cadre) return;
		frappe.db.get_value("Cadre", frm.doc.for_cadre, "organization_unit").then(({ message }) => {
			if (message && message.organization_unit) frm.set_value("organization_unit", message.organization_unit);
		});
	},
	reason(frm) {
		if (frm.doc.post === "Unit Head" && frm.doc.reason === "Vacant Post") frm.set_value("for_cadre", "");
	},
});
