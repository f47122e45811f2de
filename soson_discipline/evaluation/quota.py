"""Where each evaluation's top-level quota is counted: its unit's pool.

Decree 335 holds the quota "in the same agency and in each group with similar tasks"; Hanoi counts it
per unit. An Organization Unit may therefore be *counted with* another (`quota_agency`): the
evaluations of both, and of every unit counted with the same one, share one quota, at that unit's own
`Top-Level Quota (%)` or else the policy's. A unit counted with nobody is its own pool.

Finalizing a period, the form's live figure, the Monthly Evaluation Summary and the Periodic Report
all check the quota here, on the same pools. A report shows each unit the figure of its pool, counted
over every unit of the pool whoever reads it: the figure is the pool's, not a list of its records.
"""

from __future__ import annotations

import frappe
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count

from soson_discipline.org import unit_quota_percents
from soson_discipline.scoring import check_quota


def quota_pools(units) -> dict[str, str]:
	"""{unit: the unit whose quota it counts in} (itself when counted with nobody)."""
	units = sorted({u for u in units if u})
	if not units:
		return {}
	ou = DocType("Organization Unit")
	agency = dict(frappe.qb.from_(ou).select(ou.name, ou.quota_agency).where(ou.name.isin(units)).run())
	return {u: agency.get(u) or u for u in units}


def pool_members(pools) -> dict[str, list[str]]:
	"""{pool: the pool and every unit counted with it}."""
	pools = sorted({p for p in pools if p})
	if not pools:
		return {}
	ou = DocType("Organization Unit")
	members = {pool: [pool] for pool in pools}
	for unit, pool in (
		frappe.qb.from_(ou).select(ou.name, ou.quota_agency).where(ou.quota_agency.isin(pools)).run()
	):
		members[pool].append(unit)
	return members


def unit_levels(period: str, units, states=None) -> dict[str, list[str]]:
	"""{unit: the levels of its evaluations in the period} of `units`: the approved ones, or with
	`states` those in these workflow states, submitted or not."""
	units = sorted({u for u in units if u})
	if not units:
		return {}
	ce = DocType("Cadre Evaluation")
	query = (
		frappe.qb.from_(ce)
		.select(ce.organization_unit, ce.final_level, Count("*").as_("n"))
		.where((ce.evaluation_period == period) & ce.organization_unit.isin(units))
		.groupby(ce.organization_unit, ce.final_level)
	)
	if states:
		query = query.where((ce.docstatus < 2) & ce.workflow_state.isin(list(states)))
	else:
		query = query.where(ce.docstatus == 1)
	levels: dict[str, list[str]] = {}
	for unit, level, n in query.run():
		levels.setdefault(unit, []).extend([level] * n)
	return levels


def quota_checks(period: str, policy, levels_by_unit: dict[str, list[str]], states=None) -> dict:
	"""{unit: (its pool, the pool's `QuotaCheck`)} for each unit of `levels_by_unit` (the levels the
	caller counted: approved ones, or those in `states`). The levels of a pool's other units that the
	caller did not count (outside a report's units) are read here."""
	pools = quota_pools(levels_by_unit)
	members = pool_members(pools.values())
	levels = dict(levels_by_unit)
	missing = {unit for units in members.values() for unit in units} - set(levels)
	levels.update(unit_levels(period, missing, states))
	own_quota = unit_quota_percents(members)
	checks = {
		pool: check_quota(policy, [lv for unit in units for lv in levels.get(unit, [])], own_quota.get(pool))
		for pool, units in members.items()
	}
	return {unit: (pool, checks[pool]) for unit, pool in pools.items()}
