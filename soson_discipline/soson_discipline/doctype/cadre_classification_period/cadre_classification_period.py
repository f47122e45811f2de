# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""One approved evaluation counted in a Cadre Classification."""

from frappe.model.document import Document


class CadreClassificationPeriod(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		cadre_evaluation: DF.Link | None
		evaluation_period: DF.Link | None
		final_level: DF.Data | None
		final_level_label: DF.Data | None
		forced_level_lifted: DF.Check
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		period_start: DF.Date | None
		total_score: DF.Float
	# end: auto-generated types

	pass
