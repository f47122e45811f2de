"""Scheduled drafting of the periodic reports that fall due.

Reports are drafted on the last day of their period (or, if the scheduler missed that day, on any
later day until the next period ends) for:

- the presiding unit of Discipline Settings, monthly, on the whole Standing Committee's tree;
- the presiding unit of every issued Unit Plan that names one, at the plan's reporting frequency.

A report that already exists for the unit, plan and period (in any state but cancelled) is left
alone, so running the job twice drafts nothing new.
"""

from datetime import timedelta

import frappe
from frappe.query_builder import DocType
from frappe.utils import getdate

from soson_discipline.scoring.periods import period_bounds
from soson_discipline.states import PLAN_ISSUED


def last_due_period(today, frequency: str) -> tuple:
	"""The period whose report is due on `today`: the current one on its last day, else the last
	one that ended."""
	today = getdate(today)
	start, end = period_bounds(today, frequency)
	if today == end:
		return start, end
	return period_bounds(start - timedelta(days=1), frequency)


def due_report_specs(today) -> list[dict]:
	"""What should exist on `today`: one dict of Periodic Report values per due report."""
	specs = []
	settings = frappe.get_cached_doc("Discipline Settings")
	if settings.presiding_unit:
		start, end = last_due_period(today, "Monthly")
		specs.append(
			{
				"organization_unit": settings.presiding_unit,
				"unit_plan": None,
				"frequency": "Monthly",
				"period_start": start,
				"period_end": end,
			}
		)
	plan = DocType("Unit Plan")
	plans = (
		frappe.qb.from_(plan)
		.select(plan.name, plan.presiding_unit, plan.reporting_frequency, plan.issue_date)
		.where(plan.docstatus == 1)
		.where(plan.workflow_state == PLAN_ISSUED)
		.where(plan.presiding_unit.isnotnull())
		.where(plan.reporting_frequency.isnotnull() & (plan.reporting_frequency != ""))
		.run(as_dict=True)
	)
	for p in plans:
		start, end = last_due_period(today, p.reporting_frequency)
		if p.issue_date and getdate(p.issue_date) > end:
			continue  # issued after that period: nothing to report on yet
		specs.append(
			{
				"organization_unit": p.presiding_unit,
				"unit_plan": p.name,
				"frequency": p.reporting_frequency,
				"period_start": start,
				"period_end": end,
			}
		)
	return specs


def report_exists(spec: dict) -> bool:
	return bool(
		frappe.db.exists(
			"Periodic Report",
			{
				"organization_unit": spec["organization_unit"],
				"unit_plan": spec["unit_plan"] or ("is", "not set"),
				"frequency": spec["frequency"],
				"period_start": spec["period_start"],
				"docstatus": ("<", 2),
			},
		)
	)


def draft_due_reports(today=None) -> list[str]:
	"""Draft every due report that does not exist yet; returns the names drafted."""
	drafted = []
	for spec in due_report_specs(getdate(today)):
		if report_exists(spec):
			continue
		doc = frappe.get_doc({"doctype": "Periodic Report", **spec})
		doc.flags.ignore_permissions = True
		doc.insert()
		drafted.append(doc.name)
	return drafted
