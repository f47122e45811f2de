"""Existing sites (issue 22): each shipped policy follows its own text — Decree 335 levels by points
only, with its quota on those rated good and on the year's classification; Regulation 366 holds
excellent and good to every task on time and of the required quality. A policy that already scored
approved months keeps them and ends with the last of them; a revision "<name> (amended 12/2026)"
takes over from the next day, and the open periods move to it
(`soson_discipline.setup.policies.revise_standard_policy`)."""

import frappe

from soson_discipline.scoring.standard import STANDARD_POLICIES
from soson_discipline.setup.policies import revise_standard_policy


def execute():
	frappe.reload_doc("soson_discipline", "doctype", "evaluation_policy_band")
	frappe.reload_doc("soson_discipline", "doctype", "evaluation_policy")
	# "Rated Good" meant good or better before issue 22 (this patch runs once): every policy keeps
	# its meaning under the option's new name
	frappe.db.sql(
		"""update `tabEvaluation Policy` set quota_base = 'Rated Good or Better' where quota_base = 'Rated Good'"""
	)
	frappe.db.sql(
		"""update `tabEvaluation Policy` set quota_period = 'Each Period' where ifnull(quota_period, '') = ''"""
	)
	for standard in STANDARD_POLICIES:
		revised = revise_standard_policy(standard)
		if revised:
			print(f"Evaluation Policy {standard.name}: the texts' rules are in {revised}.")
