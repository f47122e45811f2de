# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""The Standing Committee's conclusion (Kết luận / Thông báo kết luận) on a periodic report: issuing
it (submit) turns each point into an Assigned Task for its owner unit and cadre, traced back to the
point; the owners are told."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from soson_discipline.campaign.products import validate_product_for_unit
from soson_discipline.early_warning.actions import forget_conclusion, record_conclusion
from soson_discipline.followup.conclusions import cancel_point_tasks, create_point_tasks, notify_point_owners
from soson_discipline.org import get_subtree_units, validate_unit_valid_on
from soson_discipline.states import CADRE_ACTIVE


class StandingCommitteeConclusion(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from soson_discipline.soson_discipline.doctype.standing_committee_conclusion_point.standing_committee_conclusion_point import (
			StandingCommitteeConclusionPoint,
		)

		amended_from: DF.Link | None
		conclusion_date: DF.Date
		content: DF.TextEditor | None
		directive: DF.Link | None
		document_kind: DF.Literal["Conclusion", "Conclusion Notice"]
		document_number: DF.Data | None
		issuing_unit: DF.Link
		periodic_report: DF.Link | None
		points: DF.Table[StandingCommitteeConclusionPoint]
		recipients: DF.SmallText | None
		reported_unit: DF.Link | None
		signer_name: DF.Data | None
		signer_title: DF.Data | None
		signing_authority: DF.Data | None
		title: DF.Data
		unit_plan: DF.Link | None
	# end: auto-generated types

	def validate(self):
		self.set_from_report()
		self.validate_report()
		self.validate_points()

	def on_submit(self):
		create_point_tasks(self)
		notify_point_owners(self)
		record_conclusion(self)

	def on_cancel(self):
		cancel_point_tasks(self)
		forget_conclusion(self)

	# ----------------------------------------------------------------------------------------------
	# validate steps
	# ----------------------------------------------------------------------------------------------

	def set_from_report(self):
		"""The plan, directive and reporting unit come from the report concluded on."""
		if not self.periodic_report:
			self.reported_unit = None
			return
		report = frappe.db.get_value(
			"Periodic Report",
			self.periodic_report,
			["organization_unit", "unit_plan", "directive", "docstatus"],
			as_dict=True,
		)
		self.reported_unit = report.organization_unit
		self.unit_plan = self.unit_plan or report.unit_plan
		self.directive = self.directive or report.directive
		self._report_docstatus = report.docstatus

	def validate_report(self):
		if self.periodic_report and self._report_docstatus != 1:
			frappe.throw(
				_("The Standing Committee concludes on a submitted report; {0} is not submitted.").format(
					frappe.bold(self.periodic_report)
				),
				title=_("Report Not Submitted"),
			)
		if self.unit_plan and not self.directive:
			self.directive = frappe.db.get_value("Unit Plan", self.unit_plan, "directive")

	def validate_points(self):
		if not self.points:
			frappe.throw(_("Add at least one point to conclude."), title=_("Missing Value"))
		for point in self.points:
			if point.work_product_type:
				validate_product_for_unit(
					point.work_product_type,
					point.owner_unit,
					_("Product Type in point {0}").format(point.idx),
				)
			if point.due_date and getdate(point.due_date) < getdate(self.conclusion_date):
				frappe.throw(
					_("Point {0}: the due date cannot be before the conclusion date.").format(point.idx),
					title=_("Invalid Dates"),
				)
			validate_unit_valid_on(point.owner_unit, self.conclusion_date, _("Owner Unit"))
			if point.owner_cadre:
				self.validate_owner_cadre(point)

	def validate_owner_cadre(self, point):
		cadre = frappe.db.get_value(
			"Cadre", point.owner_cadre, ["full_name", "status", "organization_unit"], as_dict=True
		)
		if cadre.status != CADRE_ACTIVE or cadre.organization_unit not in get_subtree_units(point.owner_unit):
			frappe.throw(
				_("Point {0}: {1} is not an active cadre of {2} or a unit below it.").format(
					point.idx, frappe.bold(cadre.full_name), frappe.bold(point.owner_unit)
				),
				title=_("Invalid Owner"),
			)
