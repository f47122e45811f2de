# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""Early warnings raised in a period (issue 28), by type, unit and month: one row per warning, a chart
of the warnings raised each month by type, and the counts by status. Limited to what the user may see
(`reporting.filters`): never a warning about the user himself or herself."""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count, DateFormat
from frappe.utils import add_months, get_first_day, getdate, today

from soson_discipline.reporting.filters import apply_report_filters
from soson_discipline.scoring.signals import WARNING_TYPES
from soson_discipline.states import WARNING_STATUSES
from soson_discipline.utils.hygiene import check_report_filters

LINK_FILTERS = ("warning_type", "status", "cadre")
# The table lists the latest warnings only: a city's first night raises tens of thousands.
MAX_ROWS = 1000


def execute(filters: dict | None = None):
	filters = check_report_filters(
		filters, dates=("from_date", "to_date"), links=("organization_unit", "cadre", *LINK_FILTERS)
	)
	filters.from_date = getdate(filters.from_date or get_first_day(add_months(today(), -11)))
	filters.to_date = getdate(filters.to_date or today())
	if filters.from_date > filters.to_date:
		frappe.throw(
			_("{0} cannot be after {1}.").format(frappe.bold(_("From Date")), frappe.bold(_("To Date"))),
			title=_("Invalid Filters"),
		)
	for fieldname, allowed in (("warning_type", WARNING_TYPES), ("status", WARNING_STATUSES)):
		if filters.get(fieldname) and filters[fieldname] not in allowed:
			frappe.throw(
				_("{0}: {1} is not one of the choices.").format(
					frappe.bold(_(frappe.unscrub(fieldname).title())), filters[fieldname]
				),
				title=_("Invalid Filters"),
			)
	data = get_data(filters)
	counts = get_counts(filters)
	message = (
		_("The latest {0} of {1} warnings are listed; narrow the filters to see the others.").format(
			MAX_ROWS, sum(counts.values())
		)
		if sum(counts.values()) > len(data)
		else None
	)
	return get_columns(), data, message, get_chart(counts), get_summary(counts)


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "name",
			"label": _("Early Warning"),
			"fieldtype": "Link",
			"options": "Discipline Warning",
			"width": 140,
		},
		{"fieldname": "raised_on", "label": _("Raised On"), "fieldtype": "Date", "width": 100},
		{"fieldname": "warning_type_label", "label": _("Warning Type"), "fieldtype": "Data", "width": 200},
		{
			"fieldname": "organization_unit",
			"label": _("Organization Unit"),
			"fieldtype": "Link",
			"options": "Organization Unit",
			"width": 200,
		},
		# the cadre by name (issue 25: names, not IDs); the Cadre filter still takes the record
		{"fieldname": "cadre_name", "label": _("Cadre Name"), "fieldtype": "Data", "width": 170},
		{"fieldname": "period_from", "label": _("From Month"), "fieldtype": "Date", "width": 100},
		{"fieldname": "period_to", "label": _("To Month"), "fieldtype": "Date", "width": 100},
		{"fieldname": "status_label", "label": _("Status"), "fieldtype": "Data", "width": 110},
		{"fieldname": "still_holds", "label": _("Still Holds"), "fieldtype": "Check", "width": 90},
	]


def scoped_query(filters, columns):
	"""The warnings the filters select, within the user's scope (never one about the user)."""
	warning = DocType("Discipline Warning")
	query = frappe.qb.from_(warning).select(*columns(warning))
	return warning, apply_report_filters(
		query, warning, "Discipline Warning", filters, date_field="raised_on", link_fields=LINK_FILTERS
	)


def get_data(filters) -> list[dict]:
	"""The latest `MAX_ROWS` warnings (the counts and the chart count them all)."""
	warning, query = scoped_query(
		filters,
		lambda w: (
			w.name,
			w.raised_on,
			w.warning_type,
			w.organization_unit,
			w.cadre,
			w.cadre_name,
			w.period_from,
			w.period_to,
			w.status,
			w.still_holds,
		),
	)
	rows = (
		query.orderby(warning.raised_on, order=frappe.qb.desc)
		.orderby(warning.name, order=frappe.qb.desc)
		.limit(MAX_ROWS)
		.run(as_dict=True)
	)
	for row in rows:
		row.warning_type_label = _(row.warning_type)
		row.status_label = _(row.status)
	return rows


def get_counts(filters) -> dict[tuple[str, str, str], int]:
	"""{(month raised, warning type, status): how many} of every warning the filters select."""
	month = DateFormat(DocType("Discipline Warning").raised_on, "%Y-%m")
	warning, query = scoped_query(filters, lambda w: (month, w.warning_type, w.status, Count("*")))
	rows = query.groupby(month, warning.warning_type, warning.status).run()
	return {(m, t, s): n for m, t, s, n in rows}


def get_chart(counts: dict) -> dict | None:
	"""Warnings raised each month, stacked by type."""
	if not counts:
		return None
	months = sorted({m for m, _t, _s in counts})
	types = [t for t in WARNING_TYPES if any(key[1] == t for key in counts)]
	per = {(t, m): 0 for t in types for m in months}
	for (m, t, _s), n in counts.items():
		per[(t, m)] += n
	return {
		"data": {
			"labels": [f"{m[5:]}/{m[:4]}" for m in months],
			"datasets": [{"name": _(t), "values": [per[(t, m)] for m in months]} for t in types],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
		"height": 280,
	}


def get_summary(counts: dict) -> list[dict]:
	indicators = {"New": "Red", "Acknowledged": "Orange", "Acted on": "Blue", "Closed": "Green"}
	return [
		{
			"value": sum(n for (_m, _t, s), n in counts.items() if s == status),
			"label": _(status),
			"datatype": "Int",
			"indicator": indicators[status],
		}
		for status in WARNING_STATUSES
	]
