# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""Unit Classification: a unit classified as a collective for the year (issue 29). The figures, the
score and the proposed level are worked out in `soson_discipline.evaluation.unit_classification`
from the unit's records at every save of the draft (what the client sends for them is not kept); the
proposer enters the general criteria and, where he or she decides otherwise, the final level with its
reason; the level above approves (submits) it."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder import DocType
from frappe.utils import cint, getdate, now_datetime, today

from soson_discipline.evaluation import unit_classification as rules
from soson_discipline.evaluation.classification import rework_classifications
from soson_discipline.notifications import notify
from soson_discipline.org import get_unit_head_users, get_user_cadre
from soson_discipline.permissions import can_approve_unit_classification


class UnitClassification(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amended_from: DF.Link | None
		approved_by: DF.Link | None
		approved_by_name: DF.Data | None
		approved_on: DF.Datetime | None
		discipline_detail: DF.SmallText | None
		disciplined_leaders: DF.Int
		disciplined_units: DF.Int
		evaluation_policy: DF.Link | None
		exceeded_percent: DF.Percent
		final_level: DF.Data | None
		final_level_label: DF.Data | None
		general_assessment: DF.SmallText | None
		general_maximum: DF.Float
		general_points: DF.Float
		head_cadre: DF.Link | None
		head_name: DF.Data | None
		inspections: DF.Int
		late_percent: DF.Percent
		level_reason: DF.SmallText | None
		members_classified: DF.Int
		members_completed: DF.Int
		members_good: DF.Int
		members_good_percent: DF.Percent
		members_not_completed: DF.Int
		members_top: DF.Int
		on_time_percent: DF.Percent
		organization_unit: DF.Link
		period_end: DF.Date | None
		period_start: DF.Date | None
		proposed_level: DF.Data | None
		proposed_level_label: DF.Data | None
		reasons: DF.SmallText | None
		task_points: DF.Float
		tasks_assigned: DF.Float
		tasks_completed: DF.Float
		tasks_exceeded: DF.Float
		tasks_failed: DF.Float
		tasks_late: DF.Float
		tasks_on_time: DF.Float
		total_score: DF.Float
		violations: DF.Int
		year: DF.Int
	# end: auto-generated types

	def validate(self):
		self.validate_year()
		self.validate_duplicate()
		rules.work_out(self)
		self.follow_proposal()
		rules.validate_final_level(self)

	def follow_proposal(self):
		"""A final level nobody chose follows the proposal as the figures change (or the policy)."""
		before = self.get_doc_before_save()
		if before is None:
			return
		untouched = self.final_level == before.final_level == before.proposed_level
		if untouched or self.evaluation_policy != before.evaluation_policy:
			self.final_level = None

	def onload(self):
		self.set_onload("can_approve", bool(self.docstatus == 0 and can_approve_unit_classification(self)))

	def before_submit(self):
		if not can_approve_unit_classification(self):
			frappe.throw(
				_(
					"A unit's classification is approved by the level above it: the heads of the unit above {0}, or the Standing Committee; never by a head of the unit itself."
				).format(frappe.bold(self.organization_unit)),
				title=_("Not Allowed"),
				exc=frappe.PermissionError,
			)
		approver = get_user_cadre()
		self.approved_by = approver.name if approver else None
		self.approved_on = now_datetime()

	def on_submit(self):
		self.follow_head()
		self.tell(
			lambda lang: _("The classification of {0} for {1} was approved: {2}.", lang=lang).format(
				self.organization_unit, self.year, _(self.final_level_label or self.final_level, lang=lang)
			)
		)

	def on_cancel(self):
		self.follow_head()

	# ------------------------------------------------------------------------------------------

	def validate_year(self):
		"""A year that has begun, in which the unit existed."""
		year = cint(self.year)
		if not 2000 <= year <= getdate(today()).year:
			frappe.throw(
				_("{0} must be a year that has begun, between 2000 and {1}: {2}.").format(
					frappe.bold(_("Year")), getdate(today()).year, self.year
				),
				title=_("Invalid Value"),
				exc=rules.UnitClassificationError,
			)
		unit = frappe.db.get_value(
			"Organization Unit", self.organization_unit, ["valid_from", "valid_to"], as_dict=True
		)
		if unit and (
			(unit.valid_from and getdate(unit.valid_from).year > year)
			or (unit.valid_to and getdate(unit.valid_to).year < year)
		):
			frappe.throw(
				_("{0} did not exist in {1}.").format(frappe.bold(self.organization_unit), year),
				title=_("Unit Not Valid on Date"),
				exc=rules.UnitClassificationError,
			)

	def validate_duplicate(self):
		"""One classification of a unit for a year (a cancelled one aside)."""
		uc = DocType(rules.UNIT_CLASSIFICATION)
		other = (
			frappe.qb.from_(uc)
			.select(uc.name)
			.where(
				(uc.organization_unit == self.organization_unit)
				& (uc.year == cint(self.year))
				& (uc.docstatus < 2)
				& (uc.name != (self.name or ""))
			)
			.limit(1)
			.run(pluck=True)
		)
		if other:
			frappe.throw(
				_("{0} is already classified for {1}: {2}.").format(
					frappe.bold(self.organization_unit), self.year, frappe.bold(other[0])
				),
				title=_("Duplicate Classification"),
				exc=frappe.DuplicateEntryError,
			)

	def follow_head(self):
		"""The head's draft year classification is worked out again (held to the unit's level, or no
		longer); an approved one gets a note for the Standing Committee."""
		if self.head_cadre:
			rework_classifications(self.head_cadre, [self.period_end], self.approved_note)

	def approved_note(self, classification) -> str:
		return _(
			"The classification {0} of the unit {1} for {2} changed after this classification was approved: the Standing Committee decides whether to reconsider it."
		).format(self.name, self.organization_unit, self.year)

	def tell(self, subject):
		"""The heads of the unit and whoever proposed it."""
		users = get_unit_head_users(self.organization_unit, climb=False) | {self.owner}
		notify(sorted(users - {frappe.session.user}), subject, self.doctype, self.name)
