# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""A cadre's quarter or year classification; the rules live in
`soson_discipline.evaluation.classification`."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from soson_discipline.evaluation import appeals, classification
from soson_discipline.org import get_user_cadre


class CadreClassification(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from soson_discipline.soson_discipline.doctype.cadre_classification_period.cadre_classification_period import (
			CadreClassificationPeriod,
		)

		amended_from: DF.Link | None
		appeal: DF.Link | None
		approved_by: DF.Link | None
		approved_on: DF.Datetime | None
		average_score: DF.Float
		cadre: DF.Link
		cadre_name: DF.Data | None
		cadre_user: DF.Link | None
		classification_type: DF.Literal["Year", "Quarter"]
		disciplined: DF.Check
		evaluation_policy: DF.Link | None
		final_level: DF.Data | None
		final_level_label: DF.Data | None
		is_leader: DF.Check
		level_reason: DF.SmallText | None
		organization_unit: DF.Link | None
		period_end: DF.Date | None
		period_start: DF.Date | None
		periods: DF.Table[CadreClassificationPeriod]
		periods_counted: DF.Int
		proposed_level: DF.Data | None
		proposed_level_label: DF.Data | None
		quarter: DF.Literal["", "1", "2", "3", "4"]
		quota_note: DF.SmallText | None
		reasons: DF.SmallText | None
		workflow_state: DF.Link | None
		year: DF.Int
	# end: auto-generated types

	def validate(self):
		self.check_span()
		self.set_cadre_details()
		classification.validate_duplicate(self)
		self.work_out()
		classification.validate_final_level(self)
		classification.check_pool_quota(self)

	def submit(self):
		"""An approval takes its quota pool's lock before the save locks anything
		(`classification.lock_pool`): racing approvals of a pool go one after the other."""
		if self.organization_unit:
			classification.lock_pool(self)
		return super().submit()

	def before_update_after_submit(self):
		"""The appeal is linked by the app (`evaluation.appeals`), never by a save."""
		if before := self.get_doc_before_save():
			self.appeal = before.appeal

	def onload(self):
		self.set_onload("appeal", appeals.appeal_info(self))

	def before_submit(self):
		self.approved_on = now_datetime()
		approver = get_user_cadre()
		self.approved_by = approver.name if approver else None

	def check_span(self):
		self.classification_type, self.year, quarter = classification.parse_span(
			self.classification_type, self.get("year"), self.quarter
		)
		self.quarter = str(quarter) if quarter else ""

	def set_cadre_details(self):
		cadre = frappe.db.get_value("Cadre", self.cadre, list(classification.CADRE_FIELDS), as_dict=True)
		if not cadre:
			frappe.throw(
				_("{0} {1} does not exist.").format(frappe.bold(_("Cadre")), self.cadre),
				exc=frappe.LinkValidationError,
			)
		classification.set_cadre_details(self, cadre)

	def work_out(self):
		"""Recounted at each save of a draft and at approval: an evaluation approved or cancelled since
		shows up (a changed proposal then needs the level confirmed, with a reason where it differs)."""
		if self.docstatus == 0 or self._action == "submit":
			classification.work_out(self)
