"""Write scope and workflow integrity of the scoped DocTypes (`permissions.SCOPES`).

Frappe's `has_permission` judges a document *as edited*: naming oneself or one's unit in a field
would grant the write. These document events judge the change itself:

Write scope (`check_write`, before every save, submit, cancel and update after submit: it judges
what the user sent, before the controller derives anything from it)
- an existing record may be changed only by a user who may touch it **before** the change (and, as
  Frappe checks, after it);
- the fields that decide whose record it is (`Scope.write_fields`) are changed only by the presiding
  roles, or by a Unit Head when the old and the new value both lie in his or her subtree;
- nobody changes those fields on a record about himself or herself (`Scope.subject_field`);
- a new record names units of the user's subtree (a Unit Head) or his or her own unit (anyone else),
  and cadres working there; an office's other system (`integrations.sources`) stands where a Unit
  Head would, over the units it writes into.

Workflow integrity (every DocType with a workflow)
- a new record is saved as a draft in the workflow's first state;
- `docstatus` and `workflow_state` move only along a transition of the workflow that the user may
  take (role, condition, self-approval), which is what a workflow action does; a direct submit, a
  state written through the API, or a submit that leaves the state behind is refused;
- the plain Cancel of Frappe stays available where the workflow itself has no cancelling transition.

System work (the Administrator, jobs and installs, and saves made with `ignore_permissions`) is
exempt: it runs the app's own rules, not a user's request.
"""

import frappe
from frappe import _
from frappe.model.workflow import get_transitions, get_workflow_name, has_approval_access

from soson_discipline.acting import POST_HEAD, assignments_of
from soson_discipline.integrations.sources import source_units
from soson_discipline.org import get_subtree_units, get_user_cadre, get_user_units, head_units
from soson_discipline.permissions import SCOPES, has_permission, is_presiding


class WriteScopeError(frappe.PermissionError):
	"""A change outside the user's scope, or of a field that decides it."""


class WorkflowBypassError(frappe.PermissionError):
	"""A change of `docstatus` or `workflow_state` that is not a workflow transition the user may take."""


def check_write(doc, method: str | None = None):
	"""Document event of every scoped DocType (`before_validate`, `before_cancel`,
	`before_update_after_submit`)."""
	if is_system_write(doc):
		return
	user = frappe.session.user
	action = check_workflow(doc, user)
	check_write_scope(doc, user)
	find_acting_step(doc, user, action)


def find_acting_step(doc, user: str, action: str | None):
	"""A step (a workflow action, or a submit or cancel of a DocType without a workflow) taken by a
	cadre acting for someone else (`acting.py`) is kept in `doc.flags.acting_step`, for the record's
	timeline after the save (`acting.note_acting_step`)."""
	if not action:
		before = None if doc.is_new() else doc.get_doc_before_save()
		if before is None or before.docstatus == doc.docstatus:
			return
		action = "Submit" if doc.docstatus == 1 else "Cancel"
	cadre = get_user_cadre(user)
	if not cadre:
		return
	own, _acting = head_units(user)
	row = covering_assignment(doc, cadre.name, SCOPES[doc.doctype].unit_fields, own)
	if row:
		doc.flags.acting_step = (row, action, cadre.full_name)


def covering_assignment(doc, cadre: str, unit_fields, own_units) -> frappe._dict | None:
	"""The acting assignment (`acting.py`) under which `cadre` takes a step on `doc` today, or None
	when he or she acts in his or her own right: a post for the cadre named as `doc`'s rater, else a
	Unit Head post whose unit holds one of `doc`'s units (when his or her own units do not)."""
	rows = assignments_of(cadre)
	rater = doc.get("rater") if doc.meta.has_field("rater") else None
	if rater and rater != cadre:
		for row in rows:
			if row.for_cadre == rater:
				return row
	units = {doc.get(f) for f in unit_fields if doc.get(f)}
	if units and not (units & set(own_units)):
		for row in rows:
			if row.post == POST_HEAD and units & set(get_subtree_units(row.organization_unit)):
				return row
	return None


def is_system_write(doc) -> bool:
	return bool(
		frappe.session.user == "Administrator"
		or doc.flags.ignore_permissions
		or frappe.flags.in_install
		or frappe.flags.in_migrate
		or frappe.flags.in_patch
	)


# --------------------------------------------------------------------------------------------------
# Write scope
# --------------------------------------------------------------------------------------------------


def check_write_scope(doc, user: str):
	scope = SCOPES.get(doc.doctype)
	if scope is None:
		return
	before = None if doc.is_new() else doc.get_doc_before_save()
	changed = [f for f in scope.write_fields if _value(doc, f) != _value(before, f)]

	if before is not None:
		if changed and is_about_user(before, scope, user):
			refuse_fields(doc, changed, _("Nobody changes {0} on a record about himself or herself."))
		if not is_presiding(user, doc.doctype) and not has_permission(before, "write", user):
			raise_scope_error(
				_("You cannot change {0} {1}: it is outside your scope.").format(
					_(doc.doctype), frappe.bold(doc.name)
				)
			)

	if is_presiding(user, doc.doctype) or not changed:
		return

	# a Unit Head's subtree, or the units an office's other system writes into
	units = get_user_units(user) or source_units(user)
	if before is None:
		allowed = set(units) or own_units(user)
		wrong = [f for f in changed if not value_lies_in(doc, f, _value(doc, f), allowed, user)]
		if wrong:
			refuse_fields(
				doc,
				wrong,
				_("You can only create records for your own unit or the units under you; check {0}.")
				if units
				else _("You can only create records for your own unit; check {0}."),
			)
		return

	if not units:
		refuse_fields(doc, changed, _("Only the presiding board or the head of the unit can change {0}."))
	allowed = set(units)
	wrong = [
		f
		for f in changed
		if not (
			value_lies_in(before, f, _value(before, f), allowed, user)
			and value_lies_in(doc, f, _value(doc, f), allowed, user)
		)
	]
	if wrong:
		refuse_fields(
			doc,
			wrong,
			_("{0}: both the old and the new value must lie in the units you head."),
		)


def _value(doc, fieldname: str):
	if doc is None:
		return None
	value = doc.get(fieldname)
	if doc.meta.get_field(fieldname) and doc.meta.get_field(fieldname).fieldtype == "Check":
		return int(value or 0)
	return value or None


def is_about_user(doc, scope, user: str) -> bool:
	if not scope.subject_field:
		return False
	cadre = get_user_cadre(user)
	return bool(cadre and doc.get(scope.subject_field) == cadre.name)


def own_units(user: str) -> set[str]:
	cadre = get_user_cadre(user)
	return {cadre.organization_unit} if cadre and cadre.organization_unit else set()


def value_lies_in(doc, fieldname: str, value, units: set[str], user: str) -> bool:
	"""Whether `value` of `fieldname` lies in `units`: a unit by itself, a cadre by the unit he or she
	works in (the user himself or herself always does); other kinds of field (a check, a user) follow
	the record's own unit fields."""
	if not value:
		return True
	df = doc.meta.get_field(fieldname)
	if df.fieldtype == "Link" and df.options == "Organization Unit":
		return value in units
	if df.fieldtype == "Link" and df.options == "Cadre":
		cadre = get_user_cadre(user)
		if cadre and cadre.name == value:
			return True
		return frappe.db.get_value("Cadre", value, "organization_unit") in units
	scope = SCOPES[doc.doctype]
	return (
		any(doc.get(f) in units for f in scope.write_fields if _is_unit_link(doc, f) and doc.get(f))
		or doc.get("organization_unit") in units
	)


def _is_unit_link(doc, fieldname: str) -> bool:
	df = doc.meta.get_field(fieldname)
	return bool(df and df.fieldtype == "Link" and df.options == "Organization Unit")


def refuse_fields(doc, fieldnames: list[str], message: str):
	labels = ", ".join(_(doc.meta.get_label(f)) for f in fieldnames)
	raise_scope_error(message.format(frappe.bold(labels)))


def raise_scope_error(message: str):
	frappe.throw(message, title=_("Not Permitted"), exc=WriteScopeError)


# --------------------------------------------------------------------------------------------------
# Workflow integrity
# --------------------------------------------------------------------------------------------------


def check_workflow(doc, user: str) -> str | None:
	"""Refuse a change of state that is not a transition `user` may take; the action taken, if any."""
	workflow_name = get_workflow_name(doc.doctype)
	if not workflow_name:
		return
	workflow = frappe.get_cached_doc("Workflow", workflow_name)
	state_field = workflow.workflow_state_field
	first_state = workflow.states[0].state

	if doc.is_new():
		if doc.docstatus != 0 or (doc.get(state_field) or first_state) != first_state:
			refuse_workflow(
				_("A new {0} is saved as {1}; it moves on only by its workflow actions.").format(
					_(doc.doctype), frappe.bold(_(first_state))
				)
			)
		return

	before = doc.get_doc_before_save()
	if before is None:
		return
	old_state, new_state = before.get(state_field) or first_state, doc.get(state_field) or first_state
	if old_state == new_state and before.docstatus == doc.docstatus:
		return

	if before.docstatus == 1 and doc.docstatus == 2 and not has_cancelling_transition(workflow):
		# Frappe's own Cancel (the workflow has no cancelling action, so the desk offers it): only
		# into a cancelled state, if the controller sets one
		if old_state == new_state or is_cancelled_state(workflow, new_state):
			return

	transition = find_transition(before, new_state, user)
	if old_state == new_state or transition is None:
		refuse_workflow(
			_("{0} {1} moves from {2} only by a workflow action you may take.").format(
				_(doc.doctype), frappe.bold(doc.name), frappe.bold(_(old_state))
			)
		)
	state = next(s for s in workflow.states if s.state == new_state)
	if int(state.doc_status or 0) != int(doc.docstatus):
		refuse_workflow(
			_("{0} {1} in state {2} cannot have this document status.").format(
				_(doc.doctype), frappe.bold(doc.name), frappe.bold(_(new_state))
			)
		)
	return transition.action


def find_transition(before, new_state: str, user: str):
	"""The workflow transition from `before`'s state to `new_state` that `user` may take, or None."""
	for transition in get_transitions(before):
		if transition.next_state == new_state and has_approval_access(user, before, transition):
			return transition
	return None


def has_cancelling_transition(workflow) -> bool:
	"""Whether the workflow cancels by a transition of its own (then Frappe's Cancel is hidden)."""
	cancelled = {s.state for s in workflow.states if str(s.doc_status) == "2"}
	return any(t.next_state in cancelled for t in workflow.transitions)


def is_cancelled_state(workflow, state: str) -> bool:
	return any(s.state == state and str(s.doc_status) == "2" for s in workflow.states)


def refuse_workflow(message: str):
	frappe.throw(message, title=_("Not Permitted"), exc=WorkflowBypassError)
