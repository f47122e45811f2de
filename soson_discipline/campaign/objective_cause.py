"""The objective cause of a delay or a failed assessment (nguyên nhân khách quan).

Decree 335/2025 Art. 14 deducts 25 % of a product's progress points for each delay and of its quality
points for each failed assessment, "except an objective cause confirmed by the competent level":

- the assignee claims it on a late or failed task (`request_objective_cause`), with the cause;
- the competent level confirms or refuses it with the reason and, when confirming, the document
  (`decide_objective_cause`): the head of the task's unit (or of a unit above it), and for a cadre
  who heads a unit the Standing Committee; never the assignee;
- a confirmed product costs no penalty and counts on time and of the required quality
  (`task_rules.get_task_figures`), and the evaluation's reasons say how many products were excused;
- the confirmation comes before the month's evaluation is approved: an approved score is not changed
  after the fact.

Only these two methods write the fields (`Assigned Task.validate_objective_cause_fields` refuses any
other save that sets them, whoever sends it).
"""

import frappe
from frappe import _
from frappe.utils import cint, getdate, today

from soson_discipline.notifications import notify
from soson_discipline.org import (
	STANDING_COMMITTEE_ROLE,
	get_cadre_user,
	get_role_users,
	get_unit_head_users,
	get_user_cadre,
	get_user_units,
	headed_units,
)
from soson_discipline.states import EVAL_APPROVED, TASK_QUALITY_FAILED
from soson_discipline.utils.hygiene import shown

OBJECTIVE_CAUSE_FIELDS = (
	"objective_cause_requested",
	"objective_cause_claim",
	"objective_cause_requested_on",
	"objective_cause_confirmed",
	"objective_cause_reason",
	"objective_cause_confirmed_by",
	"objective_cause_confirmed_on",
	"objective_cause_attachment",
)


def needs_objective_cause(task) -> bool:
	"""A delay or a failed assessment to explain."""
	return bool(
		cint(task.is_late)
		or cint(task.delay_count)
		or cint(task.failed_assessments)
		or task.quality_result == TASK_QUALITY_FAILED
	)


def can_claim_objective_cause(task, user: str | None = None) -> bool:
	user = user or frappe.session.user
	return bool(task.assignee) and get_cadre_user(task.assignee) == user


def can_confirm_objective_cause(task, user: str | None = None) -> bool:
	"""The competent level: the Standing Committee for anyone, the head of the task's unit (or of a
	unit above it) for a cadre who heads no unit; never the assignee."""
	user = user or frappe.session.user
	if can_claim_objective_cause(task, user):
		return False
	if STANDING_COMMITTEE_ROLE in frappe.get_roles(user):
		return True
	if headed_units(task.assignee):
		return False
	return task.organization_unit in get_user_units(user)


def confirmer_users(task) -> set[str]:
	"""Those told of a claim: the heads of the task's unit, or the Standing Committee for a head."""
	if headed_units(task.assignee):
		users = set(get_role_users(STANDING_COMMITTEE_ROLE))
	else:
		users = set(get_unit_head_users(task.organization_unit, climb=False))
	return users - {get_cadre_user(task.assignee)}


@frappe.whitelist(methods=["POST"])
def request_objective_cause(task: str, claim: str):
	"""The assignee claims an objective cause for the delay or the failure of `task`."""
	doc = frappe.get_doc("Assigned Task", task)
	doc.check_permission("read")
	if not can_claim_objective_cause(doc):
		frappe.throw(
			_("Only the assignee claims an objective cause for the delay or failure of {0}.").format(
				frappe.bold(doc.name)
			),
			title=_("Not Permitted"),
			exc=frappe.PermissionError,
		)
	check_open_to_a_claim(doc)
	claim = (claim or "").strip()
	if not claim:
		frappe.throw(
			_("{0} is required: say what caused the delay or the failure.").format(
				frappe.bold(_("Claimed Cause"))
			),
			title=_("Missing Value"),
		)
	doc.update(
		{
			"objective_cause_requested": 1,
			"objective_cause_claim": claim,
			"objective_cause_requested_on": today(),
		}
	)
	save_step(doc)
	doc.add_comment("Comment", _("Objective cause claimed: {0}").format(frappe.bold(shown(claim, 500))))

	def subject(lang):
		return _("{0} claims an objective cause for {1}", lang=lang).format(
			frappe.db.get_value("Cadre", doc.assignee, "full_name"), doc.title
		)

	notify(confirmer_users(doc), subject, doc.doctype, doc.name, message=claim)
	return doc.as_dict()


@frappe.whitelist(methods=["POST"])
def decide_objective_cause(task: str, confirm, reason: str, attachment: str | None = None):
	"""The competent level confirms (`confirm` true) or refuses the claimed objective cause of `task`,
	with the reason, and the confirming document when confirming."""
	doc = frappe.get_doc("Assigned Task", task)
	doc.check_permission("read")
	if not can_confirm_objective_cause(doc):
		frappe.throw(
			_(
				"Only the head of {0} confirms an objective cause, or the Standing Committee for a cadre who heads a unit; never the assignee."
			).format(frappe.bold(doc.organization_unit)),
			title=_("Not Permitted"),
			exc=frappe.PermissionError,
		)
	if not doc.objective_cause_requested or doc.objective_cause_confirmed:
		frappe.throw(
			_("{0} has no objective cause claimed and awaiting a decision.").format(frappe.bold(doc.name)),
			title=_("Nothing to Decide"),
		)
	check_evaluation_open(doc)
	reason = (reason or "").strip()
	if not reason:
		frappe.throw(
			_("{0} is required.").format(frappe.bold(_("Confirmation Reason"))),
			title=_("Missing Value"),
		)
	confirm = cint(confirm) if not isinstance(confirm, str) else int(confirm.lower() in ("1", "true", "yes"))
	cadre = get_user_cadre()
	if confirm:
		doc.update(
			{
				"objective_cause_confirmed": 1,
				"objective_cause_reason": reason,
				"objective_cause_confirmed_by": cadre.name if cadre else None,
				"objective_cause_confirmed_on": today(),
				"objective_cause_attachment": attach_to_task(attachment, doc.name) if attachment else None,
			}
		)
	else:
		doc.objective_cause_requested = 0
	doc.flags.objective_cause_event = (
		"Objective Cause Confirmed" if confirm else "Objective Cause Refused",
		reason,
	)
	save_step(doc)
	refresh_open_evaluations(doc)

	def subject(lang):
		template = "Objective cause of {0} confirmed" if confirm else "Objective cause of {0} refused"
		return _(template, lang=lang).format(doc.title)

	notify({get_cadre_user(doc.assignee)}, subject, doc.doctype, doc.name, message=reason)
	return doc.as_dict()


def check_open_to_a_claim(doc):
	if not needs_objective_cause(doc):
		frappe.throw(
			_("{0} is neither late nor failed: there is no delay or failure to explain.").format(
				frappe.bold(doc.name)
			),
			title=_("Nothing to Explain"),
		)
	if doc.objective_cause_confirmed:
		frappe.throw(
			_("The objective cause of {0} is already confirmed.").format(frappe.bold(doc.name)),
			title=_("Already Confirmed"),
		)
	check_evaluation_open(doc)


def check_evaluation_open(doc):
	"""The cause counts in the evaluation of the period of the task's due date: once that evaluation
	is approved, its score stands."""
	approved = evaluation_approved_for(doc.assignee, doc.due_date)
	if approved:
		frappe.throw(
			_(
				"The evaluation {0} of the period of the due date is already approved: an objective cause is confirmed before the evaluation it counts in."
			).format(frappe.bold(approved)),
			title=_("Evaluation Approved"),
		)


def evaluation_approved_for(cadre: str | None, date) -> str | None:
	if not cadre or not date:
		return None
	rows = frappe.get_all(
		"Cadre Evaluation",
		filters={
			"cadre": cadre,
			"docstatus": 1,
			"workflow_state": EVAL_APPROVED,
			"period_start": ("<=", getdate(date)),
			"period_end": (">=", getdate(date)),
		},
		pluck="name",
		limit=1,
	)
	return rows[0] if rows else None


def save_step(doc):
	"""Save a claim or a decision: the method has checked who acts; the task's other rules hold."""
	doc.flags.objective_cause_step = True
	doc.flags.ignore_permissions = True
	doc.save()


def attach_to_task(file_url: str, task: str) -> str:
	"""The confirming document, uploaded by the user, becomes a private file of the task (read with
	it); returns its address."""
	name = frappe.db.get_value(
		"File",
		{"file_url": file_url, "owner": frappe.session.user, "attached_to_name": ("is", "not set")},
		"name",
	) or frappe.db.get_value(
		"File",
		{"file_url": file_url, "attached_to_doctype": "Assigned Task", "attached_to_name": task},
		"name",
	)
	if not name:
		frappe.throw(
			_("{0}: upload the confirming document here (entered: {1}).").format(
				frappe.bold(_("Confirmation Document")), shown(file_url)
			),
			title=_("Invalid Attachment"),
		)
	file = frappe.get_doc("File", name)
	file.update(
		{
			"attached_to_doctype": "Assigned Task",
			"attached_to_name": task,
			"attached_to_field": "objective_cause_attachment",
			"is_private": 1,
		}
	)
	file.save(ignore_permissions=True)
	return file.file_url


def refresh_open_evaluations(doc):
	from soson_discipline.evaluation.cycle import refresh_evaluations

	if doc.assignee and doc.due_date:
		refresh_evaluations(doc.assignee, doc.due_date)
