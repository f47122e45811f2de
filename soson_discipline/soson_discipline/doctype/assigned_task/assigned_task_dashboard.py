from frappe import _


def get_data():
	return {
		"fieldname": "parent_task",
		"non_standard_fieldnames": {
			"Consultation Request": "assigned_task",
			"Urging": "assigned_task",
			"Task Extension Request": "assigned_task",
		},
		"transactions": [
			{"label": _("Broken Down To"), "items": ["Assigned Task"]},
			{"label": _("Follow-up"), "items": ["Consultation Request", "Urging", "Task Extension Request"]},
		],
	}
