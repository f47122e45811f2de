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
from frappe.utils import getdate, today

from soson_discipline.soson_discipline.doctype.organization_unit.organization_unit import get_unit_heads

# States in which a violation counts against the cadre (the unit head sees these too).
VERIFIED_STATES = ("Verified", "Correction Required", "Corrected", "Closed")
# Fields whose change can move a cadre's evaluation.
EVALUATION_FIELDS = (
	"workflow_state",
	"violation_category",
	"detected_on",
	"cadre",
	"discipline_outcome",
	"docstatus",
)
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
		cadre: DF.Link
		cadre_explanation: DF.SmallText | None
		cadre_name: DF.Data | None
		category_name: DF.Data | None
		closed_on: DF.Date | None
		corrective_actions: DF.Table[ViolationCorrectiveAction]
		description: DF.TextEditor
		detected_on: DF.Date
		detection_source: DF.Literal[
			"Inspection", "Surprise Check", "Citizen Feedback", "Self-Report", "Superior Report", "Other"
		]
		directive: DF.Link | None
		discipline_decision: DF.Data | None
		discipline_decision_date: DF.Date | None
		discipline_outcome: DF.Literal[
			"None", "Reminder", "Reprimand", "Warning", "Demotion", "Dismissal", "Expulsion"
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
		verified_on: DF.Date | None
		violation_category: DF.Link
		workflow_state: DF.Link | None
	# end: auto-generated types

	def validate(self):
		self.set_defaults_from_links()
		self.validate_detected_on()
		self.validate_cadre_in_unit()
		self.validate_inspection()
		self.validate_category_directive()
		self.validate_evidence_private()
		self.update_corrective_action_status()
		self.validate_corrective_actions()
		self.validate_discipline()
		self.validate_state_change()
		self.set_title()

	def before_update_after_submit(self):
		"""Workflow steps after verification (Correction Required, Corrected, Closed, Dismissed) and
		updates of corrective actions, evidence and discipline save the submitted record."""
		self.validate_evidence_private()
		self.update_corrective_action_status()
		self.validate_corrective_actions()
		self.validate_discipline()
		self.validate_state_change()

	def before_cancel(self):
		# v15 does not move the workflow state on cancel; the evaluation must stop counting the record
		self.workflow_state = "Cancelled"

	def on_submit(self):
		self.validate_verifier()

	def on_update(self):
		# also runs on submit
		self.refresh_cadre_evaluations()

	def on_update_after_submit(self):
		self.refresh_cadre_evaluations()

	def on_cancel(self):
		self.refresh_cadre_evaluations(force=True)

	def after_delete(self):
		self.refresh_cadre_evaluations(force=True)

	# ------------------------------------------------------------------------------------------ defaults

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
		self.title = " – ".join(filter(None, [self.cadre_name, self.category_name]))

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
		before = self.get_doc_before_save()
		return before is None or any(before.get(f) != self.get(f) for f in fieldnames)

	def validate_cadre_in_unit(self):
		"""The cadre must have belonged to `organization_unit` when the violation was detected."""
		if not (self.cadre and self.detected_on) or not self.facts_changed(
			"cadre", "organization_unit", "detected_on"
		):
			return
		from soson_discipline.soson_discipline.doctype.organization_unit.organization_unit import (
			validate_unit_valid_on,
		)

		cadre = frappe.db.get_value(
			"Cadre", self.cadre, ["full_name", "organization_unit", "date_joined", "date_left"], as_dict=True
		)
		if not cadre:
			return
		detected = getdate(self.detected_on)
		if self.organization_unit != cadre.organization_unit:
			frappe.throw(
				_("{0} {1} is not a cadre of the {2} {3} (his or her unit is {4}).").format(
					frappe.bold(_("Cadre")),
					frappe.bold(cadre.full_name),
					_("Organization Unit"),
					frappe.bold(self.organization_unit),
					frappe.bold(cadre.organization_unit),
				),
				title=_("Cadre Not in Unit"),
			)
		if (cadre.date_joined and detected < getdate(cadre.date_joined)) or (
			cadre.date_left and detected > getdate(cadre.date_left)
		):
			frappe.throw(
				_("{0} {1} was not in service on the {2} {3} (joined {4}, left {5}).").format(
					frappe.bold(_("Cadre")),
					frappe.bold(cadre.full_name),
					_("Detected On"),
					frappe.bold(frappe.format(detected, "Date")),
					frappe.format(cadre.date_joined, "Date") if cadre.date_joined else "…",
					frappe.format(cadre.date_left, "Date") if cadre.date_left else "…",
				),
				title=_("Cadre Not in Unit"),
			)
		validate_unit_valid_on(self.organization_unit, detected, _("Organization Unit"))

	def validate_inspection(self):
		"""A violation found by an inspection: the inspection's dates and one of its target units."""
		if self.detection_source == "Inspection" and not self.inspection:
			frappe.throw(
				_("{0} is required when the {1} is {2}.").format(
					frappe.bold(_("Inspection")), _("Detection Source"), frappe.bold(_("Inspection"))
				),
				title=_("Missing Inspection"),
			)
		if not self.inspection or not self.facts_changed("inspection", "organization_unit", "detected_on"):
			return
		inspection = frappe.db.get_value(
			"Inspection", self.inspection, ["title", "inspection_date", "status"], as_dict=True
		)
		if not inspection:
			return
		if inspection.status == "Cancelled":
			frappe.throw(
				_("{0} {1} was cancelled; violations cannot be recorded against it.").format(
					frappe.bold(_("Inspection")), frappe.bold(inspection.title)
				),
				title=_("Invalid Inspection"),
			)
		if self.detected_on and getdate(self.detected_on) < getdate(inspection.inspection_date):
			frappe.throw(
				_("{0} ({1}) cannot be before the {2} of {3} ({4}).").format(
					frappe.bold(_("Detected On")),
					frappe.format(self.detected_on, "Date"),
					_("Inspection Date"),
					frappe.bold(inspection.title),
					frappe.format(inspection.inspection_date, "Date"),
				),
				title=_("Invalid Date"),
			)
		if self.organization_unit and not is_unit_inspected(self.inspection, self.organization_unit):
			frappe.throw(
				_("{0} {1} is not among the units inspected by {2}.").format(
					frappe.bold(_("Organization Unit")),
					frappe.bold(self.organization_unit),
					frappe.bold(inspection.title),
				),
				title=_("Unit Not Inspected"),
			)

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
		"""Evidence is confidential: files attached as evidence are always private, and attached to the
		record so that exactly the users who may read the record may open them."""
		for row in self.evidence:
			if row.attachment:
				row.attachment = make_file_private(row.attachment, self.doctype, self.name)
				attach_file_to(row.attachment, self.doctype, self.name)

	def update_corrective_action_status(self):
		for row in self.corrective_actions:
			row.status = corrective_action_status(row)

	def validate_corrective_actions(self):
		for row in self.corrective_actions:
			if row.completed_on and getdate(row.completed_on) > getdate(today()):
				frappe.throw(
					_("Row {0}: {1} ({2}) cannot be in the future.").format(
						row.idx, frappe.bold(_("Completed On")), frappe.format(row.completed_on, "Date")
					),
					title=_("Invalid Date"),
				)
			if row.due_date and self.detected_on and getdate(row.due_date) < getdate(self.detected_on):
				frappe.throw(
					_("Row {0}: {1} cannot be before the violation was detected ({2}).").format(
						row.idx, frappe.bold(_("Due Date")), frappe.format(self.detected_on, "Date")
					),
					title=_("Invalid Date"),
				)

	def validate_discipline(self):
		if self.discipline_outcome not in (None, "", "None") and not self.discipline_decision:
			frappe.throw(
				_("{0} is required when the {1} is {2}.").format(
					frappe.bold(_("Discipline Decision")),
					_("Discipline Outcome"),
					frappe.bold(_(self.discipline_outcome)),
				),
				title=_("Missing Discipline Decision"),
			)
		if self.discipline_outcome not in (None, "", "None") and self.workflow_state not in VERIFIED_STATES:
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
		if self.workflow_state in ("Verified", "Dismissed") and old_state in (None, "Reported"):
			self.validate_not_about_self()
		if self.workflow_state == "Verified":
			self.verified_by = frappe.session.user
			self.verified_on = today()
		elif self.workflow_state == "Correction Required" and not self.corrective_actions:
			frappe.throw(
				_("Add at least one row to {0} before requiring a correction.").format(
					frappe.bold(_("Corrective Actions"))
				),
				title=_("No Corrective Action"),
			)
		elif self.workflow_state in ("Corrected", "Closed"):
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
			if self.workflow_state == "Closed":
				self.closed_on = today()
		elif self.workflow_state == "Dismissed" and not (self.dismissal_reason or "").strip():
			frappe.throw(
				_("{0} is required to dismiss a violation record.").format(
					frappe.bold(_("Dismissal Reason"))
				),
				title=_("Missing Reason"),
			)

	def validate_verifier(self):
		"""Only inspectors and the presiding board verify, never about themselves (a Unit Head may update
		a submitted record, which needs the submit right, but not submit a reported one)."""
		if frappe.session.user == "Administrator" or self.workflow_state != "Verified":
			return
		if not set(frappe.get_roles()) & {"Inspector", "Discipline Administrator", "System Manager"}:
			frappe.throw(
				_("Only inspectors and the presiding board can verify a violation record."),
				title=_("Not Permitted"),
				exc=frappe.PermissionError,
			)
		self.validate_not_about_self()

	def validate_not_about_self(self):
		"""Nobody verifies or dismisses a record about himself or herself."""
		user = frappe.session.user
		if user != "Administrator" and frappe.db.get_value("Cadre", self.cadre, "user") == user:
			frappe.throw(
				_("You cannot verify or dismiss a violation record about yourself ({0})."),
				title=_("Not Permitted"),
				exc=SelfVerificationError,
			)

	# ---------------------------------------------------------------------------------------- evaluation

	def refresh_cadre_evaluations(self, force: bool = False) -> list[str]:
		"""Recompute the evaluations a change of this record can move (old and new cadre/period)."""
		before = self.get_doc_before_save()
		if (
			not force
			and before is not None
			and not any(before.get(f) != self.get(f) for f in EVALUATION_FIELDS)
		):
			return []
		pairs = {(self.cadre, str(getdate(self.detected_on)))}
		if before is not None and before.cadre and before.detected_on:
			pairs.add((before.cadre, str(getdate(before.detected_on))))
		refreshed = []
		for cadre, date in sorted(pairs):
			refreshed += refresh_evaluations(cadre, date)
		return refreshed


# -------------------------------------------------------------------------------------------------- helpers


def refresh_evaluations(cadre: str, date) -> list[str]:
	"""`refresh_evaluations_for_cadre` of Cadre Evaluation, when that DocType is installed."""
	try:
		from soson_discipline.soson_discipline.doctype.cadre_evaluation.cadre_evaluation import (
			refresh_evaluations_for_cadre,
		)
	except ImportError:
		return []
	return refresh_evaluations_for_cadre(cadre, date) or []


def directive_label(directive: str | None) -> str:
	if not directive:
		return ""
	return frappe.db.get_value("Directive", directive, "document_number") or directive


def is_unit_inspected(inspection: str, unit: str) -> bool:
	"""Whether `unit` is one of the inspection's target units or lies below one."""
	from soson_discipline.permissions import get_subtree_units

	targets = frappe.get_all(
		"Inspection Target Unit",
		filters={"parent": inspection, "parenttype": "Inspection"},
		pluck="organization_unit",
	)
	return any(unit == target or unit in get_subtree_units(target) for target in targets)


def corrective_action_status(row) -> str:
	if row.completed_on:
		return "Completed"
	if row.due_date and getdate(row.due_date) < getdate(today()):
		return "Overdue"
	return "Open"


def make_file_private(file_url: str, doctype: str | None = None, docname: str | None = None) -> str:
	"""Turn a public file (``/files/...``) into a private one and return its (new) URL."""
	if not file_url or not file_url.startswith("/files/"):
		return file_url
	filters = {"file_url": file_url, "is_private": 0}
	name = frappe.db.get_value(
		"File", {**filters, "attached_to_doctype": doctype, "attached_to_name": docname}, "name"
	)
	name = name or frappe.db.get_value("File", filters, "name")
	if not name:
		# already moved (e.g. by the upload hook below): point to the private copy
		private_url = "/private" + file_url
		return private_url if frappe.db.exists("File", {"file_url": private_url}) else file_url
	file = frappe.get_doc("File", name)
	file.is_private = 1
	file.flags.ignore_permissions = True
	file.save()
	return file.file_url


def attach_file_to(file_url: str, doctype: str, docname: str):
	"""Attach an unattached File (e.g. uploaded into a child table row) to the record."""
	if not docname or not file_url:
		return
	name = frappe.db.get_value("File", {"file_url": file_url, "attached_to_name": ("is", "not set")}, "name")
	if name:
		frappe.db.set_value("File", name, {"attached_to_doctype": doctype, "attached_to_name": docname})


def make_evidence_file_private(doc, method=None):
	"""`File.after_insert` hook: files uploaded onto violation records and inspections are private,
	whatever the uploader's "public" box said (the upload answers with the private URL)."""
	if (
		doc.attached_to_doctype in ("Violation Record", "Inspection")
		and not doc.is_private
		and not doc.is_folder
		and (doc.file_url or "").startswith("/files/")
	):
		file = frappe.get_doc("File", doc.name)
		file.is_private = 1
		file.flags.ignore_permissions = True
		file.save()
		# on rollback the new upload's own handler deletes the (now private) file: nothing to move back
		file.flags.pop("original_path", None)
		doc.is_private, doc.file_url = 1, file.file_url


# -------------------------------------------------------------------------------------------- reminders


def remind_overdue_corrective_actions(on_date=None) -> int:
	"""Remind the responsible cadre and the unit head of each corrective action past due.

	Once per action per day (`last_reminded_on`), so running the job twice sends nothing more.
	Returns the number of actions reminded."""
	day = getdate(on_date or today())
	vr = frappe.qb.DocType("Violation Record")
	ca = frappe.qb.DocType("Violation Corrective Action")
	rows = (
		frappe.qb.from_(ca)
		.join(vr)
		.on(ca.parent == vr.name)
		.select(
			ca.name,
			ca.parent,
			ca.idx,
			ca.action,
			ca.due_date,
			ca.responsible,
			vr.organization_unit,
			vr.title,
		)
		.where(
			(ca.parenttype == "Violation Record")
			& (vr.docstatus == 1)
			& vr.workflow_state.isin(["Verified", "Correction Required"])
			& ca.completed_on.isnull()
			& (ca.due_date < day)
			& (ca.last_reminded_on.isnull() | (ca.last_reminded_on < day))
		)
		.orderby(ca.due_date)
		.run(as_dict=True)
	)
	for row in rows:
		recipients = set(filter(None, [frappe.db.get_value("Cadre", row.responsible, "user")]))
		recipients.update(get_unit_head_users(row.organization_unit))
		subject = _("Corrective action overdue since {0}: {1}").format(
			frappe.format(row.due_date, "Date"), row.title or row.parent
		)
		message = _("Row {0} of violation record {1}: {2}").format(row.idx, row.parent, row.action)
		for user in sorted(recipients):
			notify(user, subject, message, row.parent)
		frappe.db.set_value(
			"Violation Corrective Action",
			row.name,
			{"last_reminded_on": day, "status": "Overdue"},
			update_modified=False,
		)
	return len(rows)


def get_unit_head_users(unit: str | None) -> set[str]:
	"""Users heading `unit`, or the nearest unit above it that has a head."""
	heads = get_unit_heads(unit, climb=True)
	if not heads:
		return set()
	return set(frappe.get_all("Cadre", filters={"name": ("in", heads), "user": ("is", "set")}, pluck="user"))


def notify(user: str, subject: str, message: str, docname: str):
	"""In-app notification (and e-mail, as the user's notification settings say)."""
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": user,
			"type": "Alert",
			"subject": subject,
			"email_content": message,
			"document_type": "Violation Record",
			"document_name": docname,
		}
	).insert(ignore_permissions=True)


# ------------------------------------------------------------------------------------------ link search


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def cadre_query(doctype, txt, searchfield, start, page_len, filters):
	"""Active cadres for a violation record or a corrective action: those who may record violations
	(Inspectors, the presiding board) search every unit, or the inspection's units when given; a unit
	head updating corrective actions searches his or her units; the Cadre list itself stays scoped."""
	from soson_discipline.permissions import get_subtree_units, get_user_units

	if frappe.has_permission("Violation Record", "create"):
		own_units = None
	elif frappe.has_permission("Violation Record", "write"):
		own_units = get_user_units()  # a unit head naming who corrects: his or her units only
	else:
		return []

	cadre = frappe.qb.DocType("Cadre")
	pattern = f"%{txt}%"
	query = (
		frappe.qb.from_(cadre)
		.select(cadre.name, cadre.full_name, cadre.organization_unit)
		.where(
			(cadre.status == "Active")
			& (
				(cadre.full_name.like(pattern))
				| (cadre.name.like(pattern))
				| (cadre.organization_unit.like(pattern))
			)
		)
		.orderby(cadre.full_name)
		.limit(page_len)
		.offset(start)
	)
	if inspection := (filters or {}).get("inspection"):
		frappe.get_doc("Inspection", inspection).check_permission("read")
		units = set()
		for target in frappe.get_all(
			"Inspection Target Unit",
			filters={"parent": inspection, "parenttype": "Inspection"},
			pluck="organization_unit",
		):
			units.update(get_subtree_units(target))
		query = query.where(cadre.organization_unit.isin(list(units) or [""]))
	if own_units is not None:
		query = query.where(cadre.organization_unit.isin(own_units or [""]))
	return query.run()
