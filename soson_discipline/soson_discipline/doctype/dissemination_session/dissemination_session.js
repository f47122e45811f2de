// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Dissemination Session", {
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
