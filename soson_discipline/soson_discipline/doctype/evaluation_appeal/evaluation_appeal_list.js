// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.listview_settings["Evaluation Appeal"] = {
	add_fields: ["status"],
	get_indicator(doc) {
		const colours = { Draft: "gray", Open: "orange", Upheld: "blue", Changed: "green", Withdrawn: "gray" };
		return [__(doc.status), colours[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
