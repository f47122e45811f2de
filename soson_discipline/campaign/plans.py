"""Issuing a Unit Plan into work: one Assigned Task per plan row for its lead unit, and cancelling
the plan's open tasks when the plan is cancelled."""

import frappe
from frappe.query_builder import DocType

from soson_discipline.campaign.task_summary import reconcile_task_summary
from soson_discipline.org import get_unit_head
from soson_discipline.states import TASK_CANCELLED, TASK_COMPLETED


def create_plan_tasks(plan) -> list[str]:
	"""One Assigned Task per row of `plan` for its lead unit, assigned by the head of the issuing unit;
	rows that already have one are skipped, so issuing can be retried safely. Returns the names
	created."""
	assigner = get_unit_head(plan.issuing_unit)
	created = []
	for row in plan.tasks:
		if frappe.db.exists("Assigned Task", {"plan_task_row": row.name}):
			continue
		task = frappe.get_doc(
			{
				"doctype": "Assigned Task",
				"title": task_title(row),
				"organization_unit": row.lead_unit,
				"assigned_by": assigner,
				"start_date": plan.issue_date,
				"due_date": row.due_date,
				"recurrence": row.recurrence,
				"description": row.description,
				"expected_output": row.expected_output,
				"work_product_type": row.work_product_type,
				"product_quantity": row.product_quantity or 1,
				"weight": row.weight or 1,
				"unit_plan": plan.name,
				"directive": plan.directive,
				"plan_task_row": row.name,
				"coordinating_units": [{"organization_unit": u} for u in plan.get_coordinating_units(row)],
			}
		)
		# The plan's approver assigns work to other units: the tasks belong to the plan, not to him.
		task.flags.ignore_permissions = True
		task.insert()
		created.append(task.name)
	return created


def cancel_plan_tasks(plan) -> None:
	"""The plan's tasks not yet completed are cancelled with it."""
	task = DocType("Assigned Task")
	open_tasks = (task.unit_plan == plan.name) & (task.status != TASK_COMPLETED)
	units = frappe.qb.from_(task).select(task.organization_unit).distinct().where(open_tasks).run(pluck=True)
	frappe.qb.update(task).set(task.status, TASK_CANCELLED).where(open_tasks).run()
	if units:
		# written in one statement: the tasks of those units are counted again per unit and month
		reconcile_task_summary(units)


def task_title(row) -> str:
	"""A readable task title from the plan row: the first line of its description, shortened."""
	text = (
		(row.description or row.task_group or "").strip().splitlines()[0]
		if (row.description or row.task_group)
		else ""
	)
	return text if len(text) <= 140 else text[:137].rstrip() + "..."
