# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""A cadre's appeal against an approved evaluation or classification (khiếu nại, issue 29): Draft →
Open (filed: submitted, by the cadre, within the deadline) → Upheld / Changed (decided by the level
above the one that approved), or Withdrawn by the cadre while open. The rules and the amendment of
the record are in `soson_discipline.evaluation.appeals`."""

import frappe
from frappe import _
from frappe.model.document import Document

from soson_discipline.evaluation import appeals
from soson_discipline.org import get_cadre_user
from soson_discipline.states import APPEAL_DRAFT
from soson_discipline.utils.changes import changed_fields

# What the appeal copies from the record it is about, whatever was sent.
COMPUTED_FIELDS = (
	"cadre",
	"cadre_name",
	"organization_unit",
	"period_label",
	"period_start",
	"period_end",
	"evaluation_policy",
	"approved_level",
	"approved_level_label",
	"approved_score",
	"approved_by",
	"approved_on",
	"deadline",
	"deciding_body",
	"deciding_unit",
	"appeal_key",
)
# Changed only by filing, deciding or withdrawing.
STEP_FIELDS = (
	"status",
	"appeal_date",
	"decision",
	"decided_level",
	"decided_level_label",
	"decided_score",
	"decision_reason",
	"decided_by",
	"decided_on",
	"withdrawn_on",
)


class EvaluationAppeal(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		appeal_date: DF.Date | None
		appeal_key: DF.Data | None
		approved_by: DF.Link | None
		approved_level: DF.Data | None
		approved_level_label: DF.Data | None
		approved_on: DF.Date | None
		approved_score: DF.Float
		cadre: DF.Link | None
		cadre_classification: DF.Link | None
		cadre_evaluation: DF.Link | None
		cadre_name: DF.Data | None
		deadline: DF.Date | None
		decided_by: DF.Link | None
		decided_level: DF.Data | None
		decided_level_label: DF.Data | None
		decided_on: DF.Datetime | None
		decided_score: DF.Float
		deciding_body: DF.Literal["Heads of the Unit Above", "Standing Committee"]
		deciding_unit: DF.Link | None
		decision: DF.Literal["", "Upheld", "Changed"]
		decision_reason: DF.SmallText | None
		evaluation_policy: DF.Link | None
		organization_unit: DF.Link | None
		period_end: DF.Date | None
		period_label: DF.Data | None
		period_start: DF.Date | None
		reasons: DF.SmallText
		requested_level: DF.Data | None
		status: DF.Literal["Draft", "Open", "Upheld", "Changed", "Withdrawn"]
		withdrawn_on: DF.Datetime | None
	# end: auto-generated types

	def validate(self):
		self.check_hand_changes()
		appeals.prepare(self)

	def before_submit(self):
		appeals.file(self)

	def on_submit(self):
		appeals.after_filing(self)

	def before_update_after_submit(self):
		self.check_hand_changes()

	def before_cancel(self):
		frappe.throw(
			_("A filed appeal is not cancelled: it is decided, or withdrawn by the cadre."),
			title=_("Not Allowed"),
		)

	def onload(self):
		self.set_onload("can_decide", self.docstatus == 1 and appeals.can_decide(self))
		self.set_onload("policy_levels", self.policy_levels())
		self.set_onload("appellant_user", get_cadre_user(self.cadre))

	def policy_levels(self) -> list[str]:
		if not self.evaluation_policy:
			return []
		policy = appeals.get_scoring_policy(self.evaluation_policy)
		return [band.level_code for band in policy.sorted_bands()]

	def check_hand_changes(self):
		"""The steps' fields are not typed in (the API included): filing, deciding and withdrawing set
		them; the record's details are copied from it at every draft save."""
		if self.flags.appeal_step:
			return
		if self.docstatus == 0:
			typed = [f for f in STEP_FIELDS if f != "status" and self.get(f)]
			if (self.status or APPEAL_DRAFT) != APPEAL_DRAFT:
				typed.insert(0, "status")
			self.status = APPEAL_DRAFT
		else:
			typed = changed_fields(self, STEP_FIELDS) if self.get_doc_before_save() else []
		if typed:
			frappe.throw(
				_("{0}: set only by filing, deciding or withdrawing the appeal.").format(
					", ".join(frappe.bold(_(self.meta.get_label(f))) for f in typed)
				),
				frappe.PermissionError,
				title=_("Not Allowed"),
			)

	# ----------------------------------------------------------------------------------------------
	# steps
	# ----------------------------------------------------------------------------------------------

	@frappe.whitelist()
	def decide(
		self, decision: str, reason: str, level: str | None = None, score: float | None = None
	) -> None:
		appeals.decide(self, decision, reason, level, score)

	@frappe.whitelist()
	def withdraw(self) -> None:
		appeals.withdraw(self)
