# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt


class ViolationCategory(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		category_name: DF.Data
		code: DF.Data
		default_deduction: DF.Float
		default_severity: DF.Literal["Low", "Medium", "High"]
		description: DF.SmallText | None
		directive: DF.Link | None
		disabled: DF.Check
		forces_not_completed: DF.Check
	# end: auto-generated types

	def validate(self):
		self.category_name = " ".join((self.category_name or "").split())
		self.code = (self.code or "").strip().upper()
		self.validate_deduction()
		self.validate_unique_code()

	def validate_deduction(self):
		if flt(self.default_deduction) < 0:
			frappe.throw(
				_("{0} cannot be negative; enter the points to deduct.").format(
					frappe.bold(_("Default Deduction"))
				),
				title=_("Invalid Value"),
			)

	def validate_unique_code(self):
		"""A code names one behaviour within its directive's appendix."""
		other = frappe.db.get_value(
			"Violation Category",
			{"code": self.code, "directive": self.directive or ("is", "not set"), "name": ("!=", self.name)},
			"category_name",
		)
		if other:
			frappe.throw(
				_("{0} {1} is already used by {2} in this directive.").format(
					frappe.bold(_("Code")), frappe.bold(self.code), frappe.bold(other)
				),
				title=_("Duplicate Code"),
				exc=frappe.DuplicateEntryError,
			)
