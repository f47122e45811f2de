# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""Overdue Tasks: tasks still open after their due date (as of a date), most overdue first: the
tasks the workspace's Overdue Tasks card counts (`figures.overdue_condition`).

Rows are limited to what the user may see (`reporting.filters`)."""

import frappe
from frappe import _
from frappe.utils import date_diff, getdate, today

from soson_discipline.reporting.figures import count_overdue_tasks, overdue_condition
from soson_discipline.reporting.filters import report_selection, scope_parts
from soson_discipline.utils.hygiene import check_report_filters


def execute(filters: dict | None = None):
	filters = check_report_filters(
		filters, dates=("as_of_date",), links=("organization_unit", "assignee", "unit_plan")
	)
	data, total = get_data(filters)
	return get_columns(), data, limit_message(len(data), total), get_chart(data)


# A city's board may face hundreds of thousands of overdue tasks: the report lists the most overdue
# ones and says how many more there are (the chart and the workspace card count them all by unit).
ROW_LIMIT = 1000
LINK_FIELDS = ("assignee", "unit_plan")
UNIT_DUE_INDEX = "soson_unit_due_status"


def limit_message(shown: int, total: int) -> str | None:
	if total <= shown:
		return None
	return _(
		"Showing the {0} most overdue of {1} tasks; filter by unit, assignee or plan to see the others."
	).format(shown, total)


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "name",
			"label": _("Assigned Task"),
			"fieldtype": "Link",
			"options": "Assigned Task",
			"width": 130,
		},
		{"fieldname": "title", "label": _("Title"), "fieldtype": "Data", "width": 280},
		{
			"fieldname": "organization_unit",
			"label": _("Organization Unit"),
			"fieldtype": "Link",
			"options": "Organization Unit",
			"width": 200,
		},
		{
			"fieldname": "assignee",
			"label": _("Assignee"),
			"fieldtype": "Link",
			"options": "Cadre",
			"width": 110,
		},
		{"fieldname": "assignee_name", "label": _("Assignee Name"), "fieldtype": "Data", "width": 170},
		{"fieldname": "assigned_by_name", "label": _("Assigned By"), "fieldtype": "Data", "width": 170},
		{"fieldname": "due_date", "label": _("Due Date"), "fieldtype": "Date", "width": 100},
		{"fieldname": "days_overdue", "label": _("Days Overdue"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "percent_complete",
			"label": _("Percent Complete"),
			"fieldtype": "Percent",
			"width": 110,
		},
		{
			"fieldname": "unit_plan",
			"label": _("Unit Plan"),
			"fieldtype": "Link",
			"options": "Unit Plan",
			"width": 130,
		},
	]


def get_data(filters) -> list[dict]:
	"""The open tasks past due on `as_of_date` (default today), most overdue first and at most
	`ROW_LIMIT` of them, with how many days they are late; and how many there are in all."""
	as_of = getdate(filters.as_of_date or today())
	task = frappe.qb.DocType("Assigned Task")
	assignee, assigner = (
		frappe.qb.DocType("Cadre").as_("assignee_cadre"),
		frappe.qb.DocType("Cadre").as_("assigner_cadre"),
	)
	query = (
		frappe.qb.from_(task)
		.left_join(assignee)
		.on(assignee.name == task.assignee)
		.left_join(assigner)
		.on(assigner.name == task.assigned_by)
		.select(
			task.name,
			task.title,
			task.organization_unit,
			task.assignee,
			assignee.full_name.as_("assignee_name"),
			assigner.full_name.as_("assigned_by_name"),
			task.due_date,
			task.percent_complete,
			task.unit_plan,
		)
		.where(overdue_condition(task, as_of))
		.orderby(task.due_date)
		.orderby(task.name)
		.limit(ROW_LIMIT)
	)
	# each part of the user's scope on its own index (`scope_parts`), the most overdue of each merged
	parts = scope_parts(report_selection(filters, LINK_FIELDS), "Assigned Task", task)
	found = {}
	for part in parts:
		part_query = query
		if few_units(part.selection.units):
			# MariaDB would walk the due-date index to skip the sort, through every unit's overdue
			# tasks (0.9 s for a commune head in a city of 30,000); his few units' are quickly sorted
			part_query = query.force_index(UNIT_DUE_INDEX)
		for row in part.apply(part_query, task, "Assigned Task").run(as_dict=True):
			found[row.name] = row
	rows = sorted(found.values(), key=lambda row: (row.due_date, row.name))[:ROW_LIMIT]
	for row in rows:
		row.days_overdue = date_diff(as_of, row.due_date)
	total = len(found)
	if total >= ROW_LIMIT:
		total = count_overdue_tasks(report_selection(filters, LINK_FIELDS), as_of)
	return rows, total


def few_units(units) -> bool:
	return (
		units is not None and 0 < len(units) <= 50 and frappe.db.has_index("tabAssigned Task", UNIT_DUE_INDEX)
	)


def get_chart(data: list[dict]) -> dict | None:
	if not data:
		return None
	counts = {}
	for row in data:
		counts[row.organization_unit] = counts.get(row.organization_unit, 0) + 1
	return {
		"data": {
			"labels": list(counts),
			"datasets": [{"name": _("Overdue"), "values": list(counts.values())}],
		},
		"type": "bar",
		"colors": ["#ff5858"],
		"height": 240,
	}
