// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Periodic Report", {
	setup(frm) {
		frm.set_query("unit_plan", () => ({ filters: { docstatus: 1 } }));
		frm.set_query("signer", () => ({ filters: { status: "Active" } }));
	},

	refresh(frm) {
		if (frm.doc.docstatus === 0 && !frm.is_new()) {
			frm.add_custom_button(__("Refresh Figures"), () => {
				frm.call({
					doc: frm.doc,
					method: "refresh_figures",
					freeze: true,
					freeze_message: __("Compiling the figures of the period..."),
					callback: (r) => {
						if (r.message && r.message.changed) {
							frm.reload_doc();
							frappe.show_alert({ message: __("Figures refreshed"), indicator: "green" });
						} else {
							frappe.show_alert({ message: __("The figures are up to date."), indicator: "blue" });
						}
					},
				});
			});
		}
		if (frm.doc.docstatus === 1) {
			frm.set_intro(__("This report has been submitted; its figures are final."), "blue");
		}
		if (
			frm.doc.docstatus === 1 &&
			!frm.doc.received_on &&
			frappe.user.has_role(["Standing Committee", "Discipline Administrator"])
		) {
			frm.add_custom_button(__("Mark Received"), () => {
				soson_discipline.run_method(frm, "mark_received").then(() => {
					frm.reload_doc();
					frappe.show_alert({ message: __("Receipt recorded"), indicator: "green" });
				});
			});
		}
		if (frm.doc.docstatus === 1 && frappe.user.has_role(["Standing Committee", "Discipline Administrator"])) {
			frm.add_custom_button(__("Standing Committee Conclusion"), () => {
				frappe.new_doc("Standing Committee Conclusion", { periodic_report: frm.doc.name });
			}, __("Create"));
		}
	},

	unit_plan(frm) {
		if (!frm.doc.unit_plan) return;
		frappe.db
			.get_value("Unit Plan", frm.doc.unit_plan, [
				"reporting_frequency",
				"directive",
				"report_to_unit",
				"issuing_unit",
			])
			.then(({ message: plan }) => {
				if (!plan) return;
				if (plan.reporting_frequency) frm.set_value("frequency", plan.reporting_frequency);
				if (plan.directive) frm.set_value("directive", plan.directive);
				if (plan.report_to_unit && !frm.doc.report_to_unit)
					frm.set_value("report_to_unit", plan.report_to_unit);
				if (plan.issuing_unit && !frm.doc.covered_unit)
					frm.set_value("covered_unit", plan.issuing_unit);
			});
	},
});
