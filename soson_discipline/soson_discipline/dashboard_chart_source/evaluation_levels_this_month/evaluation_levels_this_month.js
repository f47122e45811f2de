frappe.provide("frappe.dashboards.chart_sources");

// Figures computed server-side within the user's scope (soson_discipline.permissions.get_scope_condition).
frappe.dashboards.chart_sources["Evaluation Levels This Month"] = {
	method: "soson_discipline.reporting.dashboard.evaluation_levels_this_month",
	filters: [],
};
