"""The daily jobs on Assigned Tasks (entry points in `soson_discipline.tasks`): overdue marking and
reminders. Both are idempotent: a second run the same day changes and sends nothing."""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import add_days, cint, getdate, today

from soson_discipline.campaign.task_summary import set_task_values
from soson_discipline.notifications import notify
from soson_discipline.org import get_cadre_users, get_unit_head
from soson_discipline.states import TASK_NOT_YET_OVERDUE, TASK_OPEN_STATUSES, TASK_OVERDUE


def mark_overdue_tasks() -> int:
	"""Open / In Progress tasks past their due date become Overdue (and late). Returns how many."""
	task = DocType("Assigned Task")
	rows = (
		frappe.qb.from_(task)
		.select(task.name, task.status, task.is_late)
		.where(
			(task.status.isin(TASK_NOT_YET_OVERDUE) & (task.due_date < today()))
			| ((task.status == TASK_OVERDUE) & (task.is_late == 0))
		)
		.run(as_dict=True)
	)
	for row in rows:
		set_task_values(row.name, {"status": TASK_OVERDUE, "is_late": 1})
	announce_changes(rows)
	return len(rows)


def announce_changes(before_rows: list) -> None:
	"""Frappe's Webhooks and Notifications see what the job changed without a save: each task's
	`on_change` event runs for them (a Webhook on "on_change", a Notification on "Value Change"), with
	the task as it was before the job as its `doc_before_save`. The app's own handlers are not run
	again: `set_task_values` already kept the figures in step."""
	if not before_rows or not has_change_listeners("Assigned Task"):
		return
	from frappe.integrations.doctype.webhook import run_webhooks

	for row in before_rows:
		doc = frappe.get_doc("Assigned Task", row.name)
		doc._doc_before_save = frappe._dict(doc.as_dict(), **row)
		doc.run_notifications("on_change")
		run_webhooks(doc, "on_change")


def has_change_listeners(doctype: str) -> bool:
	"""Whether an enabled Webhook or Notification listens to changes of `doctype`."""
	return bool(
		frappe.db.exists("Webhook", {"webhook_doctype": doctype, "enabled": 1})
		or frappe.db.exists("Notification", {"document_type": doctype, "enabled": 1})
	)


def send_task_reminders() -> int:
	"""Remind assignees and unit heads of tasks due within `Discipline Settings.reminder_lead_days`
	and of overdue tasks, in the desk and by email (see `notifications.notify`).

	Each task is reminded at most once a day (`last_reminder_on`). Returns the number of tasks reminded."""
	lead_days = cint(frappe.db.get_single_value("Discipline Settings", "reminder_lead_days") or 3)
	task = DocType("Assigned Task")
	tasks = (
		frappe.qb.from_(task)
		.select(task.name, task.title, task.due_date, task.status, task.assignee, task.organization_unit)
		.where(
			task.status.isin(TASK_OPEN_STATUSES)
			& task.due_date.isnotnull()
			& (task.due_date <= add_days(today(), lead_days))
			& (task.last_reminder_on.isnull() | (task.last_reminder_on < today()))
		)
		.run(as_dict=True)
	)
	for row in tasks:
		remind_task(row)
		frappe.db.set_value("Assigned Task", row.name, "last_reminder_on", today(), update_modified=False)
	return len(tasks)


def remind_task(task) -> list[str]:
	"""Tell the assignee and the head of the task's unit that it is due soon, or overdue."""
	users = get_cadre_users([task.assignee, get_unit_head(task.organization_unit)]).values()
	overdue = getdate(task.due_date) < getdate(today())
	due = frappe.format(task.due_date, "Date")

	def subject(lang):
		if overdue:
			return _("Overdue task: {0} (due {1})", lang=lang).format(task.title, due)
		return _("Task due soon: {0} (due {1})", lang=lang).format(task.title, due)

	def message(lang):
		return _("{0}: {1}. Please update its progress.", lang=lang).format(
			task.title, _(task.status, lang=lang)
		)

	return notify(
		users, subject, "Assigned Task", task.name, message=message, once_per_day_key="task-reminder"
	)
