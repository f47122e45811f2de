// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Assigned Task", {
	setup(frm) {
		frm.set_query("assignee", () => ({ filters: { status: "Active" } }));
		frm.set_query("parent_task", () => ({ filters: { name: ["!=", frm.doc.name], status: ["!=", "Cancelled"] } }));
	},
	refresh(frm) {
		if (!frm.is_new() && frm.doc.status !== "Cancelled") {
			frm.add_custom_button(__("Break Down to Cadre"), () =>
				frappe.model.open_mapped_doc({
					method: "soson_discipline.soson_discipline.doctype.assigned_task.assigned_task.make_sub_task",
					frm: frm,
				})
			);
		}
		if (frm.doc.is_late) {
			frm.dashboard.set_headline_alert(__("This task is late."), "red");
		}
	},
	status(frm) {
		if (frm.doc.status === "Completed" && !frm.doc.completed_on) {
			frm.set_value("completed_on", frappe.datetime.get_today());
		}
	},
});
