# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""Work Product Type: one product of the catalogue of converted products (Decree 335/2025 Art. 14).

Which unit uses which product, and a task's converted weight, are in
`soson_discipline.campaign.products`."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from soson_discipline.campaign.products import can_edit_catalogue
from soson_discipline.guards import is_system_write
from soson_discipline.utils.hygiene import shown


class WorkProductType(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		conversion_factor: DF.Float
		description: DF.SmallText | None
		disabled: DF.Check
		job_position: DF.Data | None
		organization_unit: DF.Link | None
		product_name: DF.Data
		unit_of_measure: DF.Data | None
	# end: auto-generated types

	def validate(self):
		self.product_name = " ".join((self.product_name or "").split())
		self.job_position = " ".join((self.job_position or "").split()) or None
		self.validate_conversion_factor()
		self.validate_editor()
		self.validate_unique_product()

	def validate_conversion_factor(self):
		if flt(self.conversion_factor) <= 0:
			frappe.throw(
				_("{0} must be greater than zero (entered: {1}).").format(
					frappe.bold(_("Conversion Factor")), shown(self.conversion_factor)
				),
				title=_("Invalid Conversion Factor"),
			)

	def validate_editor(self):
		"""The shared catalogue is the presiding bodies'; a Unit Head keeps his or her units' own,
		before and after the change."""
		if is_system_write(self):
			return
		before = self.get_doc_before_save()
		units = {self.organization_unit, before.organization_unit if before else self.organization_unit}
		if all(can_edit_catalogue(unit) for unit in units):
			return
		frappe.throw(
			_(
				"Only the presiding board keeps the shared catalogue; a unit head keeps the products of {0} of the units he or she heads."
			).format(frappe.bold(_("Organization Unit"))),
			title=_("Not Permitted"),
			exc=frappe.PermissionError,
		)

	def validate_unique_product(self):
		"""A catalogue names a product once (for the same job position)."""
		other = frappe.db.get_value(
			"Work Product Type",
			{
				"product_name": self.product_name,
				"organization_unit": self.organization_unit or ("is", "not set"),
				"job_position": self.job_position or ("is", "not set"),
				"name": ("!=", self.name),
			},
			"name",
		)
		if other:
			frappe.throw(
				_("{0} {1} is already in this catalogue as {2}.").format(
					frappe.bold(_("Product Name")), frappe.bold(self.product_name), other
				),
				title=_("Duplicate Product"),
				exc=frappe.DuplicateEntryError,
			)
