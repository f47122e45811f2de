frappe.provide("frappe.dashboards.chart_sources");

// Figures computed server-side within the user's scope (soson_discipline.permissions.get_scope_condition).
frappe.dashboards.chart_sources["Violations by Category over Time"] = {
	method: "soson_discipline.reporting.dashboard.violations_by_category",
	filters: [],
};
