// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.query_reports["Monthly Evaluation Summary"] = {
	filters: [
		{
			fieldname: "evaluation_period",
			label: __("Evaluation Period"),
			fieldtype: "Link",
			options: "Evaluation Period",
			reqd: 1,
		},
		{
			fieldname: "organization_unit",
			label: __("Organization Unit"),
			fieldtype: "Link",
			options: "Organization Unit",
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "quota_status" && data && data.top_count > data.allowed) {
			value = `<span class="text-danger">${value}</span>`;
		}
		return value;
	},
};
