frappe.provide("frappe.dashboards.chart_sources");

// Figures computed server-side within the user's scope (soson_discipline.permissions.get_scope_condition).
frappe.dashboards.chart_sources["Task Completion by Unit"] = {
	method: "soson_discipline.reporting.dashboard.task_completion_by_unit",
	filters: [],
};
