# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

# import frappe
from frappe.model.document import Document


class ViolationCorrectiveAction(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		action: DF.SmallText
		completed_on: DF.Date | None
		due_date: DF.Date
		last_reminded_on: DF.Date | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		responsible: DF.Link
		responsible_name: DF.Data | None
		result: DF.SmallText | None
		status: DF.Literal["Open", "Overdue", "Completed"]
	# end: auto-generated types
	pass
