# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class CadreResponsibleUnit(Document):
	"""A unit whose field a leader (a deputy head) is responsible for: the unit criterion of his or
	her evaluation counts its results (Decree 335/2025: deputies are evaluated within the fields
	assigned to them), and Decree 335's case 4(d) reaches him or her when it is dealt with for
	corruption or waste."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		field_of_work: DF.Data | None
		organization_unit: DF.Link
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		unit_name: DF.Data | None
	# end: auto-generated types
	pass
