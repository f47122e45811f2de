# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""One cadre's evaluations month by month (total, self-assessed total, level), with a line chart."""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import getdate

from soson_discipline.org import get_user_cadre
from soson_discipline.reporting.filters import apply_report_filters
from soson_discipline.utils.hygiene import check_report_filters


def execute(filters: dict | None = None):
	filters = check_report_filters(filters, dates=("from_date", "to_date"), links=("cadre",))
	if not filters.cadre:
		me = get_user_cadre()
		filters.cadre = me.name if me else None
	if not filters.cadre:
		return get_columns(), [], None, None
	data = get_data(filters)
	return get_columns(), data, None, get_chart(data)


def get_data(filters) -> list[dict]:
	"""The cadre's evaluations (cancelled ones left out) of the periods inside the dates, in order,
	within the user's scope."""
	ce = DocType("Cadre Evaluation")
	ep = DocType("Evaluation Period")
	query = (
		frappe.qb.from_(ce)
		.join(ep)
		.on(ep.name == ce.evaluation_period)
		.select(
			ce.name.as_("evaluation"),
			ce.evaluation_period,
			ep.title.as_("period_title"),
			ep.period_start,
			ce.self_total,
			ce.total_score,
			ce.self_level,
			ce.final_level,
			ce.workflow_state,
			ce.violation_deduction,
		)
		.where(ce.docstatus < 2)
		.orderby(ep.period_start)
	)
	# the dates bound the evaluation's period, not a field of the evaluation
	if filters.from_date:
		query = query.where(ep.period_start >= getdate(filters.from_date))
	if filters.to_date:
		query = query.where(ep.period_end <= getdate(filters.to_date))
	query = apply_report_filters(query, ce, "Cadre Evaluation", filters, link_fields=("cadre",))
	rows = query.run(as_dict=True)
	for row in rows:
		row.workflow_state = _(row.workflow_state) if row.workflow_state else row.workflow_state
	return rows


def get_columns() -> list[dict]:
	return [
		{"fieldname": "period_title", "label": _("Evaluation Period"), "fieldtype": "Data", "width": 150},
		{
			"fieldname": "evaluation",
			"label": _("Cadre Evaluation"),
			"fieldtype": "Link",
			"options": "Cadre Evaluation",
			"width": 130,
		},
		{
			"fieldname": "self_total",
			"label": _("Self-Assessed Total"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 130,
		},
		{
			"fieldname": "total_score",
			"label": _("Total Score"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 110,
		},
		{
			"fieldname": "violation_deduction",
			"label": _("Violation Deduction"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 130,
		},
		{"fieldname": "self_level", "label": _("Self-Assessed Level"), "fieldtype": "Data", "width": 130},
		{"fieldname": "final_level", "label": _("Final Level"), "fieldtype": "Data", "width": 100},
		{"fieldname": "workflow_state", "label": _("Status"), "fieldtype": "Data", "width": 110},
	]


def get_chart(data: list[dict]) -> dict | None:
	if not data:
		return None
	return {
		"data": {
			"labels": [row.period_title or row.evaluation_period for row in data],
			"datasets": [
				{"name": _("Total Score"), "values": [row.total_score for row in data]},
				{"name": _("Self-Assessed Total"), "values": [row.self_total for row in data]},
			],
		},
		"type": "line",
		"height": 260,
	}
