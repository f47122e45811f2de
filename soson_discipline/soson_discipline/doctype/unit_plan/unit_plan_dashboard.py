from frappe import _


def get_data():
	return {
		"fieldname": "unit_plan",
		"non_standard_fieldnames": {"Unit Plan": "parent_plan"},
		"transactions": [
			{"label": _("Implementation"), "items": ["Unit Plan", "Assigned Task"]},
			{"label": _("Dissemination"), "items": ["Dissemination Session"]},
		],
	}
