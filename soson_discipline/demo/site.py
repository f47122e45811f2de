"""A fresh site ready for desk users.

`bench new-site` leaves Frappe's setup wizard pending: until it is completed, every desk user is sent
to the wizard, which only a System Manager may open, so the demo's users would land on an empty desk
behind "Not permitted" dialogs. `complete_site_setup` completes it the way the wizard does
(`frappe.desk.page.setup_wizard.setup_wizard.setup_complete`: system settings, default language,
standard records, home page, `System Settings.setup_complete`) for a Vietnamese office, and does
nothing on a site whose setup is already complete (an office's own settings are never overwritten).
"""

import frappe
from frappe import _
from frappe.utils import cint

# What the wizard would be told by a Vietnamese office (Frappe derives the date format dd-mm-yyyy and
# the number format #.###,## from the country).
VIETNAM_SETUP = {
	"language_code": "vi",
	"country": "Vietnam",
	"timezone": "Asia/Ho_Chi_Minh",
	"currency": "VND",
}


def is_setup_complete() -> bool:
	return bool(cint(frappe.db.get_single_value("System Settings", "setup_complete")))


def complete_site_setup() -> bool:
	"""Complete Frappe's setup wizard for a Vietnamese office if it is still pending; returns whether
	it did anything. Idempotent."""
	if is_setup_complete():
		return False
	if frappe.session.user != "Administrator":
		frappe.throw(
			_(
				"The site's setup wizard is not complete. Log in as Administrator and complete it, "
				"or load the demo with bench execute, which completes it."
			),
			title=_("Setup Not Complete"),
		)
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	setup_complete(setup_args())
	# a Vietnamese calendar starts the week on Monday (Thứ hai); the wizard leaves Frappe's Sunday
	settings = frappe.get_single("System Settings")
	settings.first_day_of_the_week = "Monday"
	settings.save()  # its on_update makes it a default the desk reads (sys_defaults)
	if not is_setup_complete():
		frappe.throw(
			_(
				"The setup wizard did not complete (see the Error Log). Complete it in the desk as "
				"Administrator, then load the demo again."
			),
			title=_("Setup Not Complete"),
		)
	return True


def setup_args() -> dict:
	"""The setup wizard's arguments (it takes the language by its name, e.g. "Việt")."""
	language = (
		frappe.db.get_value("Language", VIETNAM_SETUP["language_code"], "language_name")
		or VIETNAM_SETUP["language_code"]
	)
	return {
		"language": language,
		"country": VIETNAM_SETUP["country"],
		"timezone": VIETNAM_SETUP["timezone"],
		"currency": VIETNAM_SETUP["currency"],
	}
