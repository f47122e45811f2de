// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.query_reports["Violations by Category and Unit"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.year_start(),
			reqd: 1,
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
		{
			fieldname: "organization_unit",
			label: __("Organization Unit"),
			fieldtype: "Link",
			options: "Organization Unit",
		},
		{
			fieldname: "directive",
			label: __("Directive"),
			fieldtype: "Link",
			options: "Directive",
		},
		{
			fieldname: "violation_category",
			label: __("Violation Category"),
			fieldtype: "Link",
			options: "Violation Category",
			get_query: () => {
				const directive = frappe.query_report.get_filter_value("directive");
				return directive ? { filters: { directive } } : {};
			},
		},
		{
			fieldname: "inspection",
			label: __("Inspection"),
			fieldtype: "Link",
			options: "Inspection",
		},
		{
			fieldname: "detection_source",
			label: __("Detection Source"),
			fieldtype: "Select",
			options: [
				"",
				{ value: "Inspection", label: __("Inspection") },
				{ value: "Surprise Check", label: __("Surprise Check") },
				{ value: "Citizen Feedback", label: __("Citizen Feedback") },
				{ value: "Self-Report", label: __("Self-Report") },
				{ value: "Superior Report", label: __("Superior Report") },
				{ value: "Other", label: __("Other") },
			],
		},
	],
	// the total row labelled in the user's language (public/js/desk.js)
	formatter: (...args) => soson_discipline.report_formatter(...args),
};
