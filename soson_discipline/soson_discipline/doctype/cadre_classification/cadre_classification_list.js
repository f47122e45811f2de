// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.listview_settings["Cadre Classification"] = {
	add_fields: ["final_level", "disciplined", "workflow_state"],
	onload(listview) {
		if (!frappe.model.can_create("Cadre Classification")) return;
		listview.page.add_inner_button(__("Create Classifications"), () => {
			const dialog = new frappe.ui.Dialog({
				title: __("Create Classifications"),
				fields: [
					{
						fieldname: "classification_type",
						fieldtype: "Select",
						label: __("Classification Type"),
						options: [
							{ value: "Year", label: __("Year") },
							{ value: "Quarter", label: __("Quarter") },
						],
						default: "Year",
						reqd: 1,
					},
					{
						fieldname: "year",
						fieldtype: "Int",
						label: __("Year"),
						default: new Date().getFullYear(),
						reqd: 1,
					},
					{
						fieldname: "quarter",
						fieldtype: "Select",
						label: __("Quarter"),
						options: ["", "1", "2", "3", "4"],
						depends_on: "eval:doc.classification_type=='Quarter'",
						mandatory_depends_on: "eval:doc.classification_type=='Quarter'",
					},
					{
						fieldname: "organization_unit",
						fieldtype: "Link",
						label: __("Organization Unit"),
						options: "Organization Unit",
						description: __("Leave empty for every unit."),
					},
				],
				primary_action_label: __("Create"),
				primary_action(values) {
					dialog.hide();
					soson_discipline.create_from_list(
						listview,
						"soson_discipline.evaluation.classification.create_cadre_classifications",
						values,
						{
							queued: (n) => __("Creating {0} classifications in the background.", [n]),
							created: (n) => __("{0} classifications created.", [n]),
						}
					);
				},
			});
			dialog.show();
		});
	},
};
