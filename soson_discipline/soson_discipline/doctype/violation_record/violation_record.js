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
