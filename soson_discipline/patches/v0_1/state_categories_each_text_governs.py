"""Existing sites (issue 22 item 9): each shipped policy, and its revision, states the cadre
categories its text governs, where the office has not stated them; nothing else changes (a policy's
rules and dates stay the office's)."""

import frappe

from soson_discipline.scoring.standard import STANDARD_POLICIES
from soson_discipline.setup.policies import revision_name


def execute():
	frappe.reload_doc("soson_discipline", "doctype", "evaluation_policy")
	for standard in STANDARD_POLICIES:
		for name in (standard.name, revision_name(standard.name)):
			if frappe.db.exists("Evaluation Policy", name) and not frappe.db.get_value(
				"Evaluation Policy", name, "governed_categories"
			):
				frappe.db.set_value(
					"Evaluation Policy",
					name,
					"governed_categories",
					"\n".join(standard.governs),
					update_modified=False,
				)
