# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""A unit's periodic report to the Standing Committee: figures compiled from the period's records
over a subtree of units, narrative sections, Draft → Submitted; a submitted report never changes."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model.naming import make_autoname
from frappe.utils import flt, getdate, now_datetime

from soson_discipline.org import get_subtree_units, get_user_units
from soson_discipline.permissions import is_presiding
from soson_discipline.reporting.figures import compile_figures
from soson_discipline.scoring.periods import period_bounds

FIGURE_TABLES = ("task_figures", "dissemination_figures", "evaluation_figures", "violation_figures")


class PeriodicReport(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from soson_discipline.soson_discipline.doctype.periodic_report_dissemination_figure.periodic_report_dissemination_figure import (
			PeriodicReportDisseminationFigure,
		)
		from soson_discipline.soson_discipline.doctype.periodic_report_evaluation_figure.periodic_report_evaluation_figure import (
			PeriodicReportEvaluationFigure,
		)
		from soson_discipline.soson_discipline.doctype.periodic_report_task_figure.periodic_report_task_figure import (
			PeriodicReportTaskFigure,
		)
		from soson_discipline.soson_discipline.doctype.periodic_report_violation_figure.periodic_report_violation_figure import (
			PeriodicReportViolationFigure,
		)

		amended_from: DF.Link | None
		appeals_changed: DF.Int
		appeals_decided: DF.Int
		appeals_filed: DF.Int
		causes: DF.TextEditor | None
		covered_unit: DF.Link | None
		directive: DF.Link | None
		dissemination_figures: DF.Table[PeriodicReportDisseminationFigure]
		document_number: DF.Data | None
		evaluation_figures: DF.Table[PeriodicReportEvaluationFigure]
		evaluations_approved: DF.Int
		evaluations_pending: DF.Int
		evaluations_total: DF.Int
		figures_compiled_on: DF.Datetime | None
		frequency: DF.Literal["Monthly", "Quarterly", "Half-Yearly", "Yearly"]
		inspections_held: DF.Int
		next_tasks: DF.TextEditor | None
		organization_unit: DF.Link
		participation_rate: DF.Percent
		people_expected: DF.Int
		people_reached: DF.Int
		period_end: DF.Date
		period_start: DF.Date
		proposals: DF.TextEditor | None
		quota_exceeded_units: DF.Int
		received_by: DF.Link | None
		received_on: DF.Datetime | None
		recipients: DF.SmallText | None
		report_date: DF.Date | None
		report_to_unit: DF.Link | None
		results: DF.TextEditor | None
		sessions_held: DF.Int
		shortcomings: DF.TextEditor | None
		signer: DF.Link | None
		signer_name: DF.Data | None
		signer_position: DF.Data | None
		surprise_inspections: DF.Int
		task_completion_rate: DF.Percent
		task_figures: DF.Table[PeriodicReportTaskFigure]
		tasks_completed: DF.Int
		tasks_completed_on_time: DF.Int
		tasks_extended: DF.Int
		tasks_late: DF.Int
		tasks_overdue: DF.Int
		tasks_total: DF.Int
		title: DF.Data | None
		unit_plan: DF.Link | None
		violation_figures: DF.Table[PeriodicReportViolationFigure]
		violations_corrected: DF.Int
		violations_disciplined: DF.Int
		violations_pending: DF.Int
		violations_total: DF.Int
		warnings_acted_on: DF.Int
		warnings_raised: DF.Int
		workflow_state: DF.Link | None
	# end: auto-generated types

	def autoname(self):
		self.name = make_autoname(f"BCDK-{period_code(self.period_start, self.frequency)}-.###", doc=self)

	def validate(self):
		self.set_defaults_from_plan()
		self.set_period_bounds()
		self.validate_units()
		self.validate_scope()
		self.validate_duplicate()
		self.set_title()
		self.clear_receipt_of_draft()
		if self.docstatus == 0 and (self.is_new() or not self.figures_compiled_on):
			self.compile_figures()

	def clear_receipt_of_draft(self):
		"""Only a submitted report is received (`mark_received`): a draft carries no receipt."""
		if self.docstatus == 0:
			self.received_by = self.received_on = None

	# ----------------------------------------------------------------------------------------------
	# validate steps
	# ----------------------------------------------------------------------------------------------

	def set_defaults_from_plan(self):
		"""Frequency, directive, recipient and covered units from the plan and the settings."""
		plan = None
		if self.get("unit_plan"):
			plan = frappe.db.get_value(
				"Unit Plan",
				self.unit_plan,
				["directive", "issuing_unit", "report_to_unit", "reporting_frequency"],
				as_dict=True,
			)
		settings = frappe.get_cached_doc("Discipline Settings")
		if plan:
			self.frequency = self.frequency or plan.reporting_frequency
			self.directive = self.directive or plan.directive
			self.report_to_unit = self.report_to_unit or plan.report_to_unit
			self.covered_unit = self.covered_unit or plan.issuing_unit
		self.frequency = self.frequency or "Monthly"
		self.report_to_unit = self.report_to_unit or settings.standing_committee_unit
		if not self.covered_unit:
			if self.organization_unit == settings.presiding_unit and settings.standing_committee_unit:
				self.covered_unit = settings.standing_committee_unit
			else:
				self.covered_unit = self.organization_unit

	def set_period_bounds(self):
		"""The period is the whole month (quarter, half-year, year) holding `period_start`."""
		if not self.period_start:
			return
		start, end = period_bounds(getdate(self.period_start), self.frequency)
		if self.period_end and getdate(self.period_end) != end and getdate(self.period_start) == start:
			frappe.throw(
				_("{0} must be the last day of the period, {1}.").format(
					frappe.bold(_("Period End")), frappe.bold(frappe.format(end, "Date"))
				),
				title=_("Invalid Period"),
			)
		self.period_start, self.period_end = start, end

	def validate_units(self):
		if self.report_to_unit and self.report_to_unit == self.organization_unit:
			frappe.throw(
				_("{0} cannot be the reporting unit itself.").format(frappe.bold(_("Report To"))),
				title=_("Invalid Recipient"),
			)

	def validate_scope(self):
		"""A unit head reports for a unit of his or her subtree and only on units of that subtree."""
		if is_presiding(frappe.session.user, self.doctype):
			return
		units = set(get_user_units(frappe.session.user))
		for fieldname, label in (("organization_unit", "Reporting Unit"), ("covered_unit", "Units Covered")):
			if self.get(fieldname) and self.get(fieldname) not in units:
				frappe.throw(
					_("{0} {1} is outside the units you are responsible for.").format(
						_(label), frappe.bold(self.get(fieldname))
					),
					title=_("Not Permitted"),
					exc=frappe.PermissionError,
				)

	def validate_duplicate(self):
		"""One report per reporting unit, plan, frequency and period."""
		filters = {
			"organization_unit": self.organization_unit,
			"frequency": self.frequency,
			"period_start": self.period_start,
			"unit_plan": self.unit_plan or ("is", "not set"),
			"docstatus": ("<", 2),
			"name": ("!=", self.name or ""),
		}
		if existing := frappe.db.get_value("Periodic Report", filters, "name"):
			frappe.throw(
				_("{0} already reports for this unit and period.").format(
					frappe.get_desk_link("Periodic Report", existing)
				),
				title=_("Duplicate Report"),
				exc=frappe.DuplicateEntryError,
			)

	def set_title(self):
		if self.title:
			return
		subject = None
		if self.get("unit_plan"):
			subject = frappe.db.get_value("Unit Plan", self.unit_plan, "document_number")
			subject = _("Plan {0}").format(subject) if subject else None
		if not subject and self.get("directive"):
			number = frappe.db.get_value("Directive", self.directive, "document_number")
			subject = _("Directive {0}").format(number) if number else None
		subject = subject or _("the discipline and responsibility campaign")
		self.title = _("Report on implementing {0}, {1}").format(
			subject, period_label(self.period_start, self.frequency)
		)

	# ----------------------------------------------------------------------------------------------
	# figures
	# ----------------------------------------------------------------------------------------------

	def get_covered_units(self) -> list[str]:
		return get_subtree_units(self.covered_unit or self.organization_unit)

	def compile_figures(self) -> bool:
		"""Fill the summary fields and figure tables from the records of the period; returns whether
		any figure changed (the document is left untouched when none did)."""
		figures = compile_figures(self.get_covered_units(), self.period_start, self.period_end)
		tables = {table: figures[table] for table in FIGURE_TABLES}
		if self.figures_compiled_on and self._same_figures(figures["summary"], tables):
			return False
		self.update(figures["summary"])
		for table, rows in tables.items():
			self.set(table, [])
			for row in rows:
				self.append(table, row)
		self.figures_compiled_on = now_datetime()
		return True

	def _same_figures(self, summary: dict, tables: dict) -> bool:
		def norm(v):
			return round(flt(v), 3) if isinstance(v, int | float) or v is None else str(v)

		if any(norm(self.get(k)) != norm(v) for k, v in summary.items()):
			return False
		for table, rows in tables.items():
			current = self.get(table)
			if len(current) != len(rows):
				return False
			for row, new in zip(current, rows, strict=True):
				if any(norm(row.get(k)) != norm(v) for k, v in new.items()):
					return False
		return True

	@frappe.whitelist()
	def refresh_figures(self) -> dict:
		"""Recompile the figures of a draft report (button on the form); saves only when they changed."""
		self.check_permission("write")
		if self.docstatus != 0:
			frappe.throw(
				_("The figures of a submitted report are final and cannot be refreshed."),
				title=_("Report Submitted"),
			)
		changed = self.compile_figures()
		if changed:
			self.save()
		return {"changed": changed}

	@frappe.whitelist()
	def mark_received(self) -> dict:
		"""The Standing Committee records that it received this submitted report (once)."""
		from soson_discipline.followup.conclusions import mark_received

		return mark_received(self)


def period_code(start, frequency: str) -> str:
	"""2026-10, 2026-Q4, 2026-H2 or 2026: the period part of a report's name."""
	d = getdate(start)
	if frequency == "Quarterly":
		return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
	if frequency == "Half-Yearly":
		return f"{d.year}-H{(d.month - 1) // 6 + 1}"
	if frequency == "Yearly":
		return str(d.year)
	return f"{d.year}-{d.month:02d}"


def period_label(start, frequency: str) -> str:
	"""'month 10/2026', 'quarter IV/2026', 'the first half of 2026', 'the year 2026' (translated)."""
	d = getdate(start)
	if frequency == "Quarterly":
		return _("quarter {0}/{1}").format(("I", "II", "III", "IV")[(d.month - 1) // 3], d.year)
	if frequency == "Half-Yearly":
		if d.month <= 6:
			return _("the first half of {0}").format(d.year)
		return _("the second half of {0}").format(d.year)
	if frequency == "Yearly":
		return _("the year {0}").format(d.year)
	return _("month {0}/{1}").format(d.month, d.year)
