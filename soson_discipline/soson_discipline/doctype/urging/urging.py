# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""A written urging (công văn đôn đốc) of the presiding board: issued (submitted) by the board, it is
sent to the units and tasks it names, shows on each task's timeline, and every unit's head
acknowledges it."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from soson_discipline.followup.urging import acknowledge, comment_on_tasks, send_urging


class Urging(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from soson_discipline.soson_discipline.doctype.urging_target.urging_target import UrgingTarget

		amended_from: DF.Link | None
		content: DF.TextEditor
		directive: DF.Link | None
		document_number: DF.Data | None
		issuing_unit: DF.Link
		recipients: DF.SmallText | None
		reply_by: DF.Date | None
		signer_name: DF.Data | None
		signer_title: DF.Data | None
		signing_authority: DF.Data | None
		targets: DF.Table[UrgingTarget]
		title: DF.Data
		unit_plan: DF.Link | None
		urging_date: DF.Date
	# end: auto-generated types

	def validate(self):
		self.set_target_units()
		self.validate_targets()
		self.validate_dates()
		self.set_directive()

	def on_submit(self):
		send_urging(self)
		comment_on_tasks(self)

	# ----------------------------------------------------------------------------------------------
	# validate steps
	# ----------------------------------------------------------------------------------------------

	def set_target_units(self):
		"""A row naming a task is addressed to the task's unit."""
		for row in self.targets:
			if row.assigned_task:
				row.organization_unit = frappe.db.get_value(
					"Assigned Task", row.assigned_task, "organization_unit"
				)

	def validate_targets(self):
		if not self.targets:
			frappe.throw(_("Name at least one unit or task to urge."), title=_("Missing Value"))
		seen = set()
		for row in self.targets:
			if not row.organization_unit:
				frappe.throw(_("Row {0}: choose a unit or a task.").format(row.idx), title=_("Missing Value"))
			key = (row.organization_unit, row.assigned_task or "")
			if key in seen:
				frappe.throw(
					_("Row {0} repeats a unit and task already urged.").format(row.idx),
					title=_("Duplicate Row"),
				)
			seen.add(key)

	def validate_dates(self):
		if self.reply_by and self.urging_date and getdate(self.reply_by) < getdate(self.urging_date):
			frappe.throw(
				_("{0} cannot be before {1}.").format(
					frappe.bold(_("Report Back By")), frappe.bold(_("Urging Date"))
				),
				title=_("Invalid Dates"),
			)

	def set_directive(self):
		if self.unit_plan and not self.directive:
			self.directive = frappe.db.get_value("Unit Plan", self.unit_plan, "directive")

	# ----------------------------------------------------------------------------------------------
	# actions
	# ----------------------------------------------------------------------------------------------

	@frappe.whitelist()
	def acknowledge(self, response: str | None = None) -> dict:
		"""The head of a unit named by the urging acknowledges it for his or her units."""
		self.check_permission("read")
		count = acknowledge(self, response)
		return {"acknowledged": count}
