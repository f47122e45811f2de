# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""Violation records of a period counted by unit and category: how many were reported, verified,
are being corrected, closed, dismissed and referred for discipline, and the points they deduct.

Rows are limited to what the user may see (`reporting.filters`): Script Reports do not apply
permission query conditions themselves. The counts come from `reporting.figures`, as the workspace's
do."""

import frappe
from frappe import _
from frappe.utils import get_first_day, getdate, today

from soson_discipline.reporting.figures import violations_by_unit_and_category
from soson_discipline.reporting.filters import report_selection
from soson_discipline.utils.hygiene import check_report_filters

# Filters matched exactly, besides the dates and the unit.
LINK_FILTERS = ("violation_category", "directive", "inspection", "severity", "detection_source")


def execute(filters: dict | None = None):
	filters = check_report_filters(
		filters,
		dates=("from_date", "to_date"),
		links=(
			"organization_unit",
			"directive",
			"violation_category",
			"inspection",
			"detection_source",
		),
	)
	filters.from_date = getdate(filters.from_date or get_first_day(f"{getdate(today()).year}-01-01"))
	filters.to_date = getdate(filters.to_date or today())
	if filters.from_date > filters.to_date:
		frappe.throw(
			_("{0} cannot be after {1}.").format(frappe.bold(_("From Date")), frappe.bold(_("To Date"))),
			title=_("Invalid Filters"),
		)
	data = get_data(filters)
	return get_columns(), data, None, get_chart(data), get_summary(data)


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "organization_unit",
			"label": _("Organization Unit"),
			"fieldtype": "Link",
			"options": "Organization Unit",
			"width": 220,
		},
		{
			"fieldname": "violation_category",
			"label": _("Violation Category"),
			"fieldtype": "Link",
			"options": "Violation Category",
			"width": 110,
		},
		{"fieldname": "category_name", "label": _("Category Name"), "fieldtype": "Data", "width": 240},
		{"fieldname": "reported", "label": _("Reported"), "fieldtype": "Int", "width": 90},
		{"fieldname": "verified", "label": _("Verified"), "fieldtype": "Int", "width": 90},
		{
			"fieldname": "correction_required",
			"label": _("Correction Required"),
			"fieldtype": "Int",
			"width": 110,
		},
		{"fieldname": "closed", "label": _("Closed"), "fieldtype": "Int", "width": 80},
		{"fieldname": "dismissed", "label": _("Dismissed"), "fieldtype": "Int", "width": 90},
		{"fieldname": "disciplined", "label": _("Disciplined"), "fieldtype": "Int", "width": 100},
		{
			"fieldname": "deduction",
			"label": _("Points Deducted"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 110,
		},
	]


def get_data(filters) -> list[dict]:
	"""One row per unit and category (`figures.violations_by_unit_and_category`)."""
	selection = report_selection(filters, link_fields=LINK_FILTERS)
	return violations_by_unit_and_category(selection)


def get_chart(data: list[dict]) -> dict | None:
	if not data:
		return None
	by_category: dict[str, list[int]] = {}
	for row in data:
		counts = by_category.setdefault(row["category_name"] or row["violation_category"], [0, 0])
		counts[0] += row["verified"]
		counts[1] += row["disciplined"]
	labels = list(by_category)
	return {
		"data": {
			"labels": labels,
			"datasets": [
				{"name": _("Verified"), "values": [by_category[label][0] for label in labels]},
				{"name": _("Disciplined"), "values": [by_category[label][1] for label in labels]},
			],
		},
		"type": "bar",
		"height": 280,
		"colors": ["#e24c4c", "#7c3aed"],
	}


def get_summary(data: list[dict]) -> list[dict]:
	total = lambda key: sum(row[key] for row in data)  # noqa: E731
	return [
		{"value": total("reported"), "label": _("Reported"), "datatype": "Int", "indicator": "Orange"},
		{"value": total("verified"), "label": _("Verified"), "datatype": "Int", "indicator": "Red"},
		{
			"value": total("correction_required"),
			"label": _("Correction Required"),
			"datatype": "Int",
			"indicator": "Yellow",
		},
		{"value": total("disciplined"), "label": _("Disciplined"), "datatype": "Int", "indicator": "Purple"},
	]
