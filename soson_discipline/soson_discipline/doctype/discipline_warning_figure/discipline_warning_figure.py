# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class DisciplineWarningFigure(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		measure: DF.Literal[
			"Rated Level",
			"Late Products (%)",
			"On-Time Share (%)",
			"Late Tasks",
			"Violation",
			"Periodic Report Late",
			"Dissemination Late",
			"Same Level (%)",
			"Self-Assessments Unchanged (%)",
			"Unit Average Score",
			"Leader's Level",
		]
		month: DF.Date | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		reference: DF.Data | None
		value: DF.Float
	# end: auto-generated types
	pass
