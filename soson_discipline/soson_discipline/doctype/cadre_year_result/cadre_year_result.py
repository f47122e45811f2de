# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""A cadre's year of approved evaluations, kept by `soson_discipline.evaluation.year_results`."""

from frappe.model.document import Document


class CadreYearResult(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		average_score: DF.Float
		cadre: DF.Link | None
		cadre_name: DF.Data | None
		disciplined: DF.Check
		evaluation_policy: DF.Link | None
		highest_score: DF.Float
		latest_period_start: DF.Date | None
		lowest_score: DF.Float
		months: DF.Int
		organization_unit: DF.Link | None
		proposed_level: DF.Data | None
		proposed_level_label: DF.Data | None
		total_score: DF.Float
		year: DF.Int
	# end: auto-generated types

	pass
