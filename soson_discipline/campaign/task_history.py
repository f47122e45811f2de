"""An Assigned Task's assessments and history: what Decree 335/2025 Art. 14 counts (issue 23).

The task itself calls these from its `validate`: a completed task reopened after an assessment loses
it (a failed one is `reopened`: it earns and costs nothing until completed again), quality is assessed
on completed work by those who manage the task (never the assignee), and the task's history
(`Assigned Task Event`, written by the task only) keeps each deadline moved, completion, assessment and
reopening, from which `delay_count` and `failed_assessments` are counted for the evaluation.
"""

import frappe
from frappe import _
from frappe.utils import cint, getdate, today

from soson_discipline.campaign.task_rules import is_past_due
from soson_discipline.org import get_user_cadre
from soson_discipline.permissions import can_manage_task
from soson_discipline.states import (
	TASK_COMPLETED,
	TASK_EVENT_EXTENDED,
	TASK_QUALITY_FAILED,
	TASK_QUALITY_NOT_ASSESSED,
)


class TaskAssessmentError(frappe.PermissionError):
	"""An assessment by someone who may not assess the task."""


def reopen_after_assessment(task):
	"""A completed task that was assessed and is opened again loses its assessment (kept in the
	history); one that failed is `reopened`: it earns and costs nothing until it is completed
	again (Decree 335/2025 Art. 14 counts the products completed)."""
	before = task.get_doc_before_save()
	if not before or before.status != TASK_COMPLETED or task.status == TASK_COMPLETED:
		return
	task.flags.reopening = True
	if before.quality_result != TASK_QUALITY_NOT_ASSESSED:
		task.reopened = int(before.quality_result == TASK_QUALITY_FAILED)
		task.quality_result = TASK_QUALITY_NOT_ASSESSED


def check_assessment(task):
	"""Quality is assessed on completed work, by the assigner or the unit head, never by the assignee."""
	if task.flags.reopening and task.quality_result == TASK_QUALITY_NOT_ASSESSED:
		return
	changed = (
		task.has_value_changed("quality_result")
		if not task.is_new()
		else task.quality_result != "Not Assessed"
	)
	if not changed:
		return
	if task.quality_result != "Not Assessed" and task.status != TASK_COMPLETED:
		frappe.throw(
			_("{0} can be assessed only once the task is completed.").format(
				frappe.bold(_("Quality Result"))
			),
			title=_("Task Not Completed"),
		)
	cadre = get_user_cadre()
	if cadre and task.assignee and cadre.name == task.assignee:
		frappe.throw(
			_("The assignee cannot assess the quality of his or her own task."),
			title=_("Not Permitted"),
			exc=TaskAssessmentError,
		)
	if not can_manage_task(task):
		frappe.throw(
			_("Only the assigner or the head of {0} may assess the quality of this task.").format(
				frappe.bold(task.organization_unit)
			),
			title=_("Not Permitted"),
			exc=TaskAssessmentError,
		)


def record_history(task):
	"""Keep the task's history as it was (only the task writes it) and add what this save did: a
	deadline moved (a delay when the old one had already passed on an unfinished task), a
	completion (a delay when after the due date), an assessment (a failure when Failed; an
	assessment corrected before the task is reopened replaces the one it corrects), a reopening.
	`delay_count` and `failed_assessments` count them for the evaluation."""
	before = task.get_doc_before_save()
	task.set("history", [row.as_dict() for row in before.history] if before else [])
	by = (get_user_cadre() or frappe._dict()).get("name")
	if before and before.due_date and getdate(before.due_date) != getdate(task.due_date):
		# a deadline already missed and moved is a delay; an extension asked in time is not
		request = task.flags.extension_request
		missed = not request and before.status != TASK_COMPLETED and is_past_due(before.due_date)
		extended = not missed and getdate(task.due_date) > getdate(before.due_date)
		add_event(
			task,
			TASK_EVENT_EXTENDED if extended else "Deadline Changed",
			by,
			due_date=before.due_date,
			new_due_date=task.due_date,
			is_delay=missed,
			reason=task.deadline_change_reason,
			extension_request=request,
		)
		task.original_due_date = task.original_due_date or before.due_date
	task.deadline_change_reason = None  # kept in the history
	if task.status == TASK_COMPLETED and (not before or before.status != TASK_COMPLETED):
		task.reopened = 0
		add_event(task, "Completed", by, event_date=task.completed_on, is_delay=completed_late(task))
	elif task.status == TASK_COMPLETED and getdate(before.completed_on) != getdate(task.completed_on):
		completion = last_event(task, "Completed")
		if completion:  # the completion date corrected
			completion.update({"event_date": task.completed_on, "is_delay": completed_late(task)})
	if before and before.status == TASK_COMPLETED and task.status != TASK_COMPLETED:
		add_event(task, "Reopened", by)
	if task.flags.objective_cause_event:  # campaign.objective_cause: a confirmation or a refusal
		event, reason = task.flags.objective_cause_event
		add_event(task, event, by, reason=reason)
	assessed = before.quality_result if before else TASK_QUALITY_NOT_ASSESSED
	if task.quality_result != assessed and task.quality_result != TASK_QUALITY_NOT_ASSESSED:
		supersede_assessments_of_this_completion(task)
		add_event(
			task,
			"Assessed",
			by,
			quality_result=task.quality_result,
			is_failure=task.quality_result == TASK_QUALITY_FAILED,
		)
	task.extension_count = sum(1 for row in task.history if row.event == TASK_EVENT_EXTENDED)
	task.delay_count = sum(cint(row.is_delay) for row in task.history)
	task.failed_assessments = sum(cint(row.is_failure) for row in task.history)


def supersede_assessments_of_this_completion(task):
	"""An assessment corrected before the task is reopened replaces the one it corrects: only the
	last assessment of each completion counts."""
	completion = last_event(task, "Completed")
	since = task.history.index(completion) + 1 if completion else 0
	for row in task.history[since:]:
		if row.event == "Assessed":
			row.is_failure = 0


def completed_late(task) -> bool:
	return bool(task.completed_on and task.due_date and getdate(task.completed_on) > getdate(task.due_date))


def add_event(task, event: str, by, **values):
	values = {k: (int(v) if isinstance(v, bool) else v) for k, v in values.items()}
	task.append(
		"history",
		{"event": event, "event_date": today(), "due_date": task.due_date, "recorded_by": by, **values},
	)


def last_event(task, event: str):
	return next((row for row in reversed(task.history) if row.event == event), None)
