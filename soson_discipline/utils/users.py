"""Helpers for creating and saving desk users in bulk (the role jobs, demo data, test fixtures)."""

from contextlib import contextmanager

import frappe


@contextmanager
def without_signup_throttle():
	"""Frappe refuses more than `throttle_user_limit` (default 60) new users an hour, a guard against
	sign-up floods. Loading an office's demo or test fixtures is a bulk import, not sign-ups: lift the
	limit for this process only while they are created."""
	conf = frappe.local.conf
	had, previous = "throttle_user_limit" in conf, conf.get("throttle_user_limit")
	conf["throttle_user_limit"] = 1_000_000
	try:
		yield
	finally:
		if had:
			conf["throttle_user_limit"] = previous
		else:
			conf.pop("throttle_user_limit", None)


@contextmanager
def users_saved_in_bulk():
	"""Users saved in the block share one recount of Frappe's list of users awaiting an email password,
	made at the end, instead of one per save: `User.validate` calls `ask_pass_update`, which rewrites a
	site-wide default and thereby empties every cache of the site, the DocTypes' metadata included,
	for everyone working on it. Giving a district's cadres their desk users, or a city's cadres their
	roles, saves a User per cadre: the site's caches were emptied as many times (a 20-person test
	world took 28 s instead of 4). The default ends the same: it is counted from the rows.

	For the one process that runs the block (a background job, the demo, a test): the other threads
	of a web worker would skip the recount too while it runs."""
	from frappe.core.doctype.user import user as user_module

	original = user_module.ask_pass_update
	user_module.ask_pass_update = lambda: None
	try:
		yield
	finally:
		user_module.ask_pass_update = original
	original()  # once, when the block succeeded
