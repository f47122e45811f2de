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
	onload(report) {
		// opens on the latest period already begun (issue 25 item 8)
		if (report.get_filter_value("evaluation_period")) return;
		frappe.db
			.get_list("Evaluation Period", {
				fields: ["name"],
				filters: { period_start: ["<=", frappe.datetime.get_today()] },
				order_by: "period_start desc",
				limit: 1,
			})
			.then((periods) => {
				if (periods.length && !report.get_filter_value("evaluation_period")) {
					report.set_filter_value("evaluation_period", periods[0].name);
				}
			});
	},
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "quota_status" && data && data.top_count > data.allowed) {
			value = `<span class="text-danger">${value}</span>`;
		}
		return value;
	},
};
