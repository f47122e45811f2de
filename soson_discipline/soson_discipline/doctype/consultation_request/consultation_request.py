# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""A request for the opinion of a specialised unit on new or difficult work (a task or a plan row):
asked by whoever runs the work, answered by the consulted unit (Open → Answered, or Cancelled by the
asker). While open or answered, the consulted unit also reads the task (permissions.SCOPES)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, strip_html, today

from soson_discipline.followup.consultations import (
	can_answer,
	can_request,
	notify_answer,
	notify_new_request,
)
from soson_discipline.guards import is_system_write
from soson_discipline.org import get_user_cadre
from soson_discipline.permissions import is_presiding
from soson_discipline.states import CONSULTATION_ANSWERED, CONSULTATION_CANCELLED, CONSULTATION_OPEN

# Fields only the asking side changes, and only while the request is open.
REQUEST_FIELDS = (
	"subject",
	"assigned_task",
	"unit_plan",
	"plan_task_row",
	"consulted_unit",
	"due_date",
	"question",
	"attachment",
	"requested_by",
)
# Fields only `answer` writes.
ANSWER_FIELDS = ("opinion", "answered_by", "answered_on", "is_late")


class ConsultationRequest(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		answered_by: DF.Link | None
		answered_on: DF.Date | None
		assigned_task: DF.Link | None
		attachment: DF.Attach | None
		consulted_unit: DF.Link
		directive: DF.Link | None
		due_date: DF.Date
		is_late: DF.Check
		opinion: DF.TextEditor | None
		organization_unit: DF.Link
		plan_task_row: DF.Data | None
		question: DF.TextEditor
		request_date: DF.Date
		requested_by: DF.Link | None
		status: DF.Literal["Open", "Answered", "Cancelled"]
		subject: DF.Data
		task_assignee: DF.Link | None
		task_title: DF.Data | None
		unit_plan: DF.Link | None
	# end: auto-generated types

	def validate(self):
		self.set_from_source()
		self.validate_requester()
		self.validate_units()
		self.validate_dates()
		self.validate_changes()

	def after_insert(self):
		notify_new_request(self)

	# ----------------------------------------------------------------------------------------------
	# validate steps
	# ----------------------------------------------------------------------------------------------

	def set_from_source(self):
		"""The requesting unit, plan and directive come from the task (or the plan row) asked about."""
		if self.assigned_task:
			task = frappe.db.get_value(
				"Assigned Task",
				self.assigned_task,
				["organization_unit", "unit_plan", "plan_task_row", "directive", "assignee", "title"],
				as_dict=True,
			)
			self.organization_unit = task.organization_unit
			self.unit_plan = task.unit_plan
			self.plan_task_row = task.plan_task_row
			self.task_assignee = task.assignee
			self.task_title = task.title
			self.directive = task.directive
		elif self.unit_plan and self.plan_task_row:
			lead_unit = frappe.db.get_value(
				"Unit Plan Task",
				{"name": self.plan_task_row, "parent": self.unit_plan, "parenttype": "Unit Plan"},
				"lead_unit",
			)
			if not lead_unit:
				frappe.throw(
					_("Row {0} is not a task of plan {1}.").format(
						frappe.bold(self.plan_task_row), frappe.bold(self.unit_plan)
					),
					title=_("Invalid Plan Row"),
				)
			self.organization_unit = lead_unit
			self.task_assignee = None
		else:
			frappe.throw(
				_("Choose the {0} (or the {1} and its row) the consultation is about.").format(
					frappe.bold(_("Assigned Task")), frappe.bold(_("Unit Plan"))
				),
				title=_("Missing Value"),
			)
		if self.unit_plan and not self.directive:
			self.directive = frappe.db.get_value("Unit Plan", self.unit_plan, "directive")

	def validate_requester(self):
		"""Only whoever runs the work asks about it; the requester is the user's own cadre."""
		if is_system_write(self) or not (self.is_new() or self.has_value_changed("assigned_task")):
			return
		if not can_request(self):
			frappe.throw(
				_(
					"Only the assigner, the assignee or the head of the unit can ask for a consultation on this work."
				),
				title=_("Not Permitted"),
				exc=frappe.PermissionError,
			)
		cadre = get_user_cadre()
		if self.is_new() and cadre and not is_presiding():
			self.requested_by = cadre.name
		self.requested_by = self.requested_by or (cadre.name if cadre else None)

	def validate_units(self):
		if self.consulted_unit == self.organization_unit:
			frappe.throw(
				_("{0} must be another unit than the one asking.").format(frappe.bold(_("Consulted Unit"))),
				title=_("Invalid Consulted Unit"),
			)

	def validate_dates(self):
		if self.request_date and self.due_date and getdate(self.due_date) < getdate(self.request_date):
			frappe.throw(
				_("{0} cannot be before {1}.").format(
					frappe.bold(_("Reply Due")), frappe.bold(_("Request Date"))
				),
				title=_("Invalid Dates"),
			)

	def validate_changes(self):
		"""The opinion is written only by `answer`; the request is changed or withdrawn only by the
		asking side while it is open."""
		if self.flags.answering or is_system_write(self):
			return
		if self.is_new():
			if self.status != CONSULTATION_OPEN or any(self.get(f) for f in ANSWER_FIELDS):
				self.refuse(_("A new consultation is open and has no opinion yet."))
			return
		before = self.get_doc_before_save()
		if any(self.has_value_changed(f) for f in ANSWER_FIELDS):
			self.refuse(_("The opinion is given by the consulted unit with the Answer button."))
		changed = [f for f in REQUEST_FIELDS if self.has_value_changed(f)]
		status_changed = self.status != before.status
		if not changed and not status_changed:
			return
		if not can_request(self):
			self.refuse(_("Only the asking side can change or withdraw the request."))
		if before.status != CONSULTATION_OPEN:
			self.refuse(_("An answered or cancelled consultation cannot be changed."))
		if status_changed and self.status != CONSULTATION_CANCELLED:
			self.refuse(_("The consultation is answered with the Answer button."))

	def refuse(self, message: str):
		frappe.throw(message, title=_("Not Permitted"), exc=frappe.PermissionError)

	# ----------------------------------------------------------------------------------------------
	# actions
	# ----------------------------------------------------------------------------------------------

	@frappe.whitelist()
	def answer(self, opinion: str) -> dict:
		"""The consulted unit gives its opinion (once)."""
		self.check_permission("read")
		if not can_answer(self):
			self.refuse(_("Only the consulted unit answers this consultation."))
		if self.status != CONSULTATION_OPEN:
			frappe.throw(
				_("This consultation is {0}; it can no longer be answered.").format(_(self.status)),
				title=_("Not Open"),
			)
		if not strip_html(opinion or "").strip():
			frappe.throw(_("Write the opinion of your unit."), title=_("Missing Value"))
		cadre = get_user_cadre()
		self.opinion = opinion
		self.answered_by = cadre.name if cadre else None
		self.answered_on = getdate(today())
		self.is_late = int(bool(self.due_date and self.answered_on > getdate(self.due_date)))
		self.status = CONSULTATION_ANSWERED
		self.flags.answering = True
		self.flags.ignore_permissions = True
		self.save()
		notify_answer(self)
		return {"status": self.status}

	@frappe.whitelist()
	def withdraw(self) -> dict:
		"""The asking side withdraws an open request."""
		self.check_permission("write")
		self.status = CONSULTATION_CANCELLED
		self.save()
		return {"status": self.status}
