# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""The stored keys of the reminders sent (see `soson_discipline.notifications.notify`)."""

import frappe
from frappe.model.document import Document
from frappe.query_builder import Interval
from frappe.query_builder.functions import Now


class DisciplineReminderLog(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		document_name: DF.DynamicLink | None
		document_type: DF.Link | None
		for_user: DF.Link | None
		reminder_key: DF.Data
		sent_on: DF.Date | None
	# end: auto-generated types

	@staticmethod
	def clear_old_logs(days: int = 90):
		"""Log Settings clears keys older than `days` (they only matter on the day they were sent)."""
		table = frappe.qb.DocType("Discipline Reminder Log")
		frappe.db.delete(table, filters=(table.creation < (Now() - Interval(days=days))))
