# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""The annual classification each cadre's months of the year propose: the average of the period
totals (`scoring.annual_level`) and its level; discipline in the year (a month rated not completed
because of it) still proposes the policy's not-completed level (Decree 335/2025 Art. 20–21)."""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import cint, getdate

from soson_discipline.evaluation.inputs import get_scoring_policy
from soson_discipline.reporting.filters import apply_report_filters
from soson_discipline.scoring import annual_level
from soson_discipline.utils.hygiene import check_report_filters


def execute(filters: dict | None = None):
	filters = check_report_filters(
		filters, integers={"year": (2000, getdate().year + 20)}, links=("organization_unit",)
	)
	filters.year = cint(filters.year) or getdate().year
	data = get_data(filters)
	return get_columns(), data, None, get_chart(data)


def get_evaluations(filters) -> list[dict]:
	"""The approved evaluations of the year's periods, of the unit's subtree, within the user's scope."""
	ce = DocType("Cadre Evaluation")
	ep = DocType("Evaluation Period")
	query = (
		frappe.qb.from_(ce)
		.join(ep)
		.on(ep.name == ce.evaluation_period)
		.select(
			ce.cadre,
			ce.cadre_name,
			ce.organization_unit,
			ce.total_score,
			ce.not_completed_forced,
			ce.evaluation_policy,
			ep.period_start,
		)
		.where(
			(ce.docstatus == 1)
			& (ep.period_start >= f"{filters.year}-01-01")
			& (ep.period_end <= f"{filters.year}-12-31")
		)
		.orderby(ce.cadre_name)
		.orderby(ep.period_start)
	)
	return apply_report_filters(query, ce, "Cadre Evaluation", filters).run(as_dict=True)


def get_data(filters) -> list[dict]:
	by_cadre: dict[str, list[dict]] = {}
	for row in get_evaluations(filters):
		by_cadre.setdefault(row.cadre, []).append(row)
	data = []
	for cadre, months in by_cadre.items():
		latest = months[-1]
		policy = get_scoring_policy(latest.evaluation_policy)
		average, level = annual_level(policy, [m.total_score for m in months])
		disciplined = any(m.not_completed_forced for m in months)
		if disciplined and policy.not_completed_on_discipline:
			level = policy.not_completed_level_code
		band = policy.band(level)
		data.append(
			{
				"cadre": cadre,
				"cadre_name": latest.cadre_name,
				"organization_unit": latest.organization_unit,
				"months": len(months),
				"average_score": average,
				"lowest_score": min(m.total_score for m in months),
				"highest_score": max(m.total_score for m in months),
				"disciplined": int(disciplined),
				"proposed_level": level,
				"proposed_level_label": _(band.level_label) if band else "",
			}
		)
	return data


def get_columns() -> list[dict]:
	return [
		{"fieldname": "cadre", "label": _("Cadre"), "fieldtype": "Link", "options": "Cadre", "width": 110},
		{"fieldname": "cadre_name", "label": _("Full Name"), "fieldtype": "Data", "width": 180},
		{
			"fieldname": "organization_unit",
			"label": _("Organization Unit"),
			"fieldtype": "Link",
			"options": "Organization Unit",
			"width": 200,
		},
		{"fieldname": "months", "label": _("Months Evaluated"), "fieldtype": "Int", "width": 110},
		{"fieldname": "average_score", "label": _("Average Score"), "fieldtype": "Float", "width": 110},
		{"fieldname": "lowest_score", "label": _("Lowest Score"), "fieldtype": "Float", "width": 100},
		{"fieldname": "highest_score", "label": _("Highest Score"), "fieldtype": "Float", "width": 100},
		{
			"fieldname": "disciplined",
			"label": _("Disciplined in the Year"),
			"fieldtype": "Check",
			"width": 130,
		},
		{"fieldname": "proposed_level", "label": _("Proposed Level"), "fieldtype": "Data", "width": 110},
		{
			"fieldname": "proposed_level_label",
			"label": _("Proposed Classification"),
			"fieldtype": "Data",
			"width": 220,
		},
	]


def get_chart(data: list[dict]) -> dict | None:
	if not data:
		return None
	counts: dict[str, int] = {}
	for row in data:
		counts[row["proposed_level"]] = counts.get(row["proposed_level"], 0) + 1
	return {
		"data": {
			"labels": list(counts),
			"datasets": [{"name": _("Cadres"), "values": list(counts.values())}],
		},
		"type": "bar",
		"height": 240,
	}
