from frappe import _


def get_data():
	"""The Organization Unit form's connections: its people, plans, tasks, sessions, evaluations,
	inspections, violation records and reports (each counted within what the user may see)."""
	return {
		"fieldname": "organization_unit",
		"non_standard_fieldnames": {"Unit Plan": "issuing_unit", "Inspection": "inspecting_unit"},
		"transactions": [
			{"label": _("People"), "items": ["Cadre", "Cadre Evaluation", "Cadre Classification"]},
			{"label": _("Work"), "items": ["Unit Plan", "Assigned Task", "Dissemination Session"]},
			{"label": _("Discipline"), "items": ["Inspection", "Violation Record"]},
			{"label": _("Reports"), "items": ["Periodic Report"]},
		],
	}
