// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Assigned Task", {
	setup(frm) {
		frm.set_query("assignee", () => ({ filters: { status: "Active" } }));
		frm.set_query("parent_task", () => ({ filters: { name: ["!=", frm.doc.name], status: ["!=", "Cancelled"] } }));
	},
	refresh(frm) {
		frm.trigger("show_what_the_assignee_may_change");
		if (!frm.is_new() && frm.doc.status !== "Cancelled" && soson_can_manage_task(frm)) {
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
	show_what_the_assignee_may_change(frm) {
		// The server lets an assignee who neither assigned the task nor heads its unit report progress
		// only: the form shows the rest read-only rather than refusing it on save.
		if (frm.is_new() || soson_can_manage_task(frm)) return;
		SOSON_MANAGED_TASK_FIELDS.forEach((f) => frm.set_df_property(f, "read_only", 1));
		const status = frm.fields_dict.status;
		if (status && status.df.options) {
			frm.set_df_property(
				"status",
				"options",
				status.df.options.split("\n").filter((o) => o !== "Cancelled").join("\n")
			);
		}
	},
	status(frm) {
		if (frm.doc.status === "Completed" && !frm.doc.completed_on) {
			frm.set_value("completed_on", frappe.datetime.get_today());
		}
	},
});

// What only the assigner, a head of the task's unit (or a unit above it) or the presiding board
// changes (assigned_task.py MANAGED_FIELDS, and the quality assessment).
const SOSON_MANAGED_TASK_FIELDS = [
	"title",
	"organization_unit",
	"assignee",
	"assigned_by",
	"start_date",
	"due_date",
	"recurrence",
	"weight",
	"is_difficult",
	"consulted_unit",
	"unit_plan",
	"parent_task",
	"description",
	"expected_output",
	"quality_result",
	"quality_note",
	"coordinating_units",
];

function soson_can_manage_task(frm) {
	// permissions.can_manage_task, with what the desk knows (frappe.boot.soson_discipline).
	const me = frappe.boot.soson_discipline || {};
	if (frappe.user.has_role(["Discipline Administrator", "Standing Committee", "System Manager"])) {
		return true;
	}
	if (frm.doc.assigned_by && frm.doc.assigned_by === me.cadre) return true;
	return (me.units || []).includes(frm.doc.organization_unit);
}
