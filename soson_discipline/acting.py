"""Acting for a head or a rater (issue 29): who stands in for whom, on a date.

A submitted `Acting Assignment` names a cadre who acts, from one date to another (both included), in
one post:

- **Unit Head** of a unit: for its recorded head (on leave, on a trip) or for a vacant post. Within
  the span the acting cadre holds the head's rights for that unit and the units below it: the scope
  of a Unit Head (`org.get_user_units`), approving its evaluations and issuing its plans, the head's
  pages (the Unit Head role, granted for the span by `roles.get_due_roles`), and the head's
  notifications and reminders (`org.get_unit_heads`, `org.get_approver_users`); he or she also rates
  those the absent head rates.
- **Rater** of the cadres whom `for_cadre` rates: within the span the acting cadre rates (and returns)
  their evaluations, reads them and is reminded of them.

Outside the span nothing of this holds: every right is asked of the date, so the day after the span
the acting cadre is refused even before the nightly job withdraws the role. Nobody stands in for
himself or herself: the rules that keep a cadre from rating or approving his or her own evaluation
hold for an acting cadre too.

Each step an acting cadre takes on a record of the scoped DocTypes is recorded on that record's
timeline, naming the assignment and whom he or she acted for (`note_acting_step`, from the write
guard that sees every workflow transition, `guards.find_acting_step`).

Nothing here imports the rest of the organisation: `org.py` asks this module, not the other way.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import add_days, getdate, today

from soson_discipline.utils import request_memo

ACTING = "Acting Assignment"
POST_HEAD = "Unit Head"
POST_RATER = "Rater"
POSTS = (POST_HEAD, POST_RATER)

_MEMO = "soson_acting_posts"


def assignments_of(cadre: str | None, on=None) -> list[frappe._dict]:
	"""The submitted assignments in which `cadre` acts on the date `on` (today): name, post,
	organization_unit, for_cadre. Kept for the request (asked by every scope check of a head)."""
	if not cadre:
		return []
	on = getdate(on or today())
	memo = request_memo(_MEMO)
	key = (cadre, on)
	if memo is not None and key in memo:
		return memo[key]
	a = DocType(ACTING)
	rows = (
		frappe.qb.from_(a)
		.select(a.name, a.post, a.organization_unit, a.for_cadre, a.for_cadre_name)
		.where((a.acting_cadre == cadre) & (a.docstatus == 1) & (a.from_date <= on) & (a.to_date >= on))
		.orderby(a.from_date)
		.run(as_dict=True)
	)
	if memo is not None:
		memo[key] = rows
	return rows


def acting_head_units(cadre: str | None, on=None) -> list[str]:
	"""The units whose head `cadre` acts as on `on`."""
	return [row.organization_unit for row in assignments_of(cadre, on) if row.post == POST_HEAD]


def stands_in_for(cadre: str | None, on=None) -> set[str]:
	"""The cadres whose rating `cadre` takes over on `on`: the rater of a Rater post, and the absent
	head of a Unit Head post (a head's rights include rating whom he or she rates)."""
	return {row.for_cadre for row in assignments_of(cadre, on) if row.for_cadre}


def acting_heads(units, on=None) -> dict[str, list[str]]:
	"""{unit: the cadres acting as its head on `on`} for each of `units` that has one (one query)."""
	units = sorted({u for u in units or () if u})
	if not units:
		return {}
	on = getdate(on or today())
	a = DocType(ACTING)
	found: dict[str, list[str]] = {}
	for unit, cadre in (
		frappe.qb.from_(a)
		.select(a.organization_unit, a.acting_cadre)
		.where(
			a.organization_unit.isin(units)
			& (a.post == POST_HEAD)
			& (a.docstatus == 1)
			& (a.from_date <= on)
			& (a.to_date >= on)
		)
		.orderby(a.from_date)
		.run()
	):
		found.setdefault(unit, []).append(cadre)
	return found


def stand_ins(cadres, on=None) -> dict[str, list[str]]:
	"""{cadre: the cadres standing in for him or her on `on`, in either post} (one query): whom the
	reminders of an absent rater also reach."""
	cadres = sorted({c for c in cadres or () if c})
	if not cadres:
		return {}
	on = getdate(on or today())
	a = DocType(ACTING)
	found: dict[str, list[str]] = {}
	for for_cadre, cadre in (
		frappe.qb.from_(a)
		.select(a.for_cadre, a.acting_cadre)
		.where(a.for_cadre.isin(cadres) & (a.docstatus == 1) & (a.from_date <= on) & (a.to_date >= on))
		.run()
	):
		found.setdefault(for_cadre, []).append(cadre)
	return found


def cadres_at_span_edges(on=None) -> set[str]:
	"""The acting cadres whose span starts on `on` or ended the day before: whose roles the nightly
	job brings in line (`tasks.sync_acting_roles`)."""
	on = getdate(on or today())
	a = DocType(ACTING)
	return set(
		frappe.qb.from_(a)
		.select(a.acting_cadre)
		.distinct()
		.where((a.docstatus == 1) & ((a.from_date == on) | (a.to_date == add_days(on, -1))))
		.run(pluck=True)
	)


# --------------------------------------------------------------------------------------------------
# The steps an acting cadre takes
# --------------------------------------------------------------------------------------------------


def note_acting_step(doc, method=None):
	"""`on_update` / `on_cancel` of the scoped DocTypes: the step an acting cadre took (the guard
	found it, `doc.flags.acting_step`) is written on the record's timeline, naming the assignment and
	whom he or she acted for."""
	step = doc.flags.pop("acting_step", None) if doc.flags else None
	if not step:
		return
	row, action, actor = step
	doc.add_comment(
		"Info",
		_("{0} took the step {1} as acting {2} in place of {3} (acting assignment {4}).").format(
			actor,
			frappe.bold(_(action)),
			_(row.post),
			row.for_cadre_name or _("the vacant post"),
			row.name,
		),
	)


# --------------------------------------------------------------------------------------------------
# The request's memo
# --------------------------------------------------------------------------------------------------


def forget_assignments() -> None:
	"""An assignment submitted or cancelled: the request's memo is dropped."""
	if getattr(frappe.local, _MEMO, None):
		setattr(frappe.local, _MEMO, {})
