"""One table of steps per workflow DocType (issue 26): each transition, who may take it — the roles the
workflow fixture allows, and the rule on the document (the action right the controller and the guard
enforce) — what it records and what follows.

The workflow fixtures (`fixtures/workflow.json`) and the action rights are held to this table by
`tests/test_workflow_steps.py`: the fixture's transitions and their roles are exactly the table's, and
on documents in each state the desk offers a step to exactly the users the table's rule allows (a
button the controller would refuse, or a right the desk hides, fails the test). The controllers and
`guards.py` take the steps through the workflow; the table is where a reader finds them in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import frappe

from soson_discipline.campaign.extensions import can_decide_extension
from soson_discipline.org import STANDING_COMMITTEE_ROLE, get_user_units
from soson_discipline.permissions import (
	can_approve_evaluation,
	can_approve_plan,
	can_rate,
	can_self_assess,
	can_verify_violation,
	is_presiding,
)
from soson_discipline.states import (
	CLASSIFICATION_APPROVED,
	CLASSIFICATION_DRAFT,
	CLASSIFICATION_PENDING,
	EVAL_APPROVED,
	EVAL_DRAFT,
	EVAL_RATED,
	EVAL_RETURNED,
	EVAL_SELF_ASSESSED,
	EXTENSION_APPROVED,
	EXTENSION_REJECTED,
	EXTENSION_REQUESTED,
	EXTENSION_WITHDRAWN,
	PLAN_CLOSED,
	PLAN_DRAFT,
	PLAN_ISSUED,
	PLAN_PENDING,
	PLAN_REJECTED,
	REPORT_DRAFT,
	REPORT_SUBMITTED,
	VIOLATION_CLOSED,
	VIOLATION_CORRECTED,
	VIOLATION_CORRECTION_REQUIRED,
	VIOLATION_DISMISSED,
	VIOLATION_REPORTED,
	VIOLATION_VERIFIED,
)
from soson_discipline.violations.subjects import subject_users

DA, SC, UH, RATER, INSPECTOR, CADRE = (
	"Discipline Administrator",
	STANDING_COMMITTEE_ROLE,
	"Unit Head",
	"Rater",
	"Inspector",
	"Cadre",
)


@dataclass(frozen=True)
class Step:
	"""One transition: from `state` by `action` to `next_state`, offered to `roles` where `right`
	holds for the document and the user (None: the role and the read scope are the whole rule)."""

	state: str
	action: str
	next_state: str
	roles: tuple[str, ...]
	right: Callable | None
	records: str = ""
	follows: str = ""


# --------------------------------------------------------------------------------------------------
# The rules on the document (each (doc, user) -> bool), where an action right alone does not say it
# --------------------------------------------------------------------------------------------------


def not_about_user(doc, user: str) -> bool:
	"""Nobody takes a step on a record about himself or herself (or a collective he or she leads)."""
	return user not in subject_users(doc)


def verifies(doc, user: str) -> bool:
	"""Inspectors and the presiding board, on a record not about themselves."""
	return can_verify_violation(user) and not_about_user(doc, user)


def corrects(doc, user: str) -> bool:
	"""The verifiers, or a head of the record's unit (or above), on a record not about themselves."""
	return verifies(doc, user) or (
		doc.get("organization_unit") in get_user_units(user) and not_about_user(doc, user)
	)


def proposes_classification(doc, user: str) -> bool:
	"""Whoever may draft the classifications (a head, the board), never about himself or herself."""
	return doc.get("cadre_user") != user


def approves_classification(doc, user: str) -> bool:
	"""The Standing Committee, never about himself or herself."""
	return STANDING_COMMITTEE_ROLE in frappe.get_roles(user) and doc.get("cadre_user") != user


def decides_extension(doc, user: str) -> bool:
	return can_decide_extension(doc, user=user)


def withdraws_extension(doc, user: str) -> bool:
	"""The requester only."""
	return doc.get("requested_by_user") == user


def submits_report(doc, user: str) -> bool:
	"""The board, or a head whose subtree holds the reporting unit and the units covered."""
	if is_presiding(user, doc.doctype):
		return True
	units = set(get_user_units(user))
	return all(doc.get(f) in units for f in ("organization_unit", "covered_unit") if doc.get(f))


STEPS: dict[str, tuple[Step, ...]] = {
	"Unit Plan": (
		Step(
			PLAN_DRAFT, "Submit for Approval", PLAN_PENDING, (DA, SC, UH), None, "", "the approvers are told"
		),
		Step(
			PLAN_PENDING,
			"Issue",
			PLAN_ISSUED,
			(DA, SC, UH),
			can_approve_plan,
			"submitted: the plan's rows become tasks of their lead units",
			"the lead units' heads are told",
		),
		Step(
			PLAN_PENDING, "Reject", PLAN_REJECTED, (DA, SC, UH), can_approve_plan, "", "the drafter is told"
		),
		Step(PLAN_REJECTED, "Reopen", PLAN_DRAFT, (DA, SC, UH), None),
		Step(PLAN_ISSUED, "Close", PLAN_CLOSED, (DA, SC, UH), can_approve_plan, "no more reports owed"),
	),
	"Cadre Evaluation": (
		Step(
			EVAL_DRAFT,
			"Self-Assess",
			EVAL_SELF_ASSESSED,
			(CADRE,),
			can_self_assess,
			"self_assessed_on; the rater's scores start from the cadre's",
			"the rater (and whoever acts for him or her) is told",
		),
		Step(EVAL_RETURNED, "Self-Assess", EVAL_SELF_ASSESSED, (CADRE,), can_self_assess, "self_assessed_on"),
		Step(
			EVAL_SELF_ASSESSED,
			"Rate Evaluation",
			EVAL_RATED,
			(RATER, SC),
			can_rate,
			"rated_on; the final scores start from the rater's",
			"the approvers and the cadre are told",
		),
		Step(
			EVAL_SELF_ASSESSED,
			"Return",
			EVAL_RETURNED,
			(RATER, SC),
			can_rate,
			"the return reason",
			"the cadre is told",
		),
		Step(
			EVAL_RATED,
			"Approve",
			EVAL_APPROVED,
			(UH, SC),
			can_approve_evaluation,
			"submitted: approver, approved_on",
			"the cadre is told; the year is recounted; a leader's month follows his units",
		),
		Step(
			EVAL_RATED,
			"Return",
			EVAL_RETURNED,
			(UH, SC),
			can_approve_evaluation,
			"the return reason",
			"the cadre is told",
		),
	),
	"Violation Record": (
		Step(
			VIOLATION_REPORTED,
			"Verify",
			VIOLATION_VERIFIED,
			(INSPECTOR, DA),
			verifies,
			"submitted: verified_by, verified_on",
			"the cadre is told; the evaluations of its period are worked out again",
		),
		Step(
			VIOLATION_REPORTED,
			"Dismiss",
			VIOLATION_DISMISSED,
			(INSPECTOR, DA),
			verifies,
			"the dismissal reason",
		),
		Step(
			VIOLATION_VERIFIED,
			"Require Correction",
			VIOLATION_CORRECTION_REQUIRED,
			(INSPECTOR, DA),
			verifies,
			"",
			"the unit's heads and those responsible are told",
		),
		Step(VIOLATION_VERIFIED, "Close", VIOLATION_CLOSED, (INSPECTOR, DA), verifies, "closed_on"),
		Step(
			VIOLATION_VERIFIED,
			"Dismiss",
			VIOLATION_DISMISSED,
			(INSPECTOR, DA),
			verifies,
			"the dismissal reason",
		),
		Step(
			VIOLATION_CORRECTION_REQUIRED,
			"Mark Corrected",
			VIOLATION_CORRECTED,
			(INSPECTOR, DA, UH),
			corrects,
			"every corrective action completed",
			"the verifier is told",
		),
		Step(
			VIOLATION_CORRECTED,
			"Require Correction",
			VIOLATION_CORRECTION_REQUIRED,
			(INSPECTOR, DA),
			verifies,
		),
		Step(VIOLATION_CORRECTED, "Close", VIOLATION_CLOSED, (INSPECTOR, DA), verifies, "closed_on"),
	),
	"Periodic Report": (
		Step(
			REPORT_DRAFT,
			"Submit",
			REPORT_SUBMITTED,
			(UH, DA),
			submits_report,
			"submitted: the figures as they stood",
			"the unit reported to reads it",
		),
	),
	"Cadre Classification": (
		Step(
			CLASSIFICATION_DRAFT,
			"Submit for Approval",
			CLASSIFICATION_PENDING,
			(UH, DA),
			proposes_classification,
		),
		Step(
			CLASSIFICATION_PENDING,
			"Approve",
			CLASSIFICATION_APPROVED,
			(SC,),
			approves_classification,
			"submitted: approved_by, approved_on, within the pool's quota",
		),
		Step(CLASSIFICATION_PENDING, "Return", CLASSIFICATION_DRAFT, (SC,), approves_classification),
	),
	"Task Extension Request": (
		Step(
			EXTENSION_REQUESTED,
			"Approve",
			EXTENSION_APPROVED,
			(UH, RATER, SC, DA),
			decides_extension,
			"submitted: the task's due date moved, kept in its history (not a delay)",
			"the requester and the assignee are told",
		),
		Step(
			EXTENSION_REQUESTED,
			"Reject",
			EXTENSION_REJECTED,
			(UH, RATER, SC, DA),
			decides_extension,
			"the reason",
		),
		Step(EXTENSION_REQUESTED, "Withdraw", EXTENSION_WITHDRAWN, (CADRE, UH), withdraws_extension),
	),
}


def fixture_rows(doctype: str) -> set[tuple[str, str, str, str]]:
	"""(state, action, next state, role) of every transition the table gives `doctype`."""
	return {
		(step.state, step.action, step.next_state, role) for step in STEPS[doctype] for role in step.roles
	}


def allowed(doc, action: str, user: str, roles) -> bool:
	"""Whether the table lets `user` (holding `roles`) take `action` on `doc` in its state."""
	state = doc.get("workflow_state")
	return any(
		step.state == state
		and step.action == action
		and set(step.roles) & set(roles)
		and (step.right is None or step.right(doc, user))
		for step in STEPS[doc.doctype]
	)
