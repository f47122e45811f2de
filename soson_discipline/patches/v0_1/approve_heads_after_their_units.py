"""Existing sites (issue 22): a head's evaluation is approved after his or her unit's (Regulation
366-QĐ/TW), as on a new site; an office that approves heads earlier unticks it in Discipline Settings."""

import frappe


def execute():
	frappe.reload_doc("soson_discipline", "doctype", "discipline_settings")
	stored = frappe.db.sql(
		"""select value from `tabSingles`
		where doctype = 'Discipline Settings' and field = 'approve_heads_after_their_units'"""
	)
	if not stored:
		frappe.db.set_single_value("Discipline Settings", "approve_heads_after_their_units", 1)
