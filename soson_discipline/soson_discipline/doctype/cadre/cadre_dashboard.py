from frappe import _


def get_data():
	"""The Cadre form's connections: his or her evaluations, tasks and violation records (each counted
	within what the user may see)."""
	return {
		"fieldname": "cadre",
		"non_standard_fieldnames": {"Assigned Task": "assignee"},
		"transactions": [
			{"label": _("Work"), "items": ["Assigned Task"]},
			{"label": _("Evaluation"), "items": ["Cadre Evaluation", "Cadre Classification"]},
			{"label": _("Discipline"), "items": ["Violation Record"]},
		],
	}
