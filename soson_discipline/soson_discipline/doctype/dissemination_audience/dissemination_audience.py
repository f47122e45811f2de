# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

# import frappe
from frappe.model.document import Document


class DisseminationAudience(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		attended: DF.Int
		audience_group: DF.Literal["Cadres", "Party Members", "Civil Servants", "Public Employees", "Workers"]
		expected: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		participation_rate: DF.Percent
	# end: auto-generated types
	pass
