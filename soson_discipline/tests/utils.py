"""The `before_tests` hook of the app's integration tests (hooks.py); their factories and fixture
worlds are in tests/factories.py."""

import frappe


def before_tests():
	"""Runs once before `bench run-tests --app soson_discipline` (only this app's hook runs)."""
	frappe.clear_cache()
	# A fresh site still has the setup wizard pending; tests do not need it but the language must be set.
	system_settings = frappe.get_single("System Settings")
	if not system_settings.setup_complete:
		frappe.db.set_single_value("System Settings", {"language": "en", "time_zone": "Asia/Ho_Chi_Minh"})
	frappe.db.commit()  # nosemgrep
