"""Helpers for creating desk users in bulk (demo data, test fixtures)."""

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
