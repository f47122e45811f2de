// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.listview_settings["Assigned Task"] = {
	add_fields: ["status", "is_late", "due_date"],
	get_indicator(doc) {
		const colors = {
			Open: "orange",
			"In Progress": "blue",
			Completed: doc.is_late ? "yellow" : "green",
			Overdue: "red",
			Cancelled: "gray",
		};
		return [__(doc.status), colors[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
