// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.query_reports["Units Late to Report or Disseminate"] = {
	filters: [
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", reqd: 1, default: frappe.datetime.month_start() },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", reqd: 1, default: frappe.datetime.month_end() },
		{ fieldname: "directive", label: __("Directive"), fieldtype: "Link", options: "Directive" },
		{ fieldname: "unit_plan", label: __("Unit Plan"), fieldtype: "Link", options: "Unit Plan" },
		{ fieldname: "organization_unit", label: __("Organization Unit"), fieldtype: "Link", options: "Organization Unit" },
		{ fieldname: "show_all", label: __("Show Units on Time Too"), fieldtype: "Check" },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (["report_status", "dissemination_status"].includes(column.fieldname) && data) {
			const late = data[column.fieldname] === __("Late");
			return `<span style="color: ${late ? "var(--red-600)" : "inherit"}">${value}</span>`;
		}
		return value;
	},
};
