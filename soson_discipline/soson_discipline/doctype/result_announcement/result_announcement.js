// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Result Announcement", {
	setup(frm) {
		// a month's results: the monthly periods only
		frm.set_query("evaluation_period", () => ({ filters: { period_type: "Monthly" } }));
	},

	refresh(frm) {
		if (frm.doc.docstatus === 0 && !frm.is_new()) {
			frm.set_intro(
				__("Submit to announce the results: every evaluation of the unit for the period must be approved; the unit's members then read the levels."),
				"blue"
			);
		}
	},

	kind(frm) {
		if (frm.doc.kind !== "Month") frm.set_value("evaluation_period", null);
		if (frm.doc.kind !== "Quarter") frm.set_value("quarter", null);
		if (frm.doc.kind === "Month") frm.set_value("year", null);
	},
});
