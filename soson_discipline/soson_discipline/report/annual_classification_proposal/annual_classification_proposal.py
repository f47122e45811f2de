# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""The annual classification each cadre's months of the year propose: the average of the period
totals (`scoring.annual_level`) and its level; discipline in the year (a month rated not completed
because of it) still proposes the policy's not-completed level (Decree 335/2025 Art. 20–21)."""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Coalesce, Concat, Count, Max, Min, Sum
from frappe.utils import cint, flt, getdate

from soson_discipline.evaluation.inputs import get_scoring_policy
from soson_discipline.indexes import YEAR_SCORES_INDEX
from soson_discipline.permissions import get_scope_condition
from soson_discipline.reporting.filters import apply_report_filters
from soson_discipline.scoring import annual_level_of_sum
from soson_discipline.utils.hygiene import check_report_filters


def execute(filters: dict | None = None):
	filters = check_report_filters(
		filters, integers={"year": (2000, getdate().year + 20)}, links=("organization_unit",)
	)
	filters.year = cint(filters.year) or getdate().year
	data = get_data(filters)
	chart = get_chart(data)
	shown = sorted(data, key=lambda row: (row["cadre_name"] or "", row["cadre"]))[:ROW_LIMIT]
	return get_columns(), shown, limit_message(len(shown), len(data)), chart


# A city's board proposes for 100,000 cadres: the table lists the first of them by name and says how
# many there are; the chart counts every cadre's proposed level.
ROW_LIMIT = 1000
# between the parts of the latest month's key in one MAX(); a character no name or code contains
SEPARATOR = "\x1f"


def limit_message(shown: int, total: int) -> str | None:
	if total <= shown:
		return None
	return _(
		"Showing the first {0} of {1} cadres by name; the chart counts them all. Choose an organization unit to see the others."
	).format(shown, total)


def year_periods(year: int) -> list[str]:
	ep = DocType("Evaluation Period")
	return (
		frappe.qb.from_(ep)
		.select(ep.name)
		.where((ep.period_start >= f"{year}-01-01") & (ep.period_end <= f"{year}-12-31"))
		.run(pluck=True)
	)


def get_evaluations(filters) -> list[dict]:
	"""One row a cadre: the approved evaluations of the year's periods, of the unit's subtree, within
	the user's scope, summed and counted in SQL (a city has 1.2 million of them in a year), with the
	latest month's name, unit and policy."""
	periods = year_periods(filters.year)
	if not periods:
		return []
	ce = DocType("Cadre Evaluation")
	# the evaluation's own period_start (fetched from its period): no join, 3.5 times faster on a city
	parts = (ce.evaluation_policy, ce.organization_unit, ce.cadre_name)
	latest = Max(
		Concat(ce.period_start, *(term for part in parts for term in (SEPARATOR, Coalesce(part, ""))))
	)
	query = (
		frappe.qb.from_(ce)
		.select(
			ce.cadre,
			Count("*").as_("months"),
			Sum(ce.total_score).as_("total"),
			Min(ce.total_score).as_("lowest_score"),
			Max(ce.total_score).as_("highest_score"),
			Max(ce.not_completed_forced).as_("disciplined"),
			latest.as_("latest"),
		)
		.where((ce.docstatus == 1) & ce.evaluation_period.isin(periods))
		.groupby(ce.cadre)
	)
	if reads_whole_city(filters) and frappe.db.has_index("tabCadre Evaluation", YEAR_SCORES_INDEX):
		query = query.force_index(YEAR_SCORES_INDEX)
	return apply_report_filters(query, ce, "Cadre Evaluation", filters).run(as_dict=True)


def reads_whole_city(filters) -> bool:
	"""Whether the proposal reads every cadre's year (the board, no unit chosen): then the index that
	holds each cadre's scores in cadre order answers alone; MariaDB would take the period index and
	sort. A unit or a unit head's scope keeps the unit index."""
	return not filters.get("organization_unit") and not get_scope_condition("Cadre Evaluation")


def get_data(filters) -> list[dict]:
	data = []
	policies = {}
	# a city has 100,000 cadres but few distinct (sum, months) pairs and levels: each is worked out once
	levels: dict[tuple, tuple[float, str]] = {}
	labels: dict[tuple, str] = {}
	for row in get_evaluations(filters):
		_start, policy_name, unit, cadre_name = row.latest.split(SEPARATOR, 3)
		if policy_name not in policies:
			policies[policy_name] = get_scoring_policy(policy_name)
		policy = policies[policy_name]
		key = (policy_name, row.total, row.months)
		if key not in levels:
			levels[key] = annual_level_of_sum(policy, row.total, row.months)
		average, level = levels[key]
		disciplined = bool(row.disciplined)
		if disciplined and policy.not_completed_on_discipline:
			level = policy.not_completed_level_code
		if (policy_name, level) not in labels:
			band = policy.band(level)
			labels[(policy_name, level)] = _(band.level_label) if band else ""
		data.append(
			{
				"cadre": row.cadre,
				"cadre_name": cadre_name,
				"organization_unit": unit,
				"months": row.months,
				"average_score": average,
				"lowest_score": flt(row.lowest_score),
				"highest_score": flt(row.highest_score),
				"disciplined": int(disciplined),
				"proposed_level": level,
				"proposed_level_label": labels[(policy_name, level)],
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
