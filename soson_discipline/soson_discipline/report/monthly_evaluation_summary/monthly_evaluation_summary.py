# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""Levels per unit for one evaluation period, with the top-level quota status of each unit
(`scoring.check_quota` on the approved evaluations, as finalizing the period checks it)."""

import frappe
from frappe import _
from frappe.query_builder import DocType

from soson_discipline.evaluation.inputs import get_scoring_policy
from soson_discipline.evaluation.quota import quota_checks
from soson_discipline.reporting.figures import evaluation_counts, levels_by_unit
from soson_discipline.reporting.filters import report_selection
from soson_discipline.utils.hygiene import check_report_filters


def execute(filters: dict | None = None):
	filters = check_report_filters(filters, links=("evaluation_period", "organization_unit"))
	if not filters.evaluation_period:
		return get_columns(None), [], None, None
	period = frappe.db.get_value(
		"Evaluation Period", filters.evaluation_period, ["name", "title", "evaluation_policy"], as_dict=True
	)
	if not period:
		frappe.throw(_("Evaluation Period {0} not found").format(filters.evaluation_period))
	policy = get_scoring_policy(period.evaluation_policy)
	data = build_rows(filters, policy)
	return get_columns(policy), data, None, get_chart(data, policy)


def build_rows(filters, policy) -> list[dict]:
	"""One row per unit: evaluations, approved, pending, approved ones per level and the top-level quota
	(`figures.levels_by_unit`, as the Periodic Report counts them)."""
	counts = evaluation_counts(report_selection(filters), [filters.evaluation_period])
	by_unit = {unit: group for (_period, unit), group in levels_by_unit(counts).items()}
	names = unit_names(list(by_unit))
	# each unit's quota as its pool counts it (`evaluation.quota`), as finalizing the period checks it
	quotas = quota_checks(filters.evaluation_period, policy, {u: g.approved for u, g in by_unit.items()})
	# a quota the policy applies to the year's classification holds in no month (Decree 335)
	each_period = policy.quota_applies_to("Period")
	data = []
	for unit, group in sorted(by_unit.items(), key=lambda kv: names.get(kv[0]) or kv[0]):
		pool, quota = quotas[unit]
		row = {
			"organization_unit": unit,
			"unit_name": names.get(unit) or unit,
			"evaluations": group.evaluations,
			"approved": len(group.approved),
			"pending": group.pending,
			"top_count": quota.top_count,
			"allowed": quota.allowed,
			"quota_status": (_("Within quota") if quota.ok else _("Exceeded"))
			if each_period
			else _("Counted in the year"),
			"quota_agency": pool if pool != unit else None,
		}
		for band in policy.bands:
			row[level_field(band.level_code)] = sum(1 for lv in group.approved if lv == band.level_code)
		data.append(row)
	return data


def unit_names(units: list[str]) -> dict[str, str]:
	"""{unit: its name} of `units`."""
	ou = DocType("Organization Unit")
	return dict(frappe.qb.from_(ou).select(ou.name, ou.unit_name).where(ou.name.isin(units or [""])).run())


def level_field(code: str) -> str:
	return "level_" + frappe.scrub(code)


def get_columns(policy) -> list[dict]:
	columns = [
		{
			"fieldname": "organization_unit",
			"label": _("Organization Unit"),
			"fieldtype": "Link",
			"options": "Organization Unit",
			"width": 220,
		},
		{"fieldname": "evaluations", "label": _("Evaluations"), "fieldtype": "Int", "width": 100},
		{"fieldname": "approved", "label": _("Approved"), "fieldtype": "Int", "width": 90},
		{"fieldname": "pending", "label": _("Pending"), "fieldtype": "Int", "width": 90},
	]
	for band in policy.bands if policy else ():
		columns.append(
			{
				"fieldname": level_field(band.level_code),
				"label": f"{band.level_code} ({_(band.level_label)})",
				"fieldtype": "Int",
				"width": 130,
			}
		)
	columns += [
		{"fieldname": "top_count", "label": _("At Top Level"), "fieldtype": "Int", "width": 100},
		{"fieldname": "allowed", "label": _("Top Level Allowed"), "fieldtype": "Int", "width": 120},
		{"fieldname": "quota_status", "label": _("Quota Status"), "fieldtype": "Data", "width": 120},
		{
			"fieldname": "quota_agency",
			"label": _("Quota Counted With"),
			"fieldtype": "Link",
			"options": "Organization Unit",
			"width": 180,
		},
	]
	return columns


def get_chart(data: list[dict], policy) -> dict | None:
	if not data:
		return None
	return {
		"data": {
			"labels": [row["unit_name"] for row in data],
			"datasets": [
				{"name": f"{band.level_code}", "values": [row[level_field(band.level_code)] for row in data]}
				for band in policy.bands
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
		"height": 280,
	}
