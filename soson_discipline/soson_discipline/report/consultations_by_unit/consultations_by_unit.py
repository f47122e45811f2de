# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""Consultations requested of each specialised unit in a period: requested, answered, answered late,
open and late (past their reply date), within the user's row scope."""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import flt, getdate, today

from soson_discipline.reporting.filters import apply_report_filters
from soson_discipline.states import CONSULTATION_ANSWERED, CONSULTATION_CANCELLED, CONSULTATION_OPEN


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	return get_columns(), data, None, get_chart(data)


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "consulted_unit",
			"label": _("Consulted Unit"),
			"fieldtype": "Link",
			"options": "Organization Unit",
			"width": 240,
		},
		{"fieldname": "requested", "label": _("Requests"), "fieldtype": "Int", "width": 110},
		{"fieldname": "answered", "label": _("Answered"), "fieldtype": "Int", "width": 110},
		{"fieldname": "answered_late", "label": _("Answered Late"), "fieldtype": "Int", "width": 130},
		{"fieldname": "open", "label": _("Open"), "fieldtype": "Int", "width": 90},
		{"fieldname": "late", "label": _("Late"), "fieldtype": "Int", "width": 90},
		{
			"fieldname": "on_time_rate",
			"label": _("Answered on Time (%)"),
			"fieldtype": "Percent",
			"width": 160,
		},
	]


def get_data(filters) -> list[dict]:
	cr = DocType("Consultation Request")
	query = (
		frappe.qb.from_(cr)
		.select(cr.consulted_unit, cr.status, cr.due_date, cr.is_late)
		.where(cr.status != CONSULTATION_CANCELLED)
	)
	if filters.get("consulted_unit"):
		query = query.where(cr.consulted_unit == filters.consulted_unit)
	query = apply_report_filters(
		query,
		cr,
		"Consultation Request",
		filters,
		date_field="request_date",
		link_fields=("unit_plan", "directive"),
	)
	as_of = getdate(filters.get("as_of_date") or today())
	rows: dict[str, dict] = {}
	for r in query.run(as_dict=True):
		row = rows.setdefault(
			r.consulted_unit,
			{
				"consulted_unit": r.consulted_unit,
				"requested": 0,
				"answered": 0,
				"answered_late": 0,
				"open": 0,
				"late": 0,
			},
		)
		row["requested"] += 1
		if r.status == CONSULTATION_ANSWERED:
			row["answered"] += 1
			row["answered_late"] += 1 if r.is_late else 0
		elif r.status == CONSULTATION_OPEN:
			row["open"] += 1
			row["late"] += 1 if r.due_date and getdate(r.due_date) < as_of else 0
	for row in rows.values():
		on_time = row["answered"] - row["answered_late"]
		row["on_time_rate"] = flt(100.0 * on_time / row["requested"], 1) if row["requested"] else 0
	return sorted(rows.values(), key=lambda r: (-r["late"], -r["requested"], r["consulted_unit"]))


def get_chart(data: list[dict]) -> dict | None:
	if not data:
		return None
	return {
		"data": {
			"labels": [r["consulted_unit"] for r in data],
			"datasets": [
				{"name": _("Answered"), "values": [r["answered"] for r in data]},
				{"name": _("Open"), "values": [r["open"] for r in data]},
				{"name": _("Late"), "values": [r["late"] for r in data]},
			],
		},
		"type": "bar",
	}
