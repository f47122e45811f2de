"""Each person's landing page in the desk.

- `extend_bootinfo` gives the desk the session user's Cadre (`frappe.boot.soson_discipline`), so that the
  "My Work" workspace's shortcuts count *my* tasks, *my* evaluation and what awaits *my* action; and it
  puts the user's own landing workspace first among the module's, so that the breadcrumb of every
  form and list of the app leads there (Frappe takes the module's first workspace, whoever may open it).
- `keep_desk_in_step` (User `validate`, wherever roles change; `keep_desks_in_step` for every user
  at migrate) lands the presiding board on "Soson Discipline", a Unit Head on "My Unit" and every
  other cadre on "My Work" (`due_workspace`); a workspace the user chose that is not one of the app's
  is kept. In the same save it gives a user who holds only the app's roles the app's
  Module Profile (`CADRE_MODULE_PROFILE`), which blocks every module but the app's: Frappe's Users,
  Build, Website, Tools and Integrations workspaces, where such a user can do nothing, leave the
  sidebar. Frappe reads blocked modules only for the sidebar and the module icons, never for a
  permission. A user with any other role (an accountant who is also a cadre) keeps every workspace,
  and a Module Profile the office set is never replaced (`due_module_profile`).
  A login writes nothing of the app's: month-end logins together once deadlocked on such writes.
"""

import frappe

from soson_discipline import APP_MODULE
from soson_discipline.org import UNIT_HEAD_ROLE, get_user_cadre, get_user_units
from soson_discipline.permissions import PRESIDING_ROLES

BOARD_WORKSPACE = "Soson Discipline"
UNIT_WORKSPACE = "My Unit"
MY_WORK_WORKSPACE = "My Work"
APP_WORKSPACES = (BOARD_WORKSPACE, UNIT_WORKSPACE, MY_WORK_WORKSPACE)


def extend_bootinfo(bootinfo):
	"""`extend_bootinfo` hook: the session user's Cadre, unit and the units he or she heads (the forms
	use them to show read-only what the server would refuse)."""
	cadre = get_user_cadre() if frappe.session.user != "Guest" else None
	bootinfo.soson_discipline = frappe._dict(
		cadre=cadre.name if cadre else None,
		organization_unit=cadre.organization_unit if cadre else None,
		units=get_user_units() if cadre else [],
	)
	landing = (
		landing_workspace(set(frappe.get_roles()), bool(cadre)) if frappe.session.user != "Guest" else None
	)
	workspaces = (bootinfo.get("module_wise_workspaces") or {}).get(APP_MODULE)
	if landing and workspaces and landing in workspaces:
		workspaces.remove(landing)
		workspaces.insert(0, landing)


def has_app_permission() -> bool:
	"""`add_to_apps_screen`'s `has_permission`: the app is on Frappe's apps screen (and in the desk's
	app switcher) for whoever has a page in it, and for the site's managers."""
	if frappe.session.user in ("Guest", None):
		return False
	roles = set(frappe.get_roles())
	if roles & {"Administrator", "System Manager"}:
		return True
	return landing_workspace(roles, bool(get_user_cadre())) is not None


def landing_workspace(roles: set[str], has_cadre: bool) -> str | None:
	"""The app's page for a user who holds `roles` (and is a cadre, or not)."""
	if roles & PRESIDING_ROLES - {"Administrator", "System Manager"}:
		return BOARD_WORKSPACE
	if UNIT_HEAD_ROLE in roles:
		return UNIT_WORKSPACE
	if roles & {"Cadre", "Rater", "Inspector"} or has_cadre:
		return MY_WORK_WORKSPACE
	return None


def due_workspace(current: str | None, roles: set[str], has_cadre: bool, existing=None) -> str | None:
	"""The `default_workspace` a user should have: a workspace of another app that he or she chose is
	kept, else the app's page for the roles (if it exists on the site: `existing`, read when not given)."""
	if current and current not in APP_WORKSPACES:
		return current
	wanted = landing_workspace(roles, has_cadre)
	if wanted and wanted not in (existing_app_workspaces() if existing is None else existing):
		return None
	return wanted


def existing_app_workspaces() -> set[str]:
	return set(frappe.get_all("Workspace", filters={"name": ("in", APP_WORKSPACES)}, pluck="name"))


# --------------------------------------------------------------------------------------------------
# The sidebar of a user who works only in the app
# --------------------------------------------------------------------------------------------------

CADRE_MODULE_PROFILE = "Soson Discipline Only"
# roles every desk user has, whatever the office gives
BASE_ROLES = frozenset({"All", "Guest", "Desk User"})
UNTOUCHED_USERS = ("Administrator", "Guest")


def ensure_cadre_module_profile() -> str:
	"""The app's Module Profile, blocking every module but the app's (those of apps installed later
	too: run after every migrate). The users who have it follow a change of the list."""
	wanted = sorted(frappe.get_all("Module Def", filters={"name": ("!=", APP_MODULE)}, pluck="name"))
	if frappe.db.exists("Module Profile", CADRE_MODULE_PROFILE):
		doc = frappe.get_doc("Module Profile", CADRE_MODULE_PROFILE)
	else:
		doc = frappe.new_doc("Module Profile")
		doc.module_profile_name = CADRE_MODULE_PROFILE
	if doc.is_new() or sorted(row.module for row in doc.block_modules) != wanted:
		doc.set("block_modules", [{"module": module} for module in wanted])
		doc.save(ignore_permissions=True)
		for user in frappe.get_all("User", filters={"module_profile": CADRE_MODULE_PROFILE}, pluck="name"):
			apply_module_profile(user, CADRE_MODULE_PROFILE)
	return doc.name


def due_module_profile(current: str | None, roles: set[str]) -> str | None:
	"""The Module Profile a user should have: a profile the office set is kept; the app's for a user
	who holds only the app's roles; none for a user with any other role."""
	from soson_discipline.hooks import SOSON_ROLES

	if current and current != CADRE_MODULE_PROFILE:
		return current
	roles = set(roles) - BASE_ROLES
	return CADRE_MODULE_PROFILE if roles and roles <= set(SOSON_ROLES) else None


# --------------------------------------------------------------------------------------------------
# Kept in step where users and roles change, so that a login only reads (issue 27)
# --------------------------------------------------------------------------------------------------


def keep_desk_in_step(user, method=None):
	"""User `validate` (after Frappe's own, so the roles are final: a Role Profile's applied, disabled
	roles removed): the user's landing page and Module Profile follow the roles in the same save. A
	User is saved wherever roles change (the User form, Data Import, a Role Profile, the roles the app
	grants), so nothing is left to do at login: twenty raters logging in together once deadlocked on
	the writes a login made (MariaDB 1213)."""
	if user.name in UNTOUCHED_USERS:
		return
	roles = {row.role for row in user.roles}
	has_cadre = not user.is_new() and bool(frappe.db.exists("Cadre", {"user": user.name}))
	user.default_workspace = due_workspace(user.default_workspace, roles, has_cadre)
	profile = due_module_profile(user.module_profile, roles)
	if profile and not frappe.db.exists("Module Profile", profile):
		profile = None
	if profile != (user.module_profile or None):
		user.module_profile = profile
		user.set("block_modules", [])
		user.validate_allowed_modules()  # copies the profile's modules, as Frappe's validate does


def keep_desks_in_step() -> int:
	"""`after_migrate`: every user's landing page and Module Profile put in step with his or her roles
	(users of a site that had the app before this rule, or whose roles were written without a save).
	Read in three queries; only the users out of step are written. Returns how many were."""
	users = frappe.get_all(
		"User",
		filters={"name": ("not in", UNTOUCHED_USERS), "user_type": "System User"},
		fields=["name", "default_workspace", "module_profile"],
	)
	if not users:
		return 0
	roles: dict[str, set[str]] = {}
	for user, role in frappe.get_all(
		"Has Role", filters={"parenttype": "User"}, fields=["parent", "role"], as_list=True
	):
		roles.setdefault(user, set()).add(role)
	cadre_users = set(frappe.get_all("Cadre", filters={"user": ("is", "set")}, pluck="user"))
	workspaces = existing_app_workspaces()
	has_profile = bool(frappe.db.exists("Module Profile", CADRE_MODULE_PROFILE))
	changed = 0
	for user in users:
		own = roles.get(user.name, set())
		workspace = due_workspace(user.default_workspace, own, user.name in cadre_users, workspaces)
		profile = due_module_profile(user.module_profile, own)
		if profile == CADRE_MODULE_PROFILE and not has_profile:
			profile = None
		out_of_step = False
		if workspace != (user.default_workspace or None):
			frappe.db.set_value("User", user.name, "default_workspace", workspace, update_modified=False)
			out_of_step = True
		if profile != (user.module_profile or None):
			apply_module_profile(user.name, profile)
			out_of_step = True
		changed += out_of_step
	return changed


def apply_module_profile(user: str, profile: str | None) -> None:
	"""Set `user`'s Module Profile and copy its blocked modules, as `User.validate` does, without
	saving the User (at migrate, for many users: a save also rewrites site-wide defaults,
	`ask_pass_update`). Only the user's own rows are written."""
	modules = (
		frappe.get_all(
			"Block Module",
			filters={"parent": profile, "parenttype": "Module Profile"},
			pluck="module",
			order_by="idx",
		)
		if profile
		else []
	)
	frappe.db.set_value("User", user, "module_profile", profile, update_modified=False)
	# rows deleted by name: a DELETE by parent that finds nothing still locks the index gap
	old = frappe.get_all("Block Module", filters={"parent": user, "parenttype": "User"}, pluck="name")
	if old:
		frappe.db.delete("Block Module", {"name": ("in", old)})
	if modules:
		now, owner = frappe.utils.now(), frappe.session.user
		frappe.db.bulk_insert(
			"Block Module",
			[
				"name",
				"parent",
				"parenttype",
				"parentfield",
				"idx",
				"module",
				"creation",
				"modified",
				"owner",
				"modified_by",
			],
			[
				(
					frappe.generate_hash(length=10),
					user,
					"User",
					"block_modules",
					idx,
					module,
					now,
					now,
					owner,
					owner,
				)
				for idx, module in enumerate(modules, 1)
			],
		)
	frappe.clear_cache(user=user)
