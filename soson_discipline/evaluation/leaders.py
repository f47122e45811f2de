"""A leader's month follows the units he or she leads (issue 22 item 4).

Under a policy whose leader's task results follow the unit (`Evaluation Policy.leader_unit_factor`,
Decree 335/2025: the unit's operating result, 100 % or 50 %), a leader's evaluation depends on the
results of the units he or she heads or, as a deputy, is responsible for (`org.led_units`). When such
a result changes (rated, approved, returned, cancelled, or its level changed):

- a leader's evaluation not yet approved is worked out again at once (the version history keeps it);
- an approved one is not re-scored: where the office lets heads be approved before their units
  (Discipline Settings' `Approve Heads After Their Units` off) or a result below changed afterwards,
  it is flagged for re-approval (`Cadre Evaluation.reapproval_note`, allowed on submit, with a
  timeline comment), and its approvers are told. The flag goes when the factor is back to what was
  approved.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import flt

from soson_discipline.evaluation.inputs import get_scoring_policy, unit_result_factor
from soson_discipline.notifications import notify
from soson_discipline.org import get_ancestor_units, get_approver_users, leaders_of_units


def leaders_above(unit: str | None) -> set[str]:
	"""The cadres leading `unit` or a unit above it directly (their heads and responsible deputies)."""
	return set().union(*leaders_of_units(get_ancestor_units(unit)).values()) if unit else set()


def result_changed(doc) -> bool:
	"""Whether a save of `doc` (a Cadre Evaluation) can change what a leader's unit factor reads."""
	return any(doc.has_value_changed(field) for field in ("workflow_state", "final_level", "docstatus"))


def follow_unit_result(doc) -> None:
	"""After an evaluation's result changed: work the evaluations of the same period of the leaders
	above its unit out again, or flag the approved ones whose unit factor moved (module docstring)."""
	if not frappe.db.exists("Evaluation Policy", {"leader_unit_factor": 1}):
		return
	leaders = leaders_above(doc.organization_unit) - {doc.cadre}
	if not leaders:
		return
	ce, ep = DocType("Cadre Evaluation"), DocType("Evaluation Policy")
	rows = (
		frappe.qb.from_(ce)
		.join(ep)
		.on(ep.name == ce.evaluation_policy)
		.select(ce.name)
		.where(
			(ce.evaluation_period == doc.evaluation_period)
			& ce.cadre.isin(sorted(leaders))
			& (ce.docstatus < 2)
			& (ce.is_leader == 1)
			& (ep.leader_unit_factor == 1)
		)
		.orderby(ce.name)
		.run(pluck=True)
	)
	for name in rows:
		leader = frappe.get_doc("Cadre Evaluation", name)
		factor = unit_result_factor(leader, get_scoring_policy(leader.evaluation_policy)) * 100
		if leader.docstatus == 0:
			if flt(factor) != flt(leader.unit_factor):
				leader.flags.ignore_evaluation_rules = True
				leader.flags.ignore_permissions = True
				leader.save(ignore_version=False)
		else:
			flag_for_reapproval(leader, factor)


def flag_for_reapproval(leader, factor: float) -> None:
	"""Keep an approved leader's `reapproval_note` in step with the unit factor it would get now. An
	evaluation approved before the factor was recorded on it (`unit_factor` empty) is left alone: what
	it was approved with is not known."""
	if not flt(leader.unit_factor):
		return
	note = None
	if flt(factor) != flt(leader.unit_factor):
		note = _(
			"Approved with a unit operating result of {0}%; a result in the units led changed it to {1}% afterwards. Cancel and amend the evaluation to approve it again (Decree 335/2025; Regulation 366-QĐ/TW: the head after the unit)."
		).format(frappe.format(leader.unit_factor, "Float"), frappe.format(factor, "Float"))
	if (leader.reapproval_note or None) == note:
		return
	leader.db_set("reapproval_note", note, update_modified=False)
	if not note:
		return
	leader.add_comment("Info", note)
	period = (
		frappe.db.get_value("Evaluation Period", leader.evaluation_period, "title")
		or leader.evaluation_period
	)
	notify(
		get_approver_users(leader.organization_unit, True),
		lambda lang: _("The approved evaluation of {0} ({1}) needs approving again.", lang=lang).format(
			leader.cadre_name, period
		),
		"Cadre Evaluation",
		leader.name,
		message=note,
	)
