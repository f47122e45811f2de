"""Rules of an Assigned Task that other areas read: lateness and a cadre's task figures.

`get_task_figures` is what evaluations score: for many cadres at once, one grouped query (the sums
are made by the database, so a batch of the monthly generation reads one row per cadre).
"""

import frappe
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Coalesce, Count, Sum
from frappe.utils import flt, getdate
from pypika import CustomFunction

from soson_discipline.scoring import TaskFigures
from soson_discipline.states import (
	TASK_CANCELLED,
	TASK_COMPLETED,
	TASK_QUALITY_EXCEEDED,
	TASK_QUALITY_FAILED,
)

# a task written without its history (a bulk import, a release before the history) still counts its
# one late completion and its current failed assessment
Greatest = CustomFunction("GREATEST", ["a", "b"])

FIGURES = ("assigned", "completed", "on_time", "late", "failed", "exceeded", "delays", "failures", "excused")


def is_past_due(due_date, on=None) -> bool:
	return bool(due_date) and getdate(due_date) < (getdate(on) if on else getdate())


def is_task_late(status: str, due_date, completed_on=None, on=None, delays: int = 0) -> bool:
	"""Late = completed after the due date or after a delay in its history (`delays`: a deadline
	missed and moved), or still open after the due date (as of `on`, default today). The SQL of the
	same rule is `get_task_figures`' "late"."""
	if not due_date or status == TASK_CANCELLED:
		return False
	if status == TASK_COMPLETED:
		return delays > 0 or (bool(completed_on) and getdate(completed_on) > getdate(due_date))
	return is_past_due(due_date, on)


def get_task_figures(cadres: list[str], start, end) -> dict[str, TaskFigures]:
	"""The converted task figures of each cadre of `cadres` for a period (one grouped query for all).

	Counts the tasks assigned to the cadre whose `due_date` falls in [start, end] (inclusive), that
	are not Cancelled and not `reopened` after a failed assessment (such a product earns and costs
	nothing until it is completed again); every figure is the sum of the tasks' `weight`, the products
	they deliver converted (quantity × the product type's conversion factor, `campaign.products`):

	- assigned: all those tasks;
	- completed: tasks with status Completed;
	- on_time: completed on or before the due date (an extension granted in time moved it), with no
	  delay in its history;
	- late: completed after a delay, or still open past the due date (as of today: `is_task_late`);
	- failed: tasks whose quality_result is Failed;
	- exceeded: tasks whose quality_result is Exceeded Requirements (a completed task that passed);
	- delays / failures: each delay and each failed assessment of a completed task, counted from its
	  history (`delay_count`, `failed_assessments`) — what Decree 335 Art. 14's 25 % penalties count;
	- excused: late or failed tasks whose objective cause the competent level confirmed
	  (`campaign.objective_cause`): Art. 14 deducts nothing for them, so they count on time and of the
	  required quality, with no delay and no failure.

	A cadre without such tasks is absent from the result (see `task_figures_of`)."""
	cadres = [c for c in cadres if c]
	if not cadres:
		return {}
	rows = (
		task_figures_query(start, end)
		.where(_task.assignee.isin(cadres))
		.groupby(_task.assignee)
		.run(as_dict=True)
	)
	return {row.assignee: figures_of_row(row) for row in rows}


def get_unit_task_figures(units: list[str], start, end) -> dict[str, TaskFigures]:
	"""The converted task figures of each unit of `units` as a collective (issue 29): the tasks whose
	unit it is, due in [start, end], counted as `get_task_figures` counts a cadre's — a task broken
	down into tasks of the same unit counts through its parts, not again as a whole."""
	units = [u for u in units if u]
	if not units:
		return {}
	child, parent = (
		DocType("Assigned Task").as_("child_task"),
		DocType("Assigned Task").as_("parent_task_row"),
	)
	broken_down = (
		frappe.qb.from_(child)
		.join(parent)
		.on(parent.name == child.parent_task)
		.select(child.parent_task)
		.distinct()
		.where(
			child.organization_unit.isin(units)
			& (parent.organization_unit == child.organization_unit)
			& (child.status != TASK_CANCELLED)
		)
		.run(pluck=True)
	)
	query = task_figures_query(start, end, who=_task.organization_unit).where(
		_task.organization_unit.isin(units)
	)
	if broken_down:
		query = query.where(_task.name.notin(broken_down))
	rows = query.groupby(_task.organization_unit).run(as_dict=True)
	return {row.organization_unit: figures_of_row(row) for row in rows}


def task_figures_by_product_type(cadre: str, start, end) -> list[frappe._dict]:
	"""The same figures of one cadre's period per product type (none: tasks without a product type),
	each row with the product's name, unit of measure and factor and the products' quantity, worked
	out when shown: an evaluation stores the totals only."""
	if not cadre:
		return []
	product = DocType("Work Product Type")
	query = (
		task_figures_query(start, end)
		.left_join(product)
		.on(product.name == _task.work_product_type)
		.select(
			_task.work_product_type,
			product.product_name,
			product.unit_of_measure,
			product.conversion_factor,
			Sum(Case().when(_task.work_product_type.isnotnull(), _task.product_quantity).else_(0)).as_(
				"quantity"
			),
			Count(_task.name).as_("tasks"),
		)
		.where(_task.assignee == cadre)
		.groupby(_task.work_product_type)
		.orderby(product.product_name)
	)
	rows = []
	for row in query.run(as_dict=True):
		row.figures = figures_of_row(row)
		row.quantity = flt(row.quantity, 2)
		rows.append(row)
	return rows


def task_products_of(evaluation) -> list[dict]:
	"""An evaluation's products by type, for its form and its print: each product type's quantity,
	factor and converted figures in the evaluation's period (worked out when shown)."""
	rows = task_figures_by_product_type(evaluation.cadre, evaluation.period_start, evaluation.period_end)
	return [
		{
			"work_product_type": row.work_product_type,
			"product_name": row.product_name,
			"unit_of_measure": row.unit_of_measure,
			"conversion_factor": flt(row.conversion_factor),
			"quantity": row.quantity,
			"tasks": row.tasks,
			**{
				name: getattr(row.figures, name)
				for name in ("assigned", "completed", "on_time", "late", "failed")
			},
			"excused": row.figures.excused,
		}
		for row in rows
	]


_task = DocType("Assigned Task")


def task_figures_query(start, end, who=None):
	"""The figures' sums over the counted tasks of [start, end], with `who` (the assignee unless told)
	selected; the caller adds the grouping. The SQL of `is_task_late`, with the objective-cause
	exemption."""
	task = _task
	completed = task.status == TASK_COMPLETED
	excused = task.objective_cause_confirmed == 1
	delayed = (task.completed_on > task.due_date) | (task.delay_count > 0)
	failed = task.quality_result == TASK_QUALITY_FAILED
	on_time = (
		completed
		& task.completed_on.isnotnull()
		& (((task.completed_on <= task.due_date) & (task.delay_count == 0)) | excused)
	)
	late = (completed & delayed) | ((task.status != TASK_COMPLETED) & (task.due_date < getdate()))
	penalised = completed & (excused == 0)

	def weighted(condition=None, times=None):
		weight = Coalesce(task.weight, 0) * times if times is not None else Coalesce(task.weight, 0)
		return Sum(weight if condition is None else Case().when(condition, weight).else_(0))

	return (
		frappe.qb.from_(task)
		.select(
			task.assignee if who is None else who,
			weighted().as_("assigned"),
			weighted(completed).as_("completed"),
			weighted(on_time).as_("on_time"),
			weighted(late & (excused == 0)).as_("late"),
			weighted(failed & (excused == 0)).as_("failed"),
			weighted(task.quality_result == TASK_QUALITY_EXCEEDED).as_("exceeded"),
			weighted(penalised, Greatest(task.delay_count, Case().when(delayed, 1).else_(0))).as_("delays"),
			weighted(
				penalised,
				Greatest(task.failed_assessments, Case().when(failed, 1).else_(0)),
			).as_("failures"),
			weighted(excused & (late | failed | (task.delay_count > 0) | (task.failed_assessments > 0))).as_(
				"excused"
			),
		)
		.where(
			(task.due_date >= getdate(start))
			& (task.due_date <= getdate(end))
			& (task.status != TASK_CANCELLED)
			& (task.reopened == 0)
		)
	)


def figures_of_row(row) -> TaskFigures:
	return TaskFigures(**{k: flt(row[k], 2) for k in FIGURES})


def task_figures_of(cadre: str, start, end) -> TaskFigures:
	"""The task figures of one cadre (all zero when he or she had no task in the period)."""
	return get_task_figures([cadre], start, end).get(cadre) or TaskFigures()
