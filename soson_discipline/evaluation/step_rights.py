"""Who may take each step of a Cadre Evaluation, and change which of its scores, notes and level
(issue 26: one home for the step rules). The controller's `apply_transition` reads one step top to
bottom and asks these; the rights themselves are `permissions.can_self_assess`, `can_rate` (the rater,
or whoever acts for him or her) and `can_approve_evaluation`:

- the cadre himself or herself enters `self_score` and the cadre's note (Draft/Returned) and
  self-assesses;
- the rater (never the cadre) enters `rater_score` and the rater's note and rates or returns;
- a Unit Head whose subtree holds the evaluation's unit approves (the Standing Committee for a
  leader's), may set `final_score` and override the level with a reason, or return; only the Standing
  Committee lifts a level forced by discipline (Decree 335/2025 Art. 20);
- a head's evaluation is approved after his or her units' (Regulation 124/366: the head last).
"""

import frappe
from frappe import _
from frappe.utils import cint, flt

from soson_discipline.evaluation.inputs import units_pending_before_head
from soson_discipline.org import STANDING_COMMITTEE_ROLE, get_user_cadre
from soson_discipline.permissions import can_approve_evaluation, can_rate, can_self_assess
from soson_discipline.states import EVAL_DRAFT, EVAL_RATED, EVAL_SELF_ASSESSED, EVAL_SELF_STATES

SCORE_LABELS = {"self_score": "Self Score", "rater_score": "Rater Score", "final_score": "Final Score"}


class EvaluationRuleError(frappe.PermissionError):
	"""A workflow step or an edit the session user may not make on this evaluation."""


class HeadBeforeUnitError(frappe.ValidationError):
	"""A head's evaluation approved while evaluations of the units he or she heads are pending."""


def check_score_rights(doc):
	"""Who changed which scores, notes and level of a saved evaluation, by its state before the save:
	the cadre his or her self-scores and note, the rater the rater's, the approver the final ones."""
	before = doc.get_doc_before_save()
	if doc.is_new() or not before or doc.privileged:
		return
	state = before.workflow_state or EVAL_DRAFT
	old_rows = {r.criterion: r for r in before.scores}
	for row in doc.manual_rows():
		old = old_rows.get(row.criterion)
		for fieldname in SCORE_LABELS:
			if old is not None and flt(row.get(fieldname)) == flt(old.get(fieldname)):
				continue
			if fieldname == "self_score":
				check_is_cadre(doc, state, _("enter the self-assessment"))
			elif fieldname == "rater_score":
				check_is_rater(doc, state, (EVAL_SELF_ASSESSED,), _("enter the rater's scores"))
			elif state in (*EVAL_SELF_STATES, EVAL_SELF_ASSESSED):
				continue  # final scores follow the self or rater scores until the evaluation is rated
			else:
				check_is_approver(doc, state, (EVAL_RATED,), _("set the final scores"))
	validate_note_rights(doc, state, old_rows)
	if (doc.final_level or "") != (before.final_level or "") or (doc.override_reason or "") != (
		before.override_reason or ""
	):
		if before.not_completed_forced:
			check_can_lift_forced_level(doc, state)
		elif state == EVAL_SELF_ASSESSED:
			check_is_rater(doc, state, (EVAL_SELF_ASSESSED,), _("override the level"))
		else:
			check_is_approver(doc, state, (EVAL_RATED,), _("override the level"))


def validate_note_rights(doc, state: str, old_rows: dict):
	"""Each row keeps the cadre's note and the rater's apart (issue 25): the cadre writes his or hers
	with the self-assessment, the rater with the rater's scores; neither replaces the other's."""
	for row in doc.scores:
		old = old_rows.get(row.criterion)
		for fieldname, check in (
			("self_note", lambda: check_is_cadre(doc, state, _("write the cadre's note"))),
			(
				"rater_note",
				lambda: check_is_rater(doc, state, (EVAL_SELF_ASSESSED,), _("write the rater's note")),
			),
		):
			if (row.get(fieldname) or "") != ((old.get(fieldname) if old else None) or ""):
				check()


def check_can_lift_forced_level(doc, state: str):
	"""Only the Standing Committee changes the level of an evaluation that discipline or a violation
	category forced to "not completed" (Decree 335 Art. 20), at approval, with a reason
	(`validate_final_level` asks for it); a lift is logged on the evaluation."""
	action = _("lift a level forced by discipline")
	check_state(state, (EVAL_RATED,), action)
	if is_own_evaluation(doc):
		refuse(_("A cadre cannot approve his or her own evaluation."))
	if STANDING_COMMITTEE_ROLE not in frappe.get_roles():
		refuse(
			_("{0} is rated {1} by discipline or a violation: only the Standing Committee can {2}.").format(
				frappe.bold(doc.cadre_name), frappe.bold(doc.computed_level), action
			)
		)
	doc.flags.forced_level_lifted = bool(doc.final_level and doc.final_level != doc.computed_level)


def refuse(message: str):
	frappe.throw(message, title=_("Not Allowed"), exc=EvaluationRuleError)


def check_state(state: str, allowed: tuple, action: str):
	if state not in allowed:
		refuse(_("You cannot {0} while the evaluation is {1}.").format(action, frappe.bold(_(state))))


def check_is_cadre(doc, state: str, action: str):
	check_state(state, EVAL_SELF_STATES, action)
	if not can_self_assess(doc):
		refuse(_("Only {0} himself or herself can {1}.").format(frappe.bold(doc.cadre_name), action))


def check_is_rater(doc, state: str, allowed: tuple, action: str):
	check_state(state, allowed, action)
	if is_own_evaluation(doc):
		refuse(_("A cadre cannot rate his or her own evaluation."))
	if not can_rate(doc):
		rater_name = frappe.db.get_value("Cadre", doc.rater, "full_name") if doc.rater else _("nobody")
		refuse(
			_("Only the rater of {0} ({1}) can {2}.").format(frappe.bold(doc.cadre_name), rater_name, action)
		)


def check_is_approver(doc, state: str, allowed: tuple, action: str):
	check_state(state, allowed, action)
	if is_own_evaluation(doc):
		refuse(_("A cadre cannot approve his or her own evaluation."))
	if can_approve_evaluation(doc):
		return
	if doc.is_leader:
		refuse(
			_("{0} is a leader: only the Standing Committee can {1}.").format(
				frappe.bold(doc.cadre_name), action
			)
		)
	refuse(
		_("Only the head of {0} or of a unit above it can {1}.").format(
			frappe.bold(doc.organization_unit), action
		)
	)


def is_own_evaluation(doc) -> bool:
	me = get_user_cadre()
	return bool(me and me.name == doc.cadre)


def check_unit_approved_first(doc):
	"""A head's evaluation is approved after those of the units he or she heads (Discipline
	Settings' `Approve Heads After Their Units`): the refusal names who is pending."""
	if not cint(frappe.db.get_single_value("Discipline Settings", "approve_heads_after_their_units")):
		return
	pending = units_pending_before_head(doc)
	if pending:
		shown = ", ".join(pending[:5]) + (
			_(" and {0} more").format(len(pending) - 5) if len(pending) > 5 else ""
		)
		frappe.throw(
			_(
				"{0} heads units whose evaluations of this period are not approved yet: {1}. The head's evaluation is approved last, after the unit's (Regulation 366-QĐ/TW)."
			).format(frappe.bold(doc.cadre_name), shown),
			title=_("Not Yet"),
			exc=HeadBeforeUnitError,
		)
