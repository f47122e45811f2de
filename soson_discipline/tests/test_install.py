"""What install and migrate leave on a site."""

import frappe
from frappe.tests.utils import FrappeTestCase

from soson_discipline.hooks import SOSON_ROLES
from soson_discipline.integrations.sources import INTEGRATION_ROLE


class TestInstall(FrappeTestCase):
	def test_roles_are_installed_with_desk_access(self):
		"""People work in the desk; the API user of an office's other system never does."""
		for role in SOSON_ROLES:
			expected = 0 if role == INTEGRATION_ROLE else 1
			self.assertEqual(frappe.db.get_value("Role", role, "desk_access"), expected, role)

	def test_discipline_settings_have_defaults(self):
		settings = frappe.get_single("Discipline Settings")
		self.assertGreater(settings.reminder_lead_days, 0)
		self.assertTrue(
			0 < settings.self_assessment_due_day <= settings.rating_due_day <= settings.approval_due_day
		)

	def test_vietnamese_translations_are_loaded(self):
		from frappe.translate import get_all_translations

		translations = get_all_translations("vi")
		self.assertEqual(translations.get("Organization Unit"), "Đơn vị")
		self.assertEqual(translations.get("Cadre"), "Cán bộ")
		self.assertEqual(translations.get("Standing Committee"), "Ban Thường vụ")
