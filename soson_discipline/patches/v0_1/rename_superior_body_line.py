"""Organization Unit's override of the line printed above the issuing body is now `superior_line`
(it was `superior_body_line`): model sync adds the new column, this copies what offices typed."""

import frappe
from frappe.model.utils.rename_field import rename_field


def execute():
	if frappe.db.has_column("Organization Unit", "superior_body_line"):
		rename_field("Organization Unit", "superior_body_line", "superior_line")
