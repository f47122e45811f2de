"""Whom a Violation Record is about, as people: read by its controller (nobody takes a step on a
record about himself or herself) and by the notices of its steps (`notifications`); and the cadre
concerned heard: his or her explanation, written on the record."""

import frappe
from frappe import _
from frappe.utils import cint

from soson_discipline.org import get_cadre_user, get_cadre_users, leaders_of_units
from soson_discipline.states import (
	VIOLATION_CORRECTED,
	VIOLATION_CORRECTION_REQUIRED,
	VIOLATION_REPORTED,
	VIOLATION_VERIFIED,
)


def subject_users(record) -> set[str]:
	"""The desk users a Violation Record is about: its cadre's, or for a collective violation those of
	the leaders of its unit (its head and the deputies responsible for it)."""
	if cint(record.get("collective")):
		unit = record.get("organization_unit")
		return set(get_cadre_users(leaders_of_units([unit]).get(unit, ())).values())
	user = get_cadre_user(record.get("cadre"))
	return {user} if user else set()


# The steps at which the cadre concerned is heard: from the report until the record is closed or
# dismissed, so that the explanation is before the verifier and before whoever decides a discipline
# (the Party's and the State's discipline rules hear the person concerned before concluding; the
# exact articles are to be checked against the official texts).
EXPLANATION_STATES = (
	VIOLATION_REPORTED,
	VIOLATION_VERIFIED,
	VIOLATION_CORRECTION_REQUIRED,
	VIOLATION_CORRECTED,
)


def can_explain(record, user: str | None = None) -> bool:
	"""The cadre a (non-collective) record is about may write his or her explanation while the record
	is open."""
	user = user or frappe.session.user
	return (
		not cint(record.get("collective"))
		and record.get("docstatus") in (0, 1)
		and record.get("workflow_state") in EXPLANATION_STATES
		and bool(record.get("cadre"))
		and get_cadre_user(record.get("cadre")) == user
	)


def write_explanation(record, explanation: str | None) -> dict:
	"""The cadre concerned writes (or corrects) his or her explanation on the record (the field is
	the cadre's own: the record's other fields stay as the inspectors left them)."""
	if not can_explain(record):
		frappe.throw(
			_("Only the cadre this record is about writes the explanation, while the record is open."),
			title=_("Not Permitted"),
			exc=frappe.PermissionError,
		)
	record.cadre_explanation = (explanation or "").strip() or None
	record.flags.ignore_permissions = True
	record.save()
	return {"cadre_explanation": record.cadre_explanation}
