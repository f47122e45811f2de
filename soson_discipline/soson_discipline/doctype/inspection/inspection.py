# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""A monitoring, inspection or supervision visit (announced or surprise) by the presiding board or an
inspection team, from which violation records are raised in one step (`raise_violations`)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from soson_discipline.org import validate_unit_valid_on
from soson_discipline.permissions import is_presiding
from soson_discipline.utils.changes import changed_fields
from soson_discipline.utils.hygiene import InvalidTableError, parse_json_argument

CLOSED_STATUSES = ("Completed", "Cancelled")
TABLE_FIELDS = ("target_units", "team_members")
NO_VALUE_FIELDTYPES = frozenset(
	{"Section Break", "Column Break", "Tab Break", "HTML", "Button", "Table", "Table MultiSelect", "Fold", "Heading"}
)


class Inspection(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from soson_discipline.soson_discipline.doctype.inspection_target_unit.inspection_target_unit import (
			InspectionTargetUnit,
		)
		from soson_discipline.soson_discipline.doctype.inspection_team_member.inspection_team_member import (
			InspectionTeamMember,
		)

		conclusion_date: DF.Date | None
		conclusion_number: DF.Data | None
		conclusions: DF.TextEditor | None
		content: DF.TextEditor | None
		decision_date: DF.Date | None
		decision_number: DF.Data | None
		directive: DF.Link | None
		end_date: DF.Date | None
		findings: DF.TextEditor | None
		inspecting_unit: DF.Link
		inspection_date: DF.Date
		inspection_type: DF.Literal["Monitoring", "Inspection", "Supervision"]
		is_surprise: DF.Check
		recipients: DF.SmallText | None
		recommendations: DF.TextEditor | None
		signer: DF.Link | None
		signer_name: DF.Data | None
		signer_title: DF.Data | None
		status: DF.Literal["Planned", "In Progress", "Completed", "Cancelled"]
		target_units: DF.Table[InspectionTargetUnit]
		team_members: DF.Table[InspectionTeamMember]
		title: DF.Data
	# end: auto-generated types

	def validate(self):
		self.validate_closed()
		self.validate_dates()
		self.validate_units()
		self.validate_team()
		self.validate_status()

	def validate_closed(self):
		"""A completed or cancelled inspection is a record: nothing in it changes, except that the
		presiding board may reopen it (its status alone)."""
		before = self.get_doc_before_save()
		if self.is_new() or before is None or before.status not in CLOSED_STATUSES:
			return
		if self.flags.ignore_permissions or frappe.session.user == "Administrator":
			return
		fields = [
			df.fieldname
			for df in self.meta.fields
			if df.fieldtype not in NO_VALUE_FIELDTYPES and df.fieldname != "status"
		]
		changed = [f for f in fields if f not in TABLE_FIELDS and f in changed_fields(self, [f])]
		changed += [f for f in TABLE_FIELDS if self.meta.get_field(f) and not self.is_child_table_same(f)]
		reopened = self.status != before.status
		if changed or (reopened and not is_presiding()):
			frappe.throw(
				_("This inspection is {0}: it no longer changes. The presiding board may reopen it.").format(
					frappe.bold(_(before.status, context="Inspection"))
				),
				title=_("Inspection Closed"),
				exc=frappe.PermissionError,
			)

	def validate_dates(self):
		if self.end_date and getdate(self.end_date) < getdate(self.inspection_date):
			frappe.throw(
				_("{0} cannot be before {1}.").format(
					frappe.bold(_("End Date")), frappe.bold(_("Inspection Date"))
				),
				title=_("Invalid Dates"),
			)
		if self.decision_date and getdate(self.decision_date) > getdate(self.inspection_date):
			frappe.throw(
				_("{0} cannot be after the {1}.").format(
					frappe.bold(_("Decision Date")), _("Inspection Date")
				),
				title=_("Invalid Dates"),
			)
		if self.conclusion_date and getdate(self.conclusion_date) < getdate(self.inspection_date):
			frappe.throw(
				_("{0} cannot be before the {1}.").format(
					frappe.bold(_("Conclusion Date")), _("Inspection Date")
				),
				title=_("Invalid Dates"),
			)

	def validate_units(self):
		validate_unit_valid_on(self.inspecting_unit, self.inspection_date, _("Inspecting Unit"))
		seen = set()
		for row in self.target_units:
			if row.organization_unit in seen:
				frappe.throw(
					_("Row {0}: {1} {2} is listed twice.").format(
						row.idx, frappe.bold(_("Target Units")), frappe.bold(row.organization_unit)
					),
					title=_("Duplicate Unit"),
				)
			seen.add(row.organization_unit)
			validate_unit_valid_on(row.organization_unit, self.inspection_date, _("Target Units"))

	def validate_team(self):
		seen = set()
		for row in self.team_members:
			if row.cadre in seen:
				frappe.throw(
					_("Row {0}: {1} {2} is listed twice.").format(
						row.idx, frappe.bold(_("Team Members")), frappe.bold(row.full_name or row.cadre)
					),
					title=_("Duplicate Team Member"),
				)
			seen.add(row.cadre)
		heads = [row for row in self.team_members if row.team_role == "Head"]
		if len(heads) > 1:
			frappe.throw(
				_("A team has one {0}; rows {1} are all marked so.").format(
					frappe.bold(_("Head")), ", ".join(str(row.idx) for row in heads)
				),
				title=_("Several Team Heads"),
			)

	def validate_status(self):
		if self.status in ("In Progress", "Completed") and getdate(self.inspection_date) > getdate(today()):
			frappe.throw(
				_("An inspection starting on {0} cannot be {1} yet.").format(
					frappe.format(self.inspection_date, "Date"), _(self.status)
				),
				title=_("Invalid Status"),
			)
		if self.status == "Completed" and not (self.findings or "").strip():
			frappe.throw(
				_("Enter the {0} before marking the inspection {1}.").format(
					frappe.bold(_("Findings")), _("Completed")
				),
				title=_("Missing Findings"),
			)

	def get_detection_date(self):
		"""The default date violations of this visit were detected: its last day, never in the future."""
		return min(getdate(self.end_date or self.inspection_date), getdate(today()))

	@frappe.whitelist()
	def raise_violations(self, violations: str | list) -> list[str]:
		"""Create one Violation Record (state Reported) per row of `violations`.

		Each row: cadre, violation_category, description, optionally severity and detected_on. All rows
		are created or none (the request rolls back on the first refused row)."""
		self.check_permission("read")
		frappe.has_permission("Violation Record", "create", throw=True)
		violations = parse_violation_rows(violations)
		if not violations:
			frappe.throw(_("Add at least one violation."), title=_("Nothing to Record"))
		if self.status == "Cancelled":
			frappe.throw(
				_("{0} was cancelled; violations cannot be recorded against it.").format(
					frappe.bold(self.title)
				),
				title=_("Invalid Inspection"),
			)
		created = []
		for idx, row in enumerate(violations, 1):
			row = frappe._dict(row)
			for fieldname, label in (
				("cadre", _("Cadre")),
				("violation_category", _("Violation Category")),
				("description", _("Description")),
			):
				if not row.get(fieldname):
					frappe.throw(
						_("Row {0}: {1} is required.").format(idx, frappe.bold(label)),
						title=_("Missing Value"),
					)
			record = frappe.get_doc(
				{
					"doctype": "Violation Record",
					"cadre": row.cadre,
					"violation_category": row.violation_category,
					"description": row.description,
					"severity": row.get("severity"),
					"detected_on": row.get("detected_on") or self.get_detection_date(),
					"detection_source": "Surprise Check" if self.is_surprise else "Inspection",
					"inspection": self.name,
					"directive": self.directive,
					"recording_unit": self.inspecting_unit,
				}
			)
			record.insert()
			created.append(record.name)
		frappe.msgprint(
			_("{0} violation records created: {1}").format(len(created), ", ".join(created)),
			alert=True,
			indicator="green",
		)
		return created


def parse_violation_rows(violations) -> list[dict]:
	"""The `violations` argument of `raise_violations`: a list of objects (or its JSON), each row's
	values single values; anything else is refused with a clear message instead of an error 500."""
	violations = parse_json_argument(violations, _("Violations"))
	if violations in (None, ""):
		return []
	if not isinstance(violations, list):
		frappe.throw(
			_("{0} must be a list of rows.").format(frappe.bold(_("Violations"))),
			title=_("Invalid Value"),
			exc=InvalidTableError,
		)
	for idx, row in enumerate(violations, 1):
		if not isinstance(row, dict) or any(isinstance(v, list | dict) for v in row.values()):
			frappe.throw(
				_("{0}, row {1} must be an object of field values.").format(
					frappe.bold(_("Violations")), idx
				),
				title=_("Invalid Value"),
				exc=InvalidTableError,
			)
	return violations
