# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

# import frappe
from frappe.model.document import Document


class PeriodicReportEvaluationFigure(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		evaluation_period: DF.Link | None
		evaluations: DF.Int
		final_level: DF.Data | None
		level_label: DF.Data | None
		organization_unit: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		percent: DF.Percent
		quota_status: DF.Literal["", "Within Quota", "Exceeded"]
	# end: auto-generated types
	pass
