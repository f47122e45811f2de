# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""A row of an Assigned Task's history: each change of its deadline, each completion, each quality
assessment and each reopening, written by the task itself (`AssignedTask.record_history`) so that a
second delay, or a failed assessment before a rework, is counted (Decree 335/2025 Art. 14)."""

from frappe.model.document import Document


class AssignedTaskEvent(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		due_date: DF.Date | None
		event: DF.Literal["Deadline Changed", "Completed", "Assessed", "Reopened"]
		event_date: DF.Date
		is_delay: DF.Check
		is_failure: DF.Check
		new_due_date: DF.Date | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		quality_result: DF.Literal["", "Not Assessed", "Passed", "Exceeded Requirements", "Failed"]
		recorded_by: DF.Link | None
	# end: auto-generated types

	pass
