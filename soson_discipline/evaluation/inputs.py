"""What an evaluation is scored from: the policy in force, its criteria, and the cadres' task and
violation figures of the period — each fetched for many cadres at once for the monthly generation."""

import frappe
from frappe.query_builder import DocType
from frappe.utils import flt, getdate

from soson_discipline import scoring
from soson_discipline.campaign.task_rules import get_task_figures, task_figures_of
from soson_discipline.states import VIOLATION_VERIFIED_STATES

__all__ = [
	"build_score_rows",
	"evaluation_key",
	"get_policy_criteria",
	"get_policy_for_date",
	"get_scoring_policy",
	"get_task_figures",
	"get_violation_figures",
	"task_figures_of",
	"violation_figures_of",
]


def evaluation_key(period: str, cadre: str) -> str:
	"""The unique key of a live evaluation (an evaluation's name once it is cancelled)."""
	return f"{period}:{cadre}"


# --------------------------------------------------------------------------------------------------
# Policy
# --------------------------------------------------------------------------------------------------


def get_policy_for_date(date, period_type: str | None = None) -> str | None:
	"""The enabled policy in force on ``date`` (the latest to take effect if several; of ``period_type``
	when given), else Discipline Settings' default policy, else None."""
	date = getdate(date)
	policy = DocType("Evaluation Policy")
	query = (
		frappe.qb.from_(policy)
		.select(policy.name)
		.where(
			(policy.disabled == 0)
			& (policy.effective_from <= date)
			& (policy.effective_to.isnull() | (policy.effective_to >= date))
		)
		.orderby(policy.effective_from, order=frappe.qb.desc)
		.limit(1)
	)
	if period_type:
		query = query.where(policy.period_type == period_type)
	found = query.run(pluck=True)
	if found:
		return found[0]
	return frappe.db.get_single_value("Discipline Settings", "default_evaluation_policy") or None


def get_scoring_policy(policy_name: str) -> scoring.Policy:
	"""The `scoring.Policy` of an Evaluation Policy (from the document cache)."""
	return frappe.get_cached_doc("Evaluation Policy", policy_name).get_scoring_policy()


def get_policy_criteria(policy_name: str) -> list[frappe._dict]:
	"""The criteria rows of an Evaluation Policy, in order."""
	return [
		frappe._dict(
			criterion=row.criterion,
			criterion_group=row.criterion_group,
			max_points=flt(row.max_points),
			source=row.source or scoring.SOURCE_MANUAL,
			default_points=flt(row.default_points),
		)
		for row in frappe.get_cached_doc("Evaluation Policy", policy_name).criteria
	]


def build_score_rows(doc, criteria: list, existing=()) -> list:
	"""Score rows of `doc` for `criteria`, keeping the scores already entered for each criterion; a new
	row proposes the criterion's default points (`Evaluation Policy Criterion.default_points`) as the
	self-assessment."""
	by_criterion = {row.criterion: row for row in existing or []}
	rows = []
	for c in criteria:
		row = by_criterion.get(c.criterion)
		if row is None:
			row = doc.append("scores", {"criterion": c.criterion})
			if c.get("default_points"):
				row.self_score = c.default_points
		row.update({"criterion_group": c.criterion_group, "max_points": c.max_points, "source": c.source})
		rows.append(row)
	for idx, row in enumerate(rows, 1):
		row.idx = idx
	return rows


# --------------------------------------------------------------------------------------------------
# Violations
# --------------------------------------------------------------------------------------------------


def no_violations() -> frappe._dict:
	return frappe._dict(deduction=0.0, forced=False, outcome=None)


def get_violation_figures(start, end, cadres: list[str] | None = None) -> dict[str, frappe._dict]:
	"""Per cadre, from the verified (not dismissed) Violation Records: the deduction and whether a
	category forces "not completed", of the violations detected in the period, and the heaviest
	discipline outcome of those whose discipline counts in the period — the period of the
	`discipline_decision_date` when set, else of the detection (`scoring.discipline_in_period`)."""
	start, end = getdate(start), getdate(end)
	vr = DocType("Violation Record")
	vc = DocType("Violation Category")
	detected = (vr.detected_on >= start) & (vr.detected_on <= end)
	decided = (vr.discipline_decision_date >= start) & (vr.discipline_decision_date <= end)
	query = (
		frappe.qb.from_(vr)
		.left_join(vc)
		.on(vc.name == vr.violation_category)
		.select(
			vr.cadre,
			vr.detected_on,
			vr.discipline_decision_date,
			vc.default_deduction,
			vc.forces_not_completed,
			vr.discipline_outcome,
		)
		.where(
			(detected | decided) & (vr.workflow_state.isin(VIOLATION_VERIFIED_STATES)) & (vr.docstatus != 2)
		)
	)
	if cadres is not None:
		if not cadres:
			return {}
		query = query.where(vr.cadre.isin(cadres))
	figures: dict[str, frappe._dict] = {}
	outcomes = scoring.DISCIPLINE_OUTCOMES
	for row in query.run(as_dict=True):
		f = figures.setdefault(row.cadre, no_violations())
		if start <= getdate(row.detected_on) <= end:
			f.deduction += flt(row.default_deduction)
			f.forced = f.forced or bool(row.forces_not_completed)
		decision_date = getdate(row.discipline_decision_date) if row.discipline_decision_date else None
		if not scoring.discipline_in_period(getdate(row.detected_on), decision_date, start, end):
			continue
		if row.discipline_outcome in outcomes and (
			f.outcome is None or outcomes.index(row.discipline_outcome) > outcomes.index(f.outcome)
		):
			f.outcome = row.discipline_outcome
	return figures


def violation_figures_of(cadre: str, start, end) -> frappe._dict:
	"""The violation figures of one cadre for a period (none when he or she had no verified record)."""
	return get_violation_figures(start, end, [cadre]).get(cadre) or no_violations()
