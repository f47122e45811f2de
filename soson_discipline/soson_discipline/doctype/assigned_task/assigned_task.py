# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""Assigned Task: a unit of assigned work, the source of every cadre's task figures.

The rules other areas read (lateness, a cadre's task figures) are in `soson_discipline.campaign.task_rules`,
its assessments and history (what Decree 335 Art. 14 counts) in `campaign.task_history`, its weight in
converted products in `campaign.products`, breaking it down in `campaign.sub_tasks`, the daily jobs in
`soson_discipline.campaign.task_jobs`, and who may manage a task is `permissions.can_manage_task`.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, getdate, today

from soson_discipline.campaign.objective_cause import OBJECTIVE_CAUSE_FIELDS
from soson_discipline.campaign.products import set_task_weight
from soson_discipline.campaign.task_history import (
	check_assessment,
	record_history,
	reopen_after_assessment,
)
from soson_discipline.campaign.task_rules import is_past_due, is_task_late
from soson_discipline.campaign.task_summary import on_task_change, on_task_trash
from soson_discipline.notifications import notify_task_assigned
from soson_discipline.org import get_subtree_units, get_user_cadre, validate_unit_valid_on
from soson_discipline.permissions import can_manage_task
from soson_discipline.states import (
	CADRE_ACTIVE,
	TASK_CANCELLED,
	TASK_COMPLETED,
	TASK_IN_PROGRESS,
	TASK_OPEN,
	TASK_OVERDUE,
)
from soson_discipline.utils.changes import changed_fields

# What the assignee (who neither assigned the task nor heads its unit) may change: progress only.
PROGRESS_FIELDS = frozenset({"status", "completed_on", "updates", "percent_complete", "is_late", "modified"})
MANAGED_FIELDS = (
	"title",
	"organization_unit",
	"assignee",
	"assigned_by",
	"start_date",
	"due_date",
	"recurrence",
	"work_product_type",
	"product_quantity",
	"weight",
	"weight_override",
	"weight_override_reason",
	"deadline_change_reason",
	"is_difficult",
	"consulted_unit",
	"unit_plan",
	"parent_task",
	"description",
	"expected_output",
	"document_number",
	"document_date",
	"issuing_body",
	"document_file",
)  # quality_result / quality_note: see validate_quality
# Set only by the system the task comes from (soson_discipline.integrations.documents).
SOURCE_FIELDS = ("external_system", "external_reference")


class AssignedTask(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from soson_discipline.soson_discipline.doctype.assigned_task_coordinating_unit.assigned_task_coordinating_unit import (
			AssignedTaskCoordinatingUnit,
		)
		from soson_discipline.soson_discipline.doctype.assigned_task_event.assigned_task_event import (
			AssignedTaskEvent,
		)
		from soson_discipline.soson_discipline.doctype.assigned_task_update.assigned_task_update import (
			AssignedTaskUpdate,
		)

		assigned_by: DF.Link | None
		assignee: DF.Link | None
		completed_on: DF.Date | None
		consulted_unit: DF.Link | None
		coordinating_units: DF.TableMultiSelect[AssignedTaskCoordinatingUnit]
		deadline_change_reason: DF.SmallText | None
		delay_count: DF.Int
		description: DF.TextEditor | None
		directive: DF.Link | None
		document_date: DF.Date | None
		document_file: DF.Attach | None
		document_number: DF.Data | None
		due_date: DF.Date | None
		expected_output: DF.SmallText | None
		extension_count: DF.Int
		external_reference: DF.Data | None
		external_system: DF.Link | None
		failed_assessments: DF.Int
		history: DF.Table[AssignedTaskEvent]
		is_difficult: DF.Check
		is_late: DF.Check
		issuing_body: DF.Data | None
		last_reminder_on: DF.Date | None
		objective_cause_attachment: DF.Attach | None
		objective_cause_claim: DF.SmallText | None
		objective_cause_confirmed: DF.Check
		objective_cause_confirmed_by: DF.Link | None
		objective_cause_confirmed_on: DF.Date | None
		objective_cause_reason: DF.SmallText | None
		objective_cause_requested: DF.Check
		objective_cause_requested_on: DF.Date | None
		organization_unit: DF.Link
		original_due_date: DF.Date | None
		parent_task: DF.Link | None
		percent_complete: DF.Percent
		plan_task_row: DF.Data | None
		product_quantity: DF.Float
		quality_note: DF.SmallText | None
		quality_result: DF.Literal["Not Assessed", "Passed", "Exceeded Requirements", "Failed"]
		recurrence: DF.Literal["", "Regularly", "Monthly", "Quarterly", "Half-Yearly", "Yearly"]
		reopened: DF.Check
		start_date: DF.Date | None
		status: DF.Literal["Open", "In Progress", "Completed", "Overdue", "Cancelled"]
		title: DF.Data
		unit_plan: DF.Link | None
		updates: DF.Table[AssignedTaskUpdate]
		weight: DF.Float
		weight_override: DF.Check
		weight_override_reason: DF.SmallText | None
		work_product_type: DF.Link | None
	# end: auto-generated types

	def validate(self):
		self.validate_dates()
		self.validate_units()
		self.validate_assignee()
		self.validate_parent_task()
		set_task_weight(self)
		self.validate_editor()
		self.validate_deadline_change()
		self.validate_objective_cause_fields()
		self.validate_source_document()
		self.stamp_progress_updates()
		self.set_progress()
		self.set_status()
		reopen_after_assessment(self)
		check_assessment(self)
		record_history(self)
		self.is_late = int(
			is_task_late(self.status, self.due_date, self.completed_on, delays=self.delay_count)
		)

	def on_update(self):
		notify_task_assigned(self)

	def on_change(self):
		# tasks counted per unit and month, kept in step (also after `db_set`)
		on_task_change(self)

	def on_trash(self):
		on_task_trash(self)

	# ----------------------------------------------------------------------------------------------
	# Validation
	# ----------------------------------------------------------------------------------------------

	def validate_dates(self):
		if self.start_date and self.due_date and getdate(self.due_date) < getdate(self.start_date):
			frappe.throw(
				_("{0} ({1}) cannot be before {2} ({3}).").format(
					frappe.bold(_("Due Date")),
					frappe.format(self.due_date, "Date"),
					frappe.bold(_("Start Date")),
					frappe.format(self.start_date, "Date"),
				),
				title=_("Invalid Dates"),
			)
		if self.completed_on and self.start_date and getdate(self.completed_on) < getdate(self.start_date):
			frappe.throw(
				_("{0} cannot be before {1}.").format(
					frappe.bold(_("Completed On")), frappe.bold(_("Start Date"))
				),
				title=_("Invalid Dates"),
			)

	def validate_units(self):
		if self.is_new() and self.start_date:
			validate_unit_valid_on(self.organization_unit, self.start_date, _("Organization Unit"))
		if self.is_difficult and not self.consulted_unit:
			frappe.throw(
				_("{0} is required for difficult work that needs consultation.").format(
					frappe.bold(_("Consulted Unit"))
				),
				title=_("Missing Value"),
			)
		if not self.is_difficult:
			self.consulted_unit = None
		seen = set()
		for row in list(self.coordinating_units):
			if row.organization_unit in seen or row.organization_unit == self.organization_unit:
				self.remove(row)
			seen.add(row.organization_unit)

	def validate_assignee(self):
		"""The assignee is an active cadre of the task's unit or of a unit below it."""
		if not self.assignee or not (self.is_new() or self.has_value_changed("assignee")):
			return
		cadre = frappe.db.get_value(
			"Cadre", self.assignee, ["full_name", "status", "organization_unit"], as_dict=True
		)
		if cadre.status != CADRE_ACTIVE:
			frappe.throw(
				_("{0} {1} is not active (status: {2}).").format(
					frappe.bold(_("Assignee")), frappe.bold(cadre.full_name), _(cadre.status)
				),
				title=_("Invalid Assignee"),
			)
		if cadre.organization_unit not in get_subtree_units(self.organization_unit):
			frappe.throw(
				_("{0} {1} works in {2}, which is not {3} or a unit below it.").format(
					frappe.bold(_("Assignee")),
					frappe.bold(cadre.full_name),
					cadre.organization_unit,
					frappe.bold(self.organization_unit),
				),
				title=_("Invalid Assignee"),
			)

	def validate_parent_task(self):
		"""A cadre's task breaks down a task of his or her unit (or a unit above) and ends by its due date."""
		if not self.parent_task:
			return
		if self.parent_task == self.name:
			frappe.throw(
				_("A task cannot be its own {0}.").format(frappe.bold(_("Parent Task"))),
				title=_("Invalid Parent Task"),
			)
		parent = frappe.db.get_value(
			"Assigned Task",
			self.parent_task,
			["organization_unit", "due_date", "unit_plan", "parent_task"],
			as_dict=True,
		)
		ancestor = parent.parent_task
		while ancestor:
			if ancestor == self.name:
				frappe.throw(
					_("{0} would create a cycle of tasks.").format(frappe.bold(_("Parent Task"))),
					title=_("Invalid Parent Task"),
				)
			ancestor = frappe.db.get_value("Assigned Task", ancestor, "parent_task")
		if self.organization_unit not in get_subtree_units(parent.organization_unit):
			frappe.throw(
				_("{0} must be {1} or a unit below it, the unit of the parent task.").format(
					frappe.bold(_("Organization Unit")), frappe.bold(parent.organization_unit)
				),
				title=_("Invalid Parent Task"),
			)
		if parent.due_date and self.due_date and getdate(self.due_date) > getdate(parent.due_date):
			frappe.throw(
				_("{0} ({1}) cannot be after the parent task's due date ({2}).").format(
					frappe.bold(_("Due Date")),
					frappe.format(self.due_date, "Date"),
					frappe.format(parent.due_date, "Date"),
				),
				title=_("Invalid Due Date"),
			)
		if not self.unit_plan:
			self.unit_plan = parent.unit_plan

	def validate_editor(self):
		"""Whoever neither assigned the task nor heads its unit may only report progress, and only on
		his or her own task."""
		if self.is_new() or self.flags.ignore_permissions or can_manage_task(self):
			return
		cadre = get_user_cadre()
		if not cadre or cadre.name != self.assignee:
			frappe.throw(
				_("Only the assignee updates the progress of this task."),
				title=_("Not Permitted"),
				exc=frappe.PermissionError,
			)
		before = self.get_doc_before_save()
		changed = changed_fields(self, MANAGED_FIELDS) if before else []
		if changed:
			labels = ", ".join(_(self.meta.get_label(f)) for f in changed)
			frappe.throw(
				_("Only the assigner or the unit head may change {0}; the assignee reports progress.").format(
					frappe.bold(labels)
				),
				title=_("Not Permitted"),
				exc=frappe.PermissionError,
			)
		if self.status == TASK_CANCELLED and before and before.status != TASK_CANCELLED:
			frappe.throw(
				_("Only the assigner or the unit head may cancel a task."),
				title=_("Not Permitted"),
				exc=frappe.PermissionError,
			)

	def validate_deadline_change(self):
		"""Once issued, a task's due date moves only with its reason, kept in the history: a granted
		Task Extension Request gives its own (`campaign.extensions`), a manager gives it here."""
		if self.is_new() or self.flags.extension_request or not changed_fields(self, ("due_date",)):
			return
		if not (self.deadline_change_reason or "").strip():
			frappe.throw(
				_(
					"{0} is required: the due date of an issued task changes only with its reason, kept in the task's history."
				).format(frappe.bold(_("Reason for the New Due Date"))),
				title=_("Missing Value"),
			)

	def validate_objective_cause_fields(self):
		"""The objective cause of a delay or a failure is claimed by the assignee and confirmed by the
		competent level, only through `campaign.objective_cause`: no save sets it, whoever sends it."""
		if self.flags.objective_cause_step:
			return
		changed = [
			f for f in changed_fields(self, OBJECTIVE_CAUSE_FIELDS) if not self.is_new() or self.get(f)
		]
		if changed:
			frappe.throw(
				_(
					"{0} is set only by the assignee's claim and the competent level's confirmation (Request Objective Cause Confirmation, Confirm Objective Cause)."
				).format(frappe.bold(", ".join(_(self.meta.get_label(f)) for f in changed))),
				title=_("Not Permitted"),
				exc=frappe.PermissionError,
			)

	def validate_source_document(self):
		"""The system a task came from and its reference there are set only by that system
		(`integrations.documents`, one task per reference); the document's number, date and issuer
		may be typed by whoever manages the task."""
		for field in ("document_number", "issuing_body", "external_system", "external_reference"):
			self.set(field, " ".join((self.get(field) or "").split()) or None)
		if self.flags.from_document:
			return
		changed = [f for f in changed_fields(self, SOURCE_FIELDS) if not self.is_new() or self.get(f)]
		if changed:
			frappe.throw(
				_("{0} is set only by the system the task comes from.").format(
					frappe.bold(", ".join(_(self.meta.get_label(f)) for f in changed))
				),
				title=_("Not Permitted"),
				exc=frappe.PermissionError,
			)

	def stamp_progress_updates(self):
		cadre = get_user_cadre()
		for row in self.updates:
			if not (0 <= flt(row.percent) <= 100):
				frappe.throw(
					_("Row {0}: {1} must be between 0 and 100.").format(
						row.idx, frappe.bold(_("Percent Complete"))
					),
					title=_("Invalid Progress"),
				)
			if not row.updated_by and cadre:
				row.updated_by = cadre.name

	def set_progress(self):
		if self.updates:
			latest = sorted(self.updates, key=lambda r: (getdate(r.update_date), r.idx))[-1]
			self.percent_complete = flt(latest.percent)
		if self.status == TASK_COMPLETED:
			self.percent_complete = 100

	def set_status(self):
		if self.status == TASK_COMPLETED:
			self.completed_on = self.completed_on or today()
		else:
			self.completed_on = None
		if self.status == TASK_OPEN and flt(self.percent_complete) > 0:
			self.status = TASK_IN_PROGRESS
		if self.status in (TASK_OPEN, TASK_IN_PROGRESS) and is_past_due(self.due_date):
			self.status = TASK_OVERDUE
		elif self.status == TASK_OVERDUE and not is_past_due(self.due_date):
			self.status = TASK_IN_PROGRESS if flt(self.percent_complete) > 0 else TASK_OPEN
