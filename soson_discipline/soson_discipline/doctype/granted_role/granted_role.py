# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class GrantedRole(Document):
	"""A role the app granted (soson_discipline.roles); only the app writes these records."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		has_role: DF.Data | None
		role: DF.Link
		user: DF.Link
	# end: auto-generated types

	pass
