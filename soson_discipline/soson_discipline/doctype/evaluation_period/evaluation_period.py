# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""An evaluation period (a month or a quarter) of one Evaluation Policy: its dates and title, its status
moving forward until it is finalized (every evaluation approved, quota kept, then locked), and the
form's buttons. Creating its evaluations and the daily cycle live in `soson_discipline.evaluation`."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count
from frappe.utils import format_date, getdate, now_datetime

from soson_discipline.evaluation.cycle import finalization_problems
from soson_discipline.evaluation.generation import enqueue_generation
from soson_discipline.permissions import is_presiding
from soson_discipline.reporting.filters import apply_scope
from soson_discipline.scoring.periods import month_bounds, period_bounds, periods_overlap
from soson_discipline.states import PERIOD_FINALIZED


class EvaluationPeriod(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		evaluation_policy: DF.Link
		finalized_by: DF.Link | None
		finalized_on: DF.Datetime | None
		period_end: DF.Date
		period_start: DF.Date
		period_type: DF.Literal["Monthly", "Quarterly"]
		status: DF.Literal["Open", "Self-Assessment", "Rating", "Approval", "Finalized"]
		title: DF.Data | None
	# end: auto-generated types

	def validate(self):
		self.validate_dates()
		self.validate_overlap()
		self.set_title()
		self.validate_status()

	def on_update(self):
		if self.status == PERIOD_FINALIZED and self.has_value_changed("status"):
			self.lock_evaluations()

	def validate_dates(self):
		if getdate(self.period_end) < getdate(self.period_start):
			frappe.throw(
				_("{0} cannot be before {1}.").format(
					frappe.bold(_("Period End")), frappe.bold(_("Period Start"))
				),
				title=_("Invalid Dates"),
			)

	def validate_overlap(self):
		ep = DocType("Evaluation Period")
		others = (
			frappe.qb.from_(ep)
			.select(ep.name, ep.title, ep.period_start, ep.period_end)
			.where(
				(ep.evaluation_policy == self.evaluation_policy)
				& (ep.name != (self.name or ""))
				& (ep.period_start <= getdate(self.period_end))
				& (ep.period_end >= getdate(self.period_start))
			)
			.run(as_dict=True)
		)
		for other in others:
			if periods_overlap(
				getdate(self.period_start), getdate(self.period_end), other.period_start, other.period_end
			):
				frappe.throw(
					_("This period overlaps {0} ({1} to {2}) of the same policy {3}.").format(
						frappe.bold(other.title or other.name),
						format_date(other.period_start),
						format_date(other.period_end),
						frappe.bold(self.evaluation_policy),
					),
					title=_("Overlapping Period"),
				)

	def set_title(self):
		"""The month or quarter; with the policy's name when it scores one cadre category (that
		month then has a period for each policy in force)."""
		self.title = period_title(getdate(self.period_start), getdate(self.period_end))
		policy = frappe.db.get_value(
			"Evaluation Policy", self.evaluation_policy, ["policy_name", "cadre_category"], as_dict=True
		)
		if policy and policy.cadre_category:
			self.title = f"{self.title} – {policy.policy_name}"

	def validate_status(self):
		before = self.get_doc_before_save()
		old = before.status if before else None
		if old == PERIOD_FINALIZED and self.status != PERIOD_FINALIZED:
			frappe.throw(_("A finalized period cannot be reopened."), title=_("Period Finalized"))
		if self.status == PERIOD_FINALIZED and old != PERIOD_FINALIZED:
			problems = self.finalization_problems()
			if problems:
				frappe.throw(
					_("{0} cannot be finalized:").format(frappe.bold(self.title))
					+ "<br>"
					+ "<br>".join(problems),
					title=_("Cannot Finalize"),
				)
			self.finalized_on = now_datetime()
			self.finalized_by = frappe.session.user

	def finalization_problems(self) -> list[str]:
		"""Why the period cannot be finalized yet (see `evaluation.cycle.finalization_problems`)."""
		return finalization_problems(self)

	def lock_evaluations(self):
		ce = DocType("Cadre Evaluation")
		frappe.qb.update(ce).set(ce.locked, 1).where(
			(ce.evaluation_period == self.name) & (ce.docstatus == 1)
		).run()

	@frappe.whitelist()
	def create_evaluations(self):
		"""Button "Create Evaluations": an evaluation for every active cadre who has none yet."""
		self.check_permission("write")
		if not is_presiding():
			frappe.throw(
				_("Only the presiding board can create the evaluations of a period."), frappe.PermissionError
			)
		if self.status == PERIOD_FINALIZED:
			frappe.throw(_("The period is finalized."), title=_("Period Finalized"))
		enqueue_generation(self.name)
		return _("Evaluations are being created in the background.")

	@frappe.whitelist()
	def finalize(self):
		"""Button "Finalize": same as setting the status to Finalized and saving."""
		self.check_permission("write")
		self.status = PERIOD_FINALIZED
		self.save()
		return self.status

	@frappe.whitelist()
	def get_progress(self) -> dict:
		"""Evaluations of the period by workflow state (for the form's dashboard), counting only the
		evaluations the user may see: all of them for the presiding board, his or her own and those of
		his or her units for anyone else (the row scope of `permissions.SCOPES`)."""
		self.check_permission("read")
		if not frappe.has_permission("Cadre Evaluation", "read"):
			return {}
		ce = DocType("Cadre Evaluation")
		query = (
			frappe.qb.from_(ce)
			.select(ce.workflow_state, Count("*").as_("count"))
			.where((ce.evaluation_period == self.name) & (ce.docstatus < 2))
			.groupby(ce.workflow_state)
		)
		rows = apply_scope(query, "Cadre Evaluation").run(as_dict=True)
		return {r.workflow_state or "Draft": r.count for r in rows}


def period_title(start, end) -> str:
	"""Vietnamese title of a period: "Tháng 11/2026", "Quý 4/2026", else the two dates."""
	if (start, end) == month_bounds(start):
		return _("Month {0}/{1}", lang="vi").format(f"{start.month:02d}", start.year)
	if (start, end) == period_bounds(start, "Quarterly"):
		return _("Quarter {0}/{1}", lang="vi").format((start.month - 1) // 3 + 1, start.year)
	return f"{start:%d/%m/%Y} - {end:%d/%m/%Y}"
