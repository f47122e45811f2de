"""Cadre Evaluation and Violation Record shipped with `amended_from` defined twice, so Customize Form
refused every change to them (UniqueFieldnameError). Model sync re-imports the corrected DocType JSON;
this makes sure no duplicate DocField row is left behind, keeping the first one."""

import frappe

DOCTYPES = ("Cadre Evaluation", "Violation Record")


def execute():
	for doctype in DOCTYPES:
		rows = frappe.get_all(
			"DocField",
			filters={"parent": doctype, "parenttype": "DocType", "fieldname": "amended_from"},
			pluck="name",
			order_by="idx asc, creation asc",
		)
		if len(rows) > 1:
			frappe.db.delete("DocField", {"name": ("in", rows[1:])})
			frappe.clear_cache(doctype=doctype)
