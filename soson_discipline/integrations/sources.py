"""The office's other systems (Decree 335/2025 Art. 26): who an integration user is and what it may touch.

An `Integration Source` names a system (its code, e.g. the commune's document-management system),
the user it signs in as (Frappe API key and secret) and the units it writes into. That user holds
the `Integration` role (granted and withdrawn by the app, `roles.get_due_roles`) and, through the
scope rules (`permissions.SCOPES`, `Scope.source_field`), reaches only the Assigned Tasks it created
in those units and the units below them: no evaluation, violation or person beyond what a task
names. The write guards read the same units (`guards.check_write_scope`); no User Permissions are
kept.

The source is read once per request (`frappe.local`), and only for users holding the role.
"""

import frappe
from frappe import _
from frappe.utils import cstr

from soson_discipline.org import get_subtree_units
from soson_discipline.states import CADRE_ACTIVE

SOURCE = "Integration Source"
INTEGRATION_ROLE = "Integration"
BY_CADRE_ID = "Cadre ID"
BY_USER_EMAIL = "User Email"
_MEMO = "soson_integration_sources"


def get_source(user: str | None = None) -> frappe._dict | None:
	"""The enabled Integration Source whose API user is `user` (name, system_name,
	people_identified_by, units: every unit it writes into, with the units below them), or None."""
	user = user or frappe.session.user
	if INTEGRATION_ROLE not in frappe.get_roles(user):
		return None
	memo = getattr(frappe.local, _MEMO, None)
	if memo is None:
		memo = {}
		setattr(frappe.local, _MEMO, memo)
	if user not in memo:
		memo[user] = _read_source(user)
	return memo[user]


def _read_source(user: str) -> frappe._dict | None:
	source = frappe.db.get_value(
		SOURCE,
		{"api_user": user, "enabled": 1},
		["name", "system_name", "people_identified_by"],
		as_dict=True,
	)
	if not source:
		return None
	roots = frappe.get_all(
		"Integration Source Unit",
		filters={"parent": source.name, "parenttype": SOURCE},
		pluck="organization_unit",
	)
	units: list[str] = []
	for root in roots:
		units.extend(u for u in get_subtree_units(root) if u not in units)
	source.units = units
	return source


def forget_sources() -> None:
	"""Forget what this request read (a source was changed)."""
	setattr(frappe.local, _MEMO, {})


def source_units(user: str | None = None) -> list[str]:
	"""The units the user's system writes into ([] for anyone who is not a system's API user)."""
	source = get_source(user)
	return list(source.units) if source else []


def is_source_user(user: str) -> bool:
	"""Whether `user` is the API user of an enabled source (the Integration role is then due)."""
	return bool(frappe.db.exists(SOURCE, {"api_user": user, "enabled": 1}))


def is_source_record(doc, user: str | None = None) -> bool:
	"""Whether `doc` (an Assigned Task) was created by the user's system and lies in its units."""
	source = get_source(user)
	return bool(
		source and doc.get("external_system") == source.name and doc.get("organization_unit") in source.units
	)


def resolve_cadre(source, value, label: str) -> str | None:
	"""The Cadre a system names, by the source's convention (a Cadre ID, or a desk user's email);
	refused with the field's label when nobody, or nobody active, is named so."""
	value = cstr(value).strip()
	if not value:
		return None
	if source.people_identified_by == BY_USER_EMAIL:
		cadre = frappe.db.get_value("Cadre", {"user": value.lower()}, ["name", "status"], as_dict=True)
	else:
		cadre = frappe.db.get_value("Cadre", value, ["name", "status"], as_dict=True)
	if not cadre:
		frappe.throw(
			_("{0}: no cadre is identified by {1} ({2}).").format(
				frappe.bold(label), frappe.bold(value), _(source.people_identified_by)
			),
			title=_("Invalid Value"),
			exc=frappe.LinkValidationError,
		)
	if cadre.status != CADRE_ACTIVE:
		frappe.throw(
			_("{0}: cadre {1} is not active.").format(frappe.bold(label), frappe.bold(value)),
			title=_("Invalid Value"),
			exc=frappe.ValidationError,
		)
	return cadre.name
