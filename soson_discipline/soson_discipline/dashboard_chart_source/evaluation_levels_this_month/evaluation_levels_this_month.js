frappe.provide("frappe.dashboards.chart_sources");

// Figures computed server-side (soson_discipline.reporting.figures) within the user's scope (reporting.filters).
frappe.dashboards.chart_sources["Evaluation Levels This Month"] = {
	method: "soson_discipline.reporting.dashboard.evaluation_levels_this_month",
	filters: [],
};
