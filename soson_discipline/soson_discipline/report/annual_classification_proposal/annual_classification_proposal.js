// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.query_reports["Annual Classification Proposal"] = {
	filters: [
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
			reqd: 1,
			default: new Date().getFullYear(),
		},
		{
			fieldname: "organization_unit",
			label: __("Organization Unit"),
			fieldtype: "Link",
			options: "Organization Unit",
		},
	],
};
