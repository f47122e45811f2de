"""Row-level scoping for soson_discipline, from the user's own `Cadre` record.

A user's place in the organisation is the `organization_unit` of his or her Cadre:

- the presiding board (`Discipline Administrator`), the `Standing Committee` and System Managers see
  every record (and so does any role a DocType's `Scope.see_all_roles` names, e.g. Inspectors for
  violation records);
- a `Unit Head` sees the records of his or her unit and every unit below it (nested set), with no
  setup by an administrator, and so does a cadre acting as the head of a unit, within his or her
  span (`acting.py`);
- everybody with a Cadre sees the records where one of the DocType's `cadre_fields` is himself or
  herself (own evaluations, own tasks, the cadres he or she rates, ...), and reads those where a
  child row names him or her (`child_cadre_links`: a corrective action he or she is responsible for);
- anything else is hidden.

Both hooks are wired in hooks.py for every DocType of `SCOPES`:
`permission_query_conditions` (lists, `frappe.get_list`, reports that use `get_list` or
`get_scope_condition`) and `has_permission` (a document opened by name). `has_permission` returns an
explicit boolean: it can only deny what the role permissions grant (v15), and v16 treats `None` as deny.
"""

from collections.abc import Callable
from dataclasses import dataclass

import frappe
from frappe import _
from frappe.utils import cint, getdate, today

from soson_discipline.acting import acting_head_units, stands_in_for
from soson_discipline.integrations.sources import get_source, is_source_record
from soson_discipline.org import (
	STANDING_COMMITTEE_ROLE,
	UNIT_HEAD_ROLE,
	get_cadre_user,
	get_unit_head,
	get_unit_heads,
	get_user_cadre,
	get_user_units,
)
from soson_discipline.states import CADRE_ACTIVE, CONSULTATION_SHARING_STATES, VIOLATION_VERIFIED_STATES

PRESIDING_ROLES = frozenset(
	{"Administrator", "System Manager", "Discipline Administrator", STANDING_COMMITTEE_ROLE}
)
# Who may verify (submit) a violation record.
VERIFIER_ROLES = frozenset({"Inspector", "Discipline Administrator", "System Manager"})


@dataclass(frozen=True)
class ReadShare:
	"""Members of a unit named on another record read this one (read only): e.g. the unit consulted by
	a Consultation Request reads the task the request is about.

	doctype: the other DocType; link_field: its Link to this record; unit_field: its Link to the
	Organization Unit whose active cadres (and the Unit Heads above it) read; status_field / statuses:
	only records in these statuses share."""

	doctype: str
	link_field: str
	unit_field: str
	status_field: str = "status"
	statuses: tuple[str, ...] = ()

	def condition(self, table: str, units: list[str]) -> str:
		unit_list = ", ".join(frappe.db.escape(u) for u in units)
		statuses = ", ".join(frappe.db.escape(s) for s in self.statuses)
		return (
			f"{table}.`name` in (select `{self.link_field}` from `tab{self.doctype}` "
			f"where `{self.unit_field}` in ({unit_list}) and `{self.status_field}` in ({statuses}))"
		)

	def shares(self, name: str, units: list[str]) -> bool:
		return bool(
			name
			and frappe.db.exists(
				self.doctype,
				{
					self.link_field: name,
					self.unit_field: ("in", units),
					self.status_field: ("in", list(self.statuses)),
				},
			)
		)


# Permission types a `ReadShare` grants.
READ_PTYPES = frozenset({"read", "select", "print"})


@dataclass(frozen=True)
class Scope:
	"""How one DocType is scoped.

	unit_fields: Link fields to Organization Unit; a Unit Head sees the record when any of them lies
	    in his or her subtree.
	cadre_fields: Link fields to Cadre; a user sees the record when any of them is his or her Cadre.
	child_cadre_links: (child DocType, its Link field to Cadre) pairs: the cadre a child row names
	    reads the record (only reads), e.g. the cadre responsible for a corrective action.
	see_all_roles: roles that see every record of this DocType, besides the presiding ones.
	unit_head_condition: extra SQL (on the DocType's table) a record must also meet for the unit-head
	    branch, e.g. only verified violation records; `unit_head_predicate` is the same rule on a doc.
	child_unit_links: (child DocType, its Link field to Organization Unit) pairs: a Unit Head also
	    sees the record when a child row names a unit of the subtree (e.g. coordinating units).
	member_unit_fields: Link fields to Organization Unit; every active cadre of that very unit (not
	    only its head) sees the record, e.g. the plans his or her unit issued.
	member_condition: extra SQL a record must also meet for the member branch, e.g. only issued
	    plans; `member_predicate` is the same rule on a doc.
	write_fields: the fields that decide whose record it is (soson_discipline.guards): only the
	    presiding roles change them, or a Unit Head when the old and the new value both lie in his or
	    her subtree (a Cadre by the unit he or she works in); on a new record a Unit Head names units
	    of his or her subtree, anyone else only his or her own unit.
	subject_field: the field naming the person the record is about ("name" for the Cadre itself):
	    nobody changes the `write_fields` of a record about himself or herself.
	read_shares: `ReadShare`s: other records through which the members of a unit read this one.
	source_field: the Link to the Integration Source that created the record: an office's other
	    system (`integrations.sources`) reaches the records it created in the units it writes into,
	    and nothing else.
	follow_cadre_field: the Link to the Cadre a result is about: the heads of the units the cadre
	    works in now and his or her rater now read (only read) the results of the current and the
	    previous year made in a unit he or she left, so results follow a cadre who moves.
	hidden_from_subject: nobody, the presiding board included, sees a record whose `subject_field`
	    is his or her own Cadre (an early warning about a head goes to the heads above and the board).
	stand_in_fields: Link fields to Cadre naming a post someone may act in (`acting.py`): a cadre
	    acting for the one named there today sees the record as he or she would (the rater's).
	"""

	unit_fields: tuple[str, ...] = ()
	cadre_fields: tuple[str, ...] = ()
	child_cadre_links: tuple[tuple[str, str], ...] = ()
	see_all_roles: frozenset[str] = frozenset()
	unit_head_condition: str | None = None
	unit_head_predicate: Callable | None = None
	child_unit_links: tuple[tuple[str, str], ...] = ()
	member_unit_fields: tuple[str, ...] = ()
	member_condition: str | None = None
	member_predicate: Callable | None = None
	write_fields: tuple[str, ...] = ()
	subject_field: str | None = None
	read_shares: tuple[ReadShare, ...] = ()
	source_field: str | None = None
	follow_cadre_field: str | None = None
	hidden_from_subject: bool = False
	stand_in_fields: tuple[str, ...] = ()


def _issued(doc) -> bool:
	return doc.get("docstatus") == 1


def _verified_violation(doc) -> bool:
	return doc.get("workflow_state") in VIOLATION_VERIFIED_STATES


ANNOUNCE_SETTING = "announce_levels_to_members"
# An announced Result Announcement, while the office lets the unit's members read it (the setting is
# stored as '1' when ticked: the Discipline Settings default, and the patch of existing sites).
ANNOUNCED_TO_MEMBERS = (
	"`tabResult Announcement`.`docstatus` = 1 and exists (select 1 from `tabSingles` "
	f"where `doctype` = 'Discipline Settings' and `field` = '{ANNOUNCE_SETTING}' and `value` = '1')"
)


def announce_levels_to_members() -> bool:
	"""Discipline Settings' *Announce Levels to the Unit's Members* (the office's choice, on by default)."""
	return bool(cint(frappe.db.get_single_value("Discipline Settings", ANNOUNCE_SETTING)))


def _announced_to_members(doc) -> bool:
	return doc.get("docstatus") == 1 and announce_levels_to_members()


SCOPES: dict[str, Scope] = {
	# Inspectors inspect any unit: they must find the cadres concerned wherever they work.
	"Cadre": Scope(
		unit_fields=("organization_unit",),
		cadre_fields=("name", "rater"),
		stand_in_fields=("rater",),
		see_all_roles=frozenset({"Inspector"}),
		write_fields=("organization_unit", "rater", "user", "is_leader", "status"),
		subject_field="name",
	),
	"Unit Plan": Scope(
		unit_fields=("issuing_unit", "presiding_unit", "report_to_unit"),
		child_unit_links=(("Unit Plan Task", "lead_unit"),),
		member_unit_fields=("issuing_unit",),
		member_condition="`tabUnit Plan`.`docstatus` = 1",
		member_predicate=_issued,
		write_fields=("issuing_unit",),
	),
	"Assigned Task": Scope(
		unit_fields=("organization_unit",),
		cadre_fields=("assignee", "assigned_by"),
		child_unit_links=(("Assigned Task Coordinating Unit", "organization_unit"),),
		write_fields=("organization_unit", "assignee", "assigned_by"),
		source_field="external_system",
		# The unit consulted about a task reads it while the consultation is open or answered.
		read_shares=(
			ReadShare(
				"Consultation Request",
				"assigned_task",
				"consulted_unit",
				statuses=CONSULTATION_SHARING_STATES,
			),
		),
	),
	"Dissemination Session": Scope(
		unit_fields=("organization_unit",),
		member_unit_fields=("organization_unit",),
		write_fields=("organization_unit",),
	),
	"Cadre Evaluation": Scope(
		unit_fields=("organization_unit",),
		cadre_fields=("cadre", "rater", "approver"),
		stand_in_fields=("rater",),
		write_fields=("organization_unit", "cadre", "rater", "approver", "is_leader"),
		subject_field="cadre",
		follow_cadre_field="cadre",
	),
	# A quarter's or a year's classification: like the evaluations it is worked out from.
	"Cadre Classification": Scope(
		unit_fields=("organization_unit",),
		cadre_fields=("cadre",),
		write_fields=("organization_unit", "cadre"),
		subject_field="cadre",
		follow_cadre_field="cadre",
	),
	# A cadre's leave: like his or her evaluations, which it takes out of the year.
	"Cadre Leave": Scope(
		unit_fields=("organization_unit",),
		cadre_fields=("cadre",),
		write_fields=("organization_unit", "cadre"),
		subject_field="cadre",
	),
	"Inspection": Scope(
		unit_fields=("inspecting_unit",),
		see_all_roles=frozenset({"Inspector"}),
		child_unit_links=(("Inspection Target Unit", "organization_unit"),),
		write_fields=("inspecting_unit",),
	),
	"Violation Record": Scope(
		unit_fields=("organization_unit",),
		cadre_fields=("cadre",),
		child_cadre_links=(("Violation Corrective Action", "responsible"),),
		see_all_roles=frozenset({"Inspector"}),
		unit_head_condition="`tabViolation Record`.`workflow_state` in ({})".format(
			", ".join(f"'{state}'" for state in VIOLATION_VERIFIED_STATES)
		),
		unit_head_predicate=_verified_violation,
		write_fields=("organization_unit", "cadre"),
		subject_field="cadre",
	),
	"Periodic Report": Scope(
		unit_fields=("organization_unit", "report_to_unit", "covered_unit"),
		write_fields=("organization_unit", "covered_unit"),
	),
	# The requesting side (its unit's heads, the requester, the task's assignee) and the consulted
	# unit (its head and every member, who answer) see a consultation.
	"Consultation Request": Scope(
		unit_fields=("organization_unit", "consulted_unit"),
		cadre_fields=("requested_by", "task_assignee"),
		member_unit_fields=("consulted_unit",),
		write_fields=("organization_unit",),
	),
	# A request for more time on a task: those who run the task (its unit's heads, the assigner) and
	# the assignee and requester. Unit, assignee and assigner are the task's (set by the controller).
	"Task Extension Request": Scope(
		unit_fields=("organization_unit",),
		cadre_fields=("assignee", "assigned_by", "requested_by"),
	),
	# An issued urging reaches the heads of the units it names.
	"Urging": Scope(
		unit_fields=("issuing_unit",),
		child_unit_links=(("Urging Target", "organization_unit"),),
		unit_head_condition="`tabUrging`.`docstatus` = 1",
		unit_head_predicate=_issued,
		write_fields=("issuing_unit",),
	),
	# An issued conclusion reaches the heads of the reporting unit and of the units owning its points.
	"Standing Committee Conclusion": Scope(
		unit_fields=("issuing_unit", "reported_unit"),
		child_unit_links=(("Standing Committee Conclusion Point", "owner_unit"),),
		unit_head_condition="`tabStanding Committee Conclusion`.`docstatus` = 1",
		unit_head_predicate=_issued,
		write_fields=("issuing_unit",),
	),
	# A unit's classification for the year (issue 29): the heads of the unit and of the units above
	# (who approve it), and the board.
	"Unit Classification": Scope(
		unit_fields=("organization_unit",),
		write_fields=("organization_unit",),
	),
	# Who acts for a head or a rater (issue 29): the heads of its unit and above, the acting cadre and
	# the one he or she acts for; nobody assigns himself or herself (`subject_field`).
	"Acting Assignment": Scope(
		unit_fields=("organization_unit",),
		cadre_fields=("acting_cadre", "for_cadre"),
		write_fields=("organization_unit", "acting_cadre", "for_cadre"),
		subject_field="acting_cadre",
	),
	# An early warning: the heads of its unit and of the units above, and the board; never the person
	# it is about (issue 28).
	"Discipline Warning": Scope(
		unit_fields=("organization_unit",),
		write_fields=("organization_unit", "cadre"),
		subject_field="cadre",
		hidden_from_subject=True,
	),
	# A cadre's appeal (issue 29): the cadre, the heads of his or her unit and of the units above, and
	# those who decide it (the heads of the deciding unit; the Standing Committee sees every record).
	"Evaluation Appeal": Scope(
		unit_fields=("organization_unit", "deciding_unit"),
		cadre_fields=("cadre",),
		write_fields=("organization_unit", "cadre", "deciding_unit"),
		subject_field="cadre",
	),
	# A unit's announced results (issue 29): its heads (and those above) and the board; from the
	# announcement on, its active members too, when the office lets them (Discipline Settings).
	"Result Announcement": Scope(
		unit_fields=("organization_unit",),
		member_unit_fields=("organization_unit",),
		member_condition=ANNOUNCED_TO_MEMBERS,
		member_predicate=_announced_to_members,
		write_fields=("organization_unit",),
	),
}


# --------------------------------------------------------------------------------------------------
# Who sees everything?
# --------------------------------------------------------------------------------------------------


def is_presiding(user: str | None = None, doctype: str | None = None) -> bool:
	"""Whether the user sees every record (of `doctype`, when given)."""
	user = user or frappe.session.user
	if user == "Administrator":
		return True
	roles = set(frappe.get_roles(user))
	if roles & PRESIDING_ROLES:
		return True
	scope = SCOPES.get(doctype) if doctype else None
	return bool(scope and roles & scope.see_all_roles)


# --------------------------------------------------------------------------------------------------
# Hooks
# --------------------------------------------------------------------------------------------------


def check_presiding() -> None:
	"""Refuse what only the presiding board (or a System Manager) may do."""
	if not is_presiding():
		frappe.throw(
			_("Only a Discipline Administrator or a System Manager can do this."),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)


def get_scope_condition(doctype: str, user: str | None = None) -> str:
	"""SQL condition on `tab<doctype>` limiting rows to what `user` may see ("" = everything).

	Reports that query with `frappe.qb` or `get_all` apply it themselves (Script Reports do not apply
	`permission_query_conditions`)."""
	branches = get_scope_branches(doctype, user)
	if branches is None:
		return ""
	if not branches:
		return "1=0"
	return "(" + " or ".join(branch.condition for branch in branches) + ")"


@dataclass(frozen=True)
class ScopeBranch:
	"""One way a user reaches records: the SQL condition on `tab<doctype>`, and, where it is "the
	record's `unit_field` is one of `units`" with nothing more, that field and those units (every
	record of those units is in scope)."""

	condition: str
	unit_field: str | None = None
	units: tuple[str, ...] = ()


def get_scope_branches(doctype: str, user: str | None = None) -> list[ScopeBranch] | None:
	"""The branches whose OR is `user`'s scope on `doctype` (None: everything; empty: nothing).

	Counting a city's records one branch at a time lets each use its own index, where their OR
	leaves MariaDB nothing but a scan (`reporting.filters.scope_parts`)."""
	user = user or frappe.session.user
	scope = SCOPES.get(doctype)
	if scope is None:
		return None
	if scope.hidden_from_subject:
		return _not_about_user(doctype, scope, user, _get_branches(doctype, scope, user))
	return _get_branches(doctype, scope, user)


def _not_about_user(doctype, scope, user, branches):
	"""`branches` (None: everything) without the records about `user`."""
	cadre = get_user_cadre(user)
	if not cadre:
		return branches
	not_mine = f"ifnull(`tab{doctype}`.`{scope.subject_field}`, '') != {frappe.db.escape(cadre.name)}"
	if branches is None:
		return [ScopeBranch(not_mine)]
	return [ScopeBranch(f"({branch.condition} and {not_mine})") for branch in branches]


def _get_branches(doctype: str, scope: Scope, user: str) -> list[ScopeBranch] | None:
	if is_presiding(user, doctype):
		return None

	table = f"`tab{doctype}`"
	branches: list[ScopeBranch] = []

	units = get_user_units(user)
	if units and (scope.unit_fields or scope.child_unit_links):
		unit_list = ", ".join(frappe.db.escape(u) for u in units)
		head_condition = f" and {scope.unit_head_condition}" if scope.unit_head_condition else ""
		for f in scope.unit_fields:
			condition = f"({table}.`{f}` in ({unit_list}){head_condition})"
			if head_condition:
				branches.append(ScopeBranch(condition))
			else:
				branches.append(ScopeBranch(condition, unit_field=f, units=tuple(units)))
		for child_doctype, link_field in scope.child_unit_links:
			branches.append(
				ScopeBranch(
					f"({table}.`name` in (select `parent` from `tab{child_doctype}` "
					f"where `parenttype` = {frappe.db.escape(doctype)} and `{link_field}` in ({unit_list}))"
					f"{head_condition})"
				)
			)

	cadre = get_user_cadre(user)
	if cadre and scope.cadre_fields:
		me = frappe.db.escape(cadre.name)
		branches.extend(ScopeBranch(f"{table}.`{f}` = {me}") for f in scope.cadre_fields)
	if cadre and scope.child_cadre_links:
		me = frappe.db.escape(cadre.name)
		branches.extend(
			ScopeBranch(
				f"{table}.`name` in (select `parent` from `tab{child_doctype}` "
				f"where `parenttype` = {frappe.db.escape(doctype)} and `{link_field}` = {me})"
			)
			for child_doctype, link_field in scope.child_cadre_links
		)
	if cadre and scope.stand_in_fields and (absent := stands_in_for(cadre.name)):
		absent_list = ", ".join(frappe.db.escape(c) for c in sorted(absent))
		branches.extend(ScopeBranch(f"{table}.`{f}` in ({absent_list})") for f in scope.stand_in_fields)
	if cadre and cadre.status == CADRE_ACTIVE and cadre.organization_unit and scope.member_unit_fields:
		own_unit = frappe.db.escape(cadre.organization_unit)
		member = " or ".join(f"{table}.`{f}` = {own_unit}" for f in scope.member_unit_fields)
		if scope.member_condition:
			member = f"({member}) and {scope.member_condition}"
		branches.append(ScopeBranch(f"({member})"))
	if scope.read_shares and (share_units := get_share_units(user, units, cadre)):
		branches.extend(ScopeBranch(share.condition(table, share_units)) for share in scope.read_shares)
	if scope.follow_cadre_field and (cadres := followed_cadres(units, cadre)):
		branches.append(ScopeBranch(follow_condition(table, scope.follow_cadre_field, cadres)))
	if scope.source_field and (source := get_source(user)) and source.units:
		unit_list = ", ".join(frappe.db.escape(u) for u in source.units)
		branches.append(
			ScopeBranch(
				f"({table}.`{scope.source_field}` = {frappe.db.escape(source.name)} "
				f"and {table}.`organization_unit` in ({unit_list}))"
			)
		)
	return branches


# --------------------------------------------------------------------------------------------------
# Results follow the cadre
# --------------------------------------------------------------------------------------------------

FOLLOW_DATE_FIELD = "period_start"
"""The date that places a result (Cadre Evaluation, Cadre Classification) in its year."""


def follow_since():
	"""Results follow a cadre from the first day of the previous year: the year so far, and the year
	before it, which is classified in the new year's first weeks where the cadre then works (Decree
	335/2025: the unit a cadre moves to evaluates the year, with the months sent on by the old one)."""
	return getdate(f"{getdate(today()).year - 1}-01-01")


def followed_cadres(units: list[str], cadre) -> set[str]:
	"""The active cadres who now work in `units` (or whom `cadre` now rates) and have approved results
	since `follow_since` made in another unit (one they left, outside `units`): usually none. They are named in the scope
	condition rather than found by a subquery there (a subquery in the OR of a list's condition leaves
	MariaDB nothing but a scan of every result); two indexed queries, run when a list, a report or a
	count of results is scoped, never cached (a move is seen at once)."""
	if not units and not cadre:
		return set()
	return _followed(units, cadre)


def _followed(units: list[str], cadre) -> set[str]:
	c = frappe.qb.DocType("Cadre")
	who = []
	if units:
		who.append(c.organization_unit.isin(units))
	if cadre:
		who.append(c.rater == cadre.name)
	condition = who[0] | who[1] if len(who) == 2 else who[0]
	people = (
		frappe.qb.from_(c).select(c.name, c.organization_unit).where((c.status == CADRE_ACTIVE) & condition)
	)
	now_in = dict(people.run())
	if not now_in:
		return set()
	found = set()
	for doctype in ("Cadre Evaluation", "Cadre Classification"):
		t = frappe.qb.DocType(doctype)
		rows = (
			frappe.qb.from_(t)
			.select(t.cadre, t.organization_unit)
			.distinct()
			.where(t.cadre.isin(list(now_in)) & (t.docstatus == 1) & (t[FOLLOW_DATE_FIELD] >= follow_since()))
			.run()
		)
		# made in another unit than the one the cadre works in now, and outside the reader's units
		found |= {name for name, unit in rows if unit != now_in[name] and unit not in units}
	return found


def follow_condition(table: str, cadre_field: str, cadres) -> str:
	"""The approved results, since `follow_since`, of `cadres` (`followed_cadres`)."""
	names = ", ".join(frappe.db.escape(name) for name in sorted(cadres))
	return (
		f"({table}.`{cadre_field}` in ({names}) and {table}.`docstatus` = 1 "
		f"and {table}.`{FOLLOW_DATE_FIELD}` >= {frappe.db.escape(str(follow_since()))})"
	)


def follows_cadre(doc, cadre_field: str, units, cadre) -> bool:
	"""`follow_condition` on one document: an approved result since `follow_since`, made in another unit
	than the one where the active cadre works now, who works in `units` or whom `cadre` now rates."""
	if doc.get("docstatus") != 1 or not doc.get(FOLLOW_DATE_FIELD):
		return False
	if getdate(doc.get(FOLLOW_DATE_FIELD)) < follow_since():
		return False
	now = frappe.db.get_value(
		"Cadre", doc.get(cadre_field), ["organization_unit", "rater", "status"], as_dict=True
	)
	return bool(
		now
		and now.status == CADRE_ACTIVE
		and doc.get("organization_unit") != now.organization_unit
		and ((units and now.organization_unit in units) or (cadre and now.rater == cadre.name))
	)


def get_permission_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""`permission_query_conditions` hook for every scoped DocType."""
	return get_scope_condition(doctype, user)


def has_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False) -> bool:
	"""`has_permission` hook for every scoped DocType: may `user` touch this document at all?

	Role permissions decide *what* a role may do (read, write, submit); this decides *which* records.
	A new, unsaved document is judged by its fields as well, so nobody can create a record for a unit
	outside his or her scope."""
	user = user or frappe.session.user
	scope = SCOPES.get(doc.doctype)
	if scope is None:
		return True
	if scope.hidden_from_subject and _is_own(doc.get(scope.subject_field), user):
		return False
	if is_presiding(user, doc.doctype):
		return True

	cadre = get_user_cadre(user)
	if cadre and any(doc.get(f) == cadre.name for f in scope.cadre_fields):
		return True
	if cadre and scope.child_cadre_links and (ptype or "read") in READ_PTYPES:
		for child_doctype, link_field in scope.child_cadre_links:
			if any(row.get(link_field) == cadre.name for row in _child_rows(doc, child_doctype)):
				return True
	if cadre and scope.stand_in_fields and any(doc.get(f) for f in scope.stand_in_fields):
		absent = stands_in_for(cadre.name)
		if any(doc.get(f) in absent for f in scope.stand_in_fields):
			return True
	if (
		cadre
		and cadre.status == CADRE_ACTIVE
		and cadre.organization_unit
		and any(doc.get(f) == cadre.organization_unit for f in scope.member_unit_fields)
		and (scope.member_predicate is None or scope.member_predicate(doc))
	):
		return True

	units = set(get_user_units(user))
	if units and (scope.unit_head_predicate is None or scope.unit_head_predicate(doc)):
		if any(doc.get(f) in units for f in scope.unit_fields):
			return True
		for child_doctype, link_field in scope.child_unit_links:
			for row in _child_rows(doc, child_doctype):
				if row.get(link_field) in units:
					return True
	if scope.read_shares and (ptype or "read") in READ_PTYPES and not doc.is_new():
		share_units = get_share_units(user, list(units), cadre)
		if share_units and any(share.shares(doc.name, share_units) for share in scope.read_shares):
			return True
	if (
		scope.follow_cadre_field
		and (ptype or "read") in READ_PTYPES
		and not doc.is_new()
		and (units or cadre)
		and follows_cadre(doc, scope.follow_cadre_field, units, cadre)
	):
		return True
	return bool(scope.source_field and is_source_record(doc, user))


def get_share_units(user: str, units: list[str], cadre) -> list[str]:
	"""Units whose shared records the user reads: those he or she heads, and his or her own unit."""
	share_units = list(units)
	if cadre and cadre.status == CADRE_ACTIVE and cadre.organization_unit:
		share_units.append(cadre.organization_unit)
	return share_units


def _child_rows(doc, child_doctype: str) -> list:
	"""The rows of `doc`'s table field(s) holding `child_doctype`."""
	rows = []
	for df in doc.meta.get_table_fields():
		if df.options == child_doctype:
			rows.extend(doc.get(df.fieldname) or [])
	return rows


# --------------------------------------------------------------------------------------------------
# Action rights: who may do what to a record he or she can see
# --------------------------------------------------------------------------------------------------


def _is_own(cadre_field_value: str | None, user: str) -> bool:
	me = get_user_cadre(user)
	return bool(me and cadre_field_value and me.name == cadre_field_value)


def can_manage_task(task, user: str | None = None) -> bool:
	"""Assign, reschedule, cancel, break down and assess an Assigned Task: the presiding bodies, the
	assigner, a Unit Head whose subtree holds the task's unit, and the system the task came from
	(within the units it writes into)."""
	user = user or frappe.session.user
	if is_presiding(user):
		return True
	if _is_own(task.assigned_by, user):
		return True
	return task.organization_unit in get_user_units(user) or is_source_record(task, user)


def is_issuing_unit_head(plan, user: str | None = None) -> bool:
	"""The user is an active Unit Head whose own unit is the plan's issuing unit (or its recorded head)."""
	user = user or frappe.session.user
	if UNIT_HEAD_ROLE not in frappe.get_roles(user):
		return False
	cadre = get_user_cadre(user)
	if not cadre or cadre.status != CADRE_ACTIVE:
		return False
	if cadre.organization_unit == plan.issuing_unit or plan.issuing_unit in acting_head_units(cadre.name):
		return True
	return get_unit_head(plan.issuing_unit) == cadre.name


def can_approve_plan(plan, user: str | None = None) -> bool:
	"""Issue, reject or close a Unit Plan: the presiding bodies or the head of the issuing unit."""
	user = user or frappe.session.user
	return is_presiding(user) or is_issuing_unit_head(plan, user)


def can_self_assess(evaluation, user: str | None = None) -> bool:
	"""Enter the self-assessment of a Cadre Evaluation: the cadre himself or herself."""
	user = user or frappe.session.user
	cadre_user = evaluation.get("cadre_user") or get_cadre_user(evaluation.cadre)
	return bool(cadre_user) and user == cadre_user


def can_rate(evaluation, user: str | None = None) -> bool:
	"""Rate or return a self-assessed evaluation: the cadre's rater, or whoever acts for the rater today
	(`acting.py`); never the cadre."""
	user = user or frappe.session.user
	me = get_user_cadre(user)
	if not (me and evaluation.rater and me.name != evaluation.cadre):
		return False
	return me.name == evaluation.rater or evaluation.rater in stands_in_for(me.name)


def can_approve_evaluation(evaluation, user: str | None = None) -> bool:
	"""Approve (or return, or override) a rated evaluation: the Standing Committee for a leader, else a
	Unit Head whose subtree holds the evaluation's unit; never the cadre himself or herself."""
	user = user or frappe.session.user
	if _is_own(evaluation.cadre, user):
		return False
	if evaluation.is_leader:
		return STANDING_COMMITTEE_ROLE in frappe.get_roles(user)
	return evaluation.organization_unit in get_user_units(user)


def can_approve_unit_classification(classification, user: str | None = None) -> bool:
	"""Approve (submit) a unit's classification for the year: the level above the unit — the Standing
	Committee, or a head of a unit above it (his or her subtree holds the unit's parent); never a head
	of the unit itself, whose collective it is."""
	user = user or frappe.session.user
	if STANDING_COMMITTEE_ROLE in frappe.get_roles(user) or user == "Administrator":
		return True
	unit = classification.get("organization_unit")
	me = get_user_cadre(user)
	if not (unit and me) or me.name in get_unit_heads(unit):
		return False
	parent = frappe.db.get_value("Organization Unit", unit, "parent_organization_unit")
	return bool(parent) and parent in get_user_units(user)


def can_verify_violation(user: str | None = None) -> bool:
	"""Verify (submit) a violation record: inspectors and the presiding board."""
	user = user or frappe.session.user
	return user == "Administrator" or bool(set(frappe.get_roles(user)) & VERIFIER_ROLES)


def can_create_evaluations(user: str | None = None) -> bool:
	"""Create a period's evaluations: the presiding bodies."""
	return is_presiding(user)


def can_announce_results(announcement, user: str | None = None) -> bool:
	"""Announce (submit) or withdraw (cancel) a unit's Result Announcement: the presiding bodies, or the
	head of the unit (`org.get_unit_heads`, whoever acts as its head included; for a unit without a
	head, the head of the nearest unit above it) whose scope holds the unit."""
	user = user or frappe.session.user
	if is_presiding(user):
		return True
	unit = announcement.get("organization_unit")
	me = get_user_cadre(user)
	if not (unit and me and me.status == CADRE_ACTIVE) or unit not in get_user_units(user):
		return False
	return me.name in get_unit_heads(unit, climb=True)
