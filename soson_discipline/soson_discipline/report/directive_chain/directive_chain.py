# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""One directive's whole chain on one page (see `followup.chain`)."""

import frappe
from frappe import _

from soson_discipline.followup.chain import get_chain


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	if not filters.get("directive"):
		return get_columns(), []
	frappe.has_permission("Directive", "read", filters.directive, throw=True)
	return get_columns(), get_chain(filters.directive)


def get_columns() -> list[dict]:
	return [
		{"fieldname": "title", "label": _("Chain"), "fieldtype": "Data", "width": 380},
		{
			"fieldname": "document_type",
			"label": _("Document Type"),
			"fieldtype": "Link",
			"options": "DocType",
			"width": 170,
		},
		{
			"fieldname": "document",
			"label": _("Document"),
			"fieldtype": "Dynamic Link",
			"options": "document_type",
			"width": 160,
		},
		{
			"fieldname": "organization_unit",
			"label": _("Organization Unit"),
			"fieldtype": "Link",
			"options": "Organization Unit",
			"width": 180,
		},
		{"fieldname": "date", "label": _("Date"), "fieldtype": "Date", "width": 100},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 120},
	]
