# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt

from soson_discipline.org import validate_unit_valid_on


class DisseminationSession(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from soson_discipline.soson_discipline.doctype.dissemination_audience.dissemination_audience import (
			DisseminationAudience,
		)

		audiences: DF.Table[DisseminationAudience]
		chaired_by: DF.Link | None
		content: DF.SmallText | None
		directive: DF.Link | None
		form: DF.Literal["Conference", "Online Conference", "Study Group", "Document Distribution", "Other"]
		location: DF.Data | None
		minutes: DF.Attach | None
		organization_unit: DF.Link
		participation_rate: DF.Percent
		session_date: DF.Date
		subject: DF.Data
		total_attended: DF.Int
		total_expected: DF.Int
		unit_plan: DF.Link | None
	# end: auto-generated types

	def validate(self):
		validate_unit_valid_on(self.organization_unit, self.session_date, _("Organization Unit"))
		self.set_directive_from_plan()
		self.validate_audiences()
		self.set_totals()

	def set_directive_from_plan(self):
		if self.unit_plan and not self.directive:
			self.directive = frappe.db.get_value("Unit Plan", self.unit_plan, "directive")

	def validate_audiences(self):
		seen = set()
		for row in self.audiences:
			if row.audience_group in seen:
				frappe.throw(
					_("Row {0}: {1} {2} is listed twice.").format(
						row.idx, frappe.bold(_("Audience Group")), _(row.audience_group)
					),
					title=_("Duplicate Audience"),
				)
			seen.add(row.audience_group)
			if cint(row.expected) < 0 or cint(row.attended) < 0:
				frappe.throw(
					_("Row {0}: {1} and {2} cannot be negative.").format(
						row.idx, frappe.bold(_("Expected")), frappe.bold(_("Attended"))
					),
					title=_("Invalid Attendance"),
				)
			if cint(row.attended) > cint(row.expected):
				frappe.throw(
					_("Row {0}: {1} ({2}) cannot exceed {3} ({4}) for {5}.").format(
						row.idx,
						frappe.bold(_("Attended")),
						cint(row.attended),
						frappe.bold(_("Expected")),
						cint(row.expected),
						_(row.audience_group),
					),
					title=_("Invalid Attendance"),
				)
			row.participation_rate = participation_rate(row.attended, row.expected)

	def set_totals(self):
		self.total_expected = sum(cint(r.expected) for r in self.audiences)
		self.total_attended = sum(cint(r.attended) for r in self.audiences)
		self.participation_rate = participation_rate(self.total_attended, self.total_expected)


def participation_rate(attended, expected) -> float:
	"""Attended as a percentage of expected (0 when nobody was expected)."""
	return flt(100.0 * cint(attended) / cint(expected), 1) if cint(expected) else 0.0
