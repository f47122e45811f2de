frappe.provide("frappe.dashboards.chart_sources");

// Figures computed server-side (soson_discipline.reporting.figures) within the user's scope (reporting.filters).
frappe.dashboards.chart_sources["Task Completion by Unit"] = {
	method: "soson_discipline.reporting.dashboard.task_completion_by_unit",
	filters: [],
};
