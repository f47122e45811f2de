from frappe import _


def get_data():
	return {
		"fieldname": "inspection",
		"transactions": [{"label": _("Violations"), "items": ["Violation Record"]}],
	}
