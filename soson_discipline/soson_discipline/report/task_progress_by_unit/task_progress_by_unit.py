# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""Task Progress by Unit: assigned tasks due in a period, per unit, by status and lateness.

Rows are limited to what the user may see (`permissions.get_scope_condition`)."""

import frappe
from frappe import _
from frappe.utils import flt

from soson_discipline.soson_discipline.doctype.assigned_task.assigned_task import is_task_late
from soson_discipline.utils.report_filters import apply_report_filters


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	columns = get_columns()
	data = get_data(filters)
	return columns, data, None, get_chart(data)


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "organization_unit",
			"label": _("Organization Unit"),
			"fieldtype": "Link",
			"options": "Organization Unit",
			"width": 240,
		},
		{"fieldname": "total", "label": _("Tasks"), "fieldtype": "Int", "width": 80},
		{"fieldname": "completed_on_time", "label": _("Completed On Time"), "fieldtype": "Int", "width": 130},
		{"fieldname": "completed_late", "label": _("Completed Late"), "fieldtype": "Int", "width": 120},
		{"fieldname": "in_progress", "label": _("Not Yet Due"), "fieldtype": "Int", "width": 110},
		{"fieldname": "overdue", "label": _("Overdue"), "fieldtype": "Int", "width": 90},
		{"fieldname": "failed", "label": _("Quality Failed"), "fieldtype": "Int", "width": 110},
		{"fieldname": "completion_rate", "label": _("Completion Rate"), "fieldtype": "Percent", "width": 120},
		{"fieldname": "on_time_rate", "label": _("On-Time Rate"), "fieldtype": "Percent", "width": 110},
	]


def get_tasks(filters) -> list[dict]:
	task = frappe.qb.DocType("Assigned Task")
	query = (
		frappe.qb.from_(task)
		.select(
			task.name,
			task.organization_unit,
			task.status,
			task.due_date,
			task.completed_on,
			task.quality_result,
		)
		.where((task.status != "Cancelled") & task.due_date.isnotnull())
	)
	query = apply_report_filters(
		query, task, "Assigned Task", filters, date_field="due_date", link_fields=("unit_plan", "directive")
	)
	return query.run(as_dict=True)


def get_data(filters) -> list[dict]:
	units = {}
	for task in get_tasks(filters):
		row = units.setdefault(
			task.organization_unit,
			frappe._dict(
				organization_unit=task.organization_unit,
				total=0,
				completed_on_time=0,
				completed_late=0,
				in_progress=0,
				overdue=0,
				failed=0,
			),
		)
		row.total += 1
		late = is_task_late(task.status, task.due_date, task.completed_on)
		if task.status == "Completed":
			if late:
				row.completed_late += 1
			else:
				row.completed_on_time += 1
		elif late:
			row.overdue += 1
		else:
			row.in_progress += 1
		if task.quality_result == "Failed":
			row.failed += 1
	data = sorted(units.values(), key=lambda r: r.organization_unit)
	for row in data:
		completed = row.completed_on_time + row.completed_late
		row.completion_rate = flt(100.0 * completed / row.total, 1) if row.total else 0
		row.on_time_rate = flt(100.0 * row.completed_on_time / completed, 1) if completed else 0
	return data


def get_chart(data: list[dict]) -> dict | None:
	if not data:
		return None
	return {
		"data": {
			"labels": [r.organization_unit for r in data],
			"datasets": [
				{"name": _("Completed On Time"), "values": [r.completed_on_time for r in data]},
				{"name": _("Completed Late"), "values": [r.completed_late for r in data]},
				{"name": _("Not Yet Due"), "values": [r.in_progress for r in data]},
				{"name": _("Overdue"), "values": [r.overdue for r in data]},
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
		"colors": ["#28a745", "#ffa00a", "#5e64ff", "#ff5858"],
		"height": 280,
	}
