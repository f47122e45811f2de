# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""Evaluation Policy: the versioned scoring rules (criteria, levels, quota, penalties).

The rules themselves live in the framework-free :mod:`soson_discipline.scoring` package; this
controller turns the document into a :class:`soson_discipline.scoring.Policy`
(:meth:`EvaluationPolicy.get_scoring_policy`) and refuses documents that policy would reject.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder.functions import Coalesce
from frappe.utils import cint, flt, format_date, getdate, today

from soson_discipline import scoring
from soson_discipline.evaluation.inputs import (
	approved_use_of_policy,
	cadre_categories,
	categories_outside_their_text,
	category_lines,
)
from soson_discipline.scoring import policy as rules

# Which part of the form a scoring problem is about (the others name their field themselves).
CRITERIA_PROBLEMS = {
	rules.P_NO_CRITERIA,
	rules.P_CRITERION_KEY,
	rules.P_DUPLICATE_CRITERION,
	rules.P_CRITERION_GROUP,
	rules.P_CRITERION_SOURCE,
	rules.P_CRITERION_POINTS,
	rules.P_TASK_SOURCE_GROUP,
	rules.P_BONUS_SOURCE,
	rules.P_CRITERIA_TOTAL,
}
BAND_PROBLEMS = {
	rules.P_NO_BANDS,
	rules.P_BAND_CODE,
	rules.P_DUPLICATE_BAND,
	rules.P_BAND_SCORE,
	rules.P_BANDS_ORDER,
	rules.P_BANDS_COVER,
	rules.P_LEVEL_MISSING,
	rules.P_TOP_NOT_HIGHEST,
	rules.P_GOOD_REQUIRED,
	rules.P_GOOD_ABOVE_TOP,
}
# The level flags of the Levels table: (fieldname, label, required exactly once?)
LEVEL_FLAGS = (
	("is_top_level", "Top Level (Quota)", True),
	("is_not_completed_level", "Not Completed Level", True),
	("is_good_level", "Good Level", False),
)


class EvaluationPolicy(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from soson_discipline.soson_discipline.doctype.evaluation_policy_band.evaluation_policy_band import (
			EvaluationPolicyBand,
		)
		from soson_discipline.soson_discipline.doctype.evaluation_policy_criterion.evaluation_policy_criterion import (
			EvaluationPolicyCriterion,
		)

		bands: DF.Table[EvaluationPolicyBand]
		cadre_category: DF.Literal["", "Cadre", "Civil Servant", "Public Employee", "Worker"]
		criteria: DF.Table[EvaluationPolicyCriterion]
		description: DF.Text | None
		disabled: DF.Check
		effective_from: DF.Date
		effective_to: DF.Date | None
		failed_penalty_percent: DF.Percent
		late_penalty_percent: DF.Percent
		leader_unit_factor: DF.Check
		leave_months_below_good: DF.Int
		max_violation_deduction: DF.Float
		min_months_worked: DF.Int
		no_task_rule: DF.Literal["Scored by the Rater", "Full Points"]
		not_completed_on_discipline: DF.Check
		penalty_rule: DF.Literal["Per-Product Penalty", "Progress Ratio"]
		period_type: DF.Literal["Monthly", "Quarterly"]
		policy_name: DF.Data
		q4_with_year: DF.Check
		quota_base: DF.Literal["All Rated", "Rated Good", "Rated Good or Better"]
		quota_percent: DF.Percent
		quota_period: DF.Literal["Each Period", "Year's Classification"]
		task_result_method: DF.Literal["Separate Criteria", "Average of Ratios", "Product of Ratios"]
		total_points: DF.Float
	# end: auto-generated types

	def validate(self):
		self.sort_bands()
		self.validate_effective_dates()
		self.validate_level_flags()
		self.validate_scoring_rules()
		self.validate_no_overlap()
		self.validate_rules_kept_once_approved()
		self.validate_governed_categories()
		self.total_points = self.get_scoring_policy().max_total

	def onload(self):
		"""The categories this policy scores today though its text does not govern them (issue 22
		item 9): the form says so, so that it is the office's choice and not an accident."""
		self.set_onload(
			"outside_text",
			[row for row in categories_outside_their_text(today()) if row.policy == self.name],
		)

	def validate_governed_categories(self):
		lines = category_lines(self.governed_categories)
		known = cadre_categories()
		for line in lines:
			if line not in known:
				frappe.throw(
					_("{0}: {1} is not a cadre category; use one of {2}, one a line.").format(
						frappe.bold(_("Categories Its Text Governs")),
						frappe.bold(line),
						", ".join(known),
					),
					title=_("Invalid Value"),
				)
		self.governed_categories = "\n".join(lines) or None

	def sort_bands(self):
		"""List the levels from the highest minimum score down, whatever order they were entered in."""
		self.bands.sort(key=lambda band: -flt(band.min_score))
		for idx, band in enumerate(self.bands, 1):
			band.idx = idx

	def validate_effective_dates(self):
		if self.effective_to and getdate(self.effective_to) < getdate(self.effective_from):
			frappe.throw(
				_("{0} cannot be before {1}.").format(
					frappe.bold(_(self.meta.get_label("effective_to"))),
					frappe.bold(_(self.meta.get_label("effective_from"))),
				),
				title=_("Invalid Dates"),
			)

	def validate_level_flags(self):
		"""Exactly one top level and one not-completed level; at most one good level."""
		for fieldname, label, required in LEVEL_FLAGS:
			flagged = [band for band in self.bands if cint(band.get(fieldname))]
			if len(flagged) > 1 or (required and not flagged):
				frappe.throw(
					_("Tick {0} on exactly one row of {1}; it is ticked on {2} rows.").format(
						frappe.bold(_(label)), frappe.bold(_("Levels")), len(flagged)
					),
					title=_("Invalid Levels"),
				)

	def validate_scoring_rules(self):
		problems = self.get_scoring_policy().validate()
		if not problems:
			return
		lines = []
		for problem in problems:
			text = problem.text(_)
			if problem.message in CRITERIA_PROBLEMS:
				text = f"{frappe.bold(_('Criteria'))}: {text}"
			elif problem.message in BAND_PROBLEMS:
				text = f"{frappe.bold(_('Levels'))}: {text}"
			lines.append(text)
		frappe.throw("<br>".join(lines), title=_("Invalid Evaluation Policy"))

	def validate_rules_kept_once_approved(self):
		"""Once an approved evaluation was scored by the policy, its rules are those of that approval:
		criteria, points, levels and their labels, quota and penalties no longer change (else approved
		prints and annual results would silently change), and its dates keep covering those periods.
		Its name, description, whether it is disabled and a later end date may still be edited; new
		rules go in a new policy (Duplicate) effective from the next period."""
		before = None if self.is_new() else self.get_doc_before_save()
		if not before:
			return
		use = approved_use_of_policy(self.name)
		if not use.evaluations:
			return
		if (
			before.get_scoring_policy() != self.get_scoring_policy()
			or before.period_type != self.period_type
			or cint(before.q4_with_year) != cint(self.q4_with_year)
		):
			frappe.throw(
				_(
					"{0} scored {1} approved evaluations: its criteria, levels, quota and penalties can no longer change, so that those evaluations keep the rules they were approved under. Set {2} on it and create a new policy (Duplicate) effective from the next period."
				).format(
					frappe.bold(self.policy_name or self.name),
					use.evaluations,
					frappe.bold(_(self.meta.get_label("effective_to"))),
				),
				title=_("Policy in Use"),
			)
		from_day, to_day = getdate(self.effective_from), self.effective_to and getdate(self.effective_to)
		if from_day > getdate(use.first_day) or (to_day and to_day < getdate(use.last_day)):
			frappe.throw(
				_(
					"{0} scored approved evaluations from {1} to {2}: its dates must keep covering those periods."
				).format(
					frappe.bold(self.policy_name or self.name),
					format_date(use.first_day),
					format_date(use.last_day),
				),
				title=_("Policy in Use"),
			)

	def validate_no_overlap(self):
		"""Two enabled policies of the same period type for the same cadres (the same category, or
		both for every category) may not be in force on the same day."""
		if self.disabled:
			return
		policy = frappe.qb.DocType("Evaluation Policy")
		query = (
			frappe.qb.from_(policy)
			.select(policy.name, policy.effective_from, policy.effective_to)
			.where(
				(policy.disabled == 0)
				& (policy.period_type == self.period_type)
				& (Coalesce(policy.cadre_category, "") == (self.cadre_category or ""))
				& (policy.name != (self.name or ""))
			)
		)
		for other in query.run(as_dict=True):
			if scoring.periods_overlap(
				getdate(self.effective_from),
				getdate(self.effective_to) if self.effective_to else None,
				getdate(other.effective_from),
				getdate(other.effective_to) if other.effective_to else None,
			):
				frappe.throw(
					_(
						"Policy {0} is also in force between these dates. Change {1} or {2}, or disable one of them."
					).format(
						frappe.bold(other.name),
						frappe.bold(_(self.meta.get_label("effective_from"))),
						frappe.bold(_(self.meta.get_label("effective_to"))),
					),
					title=_("Overlapping Evaluation Policies"),
				)

	def get_scoring_policy(self) -> scoring.Policy:
		"""The policy as plain data for :func:`soson_discipline.scoring.evaluate` and friends."""

		def flagged(fieldname):
			return next((band.level_code for band in self.bands if cint(band.get(fieldname))), None)

		return scoring.Policy(
			criteria=tuple(
				scoring.Criterion(
					key=(row.criterion or "").strip(),
					group=row.criterion_group,
					max_points=flt(row.max_points),
					source=row.source or scoring.SOURCE_MANUAL,
					label=row.criterion,
					default_points=flt(row.default_points) or None,
				)
				for row in self.criteria
			),
			bands=tuple(
				scoring.Band(
					level_code=(band.level_code or "").strip(),
					level_label=band.level_label,
					min_score=flt(band.min_score),
					min_on_time_percent=flt(band.min_on_time_percent) or None,
					min_quality_percent=flt(band.min_quality_percent) or None,
					min_exceeded_percent=flt(band.min_exceeded_percent) or None,
					max_late_percent=flt(band.max_late_percent) or None,
				)
				for band in sorted(self.bands, key=lambda band: -flt(band.min_score))
			),
			quota_percent=flt(self.quota_percent),
			quota_base=self.quota_base,
			late_penalty_percent=flt(self.late_penalty_percent),
			failed_penalty_percent=flt(self.failed_penalty_percent),
			not_completed_on_discipline=bool(cint(self.not_completed_on_discipline)),
			top_level_code=flagged("is_top_level") or "",
			not_completed_level_code=flagged("is_not_completed_level") or "",
			good_level_code=flagged("is_good_level"),
			max_violation_deduction=flt(self.max_violation_deduction) or None,
			task_result_method=self.task_result_method or scoring.METHOD_SEPARATE,
			no_task_rule=self.no_task_rule or scoring.NO_TASKS_RATER,
			penalty_rule=self.penalty_rule or scoring.PENALTY_PER_PRODUCT,
			leader_unit_factor=bool(cint(self.leader_unit_factor)),
			quota_period=self.quota_period or scoring.QUOTA_EACH_PERIOD,
			min_months_worked=cint(self.min_months_worked),
			leave_months_below_good=cint(self.leave_months_below_good),
		)
