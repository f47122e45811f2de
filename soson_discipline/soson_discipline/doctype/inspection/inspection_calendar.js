// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

// Calendar of inspections from their first to their last day (the list's scope applies).
frappe.views.calendar["Inspection"] = {
	field_map: {
		start: "inspection_date",
		end: "end_date",
		id: "name",
		title: "title",
		allDay: "allDay",
		status: "status",
	},
	style_map: {
		Planned: "warning",
		"In Progress": "info",
		Completed: "success",
		Cancelled: "default",
	},
	get_events_method: "frappe.desk.calendar.get_events",
};
