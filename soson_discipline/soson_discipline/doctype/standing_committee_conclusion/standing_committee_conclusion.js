// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Standing Committee Conclusion", {
	setup(frm) {
		frm.set_query("periodic_report", () => ({ filters: { docstatus: 1 } }));
		frm.set_query("owner_cadre", "points", (doc, cdt, cdn) => {
			const row = locals[cdt][cdn];
			return { filters: { status: "Active", ...(row.owner_unit ? { organization_unit: row.owner_unit } : {}) } };
		});
		// an early warning still open, of the point's unit when one is chosen
		frm.set_query("discipline_warning", "points", (doc, cdt, cdn) => {
			const row = locals[cdt][cdn];
			return {
				filters: {
					status: ["!=", "Closed"],
					...(row.owner_unit ? { organization_unit: row.owner_unit } : {}),
				},
			};
		});
	},

	refresh(frm) {
		// A conclusion is issued (ban hành), not "sent": Frappe labels the submit button "Submit" for
		// every DocType (translated without context), so this form names its own.
		if (frm.toolbar && frm.toolbar.current_status === "Submit" && !frm.doc.__unsaved) {
			frm.page.set_primary_action(__("Issue"), function () {
				return frm.savesubmit(this);
			});
			// and Frappe's "Submit this document to confirm" says what issuing does
			frm.dashboard.clear_comment();
			frm.dashboard.add_comment(
				__("Issue this conclusion: each of its points becomes an assigned task of the unit it names."),
				"blue",
				true
			);
		}
		if (frm.doc.docstatus === 1) {
			frm.set_intro(__("Issued: each point has become an assigned task."), "blue");
		}
	},
});
