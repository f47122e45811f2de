# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""Units late to report or to disseminate, for a period: every lead unit of an issued plan (of the
chosen directive or plan, within the user's scope) with its submitted periodic report of the period
and its first dissemination session of the plan or directive. A unit is late when the period has
ended without a submitted report (or without a session by the end of the period)."""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import get_first_day, get_last_day, getdate, today

from soson_discipline.org import get_subtree_units
from soson_discipline.reporting.filters import apply_scope

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


def get_plans(filters) -> list[dict]:
	plan = DocType("Unit Plan")
	query = frappe.qb.from_(plan).select(plan.name, plan.directive).where(plan.docstatus == 1)
	if filters.get("unit_plan"):
		query = query.where(plan.name == filters.unit_plan)
	if filters.get("directive"):
		query = query.where(plan.directive == filters.directive)
	query = query.where(plan.issue_date <= filters.to_date)
	return apply_scope(query, "Unit Plan").orderby(plan.issue_date).run(as_dict=True)


def get_lead_units(plans: list[str], filters) -> list[tuple[str, str]]:
	row = DocType("Unit Plan Task")
	pairs = (
		frappe.qb.from_(row)
		.select(row.parent, row.lead_unit)
		.distinct()
		.where((row.parenttype == "Unit Plan") & row.parent.isin(plans or [""]))
		.orderby(row.parent)
		.orderby(row.lead_unit)
		.run()
	)
	if filters.get("organization_unit"):
		units = set(get_subtree_units(filters.organization_unit))
		pairs = [p for p in pairs if p[1] in units]
	return pairs


def get_reports(units: list[str], filters) -> dict[str, dict]:
	"""The latest submitted report of each unit whose period meets [from_date, to_date]."""
	pr = DocType("Periodic Report")
	rows = (
		frappe.qb.from_(pr)
		.select(pr.name, pr.organization_unit, pr.received_on)
		.where(
			(pr.docstatus == 1)
			& pr.organization_unit.isin(units or [""])
			& (pr.period_start <= filters.to_date)
			& (pr.period_end >= filters.from_date)
		)
		.orderby(pr.period_end)
		.run(as_dict=True)
	)
	return {r.organization_unit: r for r in rows}


def get_first_sessions(plan, units: list[str], filters) -> dict[str, object]:
	ds = DocType("Dissemination Session")
	source = ds.unit_plan == plan.name
	if plan.directive:
		source = source | (ds.directive == plan.directive)
	rows = (
		frappe.qb.from_(ds)
		.select(ds.organization_unit, ds.session_date)
		.where(source & ds.organization_unit.isin(units or [""]) & (ds.session_date <= filters.to_date))
		.orderby(ds.session_date)
		.run(as_dict=True)
	)
	first = {}
	for r in rows:
		first.setdefault(r.organization_unit, r.session_date)
	return first


def get_data(filters) -> list[dict]:
	plans = {p.name: p for p in get_plans(filters)}
	pairs = get_lead_units(list(plans), filters)
	units = sorted({u for _p, u in pairs})
	reports = get_reports(units, filters)
	ended = filters.to_date < getdate(today())
	data = []
	for plan_name, unit in pairs:
		sessions = get_first_sessions(plans[plan_name], [unit], filters)
		report = reports.get(unit)
		row = {
			"unit_plan": plan_name,
			"organization_unit": unit,
			"periodic_report": report.name if report else None,
			"received_on": report.received_on if report else None,
			"report_status": _(REPORTED) if report else _(LATE if ended else PENDING),
			"session_date": sessions.get(unit),
			"dissemination_status": _(DISSEMINATED) if sessions.get(unit) else _(LATE if ended else PENDING),
			"is_late": int(ended and (not report or not sessions.get(unit))),
		}
		if row["is_late"] or filters.get("show_all"):
			data.append(row)
	return data
