// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.query_reports["Early Warnings"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.month_start(frappe.datetime.add_months(frappe.datetime.get_today(), -11)),
			reqd: 1,
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
		{ fieldname: "organization_unit", label: __("Organization Unit"), fieldtype: "Link", options: "Organization Unit" },
		{
			fieldname: "warning_type",
			label: __("Warning Type"),
			fieldtype: "Select",
			options: [
				"",
				...[
					"Repeatedly Not Completed",
					"Chronic Lateness",
					"Repeated Violation",
					"Unit Slipping",
					"Late Reporting or Dissemination",
					"Uniform Ratings",
					"Leader Out of Step",
				].map((value) => ({ value, label: __(value) })),
			],
		},
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: ["", ...["New", "Acknowledged", "Acted on", "Closed"].map((value) => ({ value, label: __(value) }))],
		},
		{ fieldname: "cadre", label: __("Cadre"), fieldtype: "Link", options: "Cadre" },
	],
	formatter: (...args) => soson_discipline.report_formatter(...args),
};
