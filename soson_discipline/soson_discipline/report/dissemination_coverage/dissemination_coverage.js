// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.query_reports["Dissemination Coverage"] = {
	filters: [
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date" },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date" },
		{ fieldname: "organization_unit", label: __("Organization Unit"), fieldtype: "Link", options: "Organization Unit" },
		{ fieldname: "directive", label: __("Directive"), fieldtype: "Link", options: "Directive" },
		{ fieldname: "unit_plan", label: __("Unit Plan"), fieldtype: "Link", options: "Unit Plan" },
	],
	// the total row labelled in the user's language (public/js/desk.js)
	formatter: (...args) => soson_discipline.report_formatter(...args),
};
