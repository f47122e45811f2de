// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Unit Classification", {
	refresh(frm) {
		if (frm.doc.docstatus !== 0 || frm.is_new()) return;
		if (frm.doc.proposed_level) {
			frm.set_intro(
				__("Proposed: {0} ({1} points). The level above approves it by submitting.", [
					frm.doc.proposed_level_label || frm.doc.proposed_level,
					format_number(frm.doc.total_score, null, 2),
				]),
				"blue"
			);
		}
		// the unit itself proposes; only the level above it approves (submits)
		if (!(frm.doc.__onload || {}).can_approve && !frm.is_dirty()) {
			frm.page.set_primary_action(__("Save"), () => frm.save());
		}
	},
});
