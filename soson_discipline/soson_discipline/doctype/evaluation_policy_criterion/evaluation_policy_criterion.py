# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

# import frappe
from frappe.model.document import Document


class EvaluationPolicyCriterion(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		criterion: DF.Data
		criterion_group: DF.Literal["General", "Task Results", "Bonus"]
		default_points: DF.Float
		description: DF.SmallText | None
		max_points: DF.Float
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		source: DF.Literal["Manual", "Task Quantity", "Task Progress", "Task Quality", "Violations"]
	# end: auto-generated types
	pass
