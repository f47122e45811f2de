# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class StandingCommitteeConclusionPoint(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		assigned_task: DF.Link | None
		content: DF.SmallText
		discipline_warning: DF.Link | None
		due_date: DF.Date | None
		owner_cadre: DF.Link | None
		owner_unit: DF.Link
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		work_product_type: DF.Link | None
	# end: auto-generated types

	pass
