# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""Cadre Leave: a cadre's dated, legitimate absence (maternity, sickness, training), the time not
worked that Decree 335/2025's timing article cl. 3 leaves out of the year and Decree 90/2020 Art. 2
cl. 3 (as amended by Decree 48/2023) counts. The rules are in `soson_discipline.evaluation.leave`."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder import DocType
from frappe.utils import date_diff, getdate

from soson_discipline.evaluation.classification import rework_classifications
from soson_discipline.evaluation.leave import LEAVE, mark_evaluations
from soson_discipline.evaluation.year_results import write_results


class CadreLeave(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amended_from: DF.Link | None
		cadre: DF.Link
		cadre_name: DF.Data | None
		days: DF.Int
		decision: DF.Attach | None
		from_date: DF.Date
		leave_application: DF.Data | None
		leave_type: DF.Literal["Maternity Leave", "Sick Leave", "Study or Training", "Other Legitimate Leave"]
		organization_unit: DF.Link | None
		reason: DF.SmallText | None
		to_date: DF.Date
	# end: auto-generated types

	def validate(self):
		self.validate_dates()
		self.validate_no_overlap()
		self.days = date_diff(self.to_date, self.from_date) + 1

	def on_submit(self):
		self.recount()

	def on_cancel(self):
		self.recount()

	def validate_dates(self):
		if getdate(self.to_date) < getdate(self.from_date):
			frappe.throw(
				_("{0} ({1}) cannot be before {2} ({3}).").format(
					frappe.bold(_("To Date")),
					frappe.format(self.to_date, "Date"),
					frappe.bold(_("From Date")),
					frappe.format(self.from_date, "Date"),
				),
				title=_("Invalid Dates"),
			)

	def validate_no_overlap(self):
		"""One leave a day: another leave of the cadre, not cancelled, may not overlap this one."""
		leave = DocType(LEAVE)
		other = (
			frappe.qb.from_(leave)
			.select(leave.name, leave.from_date, leave.to_date)
			.where(
				(leave.cadre == self.cadre)
				& (leave.docstatus < 2)
				& (leave.name != (self.name or ""))
				& (leave.from_date <= getdate(self.to_date))
				& (leave.to_date >= getdate(self.from_date))
			)
			.limit(1)
			.run(as_dict=True)
		)
		if other:
			frappe.throw(
				_("{0} already has leave {1} from {2} to {3}, which overlaps these dates.").format(
					frappe.bold(self.cadre_name or self.cadre),
					frappe.bold(other[0].name),
					frappe.format(other[0].from_date, "Date"),
					frappe.format(other[0].to_date, "Date"),
				),
				title=_("Overlapping Leave"),
			)

	def recount(self):
		"""The cadre's evaluations in these dates are marked again, their years counted again and the
		draft classifications of the spans they touch worked out again."""
		for year, cadre in sorted(mark_evaluations([self.cadre], self.from_date, self.to_date)):
			write_results(year, [cadre])
		rework_classifications(self.cadre, [self.from_date, self.to_date], self.approved_note)

	def approved_note(self, classification) -> str:
		return _(
			"Leave {0} of {1} ({2} to {3}) changed after this classification was approved: the year's results count it; the Standing Committee decides whether to reconsider this classification."
		).format(
			self.name,
			classification.cadre_name,
			frappe.format(self.from_date, "Date"),
			frappe.format(self.to_date, "Date"),
		)
