# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, getdate

from soson_discipline.campaign.plans import cancel_plan_tasks, create_plan_tasks
from soson_discipline.campaign.products import (
	converted_weight,
	validate_product_for_unit,
	validate_quantity,
)
from soson_discipline.org import validate_unit_valid_on
from soson_discipline.permissions import can_approve_plan
from soson_discipline.states import PLAN_APPROVER_STATES


class PlanApprovalError(frappe.PermissionError):
	pass


class UnitPlan(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from soson_discipline.soson_discipline.doctype.unit_plan_task.unit_plan_task import UnitPlanTask

		amended_from: DF.Link | None
		directive: DF.Link | None
		document_number: DF.Data
		implementation: DF.TextEditor | None
		issue_date: DF.Date
		issuing_unit: DF.Link
		parent_plan: DF.Link | None
		presiding_unit: DF.Link | None
		purpose: DF.TextEditor | None
		recipients: DF.SmallText | None
		report_to_unit: DF.Link | None
		reporting_frequency: DF.Literal["", "Monthly", "Quarterly", "Half-Yearly", "Yearly"]
		requirements: DF.TextEditor | None
		signer_name: DF.Data | None
		signer_title: DF.Data | None
		signing_authority: DF.Data | None
		tasks: DF.Table[UnitPlanTask]
		title: DF.SmallText
		workflow_state: DF.Link | None
	# end: auto-generated types

	def validate(self):
		self.document_number = (self.document_number or "").strip()
		self.validate_parent_plan()
		self.validate_units()
		self.validate_tasks()
		self.validate_approver()

	def before_submit(self):
		self.validate_has_tasks()
		self.validate_approver(force=True)

	def on_submit(self):
		create_plan_tasks(self)

	def before_update_after_submit(self):
		self.validate_approver()

	def on_cancel(self):
		cancel_plan_tasks(self)

	# ----------------------------------------------------------------------------------------------
	# Validation
	# ----------------------------------------------------------------------------------------------

	def validate_parent_plan(self):
		"""A plan implements a higher plan; following parents must never lead back to this plan."""
		if not self.parent_plan:
			return
		seen = {self.name}
		current = self.parent_plan
		while current:
			if current in seen:
				frappe.throw(
					_("{0} {1} would make the plan implement itself.").format(
						frappe.bold(_("Parent Plan")), current
					),
					title=_("Invalid Parent Plan"),
				)
			seen.add(current)
			current = frappe.db.get_value("Unit Plan", current, "parent_plan")
		if frappe.db.get_value("Unit Plan", self.parent_plan, "docstatus") == 2:
			frappe.throw(
				_("{0} {1} is cancelled; a plan can only implement a plan in force.").format(
					frappe.bold(_("Parent Plan")), self.parent_plan
				),
				title=_("Invalid Parent Plan"),
			)

	def validate_units(self):
		"""Every unit the plan names must exist on its issue date (districts ended on 30/6/2025)."""
		validate_unit_valid_on(self.issuing_unit, self.issue_date, _("Issuing Unit"))
		for fieldname, label in (("presiding_unit", _("Presiding Unit")), ("report_to_unit", _("Report To"))):
			if self.get(fieldname):
				validate_unit_valid_on(self.get(fieldname), self.issue_date, label)

	def validate_tasks(self):
		for row in self.tasks:
			label = _("Lead Unit in row {0}").format(row.idx)
			validate_unit_valid_on(row.lead_unit, self.issue_date, label)
			row.coordinating_units = "\n".join(self.get_coordinating_units(row))
			if not row.due_date and not row.recurrence:
				frappe.throw(
					_("Row {0}: set a {1} or a {2} for the task.").format(
						row.idx, frappe.bold(_("Due Date")), frappe.bold(_("Recurrence"))
					),
					title=_("Missing Deadline"),
				)
			if row.due_date and getdate(row.due_date) < getdate(self.issue_date):
				frappe.throw(
					_("Row {0}: {1} ({2}) cannot be before the plan's {3} ({4}).").format(
						row.idx,
						frappe.bold(_("Due Date")),
						frappe.format(row.due_date, "Date"),
						frappe.bold(_("Issue Date")),
						frappe.format(self.issue_date, "Date"),
					),
					title=_("Invalid Due Date"),
				)
			if row.work_product_type:
				product = validate_product_for_unit(
					row.work_product_type, row.lead_unit, _("Product Type in row {0}").format(row.idx)
				)
				validate_quantity(row.product_quantity, row=row.idx)
				row.weight = converted_weight(product, row.product_quantity)
			if row.weight is None or flt(row.weight) <= 0:
				row.weight = 1

	def get_coordinating_units(self, row) -> list[str]:
		"""The row's coordinating units (one per line), checked to exist on the issue date."""
		units = []
		for line in (row.coordinating_units or "").replace(";", "\n").splitlines():
			unit = line.strip()
			if not unit or unit in units or unit == row.lead_unit:
				continue
			if not frappe.db.exists("Organization Unit", unit):
				frappe.throw(
					_("Row {0}: {1} names {2}, which is not an Organization Unit.").format(
						row.idx, frappe.bold(_("Coordinating Units")), frappe.bold(unit)
					),
					title=_("Unknown Unit"),
				)
			validate_unit_valid_on(unit, self.issue_date, _("Coordinating Unit in row {0}").format(row.idx))
			units.append(unit)
		return units

	def validate_has_tasks(self):
		if not self.tasks:
			frappe.throw(
				_("A plan cannot be issued without tasks: add at least one row to {0}.").format(
					frappe.bold(_("Tasks"))
				),
				title=_("No Tasks"),
			)

	def validate_approver(self, force: bool = False):
		"""Only the head of the issuing unit or the presiding bodies issue, reject or close a plan."""
		state_changed = self.workflow_state in PLAN_APPROVER_STATES and (
			self.is_new() or self.has_value_changed("workflow_state")
		)
		if not (force or state_changed):
			return
		if not can_approve_plan(self):
			frappe.throw(
				_("Only the head of {0} or the presiding board may issue, reject or close this plan.").format(
					frappe.bold(self.issuing_unit)
				),
				title=_("Not Permitted"),
				exc=PlanApprovalError,
			)

	# ----------------------------------------------------------------------------------------------
	# Tasks
	# ----------------------------------------------------------------------------------------------

	@frappe.whitelist()
	def create_missing_tasks(self) -> int:
		"""Create the tasks of rows that have none yet (e.g. after an interrupted issue)."""
		self.check_permission("submit")
		if self.docstatus != 1:
			frappe.throw(_("Only an issued plan has tasks."), title=_("Not Issued"))
		if not can_approve_plan(self):
			frappe.throw(
				_("Only the head of {0} or the presiding board may create the tasks of this plan.").format(
					frappe.bold(self.issuing_unit)
				),
				title=_("Not Permitted"),
				exc=frappe.PermissionError,
			)
		created = create_plan_tasks(self)
		if created:
			frappe.msgprint(_("{0} task(s) created.").format(len(created)), alert=True)
		return len(created)
