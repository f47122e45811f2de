"""Existing sites (issue 29): a unit's members read its announced levels, as on a new site (Discipline
Settings' *Announce Levels to the Unit's Members*, on by default); an office that does not publish the
results within the unit unticks it."""

import frappe


def execute():
	frappe.reload_doc("soson_discipline", "doctype", "discipline_settings")
	stored = frappe.db.sql(
		"""select value from `tabSingles`
		where doctype = 'Discipline Settings' and field = 'announce_levels_to_members'"""
	)
	if not stored:
		frappe.db.set_single_value("Discipline Settings", "announce_levels_to_members", 1)
