# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""Dissemination Coverage: per unit, the sessions held and who was reached, by audience group.

Rows are limited to what the user may see (`permissions.get_scope_condition`)."""

import frappe
from frappe import _
from frappe.utils import cint, getdate

from soson_discipline.soson_discipline.doctype.dissemination_session.dissemination_session import (
	participation_rate,
)
from soson_discipline.utils.report_filters import apply_report_filters

AUDIENCE_GROUPS = ("Cadres", "Party Members", "Civil Servants", "Public Employees", "Workers")


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
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


def get_sessions(filters) -> list[dict]:
	"""One line per session and audience group (a session without audiences gives one empty line)."""
	session = frappe.qb.DocType("Dissemination Session")
	audience = frappe.qb.DocType("Dissemination Audience")
	query = (
		frappe.qb.from_(session)
		.left_join(audience)
		.on((audience.parent == session.name) & (audience.parenttype == "Dissemination Session"))
		.select(
			session.name,
			session.organization_unit,
			session.session_date,
			audience.audience_group,
			audience.expected,
			audience.attended,
		)
	)
	query = apply_report_filters(
		query,
		session,
		"Dissemination Session",
		filters,
		date_field="session_date",
		link_fields=("directive", "unit_plan"),
	)
	return query.run(as_dict=True)


def get_data(filters) -> list[dict]:
	units = {}
	for line in get_sessions(filters):
		row = units.setdefault(
			line.organization_unit,
			frappe._dict(
				organization_unit=line.organization_unit,
				session_names=set(),
				last_session=None,
				expected=0,
				attended=0,
				**{frappe.scrub(g): 0 for g in AUDIENCE_GROUPS},
			),
		)
		row.session_names.add(line.name)
		if not row.last_session or getdate(line.session_date) > getdate(row.last_session):
			row.last_session = line.session_date
		row.expected += cint(line.expected)
		row.attended += cint(line.attended)
		if line.audience_group:
			row[frappe.scrub(line.audience_group)] += cint(line.attended)
	data = sorted(units.values(), key=lambda r: r.organization_unit)
	for row in data:
		row.sessions = len(row.pop("session_names"))
		row.participation_rate = participation_rate(row.attended, row.expected)
	return data


def get_chart(data: list[dict]) -> dict | None:
	if not data:
		return None
	return {
		"data": {
			"labels": [r.organization_unit for r in data],
			"datasets": [{"name": _("Participation Rate"), "values": [r.participation_rate for r in data]}],
		},
		"type": "bar",
		"height": 240,
	}
