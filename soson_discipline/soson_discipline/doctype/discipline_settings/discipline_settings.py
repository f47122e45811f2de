# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from soson_discipline.scoring.signals import SETTING_PREFIX, Thresholds, setting_maximum


class DisciplineSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		announce_levels_to_members: DF.Check
		appeal_days: DF.Int
		approval_due_day: DF.Int
		approve_heads_after_their_units: DF.Check
		default_evaluation_policy: DF.Link | None
		presiding_unit: DF.Link | None
		rating_due_day: DF.Int
		reminder_lead_days: DF.Int
		self_assessment_due_day: DF.Int
		standing_committee_unit: DF.Link | None
		urge_presiding_after_days: DF.Int
		urge_unit_head_after_days: DF.Int
		warning_late_reporting_times: DF.Int
		warning_lateness_months: DF.Int
		warning_lateness_percent: DF.Percent
		warning_leader_months: DF.Int
		warning_min_unit_evaluations: DF.Int
		warning_min_unit_tasks: DF.Int
		warning_not_completed_consecutive: DF.Int
		warning_not_completed_of_six: DF.Int
		warning_slipping_months: DF.Int
		warning_unchanged_percent: DF.Percent
		warning_uniform_months: DF.Int
		warning_uniform_percent: DF.Percent
		warning_violation_repeats: DF.Int
		warning_violation_window_months: DF.Int
	# end: auto-generated types

	def validate(self):
		self.validate_warning_thresholds()
		self.validate_appeal_days()

	def validate_warning_thresholds(self):
		"""Early-warning thresholds (issue 28): whole numbers of at least 1 (months at most a year),
		shares above 0 and at most 100 %; an empty one falls back to its default."""
		for name, default in Thresholds().__dict__.items():
			fieldname = SETTING_PREFIX + name
			value = self.get(fieldname)
			if value in (None, ""):
				continue
			label = frappe.bold(_(self.meta.get_label(fieldname)))
			if isinstance(default, float):
				if not 0 < flt(value) <= 100:
					frappe.throw(
						_("{0} must be above 0 and at most 100.").format(label), title=_("Invalid Value")
					)
				continue
			most = setting_maximum(name)
			if value < 1 or (most and value > most):
				frappe.throw(
					_("{0} must be a whole number from 1 to {1}.").format(label, most)
					if most
					else _("{0} must be a whole number of at least 1.").format(label),
					title=_("Invalid Value"),
				)

	def validate_appeal_days(self):
		"""Days to appeal an approved result (issue 29): a whole number from 1 to 366; empty falls back
		to the default."""
		if self.appeal_days in (None, ""):
			return
		if not 1 <= self.appeal_days <= 366:
			frappe.throw(
				_("{0} must be a whole number from 1 to {1}.").format(
					frappe.bold(_(self.meta.get_label("appeal_days"))), 366
				),
				title=_("Invalid Value"),
			)
