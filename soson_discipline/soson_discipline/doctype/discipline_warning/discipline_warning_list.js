// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.listview_settings["Discipline Warning"] = {
	add_fields: ["status", "still_holds"],
	get_indicator(doc) {
		const colours = { New: "red", Acknowledged: "orange", "Acted on": "blue", Closed: "green" };
		return [__(doc.status), colours[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
