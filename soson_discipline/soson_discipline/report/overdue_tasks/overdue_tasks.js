// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.query_reports["Overdue Tasks"] = {
	filters: [
		{ fieldname: "as_of_date", label: __("As of Date"), fieldtype: "Date", default: frappe.datetime.get_today() },
		{ fieldname: "organization_unit", label: __("Organization Unit"), fieldtype: "Link", options: "Organization Unit" },
		{ fieldname: "assignee", label: __("Assignee"), fieldtype: "Link", options: "Cadre" },
		{ fieldname: "unit_plan", label: __("Unit Plan"), fieldtype: "Link", options: "Unit Plan" },
	],
};
