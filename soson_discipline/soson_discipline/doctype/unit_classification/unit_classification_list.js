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
					frappe.call({
						method: "soson_discipline.evaluation.unit_classification.create_unit_classifications",
						args: values,
						freeze: true,
						callback(r) {
							const out = r.message || {};
							if (out.queued) {
								frappe.show_alert({
									message: __("Creating {0} unit classifications in the background.", [out.queued]),
									indicator: "blue",
								});
							} else {
								frappe.show_alert({
									message: __("{0} unit classifications created.", [out.created || 0]),
									indicator: "green",
								});
								listview.refresh();
							}
						},
					}),
				__("Create Unit Classifications"),
				__("Create")
			);
		});
	},
};
