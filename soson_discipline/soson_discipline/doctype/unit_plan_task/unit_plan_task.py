# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

# import frappe
from frappe.model.document import Document


class UnitPlanTask(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		coordinating_units: DF.SmallText | None
		description: DF.SmallText
		due_date: DF.Date | None
		expected_output: DF.SmallText | None
		lead_unit: DF.Link
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		product_quantity: DF.Float
		recurrence: DF.Literal["", "Regularly", "Monthly", "Quarterly", "Half-Yearly", "Yearly"]
		task_group: DF.Data
		weight: DF.Float
		work_product_type: DF.Link | None
	# end: auto-generated types
	pass
