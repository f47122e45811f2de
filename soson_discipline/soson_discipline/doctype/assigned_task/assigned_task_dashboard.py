from frappe import _


def get_data():
	return {
		"fieldname": "parent_task",
		"transactions": [{"label": _("Broken Down To"), "items": ["Assigned Task"]}],
	}
