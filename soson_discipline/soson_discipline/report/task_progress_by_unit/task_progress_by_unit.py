# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""Task Progress by Unit: assigned tasks due in a period, per unit, by status and lateness (the task's
own `is_late`), counted by `reporting.figures` as the workspace and the Periodic Report count them.

Rows are limited to what the user may see (`reporting.filters`)."""

import frappe
from frappe import _

from soson_discipline.org import short_unit_labels
from soson_discipline.reporting.figures import percent, task_counts
from soson_discipline.reporting.filters import report_selection
from soson_discipline.utils.hygiene import check_report_filters


def execute(filters: dict | None = None):
	filters = check_report_filters(
		filters,
		dates=("from_date", "to_date"),
		links=("organization_unit", "unit_plan", "directive"),
	)
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
		{"fieldname": "extended", "label": _("Extended"), "fieldtype": "Int", "width": 100},
		{"fieldname": "completion_rate", "label": _("Completion Rate"), "fieldtype": "Percent", "width": 120},
		{"fieldname": "on_time_rate", "label": _("On-Time Rate"), "fieldtype": "Percent", "width": 110},
	]


def get_data(filters) -> list[dict]:
	"""One row per unit: the tasks due in the period by completion and lateness (`figures.task_counts`)."""
	counts = task_counts(report_selection(filters, link_fields=("unit_plan", "directive")))
	data = [
		frappe._dict(
			organization_unit=c.organization_unit,
			total=c.total,
			completed_on_time=c.completed_on_time,
			completed_late=c.completed_late,
			in_progress=c.total - c.completed - c.late_not_completed,
			overdue=c.late_not_completed,
			failed=c.failed,
			extended=c.extended,
			completion_rate=percent(c.completed, c.total),
			on_time_rate=percent(c.completed_on_time, c.completed),
		)
		for c in counts.values()
		if c.total
	]
	return sorted(data, key=lambda r: r.organization_unit)


def get_chart(data: list[dict]) -> dict | None:
	if not data:
		return None
	labels = short_unit_labels(r.organization_unit for r in data)  # full names are cut on the bars
	return {
		"data": {
			"labels": [labels.get(r.organization_unit, r.organization_unit) for r in data],
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
