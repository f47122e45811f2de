# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

# import frappe
from frappe.model.document import Document


class EvaluationPolicyBand(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		is_good_level: DF.Check
		is_not_completed_level: DF.Check
		is_top_level: DF.Check
		level_code: DF.Data
		level_label: DF.Data
		max_late_percent: DF.Percent
		min_exceeded_percent: DF.Percent
		min_on_time_percent: DF.Percent
		min_quality_percent: DF.Percent
		min_score: DF.Float
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
	# end: auto-generated types
	pass
