// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.query_reports["Task Progress by Unit"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.month_start(), -1),
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			default: frappe.datetime.month_end(),
		},
		{ fieldname: "organization_unit", label: __("Organization Unit"), fieldtype: "Link", options: "Organization Unit" },
		{ fieldname: "unit_plan", label: __("Unit Plan"), fieldtype: "Link", options: "Unit Plan" },
		{ fieldname: "directive", label: __("Directive"), fieldtype: "Link", options: "Directive" },
	],
	// the total row labelled in the user's language (public/js/desk.js)
	formatter: (...args) => soson_discipline.report_formatter(...args),
};
