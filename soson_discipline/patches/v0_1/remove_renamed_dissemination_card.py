"""The number card "Dissemination Coverage This Year" became "Dissemination Coverage to Date" (the
campaign's dissemination happens once, at its start); remove the standard card left behind."""

import frappe


def execute():
	name = "Dissemination Coverage This Year"
	if frappe.db.get_value("Number Card", name, "module") == "Soson Discipline":
		frappe.delete_doc("Number Card", name, force=True, ignore_permissions=True)
