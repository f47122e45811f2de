"""The figures of a Periodic Report, compiled from the records of a period over a subtree of units.

Every function takes the list of units (a subtree, from `permissions.get_subtree_units`) and the
period bounds, and returns plain dicts, so the same counts feed the report, its tests and the
workspace. What falls into a period:

- tasks: Assigned Tasks of the units whose `due_date` lies in the period (cancelled ones are shown
  apart and left out of the totals); "late" is the task's own `is_late`;
- dissemination: Dissemination Sessions of the units held in the period (`session_date`), with the
  people expected and reached summed from their `audiences`;
- evaluations: Cadre Evaluations of the units for the Evaluation Periods lying inside the period,
  counted by `final_level` once approved (submitted), with the quota status per unit and period;
- violations: Violation Records of the units detected in the period (`detected_on`), by category and
  discipline outcome;
- inspections: Inspections held in the period (neither planned only nor cancelled) by a unit of the
  subtree or on one of its units.

Cancelled documents (docstatus 2) never count. A DocType that is not installed yet counts as empty.
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count, Sum
from frappe.utils import flt, getdate

CORRECTED_STATES = ("Corrected", "Closed")
DISMISSED_STATES = ("Dismissed",)
NO_DISCIPLINE = ("", "None")
NOT_HELD_INSPECTION_STATUSES = ("Planned", "Cancelled")


def _installed(doctype: str) -> bool:
	return bool(frappe.db.exists("DocType", doctype)) and frappe.db.table_exists(doctype)


def _rate(part, whole) -> float:
	return flt(100.0 * part / whole, 1) if whole else 0.0


def _unit_order(units: list[str]) -> dict[str, int]:
	return {unit: i for i, unit in enumerate(units)}


# --------------------------------------------------------------------------------------------------
# Tasks
# --------------------------------------------------------------------------------------------------


def task_figures(units: list[str], start, end) -> list[dict]:
	"""One row per unit that had tasks due in the period: counts by status and lateness."""
	if not units or not _installed("Assigned Task"):
		return []
	task = DocType("Assigned Task")
	rows = (
		frappe.qb.from_(task)
		.select(task.organization_unit, task.status, task.is_late, Count("*").as_("n"))
		.where(task.organization_unit.isin(units))
		.where(task.due_date[getdate(start) : getdate(end)])
		.groupby(task.organization_unit, task.status, task.is_late)
		.run(as_dict=True)
	)
	by_unit: dict[str, dict] = {}
	for r in rows:
		fig = by_unit.setdefault(
			r.organization_unit,
			{
				"organization_unit": r.organization_unit,
				"tasks_total": 0,
				"tasks_open": 0,
				"tasks_in_progress": 0,
				"tasks_completed": 0,
				"tasks_completed_on_time": 0,
				"tasks_overdue": 0,
				"tasks_late": 0,
				"tasks_cancelled": 0,
			},
		)
		if r.status == "Cancelled":
			fig["tasks_cancelled"] += r.n
			continue
		fig["tasks_total"] += r.n
		if r.status == "Open":
			fig["tasks_open"] += r.n
		elif r.status == "In Progress":
			fig["tasks_in_progress"] += r.n
		elif r.status == "Completed":
			fig["tasks_completed"] += r.n
			if not r.is_late:
				fig["tasks_completed_on_time"] += r.n
		elif r.status == "Overdue":
			fig["tasks_overdue"] += r.n
		if r.is_late:
			fig["tasks_late"] += r.n
	order = _unit_order(units)
	result = sorted(by_unit.values(), key=lambda f: order.get(f["organization_unit"], 0))
	for fig in result:
		fig["completion_rate"] = _rate(fig["tasks_completed"], fig["tasks_total"])
	return result


# --------------------------------------------------------------------------------------------------
# Dissemination
# --------------------------------------------------------------------------------------------------


def _audience_table() -> tuple[str, str] | None:
	"""(child DocType, parentfield) of Dissemination Session's audiences table."""
	meta = frappe.get_meta("Dissemination Session")
	for df in meta.get_table_fields():
		if df.fieldname == "audiences":
			return df.options, df.fieldname
	return None


def dissemination_figures(units: list[str], start, end) -> list[dict]:
	"""One row per unit that held sessions in the period: sessions, people expected and reached."""
	if not units or not _installed("Dissemination Session"):
		return []
	session = DocType("Dissemination Session")
	sessions = (
		frappe.qb.from_(session)
		.select(session.name, session.organization_unit)
		.where(session.organization_unit.isin(units))
		.where(session.session_date[getdate(start) : getdate(end)])
		.where(session.docstatus < 2)
		.run(as_dict=True)
	)
	if not sessions:
		return []
	people = {}
	if audience := _audience_table():
		child_doctype, parentfield = audience
		aud = DocType(child_doctype)
		for r in (
			frappe.qb.from_(aud)
			.select(aud.parent, Sum(aud.expected).as_("expected"), Sum(aud.attended).as_("attended"))
			.where(aud.parenttype == "Dissemination Session")
			.where(aud.parentfield == parentfield)
			.where(aud.parent.isin([s.name for s in sessions]))
			.groupby(aud.parent)
			.run(as_dict=True)
		):
			people[r.parent] = r
	by_unit: dict[str, dict] = {}
	for s in sessions:
		fig = by_unit.setdefault(
			s.organization_unit,
			{
				"organization_unit": s.organization_unit,
				"sessions": 0,
				"people_expected": 0,
				"people_reached": 0,
			},
		)
		fig["sessions"] += 1
		if p := people.get(s.name):
			fig["people_expected"] += int(p.expected or 0)
			fig["people_reached"] += int(p.attended or 0)
	order = _unit_order(units)
	result = sorted(by_unit.values(), key=lambda f: order.get(f["organization_unit"], 0))
	for fig in result:
		fig["participation_rate"] = _rate(fig["people_reached"], fig["people_expected"])
	return result


# --------------------------------------------------------------------------------------------------
# Evaluations
# --------------------------------------------------------------------------------------------------


def evaluation_periods_within(start, end) -> list[str]:
	"""Evaluation Periods lying inside [start, end]."""
	if not _installed("Evaluation Period"):
		return []
	period = DocType("Evaluation Period")
	return (
		frappe.qb.from_(period)
		.select(period.name)
		.where(period.period_start >= getdate(start))
		.where(period.period_end <= getdate(end))
		.orderby(period.period_start)
		.run(pluck=True)
	)


def quota_check(evaluation_period: str, unit: str):
	"""`scoring.check_quota` over the approved levels of the cadres of `unit` in the period, under the
	period's Evaluation Policy (the check the period's finalization makes); None when it cannot be
	checked."""
	from soson_discipline.scoring import check_quota

	policy_name = frappe.db.get_value("Evaluation Period", evaluation_period, "evaluation_policy")
	if (
		not policy_name
		or not _installed("Evaluation Policy")
		or not frappe.db.exists("Evaluation Policy", policy_name)
	):
		return None
	policy = frappe.get_cached_doc("Evaluation Policy", policy_name).get_scoring_policy()
	levels = frappe.get_all(
		"Cadre Evaluation",
		filters={
			"evaluation_period": evaluation_period,
			"organization_unit": unit,
			"docstatus": 1,
		},
		pluck="final_level",
	)
	return check_quota(policy, levels)


def evaluation_figures(units: list[str], start, end) -> tuple[list[dict], dict]:
	"""Rows (period, unit, final level, count, share of the unit's approved evaluations, quota status)
	for the approved evaluations, and totals (evaluated, approved, pending, units over quota)."""
	totals = {
		"evaluations_total": 0,
		"evaluations_approved": 0,
		"evaluations_pending": 0,
		"quota_exceeded_units": 0,
	}
	periods = evaluation_periods_within(start, end)
	if not units or not periods or not _installed("Cadre Evaluation"):
		return [], totals
	ev = DocType("Cadre Evaluation")
	rows = (
		frappe.qb.from_(ev)
		.select(
			ev.evaluation_period,
			ev.organization_unit,
			ev.final_level,
			ev.final_level_label,
			ev.docstatus,
			Count("*").as_("n"),
		)
		.where(ev.organization_unit.isin(units))
		.where(ev.evaluation_period.isin(periods))
		.where(ev.docstatus < 2)
		.groupby(
			ev.evaluation_period, ev.organization_unit, ev.final_level, ev.final_level_label, ev.docstatus
		)
		.run(as_dict=True)
	)
	approved: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
	labels: dict[str, str] = {}
	for r in rows:
		totals["evaluations_total"] += r.n
		if r.docstatus == 1:
			totals["evaluations_approved"] += r.n
			approved[(r.evaluation_period, r.organization_unit)][r.final_level or ""] += r.n
			labels[r.final_level or ""] = labels.get(r.final_level or "") or r.final_level_label or ""
		else:
			totals["evaluations_pending"] += r.n
	order = _unit_order(units)
	period_order = {p: i for i, p in enumerate(periods)}
	figures = []
	for (period, unit), levels in sorted(
		approved.items(), key=lambda kv: (period_order.get(kv[0][0], 0), order.get(kv[0][1], 0))
	):
		unit_total = sum(levels.values())
		status = _quota_label(quota_check(period, unit))
		if status == "Exceeded":
			totals["quota_exceeded_units"] += 1
		for level in sorted(levels):
			figures.append(
				{
					"evaluation_period": period,
					"organization_unit": unit,
					"final_level": level,
					"level_label": _(labels.get(level) or level),  # in the language the report is written in
					"evaluations": levels[level],
					"percent": _rate(levels[level], unit_total),
					"quota_status": status,
				}
			)
	return figures, totals


def _quota_label(check) -> str:
	"""'Within Quota' / 'Exceeded' from a `QuotaCheck`, '' when unknown."""
	if check is None:
		return ""
	return "Within Quota" if check.ok else "Exceeded"


# --------------------------------------------------------------------------------------------------
# Violations and inspections
# --------------------------------------------------------------------------------------------------


def violation_figures(units: list[str], start, end) -> tuple[list[dict], dict]:
	"""Rows per (category, discipline outcome) of the violations detected in the period, and totals."""
	totals = {
		"violations_total": 0,
		"violations_corrected": 0,
		"violations_pending": 0,
		"violations_disciplined": 0,
	}
	if not units or not _installed("Violation Record"):
		return [], totals
	vr = DocType("Violation Record")
	rows = (
		frappe.qb.from_(vr)
		.select(vr.violation_category, vr.discipline_outcome, vr.workflow_state, Count("*").as_("n"))
		.where(vr.organization_unit.isin(units))
		.where(vr.detected_on[getdate(start) : getdate(end)])
		.where(vr.docstatus < 2)
		.groupby(vr.violation_category, vr.discipline_outcome, vr.workflow_state)
		.run(as_dict=True)
	)
	by_key: dict[tuple[str, str], dict] = {}
	for r in rows:
		outcome = r.discipline_outcome or "None"
		fig = by_key.setdefault(
			(r.violation_category or "", outcome),
			{
				"violation_category": r.violation_category,
				"discipline_outcome": outcome,
				"violations": 0,
				"corrected": 0,
				"pending": 0,
				"dismissed": 0,
			},
		)
		fig["violations"] += r.n
		totals["violations_total"] += r.n
		if r.workflow_state in DISMISSED_STATES:
			fig["dismissed"] += r.n
		elif r.workflow_state in CORRECTED_STATES:
			fig["corrected"] += r.n
			totals["violations_corrected"] += r.n
		else:
			fig["pending"] += r.n
			totals["violations_pending"] += r.n
		if outcome not in NO_DISCIPLINE and r.workflow_state not in DISMISSED_STATES:
			totals["violations_disciplined"] += r.n
	return sorted(
		by_key.values(), key=lambda f: (f["violation_category"] or "", f["discipline_outcome"])
	), totals


def inspection_figures(units: list[str], start, end) -> dict:
	"""Inspections held in the period by a unit of the subtree or on one of its units."""
	totals = {"inspections_held": 0, "surprise_inspections": 0}
	if not units or not _installed("Inspection"):
		return totals
	insp = DocType("Inspection")
	condition = insp.inspecting_unit.isin(units)
	target_doctype = _child_doctype("Inspection", "Inspection Target Unit")
	if target_doctype:
		target = DocType(target_doctype)
		condition = condition | insp.name.isin(
			frappe.qb.from_(target)
			.select(target.parent)
			.where(target.parenttype == "Inspection")
			.where(target.organization_unit.isin(units))
		)
	rows = (
		frappe.qb.from_(insp)
		.select(insp.name, insp.is_surprise)
		.where(condition)
		.where(insp.inspection_date[getdate(start) : getdate(end)])
		.where(insp.docstatus < 2)
		.where(insp.status.notin(NOT_HELD_INSPECTION_STATUSES))
		.run(as_dict=True)
	)
	totals["inspections_held"] = len(rows)
	totals["surprise_inspections"] = sum(1 for r in rows if r.is_surprise)
	return totals


def _child_doctype(parent: str, expected: str) -> str | None:
	"""`expected` when it is a table of `parent` and installed."""
	meta = frappe.get_meta(parent)
	for df in meta.get_table_fields():
		if df.options == expected and _installed(expected):
			return expected
	return None


# --------------------------------------------------------------------------------------------------
# Everything at once
# --------------------------------------------------------------------------------------------------


def compile_figures(units: list[str], start, end) -> dict:
	"""All figures of a report: child-table rows and summary numbers."""
	tasks = task_figures(units, start, end)
	sessions = dissemination_figures(units, start, end)
	evaluations, evaluation_totals = evaluation_figures(units, start, end)
	violations, violation_totals = violation_figures(units, start, end)
	summary = {
		"tasks_total": sum(f["tasks_total"] for f in tasks),
		"tasks_completed": sum(f["tasks_completed"] for f in tasks),
		"tasks_completed_on_time": sum(f["tasks_completed_on_time"] for f in tasks),
		"tasks_overdue": sum(f["tasks_overdue"] for f in tasks),
		"tasks_late": sum(f["tasks_late"] for f in tasks),
		"sessions_held": sum(f["sessions"] for f in sessions),
		"people_expected": sum(f["people_expected"] for f in sessions),
		"people_reached": sum(f["people_reached"] for f in sessions),
		**evaluation_totals,
		**violation_totals,
		**inspection_figures(units, start, end),
	}
	summary["task_completion_rate"] = _rate(summary["tasks_completed"], summary["tasks_total"])
	summary["participation_rate"] = _rate(summary["people_reached"], summary["people_expected"])
	return {
		"summary": summary,
		"task_figures": tasks,
		"dissemination_figures": sessions,
		"evaluation_figures": evaluations,
		"violation_figures": violations,
	}
