// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.query_reports["Consultations by Unit"] = {
	filters: [
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", default: frappe.datetime.add_months(frappe.datetime.get_today(), -3) },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.get_today() },
		{ fieldname: "consulted_unit", label: __("Consulted Unit"), fieldtype: "Link", options: "Organization Unit" },
		{ fieldname: "organization_unit", label: __("Requesting Unit"), fieldtype: "Link", options: "Organization Unit" },
		{ fieldname: "unit_plan", label: __("Unit Plan"), fieldtype: "Link", options: "Unit Plan" },
		{ fieldname: "directive", label: __("Directive"), fieldtype: "Link", options: "Directive" },
	],
};
