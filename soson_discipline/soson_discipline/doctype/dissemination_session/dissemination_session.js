// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Dissemination Session", {
	onload(frm) {
		// A unit head records his or her own unit's session, chaired by himself or herself by default.
		const me = frappe.boot.soson_discipline || {};
		if (frm.is_new()) {
			if (!frm.doc.organization_unit && me.organization_unit) {
				frm.set_value("organization_unit", me.organization_unit);
			}
			if (!frm.doc.chaired_by && me.cadre) {
				frm.set_value("chaired_by", me.cadre);
			}
		}
	},
	unit_plan(frm) {
		if (frm.doc.unit_plan && !frm.doc.directive) {
			frappe.db.get_value("Unit Plan", frm.doc.unit_plan, "directive").then(({ message }) => {
				if (message && message.directive) frm.set_value("directive", message.directive);
			});
		}
	},
	refresh(frm) {
		frm.set_query("unit_plan", () => ({ filters: { docstatus: 1 } }));
	},
});

frappe.ui.form.on("Dissemination Audience", {
	expected: (frm, cdt, cdn) => update_rate(frm, cdt, cdn),
	attended: (frm, cdt, cdn) => update_rate(frm, cdt, cdn),
});

function update_rate(frm, cdt, cdn) {
	const row = locals[cdt][cdn];
	const rate = row.expected ? (100 * (row.attended || 0)) / row.expected : 0;
	frappe.model.set_value(cdt, cdn, "participation_rate", Math.round(rate * 10) / 10);
}
