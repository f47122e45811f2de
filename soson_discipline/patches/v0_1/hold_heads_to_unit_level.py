"""Existing sites (issue 29): a head's year is held to the approved level of the unit he or she heads,
as on a new site (Discipline Settings' *Hold Heads to Their Unit's Level*, on by default); an office
that does not apply the cap unticks it. A second run changes nothing."""

import frappe

from soson_discipline.evaluation.unit_classification import HOLD_HEADS_SETTING


def execute():
	frappe.reload_doc("soson_discipline", "doctype", "discipline_settings")
	if not frappe.db.exists("Singles", {"doctype": "Discipline Settings", "field": HOLD_HEADS_SETTING}):
		frappe.db.set_single_value("Discipline Settings", HOLD_HEADS_SETTING, 1)
