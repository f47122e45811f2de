// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Evaluation Appeal", {
	setup(frm) {
		// the cadre appeals his or her own approved results
		frm.set_query("cadre_evaluation", () => ({ filters: { docstatus: 1 } }));
		frm.set_query("cadre_classification", () => ({ filters: { docstatus: 1 } }));
	},

	onload(frm) {
		// the appellant is the user (the server checks it again): set before the first save
		if (frm.is_new() && !frm.doc.cadre) {
			frappe.db.get_value("Cadre", { user: frappe.session.user }, "name").then((r) => {
				if (r.message && r.message.name) frm.set_value("cadre", r.message.name);
			});
		}
	},

	refresh(frm) {
		const doc = frm.doc;
		const filed = doc.docstatus === 1;
		frm.toggle_enable(["cadre_evaluation", "cadre_classification"], !filed);
		if (doc.deadline && doc.docstatus === 0) {
			frm.set_intro(
				__("Submit to file the appeal, by {0} at the latest; the level above the one that approved decides.", [
					frappe.datetime.str_to_user(doc.deadline),
				]),
				"blue"
			);
		} else if (doc.status === "Open") {
			frm.set_intro(__("Open: awaiting the decision."), "orange");
		}
		if (!filed || doc.status !== "Open") return;

		const step = (method, args, message) =>
			soson_discipline.run_method(frm, method, args).then(() => {
				frm.reload_doc();
				frappe.show_alert({ message, indicator: "green" });
			});

		if (frm.doc.__onload?.can_decide) {
			const levels = (frm.doc.__onload.policy_levels || []).filter((l) => l !== doc.approved_level);
			frm.add_custom_button(__("Decide"), () => {
				frappe.prompt(
					[
						{
							fieldname: "decision",
							fieldtype: "Select",
							label: __("Decision"),
							options: [
								{ value: "Upheld", label: __("Upheld") },
								{ value: "Changed", label: __("Changed") },
							],
							default: "Upheld",
							reqd: 1,
						},
						{
							fieldname: "level",
							fieldtype: "Select",
							label: __("Decided Level"),
							options: [""].concat(levels),
							default: doc.requested_level || "",
							depends_on: "eval:doc.decision === 'Changed'",
							mandatory_depends_on: "eval:doc.decision === 'Changed'",
						},
						{
							fieldname: "score",
							fieldtype: "Float",
							label: __("Decided Score"),
							depends_on: "eval:doc.decision === 'Changed'",
							hidden: !doc.cadre_evaluation,
						},
						{ fieldname: "reason", fieldtype: "Small Text", label: __("Decision Reason"), reqd: 1 },
					],
					(values) => step("decide", values, __("Appeal decided")),
					__("Decide the Appeal"),
					__("Decide")
				);
			});
		}
		if (doc.cadre && frappe.session.user === frm.doc.__onload?.appellant_user) {
			frm.add_custom_button(__("Withdraw"), () =>
				frappe.confirm(__("Withdraw this appeal? A result is appealed once."), () =>
					step("withdraw", {}, __("Appeal withdrawn"))
				)
			);
		}
	},
});
