// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

// One wording of an inspection's status wherever it shows (list, form indicator, the Status field):
// the field's options are translated with the DocType as context, so the indicator is too.
frappe.listview_settings["Inspection"] = {
	add_fields: ["status"],
	get_indicator(doc) {
		const colours = { Planned: "gray", "In Progress": "orange", Completed: "green", Cancelled: "red" };
		return [__(doc.status, null, "Inspection"), colours[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
