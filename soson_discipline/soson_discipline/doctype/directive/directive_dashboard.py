from frappe import _


def get_data():
	return {
		"fieldname": "directive",
		"transactions": [
			{"label": _("Appendix"), "items": ["Violation Category"]},
			{"label": _("Implementation"), "items": ["Unit Plan", "Assigned Task", "Dissemination Session"]},
			{"label": _("Follow-up"), "items": ["Consultation Request", "Urging", "Inspection"]},
			{"label": _("Violations"), "items": ["Violation Record"]},
			{"label": _("Reporting"), "items": ["Periodic Report", "Standing Committee Conclusion"]},
		],
	}
