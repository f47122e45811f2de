# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

# import frappe
from frappe.model.document import Document


class CadreEvaluationScore(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		criterion: DF.Data
		criterion_group: DF.Literal["General", "Task Results", "Bonus"]
		final_score: DF.Float
		max_points: DF.Float
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		rater_note: DF.SmallText | None
		rater_score: DF.Float
		self_note: DF.SmallText | None
		self_score: DF.Float
		source: DF.Literal["Manual", "Task Quantity", "Task Progress", "Task Quality", "Violations"]
	# end: auto-generated types
	pass
