"""Roles the app grants from the organisation, and desk users for cadres.

Automatic roles (called from the Cadre and Organization Unit controllers' lifecycle):
- every active cadre with a desk user has `Cadre`;
- the head of a unit (`Organization Unit.head_cadre` of a unit not disabled and not ended) has
  `Unit Head`;
- a cadre whom some other active cadre names as `rater` has `Rater`;
- a cadre acting for a head or a rater (`acting.py`) has that post's roles within the span: `Unit
  Head`, and `Rater` when the one he or she acts for rates someone (the nightly
  `sync_acting_roles` brings them in line when a span starts or ends);
- the API user of an enabled `Integration Source` (an office's other system) has `Integration`.

They are granted and withdrawn as Cadres and units change. Frappe's `Has Role` rows do not say who
added them, so the app keeps its own record of what it granted (`Granted Role`): it withdraws only a
role recorded there, never a role given by hand. A role the user already held by hand is left
unrecorded, and therefore stays when the reason for it ends. The record names the very `Has Role` row
the app added, so a role the office removes and gives again by hand is the office's from then on.

Roles change only through the User document, saved as system work (`ignore_permissions`), and the
user's cache is cleared.

Whitelisted actions of the Cadre list (presiding roles): "Create Desk Users" for the selected cadres
and "Sync Roles" for every cadre, both in the background with progress.
"""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import cint, getdate, strip_html, today, validate_email_address

from soson_discipline.acting import POST_HEAD, assignments_of, cadres_at_span_edges
from soson_discipline.integrations.sources import INTEGRATION_ROLE, is_source_user
from soson_discipline.jobs import notify_done, report_progress, start
from soson_discipline.org import get_cadre_users
from soson_discipline.permissions import check_presiding
from soson_discipline.states import CADRE_ACTIVE
from soson_discipline.utils.users import users_saved_in_bulk, without_signup_throttle

CADRE_ROLE = "Cadre"
UNIT_HEAD_ROLE = "Unit Head"
RATER_ROLE = "Rater"
AUTOMATIC_ROLES = (CADRE_ROLE, UNIT_HEAD_ROLE, RATER_ROLE, INTEGRATION_ROLE)
GRANTED_ROLE = "Granted Role"
# Users whose roles Frappe fixes itself.
UNTOUCHED_USERS = ("Administrator", "Guest")


# --------------------------------------------------------------------------------------------------
# Document events
# --------------------------------------------------------------------------------------------------


def sync_roles_of_cadre(doc, method=None):
	"""Cadre `on_update`: the cadre's user (and a user it no longer has), its rater and former rater."""
	before = doc.get_doc_before_save()
	users = {doc.user, before.user if before else None}
	raters = {doc.rater, before.rater if before else None}
	users |= set(get_cadre_users(raters).values())
	sync_users(users)


def withdraw_roles_of_cadre(doc, method=None):
	"""Cadre `on_trash`: the cadre's user loses what the app gave him or her; the rater may stop being one."""
	users = {doc.user, *get_cadre_users([doc.rater]).values()}
	sync_users(users, leaving=doc.name)


def sync_unit_head_roles(doc, method=None):
	"""Organization Unit `on_update`: its head and its former head."""
	before = doc.get_doc_before_save()
	heads = {doc.head_cadre, before.head_cadre if before else None}
	sync_users(get_cadre_users(heads).values())


# --------------------------------------------------------------------------------------------------
# What a user is due, and bringing his or her roles in line
# --------------------------------------------------------------------------------------------------


def get_due_roles(user: str, leaving: str | None = None) -> set[str]:
	"""The automatic roles `user` is due from his or her Cadre (`leaving`: a Cadre being deleted), and
	`Integration` for the API user of an enabled Integration Source."""
	roles = {INTEGRATION_ROLE} if is_source_user(user) else set()
	cadre = frappe.db.get_value(
		"Cadre", {"user": user, "name": ("!=", leaving or "")}, ["name", "status"], as_dict=True
	)
	if not cadre or cadre.status != CADRE_ACTIVE:
		return roles
	roles.add(CADRE_ROLE)
	acting = assignments_of(cadre.name)
	if heads_a_unit(cadre.name) or any(row.post == POST_HEAD for row in acting):
		roles.add(UNIT_HEAD_ROLE)
	if rates_someone(cadre.name, leaving) or any(
		rates_someone(row.for_cadre, leaving) for row in acting if row.for_cadre
	):
		roles.add(RATER_ROLE)
	return roles


def heads_a_unit(cadre: str) -> bool:
	"""Whether the cadre is the recorded head of a unit in being (not disabled, not ended)."""
	ou = DocType("Organization Unit")
	return bool(
		frappe.qb.from_(ou)
		.select(ou.name)
		.where(
			(ou.head_cadre == cadre)
			& (ou.disabled == 0)
			& (ou.valid_to.isnull() | (ou.valid_to >= getdate(today())))
		)
		.limit(1)
		.run()
	)


def rates_someone(cadre: str, leaving: str | None = None) -> bool:
	"""Whether some active cadre (other than `leaving`) names the cadre as rater."""
	c = DocType("Cadre")
	query = frappe.qb.from_(c).select(c.name).where((c.rater == cadre) & (c.status == CADRE_ACTIVE)).limit(1)
	if leaving:
		query = query.where(c.name != leaving)
	return bool(query.run())


def get_granted_roles(user: str) -> set[str]:
	"""The roles `user` holds because the app granted them."""
	rows = {row.role: row.name for row in frappe.get_doc("User", user).roles}
	return {grant.role for grant in get_grants(user) if rows.get(grant.role) == grant.has_role}


def get_grants(user: str) -> list[frappe._dict]:
	return frappe.get_all(GRANTED_ROLE, filters={"user": user}, fields=["name", "role", "has_role"])


def sync_users(users, leaving: str | None = None) -> dict[str, int]:
	"""Bring the automatic roles of each user in line; returns the count of roles added and removed."""
	counts = {"added": 0, "removed": 0}
	for user in sorted({u for u in users if u}):
		change = sync_user_roles(user, leaving)
		counts["added"] += len(change["added"])
		counts["removed"] += len(change["removed"])
	return counts


def sync_user_roles(user: str, leaving: str | None = None) -> dict[str, list[str]]:
	"""Grant the automatic roles `user` is due and withdraw those the app granted that he or she is no
	longer due.

	The app's grant is the very `Has Role` row it added (recorded in `Granted Role`): a role given by
	hand, or removed and given again by hand, has another row and is never withdrawn."""
	change = {"added": [], "removed": []}
	if user in UNTOUCHED_USERS or not frappe.db.exists("User", user):
		return change
	due = get_due_roles(user, leaving)
	user_doc = frappe.get_doc("User", user)
	rows = {row.role: row.name for row in user_doc.roles}
	grants = get_grants(user)
	ours = {grant.role for grant in grants if rows.get(grant.role) == grant.has_role}
	# A record whose row is gone was undone by hand: forget it.
	forget_grants([grant.name for grant in grants if grant.role not in ours])

	change["added"] = sorted(role for role in due - set(rows) if frappe.db.exists("Role", role))
	change["removed"] = sorted(ours - due)
	if not (change["added"] or change["removed"]):
		return change

	user_doc.append_roles(*change["added"])
	user_doc.set("roles", [row for row in user_doc.roles if row.role not in change["removed"]])
	user_doc.save(ignore_permissions=True)
	forget_grants([grant.name for grant in grants if grant.role in change["removed"]])
	record_grants(user_doc, change["added"])
	frappe.clear_cache(user=user)  # the landing page followed the roles in the save (desk.py)
	return change


def sync_acting_roles(on=None) -> dict[str, int]:
	"""Daily: the roles of the cadres whose acting span starts today or ended yesterday; a second run
	changes nothing."""
	cadres = cadres_at_span_edges(on)
	return sync_users(get_cadre_users(cadres).values())


def record_grants(user_doc, roles) -> None:
	"""Record the `Has Role` rows of `roles` on a saved User as the app's grants."""
	rows = {row.role: row.name for row in user_doc.roles}
	for role in roles:
		frappe.get_doc(
			{"doctype": GRANTED_ROLE, "user": user_doc.name, "role": role, "has_role": rows[role]}
		).insert(ignore_permissions=True)


def forget_grants(names) -> None:
	if names:
		frappe.db.delete(GRANTED_ROLE, {"name": ("in", list(names))})


# --------------------------------------------------------------------------------------------------
# Background jobs started from the Cadre list
# --------------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------------
# Create desk users
# --------------------------------------------------------------------------------------------------


@frappe.whitelist()
def create_desk_users(cadres, send_welcome_email=0) -> dict:
	"""Create (in the background) a System User for each of `cadres` that has none. Presiding roles."""
	check_presiding()
	cadres = parse_names(cadres)
	return start(
		"soson_discipline.roles.create_desk_users_now",
		len(cadres),
		cadres=cadres,
		send_welcome_email=cint(send_welcome_email),
	)


def parse_names(names) -> list[str]:
	if isinstance(names, str):
		names = frappe.parse_json(names) if names.strip().startswith("[") else [names]
	if not isinstance(names, list | tuple) or not all(isinstance(n, str) for n in names):
		frappe.throw(_("Select the cadres as a list of names."))
	return list(dict.fromkeys(n for n in names if n))


def create_desk_users_now(cadres: list[str], send_welcome_email: int = 0) -> dict:
	"""The job: one row of the result per cadre, under "created", "linked", "skipped" or "refused"."""
	result = {"created": [], "linked": [], "skipped": [], "refused": [], "warnings": []}
	if cint(send_welcome_email) and not has_outgoing_email():
		result["warnings"].append(
			_(
				"No outgoing Email Account is set up: the welcome emails cannot be sent. Set one up, then use Reset Password on each user."
			)
		)
	title = _("Creating desk users")
	with users_saved_in_bulk():
		for i, cadre in enumerate(cadres):
			outcome, row = create_desk_user(cadre, send_welcome_email)
			result[outcome].append(row)
			report_progress(i + 1, len(cadres), title, row.get("full_name") or cadre)
	notify_done(title, result)
	return result


def has_outgoing_email() -> bool:
	return bool(frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}))


def create_desk_user(cadre: str, send_welcome_email: int = 0) -> tuple[str, dict]:
	"""Give one cadre a desk user: an existing User of his or her email not linked to another cadre,
	else a new System User. Returns (outcome, row)."""
	values = frappe.db.get_value("Cadre", cadre, ["name", "full_name", "user"], as_dict=True)
	if not values:
		return "refused", {"cadre": cadre, "reason": _("Cadre {0} does not exist.").format(cadre)}
	row = {"cadre": cadre, "full_name": values.full_name}
	if values.user:
		return "skipped", {**row, "user": values.user, "reason": _("Already has a desk user.")}

	email = get_cadre_email(cadre)
	if not email:
		return "refused", {**row, "reason": no_email_reason()}
	if not validate_email_address(email):
		return "refused", {**row, "reason": _("{0} is not a valid email address.").format(email)}
	if other := frappe.db.get_value("Cadre", {"user": email}, "full_name"):
		return "refused", {
			**row,
			"reason": _("The user {0} already belongs to cadre {1}.").format(email, other),
		}

	outcome = "linked" if frappe.db.exists("User", email) else "created"
	savepoint = "soson_desk_user"
	frappe.db.savepoint(savepoint)
	try:
		if outcome == "created":
			insert_desk_user(email, values.full_name, send_welcome_email)
		link_user(cadre, email)
	except (frappe.ValidationError, frappe.DuplicateEntryError) as e:
		frappe.db.rollback(save_point=savepoint)
		frappe.clear_messages()
		return "refused", {**row, "reason": strip_html(str(e)) or _("The user could not be created.")}
	return outcome, {**row, "user": email}


def get_cadre_email(cadre: str) -> str | None:
	"""The cadre's email: the first filled Email field of Cadre (in the DocType or a Custom Field), else
	the email of the linked Employee (ERPNext/HRMS)."""
	meta = frappe.get_meta("Cadre")
	for df in meta.fields:
		if df.fieldtype == "Data" and df.options == "Email":
			if email := frappe.db.get_value("Cadre", cadre, df.fieldname):
				return email.strip().lower()
	if meta.has_field("employee"):
		from soson_discipline.integrations.erpnext import get_employee_email

		employee = frappe.db.get_value("Cadre", cadre, "employee")
		if email := get_employee_email(employee):
			return email.strip().lower()
	return None


def no_email_reason() -> str:
	if any(df.fieldtype == "Data" and df.options == "Email" for df in frappe.get_meta("Cadre").fields):
		return _("No email address: fill in the cadre's email first.")
	return _(
		"No email address: the Cadre form has no email field. Add one (Customize Form, type Data, options Email) or link the cadre to an Employee with an email."
	)


def insert_desk_user(email: str, full_name: str, send_welcome_email: int = 0) -> None:
	"""A System User holding the Cadre role (recorded as the app's grant)."""
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": full_name,
			"user_type": "System User",
			"send_welcome_email": cint(send_welcome_email),
			"roles": [{"role": CADRE_ROLE}],
		}
	)
	user.flags.no_welcome_mail = not cint(send_welcome_email)
	with without_signup_throttle():
		user.insert(ignore_permissions=True)
	record_grants(user, [CADRE_ROLE])


def link_user(cadre: str, user: str) -> None:
	"""Link the user on the Cadre (its `on_update` grants the roles due)."""
	doc = frappe.get_doc("Cadre", cadre)
	doc.user = user
	doc.save(ignore_permissions=True)


# --------------------------------------------------------------------------------------------------
# Sync every role (an office that already has data)
# --------------------------------------------------------------------------------------------------


@frappe.whitelist()
def sync_all_roles() -> dict:
	"""Bring every cadre's automatic roles in line, in the background. Presiding roles."""
	check_presiding()
	users = get_users_to_sync()
	return start("soson_discipline.roles.sync_all_roles_now", len(users), job_id="sync-all-roles")


def get_users_to_sync() -> list[str]:
	"""Every user linked to a Cadre or to an Integration Source, and every user holding a role the
	app granted."""
	linked = frappe.get_all("Cadre", filters={"user": ("is", "set")}, pluck="user")
	systems = frappe.get_all("Integration Source", pluck="api_user")
	granted = frappe.get_all(GRANTED_ROLE, pluck="user", distinct=True)
	return sorted(set(linked) | set(systems) | set(granted))


def sync_all_roles_now() -> dict:
	"""The job: sync every user; returns the number of users and of roles added and removed."""
	users = get_users_to_sync()
	result = {"users": len(users), "added": 0, "removed": 0}
	title = _("Syncing roles")
	with users_saved_in_bulk():
		for i, user in enumerate(users):
			change = sync_user_roles(user)
			result["added"] += len(change["added"])
			result["removed"] += len(change["removed"])
			report_progress(i + 1, len(users), title, user)
	notify_done(title, result)
	return result
