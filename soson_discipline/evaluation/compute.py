"""Filling an evaluation's numbers from `scoring.evaluate`: the one place where they are set, for the
form, the bulk generation and the refresh after a violation alike."""

import frappe
from frappe import _
from frappe.utils import flt

from soson_discipline.scoring import EvaluationInput, PolicyError, ScoreError, TaskFigures, evaluate
from soson_discipline.states import EVAL_SELF_ASSESSED, EVAL_SELF_STATES

from .inputs import no_violations


def rated_criteria(policy, tasks_assigned: float) -> set[str]:
	"""Criteria people score (the cadre proposes, the rater rates): the manual ones, and the task
	criteria of a period with no task assigned when the policy has the rater score them
	(`Evaluation Policy.no_task_rule`)."""
	return {c.key for c in policy.criteria if policy.is_rated_by_people(c, tasks_assigned)}


def compute_evaluation(
	doc, policy, tasks: TaskFigures, violations: frappe._dict | None, unit_factor: float = 1.0
):
	"""Fill `doc` (a Cadre Evaluation, saved or not) from `scoring.evaluate`: computed criteria,
	totals, levels and reasons; `unit_factor` is a leader's unit operating result
	(`inputs.unit_result_factor`)."""
	violations = violations or no_violations()
	state = doc.workflow_state or "Draft"
	self_scores, final_scores = {}, {}
	rated = rated_criteria(policy, tasks.assigned)
	for row in doc.scores:
		if row.criterion not in rated:
			continue
		if state in EVAL_SELF_STATES:
			row.final_score = row.self_score
		elif state == EVAL_SELF_ASSESSED:
			row.final_score = row.rater_score
		self_scores[row.criterion] = flt(row.self_score)
		final_scores[row.criterion] = flt(row.final_score)

	def run(manual):
		try:
			return evaluate(
				policy,
				EvaluationInput(
					tasks=tasks,
					manual_scores=manual,
					violation_deduction=flt(violations.deduction),
					discipline_outcome=violations.outcome,
					forced_not_completed=bool(violations.forced),
					unit_factor=unit_factor,
					unit_dealt_with=bool(violations.get("unit_dealt_with")),
				),
			)
		except ScoreError as e:
			frappe.throw(e.reason.text(_), title=_("Invalid Score"))
		except PolicyError as e:
			frappe.throw("<br>".join(p.text(_) for p in e.problems), title=_("Invalid Evaluation Policy"))

	result, self_result = run(final_scores), run(self_scores)
	for row in doc.scores:
		if row.criterion not in rated:
			row.self_score = self_result.scores.get(row.criterion, 0)
			row.rater_score = row.final_score = result.scores.get(row.criterion, 0)

	doc.tasks_assigned, doc.tasks_completed, doc.tasks_on_time = (
		tasks.assigned,
		tasks.completed,
		tasks.on_time,
	)
	doc.tasks_late, doc.tasks_failed, doc.tasks_exceeded = tasks.late, tasks.failed, tasks.exceeded
	doc.tasks_delays, doc.tasks_failed_assessments = tasks.delay_count, tasks.failure_count
	doc.tasks_excused = tasks.excused
	doc.violation_deduction = flt(violations.deduction)
	doc.discipline_outcome = violations.outcome
	doc.not_completed_forced = int(result.not_completed_forced)
	doc.units_dealt_with = ", ".join(violations.get("unit_dealt_with") or ()) or None
	doc.unit_factor = unit_factor * 100 if policy.leader_unit_factor and doc.get("is_leader") else 0
	doc.self_total, doc.self_level = self_result.total, self_result.level_code
	doc.total_score = result.total
	set_levels(doc, policy, result)


def set_levels(doc, policy, result):
	"""The computed level, and the final level following it unless someone overrode it."""
	before = doc.get_doc_before_save() if not doc.is_new() else None
	follows_computed = (
		not doc.final_level
		or before is None
		or (doc.final_level == before.final_level and before.final_level == before.computed_level)
	)
	doc.computed_level = result.level_code
	if follows_computed:
		doc.final_level = result.level_code
	if doc.final_level == doc.computed_level:
		doc.override_reason = None
	# the Standing Committee approved it above a forced level: the quarter and the year follow it
	doc.forced_level_lifted = int(bool(doc.not_completed_forced and doc.final_level != doc.computed_level))
	band = policy.band(doc.final_level)
	doc.final_level_label = band.level_label if band else None
	doc.reasons = "\n".join(r.text(_) for r in result.reasons) or None


def require_level_reason(doc) -> None:
	"""A classification's final level other than its proposal needs its reason (`level_reason`): a
	cadre's and a unit's alike."""
	if doc.final_level != doc.proposed_level and not (doc.level_reason or "").strip():
		frappe.throw(
			_("{0} {1} differs from the proposed level {2}: enter the {3}.").format(
				frappe.bold(_("Final Level")),
				frappe.bold(doc.final_level),
				frappe.bold(doc.proposed_level),
				frappe.bold(_("Reason for a Different Level")),
			),
			title=_("Missing Value"),
			exc=frappe.MandatoryError,
		)


def check_level_of_policy(policy, policy_name: str, level: str) -> None:
	"""Refuse a `Final Level` that is not one of the policy's levels (an evaluation's or a
	classification's), naming the levels it may be."""
	if policy.band(level):
		return
	frappe.throw(
		_("{0} {1} is not a level of policy {2}; use one of {3}.").format(
			frappe.bold(_("Final Level")),
			frappe.bold(level),
			policy_name,
			", ".join(b.level_code for b in policy.bands),
		),
		title=_("Invalid Level"),
	)
