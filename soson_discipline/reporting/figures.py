"""The app's figures, each computed once, for the workspace (`reporting.dashboard`), the Periodic Report
(`compile_figures`) and the Script Reports alike.

Every counting function takes a `filters.Selection` (which units, dates and links, and whether the
user's row-level scope applies) and returns plain dicts; the callers only lay them out. What counts:

- tasks: Assigned Tasks by `due_date`, per unit by status and by the task's own `is_late` (cancelled
  ones are shown apart and left out of the totals); overdue = still open and past due on a date;
- dissemination: Dissemination Sessions by `session_date`, with the people expected and reached
  summed from their `audiences`;
- evaluations: Cadre Evaluations of given Evaluation Periods, by final level once approved
  (submitted), with the top-level quota of each unit's pool and period (`evaluation.quota`);
- violations: Violation Records by `detected_on`, per unit, category, state and discipline outcome;
- inspections: Inspections held (neither planned only nor cancelled) by a unit or on one of its units.

Cancelled documents (docstatus 2) never count.
"""

import dataclasses
from collections import Counter

import frappe
from frappe import _
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Count, DateFormat, Sum
from frappe.utils import cint, flt, getdate, today

from soson_discipline.campaign import task_summary
from soson_discipline.evaluation.inputs import get_scoring_policy
from soson_discipline.evaluation.quota import quota_checks
from soson_discipline.permissions import get_scope_condition
from soson_discipline.reporting.filters import Selection, of_units, scope_parts
from soson_discipline.scoring import DISCIPLINE_FORCING_OUTCOMES
from soson_discipline.states import (
	APPEAL_CHANGED,
	APPEAL_DECIDED,
	APPEAL_DRAFT,
	INSPECTION_NOT_HELD,
	NO_DISCIPLINE,
	TASK_CANCELLED,
	TASK_COMPLETED,
	TASK_IN_PROGRESS,
	TASK_OPEN,
	TASK_OPEN_STATUSES,
	TASK_OVERDUE,
	TASK_QUALITY_FAILED,
	VIOLATION_CLOSED,
	VIOLATION_CORRECTED_STATES,
	VIOLATION_CORRECTION_REQUIRED,
	VIOLATION_DISMISSED,
	VIOLATION_FINISHED_STATES,
	VIOLATION_VERIFIED_STATES,
	WARNING_CLOSED,
)

QUOTA_WITHIN = "Within Quota"
QUOTA_EXCEEDED = "Exceeded"


def percent(part, whole) -> float:
	"""`part` as a percentage of `whole`, to one decimal (0 when `whole` is 0)."""
	return flt(100.0 * part / whole, 1) if whole else 0.0


def in_unit_order(rows: list[dict], units: list[str]) -> list[dict]:
	"""`rows` sorted by their `organization_unit` in the order of `units` (tree order)."""
	order = {unit: i for i, unit in enumerate(units)}
	return sorted(rows, key=lambda row: order.get(row["organization_unit"], 0))


# --------------------------------------------------------------------------------------------------
# Tasks
# --------------------------------------------------------------------------------------------------

_STATUS_KEYS = {
	TASK_OPEN: "open",
	TASK_IN_PROGRESS: "in_progress",
	TASK_COMPLETED: "completed",
	TASK_OVERDUE: "overdue",
}


def task_counts(selection: Selection) -> dict[str, frappe._dict]:
	"""{unit: counts} of the selected tasks with a due date: `total` (cancelled ones left out), by
	status (`open`, `in_progress`, `completed`, `overdue`, `cancelled`), `completed_on_time`,
	`completed_late`, `late` (the task's own `is_late`), `late_not_completed`, quality `failed` and
	`extended` (a due date moved by an extension, `campaign.extensions`)."""
	counts: dict[str, frappe._dict] = {}
	for group in task_groups(selection):
		unit = group.organization_unit
		_add_task_group(counts.setdefault(unit, _new_task_counts(unit)), group)
	return counts


_TASK_GROUP_FIELDS = ("organization_unit", "status", "is_late", "quality_result", "is_extended")


def _task_group_columns(task):
	return (*(task[f] for f in _TASK_GROUP_FIELDS[:-1]), task_summary.extended_column(task))


def task_groups(selection: Selection) -> list[frappe._dict]:
	"""The selected tasks with a due date grouped by unit, status, lateness and quality (`n` each).

	Counted in the parts of the user's scope (`filters.scope_parts`): the units he or she sees whole,
	then each other way he or she reaches tasks (distinct tasks, few)."""
	task = DocType("Assigned Task")
	parts = scope_parts(selection, "Assigned Task", task)
	groups = _unit_task_groups(parts[0].selection)
	reached = {}
	for part in parts[1:]:
		query = (
			frappe.qb.from_(task)
			.select(task.name, *_task_group_columns(task))
			.where(task.due_date.isnotnull())
		)
		for row in part.apply(query, task, "Assigned Task", date_field="due_date").run(as_dict=True):
			reached[row.name] = tuple(row[f] for f in _TASK_GROUP_FIELDS)
	for key, n in Counter(reached.values()).items():
		groups.append(frappe._dict(zip(_TASK_GROUP_FIELDS, key, strict=True), n=n))
	return groups


def _unit_task_groups(selection: Selection) -> list[frappe._dict]:
	"""Every task of the selection's units (the selection unscoped). Whole months come from the tasks
	counted per unit and month (`campaign.task_summary`) where no link filter applies, and only a
	partial first or last month from the tasks."""
	if not task_summary.reads_summary(selection):
		return _live_task_groups(selection)
	partial, months = task_summary.split_by_month(selection.start, selection.end)
	groups = task_summary.summary_groups(selection.units, months) if months else []
	for start, end in partial:
		groups.extend(_live_task_groups(dataclasses.replace(selection, start=start, end=end)))
	return groups


def _live_task_groups(selection: Selection) -> list[frappe._dict]:
	task = DocType("Assigned Task")
	columns = _task_group_columns(task)
	query = (
		frappe.qb.from_(task)
		.select(*columns, Count("*").as_("n"))
		.where(task.due_date.isnotnull())
		.groupby(*columns)
	)
	return selection.apply(query, task, "Assigned Task", date_field="due_date").run(as_dict=True)


def _new_task_counts(unit: str) -> frappe._dict:
	"""A unit's task counts, all zero."""
	keys = ("total", *_STATUS_KEYS.values(), "cancelled", "completed_on_time", "completed_late")
	return frappe._dict(
		organization_unit=unit, late=0, late_not_completed=0, failed=0, extended=0, **dict.fromkeys(keys, 0)
	)


def _add_task_group(counts: frappe._dict, group) -> None:
	"""Add one (status, is_late, quality) group of `n` tasks to a unit's counts."""
	if group.status == TASK_CANCELLED:
		counts.cancelled += group.n
		return
	counts.total += group.n
	if key := _STATUS_KEYS.get(group.status):
		counts[key] += group.n
	if group.status == TASK_COMPLETED:
		counts["completed_late" if group.is_late else "completed_on_time"] += group.n
	elif group.is_late:
		counts.late_not_completed += group.n
	if group.is_late:
		counts.late += group.n
	if group.quality_result == TASK_QUALITY_FAILED:
		counts.failed += group.n
	if group.get("is_extended"):
		counts.extended += group.n


def overdue_condition(task, on):
	"""Work still open past its due date on `on`: what the Overdue Tasks card counts and report lists."""
	return task.status.isin(TASK_OPEN_STATUSES) & (task.due_date < getdate(on))


def count_overdue_tasks(selection: Selection, on=None) -> int:
	"""The selected tasks still open past their due date on `on` (default today), counted in the parts
	of the user's scope (`filters.scope_parts`)."""
	task = DocType("Assigned Task")
	overdue = overdue_condition(task, on or today())
	parts = scope_parts(selection, "Assigned Task", task)
	query = frappe.qb.from_(task).select(Count("*")).where(overdue)
	total = parts[0].apply(query, task, "Assigned Task").run()[0][0]
	reached = set()
	for part in parts[1:]:
		query = frappe.qb.from_(task).select(task.name).where(overdue)
		reached.update(part.apply(query, task, "Assigned Task").run(pluck=True))
	return total + len(reached)


def task_figures(units: list[str], start, end) -> list[dict]:
	"""The Periodic Report's task rows: one per unit that had tasks due in the period."""
	rows = [
		{
			"organization_unit": c.organization_unit,
			"tasks_total": c.total,
			"tasks_open": c.open,
			"tasks_in_progress": c.in_progress,
			"tasks_completed": c.completed,
			"tasks_completed_on_time": c.completed_on_time,
			"tasks_overdue": c.overdue,
			"tasks_late": c.late,
			"tasks_extended": c.extended,
			"tasks_cancelled": c.cancelled,
			"completion_rate": percent(c.completed, c.total),
		}
		for c in task_counts(of_units(units, start, end)).values()
	]
	return in_unit_order(rows, units)


# --------------------------------------------------------------------------------------------------
# Dissemination
# --------------------------------------------------------------------------------------------------


def _audience_lines(selection: Selection) -> list[frappe._dict]:
	"""One line per selected session and audience group (a session without audiences gives one)."""
	session, audience = DocType("Dissemination Session"), DocType("Dissemination Audience")
	query = (
		frappe.qb.from_(session)
		.left_join(audience)
		.on(
			(audience.parent == session.name)
			& (audience.parenttype == "Dissemination Session")
			& (audience.parentfield == "audiences")
		)
		.select(
			session.name,
			session.organization_unit,
			session.session_date,
			audience.audience_group,
			audience.expected,
			audience.attended,
		)
		.where(session.docstatus < 2)
	)
	return selection.apply(query, session, "Dissemination Session", date_field="session_date").run(
		as_dict=True
	)


def dissemination_by_unit(selection: Selection) -> dict[str, frappe._dict]:
	"""{unit: figures} of the selected sessions: `sessions`, `last_session`, `people_expected`,
	`people_reached`, `reached_by_group` ({audience group: people reached}) and `participation_rate`."""
	by_unit: dict[str, frappe._dict] = {}
	for line in _audience_lines(selection):
		fig = by_unit.setdefault(
			line.organization_unit,
			frappe._dict(
				organization_unit=line.organization_unit,
				session_names=set(),
				last_session=None,
				people_expected=0,
				people_reached=0,
				reached_by_group=Counter(),
			),
		)
		fig.session_names.add(line.name)
		if not fig.last_session or getdate(line.session_date) > getdate(fig.last_session):
			fig.last_session = line.session_date
		fig.people_expected += cint(line.expected)
		fig.people_reached += cint(line.attended)
		if line.audience_group:
			fig.reached_by_group[line.audience_group] += cint(line.attended)
	for fig in by_unit.values():
		fig.sessions = len(fig.pop("session_names"))
		fig.participation_rate = percent(fig.people_reached, fig.people_expected)
	return by_unit


def dissemination_totals(selection: Selection) -> tuple[int, int]:
	"""(people expected, people reached) at the selected sessions."""
	figures = dissemination_by_unit(selection).values()
	return sum(f.people_expected for f in figures), sum(f.people_reached for f in figures)


def dissemination_figures(units: list[str], start, end) -> list[dict]:
	"""The Periodic Report's dissemination rows: one per unit that held sessions in the period."""
	rows = [
		{
			"organization_unit": f.organization_unit,
			"sessions": f.sessions,
			"people_expected": f.people_expected,
			"people_reached": f.people_reached,
			"participation_rate": f.participation_rate,
		}
		for f in dissemination_by_unit(of_units(units, start, end)).values()
	]
	return in_unit_order(rows, units)


# --------------------------------------------------------------------------------------------------
# Evaluations
# --------------------------------------------------------------------------------------------------


def evaluation_periods_within(start, end) -> list[str]:
	"""Evaluation Periods lying inside [start, end], in order."""
	period = DocType("Evaluation Period")
	return (
		frappe.qb.from_(period)
		.select(period.name)
		.where(period.period_start >= getdate(start))
		.where(period.period_end <= getdate(end))
		.orderby(period.period_start)
		.run(pluck=True)
	)


PERIOD_COUNTS_INDEX = "soson_period_level_counts"  # soson_discipline.indexes


def evaluation_counts(selection: Selection, periods: list[str]) -> list[frappe._dict]:
	"""The selected Cadre Evaluations of `periods` counted (`n`) per period, unit, final level, its
	label and docstatus (0 pending, 1 approved)."""
	ev = DocType("Cadre Evaluation")
	columns = (ev.evaluation_period, ev.organization_unit, ev.final_level, ev.final_level_label, ev.docstatus)
	query = (
		frappe.qb.from_(ev)
		.select(*columns, Count("*").as_("n"))
		.where(ev.evaluation_period.isin(list(periods) or [""]))
		.where(ev.docstatus < 2)
		.groupby(*columns)
	)
	if counts_most_of_a_period(selection) and frappe.db.has_index("tabCadre Evaluation", PERIOD_COUNTS_INDEX):
		query = query.force_index(PERIOD_COUNTS_INDEX)
	return selection.apply(query, ev, "Cadre Evaluation").run(as_dict=True)


def counts_most_of_a_period(selection: Selection) -> bool:
	"""Whether `selection` counts a large part of a period's evaluations: a board member's whole city,
	or a Periodic Report of many units. With a city's 211 units in the IN list MariaDB takes the
	single-field unit index and reads every row (3.6 s for a month of 30,000 evaluations) where the
	covering index answers alone (0.1 s); for a unit head's few units the unit index stays better."""
	many_units = selection.units is None or len(selection.units) > 50
	if not many_units:
		return False
	return not selection.scoped or not get_scope_condition(
		"Cadre Evaluation", selection.user or frappe.session.user
	)


def evaluation_totals(counts: list[frappe._dict]) -> dict:
	"""Evaluations in all, approved and pending, from `evaluation_counts`."""
	approved = sum(c.n for c in counts if c.docstatus == 1)
	total = sum(c.n for c in counts)
	return {
		"evaluations_total": total,
		"evaluations_approved": approved,
		"evaluations_pending": total - approved,
	}


def levels_by_unit(counts: list[frappe._dict]) -> dict[tuple[str, str], frappe._dict]:
	"""{(period, unit): `evaluations`, `pending` and `approved` (the final level of each approved
	evaluation)} from `evaluation_counts`."""
	groups: dict[tuple[str, str], frappe._dict] = {}
	for c in counts:
		key = (c.evaluation_period, c.organization_unit)
		group = groups.setdefault(key, frappe._dict(evaluations=0, pending=0, approved=[]))
		group.evaluations += c.n
		if c.docstatus == 1:
			group.approved.extend([c.final_level] * c.n)
		else:
			group.pending += c.n
	return groups


def period_policy(evaluation_period: str):
	"""The `scoring.Policy` of an Evaluation Period (None when it names no Evaluation Policy)."""
	policy_name = frappe.db.get_value("Evaluation Period", evaluation_period, "evaluation_policy")
	return get_scoring_policy(policy_name) if policy_name else None


def evaluation_figures(units: list[str], start, end) -> tuple[list[dict], dict]:
	"""The Periodic Report's evaluation rows (period, unit, final level, count, share of the unit's
	approved evaluations, quota status) and totals (evaluated, approved, pending, units over quota)."""
	periods = evaluation_periods_within(start, end)
	counts = evaluation_counts(of_units(units), periods)
	totals = {**evaluation_totals(counts), "quota_exceeded_units": 0}
	labels = _level_labels(counts)
	policies = {period: period_policy(period) for period in periods}
	period_order = {p: i for i, p in enumerate(periods)}
	unit_order = {u: i for i, u in enumerate(units)}
	groups = levels_by_unit(counts)
	# each unit's quota as its pool counts it (`evaluation.quota`), as finalizing the period checks it
	quotas = {}
	for period, policy in policies.items():
		approved = {unit: g.approved for (p, unit), g in groups.items() if p == period and g.approved}
		# a quota the policy applies to the year's classification is no month's (Decree 335)
		if policy and approved and policy.quota_applies_to("Period"):
			quotas[period] = quota_checks(period, policy, approved)
	figures, exceeded = [], set()
	for (period, unit), group in sorted(
		groups.items(), key=lambda kv: (period_order.get(kv[0][0], 0), unit_order.get(kv[0][1], 0))
	):
		if not group.approved:
			continue
		pool, quota = quotas.get(period, {}).get(unit, (unit, None))
		status = "" if quota is None else QUOTA_WITHIN if quota.ok else QUOTA_EXCEEDED
		if status == QUOTA_EXCEEDED:
			exceeded.add((period, pool))
		figures.extend(_level_rows(period, unit, group.approved, labels, status))
	totals["quota_exceeded_units"] = len(exceeded)
	return figures, totals


def _level_labels(counts: list[frappe._dict]) -> dict[str, str]:
	"""{final level: its label} as the approved evaluations record it."""
	labels: dict[str, str] = {}
	for c in counts:
		if c.docstatus == 1:
			level = c.final_level or ""
			labels[level] = labels.get(level) or c.final_level_label or ""
	return labels


def _level_rows(period: str, unit: str, approved: list[str], labels: dict, status: str) -> list[dict]:
	"""One evaluation row per final level of a unit's approved evaluations in a period."""
	levels = Counter(level or "" for level in approved)
	return [
		{
			"evaluation_period": period,
			"organization_unit": unit,
			"final_level": level,
			"level_label": _(labels.get(level) or level),  # in the language the report is written in
			"evaluations": levels[level],
			"percent": percent(levels[level], len(approved)),
			"quota_status": status,
		}
		for level in sorted(levels)
	]


# --------------------------------------------------------------------------------------------------
# Violations
# --------------------------------------------------------------------------------------------------


def violation_counts(selection: Selection, *, by_month: bool = False) -> list[frappe._dict]:
	"""The selected Violation Records counted (`n`) per unit, category (with the category's name and
	default deduction), workflow state and discipline outcome, ordered by unit and category name; with
	`by_month`, also per month of detection (`month`, "2026-10")."""
	vr, vc = DocType("Violation Record"), DocType("Violation Category")
	columns = [
		vr.organization_unit,
		vr.violation_category,
		vc.category_name,
		vc.default_deduction,
		vr.workflow_state,
		vr.discipline_outcome,
	]
	if by_month:
		columns.append(DateFormat(vr.detected_on, "%Y-%m").as_("month"))
	query = (
		frappe.qb.from_(vr)
		.left_join(vc)
		.on(vc.name == vr.violation_category)
		.select(*columns, Count("*").as_("n"))
		.where(vr.docstatus < 2)
		.groupby(*columns)
		.orderby(vr.organization_unit)
		.orderby(vc.category_name)
	)
	return selection.apply(query, vr, "Violation Record", date_field="detected_on").run(as_dict=True)


def count_open_violations(selection: Selection) -> int:
	"""The selected violation records still being handled (neither closed nor dismissed)."""
	return sum(c.n for c in violation_counts(selection) if c.workflow_state not in VIOLATION_FINISHED_STATES)


def violations_by_category_and_month(selection: Selection) -> dict[tuple[str, str], int]:
	"""{(category name, "YYYY-MM"): violations detected} of the selected records, dismissed ones left
	out."""
	counts: Counter = Counter()
	for c in violation_counts(selection, by_month=True):
		if c.workflow_state != VIOLATION_DISMISSED:
			counts[(c.category_name or c.violation_category, c.month)] += c.n
	return dict(counts)


def violations_by_unit_and_category(selection: Selection) -> list[dict]:
	"""Per unit and category (ordered by unit and category name): `reported`, `verified`,
	`correction_required`, `closed`, `dismissed`, `disciplined` (verified, with discipline that forces
	"not completed") and the points verified ones deduct at the category's default deduction
	(`deduction`)."""
	rows: dict[tuple, dict] = {}
	for c in violation_counts(selection):
		row = rows.setdefault(
			(c.organization_unit, c.violation_category),
			{
				"organization_unit": c.organization_unit,
				"violation_category": c.violation_category,
				"category_name": c.category_name,
				"deduction": 0.0,
				**dict.fromkeys(
					("reported", "verified", "correction_required", "closed", "dismissed", "disciplined"), 0
				),
			},
		)
		_add_violation_group(row, c)
	return list(rows.values())


def _add_violation_group(row: dict, c) -> None:
	"""Add one (state, outcome) group of `n` records to a unit and category's row."""
	row["reported"] += c.n
	if c.workflow_state in VIOLATION_VERIFIED_STATES:
		row["verified"] += c.n
		row["deduction"] += c.n * flt(c.default_deduction)
		row["disciplined"] += c.n if c.discipline_outcome in DISCIPLINE_FORCING_OUTCOMES else 0
	row["correction_required"] += c.n if c.workflow_state == VIOLATION_CORRECTION_REQUIRED else 0
	row["closed"] += c.n if c.workflow_state == VIOLATION_CLOSED else 0
	row["dismissed"] += c.n if c.workflow_state == VIOLATION_DISMISSED else 0


def violation_figures(units: list[str], start, end) -> tuple[list[dict], dict]:
	"""The Periodic Report's violation rows per (category, discipline outcome) and totals (detected,
	corrected, pending, with a discipline outcome)."""
	totals = dict.fromkeys(
		("violations_total", "violations_corrected", "violations_pending", "violations_disciplined"), 0
	)
	rows: dict[tuple[str, str], dict] = {}
	for c in violation_counts(of_units(units, start, end)):
		outcome = c.discipline_outcome or "None"
		row = rows.setdefault(
			(c.violation_category or "", outcome),
			{
				"violation_category": c.violation_category,
				"discipline_outcome": outcome,
				**dict.fromkeys(("violations", "corrected", "pending", "dismissed"), 0),
			},
		)
		_add_violation_outcome(row, totals, c, outcome)
	order = sorted(rows.values(), key=lambda r: (r["violation_category"] or "", r["discipline_outcome"]))
	return order, totals


def _add_violation_outcome(row: dict, totals: dict, c, outcome: str) -> None:
	"""Add one group of `n` records to a (category, outcome) row and to the totals."""
	row["violations"] += c.n
	totals["violations_total"] += c.n
	if c.workflow_state == VIOLATION_DISMISSED:
		row["dismissed"] += c.n
	elif c.workflow_state in VIOLATION_CORRECTED_STATES:
		row["corrected"] += c.n
		totals["violations_corrected"] += c.n
	else:
		row["pending"] += c.n
		totals["violations_pending"] += c.n
	if outcome not in NO_DISCIPLINE and c.workflow_state != VIOLATION_DISMISSED:
		totals["violations_disciplined"] += c.n


# --------------------------------------------------------------------------------------------------
# Inspections
# --------------------------------------------------------------------------------------------------


def inspection_figures(units: list[str], start, end) -> dict:
	"""Inspections held in the period by a unit of `units` or on one of them (surprise ones apart)."""
	insp, target = DocType("Inspection"), DocType("Inspection Target Unit")
	on_units = (
		frappe.qb.from_(target)
		.select(target.parent)
		.where(target.parenttype == "Inspection")
		.where(target.organization_unit.isin(list(units) or [""]))
	)
	rows = (
		frappe.qb.from_(insp)
		.select(insp.name, insp.is_surprise)
		.where(insp.inspecting_unit.isin(list(units) or [""]) | insp.name.isin(on_units))
		.where(insp.inspection_date[getdate(start) : getdate(end)])
		.where(insp.docstatus < 2)
		.where(insp.status.notin(INSPECTION_NOT_HELD))
		.run(as_dict=True)
	)
	return {"inspections_held": len(rows), "surprise_inspections": sum(1 for r in rows if r.is_surprise)}


# --------------------------------------------------------------------------------------------------
# Early warnings
# --------------------------------------------------------------------------------------------------


def count_open_warnings(selection: Selection) -> int:
	"""The selected early warnings not yet closed (by the date they were raised)."""
	warning = DocType("Discipline Warning")
	query = frappe.qb.from_(warning).select(Count("*")).where(warning.status != WARNING_CLOSED)
	return selection.apply(query, warning, "Discipline Warning", date_field="raised_on").run()[0][0]


def warning_figures(units: list[str], start, end) -> dict:
	"""Early warnings raised in the period on `units` (their cadres included), and how many of them
	were acted on (an urging, an inspection, a conclusion or a violation record linked)."""
	warning = DocType("Discipline Warning")
	acted = warning.urging.isnotnull() | warning.inspection.isnotnull()
	acted = acted | warning.conclusion.isnotnull() | warning.violation_record.isnotnull()
	raised, acted_on = (
		frappe.qb.from_(warning)
		.select(Count("*"), Sum(Case().when(acted, 1).else_(0)))
		.where(warning.organization_unit.isin(list(units) or [""]))
		.where(warning.raised_on[getdate(start) : getdate(end)])
		.run()[0]
	)
	return {"warnings_raised": cint(raised), "warnings_acted_on": cint(acted_on)}


# --------------------------------------------------------------------------------------------------
# Appeals
# --------------------------------------------------------------------------------------------------


def appeal_figures(units: list[str], start, end) -> dict:
	"""Appeals of the cadres of `units` filed in the period (a draft never filed is not one), and of
	them those decided so far, and those whose level was changed (issue 29: a report to the Standing
	Committee shows how many results were contested and how many the level above corrected)."""
	appeal = DocType("Evaluation Appeal")
	filed, decided, changed = (
		frappe.qb.from_(appeal)
		.select(
			Count("*"),
			Sum(Case().when(appeal.status.isin(APPEAL_DECIDED), 1).else_(0)),
			Sum(Case().when(appeal.status == APPEAL_CHANGED, 1).else_(0)),
		)
		.where(appeal.organization_unit.isin(list(units) or [""]))
		.where(appeal.status != APPEAL_DRAFT)
		.where(appeal.appeal_date[getdate(start) : getdate(end)])
		.run()[0]
	)
	return {"appeals_filed": cint(filed), "appeals_decided": cint(decided), "appeals_changed": cint(changed)}


# --------------------------------------------------------------------------------------------------
# A Periodic Report's figures, all at once
# --------------------------------------------------------------------------------------------------

_TASK_SUMMARY_KEYS = (
	"tasks_total",
	"tasks_completed",
	"tasks_completed_on_time",
	"tasks_overdue",
	"tasks_late",
	"tasks_extended",
)


def compile_figures(units: list[str], start, end) -> dict:
	"""All figures of a Periodic Report on `units` for [start, end]: child-table rows and summary."""
	tasks = task_figures(units, start, end)
	sessions = dissemination_figures(units, start, end)
	evaluations, evaluation_sums = evaluation_figures(units, start, end)
	violations, violation_totals = violation_figures(units, start, end)
	summary = {
		**{key: sum(f[key] for f in tasks) for key in _TASK_SUMMARY_KEYS},
		"sessions_held": sum(f["sessions"] for f in sessions),
		"people_expected": sum(f["people_expected"] for f in sessions),
		"people_reached": sum(f["people_reached"] for f in sessions),
		**evaluation_sums,
		**violation_totals,
		**inspection_figures(units, start, end),
		**warning_figures(units, start, end),
		**appeal_figures(units, start, end),
	}
	summary["task_completion_rate"] = percent(summary["tasks_completed"], summary["tasks_total"])
	summary["participation_rate"] = percent(summary["people_reached"], summary["people_expected"])
	return {
		"summary": summary,
		"task_figures": tasks,
		"dissemination_figures": sessions,
		"evaluation_figures": evaluations,
		"violation_figures": violations,
	}
