// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Unit Classification", {
	refresh(frm) {
		if (frm.doc.docstatus === 0 && frm.doc.proposed_level) {
			frm.set_intro(
				__("Proposed: {0} ({1} points). The level above approves it by submitting.", [
					frm.doc.proposed_level_label || frm.doc.proposed_level,
					format_number(frm.doc.total_score),
				]),
				"blue"
			);
		}
	},
});
