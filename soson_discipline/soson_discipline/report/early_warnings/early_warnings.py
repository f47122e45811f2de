# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""Early warnings raised in a period (issue 28), by type, unit and month: one row per warning, a chart
of the warnings raised each month by type, and the counts by status. Limited to what the user may see
(`reporting.filters`): never a warning about the user himself or herself."""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import add_months, get_first_day, getdate, today

from soson_discipline.reporting.filters import apply_report_filters
from soson_discipline.scoring.signals import WARNING_TYPES
from soson_discipline.states import WARNING_STATUSES
from soson_discipline.utils.hygiene import check_report_filters

LINK_FILTERS = ("warning_type", "status", "cadre")


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
	return get_columns(), data, None, get_chart(data), get_summary(data)


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


def get_data(filters) -> list[dict]:
	warning = DocType("Discipline Warning")
	query = (
		frappe.qb.from_(warning)
		.select(
			warning.name,
			warning.raised_on,
			warning.warning_type,
			warning.organization_unit,
			warning.cadre,
			warning.cadre_name,
			warning.period_from,
			warning.period_to,
			warning.status,
			warning.still_holds,
		)
		.orderby(warning.raised_on, order=frappe.qb.desc)
		.orderby(warning.name, order=frappe.qb.desc)
	)
	query = apply_report_filters(
		query, warning, "Discipline Warning", filters, date_field="raised_on", link_fields=LINK_FILTERS
	)
	rows = query.run(as_dict=True)
	for row in rows:
		row.warning_type_label = _(row.warning_type)
		row.status_label = _(row.status)
	return rows


def get_chart(data: list[dict]) -> dict | None:
	"""Warnings raised each month, stacked by type."""
	if not data:
		return None
	months = sorted({getdate(row.raised_on).strftime("%Y-%m") for row in data})
	types = [t for t in WARNING_TYPES if any(row.warning_type == t for row in data)]
	counts = {(t, m): 0 for t in types for m in months}
	for row in data:
		counts[(row.warning_type, getdate(row.raised_on).strftime("%Y-%m"))] += 1
	return {
		"data": {
			"labels": [f"{m[5:]}/{m[:4]}" for m in months],
			"datasets": [{"name": _(t), "values": [counts[(t, m)] for m in months]} for t in types],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
		"height": 280,
	}


def get_summary(data: list[dict]) -> list[dict]:
	indicators = {"New": "Red", "Acknowledged": "Orange", "Acted on": "Blue", "Closed": "Green"}
	return [
		{
			"value": sum(1 for row in data if row.status == status),
			"label": _(status),
			"datatype": "Int",
			"indicator": indicators[status],
		}
		for status in WARNING_STATUSES
	]
