# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""Units late to report or to disseminate, for a period, within the user's scope: the lead units of
the issued plans (of the chosen directive or plan) and their report and first session of the period
(`followup.late_units`, where lateness is decided)."""

import frappe
from frappe import _
from frappe.utils import get_first_day, get_last_day, getdate, today

from soson_discipline.followup.late_units import lead_units_of_period

REPORTED, LATE, PENDING = "Submitted", "Late", "Not Due Yet"
DISSEMINATED = "Disseminated"


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	filters.from_date = getdate(filters.get("from_date") or get_first_day(today()))
	filters.to_date = getdate(filters.get("to_date") or get_last_day(today()))
	if filters.to_date < filters.from_date:
		frappe.throw(
			_("{0} cannot be before {1}.").format(_("To Date"), _("From Date")), title=_("Invalid Dates")
		)
	data = get_data(filters)
	return get_columns(), data


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "unit_plan",
			"label": _("Unit Plan"),
			"fieldtype": "Link",
			"options": "Unit Plan",
			"width": 150,
		},
		{
			"fieldname": "organization_unit",
			"label": _("Organization Unit"),
			"fieldtype": "Link",
			"options": "Organization Unit",
			"width": 220,
		},
		{"fieldname": "report_status", "label": _("Report"), "fieldtype": "Data", "width": 110},
		{
			"fieldname": "periodic_report",
			"label": _("Periodic Report"),
			"fieldtype": "Link",
			"options": "Periodic Report",
			"width": 160,
		},
		{"fieldname": "received_on", "label": _("Received On"), "fieldtype": "Datetime", "width": 150},
		{"fieldname": "dissemination_status", "label": _("Dissemination"), "fieldtype": "Data", "width": 120},
		{"fieldname": "session_date", "label": _("First Session"), "fieldtype": "Date", "width": 110},
	]


def get_data(filters) -> list[dict]:
	data = []
	for row in lead_units_of_period(
		filters.from_date,
		filters.to_date,
		directive=filters.get("directive"),
		unit_plan=filters.get("unit_plan"),
		organization_unit=filters.get("organization_unit"),
	):
		if not (row.is_late or filters.get("show_all")):
			continue
		data.append(
			{
				"unit_plan": row.unit_plan,
				"organization_unit": row.organization_unit,
				"periodic_report": row.periodic_report,
				"received_on": row.received_on,
				"report_status": _(REPORTED) if row.periodic_report else _(LATE if row.ended else PENDING),
				"session_date": row.session_date,
				"dissemination_status": _(DISSEMINATED)
				if row.session_date
				else _(LATE if row.ended else PENDING),
				"is_late": int(row.is_late),
			}
		)
	return data
