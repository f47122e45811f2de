// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

// Calendar of tasks by due date (the list's scope applies: each user sees the tasks he or she may).
frappe.views.calendar["Assigned Task"] = {
	field_map: {
		start: "due_date",
		end: "due_date",
		id: "name",
		title: "title",
		allDay: "allDay",
		status: "status",
	},
	style_map: {
		Open: "warning",
		"In Progress": "info",
		Completed: "success",
		Overdue: "danger",
		Cancelled: "default",
	},
	get_events_method: "frappe.desk.calendar.get_events",
};
