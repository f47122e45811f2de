# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""Overdue Tasks: tasks still open after their due date (as of a date), most overdue first: the
tasks the workspace's Overdue Tasks card counts (`figures.overdue_condition`).

Rows are limited to what the user may see (`reporting.filters`)."""

import frappe
from frappe import _
from frappe.utils import date_diff, getdate, today

from soson_discipline.reporting.figures import overdue_condition
from soson_discipline.reporting.filters import apply_report_filters


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	return get_columns(), data, None, get_chart(data)


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
			"width": 150,
		},
		{
			"fieldname": "assigned_by",
			"label": _("Assigned By"),
			"fieldtype": "Link",
			"options": "Cadre",
			"width": 150,
		},
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
	"""The open tasks past due on `as_of_date` (default today) with how many days they are late."""
	as_of = getdate(filters.as_of_date or today())
	task = frappe.qb.DocType("Assigned Task")
	query = (
		frappe.qb.from_(task)
		.select(
			task.name,
			task.title,
			task.organization_unit,
			task.assignee,
			task.assigned_by,
			task.due_date,
			task.percent_complete,
			task.unit_plan,
		)
		.where(overdue_condition(task, as_of))
		.orderby(task.due_date)
		.orderby(task.name)
	)
	query = apply_report_filters(query, task, "Assigned Task", filters, link_fields=("assignee", "unit_plan"))
	rows = query.run(as_dict=True)
	for row in rows:
		row.days_overdue = date_diff(as_of, row.due_date)
	return rows


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
