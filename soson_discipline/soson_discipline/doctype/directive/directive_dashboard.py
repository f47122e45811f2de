from frappe import _


def get_data():
	return {
		"fieldname": "directive",
		"transactions": [
			{"label": _("Appendix"), "items": ["Violation Category"]},
			{"label": _("Implementation"), "items": ["Unit Plan", "Assigned Task", "Dissemination Session"]},
		],
	}
