"""Each person's landing page in the desk.

- `extend_bootinfo` gives the desk the session user's Cadre (`frappe.boot.soson_discipline`), so that the
  "My Work" workspace's shortcuts count *my* tasks, *my* evaluation and what awaits *my* action; and it
  puts the user's own landing workspace first among the module's, so that the breadcrumb of every
  form and list of the app leads there (Frappe takes the module's first workspace, whoever may open it).
- `set_default_workspace` (on every login, and when the app grants or withdraws a role) lands the
  presiding board on "Soson Discipline", a Unit Head on "My Unit" and every other cadre on "My Work".
  A workspace the user chose that is not one of the app's is kept.
- `set_module_profile` (at the same moments) gives a user who holds only the app's roles the app's
  Module Profile (`CADRE_MODULE_PROFILE`), which blocks every module but the app's: Frappe's Users,
  Build, Website, Tools and Integrations workspaces, where such a user can do nothing, leave the
  sidebar. Frappe reads blocked modules only for the sidebar and the module icons, never for a
  permission. A user with any other role (an accountant who is also a cadre) keeps every workspace,
  and a Module Profile the office set is never replaced.
"""

import frappe
from frappe.permissions import get_roles

from soson_discipline.org import UNIT_HEAD_ROLE, get_user_cadre, get_user_units
from soson_discipline.permissions import PRESIDING_ROLES

BOARD_WORKSPACE = "Soson Discipline"
UNIT_WORKSPACE = "My Unit"
MY_WORK_WORKSPACE = "My Work"
APP_WORKSPACES = (BOARD_WORKSPACE, UNIT_WORKSPACE, MY_WORK_WORKSPACE)
APP_MODULE = "Soson Discipline"


def extend_bootinfo(bootinfo):
	"""`extend_bootinfo` hook: the session user's Cadre, unit and the units he or she heads (the forms
	use them to show read-only what the server would refuse)."""
	cadre = get_user_cadre() if frappe.session.user != "Guest" else None
	bootinfo.soson_discipline = frappe._dict(
		cadre=cadre.name if cadre else None,
		organization_unit=cadre.organization_unit if cadre else None,
		units=get_user_units() if cadre else [],
	)
	landing = workspace_for(frappe.session.user) if frappe.session.user != "Guest" else None
	workspaces = (bootinfo.get("module_wise_workspaces") or {}).get(APP_MODULE)
	if landing and workspaces and landing in workspaces:
		workspaces.remove(landing)
		workspaces.insert(0, landing)


def workspace_for(user: str) -> str | None:
	"""The app's landing workspace for `user`'s roles (None for a user the app has no page for)."""
	# not frappe.get_roles: at login the session has no user yet, and it would answer ["Guest"]
	roles = set(get_roles(user))
	if roles & PRESIDING_ROLES - {"Administrator", "System Manager"}:
		return BOARD_WORKSPACE
	if UNIT_HEAD_ROLE in roles:
		return UNIT_WORKSPACE
	if roles & {"Cadre", "Rater", "Inspector"} or get_user_cadre(user):
		return MY_WORK_WORKSPACE
	return None


def set_default_workspace(user: str | None = None) -> str | None:
	"""Point the user's `default_workspace` at the app's page for his or her roles, unless he or she
	chose a workspace of another app. Returns the workspace set (or kept)."""
	user = user or frappe.session.user
	if user in ("Administrator", "Guest") or not frappe.db.exists("User", user):
		return None
	current = frappe.db.get_value("User", user, "default_workspace")
	if current and current not in APP_WORKSPACES:
		return current
	wanted = workspace_for(user)
	if wanted and not frappe.db.exists("Workspace", wanted):
		wanted = None
	if wanted != current:
		frappe.db.set_value("User", user, "default_workspace", wanted, update_modified=False)
	return wanted


def set_default_workspace_on_login(login_manager):
	"""`on_login` hook."""
	set_default_workspace(login_manager.user)
	set_module_profile(login_manager.user)


# --------------------------------------------------------------------------------------------------
# The sidebar of a user who works only in the app
# --------------------------------------------------------------------------------------------------

CADRE_MODULE_PROFILE = "Soson Discipline Only"
# roles every desk user has, whatever the office gives
BASE_ROLES = frozenset({"All", "Guest", "Desk User"})


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


def works_only_in_the_app(user: str) -> bool:
	from soson_discipline.hooks import SOSON_ROLES

	roles = set(frappe.get_all("Has Role", filters={"parent": user, "parenttype": "User"}, pluck="role"))
	return bool(roles & set(SOSON_ROLES)) and roles <= set(SOSON_ROLES) | BASE_ROLES


def set_module_profile(user: str | None = None) -> str | None:
	"""Give `user` the app's Module Profile when he or she holds only the app's roles, take it back
	when he or she holds another; a profile the office set is kept. Returns the profile in force."""
	user = user or frappe.session.user
	if user in ("Administrator", "Guest") or not frappe.db.exists("User", user):
		return None
	current = frappe.db.get_value("User", user, "module_profile")
	if current and current != CADRE_MODULE_PROFILE:
		return current
	wanted = CADRE_MODULE_PROFILE if works_only_in_the_app(user) else None
	if wanted and not frappe.db.exists("Module Profile", wanted):
		wanted = None
	if wanted == (current or None):
		return wanted
	apply_module_profile(user, wanted)
	return wanted


def apply_module_profile(user: str, profile: str | None) -> None:
	"""Set `user`'s Module Profile and copy its blocked modules, as `User.validate` does, without
	saving the User: a save also rewrites site-wide defaults (`ask_pass_update`), and raters logging
	in together deadlocked on them (MariaDB 1213, issue 27). Only the user's own rows are written."""
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
	# rows deleted by name: a DELETE by parent that finds nothing still locks the index gap, and two
	# first logins inserting into gaps the other locked deadlock
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
