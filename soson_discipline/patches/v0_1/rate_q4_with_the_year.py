"""The shipped Regulation 366-QĐ/TW policy rates the fourth quarter with the year (Guidance
43-HD/BTCTW): sites that have it get the new flag set; an office's other policies are left as they
are."""

import frappe

from soson_discipline.scoring.standard import REGULATION_366


def execute():
	if frappe.db.exists("Evaluation Policy", REGULATION_366.name):
		frappe.db.set_value(
			"Evaluation Policy", REGULATION_366.name, "q4_with_year", 1, update_modified=False
		)
