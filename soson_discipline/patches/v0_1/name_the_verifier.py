"""Existing sites (issue 25): a verified violation record shows who verified it by name, not by the
e-mail of his or her desk user (`Violation Record.verified_by_name`). A second run changes nothing."""

import frappe


def execute():
	frappe.reload_doc("soson_discipline", "doctype", "violation_record")
	vr, user = frappe.qb.DocType("Violation Record"), frappe.qb.DocType("User")
	(
		frappe.qb.update(vr)
		.join(user)
		.on(user.name == vr.verified_by)
		.set(vr.verified_by_name, user.full_name)
		.where(vr.verified_by.isnotnull() & vr.verified_by_name.isnull())
		.run()
	)
