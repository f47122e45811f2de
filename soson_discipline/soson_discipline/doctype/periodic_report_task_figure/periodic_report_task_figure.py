# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

# import frappe
from frappe.model.document import Document


class PeriodicReportTaskFigure(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		completion_rate: DF.Percent
		organization_unit: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		tasks_cancelled: DF.Int
		tasks_completed: DF.Int
		tasks_completed_on_time: DF.Int
		tasks_extended: DF.Int
		tasks_in_progress: DF.Int
		tasks_late: DF.Int
		tasks_open: DF.Int
		tasks_overdue: DF.Int
		tasks_total: DF.Int
	# end: auto-generated types
	pass
