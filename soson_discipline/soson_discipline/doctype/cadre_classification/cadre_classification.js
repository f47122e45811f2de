// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Cadre Classification", {
	refresh(frm) {
		frm.set_intro("");
		if (frm.doc.disciplined) {
			frm.set_intro(
				__("Disciplined in this span: the classification stays at the not-completed level."),
				"red"
			);
		} else if (frm.doc.final_level && frm.doc.proposed_level && frm.doc.final_level !== frm.doc.proposed_level) {
			frm.set_intro(
				__("Final level {0} differs from the proposed level {1}.", [frm.doc.final_level, frm.doc.proposed_level]),
				"orange"
			);
		}
		soson_discipline.show_appeal(frm);
	},
	classification_type(frm) {
		if (frm.doc.classification_type !== "Quarter") frm.set_value("quarter", "");
	},
});
