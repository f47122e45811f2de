// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Violation Record", {
	setup(frm) {
		const cadre_query = "soson_discipline.violations.search.cadre_query";
		frm.set_query("cadre", () => ({
			query: cadre_query,
			filters: frm.doc.inspection ? { inspection: frm.doc.inspection } : {},
		}));
		frm.set_query("violation_category", () => {
			const filters = { disabled: 0 };
			if (frm.doc.directive) filters.directive = frm.doc.directive;
			return { filters };
		});
		frm.set_query("inspection", () => ({ filters: { status: ["!=", "Cancelled"] } }));
		frm.set_query("responsible", "corrective_actions", () => ({ query: cadre_query, filters: {} }));
	},

	refresh(frm) {
		const steps = (frm.doc.__onload && frm.doc.__onload.my_steps) || {};
		if (steps.verifier_must_differ) {
			frm.set_intro(
				__(
					"You recorded or last changed this violation: another inspector or a member of the presiding board verifies or dismisses it (nobody approves his or her own record)."
				),
				"blue"
			);
		}
		if (steps.can_explain) {
			if (!frm.doc.cadre_explanation) {
				frm.set_intro(
					__("This record is about you: write your explanation before it is concluded."),
					"orange"
				);
			}
			frm.add_custom_button(
				frm.doc.cadre_explanation ? __("Edit My Explanation") : __("Write My Explanation"),
				() => soson_discipline_write_explanation(frm)
			);
		}
		(steps.own_actions || []).forEach((row_name) => {
			const row = (frm.doc.corrective_actions || []).find((r) => r.name === row_name);
			if (!row) return;
			frm.add_custom_button(
				__("Row {0}: {1}", [row.idx, frappe.ellipsis(row.action || "", 40)]),
				() => soson_discipline_complete_action(frm, row),
				__("Mark My Action Done")
			);
		});
	},

	violation_category(frm) {
		if (!frm.doc.violation_category) return;
		frappe.db
			.get_value("Violation Category", frm.doc.violation_category, ["default_severity", "directive"])
			.then(({ message }) => {
				if (!message) return;
				if (message.default_severity) frm.set_value("severity", message.default_severity);
				if (message.directive && !frm.doc.directive) frm.set_value("directive", message.directive);
			});
	},

	inspection(frm) {
		if (!frm.doc.inspection) return;
		frappe.db
			.get_value("Inspection", frm.doc.inspection, ["is_surprise", "directive", "inspecting_unit"])
			.then(({ message }) => {
				if (!message) return;
				frm.set_value("detection_source", message.is_surprise ? "Surprise Check" : "Inspection");
				if (message.directive) frm.set_value("directive", message.directive);
				if (!frm.doc.recording_unit) frm.set_value("recording_unit", message.inspecting_unit);
			});
	},

	before_workflow_action(frm) {
		// Dismissing needs a reason: ask for it and save it before the transition is applied.
		if (frm.selected_workflow_action !== "Dismiss" || frm.doc.dismissal_reason) return;
		return new Promise((resolve, reject) => {
			frappe.prompt(
				{ fieldname: "reason", fieldtype: "Small Text", label: __("Dismissal Reason"), reqd: 1 },
				({ reason }) => {
					frm.set_value("dismissal_reason", reason);
					frm.save(frm.doc.docstatus === 1 ? "Update" : "Save").then(resolve, reject);
				},
				__("Dismiss Violation Record"),
				__("Dismiss")
			);
		});
	},
});

function soson_discipline_write_explanation(frm) {
	frappe.prompt(
		{
			fieldname: "explanation",
			fieldtype: "Small Text",
			label: __("Explanation of the Cadre"),
			default: frm.doc.cadre_explanation || "",
			reqd: 1,
		},
		({ explanation }) =>
			soson_discipline.run_method(frm, "write_explanation", { explanation }).then(() => frm.reload_doc()),
		__("Your Explanation"),
		__("Save")
	);
}

function soson_discipline_complete_action(frm, row) {
	frappe.prompt(
		[
			{ fieldtype: "HTML", options: `<p>${frappe.utils.escape_html(row.action || "")}</p>` },
			{
				fieldname: "completed_on",
				fieldtype: "Date",
				label: __("Completed On"),
				default: frappe.datetime.get_today(),
				reqd: 1,
			},
			{ fieldname: "result", fieldtype: "Small Text", label: __("Result") },
		],
		({ completed_on, result }) =>
			soson_discipline
				.run_method(frm, "complete_corrective_action", { row: row.name, completed_on, result })
				.then(() => frm.reload_doc()),
		__("Corrective Action Done"),
		__("Save")
	);
}
