// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Task Extension Request", {
	setup(frm) {
		frm.set_query("assigned_task", () => ({
			filters: { status: ["in", ["Open", "In Progress"]] },
		}));
	},

	refresh(frm) {
		// the requester changes the date and the reason; those who decide write the decision note
		const requester = frm.is_new() || frm.doc.requested_by_user === frappe.session.user;
		frm.set_df_property("requested_due_date", "read_only", !requester);
		frm.set_df_property("reason", "read_only", !requester);
		frm.set_df_property("decision_note", "read_only", requester || frm.doc.docstatus !== 0);
		if (frm.doc.docstatus === 0 && frm.doc.current_due_date) {
			frm.set_intro(
				__("Due on {0}; asked before that date, the assigner or the unit head decides.", [
					frappe.datetime.str_to_user(frm.doc.current_due_date),
				])
			);
		}
	},

	// a refusal says why: the decision note is asked for before the workflow moves on
	before_workflow_action(frm) {
		if (frm.selected_workflow_action !== "Reject" || (frm.doc.decision_note || "").trim()) {
			return;
		}
		frappe.dom.unfreeze();
		return new Promise((resolve, reject) => {
			let confirmed = false;
			const dialog = new frappe.ui.Dialog({
				title: __("Reject the Extension"),
				fields: [
					{
						fieldname: "decision_note",
						fieldtype: "Small Text",
						label: __("Decision Note"),
						reqd: 1,
					},
				],
				primary_action_label: __("Reject"),
				primary_action(values) {
					confirmed = true;
					dialog.hide();
					frm.set_value("decision_note", values.decision_note);
					frm.save().then(() => {
						frappe.dom.freeze();
						resolve();
					}, reject);
				},
			});
			dialog.onhide = () => !confirmed && reject();
			dialog.show();
		});
	},
});
