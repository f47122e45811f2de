# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""Dissemination Coverage: per unit, the sessions held and who was reached, by audience group.

Rows are limited to what the user may see (`reporting.filters`); the figures are those the workspace
and the Periodic Report count (`reporting.figures`)."""

import frappe
from frappe import _

from soson_discipline.org import short_unit_labels
from soson_discipline.reporting.figures import dissemination_by_unit
from soson_discipline.reporting.filters import report_selection
from soson_discipline.utils.hygiene import check_report_filters

AUDIENCE_GROUPS = ("Cadres", "Party Members", "Civil Servants", "Public Employees", "Workers")


def execute(filters: dict | None = None):
	filters = check_report_filters(
		filters, dates=("from_date", "to_date"), links=("organization_unit", "directive", "unit_plan")
	)
	data = get_data(filters)
	return get_columns(), data, None, get_chart(data)


def get_columns() -> list[dict]:
	columns = [
		{
			"fieldname": "organization_unit",
			"label": _("Organization Unit"),
			"fieldtype": "Link",
			"options": "Organization Unit",
			"width": 220,
		},
		{"fieldname": "sessions", "label": _("Sessions"), "fieldtype": "Int", "width": 90},
		{"fieldname": "last_session", "label": _("Last Session"), "fieldtype": "Date", "width": 110},
		{"fieldname": "expected", "label": _("Expected"), "fieldtype": "Int", "width": 100},
		{"fieldname": "attended", "label": _("Attended"), "fieldtype": "Int", "width": 100},
		{
			"fieldname": "participation_rate",
			"label": _("Participation Rate"),
			"fieldtype": "Percent",
			"width": 130,
		},
	]
	for group in AUDIENCE_GROUPS:
		columns.append(
			{"fieldname": frappe.scrub(group), "label": _(group), "fieldtype": "Int", "width": 110}
		)
	return columns


def get_data(filters) -> list[dict]:
	"""One row per unit: sessions held, people expected and reached, and reached per audience group
	(`figures.dissemination_by_unit`)."""
	by_unit = dissemination_by_unit(report_selection(filters, link_fields=("directive", "unit_plan")))
	data = [
		frappe._dict(
			organization_unit=f.organization_unit,
			sessions=f.sessions,
			last_session=f.last_session,
			expected=f.people_expected,
			attended=f.people_reached,
			participation_rate=f.participation_rate,
			**{frappe.scrub(group): f.reached_by_group.get(group, 0) for group in AUDIENCE_GROUPS},
		)
		for f in by_unit.values()
	]
	return sorted(data, key=lambda r: r.organization_unit)


def get_chart(data: list[dict]) -> dict | None:
	if not data:
		return None
	labels = short_unit_labels(r.organization_unit for r in data)  # full names are cut on the bars
	return {
		"data": {
			"labels": [labels.get(r.organization_unit, r.organization_unit) for r in data],
			"datasets": [{"name": _("Participation Rate"), "values": [r.participation_rate for r in data]}],
		},
		"type": "bar",
		"height": 240,
	}
