"""Deadline extensions of an Assigned Task (gia hạn): who asks, who decides, what a grant does.

Once a task is issued its due date moves only by an extension, so that the delay Decree 335/2025
Art. 14 counts never disappears without a trace:

- the assignee, or the head of a unit above the assignee's, asks **before** the due date passes (a
  delay already incurred is explained as an objective cause instead: `objective_cause`), for a date
  later than the current one, one open request per task at a time;
- the assigner or a head of the task's unit (whoever may manage the task, `can_manage_task`, other
  than the assignee and the requester) grants or refuses it through the Task Extension Request
  workflow;
- a grant moves the task's due date and is kept in its history as an extension (`Extended`), which is
  not a delay: a task done by the extended date is on time. A manager who moves the due date on the
  task itself gives the reason there, and it is kept the same way (`Assigned Task.record_history`).
"""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import getdate, today

from soson_discipline.notifications import notify
from soson_discipline.org import get_cadre_user, get_cadre_users, get_unit_head_users, get_user_units
from soson_discipline.permissions import can_manage_task
from soson_discipline.states import (
	EXTENSION_APPROVED,
	EXTENSION_REJECTED,
	EXTENSION_REQUESTED,
	TASK_CANCELLED,
	TASK_COMPLETED,
)


class ExtensionRefused(frappe.ValidationError):
	pass


def can_request_extension(task, user: str | None = None) -> bool:
	"""The assignee, or the head of a unit above the assignee's (whose subtree holds it)."""
	user = user or frappe.session.user
	if not task.assignee:
		return False
	if get_cadre_user(task.assignee) == user:
		return True
	unit = frappe.db.get_value("Cadre", task.assignee, "organization_unit")
	return bool(unit) and unit in get_user_units(user)


def can_decide_extension(request, task=None, user: str | None = None) -> bool:
	"""Whoever may manage the task (the assigner, a head of its unit, the presiding bodies), never
	the assignee nor the requester."""
	user = user or frappe.session.user
	if user in (request.requested_by_user, request.assignee_user):
		return False
	task = task or frappe.get_doc("Assigned Task", request.assigned_task)
	return can_manage_task(task, user)


def validate_new_request(request, task) -> None:
	"""What a request must be, checked when it is made: by whom, in time, for a later date, alone."""
	if task.status in (TASK_COMPLETED, TASK_CANCELLED):
		frappe.throw(
			_("{0} {1} is {2}: there is no due date left to extend.").format(
				frappe.bold(_("Assigned Task")), frappe.bold(task.name), _(task.status)
			),
			title=_("Extension Not Possible"),
			exc=ExtensionRefused,
		)
	if not can_request_extension(task):
		frappe.throw(
			_(
				"Only the assignee, or the head of the assignee's unit, asks to extend the due date of {0}."
			).format(frappe.bold(task.name)),
			title=_("Not Permitted"),
			exc=frappe.PermissionError,
		)
	if not task.due_date:
		frappe.throw(
			_("{0} {1} has no due date to extend.").format(
				frappe.bold(_("Assigned Task")), frappe.bold(task.name)
			),
			title=_("Extension Not Possible"),
			exc=ExtensionRefused,
		)
	if getdate(today()) > getdate(task.due_date):
		frappe.throw(
			_(
				"The due date of {0} ({1}) has passed: an extension is asked before it. Explain the delay instead as an objective cause on the task (Request Objective Cause Confirmation), which the competent level confirms."
			).format(frappe.bold(task.name), frappe.format(task.due_date, "Date")),
			title=_("Due Date Passed"),
			exc=ExtensionRefused,
		)
	if not request.requested_due_date or getdate(request.requested_due_date) <= getdate(task.due_date):
		frappe.throw(
			_("{0} ({1}) must be later than the current due date ({2}).").format(
				frappe.bold(_("Requested Due Date")),
				frappe.format(request.requested_due_date, "Date") if request.requested_due_date else "-",
				frappe.format(task.due_date, "Date"),
			),
			title=_("Invalid Requested Due Date"),
			exc=ExtensionRefused,
		)
	if pending := open_request_of(task.name, exclude=request.name):
		frappe.throw(
			_(
				"{0} already has an open extension request ({1}); wait for its decision or withdraw it."
			).format(frappe.bold(task.name), frappe.bold(pending)),
			title=_("Extension Already Requested"),
			exc=frappe.DuplicateEntryError,
		)


def open_request_of(task: str, exclude: str | None = None) -> str | None:
	"""The open request of `task`, read with a lock on the task's row first: two requests made at the
	same moment are checked one after the other, the second seeing the first."""
	assigned = DocType("Assigned Task")
	frappe.qb.from_(assigned).select(assigned.name).where(assigned.name == task).for_update().run()
	req = DocType("Task Extension Request")
	rows = (
		frappe.qb.from_(req)
		.select(req.name)
		.where(
			(req.assigned_task == task)
			& (req.docstatus == 0)
			& (req.workflow_state == EXTENSION_REQUESTED)
			& (req.name != (exclude or ""))
		)
		.for_update()
		.run(pluck=True)
	)
	return rows[0] if rows else None


def validate_decision(request, task) -> None:
	"""A grant or a refusal: by whom may decide, a refusal with its note, a grant on a task still open."""
	if not can_decide_extension(request, task):
		frappe.throw(
			_(
				"Only the assigner or the head of {0} decides on this extension, never the assignee or the requester."
			).format(frappe.bold(task.organization_unit)),
			title=_("Not Permitted"),
			exc=frappe.PermissionError,
		)
	if request.workflow_state == EXTENSION_REJECTED and not (request.decision_note or "").strip():
		frappe.throw(
			_("{0} is required to reject a request: the requester is told why.").format(
				frappe.bold(_("Decision Note"))
			),
			title=_("Missing Value"),
		)
	if request.workflow_state == EXTENSION_APPROVED and task.status in (TASK_COMPLETED, TASK_CANCELLED):
		frappe.throw(
			_("{0} {1} is already {2}: reject or withdraw the request instead.").format(
				frappe.bold(_("Assigned Task")), frappe.bold(task.name), _(task.status)
			),
			title=_("Extension Not Possible"),
			exc=ExtensionRefused,
		)


def grant_extension(request) -> None:
	"""Move the task's due date to the one granted; the task keeps the extension in its history."""
	task = frappe.get_doc("Assigned Task", request.assigned_task, for_update=True)
	task.due_date = request.requested_due_date
	task.deadline_change_reason = request.reason
	task.flags.extension_request = request.name
	# the grant is the request's effect, decided by one who may manage the task
	task.flags.ignore_permissions = True
	task.save()


def decider_users(request) -> set[str]:
	"""Those told of a new request: the assigner and the heads of the task's unit (and above)."""
	users = set(get_unit_head_users(request.organization_unit, climb=False))
	if request.assigned_by:
		users.add(get_cadre_user(request.assigned_by))
	return {u for u in users if u and u not in (request.requested_by_user, request.assignee_user)}


def notify_request(request) -> None:
	def subject(lang):
		return _("{0} asks to extend the due date of {1} to {2}", lang=lang).format(
			request.requested_by and frappe.db.get_value("Cadre", request.requested_by, "full_name"),
			request.task_title or request.assigned_task,
			frappe.format(request.requested_due_date, "Date"),
		)

	notify(decider_users(request), subject, request.doctype, request.name, message=request.reason)


def notify_decision(request) -> None:
	users = set(get_cadre_users([request.requested_by, request.assignee]).values())
	decided = {
		EXTENSION_APPROVED: "Extension of {0} granted: due {1}",
		EXTENSION_REJECTED: "Extension of {0} refused: still due {1}",
	}.get(request.workflow_state)
	if not decided:
		return
	due = (
		request.requested_due_date
		if request.workflow_state == EXTENSION_APPROVED
		else request.current_due_date
	)

	def subject(lang):
		return _(decided, lang=lang).format(
			request.task_title or request.assigned_task, frappe.format(due, "Date")
		)

	notify(
		users - {frappe.session.user}, subject, request.doctype, request.name, message=request.decision_note
	)
