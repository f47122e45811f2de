# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""Task Extension Request (gia hạn): Requested → Approved / Rejected, or Withdrawn by the requester.
Who asks and who decides, and what a grant does to the task, are in
`soson_discipline.campaign.extensions`."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import today

from soson_discipline.campaign import extensions
from soson_discipline.org import get_cadre_user, get_user_cadre
from soson_discipline.states import (
	EXTENSION_APPROVED,
	EXTENSION_REJECTED,
	EXTENSION_REQUESTED,
)
from soson_discipline.utils.changes import changed_fields

# What the requester may still change while the request waits for its decision.
REQUEST_FIELDS = ("requested_due_date", "reason")


class TaskExtensionRequest(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amended_from: DF.Link | None
		assigned_by: DF.Link | None
		assigned_task: DF.Link
		assignee: DF.Link | None
		assignee_user: DF.Link | None
		current_due_date: DF.Date | None
		decided_by: DF.Link | None
		decided_on: DF.Date | None
		decision_note: DF.SmallText | None
		organization_unit: DF.Link | None
		reason: DF.SmallText
		request_date: DF.Date | None
		requested_by: DF.Link | None
		requested_by_user: DF.Link | None
		requested_due_date: DF.Date
		task_title: DF.Data | None
		workflow_state: DF.Link | None
	# end: auto-generated types

	def validate(self):
		task = self.flags.task = frappe.get_doc("Assigned Task", self.assigned_task)
		if self.is_new():
			self.set_from_task(task)
			self.set_requester()
			extensions.validate_new_request(self, task)
		else:
			self.validate_changes(task)

	def before_submit(self):
		"""A decision (or a withdrawal) is recorded with who took it and when."""
		if self.workflow_state in (EXTENSION_APPROVED, EXTENSION_REJECTED):
			extensions.validate_decision(self, self.flags.task)
		cadre = get_user_cadre()
		self.decided_by = cadre.name if cadre else None
		self.decided_on = today()

	def on_submit(self):
		if self.workflow_state == EXTENSION_APPROVED:
			extensions.grant_extension(self)
		extensions.notify_decision(self)

	def after_insert(self):
		extensions.notify_request(self)

	def set_from_task(self, task):
		"""The unit, the people and the current due date are the task's, whatever was sent."""
		self.task_title = task.title
		self.organization_unit = task.organization_unit
		self.assignee = task.assignee
		self.assigned_by = task.assigned_by
		self.current_due_date = task.due_date
		self.assignee_user = get_cadre_user(task.assignee)
		self.request_date = today()

	def set_requester(self):
		cadre = get_user_cadre()
		self.requested_by = cadre.name if cadre else None
		self.requested_by_user = frappe.session.user

	def validate_changes(self, task):
		"""While it waits, the requester may correct the date asked and the reason (checked again);
		a decider writes the decision note; nothing else changes."""
		before = self.get_doc_before_save()
		if before is None or self.docstatus != 0 or before.workflow_state != EXTENSION_REQUESTED:
			return
		changed = changed_fields(self, REQUEST_FIELDS)
		if changed:
			if frappe.session.user != self.requested_by_user and not self.flags.ignore_permissions:
				frappe.throw(
					_("Only the requester changes {0}.").format(
						frappe.bold(", ".join(_(self.meta.get_label(f)) for f in changed))
					),
					title=_("Not Permitted"),
					exc=frappe.PermissionError,
				)
			extensions.validate_new_request(self, task)
		if changed_fields(self, ("decision_note",)) and not extensions.can_decide_extension(self, task):
			frappe.throw(
				_("Only the assigner or the head of {0} writes the {1}.").format(
					frappe.bold(task.organization_unit), frappe.bold(_("Decision Note"))
				),
				title=_("Not Permitted"),
				exc=frappe.PermissionError,
			)
		derived = changed_fields(
			self,
			(
				"assigned_task",
				"organization_unit",
				"assignee",
				"assigned_by",
				"current_due_date",
				"requested_by",
			),
		)
		if derived:
			frappe.throw(
				_("{0} cannot be changed once requested; withdraw the request and ask again.").format(
					frappe.bold(", ".join(_(self.meta.get_label(f)) for f in derived))
				),
				title=_("Not Permitted"),
			)
