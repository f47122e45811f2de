"""Demo data for soson_discipline: a believable Hanoi campaign around Directive 24-CT/TU.

    bench --site <site> execute soson_discipline.demo.load
    bench --site <site> execute soson_discipline.demo.clear

Each step module has `load()`; `clear()` removes exactly what the steps created (see registry.py).
Loading twice changes nothing. Names of people are fictional; the directive's appendix items are
examples to be checked against the official text.
"""

import importlib

import frappe

from soson_discipline.jobs import may_commit
from soson_discipline.utils.users import users_saved_in_bulk

# Order matters: later steps use the records of earlier ones.
STEPS = [
	"organisation",
	"campaign",
	"evaluation",
	"violations",
	"reporting",
	"followup",
	"warnings",
	"acting",
	"announcements",
	"unit_classification",
	"appeals",
]

DEMO_PASSWORD = "Demo@2025!"


def load():
	"""Create the demo data (idempotent). On a fresh site, first complete Frappe's setup wizard for a
	Vietnamese office (demo/site.py), without which desk users cannot open the desk."""
	prepare_site()
	frappe.flags.in_demo = True
	# The demo is a Vietnamese office: texts composed while loading (evaluation notes, report
	# titles) are written in Vietnamese, as they are when its users work in the desk.
	lang, frappe.local.lang = frappe.local.lang, "vi"
	try:
		with users_saved_in_bulk():
			for step in STEPS:
				importlib.import_module(f"soson_discipline.demo.{step}").load()
				_commit()
	finally:
		frappe.flags.in_demo = False
		frappe.local.lang = lang
	print(f"Soson Discipline demo loaded; demo users log in with the password {DEMO_PASSWORD!r}.")


def prepare_site():
	"""Complete the setup wizard of a fresh site; under tests the site is the test runner's and is
	left as it is."""
	from soson_discipline.demo.site import complete_site_setup

	if frappe.flags.in_test:
		return
	if complete_site_setup():
		print(
			"Frappe's setup wizard completed for a Vietnamese office "
			"(language vi, Asia/Ho_Chi_Minh, Vietnam, VND, dd-mm-yyyy, #.###,##)."
		)


def _commit():
	"""Each step is whole on its own; under tests the test case's rollback undoes everything."""
	if may_commit():
		frappe.db.commit()  # nosemgrep


def clear():
	"""Remove every record the demo created, and nothing else."""
	from soson_discipline.demo.registry import clear_logged

	frappe.flags.in_demo = True
	try:
		for step in reversed(STEPS):
			module = importlib.import_module(f"soson_discipline.demo.{step}")
			if hasattr(module, "clear"):
				module.clear()
		clear_logged()
		_commit()
	finally:
		frappe.flags.in_demo = False
	print("Soson Discipline demo data removed.")
