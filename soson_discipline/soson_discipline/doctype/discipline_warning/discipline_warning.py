# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""An early warning (cảnh báo sớm, issue 28): raised, kept up to date and noted by the daily job
(`early_warning.detection`); acknowledged, acted on and closed by the presiding board and the heads of
its unit (`early_warning.actions`). Nobody sees a warning about himself or herself."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import today

from soson_discipline.early_warning import actions
from soson_discipline.states import WARNING_ACTED_ON, WARNING_CLOSED

# What the daily job decides and nobody changes by hand.
COMPUTED_FIELDS = (
	"warning_type",
	"cadre",
	"organization_unit",
	"violation_category",
	"period_from",
	"period_to",
	"raised_on",
	"still_holds",
	"no_longer_holds_on",
	"warning_key",
)
# Changed only through an action (Acknowledge, Close, a record created or linked).
STEP_FIELDS = (
	"status",
	"acknowledged_by",
	"acknowledged_on",
	"acted_on",
	"closed_by",
	"closed_on",
	"closing_note",
	"conclusion",
)


class DisciplineWarning(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from soson_discipline.soson_discipline.doctype.discipline_warning_figure.discipline_warning_figure import (
			DisciplineWarningFigure,
		)

		acknowledged_by: DF.Link | None
		acknowledged_on: DF.Datetime | None
		acted_on: DF.Date | None
		cadre: DF.Link | None
		cadre_name: DF.Data | None
		closed_by: DF.Link | None
		closed_on: DF.Datetime | None
		closing_note: DF.SmallText | None
		conclusion: DF.Link | None
		figures: DF.Table[DisciplineWarningFigure]
		figures_digest: DF.Data | None
		inspection: DF.Link | None
		no_longer_holds_on: DF.Date | None
		open_key: DF.Data | None
		organization_unit: DF.Link
		period_from: DF.Date | None
		period_to: DF.Date | None
		raised_on: DF.Date | None
		status: DF.Literal["New", "Acknowledged", "Acted on", "Closed"]
		still_holds: DF.Check
		title: DF.Data | None
		urging: DF.Link | None
		violation_category: DF.Link | None
		violation_record: DF.Link | None
		warning_key: DF.Data | None
		warning_type: DF.Literal[
			"Repeatedly Not Completed",
			"Chronic Lateness",
			"Repeated Violation",
			"Unit Slipping",
			"Late Reporting or Dissemination",
			"Uniform Ratings",
			"Leader Out of Step",
		]
	# end: auto-generated types

	def validate(self):
		self.check_hand_changes()
		self.check_links_readable()
		self.set_status_from_links()
		self.set_title()
		self.set_open_key()

	# ----------------------------------------------------------------------------------------------
	# validate steps
	# ----------------------------------------------------------------------------------------------

	def by_hand(self) -> bool:
		"""A change a user typed (not the daily job, not an action)."""
		return not (self.flags.ignore_permissions or self.flags.warning_step)

	def check_hand_changes(self):
		"""The figures and the steps are not typed in: the job computes one, the actions take the other."""
		if self.is_new():
			if self.by_hand():
				frappe.throw(_("Early warnings are raised by the daily job only."), frappe.PermissionError)
			return
		if not self.by_hand():
			return
		before = self.get_doc_before_save()
		changed = [f for f in (*COMPUTED_FIELDS, *STEP_FIELDS) if self.has_value_changed(f)]
		if before and _figures(before) != _figures(self):
			changed.append("figures")
		if changed:
			frappe.throw(
				_("{0}: changed only by the daily job or by the warning's actions.").format(
					", ".join(frappe.bold(_(self.meta.get_label(f))) for f in changed)
				),
				title=_("Not Allowed"),
			)
		if self.status == WARNING_CLOSED and any(self.has_value_changed(f) for f in actions.ACTION_LINKS):
			frappe.throw(_("This warning is already closed."), title=_("Not Allowed"))

	def check_links_readable(self):
		"""A record linked as acting on the warning must be one the user may read."""
		if self.flags.ignore_permissions:
			return
		for field in actions.ACTION_LINKS:
			value = self.get(field)
			if value and self.has_value_changed(field):
				doctype = self.meta.get_field(field).options
				if not frappe.has_permission(doctype, "read", value):
					frappe.throw(
						_("{0}: you may not read {1}.").format(
							frappe.bold(_(self.meta.get_label(field))), value
						),
						frappe.PermissionError,
					)

	def set_status_from_links(self):
		status = actions.status_from_links(self)
		if status == WARNING_ACTED_ON and not self.acted_on:
			self.acted_on = today()
		elif status != WARNING_ACTED_ON and status != WARNING_CLOSED:
			self.acted_on = None
		self.status = status

	def set_title(self):
		self.title = self.cadre_name or frappe.db.get_value(
			"Organization Unit", self.organization_unit, "unit_name"
		)

	def set_open_key(self):
		"""One open warning per signal and subject (a unique index); a closed one frees it."""
		self.open_key = None if self.status == WARNING_CLOSED else self.warning_key

	# ----------------------------------------------------------------------------------------------
	# actions
	# ----------------------------------------------------------------------------------------------

	@frappe.whitelist()
	def acknowledge(self):
		actions.acknowledge(self)

	@frappe.whitelist()
	def close(self, note: str | None = None):
		actions.close(self, note)

	@frappe.whitelist()
	def create_urging(self) -> str:
		return actions.create_urging(self)

	@frappe.whitelist()
	def create_inspection(self) -> str:
		return actions.create_inspection(self)


def _figures(doc) -> list[tuple]:
	return [(str(r.month or ""), r.measure, r.value, r.reference or "") for r in doc.figures]
