"""Who is who in the organisation: the one answer every part of the app uses.

- a user's own Cadre record, and the units a Unit Head oversees (his or her unit and every unit below
  it, by the nested set of Organization Unit);
- who heads a unit (its recorded `head_cadre`, else its active cadres holding the Unit Head role),
  optionally climbing to the nearest unit above that has a head;
- who approves an evaluation of a unit (the Standing Committee for a leader, else the Unit Heads of
  the unit or of a unit above it — the same people `permissions.can_approve_evaluation` lets act);
- whether a unit existed on a date (units ended on 30/6/2025 keep their history).
"""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import flt, getdate

from soson_discipline.acting import acting_head_units, acting_heads, stand_ins
from soson_discipline.states import CADRE_ACTIVE
from soson_discipline.utils import request_memo

UNIT_HEAD_ROLE = "Unit Head"
STANDING_COMMITTEE_ROLE = "Standing Committee"


# --------------------------------------------------------------------------------------------------
# The user
# --------------------------------------------------------------------------------------------------


def get_user_cadre(user: str | None = None) -> frappe._dict | None:
	"""The user's Cadre record (name, full_name, organization_unit, rater, is_leader, status), or None.

	Asked several times in every request of a cadre (scope, guards, the form's rules): within an HTTP
	request the answer is kept (`frappe.local`, gone with the request; forgotten when a Cadre is saved
	or deleted), and it is read by the query builder, without the field parsing of `get_value`."""
	user = user or frappe.session.user
	memo = request_memo(_MEMO)
	if memo is not None and user in memo:
		return frappe._dict(memo[user]) if memo[user] else None
	c = DocType("Cadre")
	rows = (
		frappe.qb.from_(c)
		.select(c.name, c.full_name, c.organization_unit, c.rater, c.is_leader, c.status)
		.where(c.user == user)
		.limit(1)
		.run(as_dict=True)
	)
	cadre = rows[0] if rows else None
	if memo is not None:
		memo[user] = cadre
	return frappe._dict(cadre) if cadre else None


_MEMO = "soson_user_cadres"


def forget_user_cadres(doc=None, method=None):
	"""Cadre `on_update` and `on_trash`: the request's memo of users' Cadres is dropped."""
	if getattr(frappe.local, _MEMO, None):
		setattr(frappe.local, _MEMO, {})


def get_cadre_user(cadre: str | None) -> str | None:
	"""The desk user of a Cadre (None when it has none)."""
	return frappe.db.get_value("Cadre", cadre, "user") if cadre else None


def get_cadre_users(cadres) -> dict[str, str]:
	"""{cadre: user} for the cadres of `cadres` that have a desk user (one query)."""
	cadres = [c for c in set(cadres or ()) if c]
	if not cadres:
		return {}
	c = DocType("Cadre")
	return dict(
		frappe.qb.from_(c).select(c.name, c.user).where(c.name.isin(cadres) & c.user.isnotnull()).run()
	)


def get_subtree_units(unit: str | None) -> list[str]:
	"""`unit` and every Organization Unit below it (nested set), in tree order."""
	return _nested_units(unit, below=True)


def get_ancestor_units(unit: str | None) -> list[str]:
	"""`unit` and every Organization Unit above it, from the unit up to the root."""
	return _nested_units(unit, below=False)


def _nested_units(unit: str | None, below: bool) -> list[str]:
	if not unit:
		return []
	bounds = frappe.db.get_value("Organization Unit", unit, ["lft", "rgt"], as_dict=True)
	if not bounds:
		return []
	ou = DocType("Organization Unit")
	if below:
		condition, order = (ou.lft >= bounds.lft) & (ou.rgt <= bounds.rgt), frappe.qb.asc
	else:
		condition, order = (ou.lft <= bounds.lft) & (ou.rgt >= bounds.rgt), frappe.qb.desc
	return frappe.qb.from_(ou).select(ou.name).where(condition).orderby(ou.lft, order=order).run(pluck=True)


def get_user_units(user: str | None = None) -> list[str]:
	"""Units a Unit Head oversees: his or her unit and all below it, and those of the units whose head
	he or she acts as today (`acting.py`); [] for anyone else (and for a Unit Head whose Cadre is not
	active)."""
	own, acting = head_units(user)
	return own + [unit for unit in acting if unit not in own]


def head_units(user: str | None = None) -> tuple[list[str], list[str]]:
	"""(the units a Unit Head oversees in his or her own right, those he or she oversees today only as
	an acting head). A cadre whose Unit Head role the app granted only for acting elsewhere does not
	oversee his or her own unit; a recorded head, or one given the role by hand, does."""
	user = user or frappe.session.user
	if UNIT_HEAD_ROLE not in frappe.get_roles(user):
		return [], []
	cadre = get_user_cadre(user)
	if not cadre or cadre.status != CADRE_ACTIVE:
		return [], []
	acting_units = acting_head_units(cadre.name)
	acting: list[str] = []
	for unit in acting_units:
		acting.extend(u for u in get_subtree_units(unit) if u not in acting)
	own_unit = cadre.organization_unit
	if not own_unit or (acting_units and own_unit not in acting and not heads_in_own_right(user, cadre.name)):
		return [], acting
	own = get_subtree_units(own_unit)
	return own, [unit for unit in acting if unit not in own]


def heads_in_own_right(user: str, cadre: str) -> bool:
	"""The cadre is the recorded head of a unit, or holds the Unit Head role not granted by the app."""
	if headed_units(cadre):
		return True
	return not frappe.db.exists("Granted Role", {"user": user, "role": UNIT_HEAD_ROLE})


# --------------------------------------------------------------------------------------------------
# Heads and approvers
# --------------------------------------------------------------------------------------------------


def get_unit_heads(unit: str | None, climb: bool = False) -> list[str]:
	"""The Cadres heading `unit`: whoever acts as its head today (`acting.py`) first, then its recorded
	`head_cadre`, else its active cadres holding the Unit Head role (leaders first). With `climb`, a unit without one is headed by the nearest unit above
	it that has one (whom reminders about the unit's work should reach)."""
	cadre, has_role = DocType("Cadre"), DocType("Has Role")
	while unit:
		acting = acting_heads([unit]).get(unit, [])
		if head := frappe.db.get_value("Organization Unit", unit, "head_cadre"):
			return [*acting, *(h for h in [head] if h not in acting)]
		if acting:
			return acting
		heads = (
			frappe.qb.from_(cadre)
			.join(has_role)
			.on((has_role.parent == cadre.user) & (has_role.parenttype == "User"))
			.select(cadre.name)
			.where(
				(cadre.organization_unit == unit)
				& (cadre.status == CADRE_ACTIVE)
				& (has_role.role == UNIT_HEAD_ROLE)
			)
			.orderby(cadre.is_leader, order=frappe.qb.desc)
			.orderby(cadre.creation)
			.run(pluck=True)
		)
		if heads or not climb:
			return heads
		unit = frappe.db.get_value("Organization Unit", unit, "parent_organization_unit")
	return []


def get_unit_head(unit: str | None) -> str | None:
	"""The first Cadre heading `unit` (see `get_unit_heads`), e.g. who assigns a plan's tasks."""
	heads = get_unit_heads(unit)
	return heads[0] if heads else None


def get_unit_head_users(unit: str | None, climb: bool = True) -> set[str]:
	"""Desk users of the cadres heading `unit` (or, with `climb`, the nearest unit above with a head)."""
	return set(get_cadre_users(get_unit_heads(unit, climb=climb)).values())


# --------------------------------------------------------------------------------------------------
# Leaders and the units they lead
# --------------------------------------------------------------------------------------------------


def headed_units(cadre: str | None) -> list[str]:
	"""The units whose recorded head is `cadre`."""
	if not cadre:
		return []
	return frappe.get_all("Organization Unit", filters={"head_cadre": cadre}, pluck="name", order_by="lft")


def led_units(cadre: str | None) -> list[str]:
	"""The units `cadre` leads directly: those he or she heads and, for a deputy, those whose fields
	he or she is responsible for (`Cadre.responsible_units`; Decree 335/2025: a deputy is evaluated
	within the fields assigned to him or her)."""
	return led_units_of([cadre]) if cadre else []


def led_units_of(cadres) -> list[str]:
	"""The units any of `cadres` leads directly (`led_units`, two queries for them all)."""
	cadres = sorted({c for c in cadres or () if c})
	if not cadres:
		return []
	ou, row = DocType("Organization Unit"), DocType("Cadre Responsible Unit")
	headed = frappe.qb.from_(ou).select(ou.name).where(ou.head_cadre.isin(cadres)).run(pluck=True)
	responsible = (
		frappe.qb.from_(row)
		.select(row.organization_unit)
		.where(
			row.parent.isin(cadres) & (row.parenttype == "Cadre") & (row.parentfield == "responsible_units")
		)
		.run(pluck=True)
	)
	return sorted(set(headed) | set(responsible))


def leaders_of_units(units) -> dict[str, set[str]]:
	"""{unit: the cadres who lead it directly}: its recorded head and the leaders responsible for its
	field (the converse of `led_units`), for each of `units` (two queries)."""
	units = sorted({u for u in units or () if u})
	leaders: dict[str, set[str]] = {unit: set() for unit in units}
	if not units:
		return leaders
	ou, row, cadre = DocType("Organization Unit"), DocType("Cadre Responsible Unit"), DocType("Cadre")
	for unit, head in (
		frappe.qb.from_(ou)
		.select(ou.name, ou.head_cadre)
		.where(ou.name.isin(units) & ou.head_cadre.isnotnull())
		.run()
	):
		leaders[unit].add(head)
	for unit, leader in (
		frappe.qb.from_(row)
		.join(cadre)
		.on(cadre.name == row.parent)
		.select(row.organization_unit, row.parent)
		.where(
			row.organization_unit.isin(units)
			& (row.parenttype == "Cadre")
			& (row.parentfield == "responsible_units")
			& (cadre.is_leader == 1)
		)
		.run()
	):
		leaders[unit].add(leader)
	return leaders


def get_role_users(role: str) -> list[str]:
	"""Enabled desk users holding `role` (Administrator excepted)."""
	has_role, user = DocType("Has Role"), DocType("User")
	return (
		frappe.qb.from_(has_role)
		.join(user)
		.on(user.name == has_role.parent)
		.select(has_role.parent)
		.distinct()
		.where(
			(has_role.role == role)
			& (has_role.parenttype == "User")
			& (user.enabled == 1)
			& (user.name != "Administrator")
		)
		.orderby(has_role.parent)
		.run(pluck=True)
	)


def get_approver_users(unit: str | None, is_leader: bool) -> list[str]:
	"""Users who may approve an evaluation of `unit`: the Standing Committee for a leader, else the
	Unit Heads (active cadres with the role) of the unit or of a unit above it, and whoever acts as the
	head of one of them today."""
	if is_leader:
		return get_role_users(STANDING_COMMITTEE_ROLE)
	ancestors = get_ancestor_units(unit)
	if not ancestors:
		return []
	c, has_role = DocType("Cadre"), DocType("Has Role")
	users = set(
		frappe.qb.from_(c)
		.join(has_role)
		.on((has_role.parent == c.user) & (has_role.parenttype == "User"))
		.select(c.user)
		.distinct()
		.where(
			(c.status == CADRE_ACTIVE)
			& c.organization_unit.isin(ancestors)
			& (has_role.role == UNIT_HEAD_ROLE)
		)
		.run(pluck=True)
	)
	# whoever acts as the head of the unit or of a unit above it today
	acting = [cadre for cadres in acting_heads(ancestors).values() for cadre in cadres]
	users |= set(get_cadre_users(acting).values())
	return sorted(users)


def rater_stand_in_users(raters, on=None) -> dict[str, list[str]]:
	"""{rater: the desk users of whoever acts for him or her on `on`} (`acting.stand_ins`), whom an
	absent rater's notices and reminders also reach."""
	stand_ins_of = stand_ins(raters, on)
	users = get_cadre_users([c for cadres in stand_ins_of.values() for c in cadres])
	return {rater: sorted(users[c] for c in cadres if c in users) for rater, cadres in stand_ins_of.items()}


# --------------------------------------------------------------------------------------------------
# Units in time
# --------------------------------------------------------------------------------------------------


def short_unit_labels(units) -> dict[str, str]:
	"""{unit: its short label} ("BXDĐ Sóc Sơn": abbreviation and place, else its name), for charts
	whose bars cannot hold a unit's full name."""
	units = [u for u in units or [] if u]
	if not units:
		return {}
	rows = frappe.get_all(
		"Organization Unit",
		filters={"name": ("in", units)},
		fields=["name", "unit_name", "abbreviation", "place_name"],
	)
	return {u.name: short_unit_label(u) for u in rows}


def short_unit_label(unit) -> str:
	"""A unit's short label: abbreviation and place ("ĐU Sóc Sơn"), else its name."""
	return " ".join(filter(None, (unit.abbreviation, unit.place_name))) or unit.unit_name or unit.name


def unit_quota_percents(units) -> dict[str, float]:
	"""{unit: its own top-level quota (%)} of those of `units` that set one (see `scoring.check_quota`)."""
	units = list(units or [])
	if not units:
		return {}
	rows = frappe.get_all(
		"Organization Unit",
		filters={"name": ("in", units), "top_level_quota_percent": (">", 0)},
		fields=["name", "top_level_quota_percent"],
	)
	return {row.name: flt(row.top_level_quota_percent) for row in rows}


def is_unit_valid_on(unit, date) -> bool:
	"""`unit` is a doc or dict with valid_from / valid_to; True when it existed on `date` (inclusive)."""
	date = getdate(date)
	if unit.get("valid_from") and getdate(unit.get("valid_from")) > date:
		return False
	if unit.get("valid_to") and getdate(unit.get("valid_to")) < date:
		return False
	return True


def validate_unit_valid_on(unit: str, date, fieldlabel: str | None = None):
	"""Throw a clear error when `unit` did not exist on `date`."""
	row = frappe.db.get_value(
		"Organization Unit", unit, ["name", "unit_name", "valid_from", "valid_to"], as_dict=True
	)
	if row and not is_unit_valid_on(row, date):
		frappe.throw(
			_("{0} {1} did not exist on {2} (valid {3} – {4}).").format(
				frappe.bold(fieldlabel or _("Organization Unit")),
				frappe.bold(row.unit_name),
				frappe.format(getdate(date), "Date"),
				frappe.format(row.valid_from, "Date") if row.valid_from else "…",
				frappe.format(row.valid_to, "Date") if row.valid_to else "…",
			),
			title=_("Unit Not Valid on Date"),
		)


def validate_cadre_in_unit_on(cadre: str, unit: str, date, date_label: str):
	"""Throw a clear error unless `cadre` belonged to `unit` and was in service on `date` (and the unit
	existed then); `date_label` names the date's field."""
	row = frappe.db.get_value(
		"Cadre", cadre, ["full_name", "organization_unit", "date_joined", "date_left"], as_dict=True
	)
	if not row:
		return
	date = getdate(date)
	if unit != row.organization_unit:
		frappe.throw(
			_("{0} {1} is not a cadre of the {2} {3} (his or her unit is {4}).").format(
				frappe.bold(_("Cadre")),
				frappe.bold(row.full_name),
				_("Organization Unit"),
				frappe.bold(unit),
				frappe.bold(row.organization_unit),
			),
			title=_("Cadre Not in Unit"),
		)
	if (row.date_joined and date < getdate(row.date_joined)) or (
		row.date_left and date > getdate(row.date_left)
	):
		frappe.throw(
			_("{0} {1} was not in service on the {2} {3} (joined {4}, left {5}).").format(
				frappe.bold(_("Cadre")),
				frappe.bold(row.full_name),
				date_label,
				frappe.bold(frappe.format(date, "Date")),
				frappe.format(row.date_joined, "Date") if row.date_joined else "…",
				frappe.format(row.date_left, "Date") if row.date_left else "…",
			),
			title=_("Cadre Not in Unit"),
		)
	validate_unit_valid_on(unit, date, _("Organization Unit"))
