# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""Assigned Task: a unit of assigned work, the source of every cadre's task figures.

Other areas compute a cadre's figures with `get_task_figures(cadre, start, end)` (see there).
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder import DocType
from frappe.utils import add_days, cint, flt, getdate, today

from soson_discipline.permissions import get_subtree_units, get_user_cadre, get_user_units, is_presiding
from soson_discipline.soson_discipline.doctype.organization_unit.organization_unit import (
	get_unit_heads,
	validate_unit_valid_on,
)

OPEN_STATUSES = ("Open", "In Progress", "Overdue")
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
	"weight",
	"is_difficult",
	"consulted_unit",
	"unit_plan",
	"parent_task",
	"description",
	"expected_output",
)  # quality_result / quality_note: see validate_quality


class TaskAssessmentError(frappe.PermissionError):
	pass


class AssignedTask(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from soson_discipline.soson_discipline.doctype.assigned_task_coordinating_unit.assigned_task_coordinating_unit import (
			AssignedTaskCoordinatingUnit,
		)
		from soson_discipline.soson_discipline.doctype.assigned_task_update.assigned_task_update import (
			AssignedTaskUpdate,
		)

		assigned_by: DF.Link | None
		assignee: DF.Link | None
		completed_on: DF.Date | None
		consulted_unit: DF.Link | None
		coordinating_units: DF.TableMultiSelect[AssignedTaskCoordinatingUnit]
		description: DF.TextEditor | None
		directive: DF.Link | None
		due_date: DF.Date | None
		expected_output: DF.SmallText | None
		is_difficult: DF.Check
		is_late: DF.Check
		last_reminder_on: DF.Date | None
		organization_unit: DF.Link
		parent_task: DF.Link | None
		percent_complete: DF.Percent
		plan_task_row: DF.Data | None
		quality_note: DF.SmallText | None
		quality_result: DF.Literal["Not Assessed", "Passed", "Failed"]
		recurrence: DF.Literal["", "Regularly", "Monthly", "Quarterly", "Half-Yearly", "Yearly"]
		start_date: DF.Date | None
		status: DF.Literal["Open", "In Progress", "Completed", "Overdue", "Cancelled"]
		title: DF.Data
		unit_plan: DF.Link | None
		updates: DF.Table[AssignedTaskUpdate]
		weight: DF.Float
	# end: auto-generated types

	def validate(self):
		self.validate_dates()
		self.validate_units()
		self.validate_assignee()
		self.validate_parent_task()
		self.validate_weight()
		self.validate_editor()
		self.stamp_progress_updates()
		self.set_progress()
		self.set_status()
		self.validate_quality()
		self.is_late = int(is_task_late(self.status, self.due_date, self.completed_on))

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
		if cadre.status != "Active":
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

	def validate_weight(self):
		if flt(self.weight) <= 0:
			frappe.throw(
				_("{0} must be greater than zero.").format(frappe.bold(_("Weight"))),
				title=_("Invalid Weight"),
			)

	def validate_editor(self):
		"""Whoever neither assigned the task nor heads its unit may only report progress, and only on
		his or her own task."""
		if self.is_new() or self.flags.ignore_permissions or can_manage_task(self, frappe.session.user):
			return
		cadre = get_user_cadre()
		if not cadre or cadre.name != self.assignee:
			frappe.throw(
				_("Only the assignee updates the progress of this task."),
				title=_("Not Permitted"),
				exc=frappe.PermissionError,
			)
		before = self.get_doc_before_save()
		changed = [f for f in MANAGED_FIELDS if before and before.get(f) != self.get(f)]
		if changed:
			labels = ", ".join(_(self.meta.get_label(f)) for f in changed)
			frappe.throw(
				_("Only the assigner or the unit head may change {0}; the assignee reports progress.").format(
					frappe.bold(labels)
				),
				title=_("Not Permitted"),
				exc=frappe.PermissionError,
			)
		if self.status == "Cancelled" and before and before.status != "Cancelled":
			frappe.throw(
				_("Only the assigner or the unit head may cancel a task."),
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
		if self.status == "Completed":
			self.percent_complete = 100

	def set_status(self):
		if self.status == "Completed":
			self.completed_on = self.completed_on or today()
		else:
			self.completed_on = None
		if self.status == "Open" and flt(self.percent_complete) > 0:
			self.status = "In Progress"
		if self.status in ("Open", "In Progress") and is_past_due(self.due_date):
			self.status = "Overdue"
		elif self.status == "Overdue" and not is_past_due(self.due_date):
			self.status = "In Progress" if flt(self.percent_complete) > 0 else "Open"

	def validate_quality(self):
		"""Quality is assessed on completed work, by the assigner or the unit head, never by the assignee."""
		changed = (
			self.has_value_changed("quality_result")
			if not self.is_new()
			else self.quality_result != "Not Assessed"
		)
		if not changed:
			return
		if self.quality_result != "Not Assessed" and self.status != "Completed":
			frappe.throw(
				_("{0} can be assessed only once the task is completed.").format(
					frappe.bold(_("Quality Result"))
				),
				title=_("Task Not Completed"),
			)
		cadre = get_user_cadre()
		if cadre and self.assignee and cadre.name == self.assignee:
			frappe.throw(
				_("The assignee cannot assess the quality of his or her own task."),
				title=_("Not Permitted"),
				exc=TaskAssessmentError,
			)
		if not can_manage_task(self, frappe.session.user):
			frappe.throw(
				_("Only the assigner or the head of {0} may assess the quality of this task.").format(
					frappe.bold(self.organization_unit)
				),
				title=_("Not Permitted"),
				exc=TaskAssessmentError,
			)


# --------------------------------------------------------------------------------------------------
# Rules shared with reports, jobs and other areas
# --------------------------------------------------------------------------------------------------


def is_past_due(due_date, on=None) -> bool:
	return bool(due_date) and getdate(due_date) < getdate(on or today())


def is_task_late(status: str, due_date, completed_on=None, on=None) -> bool:
	"""Late = completed after the due date, or still open after it (as of `on`, default today)."""
	if not due_date or status == "Cancelled":
		return False
	if status == "Completed":
		return bool(completed_on) and getdate(completed_on) > getdate(due_date)
	return is_past_due(due_date, on)


def can_manage_task(task, user: str) -> bool:
	"""The presiding bodies, the assigner, and a Unit Head whose subtree holds the task's unit."""
	if is_presiding(user):
		return True
	cadre = get_user_cadre(user)
	if cadre and task.assigned_by and cadre.name == task.assigned_by:
		return True
	return task.organization_unit in get_user_units(user)


def get_unit_head(unit: str) -> str | None:
	"""The Cadre heading `unit` (see `organization_unit.get_unit_heads`)."""
	heads = get_unit_heads(unit)
	return heads[0] if heads else None


def get_task_figures(cadre: str, start, end) -> dict:
	"""A cadre's task figures for a period, for evaluations and reports.

	Counts the tasks assigned to `cadre` whose `due_date` falls in [start, end] (inclusive) and that
	are not Cancelled; every figure is the sum of the tasks' `weight` (conversion coefficient):

	- assigned: all those tasks;
	- completed: tasks with status Completed;
	- on_time: completed on or before the due date;
	- late: completed after the due date, or still open after it (as of today);
	- failed: tasks whose quality_result is Failed.

	Returns ``{"assigned": float, "completed": float, "on_time": float, "late": float, "failed": float}``.
	"""
	task = DocType("Assigned Task")
	rows = (
		frappe.qb.from_(task)
		.select(task.status, task.due_date, task.completed_on, task.quality_result, task.weight)
		.where(
			(task.assignee == cadre)
			& (task.due_date >= getdate(start))
			& (task.due_date <= getdate(end))
			& (task.status != "Cancelled")
		)
		.run(as_dict=True)
	)
	figures = dict(assigned=0.0, completed=0.0, on_time=0.0, late=0.0, failed=0.0)
	for row in rows:
		weight = flt(row.weight)
		figures["assigned"] += weight
		if row.status == "Completed":
			figures["completed"] += weight
			if row.completed_on and getdate(row.completed_on) <= getdate(row.due_date):
				figures["on_time"] += weight
		if is_task_late(row.status, row.due_date, row.completed_on):
			figures["late"] += weight
		if row.quality_result == "Failed":
			figures["failed"] += weight
	return {k: flt(v, 2) for k, v in figures.items()}


def sub_task_start(parent):
	"""Today, but never before the parent's start nor after its due date."""
	start = max(getdate(today()), getdate(parent.start_date or today()))
	return min(start, getdate(parent.due_date)) if parent.due_date else start


@frappe.whitelist()
def make_sub_task(source_name: str):
	"""A new task breaking `source_name` down to a cadre of its unit (opened in the form to finish)."""
	parent = frappe.get_doc("Assigned Task", source_name)
	parent.check_permission("read")
	if not can_manage_task(parent, frappe.session.user):
		frappe.throw(
			_("Only the assigner or the unit head breaks a task down."),
			title=_("Not Permitted"),
			exc=frappe.PermissionError,
		)
	cadre = get_user_cadre()
	doc = frappe.new_doc("Assigned Task")
	doc.update(
		{
			"title": parent.title,
			"organization_unit": parent.organization_unit,
			"parent_task": parent.name,
			"unit_plan": parent.unit_plan,
			"assigned_by": cadre.name if cadre else parent.assigned_by,
			"start_date": sub_task_start(parent),
			"due_date": parent.due_date,
			"recurrence": parent.recurrence,
			"description": parent.description,
			"expected_output": parent.expected_output,
			"weight": 1,
		}
	)
	return doc


# --------------------------------------------------------------------------------------------------
# Daily jobs (entry points in soson_discipline.tasks)
# --------------------------------------------------------------------------------------------------


def mark_overdue_tasks() -> int:
	"""Daily: Open / In Progress tasks past their due date become Overdue (and late).

	Idempotent: a second run the same day finds nothing to change. Returns the number of tasks marked."""
	task = DocType("Assigned Task")
	names = (
		frappe.qb.from_(task)
		.select(task.name)
		.where(
			(task.status.isin(["Open", "In Progress"]) & (task.due_date < today()))
			| ((task.status == "Overdue") & (task.is_late == 0))
		)
		.run(pluck=True)
	)
	for name in names:
		frappe.db.set_value("Assigned Task", name, {"status": "Overdue", "is_late": 1})
	return len(names)


def send_task_reminders() -> int:
	"""Daily: remind assignees and unit heads of tasks due within `Discipline Settings.reminder_lead_days`
	and of overdue tasks, by a system notification (Notification Log) and an email (Email Queue).

	Each task is reminded at most once a day (`last_reminder_on`), so a second run the same day sends
	nothing. Returns the number of tasks reminded."""
	lead_days = cint(frappe.db.get_single_value("Discipline Settings", "reminder_lead_days") or 3)
	task = DocType("Assigned Task")
	tasks = (
		frappe.qb.from_(task)
		.select(task.name, task.title, task.due_date, task.status, task.assignee, task.organization_unit)
		.where(
			task.status.isin(["Open", "In Progress", "Overdue"])
			& task.due_date.isnotnull()
			& (task.due_date <= add_days(today(), lead_days))
			& (task.last_reminder_on.isnull() | (task.last_reminder_on < today()))
		)
		.run(as_dict=True)
	)
	for row in tasks:
		users = _task_reminder_recipients(row)
		overdue = getdate(row.due_date) < getdate(today())
		for user in users:
			_send_task_reminder(row, user, overdue)
		frappe.db.set_value("Assigned Task", row.name, "last_reminder_on", today(), update_modified=False)
	return len(tasks)


def _task_reminder_recipients(task) -> list[str]:
	"""The assignee's user and the user of the head of the task's unit (enabled users only)."""
	cadres = [task.assignee, get_unit_head(task.organization_unit)]
	users = []
	for cadre in filter(None, cadres):
		user = frappe.db.get_value("Cadre", cadre, "user")
		if user and user not in users and frappe.db.get_value("User", user, "enabled"):
			users.append(user)
	return users


def _send_task_reminder(task, user: str, overdue: bool):
	language = frappe.db.get_value("User", user, "language") or frappe.local.lang
	due = frappe.format(task.due_date, "Date")
	if overdue:
		subject = _("Overdue task: {0} (due {1})", lang=language).format(task.title, due)
	else:
		subject = _("Task due soon: {0} (due {1})", lang=language).format(task.title, due)
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": user,
			"type": "Alert",
			"subject": subject,
			"document_type": "Assigned Task",
			"document_name": task.name,
		}
	).insert(ignore_permissions=True)
	if not _can_queue_email():
		return
	frappe.sendmail(
		recipients=[user],
		subject=subject,
		message=_("{0}: {1}. Please update its progress.", lang=language).format(
			frappe.utils.get_link_to_form("Assigned Task", task.name, task.title),
			_(task.status, lang=language),
		),
		reference_doctype="Assigned Task",
		reference_name=task.name,
	)


def _can_queue_email() -> bool:
	"""Without an outgoing Email Account the reminder stays a system notification only."""
	return bool(frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}))
