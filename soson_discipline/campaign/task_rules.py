"""Rules of an Assigned Task that other areas read: lateness and a cadre's task figures.

`get_task_figures` is what evaluations score: for many cadres at once, one query.
"""

import frappe
from frappe.query_builder import DocType
from frappe.utils import flt, getdate, today

from soson_discipline.scoring import TaskFigures
from soson_discipline.states import TASK_CANCELLED, TASK_COMPLETED


def is_past_due(due_date, on=None) -> bool:
	return bool(due_date) and getdate(due_date) < getdate(on or today())


def is_task_late(status: str, due_date, completed_on=None, on=None) -> bool:
	"""Late = completed after the due date, or still open after it (as of `on`, default today)."""
	if not due_date or status == TASK_CANCELLED:
		return False
	if status == TASK_COMPLETED:
		return bool(completed_on) and getdate(completed_on) > getdate(due_date)
	return is_past_due(due_date, on)


def get_task_figures(cadres: list[str], start, end) -> dict[str, TaskFigures]:
	"""The weighted task figures of each cadre of `cadres` for a period (one query for all of them).

	Counts the tasks assigned to the cadre whose `due_date` falls in [start, end] (inclusive) and that
	are not Cancelled; every figure is the sum of the tasks' `weight` (conversion coefficient):

	- assigned: all those tasks;
	- completed: tasks with status Completed;
	- on_time: completed on or before the due date;
	- late: completed after the due date, or still open after it (as of today);
	- failed: tasks whose quality_result is Failed.

	A cadre without such tasks is absent from the result (see `task_figures_of`)."""
	cadres = [c for c in cadres if c]
	if not cadres:
		return {}
	task = DocType("Assigned Task")
	rows = (
		frappe.qb.from_(task)
		.select(
			task.assignee, task.status, task.due_date, task.completed_on, task.quality_result, task.weight
		)
		.where(
			task.assignee.isin(cadres)
			& (task.due_date >= getdate(start))
			& (task.due_date <= getdate(end))
			& (task.status != TASK_CANCELLED)
		)
		.run(as_dict=True)
	)
	sums: dict[str, dict[str, float]] = {}
	for row in rows:
		weight = flt(row.weight)
		f = sums.setdefault(
			row.assignee, dict(assigned=0.0, completed=0.0, on_time=0.0, late=0.0, failed=0.0)
		)
		f["assigned"] += weight
		if row.status == TASK_COMPLETED:
			f["completed"] += weight
			if row.completed_on and getdate(row.completed_on) <= getdate(row.due_date):
				f["on_time"] += weight
		if is_task_late(row.status, row.due_date, row.completed_on):
			f["late"] += weight
		if row.quality_result == "Failed":
			f["failed"] += weight
	return {cadre: TaskFigures(**{k: flt(v, 2) for k, v in f.items()}) for cadre, f in sums.items()}


def task_figures_of(cadre: str, start, end) -> TaskFigures:
	"""The task figures of one cadre (all zero when he or she had no task in the period)."""
	return get_task_figures([cadre], start, end).get(cadre) or TaskFigures()
