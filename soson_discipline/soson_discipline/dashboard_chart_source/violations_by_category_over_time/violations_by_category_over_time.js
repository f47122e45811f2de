frappe.provide("frappe.dashboards.chart_sources");

// Figures computed server-side (soson_discipline.reporting.figures) within the user's scope (reporting.filters).
frappe.dashboards.chart_sources["Violations by Category over Time"] = {
	method: "soson_discipline.reporting.dashboard.violations_by_category",
	filters: [],
};
