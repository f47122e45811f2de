# Copyright (c) 2026, Soson Discipline Contributors and contributors
# For license information, please see license.txt

"""A detected violation of a behaviour the directive names, its correction and its discipline.

Workflow (fixture "Violation Record"): Reported (draft) → Verified (submitted) → Correction Required →
Corrected → Closed, or Dismissed with a reason; cancelling moves it to Cancelled. Verified records
(Verified, Correction Required, Corrected, Closed) feed the cadre's evaluation of the period containing
`detected_on`: every change that can move that figure refreshes the evaluations concerned.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, getdate, today

from soson_discipline.evaluation.discipline import follow_record
from soson_discipline.notifications import notify_violation_step
from soson_discipline.org import validate_cadre_in_unit_on
from soson_discipline.permissions import can_verify_violation
from soson_discipline.states import (
	NO_DISCIPLINE,
	VIOLATION_CANCELLED,
	VIOLATION_CLOSED,
	VIOLATION_CORRECTED,
	VIOLATION_CORRECTION_REQUIRED,
	VIOLATION_DISMISSED,
	VIOLATION_REPORTED,
	VIOLATION_VERIFIED,
	VIOLATION_VERIFIED_STATES,
)
from soson_discipline.utils.changes import changed_fields
from soson_discipline.violations.corrective_actions import (
	check_corrective_actions,
	complete_own_action,
	own_open_actions,
)
from soson_discipline.violations.evidence import keep_evidence_private
from soson_discipline.violations.search import validate_finding_of_inspection
from soson_discipline.violations.subjects import can_explain, subject_users, write_explanation

# Detection sources that come from an inspection visit.
INSPECTION_SOURCES = ("Inspection", "Surprise Check")


class OpenCorrectiveActionError(frappe.ValidationError):
	pass


class SelfVerificationError(frappe.PermissionError):
	pass


class ViolationRecord(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from soson_discipline.soson_discipline.doctype.violation_corrective_action.violation_corrective_action import (
			ViolationCorrectiveAction,
		)
		from soson_discipline.soson_discipline.doctype.violation_evidence.violation_evidence import (
			ViolationEvidence,
		)

		amended_from: DF.Link | None
		cadre: DF.Link | None
		cadre_explanation: DF.SmallText | None
		cadre_name: DF.Data | None
		category_name: DF.Data | None
		closed_on: DF.Date | None
		collective: DF.Check
		corrective_actions: DF.Table[ViolationCorrectiveAction]
		description: DF.TextEditor
		detected_on: DF.Date
		detection_source: DF.Literal[
			"", "Inspection", "Surprise Check", "Citizen Feedback", "Self-Report", "Superior Report", "Other"
		]
		directive: DF.Link | None
		discipline_decision: DF.Data | None
		discipline_decision_date: DF.Date | None
		discipline_outcome: DF.Literal[
			"None",
			"Reminder",
			"Reprimand",
			"Warning",
			"Salary Downgrade",
			"Demotion",
			"Dismissal",
			"Forced Dismissal",
			"Expulsion",
		]
		dismissal_reason: DF.SmallText | None
		document_number: DF.Data | None
		evidence: DF.Table[ViolationEvidence]
		inspection: DF.Link | None
		organization_unit: DF.Link
		position: DF.Data | None
		recording_unit: DF.Link | None
		severity: DF.Literal["", "Low", "Medium", "High"]
		title: DF.Data | None
		verified_by: DF.Link | None
		verified_by_name: DF.Data | None
		verified_on: DF.Date | None
		violation_category: DF.Link
		workflow_state: DF.Link | None
	# end: auto-generated types

	def onload(self):
		"""What the person opening the form may do on it beside the workflow's actions (the form's
		buttons and notes): write the explanation (the cadre concerned), record his or her corrective
		actions done (the cadre responsible), or why the verification is someone else's."""
		self.set_onload(
			"my_steps",
			{
				"can_explain": can_explain(self),
				"own_actions": [row.name for row in own_open_actions(self)],
				"verifier_must_differ": self.verifier_must_differ(),
			},
		)

	def verifier_must_differ(self) -> bool:
		"""A verifier who reported (or last changed) this reported record: another verifies it (the
		workflow allows no self-approval of Verify and Dismiss)."""
		user = frappe.session.user
		return (
			self.docstatus == 0
			and self.workflow_state == VIOLATION_REPORTED
			and user != "Administrator"
			and user in (self.owner, self.modified_by)
			and can_verify_violation(user)
			and user not in subject_users(self)
		)

	@frappe.whitelist()
	def write_explanation(self, explanation: str | None = None) -> dict:
		"""The cadre concerned writes his or her explanation (button on the form)."""
		return write_explanation(self, explanation)

	@frappe.whitelist()
	def complete_corrective_action(
		self, row: str, completed_on: str | None = None, result: str | None = None
	) -> dict:
		"""The cadre responsible records a corrective action done (button on the form)."""
		return complete_own_action(self, row, completed_on, result)

	def validate(self):
		self.validate_subject()
		self.set_defaults_from_links()
		self.validate_detected_on()
		self.validate_cadre_in_unit()
		self.validate_inspection()
		self.validate_category_directive()
		self.validate_evidence_private()
		check_corrective_actions(self)
		self.validate_discipline()
		self.validate_state_change()
		self.set_title()

	def before_update_after_submit(self):
		"""Workflow steps after verification (Correction Required, Corrected, Closed, Dismissed) and
		updates of corrective actions, evidence and discipline save the submitted record."""
		self.validate_evidence_private()
		check_corrective_actions(self)
		self.validate_discipline()
		self.validate_state_change()

	def before_cancel(self):
		# v15 does not move the workflow state on cancel; the evaluation must stop counting the record
		self.workflow_state = VIOLATION_CANCELLED

	def on_submit(self):
		self.validate_verifier()
		notify_violation_step(self)

	def on_update(self):
		# also runs on submit
		follow_record(self)

	def on_update_after_submit(self):
		follow_record(self)
		notify_violation_step(self)

	def on_cancel(self):
		follow_record(self, force=True)

	def after_delete(self):
		follow_record(self, force=True)

	# ------------------------------------------------------------------------------------------ defaults

	def validate_subject(self):
		"""A record is about one cadre, or about a unit as a whole (`collective`): then it names no
		cadre, and its unit is the one dealt with."""
		if cint(self.collective):
			self.cadre = self.cadre_name = self.position = self.cadre_explanation = None
		elif not self.cadre:
			frappe.throw(
				_("{0} is required: name the cadre the violation is about, or tick {1}.").format(
					frappe.bold(_("Cadre")), frappe.bold(_("Collective Violation"))
				),
				title=_("Missing Value"),
				exc=frappe.MandatoryError,
			)

	def set_defaults_from_links(self):
		"""Unit from the cadre, severity from the category, directive and recording unit from the inspection."""
		if self.cadre and not self.organization_unit:
			self.organization_unit = frappe.db.get_value("Cadre", self.cadre, "organization_unit")
		category = self.get_category()
		if category and not self.severity:
			self.severity = category.default_severity
		if self.inspection:
			inspection = frappe.db.get_value(
				"Inspection", self.inspection, ["directive", "inspecting_unit", "is_surprise"], as_dict=True
			)
			if inspection:
				self.directive = self.directive or inspection.directive
				self.recording_unit = self.recording_unit or inspection.inspecting_unit
				if not self.detection_source:
					self.detection_source = "Surprise Check" if inspection.is_surprise else "Inspection"
		if category and category.directive and not self.directive:
			self.directive = category.directive
		if not self.discipline_outcome:
			self.discipline_outcome = "None"

	def get_category(self):
		if not self.violation_category:
			return None
		return frappe.db.get_value(
			"Violation Category",
			self.violation_category,
			["category_name", "directive", "default_severity", "default_deduction", "forces_not_completed"],
			as_dict=True,
		)

	def set_title(self):
		subject = self.cadre_name
		if cint(self.collective):
			subject = frappe.db.get_value("Organization Unit", self.organization_unit, "unit_name")
		self.title = " – ".join(filter(None, [subject, self.category_name]))

	# ---------------------------------------------------------------------------------------- validation

	def validate_detected_on(self):
		if self.detected_on and getdate(self.detected_on) > getdate(today()):
			frappe.throw(
				_("{0} ({1}) cannot be in the future.").format(
					frappe.bold(_("Detected On")), frappe.format(self.detected_on, "Date")
				),
				title=_("Invalid Date"),
			)

	def facts_changed(self, *fieldnames) -> bool:
		return bool(changed_fields(self, fieldnames))

	def validate_cadre_in_unit(self):
		"""The cadre must have belonged to `organization_unit` when the violation was detected."""
		if (
			self.cadre
			and self.detected_on
			and self.facts_changed("cadre", "organization_unit", "detected_on")
		):
			validate_cadre_in_unit_on(self.cadre, self.organization_unit, self.detected_on, _("Detected On"))

	def validate_inspection(self):
		"""A violation found by an inspection: the inspection's dates and one of its target units."""
		if self.detection_source == "Inspection" and not self.inspection:
			frappe.throw(
				_("{0} is required when the {1} is {2}.").format(
					frappe.bold(_("Inspection")), _("Detection Source"), frappe.bold(_("Inspection"))
				),
				title=_("Missing Inspection"),
			)
		if self.inspection and self.facts_changed("inspection", "organization_unit", "detected_on"):
			validate_finding_of_inspection(self.inspection, self.organization_unit, self.detected_on)

	def validate_category_directive(self):
		"""The category must be a behaviour of the directive the record (or its inspection) is about."""
		category = self.get_category()
		if not category or not category.directive:
			return
		for label, directive in (
			(
				_("Inspection"),
				self.inspection and frappe.db.get_value("Inspection", self.inspection, "directive"),
			),
			(_("Directive"), self.directive),
		):
			if directive and directive != category.directive:
				frappe.throw(
					_("{0} {1} belongs to directive {2}, not to the directive {3} of the {4}.").format(
						frappe.bold(_("Violation Category")),
						frappe.bold(category.category_name),
						frappe.bold(directive_label(category.directive)),
						frappe.bold(directive_label(directive)),
						label,
					),
					title=_("Category of Another Directive"),
				)

	def validate_evidence_private(self):
		keep_evidence_private(self)

	def validate_discipline(self):
		if (self.discipline_outcome or "") not in NO_DISCIPLINE and not self.discipline_decision:
			frappe.throw(
				_("{0} is required when the {1} is {2}.").format(
					frappe.bold(_("Discipline Decision")),
					_("Discipline Outcome"),
					frappe.bold(_(self.discipline_outcome)),
				),
				title=_("Missing Discipline Decision"),
			)
		if (
			self.discipline_outcome or ""
		) not in NO_DISCIPLINE and self.workflow_state not in VIOLATION_VERIFIED_STATES:
			frappe.throw(
				_("{0} can be set only on a verified violation.").format(
					frappe.bold(_("Discipline Outcome"))
				),
				title=_("Not Verified"),
			)

	def validate_state_change(self):
		"""Rules of the workflow the transitions alone cannot express."""
		before = self.get_doc_before_save()
		old_state = before.workflow_state if before else None
		if old_state == self.workflow_state:
			return
		if self.workflow_state in (VIOLATION_VERIFIED, VIOLATION_DISMISSED) and old_state in (
			None,
			VIOLATION_REPORTED,
		):
			self.validate_not_about_self()
		if self.workflow_state == VIOLATION_VERIFIED:
			self.verified_by = frappe.session.user
			self.verified_by_name = frappe.db.get_value("User", self.verified_by, "full_name")
			self.verified_on = today()
		elif self.workflow_state == VIOLATION_CORRECTION_REQUIRED and not self.corrective_actions:
			frappe.throw(
				_("Add at least one row to {0} before requiring a correction.").format(
					frappe.bold(_("Corrective Actions"))
				),
				title=_("No Corrective Action"),
			)
		elif self.workflow_state in (VIOLATION_CORRECTED, VIOLATION_CLOSED):
			open_rows = [row for row in self.corrective_actions if not row.completed_on]
			if open_rows:
				frappe.throw(
					_("{0} cannot be {1} while {2} are still open (rows {3}): enter their {4} first.").format(
						frappe.bold(self.name),
						_(self.workflow_state).lower(),
						_("Corrective Actions"),
						", ".join(str(row.idx) for row in open_rows),
						frappe.bold(_("Completed On")),
					),
					title=_("Open Corrective Actions"),
					exc=OpenCorrectiveActionError,
				)
			if self.workflow_state == VIOLATION_CLOSED:
				self.closed_on = today()
		elif self.workflow_state == VIOLATION_DISMISSED and not (self.dismissal_reason or "").strip():
			frappe.throw(
				_("{0} is required to dismiss a violation record.").format(
					frappe.bold(_("Dismissal Reason"))
				),
				title=_("Missing Reason"),
			)

	def validate_verifier(self):
		"""Only inspectors and the presiding board verify, never about themselves (a Unit Head may update
		a submitted record, which needs the submit right, but not submit a reported one)."""
		if frappe.session.user == "Administrator" or self.workflow_state != VIOLATION_VERIFIED:
			return
		if not can_verify_violation():
			frappe.throw(
				_("Only inspectors and the presiding board can verify a violation record."),
				title=_("Not Permitted"),
				exc=frappe.PermissionError,
			)
		self.validate_not_about_self()

	def validate_not_about_self(self):
		"""Nobody verifies or dismisses a record about himself or herself, nor about a collective he or
		she leads directly."""
		user = frappe.session.user
		if user != "Administrator" and user in subject_users(self):
			frappe.throw(
				_("You cannot verify or dismiss a violation record about yourself ({0})."),
				title=_("Not Permitted"),
				exc=SelfVerificationError,
			)


# -------------------------------------------------------------------------------------------------- helpers


def directive_label(directive: str | None) -> str:
	if not directive:
		return ""
	return frappe.db.get_value("Directive", directive, "document_number") or directive
