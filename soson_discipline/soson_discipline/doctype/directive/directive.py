# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class Directive(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		attachment: DF.Attach | None
		document_number: DF.Data
		issue_date: DF.Date
		issuing_unit: DF.Link
		signer: DF.Data | None
		signer_title: DF.Data | None
		status: DF.Literal["In Force", "Superseded", "Expired"]
		summary: DF.TextEditor | None
		superseded_by: DF.Link | None
		title: DF.SmallText
	# end: auto-generated types

	def validate(self):
		self.document_number = (self.document_number or "").strip()
		self.validate_duplicate_number()
		self.validate_superseded_by()

	def validate_duplicate_number(self):
		"""The same number and symbol may recur in another year, never twice by one unit in one year."""
		year = frappe.utils.getdate(self.issue_date).year
		directive = frappe.qb.DocType("Directive")
		duplicate = (
			frappe.qb.from_(directive)
			.select(directive.name)
			.where(
				(directive.document_number == self.document_number)
				& (directive.issuing_unit == self.issuing_unit)
				& (directive.name != self.name)
				& (directive.issue_date[f"{year}-01-01" : f"{year}-12-31"])
			)
			.run(pluck=True)
		)
		if duplicate:
			frappe.throw(
				_("{0} {1} was already used by {2} in {3} ({4}).").format(
					frappe.bold(_("Document Number")),
					frappe.bold(self.document_number),
					self.issuing_unit,
					year,
					duplicate[0],
				),
				title=_("Duplicate Document Number"),
				exc=frappe.DuplicateEntryError,
			)

	def validate_superseded_by(self):
		if self.status != "Superseded":
			self.superseded_by = None
			return
		if not self.superseded_by:
			frappe.throw(
				_("{0} is required when the directive is superseded.").format(
					frappe.bold(_("Superseded By"))
				),
				title=_("Missing Value"),
			)
		if self.superseded_by == self.name:
			frappe.throw(
				_("A directive cannot supersede itself ({0}).").format(frappe.bold(_("Superseded By"))),
				title=_("Invalid Value"),
			)
