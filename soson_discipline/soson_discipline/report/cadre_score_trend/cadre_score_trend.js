// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

frappe.query_reports["Cadre Score Trend"] = {
	filters: [
		{ fieldname: "cadre", label: __("Cadre"), fieldtype: "Link", options: "Cadre", reqd: 1 },
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.get_today(), -12),
		},
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.get_today() },
	],
	onload(report) {
		if (!report.get_filter_value("cadre")) {
			frappe.db.get_value("Cadre", { user: frappe.session.user }, "name").then((r) => {
				if (r.message && r.message.name) {
					report.set_filter_value("cadre", r.message.name);
				}
			});
		}
	},
};
