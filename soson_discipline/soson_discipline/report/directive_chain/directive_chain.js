// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.query_reports["Directive Chain"] = {
	filters: [{ fieldname: "directive", label: __("Directive"), fieldtype: "Link", options: "Directive", reqd: 1 }],
	tree: true,
	name_field: "row_key",
	parent_field: "parent_key",
	initial_depth: 2,
};
