// Copyright (c) 2026, Soson Discipline Contributors and contributors
// For license information, please see license.txt

// Calendar of dissemination sessions by date (the list's scope applies).
frappe.views.calendar["Dissemination Session"] = {
	field_map: {
		start: "session_date",
		end: "session_date",
		id: "name",
		title: "subject",
		allDay: "allDay",
	},
	get_events_method: "frappe.desk.calendar.get_events",
};
