"""The one notification service: in the recipient's language, once a day per key, never to disabled
users, with an email only when the site can send one."""

import frappe
from frappe import _
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from soson_discipline.notifications import notify
from soson_discipline.tests.factories import make_unit, make_user

VI_USER = "notify.vi@notify.test.soson"
EN_USER = "notify.en@notify.test.soson"
OFF_USER = "notify.off@notify.test.soson"


def subject(lang):
	return _("Overdue task: {0} (due {1})", lang=lang).format("NT", "01-12-2026")


class TestNotify(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(VI_USER, ["Cadre"])
		make_user(EN_USER, ["Cadre"])
		make_user(OFF_USER, ["Cadre"])
		frappe.db.set_value("User", VI_USER, "language", "vi")
		frappe.db.set_value("User", EN_USER, "language", "en")
		frappe.db.set_value("User", OFF_USER, "enabled", 0)
		cls.unit = make_unit("NT Notify Unit", abbreviation="NTU")

	def logs(self, user):
		return frappe.get_all(
			"Notification Log",
			filters={"for_user": user, "document_type": "Organization Unit", "document_name": self.unit},
			pluck="subject",
		)

	def test_each_recipient_reads_it_in_his_language_once_a_day(self):
		users = [VI_USER, EN_USER, OFF_USER, None]
		sent = notify(users, subject, "Organization Unit", self.unit, once_per_day_key="nt-test", email=False)
		self.assertEqual(sorted(sent), sorted([VI_USER, EN_USER]))
		self.assertEqual(self.logs(EN_USER), ["Overdue task: NT (due 01-12-2026)"])
		vi = self.logs(VI_USER)
		self.assertEqual(len(vi), 1)
		self.assertNotIn("Overdue task", vi[0])  # Vietnamese
		self.assertEqual(self.logs(OFF_USER), [])

		# the same key the same day: nothing more; another day: again
		self.assertEqual(
			notify(users, subject, "Organization Unit", self.unit, once_per_day_key="nt-test"), []
		)
		self.assertEqual(len(self.logs(EN_USER)), 1)
		tomorrow = add_days(today(), 1)
		self.assertEqual(
			notify(
				[EN_USER], subject, "Organization Unit", self.unit, once_per_day_key="nt-test", on=tomorrow
			),
			[EN_USER],
		)
		self.assertEqual(len(self.logs(EN_USER)), 2)

	def test_without_a_key_every_call_notifies(self):
		before = len(self.logs(EN_USER))
		notify([EN_USER], "Plain subject", "Organization Unit", self.unit, email=False)
		notify([EN_USER], "Plain subject", "Organization Unit", self.unit, email=False)
		self.assertEqual(len(self.logs(EN_USER)), before + 2)

	def test_no_email_without_an_outgoing_account(self):
		if frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}):
			frappe.db.set_value("Email Account", {"default_outgoing": 1}, "enable_outgoing", 0)
		before = frappe.db.count("Email Queue", {"reference_name": self.unit})
		notify([EN_USER], "Mail subject", "Organization Unit", self.unit, email=True)
		self.assertEqual(frappe.db.count("Email Queue", {"reference_name": self.unit}), before)
		self.assertIn("Mail subject", self.logs(EN_USER))
