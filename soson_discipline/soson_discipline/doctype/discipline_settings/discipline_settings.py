# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

# import frappe
from frappe.model.document import Document


class DisciplineSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		approval_due_day: DF.Int
		approve_heads_after_their_units: DF.Check
		default_evaluation_policy: DF.Link | None
		presiding_unit: DF.Link | None
		rating_due_day: DF.Int
		reminder_lead_days: DF.Int
		self_assessment_due_day: DF.Int
		standing_committee_unit: DF.Link | None
	# end: auto-generated types
	pass
