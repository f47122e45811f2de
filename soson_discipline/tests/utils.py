"""Test helpers shared by the app's integration tests: the `before_tests` hook and factories.

Factories are idempotent (they return the existing record when called again with the same key),
so test classes can share them without ordering assumptions.
"""

import frappe
from frappe.utils import getdate

from soson_discipline.utils.users import without_signup_throttle


def before_tests():
	"""Runs once before `bench run-tests --app soson_discipline` (only this app's hook runs)."""
	frappe.clear_cache()
	# A fresh site still has the setup wizard pending; tests do not need it but the language must be set.
	system_settings = frappe.get_single("System Settings")
	if not system_settings.setup_complete:
		frappe.db.set_single_value("System Settings", {"language": "en", "time_zone": "Asia/Ho_Chi_Minh"})
	frappe.db.commit()  # nosemgrep


def make_user(email: str, roles: list[str] | tuple[str, ...] = (), first_name: str | None = None) -> str:
	"""A desk user with exactly `roles` (besides the automatic ones)."""
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name or email.split("@")[0],
				"send_welcome_email": 0,
				"user_type": "System User",
			}
		)
		user.flags.no_welcome_mail = True
		with without_signup_throttle():
			user.insert(ignore_permissions=True)
	user = frappe.get_doc("User", email)
	existing = {r.role for r in user.roles}
	wanted = set(roles)
	if existing != wanted:
		user.set("roles", [])
		user.add_roles(*wanted) if wanted else user.save(ignore_permissions=True)
	return email


def make_unit(
	unit_name: str,
	parent: str | None = None,
	abbreviation: str | None = None,
	unit_kind: str = "Party Committee",
	valid_from="2020-01-01",
	valid_to=None,
	**kwargs,
) -> str:
	"""An Organization Unit; returns its name."""
	existing = frappe.db.get_value(
		"Organization Unit", {"unit_name": unit_name, "parent_organization_unit": parent or ""}, "name"
	) or frappe.db.get_value("Organization Unit", {"unit_name": unit_name}, "name")
	if existing:
		return existing
	doc = frappe.get_doc(
		{
			"doctype": "Organization Unit",
			"unit_name": unit_name,
			"abbreviation": abbreviation or "".join(w[0] for w in unit_name.split()).upper(),
			"unit_kind": unit_kind,
			"parent_organization_unit": parent,
			"is_group": 1,
			"valid_from": getdate(valid_from) if valid_from else None,
			"valid_to": getdate(valid_to) if valid_to else None,
			**kwargs,
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name


def make_cadre(
	full_name: str,
	unit: str,
	user: str | None = None,
	roles: list[str] | tuple[str, ...] = ("Cadre",),
	rater: str | None = None,
	**kwargs,
) -> str:
	"""A Cadre (with a desk user holding `roles` when `user` is given); returns the Cadre's name."""
	filters = {"user": user} if user else {"full_name": full_name, "organization_unit": unit}
	if existing := frappe.db.get_value("Cadre", filters, "name"):
		return existing
	if user:
		make_user(user, roles, first_name=full_name)
	doc = frappe.get_doc(
		{
			"doctype": "Cadre",
			"full_name": full_name,
			"organization_unit": unit,
			"user": user,
			"rater": rater,
			"status": "Active",
			"date_joined": getdate("2020-01-01"),
			**kwargs,
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name
