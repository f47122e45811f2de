# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""Monthly (or quarterly) evaluation of one cadre: scores, task figures, violations, levels, workflow.

The numbers come from the scoring package (`soson_discipline.scoring`) only: this controller gathers
the inputs (the policy's criteria, the cadre's task figures, the verified violations of the period and
the manual scores) and stores what `scoring.evaluate` returns. Until approval the figures, total and
levels are recomputed on every save; an approved evaluation is submitted and no longer changes.

Who may do what (checked here, server-side, whatever the client sends):
- the cadre himself enters `self_score` (Draft/Returned) and self-assesses;
- his rater (the Cadre in `rater`, never the cadre himself) enters `rater_score` and rates or returns;
- a Unit Head whose unit subtree holds the evaluation's unit approves (the Standing Committee for a
  leader's evaluation), may set `final_score` and override the level with a reason, or return.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder import DocType
from frappe.utils import flt, getdate, now_datetime

from soson_discipline.permissions import get_user_cadre, get_user_units
from soson_discipline.scoring import (
	DISCIPLINE_OUTCOMES,
	SOURCE_MANUAL,
	EvaluationInput,
	PolicyError,
	ScoreError,
	TaskFigures,
	evaluate,
)

# Violation Record states that count: verified and not dismissed.
VERIFIED_VIOLATION_STATES = ("Verified", "Correction Required", "Corrected", "Closed")
SELF_STATES = ("Draft", "Returned")
OPEN_STATES = ("Draft", "Returned", "Self-Assessed", "Rated")
PROTECTED_FIELDS = ("organization_unit", "approver", "self_assessed_on", "rated_on", "approved_on", "locked")
SCORE_LABELS = {"self_score": "Self Score", "rater_score": "Rater Score", "final_score": "Final Score"}


class EvaluationRuleError(frappe.PermissionError):
	"""A workflow step or an edit the session user may not make on this evaluation."""


class CadreEvaluation(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from soson_discipline.soson_discipline.doctype.cadre_evaluation_score.cadre_evaluation_score import (
			CadreEvaluationScore,
		)

		amended_from: DF.Link | None
		approved_on: DF.Datetime | None
		approver: DF.Link | None
		cadre: DF.Link
		cadre_name: DF.Data | None
		cadre_user: DF.Link | None
		computed_level: DF.Data | None
		discipline_outcome: DF.Data | None
		evaluation_key: DF.Data | None
		evaluation_period: DF.Link
		evaluation_policy: DF.Link | None
		final_level: DF.Data | None
		final_level_label: DF.Data | None
		is_leader: DF.Check
		locked: DF.Check
		not_completed_forced: DF.Check
		organization_unit: DF.Link | None
		override_reason: DF.SmallText | None
		period_end: DF.Date | None
		period_start: DF.Date | None
		rated_on: DF.Datetime | None
		rater: DF.Link | None
		rater_user: DF.Link | None
		reasons: DF.SmallText | None
		return_reason: DF.SmallText | None
		scores: DF.Table[CadreEvaluationScore]
		self_assessed_on: DF.Datetime | None
		self_level: DF.Data | None
		self_total: DF.Float
		tasks_assigned: DF.Float
		tasks_completed: DF.Float
		tasks_failed: DF.Float
		tasks_late: DF.Float
		tasks_on_time: DF.Float
		total_score: DF.Float
		violation_deduction: DF.Float
		workflow_state: DF.Link | None
	# end: auto-generated types

	# ------------------------------------------------------------------------------------------
	# Validation
	# ------------------------------------------------------------------------------------------

	def validate(self):
		self.validate_period_not_finalized()
		self.keep_recorded_fields()
		self.set_cadre_details()
		self.validate_duplicate()
		self.sync_score_rows()
		self.validate_scores()
		self.validate_score_rights()
		self.apply_transition()
		self.compute()
		self.validate_final_level()

	def before_cancel(self):
		self.validate_period_not_finalized()

	def on_cancel(self):
		# Free the cadre/period key so an amended evaluation can take its place.
		self.db_set("evaluation_key", self.name, update_modified=False)

	@property
	def privileged(self) -> bool:
		"""System saves (generation, refresh after a violation) and the Administrator skip the
		per-person rules; every other user is held to them."""
		return bool(self.flags.ignore_evaluation_rules) or frappe.session.user == "Administrator"

	def get_period(self) -> frappe._dict:
		return frappe.db.get_value(
			"Evaluation Period",
			self.evaluation_period,
			["name", "title", "period_start", "period_end", "evaluation_policy", "status"],
			as_dict=True,
		)

	def validate_period_not_finalized(self):
		if self.locked or (self.get_period() or {}).get("status") == "Finalized":
			frappe.throw(
				_("{0} {1} is finalized: its evaluations can no longer be changed.").format(
					_("Evaluation Period"), frappe.bold(self.evaluation_period)
				),
				title=_("Period Finalized"),
			)

	def keep_recorded_fields(self):
		"""Fields the workflow records (who approved, when, the unit) cannot be set through the API."""
		before = self.get_doc_before_save()
		if self.is_new() or not before or self.privileged:
			return
		for fieldname in PROTECTED_FIELDS:
			self.set(fieldname, before.get(fieldname))

	def set_cadre_details(self):
		period = self.get_period()
		self.period_start, self.period_end = period.period_start, period.period_end
		self.evaluation_policy = period.evaluation_policy
		cadre = frappe.db.get_value(
			"Cadre",
			self.cadre,
			["full_name", "user", "is_leader", "organization_unit", "rater"],
			as_dict=True,
		)
		self.cadre_name, self.cadre_user, self.is_leader = cadre.full_name, cadre.user, cadre.is_leader
		if not self.organization_unit:
			self.organization_unit = cadre.organization_unit
		if (self.workflow_state or "Draft") in ("Draft", "Returned", "Self-Assessed") or not self.rater:
			# The rater is whoever assigns the cadre's work now; fixed once the evaluation is rated.
			self.rater = cadre.rater
		self.rater_user = frappe.db.get_value("Cadre", self.rater, "user") if self.rater else None
		self.evaluation_key = evaluation_key(self.evaluation_period, self.cadre)

	def validate_duplicate(self):
		ce = DocType("Cadre Evaluation")
		other = (
			frappe.qb.from_(ce)
			.select(ce.name)
			.where(
				(ce.cadre == self.cadre)
				& (ce.evaluation_period == self.evaluation_period)
				& (ce.docstatus < 2)
				& (ce.name != (self.name or ""))
			)
			.run(pluck=True)
		)
		if other:
			frappe.throw(
				_("{0} already has an evaluation for {1}: {2}.").format(
					frappe.bold(self.cadre_name), frappe.bold(self.evaluation_period), other[0]
				),
				title=_("Duplicate Evaluation"),
				exc=frappe.DuplicateEntryError,
			)

	def sync_score_rows(self):
		"""One row per criterion of the policy, in the policy's order (kept in step until approval)."""
		self.scores = build_score_rows(self, get_policy_criteria(self.evaluation_policy), self.scores)

	def validate_scores(self):
		for row in self.scores:
			for fieldname, label in SCORE_LABELS.items():
				value = flt(row.get(fieldname))
				if value < 0 or value > flt(row.max_points):
					frappe.throw(
						_("Row {0}: the {1} of criterion {2} must be between 0 and {3}, not {4}.").format(
							row.idx, _(label), frappe.bold(row.criterion), flt(row.max_points), value
						),
						title=_("Invalid Score"),
					)

	# ------------------------------------------------------------------------------------------
	# Who may change what
	# ------------------------------------------------------------------------------------------

	def validate_score_rights(self):
		before = self.get_doc_before_save()
		if self.is_new() or not before or self.privileged:
			return
		state = before.workflow_state or "Draft"
		old_rows = {r.criterion: r for r in before.scores}
		for row in self.scores:
			if not self.is_rated_by_people(row):
				continue
			old = old_rows.get(row.criterion)
			for fieldname in SCORE_LABELS:
				if old is not None and flt(row.get(fieldname)) == flt(old.get(fieldname)):
					continue
				if fieldname == "self_score":
					self.check_is_cadre(state, _("enter the self-assessment"))
				elif fieldname == "rater_score":
					self.check_is_rater(state, ("Self-Assessed",), _("enter the rater's scores"))
				elif state in ("Draft", "Returned", "Self-Assessed"):
					continue  # final scores follow the self or rater scores until the evaluation is rated
				else:
					self.check_is_approver(state, ("Rated",), _("set the final scores"))
		if (self.final_level or "") != (before.final_level or "") or (self.override_reason or "") != (
			before.override_reason or ""
		):
			if state == "Self-Assessed":
				self.check_is_rater(state, ("Self-Assessed",), _("override the level"))
			else:
				self.check_is_approver(state, ("Rated",), _("override the level"))

	def refuse(self, message: str):
		frappe.throw(message, title=_("Not Allowed"), exc=EvaluationRuleError)

	def check_state(self, state: str, allowed: tuple, action: str):
		if state not in allowed:
			self.refuse(
				_("You cannot {0} while the evaluation is {1}.").format(action, frappe.bold(_(state)))
			)

	def check_is_cadre(self, state: str, action: str):
		self.check_state(state, SELF_STATES, action)
		if not self.cadre_user or frappe.session.user != self.cadre_user:
			self.refuse(
				_("Only {0} himself or herself can {1}.").format(frappe.bold(self.cadre_name), action)
			)

	def check_is_rater(self, state: str, allowed: tuple, action: str) -> frappe._dict:
		self.check_state(state, allowed, action)
		me = get_user_cadre()
		if me and me.name == self.cadre:
			self.refuse(_("A cadre cannot rate his or her own evaluation."))
		if not me or not self.rater or me.name != self.rater:
			rater_name = frappe.db.get_value("Cadre", self.rater, "full_name") if self.rater else _("nobody")
			self.refuse(
				_("Only the rater of {0} ({1}) can {2}.").format(
					frappe.bold(self.cadre_name), rater_name, action
				)
			)
		return me

	def check_is_approver(self, state: str, allowed: tuple, action: str) -> frappe._dict | None:
		self.check_state(state, allowed, action)
		me = get_user_cadre()
		if me and me.name == self.cadre:
			self.refuse(_("A cadre cannot approve his or her own evaluation."))
		roles = frappe.get_roles()
		if self.is_leader:
			if "Standing Committee" not in roles:
				self.refuse(
					_("{0} is a leader: only the Standing Committee can {1}.").format(
						frappe.bold(self.cadre_name), action
					)
				)
		elif "Unit Head" not in roles or self.organization_unit not in get_user_units():
			self.refuse(
				_("Only the head of {0} or of a unit above it can {1}.").format(
					frappe.bold(self.organization_unit), action
				)
			)
		return me

	def apply_transition(self):
		"""Checks and side effects of a change of `workflow_state` (by the workflow or through the API)."""
		before = self.get_doc_before_save()
		old = (before.workflow_state if before else None) or "Draft"
		new = self.workflow_state or "Draft"
		self.workflow_state = new
		if self.is_new() or not before:
			if new != "Draft" and not self.privileged:
				self.refuse(_("A new evaluation starts as {0}.").format(frappe.bold(_("Draft"))))
			return
		if old == new:
			return
		if new == "Self-Assessed":
			if not self.privileged:
				self.check_is_cadre(old, _("self-assess"))
			self.self_assessed_on = now_datetime()
			self.return_reason = None
			for row in self.manual_rows():
				row.rater_score = row.self_score  # the rater starts from the cadre's proposal
		elif new == "Rated":
			if not self.privileged:
				self.check_is_rater(old, ("Self-Assessed",), _("rate"))
			self.rated_on = now_datetime()
			for row in self.manual_rows():
				row.final_score = row.rater_score
		elif new == "Returned":
			if not self.privileged:
				if old == "Rated":
					self.check_is_approver(old, ("Rated",), _("return the evaluation"))
				else:
					self.check_is_rater(old, ("Self-Assessed",), _("return the evaluation"))
			if not (self.return_reason or "").strip():
				frappe.throw(
					_("Enter the {0} before returning the evaluation to the cadre.").format(
						frappe.bold(_("Return Reason"))
					),
					title=_("Missing Value"),
					exc=frappe.MandatoryError,
				)
		elif new == "Approved":
			approver = None
			if not self.privileged:
				approver = self.check_is_approver(old, ("Rated",), _("approve"))
			else:
				approver = get_user_cadre()
			self.approver = approver.name if approver else self.approver
			self.approved_on = now_datetime()

	def manual_rows(self):
		"""The rows people score (the cadre proposes, the rater rates)."""
		return [row for row in self.scores if self.is_rated_by_people(row)]

	def is_rated_by_people(self, row) -> bool:
		"""Manual criteria, and the task criteria of a period with no task assigned when the policy has
		the rater score them (`Evaluation Policy.no_task_rule`)."""
		if row.source == SOURCE_MANUAL:
			return True
		policy = get_scoring_policy(self.evaluation_policy)
		criterion = policy.criterion(row.criterion)
		return bool(criterion) and policy.is_rated_by_people(criterion, flt(self.tasks_assigned))

	def onload(self):
		self.set_onload("rated_by_people", [row.criterion for row in self.manual_rows()])

	# ------------------------------------------------------------------------------------------
	# Scores and levels
	# ------------------------------------------------------------------------------------------

	def compute(self):
		tasks = get_task_figures_for(self.cadre, self.period_start, self.period_end)
		violations = get_violation_figures(self.period_start, self.period_end, [self.cadre]).get(self.cadre)
		compute_evaluation(self, get_scoring_policy(self.evaluation_policy), tasks, violations)

	def validate_final_level(self):
		if not self.final_level or self.final_level == self.computed_level:
			return
		policy = get_scoring_policy(self.evaluation_policy)
		if not policy.band(self.final_level):
			frappe.throw(
				_("{0} {1} is not a level of policy {2}; use one of {3}.").format(
					frappe.bold(_("Final Level")),
					frappe.bold(self.final_level),
					self.evaluation_policy,
					", ".join(b.level_code for b in policy.bands),
				),
				title=_("Invalid Level"),
			)
		if not (self.override_reason or "").strip():
			frappe.throw(
				_("{0} {1} differs from the computed level {2}: enter an {3}.").format(
					frappe.bold(_("Final Level")),
					frappe.bold(self.final_level),
					frappe.bold(self.computed_level),
					frappe.bold(_("Override Reason")),
				),
				title=_("Override Reason Required"),
				exc=frappe.MandatoryError,
			)


# ----------------------------------------------------------------------------------------------
# Shared by the form, the bulk generation and the refresh after a violation
# ----------------------------------------------------------------------------------------------


def evaluation_key(period: str, cadre: str) -> str:
	"""The unique key of a live evaluation (an evaluation's name once it is cancelled)."""
	return f"{period}:{cadre}"


def get_scoring_policy(policy_name: str):
	"""The `scoring.Policy` of an Evaluation Policy."""
	return frappe.get_cached_doc("Evaluation Policy", policy_name).get_scoring_policy()


def get_policy_criteria(policy_name: str) -> list[frappe._dict]:
	"""The criteria rows of an Evaluation Policy, in order."""
	return [
		frappe._dict(
			criterion=row.criterion,
			criterion_group=row.criterion_group,
			max_points=flt(row.max_points),
			source=row.source or SOURCE_MANUAL,
		)
		for row in frappe.get_cached_doc("Evaluation Policy", policy_name).criteria
	]


def build_score_rows(doc, criteria: list, existing=()) -> list:
	"""Score rows of `doc` for `criteria`, keeping the scores already entered for each criterion."""
	by_criterion = {row.criterion: row for row in existing or []}
	rows = []
	for c in criteria:
		row = by_criterion.get(c.criterion)
		if row is None:
			row = doc.append("scores", {"criterion": c.criterion})
		row.update({"criterion_group": c.criterion_group, "max_points": c.max_points, "source": c.source})
		rows.append(row)
	for idx, row in enumerate(rows, 1):
		row.idx = idx
	return rows


def get_task_figures_for(cadre: str, start, end) -> TaskFigures:
	"""The cadre's weighted task figures of the period (from Assigned Task)."""
	from soson_discipline.soson_discipline.doctype.assigned_task.assigned_task import get_task_figures

	figures = get_task_figures(cadre, getdate(start), getdate(end)) or {}
	return TaskFigures(
		**{k: flt(figures.get(k)) for k in ("assigned", "completed", "on_time", "late", "failed")}
	)


def get_violation_figures(start, end, cadres: list[str] | None = None) -> dict[str, frappe._dict]:
	"""Per cadre: the deduction, whether a category forces "not completed", and the heaviest
	discipline outcome, from the verified (not dismissed) Violation Records detected in the period."""
	vr = DocType("Violation Record")
	vc = DocType("Violation Category")
	query = (
		frappe.qb.from_(vr)
		.left_join(vc)
		.on(vc.name == vr.violation_category)
		.select(vr.cadre, vc.default_deduction, vc.forces_not_completed, vr.discipline_outcome)
		.where(
			(vr.detected_on >= getdate(start))
			& (vr.detected_on <= getdate(end))
			& (vr.workflow_state.isin(VERIFIED_VIOLATION_STATES))
			& (vr.docstatus != 2)
		)
	)
	if cadres is not None:
		if not cadres:
			return {}
		query = query.where(vr.cadre.isin(cadres))
	figures: dict[str, frappe._dict] = {}
	for row in query.run(as_dict=True):
		f = figures.setdefault(row.cadre, frappe._dict(deduction=0.0, forced=False, outcome=None))
		f.deduction += flt(row.default_deduction)
		f.forced = f.forced or bool(row.forces_not_completed)
		if row.discipline_outcome in DISCIPLINE_OUTCOMES and (
			f.outcome is None
			or DISCIPLINE_OUTCOMES.index(row.discipline_outcome) > DISCIPLINE_OUTCOMES.index(f.outcome)
		):
			f.outcome = row.discipline_outcome
	return figures


def compute_evaluation(doc, policy, tasks: TaskFigures, violations: frappe._dict | None):
	"""Fill `doc` (a Cadre Evaluation, saved or not) from `scoring.evaluate`: computed criteria,
	totals, levels and reasons. The one place where an evaluation's numbers are set."""
	violations = violations or frappe._dict(deduction=0.0, forced=False, outcome=None)
	state = doc.workflow_state or "Draft"
	self_scores, final_scores = {}, {}
	rated = {c.key for c in policy.criteria if policy.is_rated_by_people(c, tasks.assigned)}
	for row in doc.scores:
		if row.criterion not in rated:
			continue
		if state in SELF_STATES:
			row.final_score = row.self_score
		elif state == "Self-Assessed":
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
	doc.tasks_late, doc.tasks_failed = tasks.late, tasks.failed
	doc.violation_deduction = flt(violations.deduction)
	doc.discipline_outcome = violations.outcome
	doc.not_completed_forced = int(result.not_completed_forced)
	doc.self_total, doc.self_level = self_result.total, self_result.level_code
	doc.total_score = result.total

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
	band = policy.band(doc.final_level)
	doc.final_level_label = band.level_label if band else None
	doc.reasons = "\n".join(r.text(_) for r in result.reasons) or None


def refresh_evaluations_for_cadre(cadre: str, date) -> list[str]:
	"""Recompute the not-yet-approved evaluation(s) of `cadre` whose period holds `date` (called when a
	violation record of the cadre changes). Saves keep the version history. Returns their names."""
	ce = DocType("Cadre Evaluation")
	ep = DocType("Evaluation Period")
	date = getdate(date)
	names = (
		frappe.qb.from_(ce)
		.join(ep)
		.on(ep.name == ce.evaluation_period)
		.select(ce.name)
		.where(
			(ce.cadre == cadre)
			& (ce.docstatus == 0)
			& (ep.period_start <= date)
			& (ep.period_end >= date)
			& (ep.status != "Finalized")
		)
		.run(pluck=True)
	)
	for name in names:
		doc = frappe.get_doc("Cadre Evaluation", name)
		doc.flags.ignore_evaluation_rules = True
		doc.flags.ignore_permissions = True
		doc.save(ignore_version=False)  # keep the history, even when called from tests
	return names
