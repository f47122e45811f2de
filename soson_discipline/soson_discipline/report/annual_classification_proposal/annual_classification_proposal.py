# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""The annual classification each cadre's months of the year propose: the average of the period
totals (`scoring.annual_level`) and its level; discipline in the year (a month rated not completed
because of it) still proposes the policy's not-completed level (Decree 335/2025 Art. 20–21)."""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import cint, getdate

from soson_discipline.evaluation.year_results import (
	propose,
	reads_whole_city,
	reads_year_results,
	stored_view,
	year_periods,
	year_scores_query,
)
from soson_discipline.indexes import YEAR_SCORES_INDEX
from soson_discipline.reporting.filters import apply_report_filters
from soson_discipline.scoring.periods import CLASSIFY_YEAR
from soson_discipline.utils.hygiene import check_report_filters


def execute(filters: dict | None = None):
	filters = check_report_filters(
		filters, integers={"year": (2000, getdate().year + 20)}, links=("organization_unit",)
	)
	filters.year = cint(filters.year) or getdate().year
	if reads_year_results(filters):
		# the board's whole city: each cadre's year as kept at approval (`evaluation.year_results`)
		shown, total, counts = stored_view(filters.year, ROW_LIMIT)
		add_classifications(shown, filters.year)
		return get_columns(), shown, limit_message(len(shown), total), level_chart(counts)
	data = get_data(filters)
	chart = get_chart(data)
	shown = sorted(data, key=lambda row: (row["cadre_name"] or "", row["cadre"]))[:ROW_LIMIT]
	add_classifications(shown, filters.year)
	return get_columns(), shown, limit_message(len(shown), len(data)), chart


# A city's board proposes for 100,000 cadres: the table lists the first of them by name and says how
# many there are; the chart counts every cadre's proposed level.
ROW_LIMIT = 1000


def limit_message(shown: int, total: int) -> str | None:
	if total <= shown:
		return None
	return _(
		"Showing the first {0} of {1} cadres by name; the chart counts them all. Choose an organization unit to see the others."
	).format(shown, total)


def get_evaluations(filters) -> list[dict]:
	"""One row a cadre: the approved evaluations of the year's periods, of the unit's subtree, within
	the user's scope, summed and counted in SQL (`year_results.year_scores_query`)."""
	periods = year_periods(filters.year)
	if not periods:
		return []
	ce = DocType("Cadre Evaluation")
	query = year_scores_query(periods)
	# the whole city: the index that holds each cadre's scores in cadre order answers alone (MariaDB
	# would take the period index and sort); a unit or a unit head's scope keeps the unit index
	if reads_whole_city(filters) and frappe.db.has_index("tabCadre Evaluation", YEAR_SCORES_INDEX):
		query = query.force_index(YEAR_SCORES_INDEX)
	return apply_report_filters(query, ce, "Cadre Evaluation", filters).run(as_dict=True)


def get_data(filters) -> list[dict]:
	"""Each cadre's proposal, worked out live (`year_results.propose`)."""
	return propose(get_evaluations(filters), filters.year)


def add_classifications(rows: list[dict], year: int) -> None:
	"""Beside each proposal, the cadre's year classification (`Cadre Classification`) where one was
	made, with its level and its step: what was decided, next to what the months propose."""
	if not rows:
		return
	cc = DocType("Cadre Classification")
	made = {
		row.cadre: row
		for row in frappe.qb.from_(cc)
		.select(cc.name, cc.cadre, cc.final_level_label, cc.workflow_state)
		.where(
			cc.cadre.isin([row["cadre"] for row in rows])
			& (cc.classification_type == CLASSIFY_YEAR)
			& (cc.year == year)
			& (cc.docstatus < 2)
		)
		.run(as_dict=True)
	}
	for row in rows:
		found = made.get(row["cadre"])
		row["classification"] = found.name if found else None
		row["classified_level_label"] = found.final_level_label if found else None
		row["classification_state"] = _(found.workflow_state) if found and found.workflow_state else None


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
		{
			"fieldname": "average_score",
			"label": _("Average Score"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 110,
		},
		{
			"fieldname": "lowest_score",
			"label": _("Lowest Score"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 100,
		},
		{
			"fieldname": "highest_score",
			"label": _("Highest Score"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 100,
		},
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
		{
			"fieldname": "classification",
			"label": _("Cadre Classification"),
			"fieldtype": "Link",
			"options": "Cadre Classification",
			"width": 130,
		},
		{
			"fieldname": "classified_level_label",
			"label": _("Classified As"),
			"fieldtype": "Data",
			"width": 200,
		},
		{
			"fieldname": "classification_state",
			"label": _("Classification Step"),
			"fieldtype": "Data",
			"width": 130,
		},
	]


def get_chart(data: list[dict]) -> dict | None:
	counts: dict[str, int] = {}
	for row in data:
		counts[row["proposed_level"]] = counts.get(row["proposed_level"], 0) + 1
	return level_chart(counts)


def level_chart(counts: dict[str, int]) -> dict | None:
	"""Cadres per proposed level."""
	if not counts:
		return None
	return {
		"data": {
			"labels": list(counts),
			"datasets": [{"name": _("Cadres"), "values": list(counts.values())}],
		},
		"type": "bar",
		"height": 240,
	}
