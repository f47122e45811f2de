# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""Monthly (or quarterly) evaluation of one cadre: scores, task figures, violations, levels, workflow.

The numbers come from the scoring package (`soson_discipline.scoring`) only: this controller gathers
the inputs through `soson_discipline.evaluation.inputs` and stores what
`soson_discipline.evaluation.compute.compute_evaluation` sets. Until approval the figures, total and
levels are recomputed on every save; an approved evaluation is submitted and no longer changes.

Who may take each step, and change which scores, notes and level, is `evaluation.step_rights` (on
the rights `permissions.can_self_assess`, `can_rate` and `can_approve_evaluation`); `apply_transition`
below reads each step and what it records.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder import DocType
from frappe.utils import flt, now_datetime

from soson_discipline.campaign.task_rules import task_products_of
from soson_discipline.evaluation.appeals import appeal_info
from soson_discipline.evaluation.compute import check_level_of_policy, compute_evaluation, rated_criteria
from soson_discipline.evaluation.cycle import unit_quota_so_far
from soson_discipline.evaluation.inputs import (
	build_score_rows,
	evaluation_key,
	get_policy_criteria,
	get_scoring_policy,
	task_figures_of,
	unit_result_factor,
	violation_figures_of,
)
from soson_discipline.evaluation.leaders import follow_unit_result, result_changed
from soson_discipline.evaluation.step_rights import (
	SCORE_LABELS,
	check_is_approver,
	check_is_cadre,
	check_is_rater,
	check_score_rights,
	check_unit_approved_first,
	refuse,
)
from soson_discipline.evaluation.year_results import on_evaluation_change
from soson_discipline.notifications import notify_evaluation_step
from soson_discipline.org import get_user_cadre
from soson_discipline.permissions import can_approve_evaluation, can_rate
from soson_discipline.scoring import SOURCE_MANUAL
from soson_discipline.states import (
	EVAL_APPROVED,
	EVAL_DRAFT,
	EVAL_RATED,
	EVAL_RETURNED,
	EVAL_SELF_ASSESSED,
	EVAL_SELF_STATES,
	PERIOD_FINALIZED,
)

# Fields allowed on submit that only the app writes (discipline after approval, re-approval, leave,
# the appeal).
SYSTEM_RECORDED_ON_SUBMIT = (
	"discipline_note",
	"reapproval_note",
	"on_leave",
	"leave_days",
	"leave_type",
	"appeal",
)
PROTECTED_FIELDS = ("organization_unit", "approver", "self_assessed_on", "rated_on", "approved_on", "locked")


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
		appeal: DF.Link | None
		approved_on: DF.Datetime | None
		approver: DF.Link | None
		cadre: DF.Link
		cadre_name: DF.Data | None
		cadre_user: DF.Link | None
		computed_level: DF.Data | None
		discipline_note: DF.SmallText | None
		discipline_outcome: DF.Data | None
		evaluation_key: DF.Data | None
		evaluation_period: DF.Link
		evaluation_policy: DF.Link | None
		final_level: DF.Data | None
		final_level_label: DF.Data | None
		forced_level_lifted: DF.Check
		is_leader: DF.Check
		leave_days: DF.Int
		leave_type: DF.Data | None
		locked: DF.Check
		not_completed_forced: DF.Check
		on_leave: DF.Check
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
		tasks_delays: DF.Float
		tasks_exceeded: DF.Float
		tasks_excused: DF.Float
		tasks_failed_assessments: DF.Float
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
		self._period = None  # read afresh at each save
		self.validate_period_not_finalized()
		self.keep_recorded_fields()
		self.set_cadre_details()
		self.validate_duplicate()
		self.sync_score_rows()
		self.validate_scores()
		check_score_rights(self)
		self.apply_transition()
		self.compute()
		self.validate_final_level()

	def before_cancel(self):
		self.validate_period_not_finalized()

	def on_cancel(self):
		# Free the cadre/period key so an amended evaluation can take its place.
		self.db_set("evaluation_key", self.name, update_modified=False)
		follow_unit_result(self)
		on_evaluation_change(self)

	def on_update_after_submit(self):
		on_evaluation_change(self)

	def on_trash(self):
		on_evaluation_change(self)

	def before_update_after_submit(self):
		"""What the app records on an approved evaluation (the notes, the leave) it writes itself
		(`db_set`); a save by a person never changes it."""
		before = self.get_doc_before_save()
		if before is not None and not self.privileged:
			for fieldname in SYSTEM_RECORDED_ON_SUBMIT:
				self.set(fieldname, before.get(fieldname))

	@property
	def privileged(self) -> bool:
		"""System saves (generation, refresh after a violation) and the Administrator skip the
		per-person rules; every other user is held to them."""
		return bool(self.flags.ignore_evaluation_rules) or frappe.session.user == "Administrator"

	def get_period(self) -> frappe._dict | None:
		"""The evaluation's period (read once per save, `validate` forgets it; by the query builder,
		without the field parsing of `get_value`)."""
		cached = getattr(self, "_period", None)
		if cached is not None and cached.name == self.evaluation_period:
			return cached
		ep = DocType("Evaluation Period")
		rows = (
			frappe.qb.from_(ep)
			.select(ep.name, ep.title, ep.period_start, ep.period_end, ep.evaluation_policy, ep.status)
			.where(ep.name == self.evaluation_period)
			.run(as_dict=True)
		)
		self._period = rows[0] if rows else None
		return self._period

	def validate_period_not_finalized(self):
		if self.locked or (self.get_period() or {}).get("status") == PERIOD_FINALIZED:
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
		c = DocType("Cadre")
		cadre = (
			frappe.qb.from_(c)
			.select(c.full_name, c.user, c.is_leader, c.organization_unit, c.rater)
			.where(c.name == self.cadre)
			.run(as_dict=True)[0]
		)
		self.cadre_name, self.cadre_user, self.is_leader = cadre.full_name, cadre.user, cadre.is_leader
		if not self.organization_unit:
			self.organization_unit = cadre.organization_unit
		if (self.workflow_state or EVAL_DRAFT) in (*EVAL_SELF_STATES, EVAL_SELF_ASSESSED) or not self.rater:
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

	def on_update(self):
		if self.flags.forced_level_lifted:
			self.add_comment(
				"Info",
				_("The Standing Committee set the level to {0} instead of the forced {1}: {2}").format(
					self.final_level, self.computed_level, self.override_reason
				),
			)
			self.flags.forced_level_lifted = False
		if result_changed(self):
			follow_unit_result(self)
		# Frappe runs `on_update` for a submit too: each step (the approval included) is told once,
		# from here (issue 25 item 7)
		notify_evaluation_step(self)

	def on_submit(self):
		self.warn_when_over_quota()
		# each cadre's year, kept at approval
		on_evaluation_change(self)

	def warn_when_over_quota(self):
		"""Approving a top level beyond the unit's quota is allowed (another may still be lowered) but
		said at once: the period cannot be finalized until the unit keeps its quota."""
		quota = unit_quota_so_far(self.evaluation_period, self.organization_unit, self.evaluation_policy)
		if quota["ok"] or self.final_level != quota["top_level"]:
			return
		frappe.msgprint(
			quota["message"] + " " + _("The period cannot be finalized until the unit keeps its quota."),
			title=_("Top-Level Quota Exceeded"),
			indicator="orange",
		)

	def apply_transition(self):
		"""Checks and side effects of a change of `workflow_state` (by the workflow or through the API)."""
		before = self.get_doc_before_save()
		old = (before.workflow_state if before else None) or EVAL_DRAFT
		new = self.workflow_state or EVAL_DRAFT
		self.workflow_state = new
		if self.is_new() or not before:
			if new != EVAL_DRAFT and not self.privileged:
				refuse(self, _("A new evaluation starts as {0}.").format(frappe.bold(_("Draft"))))
			return
		if old == new:
			return
		if new == EVAL_SELF_ASSESSED:
			if not self.privileged:
				check_is_cadre(self, old, _("self-assess"))
			self.self_assessed_on = now_datetime()
			self.return_reason = None
			for row in self.manual_rows():
				row.rater_score = row.self_score  # the rater starts from the cadre's proposal
		elif new == EVAL_RATED:
			if not self.privileged:
				check_is_rater(self, old, (EVAL_SELF_ASSESSED,), _("rate"))
			self.rated_on = now_datetime()
			for row in self.manual_rows():
				row.final_score = row.rater_score
		elif new == EVAL_RETURNED:
			if not self.privileged:
				if old == EVAL_RATED:
					check_is_approver(self, old, (EVAL_RATED,), _("return the evaluation"))
				else:
					check_is_rater(self, old, (EVAL_SELF_ASSESSED,), _("return the evaluation"))
			if not (self.return_reason or "").strip():
				frappe.throw(
					_("Enter the {0} before returning the evaluation to the cadre.").format(
						frappe.bold(_("Return Reason"))
					),
					title=_("Missing Value"),
					exc=frappe.MandatoryError,
				)
		elif new == EVAL_APPROVED:
			if not self.privileged:
				check_is_approver(self, old, (EVAL_RATED,), _("approve"))
				check_unit_approved_first(self)
			approver = get_user_cadre()
			self.approver = approver.name if approver else self.approver
			self.approved_on = now_datetime()

	def manual_rows(self):
		"""The rows people score (see `evaluation.compute.rated_criteria`)."""
		rated = rated_criteria(get_scoring_policy(self.evaluation_policy), flt(self.tasks_assigned))
		return [row for row in self.scores if row.source == SOURCE_MANUAL or row.criterion in rated]

	def onload(self):
		self.set_onload("rated_by_people", [row.criterion for row in self.manual_rows()])
		self.set_onload("task_products", task_products_of(self))
		self.set_onload("appeal", appeal_info(self))
		if (
			self.docstatus == 0
			and self.organization_unit
			and (can_rate(self) or can_approve_evaluation(self))
		):
			self.set_onload(
				"unit_quota",
				unit_quota_so_far(self.evaluation_period, self.organization_unit, self.evaluation_policy),
			)

	# ------------------------------------------------------------------------------------------
	# Scores and levels
	# ------------------------------------------------------------------------------------------

	def compute(self):
		tasks = task_figures_of(self.cadre, self.period_start, self.period_end)
		violations = violation_figures_of(self.cadre, self.period_start, self.period_end)
		policy = get_scoring_policy(self.evaluation_policy)
		compute_evaluation(self, policy, tasks, violations, unit_result_factor(self, policy))

	def validate_final_level(self):
		if not self.final_level or self.final_level == self.computed_level:
			return
		policy = get_scoring_policy(self.evaluation_policy)
		check_level_of_policy(policy, self.evaluation_policy, self.final_level)
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
