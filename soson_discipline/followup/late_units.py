"""Units late to report or to disseminate, for a period: every lead unit of a plan in force (issued,
not closed; of a directive or plan, within the user's scope or not at all) that still exists at the
period's end, with its submitted periodic report of the period and its first dissemination session of
the plan or directive. A unit is late when the period has ended without a submitted report (or
without a session by the end of the period). A closed plan asks nothing more, and a unit that has
ended owes nothing: its successor carries its work (`org_changes`).

Read by the report *Units Late to Report or Disseminate* and by the early warnings
(`early_warning.detection`: a unit late twice running)."""

from dataclasses import dataclass

import frappe
from frappe.query_builder import DocType
from frappe.utils import getdate, today

from soson_discipline.org import get_subtree_units
from soson_discipline.reporting.filters import apply_scope
from soson_discipline.states import PLAN_ISSUED


@dataclass
class LateUnit:
	"""One lead unit of one plan for the period."""

	unit_plan: str
	organization_unit: str
	periodic_report: str | None
	received_on: object
	session_date: object
	ended: bool

	@property
	def report_late(self) -> bool:
		return self.ended and not self.periodic_report

	@property
	def dissemination_late(self) -> bool:
		return self.ended and not self.session_date

	@property
	def is_late(self) -> bool:
		return self.report_late or self.dissemination_late


def lead_units_of_period(
	from_date,
	to_date,
	*,
	directive: str | None = None,
	unit_plan: str | None = None,
	organization_unit: str | None = None,
	scoped: bool = True,
	on=None,
) -> list[LateUnit]:
	"""Each lead unit of each issued plan issued by `to_date` (within the session user's scope when
	`scoped`), with its report and first session of the period [from_date, to_date]."""
	from_date, to_date = getdate(from_date), getdate(to_date)
	plans = {p.name: p for p in _plans(to_date, directive, unit_plan, scoped)}
	pairs = _lead_units(list(plans), organization_unit, to_date)
	units = sorted({u for _p, u in pairs})
	reports = _reports(units, from_date, to_date)
	sessions = _first_sessions(list(plans.values()), units, to_date)
	ended = to_date < getdate(on or today())
	rows = []
	for plan_name, unit in pairs:
		report = reports.get(unit)
		rows.append(
			LateUnit(
				unit_plan=plan_name,
				organization_unit=unit,
				periodic_report=report.name if report else None,
				received_on=report.received_on if report else None,
				session_date=sessions.get((plan_name, unit)),
				ended=ended,
			)
		)
	return rows


def _plans(to_date, directive, unit_plan, scoped) -> list:
	plan = DocType("Unit Plan")
	query = (
		frappe.qb.from_(plan)
		.select(plan.name, plan.directive)
		.where((plan.docstatus == 1) & (plan.workflow_state == PLAN_ISSUED))
	)
	if unit_plan:
		query = query.where(plan.name == unit_plan)
	if directive:
		query = query.where(plan.directive == directive)
	query = query.where(plan.issue_date <= to_date)
	if scoped:
		query = apply_scope(query, "Unit Plan")
	return query.orderby(plan.issue_date).run(as_dict=True)


def _lead_units(plans: list[str], organization_unit: str | None, on) -> list[tuple[str, str]]:
	"""(plan, lead unit) of `plans`, for the lead units that exist on `on` (not ended, not disabled)."""
	row, unit = DocType("Unit Plan Task"), DocType("Organization Unit")
	pairs = (
		frappe.qb.from_(row)
		.join(unit)
		.on(unit.name == row.lead_unit)
		.select(row.parent, row.lead_unit)
		.distinct()
		.where((row.parenttype == "Unit Plan") & row.parent.isin(plans or [""]))
		.where(unit.disabled == 0)
		.where(unit.valid_from.isnull() | (unit.valid_from <= on))
		.where(unit.valid_to.isnull() | (unit.valid_to >= on))
		.orderby(row.parent)
		.orderby(row.lead_unit)
		.run()
	)
	if organization_unit:
		units = set(get_subtree_units(organization_unit))
		pairs = [p for p in pairs if p[1] in units]
	return pairs


def _reports(units: list[str], from_date, to_date) -> dict[str, dict]:
	"""The latest submitted report of each unit whose period meets [from_date, to_date]."""
	pr = DocType("Periodic Report")
	rows = (
		frappe.qb.from_(pr)
		.select(pr.name, pr.organization_unit, pr.received_on)
		.where(
			(pr.docstatus == 1)
			& pr.organization_unit.isin(units or [""])
			& (pr.period_start <= to_date)
			& (pr.period_end >= from_date)
		)
		.orderby(pr.period_end)
		.run(as_dict=True)
	)
	return {r.organization_unit: r for r in rows}


def _first_sessions(plans: list, units: list[str], to_date) -> dict[tuple[str, str], object]:
	"""{(plan, unit): the date of the unit's first session on the plan or its directive by `to_date`}
	(one query for every plan)."""
	if not plans or not units:
		return {}
	ds = DocType("Dissemination Session")
	names = [p.name for p in plans]
	directives = sorted({p.directive for p in plans if p.directive})
	source = ds.unit_plan.isin(names)
	if directives:
		source = source | ds.directive.isin(directives)
	rows = (
		frappe.qb.from_(ds)
		.select(ds.organization_unit, ds.unit_plan, ds.directive, ds.session_date)
		.where(source & ds.organization_unit.isin(units) & (ds.session_date <= to_date))
		.orderby(ds.session_date)
		.run(as_dict=True)
	)
	first: dict[tuple[str, str], object] = {}
	for plan in plans:
		for r in rows:
			if r.unit_plan == plan.name or (plan.directive and r.directive == plan.directive):
				first.setdefault((plan.name, r.organization_unit), r.session_date)
	return first
