// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

// A submitted conclusion has been issued (ban hành): so its indicator reads, in the list and the form.
frappe.listview_settings["Standing Committee Conclusion"] = {
	get_indicator(doc) {
		if (doc.docstatus === 1) return [__("Issued"), "blue", "docstatus,=,1"];
	},
};
