// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.listview_settings["Unit Classification"] = {
	add_fields: ["final_level", "final_level_label", "docstatus"],
	onload(listview) {
		const presiding = ["Discipline Administrator", "Standing Committee", "System Manager"];
		if (!presiding.some((role) => frappe.user.has_role(role))) return;
		listview.page.add_inner_button(__("Create Unit Classifications"), () => {
			frappe.prompt(
				[
					{
						fieldname: "year",
						fieldtype: "Int",
						label: __("Year"),
						default: new Date().getFullYear(),
						reqd: 1,
					},
					{
						fieldname: "organization_unit",
						fieldtype: "Link",
						label: __("Organization Unit"),
						options: "Organization Unit",
						description: __("Leave empty for every unit."),
					},
				],
				(values) =>
					soson_discipline.create_from_list(
						listview,
						"soson_discipline.evaluation.unit_classification.create_unit_classifications",
						values,
						{
							queued: (n) => __("Creating {0} unit classifications in the background.", [n]),
							created: (n) => __("{0} unit classifications created.", [n]),
						}
					),
				__("Create Unit Classifications"),
				__("Create")
			);
		});
	},
};
