// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Assigned Task", {
	setup(frm) {
		frm.set_query("assignee", () => ({ filters: { status: "Active" } }));
		// the products of the task unit's catalogue: its own, its parent units' and the shared ones
		frm.set_query("work_product_type", () => ({
			query: "soson_discipline.campaign.products.product_type_query",
			filters: { organization_unit: frm.doc.organization_unit || "" },
		}));
		frm.set_query("parent_task", () => ({ filters: { name: ["!=", frm.doc.name], status: ["!=", "Cancelled"] } }));
	},
	onload(frm) {
		// a new task is given by the user's own cadre unless another is chosen (issue 25 item 8)
		const me = frappe.boot.soson_discipline || {};
		if (frm.is_new() && !frm.doc.assigned_by && me.cadre) {
			frm.set_value("assigned_by", me.cadre);
		}
	},
	refresh(frm) {
		frm.trigger("show_what_the_assignee_may_change");
		if (!frm.is_new() && frm.doc.status !== "Cancelled" && soson_can_manage_task(frm)) {
			frm.add_custom_button(__("Break Down to Cadre"), () =>
				frappe.model.open_mapped_doc({
					method: "soson_discipline.campaign.sub_tasks.make_sub_task",
					frm: frm,
				})
			);
		}
		if (frm.doc.is_late) {
			frm.dashboard.set_headline_alert(
				frm.doc.objective_cause_confirmed
					? __("This task is late; its objective cause is confirmed: no points are deducted for it.")
					: __("This task is late."),
				frm.doc.objective_cause_confirmed ? "orange" : "red"
			);
		}
		frm.trigger("add_extension_button");
		frm.trigger("add_objective_cause_buttons");
	},
	add_extension_button(frm) {
		// asked before the due date by the assignee or a head above him or her (campaign/extensions.py)
		const open = ["Open", "In Progress"].includes(frm.doc.status);
		const in_time = frm.doc.due_date && frm.doc.due_date >= frappe.datetime.get_today();
		const me = frappe.boot.soson_discipline || {};
		const may_ask = frm.doc.assignee && (frm.doc.assignee === me.cadre || (me.units || []).length);
		if (frm.is_new() || !open || !in_time || !may_ask) return;
		// while a request is open, it is shown instead: a second one would be refused (issue 25)
		frappe.db
			.get_value("Task Extension Request", { assigned_task: frm.doc.name, workflow_state: "Requested" }, "name")
			.then(({ message }) => {
				const pending = message && message.name;
				frm.add_custom_button(
					pending ? __("Open Extension Request") : __("Request Extension"),
					() =>
						pending
							? frappe.set_route("Form", "Task Extension Request", pending)
							: frappe.new_doc("Task Extension Request", { assigned_task: frm.doc.name }),
					__("Due Date")
				);
			});
	},
	add_objective_cause_buttons(frm) {
		// claimed by the assignee, confirmed by the competent level (campaign/objective_cause.py)
		const doc = frm.doc;
		const me = frappe.boot.soson_discipline || {};
		const to_explain = doc.is_late || doc.delay_count || doc.failed_assessments || doc.quality_result === "Failed";
		if (frm.is_new() || !to_explain || doc.objective_cause_confirmed) return;
		const method = "soson_discipline.campaign.objective_cause.";
		if (doc.assignee === me.cadre && !doc.objective_cause_requested) {
			frm.add_custom_button(
				__("Request Objective Cause Confirmation"),
				() =>
					frappe.prompt(
						[{ fieldname: "claim", fieldtype: "Small Text", label: __("Claimed Cause"), reqd: 1 }],
						(values) =>
							frappe
								.xcall(method + "request_objective_cause", { task: doc.name, claim: values.claim })
								.then(() => frm.reload_doc()),
						__("Objective Cause"),
						__("Request")
					),
				__("Objective Cause")
			);
		}
		const may_confirm =
			doc.assignee !== me.cadre &&
			(frappe.user.has_role("Standing Committee") || (me.units || []).includes(doc.organization_unit));
		if (doc.objective_cause_requested && may_confirm) {
			frm.add_custom_button(
				__("Decide Objective Cause"),
				() => {
					const dialog = new frappe.ui.Dialog({
						title: __("Objective Cause"),
						fields: [
							{
								fieldtype: "HTML",
								options: `<p><b>${__("Claimed Cause")}:</b> ${frappe.utils.escape_html(
									doc.objective_cause_claim || ""
								)}</p>`,
							},
							{
								fieldname: "decision",
								fieldtype: "Select",
								label: __("Decision"),
								options: [
									{ value: "1", label: __("Confirm") },
									{ value: "0", label: __("Refuse") },
								],
								default: "1",
								reqd: 1,
							},
							{ fieldname: "reason", fieldtype: "Small Text", label: __("Confirmation Reason"), reqd: 1 },
							{
								fieldname: "attachment",
								fieldtype: "Attach",
								label: __("Confirmation Document"),
								depends_on: "eval:doc.decision == '1'",
							},
						],
						primary_action_label: __("Save"),
						primary_action(values) {
							frappe
								.xcall(method + "decide_objective_cause", {
									task: doc.name,
									confirm: values.decision,
									reason: values.reason,
									attachment: values.attachment || null,
								})
								.then(() => {
									dialog.hide();
									frm.reload_doc();
								});
						},
					});
					dialog.show();
				},
				__("Objective Cause")
			);
		}
	},
	due_date(frm) {
		// an issued task's due date moves with its reason, kept in the history
		if (frm.is_new()) return;
		frm.doc.__due_date_changed = 1;
		frm.refresh_field("deadline_change_reason");
		frm.toggle_reqd("deadline_change_reason", true);
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
	"work_product_type",
	"product_quantity",
	"weight",
	"weight_override",
	"weight_override_reason",
	"deadline_change_reason",
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
