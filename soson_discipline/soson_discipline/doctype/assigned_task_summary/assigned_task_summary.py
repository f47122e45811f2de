# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""Tasks counted per unit and due month, kept by `soson_discipline.campaign.task_summary`."""

from frappe.model.document import Document


class AssignedTaskSummary(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		due_month: DF.Date | None
		is_extended: DF.Check
		is_late: DF.Check
		organization_unit: DF.Link | None
		quality_result: DF.Data | None
		status: DF.Data | None
		task_count: DF.Int
	# end: auto-generated types

	pass
