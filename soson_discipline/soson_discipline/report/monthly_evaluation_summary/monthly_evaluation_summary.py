# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""Levels per unit for one evaluation period, with the top-level quota status of each unit
(`scoring.check_quota` on the approved evaluations, as finalizing the period checks it)."""

import frappe
from frappe import _
from frappe.query_builder import DocType

from soson_discipline.permissions import get_subtree_units
from soson_discipline.scoring import check_quota
from soson_discipline.soson_discipline.doctype.cadre_evaluation.cadre_evaluation import get_scoring_policy
from soson_discipline.utils.report_filters import apply_scope


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	if not filters.evaluation_period:
		return get_columns(None), [], None, None
	period = frappe.db.get_value(
		"Evaluation Period", filters.evaluation_period, ["name", "title", "evaluation_policy"], as_dict=True
	)
	if not period:
		frappe.throw(_("Evaluation Period {0} not found").format(filters.evaluation_period))
	policy = get_scoring_policy(period.evaluation_policy)
	rows = get_evaluations(filters)
	data = build_rows(rows, policy)
	return get_columns(policy), data, None, get_chart(data, policy)


def get_evaluations(filters) -> list[dict]:
	ce = DocType("Cadre Evaluation")
	query = (
		frappe.qb.from_(ce)
		.select(ce.organization_unit, ce.final_level, ce.docstatus, ce.workflow_state)
		.where((ce.evaluation_period == filters.evaluation_period) & (ce.docstatus < 2))
	)
	if filters.organization_unit:
		query = query.where(ce.organization_unit.isin(get_subtree_units(filters.organization_unit) or [""]))
	query = apply_scope(query, "Cadre Evaluation")
	return query.run(as_dict=True)


def build_rows(rows: list[dict], policy) -> list[dict]:
	by_unit: dict[str, list[dict]] = {}
	for row in rows:
		by_unit.setdefault(row.organization_unit, []).append(row)
	names = dict(
		frappe.get_all(
			"Organization Unit",
			filters={"name": ("in", list(by_unit) or [""])},
			fields=["name", "unit_name"],
			as_list=True,
		)
	)
	data = []
	for unit, evaluations in sorted(by_unit.items(), key=lambda kv: names.get(kv[0]) or kv[0]):
		approved = [e.final_level for e in evaluations if e.docstatus == 1]
		quota = check_quota(policy, approved)
		row = {
			"organization_unit": unit,
			"unit_name": names.get(unit) or unit,
			"evaluations": len(evaluations),
			"approved": len(approved),
			"pending": len(evaluations) - len(approved),
			"top_count": quota.top_count,
			"allowed": quota.allowed,
			"quota_status": _("Within quota") if quota.ok else _("Exceeded"),
		}
		for band in policy.bands:
			row[level_field(band.level_code)] = sum(1 for lv in approved if lv == band.level_code)
		data.append(row)
	return data


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
