# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class UrgingTarget(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		acknowledged_by: DF.Link | None
		acknowledged_on: DF.Datetime | None
		assigned_task: DF.Link | None
		due_date: DF.Date | None
		organization_unit: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		response: DF.SmallText | None
		task_title: DF.Data | None
	# end: auto-generated types

	pass
